"""Fixtures for the ingest tests: fixture paths and a small WARC builder (warcio's own writer)."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

# (record type, url, HTTP status or None, content type, payload[, extra HTTP headers])
WarcSpec = tuple[str, str, str | None, str, bytes] | tuple[str, str, str | None, str, bytes, list[tuple[str, str]]]

PAGE = b"<html><head><title>Page %d</title></head><body><p>Body of page %d.</p></body></html>"

DEFAULT_RECORDS: list[WarcSpec] = [
    ("request", "https://a.example/1", None, "", b""),
    ("response", "https://a.example/1", "200 OK", "text/html; charset=utf-8", PAGE % (1, 1)),
    ("response", "https://a.example/missing", "404 Not Found", "text/html", b"<html>gone</html>"),
    ("response", "https://a.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("revisit", "https://a.example/1", "200 OK", "text/html", b""),
    ("response", "https://a.example/notes.txt", "200 OK", "text/plain", b"Plain notes.\r\nSecond line."),
    ("response", "https://a.example/old", "200 OK", "text/html; charset=windows-1252",
     b"<html><body><p>\x93Quoted\x94 caf\xe9</p></body></html>"),
    ("resource", "https://a.example/saved", None, "text/html", PAGE % (2, 2)),
    ("metadata", "https://a.example/1", None, "application/warc-fields", b"outlink: x\r\n"),
]


def build_warc(records: list[WarcSpec], *, gz: bool = True, warcinfo: bool = True) -> bytes:
    """The bytes of a WARC holding ``records`` (plus a warcinfo record first)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    if warcinfo:
        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "dossier-tests"}))
    for spec in records:
        kind, url, status, ctype, payload = spec[:5]
        extra = spec[5] if len(spec) > 5 else []  # type: ignore[misc]
        writer.write_record(_record(writer, kind, url, status, ctype, payload, extra))
    return buf.getvalue()


def _record(writer: WARCWriter, kind: str, url: str, status: str | None, ctype: str, payload: bytes,  # type: ignore[no-untyped-def]
            extra: list[tuple[str, str]]):
    if kind == "request":
        headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "a.example")], is_http_request=True)
        return writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers)
    if kind == "revisit":
        return writer.create_revisit_record(url, "sha1:AAAA", url, "2024-01-01T00:00:00Z")
    if status is not None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
        return writer.create_warc_record(url, kind, payload=io.BytesIO(payload), http_headers=headers)
    return writer.create_warc_record(url, kind, payload=io.BytesIO(payload), warc_content_type=ctype)


@pytest.fixture
def fixtures() -> Path:
    """The folder of small, hand-written ingest fixtures."""
    return FIXTURES


@pytest.fixture
def warc_bytes() -> Callable[..., bytes]:
    """A factory for WARC bytes: ``warc_bytes(records=None, gz=True)``."""
    def make(records: list[WarcSpec] | None = None, *, gz: bool = True) -> bytes:
        return build_warc(DEFAULT_RECORDS if records is None else records, gz=gz)
    return make


def gzip_whole(data: bytes) -> bytes:
    """``data`` gzip-compressed as one stream (not per record)."""
    return gzip.compress(data)
