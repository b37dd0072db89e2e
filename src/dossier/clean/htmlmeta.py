"""Metadata of one HTML page: its URL, title, authors, outlet, dates and language.

Each field is a cascade over the page's own declarations, most specific first:
JSON-LD (schema.org ``Article`` and kin), then ``<meta>`` tags, then the visible
markup (``<h1>``, bylines, a "Published: ..." line under the headline), then
trafilatura's guess and htmldate. The page's own URL (when the input came without one)
is its ``<link rel=canonical>``, ``og:url``, ``twitter:url``, JSON-LD ``url`` or
``mainEntityOfPage``, then a ``<base href>`` deeper than the site root. Dates record
where they came from (``published_basis``), and a modification date is never reported as
the publication date (nor is a date htmldate found beside an "Updated" label, or in
reader comments).

Rules are general ones drawn from the schema.org and Open Graph vocabularies; none
names a site. They were tuned on trafilatura's English evaluation pages
(github.com/adbar/trafilatura, tests/evaldata.json), see ``bench/extraction.py``.

The dates live in :mod:`dossier.clean.htmldates`, the page's own URL in
:mod:`dossier.clean.htmlurl`, the clean-up of author and outlet names in
:mod:`dossier.clean.names`; this module reads the page and combines them.
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
from dossier.clean.htmlurl import host_name, page_url, site_label
from dossier.clean.names import (
    BYLINE_LEAD,
    byline_agency,
    clean_authors,
    clean_outlet,
    credits_organisation,
    names_outlet,
    site_name,
    strip_site_suffix,
)
from dossier.clean.outlets import lookup_outlet

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
    url: str | None = None  # the input's URL, else the one the page declares for itself


@dataclass(frozen=True, slots=True)
class Fallback:
    """trafilatura's own metadata guesses, used when the page declares nothing."""

    title: str | None = None
    author: str | None = None
    sitename: str | None = None


def read_meta(tree: HtmlElement, *, url: str | None = None,
              fallback: Fallback | None = None, extensive: bool = False) -> PageMeta:
    """Read URL, title, authors, outlet, dates and language from a parsed page.

    Args:
        tree: the page parsed by lxml (not modified).
        url: the page's address as the input gave it (kept; the page's own declaration is
            used only without it); a full date in it settles time-zone doubts.
        fallback: trafilatura's guesses, used last; a page that declares no site name
            takes its outlet from the URL (:func:`dossier.clean.outlets.lookup_outlet`:
            our outlet table before trafilatura's ``sitename``, a name made from the
            registered domain after it).
        extensive: let htmldate search the page text for dates (slower, looser).
    Returns:
        A :class:`PageMeta`; dates are ``YYYY-MM-DD``.
    """
    fallback = fallback or Fallback()
    tags = _meta_tags(tree)
    ld = _ld_article(tree)
    input_host = host_name(url)
    url = url or page_url(tree, tags, ld)
    host = host_name(url)
    declared = _outlet(tree, tags, ld)
    outlet = declared or _title_outlet(tree, host)
    # no site name declared: our outlet table for the URL, trafilatura's guess, a name made
    # from the registered domain (clean.outlets), in that order
    found = lookup_outlet(url)
    table = found.name if found and found.basis == "table" else None
    named_outlet = outlet or table or clean_outlet(fallback.sitename or "") or (found.name if found else None)
    authors = _authors(tree, tags, ld, named_outlet, host, input_host, fallback)
    if not outlet:  # the wire a byline credits, then the host
        outlet = byline_agency(list(_author_texts(tree, tags, ld))) or named_outlet
    # a declared URL helps the dates only with a full date in it: htmldate's guesses shift
    # with any URL (a syndicated copy's own would give its server's time stamp)
    dated = url if input_host or _DATED_URL.search(url or "") else None
    dates = read_dates(tree, tags, ld, url=dated, extensive=extensive)
    return PageMeta(  # the title is cut by the declared outlet only, not one read from the title
        title=_title(tree, tags, ld, declared or table or clean_outlet(fallback.sitename or ""), fallback),
        authors=authors,
        outlet=outlet,
        published=dates.published,
        published_basis=dates.published_basis,
        modified=dates.modified,
        language=_language(tree, tags),
        url=url,
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


_BLOCKS = {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
           "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "section",
           "table", "td", "th", "tr", "ul"}


def _spaced_text(el: HtmlElement) -> str:
    """An element's text as rendered: block elements and ``<br>`` apart ("Eric Tucker" and
    "Associated Press" in two ``<div>``s do not run together)."""
    parts = [el.text or ""]
    for child in el.iterdescendants():
        block = isinstance(child.tag, str) and child.tag.lower() in _BLOCKS
        parts += [" " if block else "", child.text or "", " " if block else "", child.tail or ""]
    return _SPACE.sub(" ", "".join(parts)).strip()


# ---------------------------------------------------------------- fields
def _outlet(tree: HtmlElement, tags: dict[str, list[str]], ld: dict[str, Any]) -> str | None:
    """The site's declared name: the JSON-LD publisher, then ``og:site_name`` and kin.
    Junk names are passed over (see :func:`~dossier.clean.names.site_name`)."""
    publisher = ld.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    declared = [publisher["name"]] if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) else []
    declared += [v for key in _SITE_KEYS for v in tags.get(key, ()) if not v.startswith("@")]
    # the story's title (a <title> may be the site's name alone)
    headline = ld.get("headline")
    titles = (*tags.get("og:title", ()), *tags.get("twitter:title", ()),
              *([headline] if isinstance(headline, str) else [])) or (_head_title(tree),)
    for value in declared:
        name = site_name(value, titles=titles)
        if name:
            return name
    return None


def _title_outlet(tree: HtmlElement, host: str | None) -> str | None:
    """The first or last part of ``<title>`` when it is the host's name ("... - Reuters"
    on reuters.com, "... - CBS News" on cbsnews.com)."""
    label, parts = site_label(host), _TITLE_PARTS.split(_head_title(tree))
    for part in (parts[-1], parts[0]) if len(parts) > 1 and label else ():
        name = site_name(part)
        squashed = re.sub(r"\.(?:com|org|net|co\.uk)$", "", _squash(name or ""))
        if name and label in (squashed, squashed.removeprefix("the")):
            return name
    return None


def _head_title(tree: HtmlElement) -> str:
    head = tree.find(".//title")
    return _text(head) if head is not None else ""


def _squash(text: str) -> str:
    return re.sub(r"[^\w.]+", "", text.casefold()).strip(".")


_TITLE_PARTS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|»|·|•)\s+")
_DATED_URL = re.compile(r"/(?:19|20)\d{2}[/-]\d{1,2}[/-]\d{1,2}(?:/|-|\b)")  # as htmldates reads it


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
             outlet: str | None, host: str | None, input_host: str | None,
             fallback: Fallback) -> tuple[str, ...]:
    """Authors from JSON-LD, then the first ``<meta>`` author key that names someone,
    then authorship markup (``itemprop``/``rel=author``), then elements classed as
    bylines, then a "By ..." line under the headline.

    A name that is the outlet's or the host's ("CBS News" on cbsnews.com) is an
    organisation and is passed over; it is reported only when a ``rel=author`` link
    names it and no person is named anywhere (a foundation's own post; a site-wide
    ``<meta name=author>`` naming the site is a CMS default). JSON-LD authors are
    checked against the host the input came from only (``input_host``; not the one a
    page declares): a site may be named after its author.

    The first source that credits a news agency or an organisation's staff ("Reuters",
    "HNN Staff") ends the search even when it names no person: weaker sources further
    down the page belong to other stories, captions or comments.
    """
    people: list[str] = [name for a in ld.get("author", ())
                         if not (isinstance(a, dict) and _types(a) & {"organization", "newsmediaorganization"})
                         if isinstance(name := a.get("name") if isinstance(a, dict) else a, str)]
    named = clean_authors(people, host=input_host)
    if named:
        return _full_name(tree, named)
    if credits_organisation(people):
        return ()
    markup = _author_markup(tree)
    meta = [tags.get(key, []) for key in _AUTHOR_KEYS]
    weak = chain(_bylines(tree), _headline_bylines(tree),
                 [_restore_dots(fallback.author, tree)] if fallback.author else [])
    for candidates in chain(meta, ([t] for t in markup), ([t] for t in weak)):  # lazily
        named = clean_authors(candidates, outlet=outlet, host=host)
        if named or credits_organisation(candidates):
            return named
    return clean_authors(markup[:1])  # the organisation a rel=author link names



def _author_texts(tree: HtmlElement, tags: dict[str, list[str]], ld: dict[str, Any]) -> Iterator[str]:
    """Every byline text the page holds, organisations included (to find a wire credit)."""
    for author in ld.get("author", ()):
        name = author.get("name") if isinstance(author, dict) else author
        if isinstance(name, str):
            yield name
    for key in _AUTHOR_KEYS:
        yield from tags.get(key, ())
    yield from _author_markup(tree)
    yield from _bylines(tree)


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


def _author_markup(tree: HtmlElement) -> list[str]:
    """Texts of explicit authorship markup: ``itemprop=author`` names, ``rel=author`` links."""
    return [text for el in tree.xpath(_AUTHOR_XPATH)
            if (text := el.get("content") or _text(el)) and not el.xpath(_IN_COMMENTS, namespaces=_NS)]


def _bylines(tree: HtmlElement) -> Iterator[str]:
    """Texts of elements whose class or id says byline or author."""
    for el in tree.xpath(_BYLINE_XPATH, namespaces=_NS)[:12]:
        text = _spaced_text(el)
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
_BY_LINE = re.compile(r"^" + BYLINE_LEAD + r"by:?\s+(?-i:[A-Z])", re.IGNORECASE)
_BY_LABEL = re.compile(r"^" + BYLINE_LEAD + r"by:?$", re.IGNORECASE)


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
