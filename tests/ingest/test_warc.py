"""Tests for dossier.ingest.warc: records from web archives, truncation and empty hauls."""

from __future__ import annotations

import gzip
import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from dossier.ingest import Input, read_items
from dossier.records import Raw, Rejection

from .conftest import PAGE, build_warc, gzip_whole


def _input(data: bytes, source: str = "crawl.warc.gz") -> Input:
    return Input(source, None, hashlib.sha256(data).hexdigest(), len(data), "warc", data)


def _summary(items: list[Raw | Rejection]) -> list[tuple[str | None, str, str | None] | str]:
    return [(item.url, item.format, item.locator) if isinstance(item, Raw) else item.reason for item in items]


@pytest.mark.parametrize("gz", [True, False])
def test_read_warc_keeps_http_200_pages_only(warc_bytes: Callable[..., bytes], gz: bool) -> None:
    items = list(read_items(_input(warc_bytes(gz=gz))))
    assert _summary(items) == [
        ("https://a.example/1", "html", "record 3 https://a.example/1"),
        ("https://a.example/notes.txt", "text", "record 7 https://a.example/notes.txt"),
        ("https://a.example/old", "html", "record 8 https://a.example/old"),
        ("https://a.example/saved", "html", "record 9 https://a.example/saved"),
    ]


def test_read_warc_fills_raw_fields(warc_bytes: Callable[..., bytes]) -> None:
    first = next(iter(read_items(_input(warc_bytes()))))
    assert isinstance(first, Raw)
    assert (first.source, first.container, first.published, first.title) == (
        "https://a.example/1", "crawl.warc.gz", None, None)  # WARC-Date is a crawl date
    assert first.data == PAGE % (1, 1) and first.text == (PAGE % (1, 1)).decode()


def test_read_warc_decodes_with_the_http_charset(warc_bytes: Callable[..., bytes]) -> None:
    texts = {raw.url: raw.text for raw in read_items(_input(warc_bytes())) if isinstance(raw, Raw)}
    assert texts["https://a.example/old"] == "<html><body><p>\u201cQuoted\u201d café</p></body></html>"
    assert texts["https://a.example/notes.txt"] == "Plain notes.\nSecond line."


def test_read_warc_streams_from_disk(tmp_path: Path, warc_bytes: Callable[..., bytes]) -> None:
    data = warc_bytes()
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    inp = Input(str(tmp_path / "crawl.warc.gz"), tmp_path / "crawl.warc.gz", "", len(data), "warc", None)
    assert len([item for item in read_items(inp) if isinstance(item, Raw)]) == 4


def test_read_warc_skips_an_oversized_payload() -> None:
    data = build_warc([("response", "https://a.example/big", "200 OK", "text/html", b"<p>" + b"x" * 500 + b"</p>"),
                       ("response", "https://a.example/ok", "200 OK", "text/html", b"<p>ok</p>")])
    assert [raw.url for raw in read_items(_input(data), max_bytes=100)] == ["https://a.example/ok"]  # type: ignore[union-attr]


def test_read_warc_sniffs_a_page_without_content_type() -> None:
    page = b"<html><body><p>x</p></body></html>"
    data = build_warc([("resource", "https://a.example/x", None, "application/octet-stream", page)])
    assert [raw.format for raw in read_items(_input(data))] == ["html"]  # type: ignore[union-attr]


def test_read_warc_reports_an_archive_with_nothing_usable() -> None:
    data = build_warc([("response", "https://a.example/404", "404 Not Found", "text/html", b"gone"),
                       ("response", "https://a.example/a.png", "200 OK", "image/png", b"\x89PNG"),
                       ("revisit", "https://a.example/r", "200 OK", "text/html", b"")])
    assert _summary(list(read_items(_input(data)))) == [
        "no usable records: 4 records but no HTTP 200 HTML or text response "
        "(skipped: 1 HTTP 404, 1 not HTML or text (image/png), 1 revisit)"]


def _record_spans(data: bytes) -> list[tuple[int, int]]:
    """(offset, length) of each record, as warcio measures them."""
    archive = ArchiveIterator(io.BytesIO(data))
    spans = []
    for _ in archive:
        spans.append((archive.get_record_offset(), archive.get_record_length()))
    return spans


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("cut_in", [0, 2, 5, 8, 9])
def test_read_warc_yields_records_before_a_truncation(warc_bytes: Callable[..., bytes], gz: bool, cut_in: int) -> None:
    data = warc_bytes(gz=gz)
    offset, length = _record_spans(data)[cut_in]
    full = [item for item in read_items(_input(data)) if isinstance(item, Raw)]
    items = list(read_items(_input(data[: offset + length // 2])))
    assert items[-1] == Rejection("crawl.warc.gz", f"truncated WARC: {cut_in} records read before the end of data")
    raws = [item for item in items if isinstance(item, Raw)]
    assert raws == [raw for raw in full if int(raw.locator.split()[1]) <= cut_in]  # type: ignore[union-attr]


def test_read_warc_reports_a_cut_gzip_trailer(warc_bytes: Callable[..., bytes]) -> None:
    items = list(read_items(_input(warc_bytes()[:-5])))  # the last record is whole, its gzip member is not
    assert items[-1] == Rejection("crawl.warc.gz", "truncated WARC: 9 records read before the end of data")
    assert len([item for item in items if isinstance(item, Raw)]) == 4


def test_read_warc_explains_whole_file_gzip(warc_bytes: Callable[..., bytes]) -> None:
    items = list(read_items(_input(gzip_whole(warc_bytes(gz=False)))))
    assert isinstance(items[-1], Rejection)
    assert "gzip-compressed as one stream, not per record" in items[-1].reason
    assert "warcio recompress" in items[-1].reason


def test_read_warc_rejects_a_file_that_is_not_a_warc() -> None:
    items = list(read_items(_input(b"Just some prose in a file named crawl.warc\n", "crawl.warc")))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert items[0].reason.startswith("not a valid WARC (")


def test_read_warc_explains_a_big_whole_file_gzip() -> None:
    pages = [("response", f"https://a.example/{n}", "200 OK", "text/html",
              b"<p>" + bytes(f"page {n} ", "ascii") * 9000 + b"</p>") for n in range(4)]
    items = list(read_items(_input(gzip_whole(build_warc(pages, gz=False)))))
    assert isinstance(items[-1], Rejection) and "not per record" in items[-1].reason


def test_read_warc_removes_http_content_and_transfer_encodings() -> None:
    body = b"<html><body><p>Compressed page.</p></body></html>"
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    data = build_warc([
        ("response", "https://a.example/gz", "200 OK", "text/html", gzip.compress(body),
         [("Content-Encoding", "gzip")]),
        ("response", "https://a.example/ch", "200 OK", "text/html", chunked, [("Transfer-Encoding", "chunked")]),
    ])
    assert [raw.data for raw in read_items(_input(data))] == [body, body]  # type: ignore[union-attr]
