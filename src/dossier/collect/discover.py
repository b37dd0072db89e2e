"""What a fetched source is and where it leads: feeds, sitemaps, home pages, article pages.

Pure functions over fetched bytes (no network). A cascade decides the kind, content first:

1. ``feed``: RSS or Atom (sniffed like `dossier ingest` does); its items' links are article pages.
2. ``sitemap``: ``<urlset>`` (its ``<loc>``s, with ``<news:publication_date>`` or ``<lastmod>``) or a
   ``<sitemapindex>`` (its child sitemaps).
3. ``home``: an HTML page at a site's root; its feeds come from
   ``<link rel="alternate" type="application/rss+xml|atom+xml">`` (the caller falls back to the
   sitemaps robots.txt names).
4. ``page``: any other HTML or text page, an article to ingest as it is.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
from lxml import etree

from dossier.ingest.detect import detect_format, gunzip, is_compressed_document
from dossier.ingest.feeds import iso_date

__all__ = ["Link", "Sitemap", "classify", "feed_links", "home_feeds", "read_sitemap"]

log = logging.getLogger(__name__)

_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                         "application/feed+json"})
_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass(frozen=True, slots=True)
class Link:
    """An article URL a source led to, with the date the source gave it (if any)."""

    url: str
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: its pages, or (a sitemap index) its child sitemaps."""

    pages: tuple[Link, ...]
    children: tuple[str, ...]


def _plain(data: bytes) -> bytes:
    """The bytes, gunzipped when they are gzip (``sitemap.xml.gz``)."""
    if is_compressed_document(data[:64]):
        return gunzip(data, limit=50_000_000)
    return data


def classify(data: bytes, url: str) -> str | None:
    """``feed``, ``sitemap``, ``home``, ``page``, or None for what Dossier cannot read.

    >>> classify(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', "https://x.org/s")
    'sitemap'
    >>> classify(b"<html><body><p>Hello</p></body></html>", "https://x.org/")
    'home'
    """
    try:
        data = _plain(data)
    except Exception:  # noqa: BLE001 - a damaged gzip is not a source we can read
        return None
    head = data[:65_536]
    if _is_sitemap(head):
        return "sitemap"
    fmt = detect_format(head, url)
    if fmt == "rss":
        return "feed"
    if fmt == "html":
        return "home" if urlsplit(url).path in ("", "/") else "page"
    if fmt == "text":
        return "page"
    return None


def _is_sitemap(head: bytes) -> bool:
    start = head.lstrip()[:2048].lower()
    return (start.startswith(b"<?xml") or start.startswith(b"<")) and (b"<urlset" in start or b"<sitemapindex" in start)


def feed_links(data: bytes, url: str) -> list[Link]:
    """The item links of an RSS/Atom feed, in feed order, with each item's date as written."""
    parsed = feedparser.parse(_plain(data), sanitize_html=False, resolve_relative_uris=True)
    links: list[Link] = []
    for entry in parsed.get("entries") or []:
        link = entry.get("link")
        if isinstance(link, str) and link.strip():
            published = entry.get("published") or entry.get("updated")
            links.append(Link(urljoin(url, link.strip()), iso_date(published if isinstance(published, str) else None)))
    return _unique(links)


def read_sitemap(data: bytes, url: str) -> Sitemap:
    """The pages (``<url><loc>``) or child sitemaps (``<sitemap><loc>``) of a sitemap.

    A news sitemap's ``<news:publication_date>`` (else ``<lastmod>``) becomes the page's date.
    """
    pages: list[Link] = []
    children: list[str] = []
    events = etree.iterparse(io.BytesIO(_plain(data)), events=("end",), recover=True, resolve_entities=False,
                             no_network=True, huge_tree=False)
    try:
        for _, element in events:
            tag = element.tag if isinstance(element.tag, str) else ""
            local = tag.rsplit("}", 1)[-1]
            if local not in ("url", "sitemap"):
                continue
            loc = _child_text(element, "loc")
            if loc:
                if local == "sitemap":
                    children.append(urljoin(url, loc))
                else:
                    date = (_child_text(element, f"{_NEWS}publication_date", deep=True)
                            or _child_text(element, "lastmod"))
                    pages.append(Link(urljoin(url, loc), iso_date(date)))
            element.clear(keep_tail=False)
    except etree.LxmlError as exc:
        log.debug("%s: sitemap parse stopped: %s", url, exc)
    return Sitemap(tuple(_unique(pages)), tuple(dict.fromkeys(children)))


def _child_text(element: etree._Element, name: str, *, deep: bool = False) -> str | None:
    """The text of ``element``'s child ``name`` (local name unless namespaced), stripped."""
    for child in element.iter() if deep else element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == name or (not name.startswith("{") and tag.rsplit("}", 1)[-1] == name):
            text = (child.text or "").strip()
            if text:
                return text
    return None


def home_feeds(data: bytes, url: str) -> list[str]:
    """The feeds a home page announces with ``<link rel="alternate" type="application/rss+xml">`` (or Atom)."""
    try:
        tree = lxml.html.fromstring(_plain(data))
    except (etree.LxmlError, ValueError):
        return []
    base = url
    for href in tree.xpath("//base/@href"):
        base = urljoin(url, str(href))
        break
    found: list[str] = []
    for link in tree.xpath("//link[@href]"):
        rel = str(link.get("rel") or "").lower().split()
        kind = str(link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in _FEED_TYPES:
            found.append(urljoin(base, str(link.get("href")).strip()))
    return list(dict.fromkeys(found))


def _unique(links: list[Link]) -> list[Link]:
    """Links without repeats (fragment dropped), first occurrence kept."""
    seen: set[str] = set()
    kept: list[Link] = []
    for link in links:
        key = link.url.split("#", 1)[0]
        if key not in seen and key.startswith(("http://", "https://")):
            seen.add(key)
            kept.append(Link(key, link.published))
    return kept
