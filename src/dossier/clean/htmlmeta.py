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
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from copy import deepcopy
from itertools import chain
from dataclasses import dataclass
from typing import Any

from htmldate import find_date
from lxml.html import HtmlElement

__all__ = ["PageMeta", "read_meta"]

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle",
                  "analysisnewsarticle", "opinionnewsarticle", "scholarlyarticle",
                  "techarticle", "liveblogposting", "report", "posting", "socialmediaposting",
                  "backgroundnewsarticle", "reviewnewsarticle", "review", "recipe",
                  "creativework", "webpage", "medicalwebpage", "itempage"}
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SPACE = re.compile(r"\s+")
# <meta> keys (name, property or itemprop), most specific first
_PUBLISHED_KEYS = ("article:published_time", "og:published_time", "datepublished",
                   "parsely-pub-date", "sailthru.date", "publish-date", "publishdate",
                   "pubdate", "dc.date.issued", "dcterms.created", "dc.date", "date")
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified",
                  "dcterms.modified", "last-modified")
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
    published, basis = _published(tags, ld, url)
    modified = None if published else _modified(tags, ld)
    if not published:  # declared dates win; a labelled one is next
        labelled, line = _labelled_date(tree)
        if labelled and labelled != modified:
            published, basis = labelled, f"visible label {line!r}"
    if not published and not modified:
        published, basis = _htmldate(tree, url, extensive)
        if published and published in _update_dates(tree):  # htmldate read an "Updated" line
            published, basis, modified = None, None, published
    return PageMeta(
        title=_title(tree, tags, ld, outlet, fallback),
        authors=_authors(tree, tags, ld, outlet, url, fallback),
        outlet=outlet,
        published=published,
        published_basis=basis,
        modified=modified,
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
    if not 4 <= len(_WORD.findall(text)) <= 40 or (outlet and _names_outlet(text, outlet)):
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
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)", url or "", re.I)
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
_BY_LINE = re.compile(r"^(?:(?:posted|written|story|words|reported)\s+)?by:?\s+(?-i:[A-Z])", re.I)
_BY_LABEL = re.compile(r"^(?:(?:posted|written|story|words|reported)\s+)?by:?$", re.I)


def _restore_dots(name: str, tree: HtmlElement) -> str:
    """trafilatura drops the dots of initials ("T V Raman"); put back the page's own."""
    words = name.split()
    if not any(len(w) == 1 or w in {"Jr", "Sr", "St"} for w in words):
        return name
    pattern = r"\.?\s*".join(re.escape(w) for w in words) + r"\.?"
    match = re.search(pattern, tree.text_content())
    return _SPACE.sub(" ", match.group(0)) if match else name


def _iso(value: Any) -> str | None:
    match = _DATE.search(value) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\b)")


def _published(tags: dict[str, list[str]], ld: dict[str, Any],
               url: str | None) -> tuple[str | None, str | None]:
    """The declared publication date; a URL date wins when they differ by a day or two
    (a UTC timestamp of an evening story), and stands alone when nothing is declared."""
    date, basis = _declared(tags, ld)
    match = _URL_DATE.search(url or "")
    in_url = _iso("-".join(match.groups())) if match else None
    if in_url and (date is None or (date != in_url and _days_apart(date, in_url) <= 2)):
        return in_url, "url date"
    return date, basis


def _declared(tags: dict[str, list[str]], ld: dict[str, Any]) -> tuple[str | None, str | None]:
    """JSON-LD ``datePublished``, then the ``<meta>`` keys, then JSON-LD ``dateCreated``
    (when the work was made, often a UTC stamp of the draft)."""
    date = _iso(ld.get("datePublished"))
    if date:
        return date, "json-ld datePublished"
    for key in _PUBLISHED_KEYS:
        for value in tags.get(key, ()):
            date = _iso(value)
            if date:
                return date, f"meta {key}"
    date = _iso(ld.get("dateCreated"))
    return (date, "json-ld dateCreated") if date else (None, None)


_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_DATE_EXPRS = (  # (pattern, order of the year, month, day groups)
    (re.compile(r"((?:19|20)\d\d)[-./](\d{1,2})[-./](\d{1,2})\b"), (1, 2, 3)),
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I), (3, 1, 2)),
    (re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + _MONTH + r",?\s+((?:19|20)\d\d)\b", re.I),
     (3, 2, 1)),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b"), (3, 2, 1)),
)
# a date the page labels as the publication date: "Published: 7 May 2021", "Posted on ..."
_LABEL = re.compile(r"\b(?:first published|published|posted|written|released)(?:\s+(?:on|at))?\s*:?\s*"
                    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?", re.I)
_NEAR_HEADLINE = 600  # characters of visible text after the headline searched for a label


def _labelled_date(tree: HtmlElement) -> tuple[str | None, str | None]:
    """A date the visible text labels "Published"/"Posted"/"Written" just after the
    headline, and the text that says so."""
    for heading in [h for h in tree.iter("h1") if _text(h)][:3]:  # the first may be a logo
        texts = heading.xpath("following::text()[not(ancestor::script or ancestor::style)]")
        window = _SPACE.sub(" ", " ".join(texts[:60]))[:_NEAR_HEADLINE]
        for label in _LABEL.finditer(window):
            date = _parse_date(window[label.end():label.end() + 40])
            if date:
                return date, window[label.start():label.end() + 40].strip()
    return None, None


_UPDATE_LABEL = re.compile(r"\b(?:updated|modified|edited|revised)(?:\s+(?:on|at))?\s*:?\s*"
                           r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?", re.I)


_NUMERIC_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d)\b")


def _update_dates(tree: HtmlElement) -> set[str]:
    """Dates the visible text labels as an update ("Last updated: 13 July 2020")."""
    texts = tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]")
    text = _SPACE.sub(" ", " ".join(texts))
    dates = set()
    for label in _UPDATE_LABEL.finditer(text):
        after = text[label.end():label.end() + 40]
        dates.add(_parse_date(after))
        numeric = _NUMERIC_DATE.match(after)  # "03-10-2004": either reading
        if numeric:
            first, second, year = numeric.groups()
            dates |= {_iso(f"{year}-{second}-{first}"), _iso(f"{year}-{first}-{second}")}
    return {d for d in dates if d}


def _parse_date(text: str) -> str | None:
    """The first date written at the start of ``text`` (ISO, "May 7, 2021", "7 May 2021",
    "07.05.2021"); slashed forms are ambiguous and are left alone."""
    for pattern, (y, m, d) in _DATE_EXPRS:
        match = pattern.match(text)
        if match:
            month = match.group(m)
            month = str(_MONTHS[month[:3].lower()]) if month[0].isalpha() else month
            return _iso(f"{match.group(y)}-{month}-{match.group(d)}")
    return None


def _days_apart(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


_COMMENT_SECTIONS = ("//*[not(self::html or self::body)][re:test(concat(' ', @class, ' ', @id, ' '),"
                     " '[ _-]comments?([ _-]|list|area)', 'i')]")


def _htmldate(tree: HtmlElement, url: str | None, extensive: bool) -> tuple[str | None, str | None]:
    """htmldate's guess at the original publication date, when the page declares none.
    Reader comments are cut first: their time stamps are not the article's."""
    comments = tree.xpath(_COMMENT_SECTIONS, namespaces=_NS)
    if comments:
        tree = deepcopy(tree)
        for el in tree.xpath(_COMMENT_SECTIONS, namespaces=_NS):
            if el.getparent() is not None:
                el.getparent().remove(el)
    try:
        date = find_date(tree, original_date=True, extensive_search=extensive, url=url)
    except (ValueError, TypeError):  # htmldate rejects some malformed trees
        return None, None
    return (date, "htmldate original") if date else (None, None)


def _modified(tags: dict[str, list[str]], ld: dict[str, Any]) -> str | None:
    date = _iso(ld.get("dateModified"))
    if date:
        return date
    for key in _MODIFIED_KEYS:
        for value in tags.get(key, ()):
            date = _iso(value)
            if date:
                return date
    return None


_LANG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.I)


def _language(tree: HtmlElement, tags: dict[str, list[str]]) -> str | None:
    """The declared language: ``<html lang>``, then ``og:locale`` or content-language."""
    candidates = [tree.get("lang"), tree.get("xml:lang"), *tags.get("og:locale", ()),
                  *tags.get("content-language", ()), *tags.get("language", ())]
    for value in candidates:
        if value and _LANG.match(value.strip()):
            return value.strip().replace("_", "-").split("-")[0].lower()
    return None


# ---------------------------------------------------------------- name cleaning
_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|»|·|•)\s+")
_BY = re.compile(r"^(?:(?:posted|written|published|reported|story|text|words|recipe)\s+)?"
                 r"(?:(?:by|von|par|por|author)\b|(?-i:By(?=[A-Z])))\s*:?\s*", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b|\|)\s*", re.I)
_BYLINE_END = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\b\d{1,4}[/.-]\d{1,2}\b|\b\d{1,2}:\d\d"
    r"|\b(?:published|updated|posted on|last updated|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"|\s[|/@\u2013\u2014-]\s|@\w", re.I)
_LABEL_THEN_BY = re.compile(r"^(?:posted|published|written|updated)\b.{0,60}?\bby\b:?\s*", re.I)
_FOR_OUTLET = re.compile(r"\s+for\s+(?:the\s+)?(?-i:[A-Z]).*$", re.I)  # "X for The Daily Mail"
_ROLE = re.compile(  # a trailing job title: "Staff Writer", "Our Foreign Staff", "Senior Editor"
    r"(?:^|\s)(?:our\s+)?(?:(?:senior|chief|staff|contributing|special|political|business|sports"
    r"|news|guest|associate|deputy|managing|executive|investigative|science|health|foreign"
    r"|national)\s+)*(?:staff|writer|reporter|correspondent|contributor|editor|columnist|journalist)s?$",
    re.I)
_VIEW_ALL = re.compile(r"^(?:view|see|show|more|read)\b.{0,30}?\b(?:by|of|from)\s*", re.I)
_NOT_NAMES = re.compile(r"\b(?:says|said|wrote|phd|md|image|photo)$", re.I)
_PLACEHOLDERS = {"admin", "administrator", "no author", "none", "null", "author", "anonymous",
                 "guest", "editor", "editorial", "redaktion", "agencies", "newsroom"}


def strip_site_suffix(title: str, outlet: str | None = None) -> str:
    """A title without a trailing (or leading) site name: "Story | Site" -> "Story".

    The outer segment goes when it names the outlet, or (trailing only) when it is
    short, at most four words, beside a longer headline.
    """
    title = _SPACE.sub(" ", title).strip()
    seps = list(_SEPARATORS.finditer(title))
    if not seps:
        return title
    head, tail = title[: seps[-1].start()], title[seps[-1].end():]
    lead, body = title[: seps[0].start()], title[seps[0].end():]
    if outlet and _names_outlet(tail, outlet):
        return head
    if outlet and _names_outlet(lead, outlet):
        return body
    if len(_WORD.findall(tail)) <= 4 < len(_WORD.findall(head)) + 2:
        return head
    return title


def _names_outlet(segment: str, outlet: str) -> bool:
    """A title segment that is the outlet's name (ignoring case, spaces, a TLD)."""
    a = re.sub(r"\W+|\.(?:com|org|net|co\.uk)\b", "", segment.casefold())
    b = re.sub(r"\W+|\.(?:com|org|net|co\.uk)\b", "", outlet.casefold())
    return bool(a) and bool(b) and (a == b or (len(b) >= 4 and (a.startswith(b) or b.startswith(a))))


def clean_outlet(name: str) -> str | None:
    """An outlet name as displayed: trimmed, without a leading "@"."""
    name = _SPACE.sub(" ", name).strip().lstrip("@").strip()
    return name or None


def clean_authors(candidates: list[str], *, outlet: str | None = None,
                  host: str | None = None) -> tuple[str, ...]:
    """Person names from byline strings: "By A and B" -> ("A", "B").

    Drops URLs, handles, placeholders, dates, job titles ("Staff Writer"), the outlet
    ("for The Daily Mail", "X PhillyVoice Staff"), names that are the outlet's or the
    host's, and strings too long to be a name. All-capital names are title-cased.
    """
    names: list[str] = []
    for raw in candidates:
        raw = _SPACE.sub(" ", raw).strip()
        if not raw or "://" in raw or raw.startswith(("www.", "{", "[")):
            continue
        raw = _BYLINE_END.split(_LABEL_THEN_BY.sub("", _VIEW_ALL.sub("", raw)))[0]
        raw = _FOR_OUTLET.sub("", raw) if _BY.match(raw) else raw
        if any(_same_org(_BY.sub("", raw), org) for org in (outlet, host) if org):
            continue
        parts = _AUTHOR_SPLIT.split(_BY.sub("", raw))
        for part in parts:
            name = _without_role(_BY.sub("", part.strip(" ,:;-|")).strip(), outlet)
            if len(parts) > 1 and _ROLE.fullmatch(name):  # "Jane Doe, Staff Writer"
                continue
            if _is_name(name) and not any(_same_org(name, org) for org in (outlet, host) if org):
                name = name.title() if name.isupper() and len(name) > 3 else name
                if name.casefold() not in {n.casefold() for n in names}:
                    names.append(name)
    return tuple(names)


def _without_role(name: str, outlet: str | None) -> str:
    """A name without a trailing job title: "Adam Aaronson PhillyVoice Staff" -> "Adam
    Aaronson" (outlet given)."""
    role = _ROLE.search(name)
    if not role or not role.start():  # a byline that is only a title stays: "Staff Writer",
        return "" if name[:4].casefold() == "our " else name  # but not "Our Foreign Staff"
    words = name[:role.start()].strip(" ,").split()
    if outlet and len(words) > 2 and _squash(words[-1]) == _squash(outlet):
        words = words[:-1]
    return " ".join(words)


def _is_name(name: str) -> bool:
    if not name or name.startswith("@") or "@" in name or any(c.isdigit() for c in name):
        return False
    words = name.split()
    return not (_NOT_NAMES.search(name) or len(words) > 5 or len(name) > 50
                or name.casefold() in _PLACEHOLDERS or words[0] in {"The", "THE"})


def _same_org(name: str, org: str) -> bool:
    """A name that is an organisation's: "CBS News" for cbsnews.com, "Google" for
    "Google Online Security Blog", "Betty Crocker Kitchens" for bettycrocker.com, but
    not "Daniel Lemire" for "Daniel Lemire's blog"."""
    domain = " " not in org and "." in org
    if domain:
        org = re.sub(r"^www\.|(?:\.[a-z]{2,3})?\.[a-z]{2,6}$", "", org.casefold())
    a, b = _WORD.findall(name.casefold()), _WORD.findall(org.casefold())
    if not a or not b:
        return False
    whole_a, whole_b = "".join(a), "".join(b)
    if whole_a == whole_b:
        return True
    if domain and any("".join(a[:i]) == whole_b for i in range(1, len(a))):
        return True  # the host's name plus a word: "Betty Crocker Kitchens"
    owner = re.match(re.escape(name) + r"[’']s\b", org, re.I)
    return not owner and any("".join(b[:i]) == whole_a for i in range(1, len(b)))


def _squash(name: str) -> str:
    return re.sub(r"\W+", "", name.casefold())
