"""Publication and modification dates of one HTML page.

A cascade, most specific first: the declared dates (JSON-LD ``datePublished``, then
``<meta>`` keys, then JSON-LD ``dateCreated``; a full date in the URL settles time-zone
doubts), then a date the visible text labels "Published"/"Posted" under the headline,
then htmldate's guess. The result records where the date came from
(``published_basis``), and a modification date is never reported as the publication
date (nor is a date htmldate found beside an "Updated" label, or in reader comments).

Used by :mod:`dossier.clean.htmlmeta`; tuned on trafilatura's English evaluation pages,
see ``bench/extraction.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from htmldate import find_date
from lxml.html import HtmlElement

__all__ = ["PageDates", "read_dates"]

_SPACE = re.compile(r"\s+")
_NS = {"re": "http://exslt.org/regular-expressions"}
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# <meta> keys (name, property or itemprop), most specific first
_PUBLISHED_KEYS = ("article:published_time", "og:published_time", "datepublished",
                   "parsely-pub-date", "sailthru.date", "publish-date", "publishdate",
                   "pubdate", "dc.date.issued", "dcterms.created", "dc.date", "date")
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified",
                  "dcterms.modified", "last-modified")


@dataclass(frozen=True, slots=True)
class PageDates:
    """A page's dates (``YYYY-MM-DD``) and where the publication date came from."""

    published: str | None = None
    published_basis: str | None = None
    modified: str | None = None


def read_dates(tree: HtmlElement, tags: dict[str, list[str]], ld: dict[str, Any], *,
               url: str | None = None, extensive: bool = False) -> PageDates:
    """The publication and modification dates of a parsed page.

    Args:
        tree: the page parsed by lxml (not modified).
        tags: ``<meta>`` contents by lower-cased name/property/itemprop, in page order.
        ld: the page's main JSON-LD article (``{}`` if none).
        url: the page's address; a full date in it settles time-zone doubts.
        extensive: let htmldate search the page text for dates (slower, looser).
    Returns:
        A :class:`PageDates`; ``modified`` is set only when no publication date is.
    """
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
    return PageDates(published=published, published_basis=basis, modified=modified)


def _text(el: HtmlElement) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


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
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE),
     (3, 1, 2)),
    (re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + _MONTH + r",?\s+((?:19|20)\d\d)\b",
                re.IGNORECASE),
     (3, 2, 1)),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b"), (3, 2, 1)),
)
# a date the page labels as the publication date: "Published: 7 May 2021", "Posted on ..."
_LABEL = re.compile(r"\b(?:first published|published|posted|written|released)(?:\s+(?:on|at))?\s*:?\s*"
                    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?", re.IGNORECASE)
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
                           r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?", re.IGNORECASE)


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

