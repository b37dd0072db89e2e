"""A document's publication date from its own evidence: value, precision, basis, inferred or not.

A cascade, strongest evidence first (the finders are in :mod:`dossier.clean.pubdate_rules`):

1. **stated** — what the document itself says, in this order: a date its container or
   page metadata declares (feed ``pubDate``, JSON-LD, ``<meta>``, a "Published …" line:
   found by the cleaners), a date stamp opening a head line (``date 2020-02-29 …``), the
   URL (``/2015/07/30/``, ``/20150730-``; ``/2015/07/`` is a month), a dateline that
   writes its year. A day-precise statement ends the search. A stamp or declared day
   whose month and day are the URL's swapped ("2019-07-09" beside ``/2019/09/07/``) is a
   mis-read day-month order, and the URL wins;
2. **a dateline without its year** (``KABUL, Oct. 3 (Reuters) -``): the year comes from
   a stated month or year, else from the text (the first such day on or after the latest
   date the text reports, or the year "12 years later" names), and is said so;
3. **the text** — constraints intersected with whatever was stated: the latest date the
   text reports in a past clause is a lower bound (the article cannot predate what it
   reports), tightened to a week when the text names that day's weekday ("attacked on
   Thursday" beside "August 26, 2021", a Thursday); "Now, 12 years later" after a 2001
   date is the year 2013; a "Last modified" date narrows an upper bound. Text alone is
   reported only with a weekday match or a year: a bare lower bound is too weak to show.

The result is a :class:`PubDate`: ``precision`` day, month or year when the days it
allows are exactly one of those, else ``range`` (``value`` is the first day, ``until``
the last when known); ``inferred`` is False only for a stated date taken as stated.
Other documents in the store can still date an undated one after ingest
(:mod:`dossier.dating`).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dossier.clean.pubdate_rules import (
    Dateline,
    TextDate,
    dateline,
    stamp,
    text_dates,
    url_date,
    weekdays_named,
    years_after,
    years_named,
)
from dossier.dates import precision_of
from dossier.records import Segment

__all__ = ["PubDate", "infer_published", "interval_of", "pubdate_of"]

_HEAD_LINES = 8  # stamps live in the first lines of a scraped page
_DATELINE_LINES = 30  # lines of the page searched for a dateline (it may be labelled meta)
_DATELINE_PARAGRAPHS = 3  # paragraphs of the body searched for one
_WEEK = 6  # days after a reported weekday within which "on Thursday" still reads so
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

Interval = tuple[date, date | None]


@dataclass(frozen=True, slots=True)
class PubDate:
    """A publication date with its precision, its basis and whether it was inferred."""

    value: str  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY"; a range's first day
    precision: str  # day | month | year | range
    basis: str  # the rule(s) and the evidence quoted
    inferred: bool
    until: str | None = None  # a range's last day, when known


def interval_of(value: str) -> tuple[date, date] | None:
    """The days an ISO day, month or year covers."""
    precision = precision_of(value)
    if precision is None:
        return None
    year = int(value[:4])
    try:
        if precision == "year":
            return date(year, 1, 1), date(year, 12, 31)
        month = int(value[5:7])
        if precision == "month":
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        day = date(year, month, int(value[8:10]))
    except ValueError:
        return None
    return day, day


def pubdate_of(lo: date, hi: date | None, basis: str, *, inferred: bool) -> PubDate:
    """The value and precision that name exactly the days ``lo``..``hi`` (None: open-ended)."""
    if hi == lo:
        return PubDate(lo.isoformat(), "day", basis, inferred)
    if hi is not None and lo.day == 1 and hi == date(lo.year, lo.month, calendar.monthrange(lo.year, lo.month)[1]):
        return PubDate(lo.isoformat()[:7], "month", basis, inferred)
    if hi is not None and (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
        return PubDate(str(lo.year), "year", basis, inferred)
    return PubDate(lo.isoformat(), "range", basis, inferred, hi.isoformat() if hi else None)


@dataclass(frozen=True, slots=True)
class _Stated:
    value: str
    basis: str
    rule: str  # declared | stamp | url | dateline


def _swapped(a: str, b: str) -> bool:
    """Whether two ISO days are one another with month and day swapped."""
    return len(a) == len(b) == 10 and a != b and a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]


def _stated(declared: tuple[str, str] | None, head: Sequence[str], url: str | None,
            line: Dateline | None) -> list[_Stated]:
    found: list[_Stated] = []
    if declared and precision_of(declared[0]):
        found.append(_Stated(declared[0], declared[1], "declared"))
    if (stamped := stamp(list(head))) is not None:
        found.append(_Stated(stamped[0], f"stamp: {stamped[1]!r}", "stamp"))
    if (in_url := url_date(url)) is not None:
        found.append(_Stated(in_url[0], f"url: {in_url[1]!r}", "url"))
    if line is not None and line.year is not None:
        value = date(line.year, line.month, line.day).isoformat()
        found.append(_Stated(value, f"dateline: {line.text!r}", "dateline"))
    found = [s for s in found if interval_of(s.value)]  # "2021-02-30" in a page's metadata is no date
    by_url = next((s for s in found if s.rule == "url"), None)
    if by_url is not None and found[0] is not by_url and _swapped(found[0].value, by_url.value):
        fixed = _Stated(by_url.value, f"{by_url.basis} ({found[0].basis} has month and day swapped)", "url")
        found = [fixed, *(s for s in found if s is not by_url and s is not found[0])]
    return found


def _within(day: date, window: Interval | None) -> bool:
    return window is None or (window[0] <= day and (window[1] is None or day <= window[1]))


def _resolve_years(dates: list[TextDate], window: Interval | None, years: set[int]) -> list[tuple[date, TextDate]]:
    """Each date the text reports with its year: written, from a one-year window, or the one year
    among those the text names (±1) on which its written weekday falls."""
    out = []
    single = window[0].year if window and window[1] and window[0].year == window[1].year else None
    for d in dates:
        if d.year is not None:
            day = d.on(d.year)
        elif d.weekday is not None:
            fits = {y for y in years | {y + 1 for y in years} | ({single} if single else set())
                    if (on := d.on(y)) is not None and on.weekday() == d.weekday}
            day = d.on(fits.pop()) if len(fits) == 1 else None
        elif single is not None:
            day = d.on(single)
        else:
            day = None
        if day is not None and _within(day, window):
            out.append((day, d))
    return out


@dataclass(frozen=True, slots=True)
class _Text:
    """What the text says about when it was written."""

    latest: tuple[date, str] | None  # the latest date reported in a past clause, and its text
    week: bool  # the text names that date's weekday
    year: tuple[int, str] | None  # the year "12 years later" names


def _read_text(text: str, window: Interval | None) -> _Text:
    dates = text_dates(text)
    counted = years_after(text)
    years = {d.year for d in dates if d.year} | ({counted[0]} if counted else set())
    if window:
        years.add(window[0].year)
    past = [(day, d) for day, d in _resolve_years([d for d in dates if not d.future], window, years)]
    if counted:
        past = [(day, d) for day, d in past if day.year <= counted[0]]
    if not past:
        return _Text(None, False, counted)
    day, found = max(past, key=lambda p: p[0])
    # "on Thursday" dates the text to the week after the latest date only when that date is
    # the text's present: no later year is written ("in 2010" beside "9/11" is history).
    week = found.weekday == day.weekday() or (
        day.weekday() in weekdays_named(text) and max(years_named(text), default=day.year) <= day.year)
    return _Text((day, found.text), week, counted)


def _dateline_year(line: Dateline, window: Interval | None, said: _Text) -> tuple[int, str] | None:
    """The year of a dateline that leaves it out, and where it came from."""
    if window and window[1] and window[0].year == window[1].year:
        return window[0].year, "the stated date"
    if said.year is not None:
        return said.year[0], repr(said.year[1])
    if said.latest is not None:
        latest, quote = said.latest
        for year in (latest.year, latest.year + 1):
            try:
                if date(year, line.month, line.day) >= latest:
                    return year, f"the latest date the text reports, {quote!r}"
            except ValueError:
                continue
    return None


def _combine(window: Interval | None, said: _Text, modified: str | None) -> tuple[Interval, list[str]] | None:
    """The days the stated window and the text allow together, and the text's part of the basis."""
    lo, hi = window if window else (date.min, None)
    notes: list[str] = []
    if said.year is not None:
        y_lo, y_hi = date(said.year[0], 1, 1), date(said.year[0], 12, 31)
        if y_lo <= (hi or date.max) and lo <= y_hi:
            lo, hi = max(lo, y_lo), min(hi or date.max, y_hi)
            notes.append(f"text: {said.year[1]!r} makes it {said.year[0]}")
    if said.latest is not None:
        day, quote = said.latest
        top = day + timedelta(days=_WEEK) if said.week else None
        if day <= (hi or date.max) and (top is None or lo <= top):
            lo = max(lo, day)
            if top is not None:
                hi = min(hi or date.max, top)
            weekday = _WEEKDAY_NAMES[day.weekday()]
            notes.append(f"text: on or after the latest date it reports, {quote!r}"
                         + (f" (a {weekday}, named in the text: within {_WEEK} days)" if top else ""))
    if modified and hi is not None and (upper := interval_of(modified)) and lo <= upper[1] < hi:
        hi = upper[1]  # it only narrows what other evidence bounds: alone it says too little
        notes.append(f"modified {modified}: no later")
    if not notes or lo == date.min:
        return None
    return (lo, hi), notes


def _evidence_text(text: str, source_text: str, segments: Sequence[Segment]) -> str:
    """The body with the page's photo captions and datelines: what the text reports as seen.
    Comments, related links and "Updated" lines are left out (their dates are later)."""
    extra = [source_text[s.start:s.end] for s in segments
             if s.kind == "caption" or (s.kind == "meta" and s.reason.startswith("dateline"))]
    return "\n\n".join([text, *extra])


def infer_published(*, declared: tuple[str, str] | None, text: str, source_text: str = "",
                    segments: Sequence[Segment] = (), url: str | None = None,
                    modified: str | None = None) -> PubDate | None:
    """The publication date of one document from its own evidence (see the module docstring).

    Args:
        declared: (value, basis) a container or the cleaner found (feed date, page metadata,
            a "Published" line), or None.
        text: the cleaned body.
        source_text: the text the cleaner read (scraped pages: every line, with the head the
            body lost); "" for HTML.
        segments: the cleaner's labelled stretches of ``source_text``; captions and
            datelines count as text evidence.
        url: the page's URL.
        modified: a "Last modified" date: publication is no later.

    >>> infer_published(declared=None, text="KABUL, Oct. 3 (Reuters) - Gunmen attacked.",
    ...                 url="https://example.com/2021/10/gunmen").value
    '2021-10-03'
    """
    lines = [ln for ln in (source_text or text).splitlines() if ln.strip()]
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][:_DATELINE_PARAGRAPHS]
    line = dateline(paragraphs + lines[:_DATELINE_LINES])
    stated = _stated(declared, lines[:_HEAD_LINES], url, line)
    primary = stated[0] if stated else None
    if primary is not None:
        day = next((s for s in stated if precision_of(s.value) == "day"
                    and _within(date.fromisoformat(s.value), interval_of(primary.value))), None)
        if day is not None:
            basis = day.basis if day is primary else f"{day.basis} (within {primary.basis})"
            return PubDate(day.value, "day", basis, inferred=False)
    window = interval_of(primary.value) if primary else None
    said = _read_text(_evidence_text(text, source_text, segments), window)
    if line is not None and line.year is None:
        year = _dateline_year(line, window, said)
        if year is not None:
            try:
                day_of = date(year[0], line.month, line.day)
            except ValueError:
                day_of = None
            if day_of is not None and _within(day_of, window) and (
                    line.weekday is None or line.weekday == day_of.weekday()):
                return PubDate(day_of.isoformat(), "day", f"dateline: {line.text!r}, year {year[0]} from {year[1]}",
                               inferred=True)
    combined = _combine(window, said, None if primary else modified)
    if combined is None:
        return PubDate(primary.value, precision_of(primary.value) or "day", primary.basis, False) if primary else None
    (lo, hi), notes = combined
    if window and (lo, hi) == window and primary:
        return PubDate(primary.value, precision_of(primary.value) or "day", primary.basis, False)
    if not window and hi is None:
        return None  # a bare lower bound from the text alone is too weak to show
    basis = "; ".join(([primary.basis] if primary else []) + notes)
    return pubdate_of(lo, hi, basis, inferred=True)
