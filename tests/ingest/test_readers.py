"""Tests for dossier.ingest.readers: dispatch, text/HTML pages and JSONL."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dossier.ingest import Input, iter_inputs, read_items
from dossier.records import Raw, Rejection


def _input(data: bytes, fmt: str, source: str = "x") -> Input:
    return Input(source, None, hashlib.sha256(data).hexdigest(), len(data), fmt, data)


def _read(path: Path) -> list[Raw | Rejection]:
    return [item for inp in iter_inputs([str(path)]) if isinstance(inp, Input) for item in read_items(inp)]


@pytest.mark.parametrize(
    ("name", "fmt", "text_start"),
    [
        ("article.txt", "text", "Ministers agree on flood defence plan\n\nBy Jane Roe"),
        ("page.html", "html", "<!DOCTYPE html>\n<html"),
        ("page_as.txt", "html", "<html><head><title>Saved with the wrong extension"),
        ("prose.html", "text", "This file is called .html but holds plain prose only."),
        ("malformed.html", "html", "<html><head><title>Broken <b>page</title>\n<body>"),
        ("crlf.txt", "text", "Line one\nLine two\n\nLine four\n"),
        ("cp1252.txt", "text", "The minister said \u201cwe will not back down\u201d \u2014 it\u2019s over."),
        ("latin1.txt", "text", "Le ministre a déclaré à Paris que l'été serait chaud."),
        ("mixed.txt", "text", "Valid \u201cUTF-8\u201d quotes and a stray \u201ccp1252\u201d pair."),
    ],
)
def test_read_items_gives_one_raw_per_page(fixtures: Path, name: str, fmt: str, text_start: str) -> None:
    items = _read(fixtures / name)
    assert len(items) == 1 and isinstance(items[0], Raw)
    raw = items[0]
    assert (raw.source, raw.format, raw.container, raw.locator) == (str(fixtures / name), fmt, None, None)
    assert raw.data == (fixtures / name).read_bytes()  # verbatim
    assert raw.text is not None and raw.text.startswith(text_start)
    assert "\r" not in raw.text


def test_read_items_reads_a_page_kept_on_disk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"On disk.\r\n")
    inp = Input(str(tmp_path / "a.txt"), tmp_path / "a.txt", "", 10, "text", None)
    assert [raw.text for raw in read_items(inp)] == ["On disk.\n"]  # type: ignore[union-attr]


def test_read_items_rejects_undecodable_pages() -> None:
    items = list(read_items(_input(bytes(range(32)) * 20, "text", "junk.txt")))
    assert items == [Rejection("junk.txt", items[0].reason)]  # type: ignore[union-attr]
    assert items[0].reason.startswith("cannot decode the bytes as text")  # type: ignore[union-attr]


def test_read_items_rejects_an_unknown_format() -> None:
    items = list(read_items(_input(b"x", "pdf")))
    assert isinstance(items[0], Rejection) and "unknown input format 'pdf'" in items[0].reason


def test_read_items_splits_jsonl_and_reports_bad_lines(fixtures: Path) -> None:
    items = _read(fixtures / "extra.jsonl")
    summary = [(item.locator, item.format, item.url) if isinstance(item, Raw) else item.reason[:7] for item in items]
    assert summary == [
        ("line 1", "html", "https://j.example.org/1"),
        ("line 3", "text", "https://j.example.org/2"),
        "line 4:", "line 5:", "line 6:",
        ("line 7", "text", None),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"url": "u", "html": <p>}', "line 1: not valid JSON (Expecting value at column 22); fix or remove the line"),
        (b'["a"]', 'line 1: a JSON list, not an object; each line must be {"url", "title", "html"}'),
        (b'{"url": "u", "html": "  "}', "line 1: no non-empty 'html' or 'text' field; each line needs one"),
        (b'{"url": "u", "text": 42}', "line 1: no non-empty 'html' or 'text' field; each line needs one"),
        (b'{"text": "\xff\xfe\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"}', "line 1: cannot decode"),
    ],
)
def test_read_items_rejects_a_bad_jsonl_line(line: bytes, reason: str) -> None:
    items = list(read_items(_input(line + b"\n", "jsonl", "extra.jsonl")))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert items[0].source == "extra.jsonl" and items[0].reason.startswith(reason)


def test_read_items_fills_jsonl_fields(fixtures: Path) -> None:
    first, second = (item for item in _read(fixtures / "extra.jsonl") if isinstance(item, Raw) and item.url)
    assert (first.source, first.title, first.published, first.authors) == (
        "https://j.example.org/1", "First", "2022-01-05", ("A. Writer", "B. Writer"))
    assert first.container == str(fixtures / "extra.jsonl")
    assert json.loads(first.data)["title"] == "First"  # data is the verbatim line
    assert (second.text, second.published, second.authors) == ("Second body.\nMore.", "2022-01-05", ("C. Writer",))


def test_read_items_names_a_jsonl_document_without_url(fixtures: Path) -> None:
    last = _read(fixtures / "extra.jsonl")[-1]
    assert isinstance(last, Raw)
    assert (last.source, last.published) == (f"{fixtures / 'extra.jsonl'}#line 7", None)


def test_read_items_keeps_jsonl_line_numbers_with_crlf_and_bom() -> None:
    data = b'\xef\xbb\xbf{"text": "a"}\r\n\r\n{"text": "b"}\r\n'
    items = list(read_items(_input(data, "jsonl")))
    assert [(raw.locator, raw.text, raw.data) for raw in items] == [  # type: ignore[union-attr]
        ("line 1", "a", b'{"text": "a"}'), ("line 3", "b", b'{"text": "b"}')]


def test_read_items_reads_utf16_jsonl() -> None:
    data = '{"text": "Zoë"}\n'.encode("utf-16")
    items = list(read_items(_input(data, "jsonl")))
    assert [raw.text for raw in items] == ["Zoë"]  # type: ignore[union-attr]


def test_read_items_rejects_an_oversized_jsonl_line() -> None:
    data = b'{"text": "' + b"x" * 200 + b'"}\n{"text": "ok"}\n'
    items = list(read_items(_input(data, "jsonl", "big.jsonl"), max_bytes=100))
    assert isinstance(items[0], Rejection) and items[0].reason.startswith("line 1: 0.0 MB over the 0.0001 MB limit")
    assert isinstance(items[1], Raw) and items[1].text == "ok"


SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="no samples/ folder")
def test_read_items_reads_the_sample_corpus() -> None:
    inputs = list(iter_inputs([str(SAMPLES)]))
    assert all(isinstance(inp, Input) for inp in inputs)
    formats = {inp.format for inp in inputs if isinstance(inp, Input)}
    assert {"text", "html", "rss", "warc", "jsonl"} <= formats
    items = [item for inp in inputs if isinstance(inp, Input) for item in read_items(inp)]
    assert items and all(isinstance(item, Raw) and item.text for item in items)
