"""Metadata from scraped plain text: title, authors, outlet, publication and modification dates.

Plain text has no ``<meta>`` tags, so every field comes from a line a reader would see:

- url: a first line that is nothing but the page's URL (scrapers write it there);
- title: a headline-shaped line above the body, preferring one the page repeats or the
  URL's slug spells, never a dek below it, a photo caption, a byline, a tweet, a date
  stamp or a site name with its share button ("ABC News Share"); a leading date fragment
  or lower-case section label glued to it ("January 1, …", "white house Trump says …")
  is cut off. No headline-shaped line: ``None``, never the first sentence;
- authors: "By Stephanie Gaskell" (also at the end of a standfirst, whose sentence part
  stays body: :attr:`TextMeta.cuts`), "Ayaz Gul – Voice of America" (the part after the
  dash must be name-shaped, not a tagline), or a bare name line just above a dateline
  such as "Time•June 1, 2020".
  Military and academic ranks are stripped ("By Lt Gen Prakash Katoch" → "Prakash Katoch");
- outlet: our outlet table's name for the URL's domain (:mod:`dossier.clean.outlets`),
  else the outlet named in a byline or dateline, else a masthead near the top
  ("FRONTIER WIRE | News from the edges of the map", or an ALL-CAPS site name followed by
  a tagline line; the tagline is never the outlet, and ALL-CAPS names are title-cased),
  else "© Outlet" / "Outlet © 2021", "More from Outlet" (unless Outlet is a nav-menu
  section), "Outlet Logo", or a short site-name line at the very top (without a share or
  menu button glued to it), else a name made from the URL's domain;
- dates: only explicit ones. "Published…"/"Posted…" lines and datelines give
  ``published`` (with ``published_basis`` quoting the line); "Last modified/Updated…"
  gives ``modified`` and is never reported as publication; a line with both
  ("Published: … | Updated: …") gives each its own date. No explicit date: ``None``.

Every line used is reported in :attr:`TextMeta.lines` so the cleaner can label it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dossier.clean.names import BYLINE_LEAD, byline_agency, clean_authors
from dossier.clean.outlets import lookup_outlet
from dossier.clean.textblocks import page_url, stamp_line, tweet_rule, wire_caption
from dossier.clean.textrules import Line, caption_rule, chrome_rule, credit_rule, is_prose, split_lines

__all__ = ["TextMeta", "extract_meta", "find_date"]

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_RES = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
               re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+"
               rf"(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<num>\d\d)-(?P<day>\d\d)(?!\d)"),
)
_MODIFIED = re.compile(r"\b(?:last\s+)?(?:modified|updated|edited|revised)\b", re.IGNORECASE)
# "Published"/"Posted" label a date anywhere on a line; "Date"/"Dated"/"Released" only open it
# ("Date: 3 May 2021"): inside a sentence they are nouns and verbs ("his court date is set for
# February 17", "was released on bail on May 3").
_PUBLISHED = re.compile(r"\b(?:published|posted|first published)\b|^\W{0,3}(?:released|dated?)\b",
                        re.IGNORECASE)
_RANKS = (r"(?:Lt|Lieut|Maj|Brig|Gen|Col|Capt|Cdr|Adm|Sgt|Cpl|Lt Col|Lt Gen|Maj Gen|Brig Gen|"
          r"Air Marshal|Vice Admiral|Rear Admiral|Major General|Lieutenant General|"
          r"Lieutenant Colonel|Brigadier|Colonel|General|Captain|Commander|Admiral|Dr|Prof|"
          r"Professor|Mr|Mrs|Ms|Sir|Rev|Amb|Ambassador|Hon|Retd|Retired)\.?")
_NAME_WORD = r"(?:[A-Z][\w'’-]*\.?|[A-Z]\.|(?:de|van|von|al|bin|da|del|la|le)(?=\s[A-Z]))"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}"
_BYLINE = re.compile(rf"(?:^(?i:{BYLINE_LEAD})|(?<=[.!?”\"’]\s)|(?<=[.!?]))\s*[Bb]y:?\s+(?P<names>{_NAME}"
                     rf"(?:\s*(?:,|and|&)\s*{_NAME})*)")
_NAME_OUTLET = re.compile(rf"^(?P<name>{_NAME})\s+[–—|-]\s+(?P<outlet>[A-Z][\w.&' ]{{1,40}})$")
_NAME_COMMA_OUTLET = re.compile(rf"^(?P<name>{_NAME}),\s+(?P<outlet>[A-Z][\w.&' ]{{1,40}})$")
_NAME_LINE = re.compile(rf"^{_NAME}$")
_DATELINE = re.compile(r"^(?P<outlet>[A-Z][\w.&' ]{0,40}?)\s*[•|·–—-]\s*(?P<date>.+)$")
_COPYRIGHT = re.compile(r"©\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?[,.]?\s*)?"
                        r"(?P<outlet>[A-Z][\w&.' -]{1,50}?)"
                        r"(?:[.,|·•]|\s+all rights|\s+inc\b|\s+llc\b|\s*$)",
                        re.IGNORECASE)
_MORE_FROM = re.compile(r"\bmore from\s+(?P<outlet>[A-Z][\w&.' -]{1,40}?)\s*$", re.IGNORECASE)
_COPYRIGHT_AFTER = re.compile(r"^(?!copyright\b)(?P<outlet>[A-Z][\w&.' -]{1,50}?)\s*"
                              r"(?:©|\(c\)|copyright)\s*(?:19|20)\d\d\b", re.IGNORECASE)
_COMPANY = re.compile(r"(?:\s+(?:Media|Publishing|Publications|Holdings|Group|Communications|"
                      r"Network|Newspapers?))*,?\s+(?:Pty\.?\s+)?"
                      r"(?:Ltd|Limited|Inc|LLC|PLC|GmbH|Corp|Co)\.?$")
_NAV_SPLIT = re.compile(r"\s{2,}|\s[|·•›»/]\s")
# Masthead: "SITE NAME | tagline", or an ALL-CAPS site name alone on its line.
_MASTHEAD = re.compile(r"^(?P<site>[A-Z][\w&.'’-]*(?:\s+[\w&.'’-]+){0,4})\s*[|–—·•]\s*"
                       r"(?P<tagline>\S.*)$")
# The last word of most newspaper and agency names ("THE BLACK SEA HERALD", "DNIPRO DAILY").
_NEWSY = re.compile(r"^(?!(?:BREAKING|LATEST|LIVE|TOP|WORLD|LOCAL|MORE|RELATED|FEATURED|TRENDING|SPONSORED|"
                    r"RECOMMENDED|PARTNER|FAKE|GOOD|BAD|SPORTS?|BUSINESS|TECH)\b).*\b(?:DAILY|TIMES|POST|HERALD|NEWS|LEDGER|COURIER|OBSERVER|TRIBUNE|JOURNAL|GAZETTE|WIRE|"
                    r"REVIEW|MONITOR|CHRONICLE|EXPRESS|TELEGRAPH|GUARDIAN|STAR|STANDARD|MAIL|TODAY|WEEKLY|PRESS|"
                    r"AGENCY|DISPATCH|SENTINEL|INQUIRER|BULLETIN|REPORTER|REPUBLIC|INDEPENDENT)$")
_CREDIT_OR_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b|"
                                  r"\b(?:photo(?:graph)?|image|picture|credit)s?\b\s*(?::|by\b)",
                                  re.IGNORECASE)
_SMALL_WORDS = frozenset(("a", "an", "and", "at", "by", "de", "des", "du", "for", "in", "la", "le",
                          "of", "on", "the", "to", "van", "von", "&"))
_LOGO = re.compile(r"^(?P<outlet>[A-Z][\w&.' -]{1,40}?)\s+logo$", re.IGNORECASE)
_STOP_AFTER_NAME = re.compile(r"\s+(?:Last|Updated|Published|Posted|Modified|On|In|At|For|"
                              r"Photo|Image|Staff|Reporter|Correspondent|Editor|Senior|"
                              r"Contributor|Writer)\b.*$")
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"(?:19|20)\d\d")
_TITLE_SEP = re.compile(r"\s[-–—|:]\s|\|")


@dataclass(frozen=True, slots=True)
class TextMeta:
    """Metadata found in the lines of one page, and which lines carried it.

    ``lines`` maps a line index to the (kind, reason) the cleaner should give that line.
    ``cuts`` maps a line index to (end of the standfirst, start of the byline), character
    offsets inside the line, when only the end of the line is a byline ("… Taliban. By
    Stephanie Gaskell"): the part before the cut is a body paragraph.
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None
    published_basis: str | None = None
    modified: str | None = None
    lines: dict[int, tuple[str, str]] = field(default_factory=dict)
    cuts: dict[int, tuple[int, int]] = field(default_factory=dict)
    url: str | None = None


def find_date(text: str) -> str | None:
    """The first explicit calendar date in ``text`` as "YYYY-MM-DD", or ``None``.

    >>> find_date("Time•June 1, 2020")
    '2020-06-01'
    """
    for pattern in _DATE_RES:
        match = pattern.search(text)
        if match is None:
            continue
        parts = match.groupdict()
        month = int(parts["num"]) if parts.get("num") else _MONTHS[parts["mon"][:3].lower()]
        day, year = int(parts["day"]), int(parts["year"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def extract_meta(lines: list[Line], *, body_start: int) -> TextMeta:
    """Find title, authors, outlet and dates in the lines of one page.

    Args:
        lines: the page's measured lines (:func:`dossier.clean.textrules.split_lines`).
        body_start: index of the first line of the body run (``len(lines)`` if none).
    """
    claimed: dict[int, tuple[str, str]] = {}
    cuts: dict[int, tuple[int, int]] = {}
    head = range(max(0, body_start - 25), min(len(lines), body_start + 3))
    url = _page_url(lines, claimed)
    named = lookup_outlet(url)
    masthead = _masthead(lines, body_start, claimed)
    authors, byline_outlet, agency = _authors(lines, head, claimed, cuts)
    published, basis, modified = _dates(lines, head, claimed)
    title = _title(lines, body_start, claimed, url=url, site=named.name if named else None)
    site = _site_line(lines, title, claimed)
    table = named.name if named and named.basis == "table" else None
    outlet = (table or byline_outlet or masthead or _outlet(lines, title) or site or agency
              or (named.name if named else None))
    return TextMeta(title=title, authors=authors, outlet=outlet, published=published,
                    published_basis=basis, modified=modified, lines=claimed, cuts=cuts, url=url)


def _page_url(lines: list[Line], claimed: dict[int, tuple[str, str]]) -> str | None:
    """The page's URL from a first line that is nothing but one, claimed as meta."""
    url = page_url(lines[0]) if lines else None
    if url is None:
        return None
    claimed[0] = ("meta", "page-url")
    return url if "://" in url else f"http://{url}"


def _clean_name(raw: str) -> str:
    """A person's name without ranks, honorifics or trailing words such as "Last modified"."""
    name = _STOP_AFTER_NAME.sub("", _SPACE.sub(" ", raw).strip())
    while True:
        stripped = re.sub(rf"^{_RANKS}\s+", "", name)
        if stripped == name:
            return name.strip(" ,.")
        name = stripped


def _split_names(raw: str) -> tuple[str, ...]:
    """Split "A, B and C" into cleaned names, dropping what is not two words or more."""
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", raw)
    names = tuple(_clean_name(p) for p in parts if p.strip())
    return tuple(n for n in names if len(n.split()) >= 2)


def _authors(lines: list[Line], head: range, claimed: dict[int, tuple[str, str]],
             cuts: dict[int, tuple[int, int]]) -> tuple[tuple[str, ...], str | None, str | None]:
    """Authors, an outlet named beside them and the news agency a "By" line credits, from
    the lines around the body start."""
    for i in head:
        if i in claimed:
            continue
        text = lines[i].text
        match = _BYLINE.search(text)
        if match and (match.start() == 0 or match.end() >= len(text) - 60):
            # people only: no wire ("JANE DOE Associated Press"), role or organisation ("CNN Editor")
            names = tuple(person for name in _split_names(match.group("names"))
                          for person in clean_authors([name])[:1] if len(person.split()) >= 2)
            if names:
                claimed[i] = ("meta", "byline")
                _cut_standfirst(text, match.start(), i, cuts)
                return names, None, byline_agency([match.group("names")])
        match = _NAME_OUTLET.match(text) or _NAME_COMMA_OUTLET.match(text)
        if match and match.re is _NAME_COMMA_OUTLET and not _NEWSY.search(match.group("outlet").upper()):
            match = None
        if match and lines[i].words <= 10 and _name_shaped(match.group("outlet")):
            claimed[i] = ("meta", "byline-outlet")
            return (_clean_name(match.group("name")),), match.group("outlet").strip(), None
    for i in head:
        match = _DATELINE.match(lines[i].text)
        if (match and i > 0 and find_date(match.group("date")) and lines[i].words <= 8
                and _NAME_LINE.match(lines[i - 1].text) and lines[i - 1].words <= 5):
            claimed[i - 1] = ("meta", "byline-name-before-dateline")
            outlet = match.group("outlet").strip() or None
            return (_clean_name(lines[i - 1].text),), outlet, None
    return (), None, None


def _cut_standfirst(text: str, at: int, index: int, cuts: dict[int, tuple[int, int]]) -> None:
    """Record where a standfirst ends and its trailing byline starts, if the part before
    the byline reads as prose (it is then a body paragraph, not metadata)."""
    before = text[:at].rstrip()
    if not before:
        return
    measured = split_lines(before)
    if len(measured) == 1 and is_prose(measured[0]):
        by = at + len(text[at:]) - len(text[at:].lstrip())
        cuts[index] = (len(before), by)


def _name_shaped(text: str) -> bool:
    """Whether ``text`` reads as a proper name ("Voice of America"), not a tagline."""
    words = text.split()
    return bool(words) and words[0][0].isupper() and all(
        w[0].isupper() or w[0].isdigit() or w.casefold() in _SMALL_WORDS for w in words)


def _site_case(name: str) -> str:
    """Title-case an ALL-CAPS site name ("FRONTIER WIRE" → "Frontier Wire").

    Words without a vowel stay upper case ("BBC NEWS" → "BBC News"); small words after the
    first are lower case ("NEWS OF THE WORLD" → "News of the World").
    """
    if not name.isupper():
        return name
    out: list[str] = []
    for i, word in enumerate(name.split()):
        if not re.search(r"[AEIOUY]", word):
            out.append(word)
        elif i and word.casefold() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word.capitalize())
    return " ".join(out)


def _tagline(line: Line) -> bool:
    """Whether a line reads as a site's tagline: a short phrase, mostly lower case, no date."""
    words = line.norm.split()
    lower = sum(w[0].islower() for w in words)
    return (3 <= len(words) <= 14 and lower * 2 >= len(words) and not line.text.endswith(".")
            and find_date(line.text) is None and chrome_rule(line) is None)


def _masthead(lines: list[Line], body_start: int,
              claimed: dict[int, tuple[str, str]]) -> str | None:
    """The site name from a masthead among the first lines above the body.

    "FRONTIER WIRE | News from the edges of the map" gives "Frontier Wire" (the tagline
    after the separator is not the outlet). An ALL-CAPS line of two to five words
    ("MERIDIAN POST") counts only when a copyright or photo-credit line elsewhere names
    the same outlet, whose spelling is then used; a tagline line just below it is claimed.
    """
    keys = Counter(ln.norm.casefold() for ln in lines)
    for i in range(min(6, body_start, len(lines))):
        line = lines[i]
        if i in claimed or keys[line.norm.casefold()] > 1 or chrome_rule(line):
            continue
        match = _MASTHEAD.match(line.norm)
        if match:
            site, rest = match.group("site"), split_lines(match.group("tagline"))
            if (_name_shaped(site) and (site.isupper() or len(site.split()) >= 2)
                    and rest and _tagline(rest[0])):
                claimed[i] = ("meta", "masthead")
                return _site_case(_named_elsewhere(lines, i, site) or site)
        words = line.norm.split()
        if not (2 <= len(words) <= 5 and line.norm.isupper()
                and all(w.isalpha() or w == "&" for w in words)):
            continue
        named = _named_elsewhere(lines, i, line.norm) or (line.norm if _NEWSY.search(line.norm) else None)
        if named:
            claimed[i] = ("meta", "masthead")
            if i + 1 < len(lines) and lines[i + 1].gap == 0 and _tagline(lines[i + 1]):
                claimed[i + 1] = ("meta", "tagline")
            return _site_case(named)
    return None


def _named_elsewhere(lines: list[Line], index: int, name: str) -> str | None:
    """The spelling of ``name`` in a copyright or photo-credit line other than ``index``."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)",
                         re.IGNORECASE)
    found: str | None = None
    for j, line in enumerate(lines):
        if j == index or not _CREDIT_OR_COPYRIGHT.search(line.text):
            continue
        match = pattern.search(line.norm)
        if match and (found is None or found.isupper()):
            found = match.group()
    return found


def _dates(lines: list[Line], head: range,
           claimed: dict[int, tuple[str, str]]) -> tuple[str | None, str | None, str | None]:
    """(published, basis, modified) from explicit date lines; nothing is inferred."""
    published = basis = modified = None
    for i, line in enumerate(lines):
        labelled = _PUBLISHED.search(line.text) or _MODIFIED.search(line.text)
        if line.words > 25 or not _YEAR.search(line.text) or (i not in head and not labelled):
            continue
        date = find_date(line.text)
        if date is None:
            continue
        both = _both_dates(line.text)
        if both and published is None:
            published, modified = both[0], modified or both[1]
            basis = f"published-line: {_SPACE.sub(' ', line.text)[:120]}"
        elif _MODIFIED.search(line.text) and not _PUBLISHED.search(line.text):
            modified = modified or date
        elif published is None and (_PUBLISHED.search(line.text) or _DATELINE.match(line.text)
                                    or (line.words <= 12 and not line.sentence)):  # a short line, not a sentence
            published = date
            kind = "published-line" if _PUBLISHED.search(line.text) else "dateline"
            basis = f"{kind}: {_SPACE.sub(' ', line.text)[:120]}"
        else:
            continue
        claimed.setdefault(i, ("meta", "date-line"))
    return published, basis, modified


def _both_dates(text: str) -> tuple[str, str] | None:
    """(published, modified) from "Published: <date> | Updated: <date>", in either order."""
    pub, mod = _PUBLISHED.search(text), _MODIFIED.search(text)
    if pub is None or mod is None:
        return None
    cut = max(pub.start(), mod.start())
    first, second = find_date(text[:cut]), find_date(text[cut:])
    if first is None or second is None:
        return None
    return (first, second) if pub.start() < mod.start() else (second, first)


def _headline_like(line: Line) -> bool:
    """Whether a line could be a headline: a few words, no closing full stop, one sentence,
    and none of a caption's, byline's, tweet's, stamp's or share button's marks."""
    return (3 <= line.words <= 30 and " " in line.norm and "://" not in line.text
            and not line.text.endswith(".") and line.inner == 0 and find_date(line.text) is None
            and not _BYLINE_START.match(line.text) and "(@" not in line.text
            and not (caption_rule(line) or credit_rule(line) or wire_caption(line) or tweet_rule(line)
                     or stamp_line(line) or _site_with_buttons(line) or chrome_rule(line)
                     or _BUTTONS.fullmatch(line.norm) or _menu_row(line)))


# A row of buttons or menu items: "Share on Facebook  Share on X  Copy link", "Sections: Politics | War".
_BUTTONS = re.compile(r"(?i:(?:(?:share|tweet|e-?mail|print|copy link|listen to this article|follow us)"
                      r"(?: (?:on|via|to) \w+)?\W*){2,}|(?:sections|menu|topics)\W.*)")
_BYLINE_START = re.compile(r"(?i:by|written by|words by|reporting by)\s", re.UNICODE)
# A date or a lower-case section label glued to the front of a headline.
_TITLE_LEAD = re.compile(
    r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+(?:19|20)\d\d)?,?"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(?:19|20)\d\d)?,?"
    r"|(?:19|20)\d\d-\d\d-\d\d)\s+(?=\S)"
    r"|^\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d\s*[-–—|:]?\s*(?=[A-Z])", re.IGNORECASE)
_KICKER = re.compile(r"^[a-z][a-z&'’-]*(?:\s[a-z][a-z&'’-]*){0,2}\s(?=[A-Z0-9“\"‘][\w’'-]*\s+\S+\s+\S)")
_SLUG_WORD = re.compile(r"[a-z0-9]+")
_SLUG_STOP = frozenset(("a", "an", "and", "as", "at", "by", "for", "from", "in", "is", "of", "on", "or",
                        "the", "to", "with", "s"))


def _chrome_tail(text: str) -> str:
    """``text`` without share, menu or sign-in buttons glued to its end ("ABC News Share")."""
    words = text.split()
    while len(words) > 1 and chrome_rule(split_lines(words[-1])[0]):
        words.pop()
    return " ".join(words)


def _site_with_buttons(line: Line) -> bool:
    """Whether a line is a site's name with buttons glued to it ("ABC News Share")."""
    name = _chrome_tail(line.norm)
    return name != line.norm and 1 <= len(name.split()) <= 4 and all(w[0].isupper() for w in name.split())


def _slug_words(url: str | None) -> set[str]:
    """The words of a URL's last path parts ("…/us-and-taliban-sign-deal-1.41" → us, taliban, …)."""
    if not url:
        return set()
    path = re.sub(r"^[a-z]+://[^/]+", "", url.split("?")[0].split("#")[0], flags=re.IGNORECASE)
    parts = [p for p in path.lower().split("/") if p][-2:]
    return {w for p in parts for w in _SLUG_WORD.findall(p) if not w.isdigit() and w not in _SLUG_STOP}


def _slug_share(line: Line, slug: set[str]) -> float:
    """Share of a line's content words that the URL's slug spells."""
    words = {w for w in _SLUG_WORD.findall(line.norm.lower()) if w not in _SLUG_STOP}
    return len(words & slug) / len(words) if words and slug else 0.0


def _title_text(line: Line) -> str:
    """The headline a line holds, without a leading date fragment or section label."""
    text = _SPACE.sub(" ", line.text).strip()
    text = _TITLE_LEAD.sub("", text, count=1)
    return _KICKER.sub("", text, count=1)


_MARKUP_LINE = re.compile(r"\s*<[A-Za-z!/][^>]*>.*>\s*$|\s*<[A-Za-z!/][^>]*>\s*$")


def _title(lines: list[Line], body_start: int, claimed: dict[int, tuple[str, str]], *,
           url: str | None = None, site: str | None = None) -> str | None:
    """The headline: scored by shape, repetition, the URL's slug and nearness to the body
    start. A line that is the site's name is not one; of a headline and the dek just below
    it, the dek loses unless it alone is repeated or spelled by the slug."""
    keys = [ln.norm.casefold() for ln in lines]
    counts = Counter(keys)
    pieces = _pieces(keys)
    slug = _slug_words(url)
    name = _squash(site or "")
    best, best_score = None, 0.0
    window = range(max(0, body_start - 30), min(body_start + 1, len(lines)))
    # The first line of words: a stray tag line above the headline (<script …>) is not one.
    first_real = next((i for i in window if i not in claimed and lines[i].words >= 3
                       and not _MARKUP_LINE.match(lines[i].text)), -1)
    scores: dict[int, float] = {}
    for i in window:
        line = lines[i]
        if i in claimed or not _headline_like(line) or (name and _squash(line.norm) == name):
            continue
        score = 1.0 + (line.caps >= 0.6) * 1.5 + (line.words >= 5) * 1.0
        score += (counts[keys[i]] > 1 or keys[i] in pieces) * 1.5
        score += (i == first_real) * 0.5 + 1.0 / (1 + body_start - i)
        score += 2.0 * (_slug_share(line, slug) >= 0.6)
        if i - 1 in scores and _dek(line, lines[i - 1]):
            score -= 2.0
        scores[i] = score
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    for i, key in enumerate(keys):
        if key == keys[best] and i not in claimed:
            claimed[i] = ("title", "title" if i == best else "title-repeat")
    return _title_text(lines[best]) or None


def _menu_row(line: Line) -> bool:
    """Whether a line is a row of menu items: three or more short parts split by bars or wide gaps."""
    parts = [p.strip() for p in _NAV_SPLIT.split(line.text) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)


def _dek(line: Line, above: Line) -> bool:
    """Whether ``line`` reads as the dek (standfirst) below the headline ``above``: a
    longer phrase in sentence case right under it."""
    return line.gap <= 1 and line.words >= 10 and line.caps < 0.5 and line.words > above.words + 2


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _pieces(keys: list[str]) -> set[str]:
    """The parts of lines split at a title separator ("Title - Site", "Opinion|Title")."""
    out: set[str] = set()
    for key in keys:
        parts = _TITLE_SEP.split(key)
        if len(parts) > 1:
            out.update(part.strip() for part in parts)
    return out


def _outlet(lines: list[Line], title: str | None) -> str | None:
    """The outlet from a "© Outlet", "Outlet © 2021", "More from Outlet" or "Outlet Logo" line.

    "More from South Asia" names a section when "South Asia" is an item of a nav menu on
    the page, and is then skipped.
    """
    sections = _nav_items(lines)
    for pattern in (_COPYRIGHT, _COPYRIGHT_AFTER, _MORE_FROM, _LOGO):
        for line in lines:
            match = pattern.search(line.text)
            if match and line.words <= 14:
                outlet = _COMPANY.sub("", match.group("outlet").strip(" -–,.")).strip(" -–,.")
                if (outlet and outlet.casefold() != (title or "").casefold()
                        and not (pattern is _MORE_FROM and outlet.casefold() in sections)):
                    return _site_case(outlet)
    return None


def _nav_items(lines: list[Line]) -> set[str]:
    """Items of nav-menu lines ("World    Americas    South Asia"), case-folded."""
    items: set[str] = set()
    for line in lines:
        parts = [p.strip() for p in _NAV_SPLIT.split(line.text) if p.strip()]
        if len(parts) >= 4 and all(len(p.split()) <= 3 for p in parts):
            items.update(p.casefold() for p in parts)
    return items


def _site_line(lines: list[Line], title: str | None,
               claimed: dict[int, tuple[str, str]]) -> str | None:
    """A site name on the first line ("Small Wars Journal", "ABC News Share" without its
    share button), claimed as meta."""
    if not lines or 0 in claimed:
        return None
    name = _chrome_tail(lines[0].norm)
    if _site_name(name, lines[0]) and name != title:
        claimed[0] = ("meta", "site-name")
        return name
    return None


def _site_name(name: str, line: Line) -> bool:
    """Whether a top line looks like a site name: 2–4 capitalised words, no digits."""
    words = name.split()
    return (2 <= len(words) <= 4 and all(w[0].isupper() for w in words)
            and not any(c.isdigit() for c in name) and not line.sentence)
