"""Evidence for a publication date in one document's own words and address.

Each finder reads one kind of evidence and says exactly what it read; :mod:`dossier.clean.pubdate`
weighs them. Kinds, from what the page states to what a reader works out:

- **stamp**: a head line that opens with a date label — ``date 2020-02-29 …``,
  ``Published: 7 May 2021``, ``Posted on 2021-08`` — whatever follows it on the line;
- **URL**: ``/2015/07/30/`` or ``/2015-07-30-`` (htmldate's own URL rule), ``/20150730-``
  (eight digits that form a valid day, bounded by non-digits) → day; ``/2015/07/`` → month.
  Only the path is read (a host name or query holds no publication date);
- **dateline**: a paragraph that opens with place, date and agency, ``KABUL, Oct. 3
  (Reuters) -``, ``July 30 (UPI) --``, ``WASHINGTON, Sept 7, 2019 —`` (AP/Reuters style);
  a dateline without its year needs the year from elsewhere;
- **text dates**: explicit calendar dates in the text ("August 26, 2021", "Sunday,
  15 August", "9/11"), with whether their clause looks forward ("will meet on …",
  "the August 31 deadline"), and the weekdays the text names;
- **years after**: "Now, 12 years later" / "20 years ago" / "the 100th anniversary of"
  counted from a year written just before or after it ("the Sept. 11, 2001, attacks").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

__all__ = ["Dateline", "TextDate", "dateline", "stamp", "text_dates", "url_date", "weekdays_named",
           "years_after", "years_named"]

MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EARLIEST, LATEST = 1990, 2100

# Month names as written in news: capitalised or ALL CAPS, abbreviated with or without a dot
# ("Sept. 11", "Aug 2"). Lower-case "may" is a verb, so month names are case-sensitive.
_MON = (r"(?P<mon>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
        r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
        r"JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|"
        r"SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\b\.?)")
_WD = r"(?:(?P<wd>(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?|[A-Z]{3,6}DAY)\b\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_DATE_FORMS = (
    re.compile(rf"\b{_WD}{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?"),
    re.compile(rf"\b{_WD}{_DAY}\s+(?:of\s+)?{_MON},?(?:\s+{_YEAR})?"),
    re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)-(?P<num>[01]\d)-(?P<day>[0-3]\d)(?![\d])"),
    re.compile(r"(?<![\w/])(?P<nine>9/11|9-11)(?![\w/])"),
)
# Words in the clause before a date that make it a plan, a deadline or a forecast.
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|shall|'ll|scheduled|set\s+(?:for|to)|due|expected|plans?|planned|planning|deadline|"
    r"next|upcoming|coming|until|till|by|before|ahead\s+of|slated|aims?\s+to|intends?)\b[^.;!?]{0,50}$",
    re.IGNORECASE)
_FUTURE_AFTER = re.compile(r"^[^.;!?\w]{0,3}(?:\w+\s+){0,1}(?:deadline|target|date\s+for)\b", re.IGNORECASE)
_BOUNDARY = re.compile(r"[.!?;]\s|\n")


@dataclass(frozen=True, slots=True)
class TextDate:
    """An explicit calendar date in the text; ``year`` None when the text leaves it out."""

    start: int
    end: int
    month: int
    day: int
    year: int | None
    weekday: int | None  # 0 = Monday, when the text names it with the date
    future: bool  # its clause looks forward (a plan, a deadline)
    text: str

    def on(self, year: int) -> date | None:
        """This month and day in ``year`` (None if it does not exist that year)."""
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline opening a paragraph: its day and month, its year when written."""

    month: int
    day: int
    year: int | None
    weekday: int | None
    text: str


def _month(token: str) -> int:
    return MONTHS[token[:3].lower()]


def _weekday(token: str | None) -> int | None:
    if not token:
        return None
    key = token.lower().rstrip(".,")[:3]
    return next((i for i, name in enumerate(WEEKDAYS) if name.startswith(key)), None)


def _valid(year: int, month: int, day: int) -> date | None:
    if not EARLIEST <= year <= LATEST:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _future(text: str, start: int, end: int) -> bool:
    """Whether the clause around ``text[start:end]`` looks forward."""
    lo = max(0, start - 80)
    for found in _BOUNDARY.finditer(text, lo, start):
        lo = found.end()
    return bool(_FUTURE_BEFORE.search(text[lo:start]) or _FUTURE_AFTER.match(text[end:end + 30]))


def text_dates(text: str) -> list[TextDate]:
    """Every explicit calendar date in ``text``, in text order, without overlaps.

    >>> [(d.month, d.day, d.year) for d in text_dates("On Sunday, 15 August, and on Aug. 26, 2021.")]
    [(8, 15, None), (8, 26, 2021)]
    """
    found: list[TextDate] = []
    taken: list[tuple[int, int]] = []
    for form in _DATE_FORMS:
        for m in form.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            parts = m.groupdict()
            year: int | None
            if parts.get("nine"):
                month, day, year = 9, 11, 2001
            else:
                month = int(parts["num"]) if parts.get("num") else _month(parts["mon"])
                day = int(parts["day"])
                year = int(parts["year"]) if parts.get("year") else None
            if not 1 <= month <= 12 or not 1 <= day <= 31 or (year and not _valid(year, month, day)):
                continue
            taken.append(m.span())
            found.append(TextDate(m.start(), m.end(), month, day, year, _weekday(parts.get("wd")),
                                  _future(text, m.start(), m.end()), m.group()))
    return sorted(found, key=lambda d: d.start)


_WEEKDAY_WORD = re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b")


def years_named(text: str) -> set[int]:
    """The years the text writes ("in 2010", "2019's"), outside clauses that look forward."""
    return {int(m["year"]) for m in _BARE_YEAR.finditer(text)
            if m["year"] and not _future(text, m.start(), m.end())}


def weekdays_named(text: str) -> set[int]:
    """The weekdays the text names in clauses that do not look forward (0 = Monday)."""
    return {_weekday(m.group("wd")) or 0 for m in _WEEKDAY_WORD.finditer(text)
            if not _future(text, m.start(), m.end())}


# ---------------------------------------------------------------- stamp
_STAMP = re.compile(
    r"^\W{0,3}(?:date[d:]?|published(?:\s+(?:on|at))?|posted(?:\s+(?:on|at))?|first\s+published(?:\s+on)?|"
    r"publication\s+date|pub\.?\s+date|released(?:\s+on)?)\s*[:\-–—|]?\s*", re.IGNORECASE)
_ISO_PART = re.compile(r"(?P<year>(?:19|20)\d\d)[-/.](?P<num>[01]?\d)(?:[-/.](?P<day>[0-3]?\d))?(?![\d])")


def stamp(lines: list[str]) -> tuple[str, str] | None:
    """(ISO value, the line's stamp) from the first of ``lines`` that opens with a date label.

    >>> stamp(["https://example.org/x", " date 2021-08 Kabul falls"])
    ('2021-08', 'date 2021-08')
    """
    for line in lines:
        label = _STAMP.match(line)
        if label is None:
            continue
        rest = line[label.end():label.end() + 40]
        iso = _ISO_PART.match(rest)
        if iso:
            year, month, day = int(iso["year"]), int(iso["num"]), iso["day"]
            if day and _valid(year, month, int(day)):
                return f"{year:04d}-{month:02d}-{int(day):02d}", line[:label.end() + iso.end()].strip()
            if not day and _valid(year, month, 1):
                return f"{year:04d}-{month:02d}", line[:label.end() + iso.end()].strip()
            continue
        written = next((d for d in text_dates(rest) if d.start <= 12 and d.year), None)
        if written and written.year:
            return (f"{written.year:04d}-{written.month:02d}-{written.day:02d}",
                    line[:label.end() + written.end].strip())
    return None


# ---------------------------------------------------------------- URL
_URL_COMPACT = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<num>[01]\d)(?P<day>[0-3]\d)(?!\d)")
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<num>[01]?\d)(?:/|$)")


def url_date(url: str | None) -> tuple[str, str] | None:
    """(ISO value, what in the URL says so): a day, or a month from ``/2015/07/``.

    >>> url_date("https://example.com/news/20150730-flood-kills-nine")
    ('2015-07-30', '20150730')
    """
    if not url or "/" not in url:
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    from htmldate.extractors import COMPLETE_URL, extract_url_date
    from htmldate.utils import Extractor

    options = Extractor(False, datetime(LATEST, 12, 31), datetime(EARLIEST, 1, 1), True, "%Y-%m-%d")
    day = extract_url_date(path, options)
    if day:
        found = COMPLETE_URL.search(path)
        return day, (found.group().strip("/-_") if found else day)
    for m in _URL_COMPACT.finditer(path):
        if _valid(int(m["year"]), int(m["num"]), int(m["day"])):
            return f"{m['year']}-{m['num']}-{m['day']}", m.group()
    month = _URL_MONTH.search(path)
    if month and _valid(int(month["year"]), int(month["num"]), 1):
        return f"{month['year']}-{int(month['num']):02d}", month.group().strip("/")
    return None


# ---------------------------------------------------------------- dateline
_PLACE = r"(?:[A-Z][A-Za-z.'’-]+(?:[ -](?:[A-Z][A-Za-z.'’-]+|al|el|de|da|du|es|of)){0,3})"
_AGENCY = r"(?:\(\s*[A-Z][\w&.'’ -]{0,30}\)|\[\s*[A-Z][\w&.'’ -]{0,30}\])"
_DASH = r"\s*(?:[-–—:]{1,3}|\|)\s*(?=\S)"
_ORDERS = (rf"{_MON}\s+{_DAY}", rf"{_DAY}\s+{_MON}")  # "Oct. 3", "3 October"
_DATELINE_FORMS = tuple(re.compile(form) for order in _ORDERS for form in (
    # place (and region), date, optional agency, dash: "KABUL, Oct. 3 (Reuters) -"
    rf"^\W{{0,2}}{_PLACE}(?:,\s+{_PLACE}){{0,2}},\s+{_WD}{order}(?:,?\s+{_YEAR})?,?\s*(?:{_AGENCY})?{_DASH}",
    # date then agency, no place: "July 30 (UPI) --"
    rf"^\W{{0,2}}{_WD}{order}(?:,?\s+{_YEAR})?\s*{_AGENCY}{_DASH}",
))


def dateline(paragraphs: list[str]) -> Dateline | None:
    """The dateline opening one of ``paragraphs`` (the first few of a text), if any.

    >>> dateline(["KABUL, Oct. 3 (Reuters) - Gunmen attacked a checkpoint."]).day
    3
    """
    for para in paragraphs:
        for form in _DATELINE_FORMS:
            m = form.match(para)
            if m is None:
                continue
            month, day = _month(m["mon"]), int(m["day"])
            year = int(m["year"]) if m["year"] else None
            if (year and not _valid(year, month, day)) or not _valid(2000, month, day):
                continue
            named = m["wd"] or next((w.group("wd") for w in _WEEKDAY_WORD.finditer(m.group())), None)
            return Dateline(month, day, year, _weekday(named), m.group().strip(" -–—:|"))
    return None


# ---------------------------------------------------------------- years after
_NUMBER_WORDS = {w: i for i, w in enumerate(
    ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
     "sixteen seventeen eighteen nineteen twenty").split())} | {"thirty": 30, "forty": 40, "fifty": 50}
_COUNT = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_YEARS_AFTER = (re.compile(rf"\b{_COUNT}[- ]years?[- ](?P<how>later|on|after|since|ago)\b", re.IGNORECASE),
                re.compile(r"\bthe\s+(?P<n>\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\b", re.IGNORECASE))
_NOW = re.compile(r"\b(?:now|today|is|are|has|have|this|marks?|comes?)\b", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)(?![\d/-])|\b9/11\b|\b911\s+(?:terror|attack)")


def _year_near(text: str, start: int, end: int) -> int | None:
    """The year written closest to ``text[start:end]`` in its sentence or the one before."""
    lo = max(0, start - 300)
    stops = [m.end() for m in _BOUNDARY.finditer(text, lo, start)]
    lo = stops[-2] if len(stops) >= 2 else lo
    right = _BOUNDARY.search(text, end)
    hi = right.start() if right else len(text)
    best: tuple[int, int] | None = None
    for m in _BARE_YEAR.finditer(text, lo, hi):
        year = int(m["year"]) if m["year"] else 2001
        distance = start - m.end() if m.end() <= start else m.start() - end
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def years_after(text: str) -> tuple[int, str] | None:
    """(the year of writing, the phrase) from "Now, 12 years later" beside an explicit year.

    "later", "on", "after" and "since" count only in a present-tense sentence ("Now, 12 years
    later, will they stay?"): a past one tells a story ("12 years later he left").

    >>> years_after("It began on Sept. 11, 2001. Now, 12 years later, troops remain.")
    (2013, '12 years later')
    """
    found = sorted((m for form in _YEARS_AFTER for m in form.finditer(text)), key=lambda m: m.start())
    for m in found:
        token = m["n"]
        count = int(token) if token.isdigit() else _NUMBER_WORDS[token.lower()]
        how = m.groupdict().get("how") or "anniversary"
        lo = max(0, m.start() - 200)
        for stop in _BOUNDARY.finditer(text, lo, m.start()):
            lo = stop.end()
        right = _BOUNDARY.search(text, m.end())
        sentence = text[lo:right.start() if right else len(text)]
        if how.lower() != "ago" and not _NOW.search(sentence):
            continue
        year = _year_near(text, m.start(), m.end())
        if year is not None and 0 < count <= 200 and EARLIEST <= year + count <= LATEST:
            return year + count, m.group()
    return None
