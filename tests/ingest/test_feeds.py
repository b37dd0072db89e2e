"""Tests for dossier.ingest.feeds: RSS 2.0, RSS 1.0 (RDF) and Atom items."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from lxml import etree

from dossier.ingest import Input, iter_inputs, read_items
from dossier.ingest.feeds import iso_date
from dossier.records import Raw, Rejection


def _read(path: Path) -> list[Raw | Rejection]:
    return [item for inp in iter_inputs([str(path)]) if isinstance(inp, Input) for item in read_items(inp)]


def _feed(data: bytes, source: str = "feed.xml") -> list[Raw | Rejection]:
    return list(read_items(Input(source, None, hashlib.sha256(data).hexdigest(), len(data), "rss", data)))


def test_read_feed_gives_a_raw_per_item_with_text(fixtures: Path) -> None:
    items = _read(fixtures / "feed.xml")
    first, second, third = items
    assert isinstance(first, Raw) and isinstance(second, Raw)
    assert (first.source, first.url, first.title, first.published, first.authors, first.locator, first.format) == (
        "https://wire.example.org/2020/06/dam", "https://wire.example.org/2020/06/dam",
        "Dam breach forces evacuations", "2020-06-01", ("Jane Roe",),
        "item 1 https://wire.example.org/2020/06/dam", "html")
    assert first.container == str(fixtures / "feed.xml")
    assert first.text == "<p>Thousands were evacuated after the dam <b>failed</b>, officials said.</p>"
    assert (second.text, second.published, second.authors) == (
        "<p>Only a summary here.</p>", "2020-06-02", ("News Desk",))
    assert third == Rejection(str(fixtures / "feed.xml"), "item 3 https://wire.example.org/2020/06/link: the item "
                              "has no content or summary; save the linked page and ingest the HTML instead")


def test_read_feed_keeps_each_items_own_xml(fixtures: Path) -> None:
    first = _read(fixtures / "feed.xml")[0]
    assert isinstance(first, Raw)
    element = etree.fromstring(first.data)
    assert element.tag == "item" and element.findtext("title") == "Dam breach forces evacuations"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("atom.xml", ("https://atom.example.org/port", "Port strike ends", "2021-05-02", ("Li Wei", "Sam Okafor"),
                      "<p>Dock workers returned to work on Sunday.</p>")),
        ("rdf.xml", ("https://rdf.example.org/a", "Bridge reopens", "2019-11-08", ("Eva Novak",),
                     "The bridge reopened to traffic on Friday.")),
    ],
)
def test_read_feed_reads_atom_and_rdf(fixtures: Path, name: str, expected: tuple[object, ...]) -> None:
    (raw,) = _read(fixtures / name)
    assert isinstance(raw, Raw)
    assert (raw.url, raw.title, raw.published, raw.authors, raw.text) == expected
    assert raw.data.startswith((b"<entry", b"<item"))


def test_read_feed_rejects_a_file_that_is_not_xml(fixtures: Path) -> None:
    assert _read(fixtures / "not_xml.rss") == [Rejection(
        str(fixtures / "not_xml.rss"), "not a valid RSS/Atom feed: syntax error; check that the file is a feed")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
         "feed has no items; nothing to ingest"),
        (b'<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>', "feed has no items; nothing to ingest"),
        (b"<rss><channel><item", "not a valid RSS/Atom feed: "),
    ],
)
def test_read_feed_rejects_a_feed_without_items(data: bytes, reason: str) -> None:
    (item,) = _feed(data)
    assert isinstance(item, Rejection) and item.reason.startswith(reason)


def test_read_feed_recovers_items_from_broken_xml() -> None:
    data = b"<rss><channel><item><title>T</title><link>http://x/1</link><description>Body &amp; more</description>"
    (raw,) = _feed(data)
    assert isinstance(raw, Raw) and raw.text == "Body & more" and raw.url == "http://x/1"


def test_read_feed_renders_json_when_items_cannot_be_sliced() -> None:
    data = b"<rss><channel><item><title>A</title><description>One</description></item>" \
           b"<item><title>B</title><description>Two</description></item></channel>"
    data = data.replace(b"</item><item>", b"</item><item>&undefined;")  # XML breaks, feedparser copes
    raws = [item for item in _feed(data) if isinstance(item, Raw)]
    assert [raw.title for raw in raws] == ["A", "B"]
    assert all(raw.data.startswith((b"<item", b"{")) for raw in raws)
    if raws[0].data.startswith(b"{"):
        assert json.loads(raws[0].data)["html"] == "One"


def test_read_feed_plain_text_content_is_cleaned_as_text() -> None:
    data = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title>'
            b'<content type="text">Plain words.</content></entry></feed>')
    (raw,) = _feed(data)
    assert isinstance(raw, Raw) and (raw.format, raw.text, raw.source) == ("text", "Plain words.", "feed.xml#item 1")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mon, 01 Jun 2020 23:30:00 -0400", "2020-06-01"),  # as written, not UTC
        ("2021-05-02T22:15:00-07:00", "2021-05-02"),
        ("2020-06", "2020-06"),
        ("2020-13-01", None),
        ("someday", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_date_keeps_the_date_as_written(value: str | None, expected: str | None) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        ("Frontier Wire — Afghanistan", "Frontier Wire"),
        ("BBC News - World", "BBC News"),
        ("Al Jazeera | Asia", "Al Jazeera"),
        ("Voice of America", "Voice of America"),
        ("Stars-and-Stripes", "Stars-and-Stripes"),
        (None, None),
    ],
)
def test_channel_outlet_drops_the_desk_name(title, outlet):
    from dossier.ingest.feeds import _channel_outlet

    assert _channel_outlet(title) == outlet
