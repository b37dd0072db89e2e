"""Tests for dossier.ingest.detect: format detection and decoding."""

from __future__ import annotations

import codecs
import gzip

import pytest

from dossier.errors import InputError
from dossier.ingest.detect import decode, detect_format, is_blank, normalise_text, try_decode, unsupported_reason

from .conftest import build_warc

HTML = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hi</p></body></html>"
WARC_PLAIN = build_warc([], gz=False)
WARC_GZ = build_warc([])


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (HTML, "page.html", "html"),
        (HTML, "page.txt", "html"),  # content beats extension
        (b"Just prose, no tags.\nSecond line.", "page.html", "text"),
        (b"<div><p>one</p><p>two</p></div>", "snippet", "html"),  # several block tags
        (b"Use the <div> element for layout.", "note.txt", "text"),  # one tag in prose
        (b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'><body/></html>", "a.xhtml", "html"),
        (b"  \n<head><title>x</title></head>", "x", "html"),
        (WARC_PLAIN, "a.bin", "warc"),
        (WARC_GZ, "a.warc.gz", "warc"),
        (WARC_GZ, "a.gz", "warc"),
        (gzip.compress(b"<html>not a warc</html>"), "a.warc.gz", None),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "x.txt", "rss"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>', "feed", "rss"),
        (b'<?xml version="1.0"?>\n<!-- c -->\n<rdf:RDF xmlns:rdf="x"></rdf:RDF>', "x", "rss"),
        (b'<?xml version="1.0"?><urlset><url/></urlset>', "sitemap.xml", "rss"),  # feed reader explains
        (b"Not XML at all.", "news.rss", "rss"),  # a broken feed is reported as a feed
        (b"Not XML at all.", "news.xml", "rss"),
        (b'{"url": "u", "html": "<p>x</p>"}\n{"url": "v"}\n', "extra.txt", "jsonl"),
        (b'\n\n  {"text": "x"}\n', "x", "jsonl"),
        (b'{"url": "u", "html": "<html><body><div><p>a</p><p>b</p></div></body></html>"}\n', "x.jsonl", "jsonl"),
        (b'{"url": "u", "html": broken\n', "extra.jsonl", "jsonl"),  # the reader reports line 1
        (b'{"url": "u", "html": broken\n', "extra.txt", "text"),
        (b'["not", "an object"]\n', "x.jsonl", "text"),
        (b'{\n  "pretty": "printed"\n}\n', "x.json", "text"),
        (b"Not a web archive.", "crawl.warc", "warc"),  # the WARC reader reports it
        ("<html><body><p>Hi</p></body></html>".encode("utf-16"), "x.txt", "html"),
        ("<html><body><p>Hi</p></body></html>".encode("utf-16-le"), "x.txt", "html"),
        ("Plain text in UTF-32.".encode("utf-32"), "x", "text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a.pdf", None),
        (b"PK\x03\x04\x14\x00", "a.docx", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "x.txt", None),
        (b"text\x00with\x00nuls\x01\x02\x03", "x.txt", None),
        (bytes(range(1, 32)) * 10, "x.txt", None),
        (b"", "empty.txt", "text"),
    ],
)
def test_detect_format_content_first(head: bytes, name: str, expected: str | None) -> None:
    assert detect_format(head, name) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (gzip.compress(b"hello"), "gzip file whose content is not a supported format"),
        (b"%PDF-1.4", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x00\x01\x02binary", "binary data, not text"),
    ],
)
def test_unsupported_reason_names_the_problem(head: bytes, expected: str) -> None:
    assert unsupported_reason(head).startswith(expected)
    assert "\n" not in unsupported_reason(head)


CP1252_QUOTES = "The minister said \u201cwe will not back down\u201d \u2014 it\u2019s over."
LATIN1 = "Le ministre a déclaré à Paris que l'été serait chaud. Garçon, où est la clé?"
RUSSIAN = "Министр иностранных дел заявил, что переговоры продолжатся в понедельник в Москве. " * 3


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain ascii", "plain ascii"),
        ("Zoë said “yes” — 東京".encode(), "Zoë said “yes” — 東京"),
        ("Zoë with BOM".encode("utf-8-sig"), "Zoë with BOM"),
        ("Zoë in UTF-16".encode("utf-16"), "Zoë in UTF-16"),
        (codecs.BOM_UTF16_BE + "Zoë big-endian".encode("utf-16-be"), "Zoë big-endian"),
        ("Zoë without a BOM".encode("utf-16-le"), "Zoë without a BOM"),
        ("Zoë in UTF-32".encode("utf-32"), "Zoë in UTF-32"),
        (CP1252_QUOTES.encode("cp1252"), CP1252_QUOTES),
        (LATIN1.encode("latin-1"), LATIN1),
        (b"caf\xe9", "café"),
        (b"Valid \xe2\x80\x9cUTF-8\xe2\x80\x9d and a stray \x93cp1252\x94 pair.",
         "Valid “UTF-8” and a stray “cp1252” pair."),
        (b'<html><head><meta charset="koi8-r"></head><body>' + "Привет мир".encode("koi8_r") + b"</body></html>",
         '<html><head><meta charset="koi8-r"></head><body>Привет мир</body></html>'),
        (b'<?xml version="1.0" encoding="windows-1251"?><a>' + "Привет".encode("cp1251") + b"</a>",
         '<?xml version="1.0" encoding="windows-1251"?><a>Привет</a>'),
        (RUSSIAN.encode("cp1251"), RUSSIAN),  # no declaration: charset-normalizer
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
        (b"nul\x00byte and \x01control\x0cpage", "nulbyte and control\npage"),
    ],
)
def test_decode_recovers_text(data: bytes, expected: str) -> None:
    assert decode(data, "x.txt") == expected


def test_decode_uses_the_declared_charset() -> None:
    data = "Привет".encode("cp1251")
    assert decode(data, "x", declared="windows-1251") == "Привет"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(0, 32)) * 50,
        b"\xff\xfe" + b"\x00\xd8" * 3,  # UTF-16 BOM, then lone surrogates
    ],
)
def test_decode_rejects_non_text(data: bytes) -> None:
    with pytest.raises(InputError, match="cannot decode the bytes as text") as info:
        decode(data, "junk.bin")
    assert info.value.source == "junk.bin"
    assert try_decode(data) is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", True),
        (b" \t\r\n\n ", True),
        (codecs.BOM_UTF8 + b"  \n", True),
        (" \n".encode("utf-16"), True),
        (b"  x  ", False),
        ("x".encode("utf-16"), False),
    ],
)
def test_is_blank_sees_only_whitespace(data: bytes, expected: bool) -> None:
    assert is_blank(data) is expected


def test_normalise_text_keeps_tabs_and_newlines() -> None:
    assert normalise_text("a\tb\r\nc\u2028d") == "a\tb\nc\u2028d"
