"""What a fetched source is and where it leads (pure functions over bytes)."""

from __future__ import annotations

import gzip

import pytest

from dossier.collect.discover import Link, classify, feed_links, home_feeds, read_sitemap
from tests.collect.site import article, rss, sitemap, sitemap_index

BASE = "https://news.example"


@pytest.mark.parametrize(("data", "url", "kind"), [
    (rss(BASE, [1]), f"{BASE}/feed", "feed"),
    (sitemap([f"{BASE}/a"]), f"{BASE}/sitemap.xml", "sitemap"),
    (gzip.compress(sitemap([f"{BASE}/a"])), f"{BASE}/sitemap.xml.gz", "sitemap"),
    (sitemap_index([f"{BASE}/s1.xml"]), f"{BASE}/sitemap.xml", "sitemap"),
    (b"<html><body><p>Front page</p></body></html>", f"{BASE}/", "home"),
    (b"<html><body><p>Front page</p></body></html>", BASE, "home"),
    (article(1), f"{BASE}/news/1.html", "page"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", f"{BASE}/logo.png", None),
])
def test_classify_sources_by_content(data: bytes, url: str, kind: str | None) -> None:
    assert classify(data, url) == kind


def test_feed_links_are_the_items_links_with_their_dates() -> None:
    links = feed_links(rss(BASE, [1, 2, 1]), f"{BASE}/feed")
    assert links == [Link(f"{BASE}/news/1.html", "2024-03-02"), Link(f"{BASE}/news/2.html", "2024-03-03")]


def test_read_sitemap_reads_news_dates_and_child_sitemaps() -> None:
    news = read_sitemap(sitemap([f"{BASE}/a", f"{BASE}/b"], news=True), f"{BASE}/s.xml")
    assert news.pages == (Link(f"{BASE}/a", "2024-03-05"), Link(f"{BASE}/b", "2024-03-05")) and not news.children
    index = read_sitemap(sitemap_index([f"{BASE}/s1.xml", "/s2.xml"]), f"{BASE}/sitemap.xml")
    assert index.children == (f"{BASE}/s1.xml", f"{BASE}/s2.xml") and index.pages == ()


def test_home_feeds_reads_alternate_links_only() -> None:
    html = (b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss">'
            b'<link rel="alternate" type="application/atom+xml" href="https://other.example/atom.xml">'
            b'<link rel="stylesheet" type="text/css" href="/s.css">'
            b'<link rel="alternate" hreflang="fr" href="/fr/"></head><body></body></html>')
    assert home_feeds(html, f"{BASE}/") == [f"{BASE}/rss", "https://other.example/atom.xml"]
