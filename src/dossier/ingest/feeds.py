"""Read RSS and Atom feeds: one :class:`Raw` per item that carries its article's text.

feedparser reads the fields (it handles RSS 0.9x/1.0/2.0, Atom, broken XML, entities and
sanitises the HTML); lxml's ``iterparse`` slices each item's own XML for ``Raw.data``.
The body is ``content:encoded`` / Atom ``content``, else the summary. The publication
date is the date as written in the feed (``Mon, 01 Jun 2020 23:30 -0400`` is June 1),
not feedparser's UTC conversion.
"""

from __future__ import annotations

import io
import json
import logging
import re
import time
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
from lxml import etree

from dossier.ingest.detect import normalise_text
from dossier.ingest.sources import Input
from dossier.records import Raw, Rejection

__all__ = ["iso_date", "read_feed"]

log = logging.getLogger(__name__)

_ITEM_TAGS = (
    "item",  # RSS 0.9x / 2.0
    "{http://purl.org/rss/1.0/}item",
    "{http://my.netscape.com/rdf/simple/0.9/}item",
    "{http://www.w3.org/2005/Atom}entry",
    "{http://purl.org/atom/ns#}entry",  # Atom 0.3
)
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")


def read_feed(inp: Input) -> Iterator[Raw | Rejection]:
    """Yield a Raw per feed item with content or a summary, or Rejections.

    A file that is not a feed (not XML, no items) gives one Rejection; an item with no
    text gives a Rejection naming the item, and the other items are still read.
    """
    data = inp.data if inp.data is not None else _read_path(inp)
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    entries = parsed.get("entries") or []
    if not entries:
        yield Rejection(inp.source, _not_a_feed(parsed))
        return
    slices = _item_xml(data)
    version = str(parsed.get("version") or "")
    if len(slices) != len(entries):
        log.debug("%s: %d items parsed but %d sliced; item data rendered as JSON",
                  inp.source, len(entries), len(slices))
        slices = []
    outlet = _channel_outlet(_text((parsed.get("feed") or {}).get("title")))
    for index, entry in enumerate(entries, start=1):
        yield _entry_raw(inp, entry, index, slices[index - 1] if slices else None, version, outlet)


def _read_path(inp: Input) -> bytes:
    """The feed's bytes from disk (only when the input was too big to keep in memory)."""
    if inp.path is None:
        return b""
    return inp.path.read_bytes()


def _not_a_feed(parsed: Any) -> str:
    """The reason a parse produced no items."""
    if parsed.get("bozo"):
        err = parsed.get("bozo_exception")
        message = str(getattr(err, "getMessage", lambda: err)()).strip().splitlines()
        short = message[0][:120] if message else type(err).__name__
        return f"not a valid RSS/Atom feed: {short}; check that the file is a feed"
    return "feed has no items; nothing to ingest"


def _entry_raw(inp: Input, entry: Any, index: int, xml: bytes | None, version: str,
               outlet: str | None = None) -> Raw | Rejection:
    """The Raw for one feed entry, or a Rejection when it carries no text."""
    url = _text(entry.get("link"))
    locator = f"item {index} {url}" if url else f"item {index}"
    body, fmt = _body(entry)
    if not body.strip():
        return Rejection(inp.source, f"{locator}: the item has no content or summary; "
                         "save the linked page and ingest the HTML instead")
    title = _text(entry.get("title"))
    published = _published(entry, version)
    authors = _authors(entry)
    data = xml if xml is not None else _as_json(url, title, published, authors, body)
    return Raw(source=url or f"{inp.source}#{locator}", data=data, format=fmt, url=url, title=title,
               published=published, authors=authors, container=inp.source, locator=locator,
               text=normalise_text(body), outlet=outlet)


def _body(entry: Any) -> tuple[str, str]:
    """The longest of the item's content blocks, else its summary, and how to clean it."""
    blocks = [block for block in entry.get("content") or [] if _text(block.get("value"))]
    if blocks:
        best = max(blocks, key=lambda block: len(block.get("value", "")))
        return best["value"], _cleaner(best.get("type"))
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", _cleaner(detail.get("type"))


def _cleaner(media_type: str | None) -> str:
    """"text" for plain-text blocks, "html" otherwise (feed bodies are usually HTML)."""
    return "text" if media_type == "text/plain" else "html"


def _published(entry: Any, version: str) -> str | None:
    """YYYY-MM-DD as written in the feed, else from feedparser's parsed (UTC) date.

    In RSS (not Atom) feedparser files ``dc:date`` under ``updated``; there it is the
    item's only date and stands for publication. Atom's ``updated`` is a modification date.
    """
    keys = ("published",) if version.startswith("atom") else ("published", "updated")
    for key in keys:
        date = iso_date(_text(entry.get(key)))
        if date is not None:
            return date
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    return None


def iso_date(value: str | None) -> str | None:
    """The calendar date of an ISO 8601 or RFC 822 date string, or None.

    >>> iso_date("Mon, 01 Jun 2020 23:30:00 -0400"), iso_date("2020-06"), iso_date("soon")
    ('2020-06-01', '2020-06', None)
    """
    if not value:
        return None
    match = _ISO.match(value)
    if match:
        year, month, day = match.groups()
        return _valid_date(year, month, day)
    try:
        moment: datetime = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.strftime("%Y-%m-%d")


def _valid_date(year: str, month: str, day: str | None) -> str | None:
    """``YYYY-MM[-DD]`` when it names a real date."""
    try:
        datetime(int(year), int(month), int(day or 1))
    except ValueError:
        return None
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"


def _authors(entry: Any) -> tuple[str, ...]:
    """Author names in feed order, without duplicates."""
    names = [_text(author.get("name")) for author in entry.get("authors") or [] if isinstance(author, dict)]
    if not any(names):
        names = [_text(entry.get("author"))]
    return tuple(dict.fromkeys(name for name in names if name))


_SECTION_SEPARATOR = re.compile(r"\s+[|\u2013\u2014:-]\s+")


def _channel_outlet(title: str | None) -> str | None:
    """The publisher from a channel title.

    "BBC News - World" and "Frontier Wire — Afghanistan" name their desk after a separator.
    """
    if not title:
        return None
    return _SECTION_SEPARATOR.split(title, maxsplit=1)[0].strip() or None


def _text(value: Any) -> str | None:
    """A stripped non-empty string, or None."""
    return value.strip() or None if isinstance(value, str) else None


def _as_json(url: str | None, title: str | None, published: str | None,
             authors: tuple[str, ...], body: str) -> bytes:
    """The item rendered as JSON, used when its XML could not be sliced out."""
    record = {"url": url, "title": title, "published": published, "authors": list(authors), "html": body}
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _item_xml(data: bytes) -> list[bytes]:
    """Each item's (or entry's) XML, in document order; empty if the XML does not parse."""
    items: list[bytes] = []
    events = etree.iterparse(io.BytesIO(data), events=("end",), tag=_ITEM_TAGS, recover=True,
                             resolve_entities=False, no_network=True, huge_tree=False)
    try:
        for _, element in events:
            items.append(etree.tostring(element, with_tail=False))
            element.clear(keep_tail=False)
    except etree.LxmlError:
        return []
    return items
