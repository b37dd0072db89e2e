"""Read web archives (WARC, plain or gzip): one :class:`Raw` per archived HTML or text page.

Each ``response`` record with HTTP 200 and an HTML or text content type becomes a Raw,
and so does a ``resource`` record of such a type (pages saved without HTTP headers).
``request``, ``warcinfo`` and ``metadata`` records are skipped silently; revisits, other
statuses, other types and oversized payloads are counted and logged at DEBUG, and reported
in one Rejection only when the archive holds nothing usable. A truncated archive yields the
records read so far, then one Rejection.

``Raw.data`` is the HTTP payload with transfer and content encodings removed (chunked,
gzip), which is what the cleaner needs. The WARC-Date is the crawl date, not the
publication date, so it is not reported as ``published``.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from dossier.ingest.detect import UNDECODABLE, detect_format, looks_like_warc, try_decode
from dossier.ingest.sources import Input
from dossier.records import Raw, Rejection

__all__ = ["read_warc"]

log = logging.getLogger(__name__)

_SILENT = frozenset({"request", "warcinfo", "metadata", "conversion", "continuation"})
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_UNKNOWN_TYPES = ("", "application/octet-stream", "application/warc-record", "unknown", "no-type")
_ARCHIVE_START = re.compile(rb"\s*(?:WARC/|filedesc://)")
_HEAD = 4096
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# warcio raises these (AttributeError included) on truncated or malformed data
_WARC_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, AttributeError,
                ValueError, IndexError, KeyError, zlib.error, OSError)


def read_warc(inp: Input, *, max_bytes: int) -> Iterator[Raw | Rejection]:
    """Yield a Raw per usable record of a WARC file, streaming it when ``inp.data`` is None.

    Args:
        inp: a detected input of format "warc".
        max_bytes: the largest payload taken from one record; bigger ones are skipped.
    """
    if inp.data is not None:
        yield from _read_stream(inp, io.BytesIO(inp.data), max_bytes)
        return
    if inp.path is None:
        yield Rejection(inp.source, "no data and no path to read the WARC from")
        return
    with open(inp.path, "rb") as stream:
        yield from _read_stream(inp, stream, max_bytes)


class _Archive(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator, noting whether the last gzip member ended (warcio stops silently)."""

    gzip_complete = True
    gzipped = False

    def close(self) -> None:
        decompressor = getattr(self.reader, "decompressor", None)
        if decompressor is not None and hasattr(decompressor, "eof"):
            self.gzipped = True
            self.gzip_complete = bool(decompressor.eof)
        super().close()


class _Progress:
    """What the walk over one archive has seen so far."""

    def __init__(self) -> None:
        self.records = 0  # complete records of any type
        self.usable = 0
        self.end = 0  # offset just past the last complete record
        self.skipped: Counter[str] = Counter()
        self.truncated = False
        self.error: str | None = None


def _read_stream(inp: Input, stream: IO[bytes], max_bytes: int) -> Iterator[Raw | Rejection]:
    """Walk the records of an open archive, then report truncation or an empty haul."""
    progress = _Progress()
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    head = stream.read(_HEAD)
    if not _ARCHIVE_START.match(head) and not looks_like_warc(head):
        yield Rejection(inp.source, "not a valid WARC (it does not start with 'WARC/1.0' or 'WARC/1.1'); "
                        "check that the file is a web archive")
        return
    stream.seek(0)
    archive = _Archive(stream)
    records = iter(archive)
    try:
        while True:
            with _quiet(inp.source):  # only around warcio's own calls, never across a yield
                record = next(records, None)
                if record is None:
                    break
                result = _convert(inp, record, progress.records + 1, max_bytes, progress.skipped)
                archive.read_to_end()
            if not _complete(archive, record, stream, size):
                progress.truncated = True
                break
            progress.records += 1
            progress.end = archive.get_record_offset() + archive.get_record_length()
            if result is not None:
                progress.usable += isinstance(result, Raw)
                yield result
    except _WARC_ERRORS as err:
        progress.error = _first_line(err)
    if not progress.truncated and progress.error is None:
        progress.truncated = not archive.gzip_complete or _has_leftover(stream, progress.end, archive.gzipped)
    yield from _summary(inp, progress)


@contextmanager
def _quiet(source: str) -> Iterator[None]:
    """Send what warcio writes to stderr (multi-line warnings) to this module's DEBUG log."""
    buffer = io.StringIO()
    with redirect_stderr(buffer):
        yield
    if buffer.getvalue():
        log.debug("%s: warcio said: %s", source, buffer.getvalue().strip())


def _complete(archive: _Archive, record: ArcWarcRecord, stream: IO[bytes], size: int) -> bool:
    """Whether a record was read whole: a Content-Length, all its bytes, an ended gzip member.

    A gzip member that has not ended while data remains is a whole-file gzip, which warcio
    reports at the next record; at the end of the data it is a cut-off member.
    """
    if record.length is None or getattr(record.raw_stream, "limit", 0) > 0:
        return False
    decompressor = getattr(archive.reader, "decompressor", None)
    ended = decompressor is None or bool(getattr(decompressor, "eof", True))
    return ended or stream.tell() < size


def _convert(inp: Input, record: ArcWarcRecord, index: int, max_bytes: int,
             skipped: Counter[str]) -> Raw | Rejection | None:
    """The Raw for one record, or None (counted in ``skipped``) when it is not a page."""
    kind = record.rec_type
    if kind in _SILENT:
        return None
    ctype = _content_type(record)
    why = _skip_reason(record, kind, ctype)
    if why is not None:
        skipped[why] += 1
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        skipped[f"payload over {max_bytes / 1e6:g} MB"] += 1
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    locator = f"record {index} {url}" if url else f"record {index}"
    fmt = _page_format(ctype, payload)
    if fmt is None:
        skipped[f"not HTML or text ({ctype or 'no content type'})"] += 1
        return None
    text = try_decode(payload, declared=_charset(ctype))
    if text is None:
        return Rejection(inp.source, f"{locator}: {UNDECODABLE}")
    return Raw(source=url or f"{inp.source}#{locator}", data=payload, format=fmt, url=url,
               container=inp.source, locator=locator, text=text)


def _skip_reason(record: ArcWarcRecord, kind: str, ctype: str) -> str | None:
    """Why a record is not an archived page, or None if it may be one."""
    if kind == "revisit":
        return "revisit"
    if kind not in ("response", "resource"):
        return f"{kind} record"
    if kind == "response":
        status = record.http_headers.get_statuscode() if record.http_headers else None
        if status != "200":
            return f"HTTP {status or 'status missing'}"
    if _media_type(ctype) not in _UNKNOWN_TYPES and not ctype.startswith((*_HTML_TYPES, "text/plain")):
        return f"not HTML or text ({ctype})"
    return None


def _content_type(record: ArcWarcRecord) -> str:
    """The payload's media type with parameters, lower-cased ("" when unknown)."""
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = headers.get_header("Content-Type") if headers else None
    return (value or "").strip().lower()


def _page_format(ctype: str, payload: bytes) -> str | None:
    """"html" or "text" for the cleaner, sniffing the payload when no type was given."""
    if ctype.startswith(_HTML_TYPES):
        return "html"
    if ctype.startswith("text/plain"):
        return "text"
    if _media_type(ctype) not in _UNKNOWN_TYPES:
        return None
    sniffed = detect_format(payload[:65_536], "")
    return sniffed if sniffed in ("html", "text") else None


def _media_type(ctype: str) -> str:
    """The media type without parameters ("text/html; charset=x" -> "text/html")."""
    return ctype.split(";", 1)[0].strip()


def _charset(ctype: str) -> str | None:
    """The charset parameter of a Content-Type value, if any."""
    match = _CHARSET.search(ctype)
    return match.group(1) if match else None


def _has_leftover(stream: IO[bytes], end: int, gzipped: bool) -> bool:
    """Whether a cut-off record follows the last complete one (or its end marker is cut)."""
    stream.seek(end)
    tail = stream.read(4096)
    if not gzipped and end > 0 and not tail.startswith((b"\r\n\r\n", b"\n\n")):
        return True  # every uncompressed record ends with two CRLFs
    return bool(tail.strip())


def _first_line(err: BaseException) -> str:
    """A short, one-line version of a warcio error."""
    text = str(err).strip().splitlines()
    return f"{type(err).__name__}: {text[0][:120]}" if text else type(err).__name__


def _summary(inp: Input, progress: _Progress) -> Iterator[Rejection]:
    """The Rejections that describe the whole archive, if any."""
    if progress.skipped:
        log.debug("%s: skipped %s", inp.source, dict(progress.skipped))
    if progress.error and "non-chunked gzip" in progress.error:
        yield Rejection(inp.source, f"WARC gzip-compressed as one stream, not per record; {progress.records} "
                        "records read; run 'warcio recompress IN OUT' and ingest the result")
        return
    if progress.error and progress.records == 0:
        yield Rejection(inp.source, f"not a valid WARC ({progress.error}); check that the file is a web archive")
        return
    if progress.usable == 0 and progress.records > 0:
        counts = ", ".join(f"{n} {why}" for why, n in progress.skipped.most_common()) or "none"
        yield Rejection(inp.source, f"no usable records: {progress.records} records but no HTTP 200 "
                        f"HTML or text response (skipped: {counts})")
    if progress.truncated or progress.error:
        yield Rejection(inp.source, f"truncated WARC: {progress.records} records read before the end of data")
