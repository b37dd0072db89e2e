"""Metadata of one HTML page: title, authors, outlet, dates and language.

Each field is a cascade over the page's own declarations, most specific first:
JSON-LD (schema.org ``Article`` and kin), then ``<meta>`` tags, then the visible
markup (``<h1>``, bylines, a "Published: ..." line under the headline), then
trafilatura's guess and htmldate. Dates record where they came from
(``published_basis``), and a modification date is never reported as the publication
date (nor is a date htmldate found beside an "Updated" label, or in reader comments).

Rules are general ones drawn from the schema.org and Open Graph vocabularies; none
names a site. They were tuned on trafilatura's English evaluation pages
(github.com/adbar/trafilatura, tests/evaldata.json), see ``bench/extraction.py``.

The dates live in :mod:`dossier.clean.htmldates`, the clean-up of author and outlet
names in :mod:`dossier.clean.names`; this module reads the page and combines them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

from lxml.html import HtmlElement

from dossier.clean.htmldates import read_dates
from dossier.clean.names import (
    clean_authors,
    clean_outlet,
    names_outlet,
    strip_site_suffix,
)

__all__ = ["PageMeta", "read_meta"]

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle",
                  "analysisnewsarticle", "opinionnewsarticle", "scholarlyarticle",
                  "techarticle", "liveblogposting", "report", "posting", "socialmediaposting",
                  "backgroundnewsarticle", "reviewnewsarticle", "review", "recipe",
                  "creativework", "webpage", "medicalwebpage", "itempage"}
_SPACE = re.compile(r"\s+")
# <meta> keys (name, property or itemprop), most specific first
_AUTHOR_KEYS = ("citation_author", "author", "article:author", "og:article:author", "parsely-author",
                "sailthru.author", "dc.creator", "dcterms.creator", "byl")
_TITLE_KEYS = ("og:title", "twitter:title", "headline", "dc.title", "parsely-title")
_SITE_KEYS = ("og:site_name", "application-name", "publisher", "twitter:site")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself; empty fields were not found."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None
    published_basis: str | None = None
    modified: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Fallback:
    """trafilatura's own metadata guesses, used when the page declares nothing."""

    title: str | None = None
    author: str | None = None
    sitename: str | None = None


def read_meta(tree: HtmlElement, *, url: str | None = None,
              fallback: Fallback | None = None, extensive: bool = False) -> PageMeta:
    """Read title, authors, outlet, dates and language from a parsed page.

    Args:
        tree: the page parsed by lxml (not modified).
        url: the page's address; a full date in it settles time-zone doubts.
        fallback: trafilatura's guesses, used last.
        extensive: let htmldate search the page text for dates (slower, looser).
    Returns:
        A :class:`PageMeta`; dates are ``YYYY-MM-DD``.
    """
    fallback = fallback or Fallback()
    tags = _meta_tags(tree)
    ld = _ld_article(tree)
    outlet = _outlet(tags, ld, fallback)
    dates = read_dates(tree, tags, ld, url=url, extensive=extensive)
    return PageMeta(
        title=_title(tree, tags, ld, outlet, fallback),
        authors=_authors(tree, tags, ld, outlet, url, fallback),
        outlet=outlet,
        published=dates.published,
        published_basis=dates.published_basis,
        modified=dates.modified,
        language=_language(tree, tags),
    )


# ---------------------------------------------------------------- sources
def _meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    """``<meta>`` contents by lower-cased name/property/itemprop, in page order."""
    tags: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        value = el.get("content") or el.get("datetime")
        if not value or not value.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            # RDFa allows several space-separated properties; "dc:title" is "dc.title"
            for key in (el.get(attr) or "").lower().split():
                key = re.sub(r"^(dc|dcterms):", r"\1.", key)
                tags.setdefault(key, []).append(_SPACE.sub(" ", value).strip())
    for el in tree.xpath("//*[@itemprop='datePublished' or @itemprop='dateModified'][@datetime]"):
        tags.setdefault(el.get("itemprop").lower(), []).append(el.get("datetime").strip())
    return tags


def _ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD scripts, ``@graph`` flattened."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(_CDATA.sub("", script.text or ""), strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


# a script body wrapped for old parsers: "<![CDATA[ ... ]]>", "//<![CDATA[", "/*<![CDATA[*/"
_CDATA = re.compile(r"^\s*(?://|/\*)?\s*<!\[CDATA\[(?:\s*\*/)?|(?://|/\*)?\s*\]\]>(?:\s*\*/)?\s*$")


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).lower() for k in kinds}


def _ld_article(tree: HtmlElement) -> dict[str, Any]:
    """The page's main JSON-LD article, with author ``@id`` references resolved."""
    objects = list(_ld_objects(tree))
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    best: dict[str, Any] = {}
    for obj in objects:
        kinds = _types(obj)
        if not kinds & _ARTICLE_TYPES:
            continue
        rank = "headline" in obj or "datePublished" in obj
        if not best or (rank and not ("headline" in best or "datePublished" in best)):
            best = obj
    if best:
        best = dict(best, author=_resolve(best.get("author"), by_id))
    return best


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> list[dict[str, Any] | str]:
    """JSON-LD author value as a list of objects or strings, ``@id`` references followed."""
    items = value if isinstance(value, list) else [value] if value else []
    out: list[dict[str, Any] | str] = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and item.get("@id") in by_id:
            item = by_id[item["@id"]]
        if isinstance(item, (dict, str)):
            out.append(item)
    return out


def _text(el: HtmlElement) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


# ---------------------------------------------------------------- fields
def _outlet(tags: dict[str, list[str]], ld: dict[str, Any], fallback: Fallback) -> str | None:
    publisher = ld.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        return clean_outlet(publisher["name"])
    for key in _SITE_KEYS:
        for value in tags.get(key, ()):
            if not value.startswith("@") and "://" not in value:
                return clean_outlet(value)
    return clean_outlet(fallback.sitename) if fallback.sitename else None


def _title(tree: HtmlElement, tags: dict[str, list[str]], ld: dict[str, Any],
           outlet: str | None, fallback: Fallback) -> str | None:
    """The visible headline (an ``<h1>`` agreeing with the declared title), else the
    declared title without its site-name suffix."""
    declared = [v for key in _TITLE_KEYS for v in tags.get(key, ())]
    if isinstance(ld.get("headline"), str):
        declared.insert(0, ld["headline"])
    head = tree.find(".//title")
    if head is not None and head.text_content().strip():
        declared.append(_text(head))
    declared = [strip_site_suffix(t, outlet) for t in declared if t.strip()]
    headings = [_text(h) for h in tree.xpath("//h1 | //h2 | //h3")]
    best, score = None, 0.5
    for heading in headings:
        if 3 <= len(heading) <= 300:
            for title in declared:
                match = _overlap(heading, title)
                if match > score or (match == score == 1.0 and best is None):
                    best, score = (title if title in heading else heading), match
    if best:
        return best
    headline = _sole_h1(tree, outlet)
    if headline:  # the declared titles match no heading: they are the site's or a section's
        return headline
    if declared:
        return declared[0]
    if fallback.title:
        return strip_site_suffix(fallback.title, outlet)
    first_h1 = tree.find(".//h1")
    return _text(first_h1) or None if first_h1 is not None else None


_WORD = re.compile(r"\w+")


def _sole_h1(tree: HtmlElement, outlet: str | None) -> str | None:
    """The page's one distinct ``<h1>`` text if it reads like a headline (four words or
    more), unless it is a logo (the outlet's name or a link home)."""
    texts = {_text(h) for h in tree.iter("h1") if not h.xpath(".//a[@href='/']")} - {""}
    if len(texts) != 1:
        return None
    text = texts.pop()
    if not 4 <= len(_WORD.findall(text)) <= 40 or (outlet and names_outlet(text, outlet)):
        return None
    return text


def _overlap(a: str, b: str) -> float:
    """How far two titles agree: shared words over the words of the longer."""
    wa, wb = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / max(len(wa), len(wb))


def _authors(tree: HtmlElement, tags: dict[str, list[str]], ld: dict[str, Any],
             outlet: str | None, url: str | None, fallback: Fallback) -> tuple[str, ...]:
    """Authors from JSON-LD, then the first ``<meta>`` author key that names someone,
    then authorship markup (``itemprop``/``rel=author``), then elements classed as
    bylines, then a "By ..." line under the headline.

    A name that is the outlet's or the host's ("CBS News" on cbsnews.com) is an
    organisation and is passed over; it is reported only when a ``rel=author`` link
    names it and no person is named anywhere (a foundation's own post; a site-wide
    ``<meta name=author>`` naming the site is a CMS default). JSON-LD authors are
    checked against the host only: a site may be named after its author.
    """
    host = _host_name(url)
    people = [a.get("name") if isinstance(a, dict) else a for a in ld.get("author", ())
              if not (isinstance(a, dict) and _types(a) & {"organization", "newsmediaorganization"})]
    named = clean_authors([a for a in people if isinstance(a, str)], host=host)
    if named:
        return _full_name(tree, named)
    markup = _author_markup(tree)
    meta = [tags.get(key, []) for key in _AUTHOR_KEYS]
    weak = chain(_bylines(tree), _headline_bylines(tree),
                 [_restore_dots(fallback.author, tree)] if fallback.author else [])
    for candidates in chain(meta, ([t] for t in markup), ([t] for t in weak)):  # lazily
        named = clean_authors(candidates, outlet=outlet, host=host)
        if named:
            return named
    return clean_authors(markup[:1])  # the organisation a rel=author link names


def _full_name(tree: HtmlElement, named: tuple[str, ...]) -> tuple[str, ...]:
    """A lone first name from metadata ("Todd") completed by a short text on the page
    that is that name and a surname ("Todd Bates")."""
    if len(named) != 1 or " " in named[0] or not named[0].isalpha():
        return named
    first = named[0]
    for text in tree.xpath("//body//text()[starts-with(normalize-space(.), $name)]", name=first + " "):
        match = re.fullmatch(re.escape(first) + r" (?-i:[A-Z])[\w'-]+", _SPACE.sub(" ", text).strip())
        if match:
            return (match.group(0),)
    return named


def _host_name(url: str | None) -> str | None:
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)", url or "", re.IGNORECASE)
    return match.group(1).lower() if match else None


def _author_markup(tree: HtmlElement) -> list[str]:
    """Texts of explicit authorship markup: ``itemprop=author`` names, ``rel=author`` links."""
    return [text for el in tree.xpath(_AUTHOR_XPATH)
            if (text := el.get("content") or _text(el)) and not el.xpath(_IN_COMMENTS, namespaces=_NS)]


def _bylines(tree: HtmlElement) -> Iterator[str]:
    """Texts of elements whose class or id says byline or author."""
    for el in tree.xpath(_BYLINE_XPATH, namespaces=_NS)[:12]:
        text = _text(el)
        if 1 < len(text) <= 120 and not el.xpath(_IN_COMMENTS, namespaces=_NS):
            yield text


def _headline_bylines(tree: HtmlElement) -> Iterator[str]:
    """Lines starting "By" (or "Posted by", "Written by") among the first texts under
    the headline: bylines without markup."""
    for heading in [h for h in tree.iter("h1") if _text(h)][:3]:  # the first may be a logo
        texts = [_SPACE.sub(" ", t).strip(" |-:\u2013\u2014\xa0\t\n") for t in heading.xpath(
            "following::text()[not(ancestor::script or ancestor::style)]")[:80]]
        texts = [t for t in texts if t]
        for i, text in enumerate(texts):
            if _BY_LABEL.match(text):  # "By" alone, the name in the next element
                yield " ".join(texts[i:i + 2])
            elif _BY_LINE.match(text):
                yield text


_AUTHOR_XPATH = "//*[@itemprop='author']//*[@itemprop='name'] | //a[contains(concat(' ', @rel, ' '), ' author ')]"
_BYLINE_XPATH = ("//*[not(self::input or self::form or self::meta or self::link or self::html or self::body)]"
                 "[re:test(concat(@class, ' ', @id, ' ', @data-testid),"
                 " '(^|[ _-])(byline|author|authorname|author-name|posted-by|written-by)([ _-]|$)', 'i')]")
_NS = {"re": "http://exslt.org/regular-expressions"}
_IN_COMMENTS = "ancestor-or-self::*[re:test(concat(@class, ' ', @id), 'comment', 'i')]"
_BY_LINE = re.compile(r"^(?:(?:posted|written|story|words|reported)\s+)?by:?\s+(?-i:[A-Z])", re.IGNORECASE)
_BY_LABEL = re.compile(r"^(?:(?:posted|written|story|words|reported)\s+)?by:?$", re.IGNORECASE)


def _restore_dots(name: str, tree: HtmlElement) -> str:
    """trafilatura drops the dots of initials ("T V Raman"); put back the page's own."""
    words = name.split()
    if not any(len(w) == 1 or w in {"Jr", "Sr", "St"} for w in words):
        return name
    pattern = r"\.?\s*".join(re.escape(w) for w in words) + r"\.?"
    match = re.search(pattern, tree.text_content())
    return _SPACE.sub(" ", match.group(0)) if match else name


_LANG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.IGNORECASE)


def _language(tree: HtmlElement, tags: dict[str, list[str]]) -> str | None:
    """The declared language: ``<html lang>``, then ``og:locale`` or content-language."""
    candidates: list[str | None] = [tree.get("lang"), tree.get("xml:lang"), *tags.get("og:locale", ()),
                                    *tags.get("content-language", ()), *tags.get("language", ())]
    for value in candidates:
        if value and _LANG.match(value.strip()):
            return value.strip().replace("_", "-").split("-")[0].lower()
    return None
