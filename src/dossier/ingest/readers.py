"""Split one :class:`Input` into document-sized :class:`Raw` records, one reader per format.

===========  ========================================================================
format       what becomes a Raw
===========  ========================================================================
text, html   the whole file
warc         each HTTP 200 HTML/text response (:mod:`dossier.ingest.warc`)
rss          each feed item with content or a summary (:mod:`dossier.ingest.feeds`)
jsonl        each line ``{"url", "title", "html" | "text", "published", "authors"}``
===========  ========================================================================

Every Raw carries ``text``: the decoded input with ``"\\n"`` newlines, which the cleaner
works on; ``data`` keeps the verbatim bytes. For a container (WARC, feed, JSONL),
``container`` is the file, ``locator`` says where inside it ("line 12"), and ``source`` is
the item's URL, or ``<file>#<locator>`` when it has none. A bad record becomes a
Rejection and the reader goes on with the rest.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any

from dossier.ingest.detect import UNDECODABLE, normalise_text, try_decode
from dossier.ingest.feeds import iso_date, read_feed
from dossier.ingest.sources import Input
from dossier.ingest.warc import read_warc
from dossier.records import Raw, Rejection

__all__ = ["read_items"]


def read_items(inp: Input, *, max_bytes: int = 50_000_000) -> Iterator[Raw | Rejection]:
    """Yield the documents in one input, or a Rejection for each part that cannot be read.

    Args:
        inp: an input from :func:`dossier.ingest.iter_inputs`.
        max_bytes: the largest single document (a WARC payload, a JSONL line).

    >>> from dossier.ingest import iter_inputs
    >>> import io
    >>> [raw.text for inp in iter_inputs(["-"], stdin=io.BytesIO(b"Hello\\r\\n")) for raw in read_items(inp)]
    ['Hello\\n']
    """
    if inp.format == "warc":
        yield from read_warc(inp, max_bytes=max_bytes)
    elif inp.format == "rss":
        yield from read_feed(inp)
    elif inp.format == "jsonl":
        yield from _read_jsonl(inp, max_bytes=max_bytes)
    elif inp.format in ("text", "html"):
        yield _read_page(inp)
    else:
        yield Rejection(inp.source, f"unknown input format '{inp.format}'; known: html, jsonl, rss, text, warc")


def _data(inp: Input) -> bytes:
    """The input's bytes, from memory or (for a file kept on disk) from its path."""
    if inp.data is not None:
        return inp.data
    return inp.path.read_bytes() if inp.path is not None else b""


def _read_page(inp: Input) -> Raw | Rejection:
    """One text or HTML file as one Raw."""
    data = _data(inp)
    text = try_decode(data)
    if text is None:
        return Rejection(inp.source, UNDECODABLE)
    return Raw(source=inp.source, data=data, format=inp.format, text=text, url=inp.url)


def _read_jsonl(inp: Input, *, max_bytes: int) -> Iterator[Raw | Rejection]:
    """One Raw per JSON line; a bad line gives ``Rejection("line N: ...")`` and reading goes on."""
    for number, line in _lines(_data(inp)):
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield Rejection(inp.source, f"line {number}: {len(line) / 1e6:.1f} MB over the "
                            f"{max_bytes / 1e6:g} MB limit for one article; shorten it or raise --max-bytes")
            continue
        yield _jsonl_raw(inp, number, line)


def _lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Numbered lines (1-based) without their newline; UTF-16/32 files re-encoded as UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        data = (try_decode(data) or "").encode("utf-8")
    data = data.removeprefix(codecs.BOM_UTF8)
    for number, line in enumerate(data.split(b"\n"), start=1):
        yield number, line.removesuffix(b"\r")


def _jsonl_raw(inp: Input, number: int, line: bytes) -> Raw | Rejection:
    """The Raw for one JSONL line, or a Rejection naming the line and the fix."""
    record, error = _parse_line(line)
    if record is None:
        return Rejection(inp.source, f"line {number}: {error}")
    body_key = "html" if _string(record.get("html")) else "text" if _string(record.get("text")) else None
    if body_key is None:
        return Rejection(inp.source, f"line {number}: no non-empty 'html' or 'text' field; "
                         "each line needs one (with optional 'url', 'title', 'published', 'authors')")
    url = _string(record.get("url"))
    locator = f"line {number}"
    return Raw(source=url or f"{inp.source}#{locator}", data=line, format=body_key, url=url,
               title=_string(record.get("title")), published=iso_date(_string(record.get("published"))),
               authors=_authors(record.get("authors", record.get("author"))), container=inp.source,
               locator=locator, text=normalise_text(str(record[body_key])))


def _parse_line(line: bytes) -> tuple[dict[str, Any] | None, str]:
    """The JSON object on a line, or None and the reason it is not one."""
    text = try_decode(line)
    if text is None:
        return None, UNDECODABLE
    try:
        value = json.loads(text)
    except ValueError as err:
        return None, f"not valid JSON ({_json_error(err)}); fix or remove the line"
    if not isinstance(value, dict):
        return None, f"a JSON {type(value).__name__}, not an object; each line must be {{\"url\", \"title\", \"html\"}}"
    return value, ""


def _json_error(err: ValueError) -> str:
    """A JSON error without the repeated line number."""
    if isinstance(err, json.JSONDecodeError):
        return f"{err.msg} at column {err.colno}"
    return str(err)[:120]


def _string(value: Any) -> str | None:
    """A stripped non-empty string, or None."""
    return value.strip() or None if isinstance(value, str) else None


def _authors(value: Any) -> tuple[str, ...]:
    """Author names from a string or a list of strings / ``{"name": ...}`` objects."""
    items = value if isinstance(value, list) else [value]
    names = (_string(item.get("name")) if isinstance(item, dict) else _string(item) for item in items)
    return tuple(dict.fromkeys(name for name in names if name))
