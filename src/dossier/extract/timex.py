"""Find time expressions in news text and resolve them against the publication date.

A cascade, recorded in each span's method (``timex.v1:<rule>``): our own rules first
(:mod:`dossier.extract.timex_rules`, compiled once: absolute dates, then periods and days
counted from the anchor, then counts of units), keeping the longest non-overlapping matches;
then ``dateparser``, only on spaCy DATE entities the rules left alone that name a month or a
year (it is ~100x slower per phrase than the rules).

The decisions, each documented where it is made:

* Value and precision (:mod:`~dossier.extract.timex_calendar`): ISO day, "YYYY-MM", "YYYY"
  or a "start/end" day range; precision is the unit the text names (ACLED / TimeML), so
  "late 2001" is ``2001-09-01/2001-12-31`` at ``year`` and "earlier this month" a range at
  ``month``; explicit day ranges ("October 9-10", "the weekend") are ``range``; seasons are
  meteorological and ``quarter``; "the 1980s" is ``decade``; "the 20th century" (1900–1999)
  is ``century``.
* Deadlines: "by the end of 2014" is the period's last day, ``2014-12-31``, at the period's
  precision (``year``), not ``day``; "the end of 2014" without by/before/until is its late third.
* Tense (:mod:`~dossier.extract.timex_tense`): a weekday is the latest one on or before the
  publication date (the publication day included) unless its clause has a future cue (will,
  scheduled, set to …) or reports a plan ("had been planned for Monday"); a month or
  month-day without a year is the latest occurrence in past clauses, the next in future ones
  and the nearest otherwise.
* Not dates: durations ("16 months of peace talks", "for years") come back as ``(None,
  "duration")``; references to the present, past or future ("now", "recently", "the
  future") as ``(None, "ref")``; sets ("every morning", "annually") as ``(None, "set")``;
  a clock time with no day ("at 8 PM") as ``(None, "time")`` (with one, "10 p.m.
  Wednesday", it is that day); phrases anchored to an event ("a day after the deal was
  signed", "in the months since", "the previous Friday") and vague ones ("in recent days")
  as ``(None, None)``, with their text (:mod:`~dossier.extract.timex_kinds`). Ages ("a
  6-year-old boy") and rates ("700 seats a week") are not time expressions. "9/11" is
  always 2001-09-11. Without an anchor only absolute expressions resolve.
* Anchor: the publication date as a day, or as a month, a year or a range of days when
  that is all that is known; against a wider anchor a relative expression is the range of
  days it may mean, at the anchor's precision ("on Thursday" in a November 2020 article is
  2020-10-29/2020-11-26, month), and a date named without its year takes the anchor's
  year (:mod:`~dossier.extract.timex_anchor`).
* Measured on TempEval-3 (``bench/timex.py``); :mod:`~dossier.extract.timex_timeml` writes
  what is found as TIMEX3s.

>>> from datetime import date
>>> resolve_date("earlier this month", anchor=date(2013, 9, 26))
('2013-09-01/2013-09-26', 'month')
>>> resolve_date("on Monday", anchor=date(2013, 9, 26), context="They will meet on Monday.")
('2013-09-30', 'day')
>>> from dossier.extract.timex_calendar import month_period
>>> resolve_date("on Thursday", anchor=month_period(2020, 11), context="They met on Thursday.")
('2020-10-29/2020-11-26', 'month')
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dossier.extract import timex_calendar as cal
from dossier.extract.records import TimeExpr
from dossier.extract.timex_anchor import CALENDAR_RULES, as_period, combine
from dossier.extract.timex_calendar import Period
from dossier.extract.timex_resolve import Ctx, Resolved
from dossier.extract.timex_rules import RULES, Rule
from dossier.extract.timex_tense import tense_at, tense_of
from dossier.records import Span

__all__ = ["find_times", "resolve_date"]

METHOD = "timex.v1"

# Every rule needs one of these; text without any is skipped in one search.
_TRIGGER = re.compile(
    r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|week|month|year|decade|spring|summer|fall|"
    r"autumn|winter|tonight|quarter|hour|minute|centur|fortnight|night|morning|evening|afternoon|now|current|"
    r"recent|present|lately|future|past|daily|weekly|annually|yearly|nightly|every|each|noon|midnight",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|gov|html?|php|am|af|tv)/\S*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]*[A-Z0-9])|\n")
_FALLBACK_WORTHY = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:19|20)\d\d\b", re.IGNORECASE
)
_DURATIONISH = re.compile(r"\b(?:days|weeks|months|years|decades|ago|since|anniversary|old|long)\b", re.IGNORECASE)
_WINDOW = 400


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    rank: int
    rule: str
    resolved: Resolved


TenseFor = Callable[[int, int], Callable[[], str | None]]


def _resolve(rule: Rule, m: re.Match[str], anchor: Period | None, tense: Callable[[], str | None]) -> Resolved | None:
    """The rule's reading of ``m``: against the anchor's day, or combined from its first and last day."""
    if anchor is None or anchor.start == anchor.end:
        return rule.resolve(m, Ctx(anchor.start if anchor else None, tense))
    once = functools.cache(tense)
    first = rule.resolve(m, Ctx(anchor.start, once))
    last = rule.resolve(m, Ctx(anchor.end, once))
    return combine(first, last, anchor, calendar=rule.name in CALENDAR_RULES)


def _candidates(text: str, anchor: Period | None, tense_for: TenseFor) -> list[_Found]:
    """Every rule's matches in ``text`` that its resolver accepts."""
    found: list[_Found] = []
    if not _TRIGGER.search(text):
        return found
    lower = text.lower()
    present: dict[tuple[str, ...], bool] = {}
    for rank, rule in enumerate(RULES):
        for key in rule.needs:
            if key not in present:
                present[key] = any(word in lower for word in key)
        if not all(present[key] for key in rule.needs):
            continue
        for m in rule.pattern.finditer(text):
            start, end = rule.span(m)
            if start == end:
                continue
            resolved = _resolve(rule, m, anchor, tense_for(start, end))
            if resolved is not None:
                found.append(_Found(start, end, rank, rule.name, resolved))
    return found


def _select(found: list[_Found]) -> list[_Found]:
    """The longest non-overlapping candidates (earlier rules win ties), in text order."""
    chosen: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.rank, f.start)):
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


@functools.lru_cache(maxsize=32)
def _date_parser(anchor: date | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    return DateDataParser(languages=["en"], settings=settings)


def _dateparse(phrase: str, anchor: Period | None) -> Resolved | None:
    """The dateparser fallback, for phrases that name a month or a year and are not durations."""
    if anchor is not None and anchor.start != anchor.end:
        first, last = _dateparse_at(phrase, anchor.start), _dateparse_at(phrase, anchor.end)
        return combine(first, last, anchor, calendar=True)
    return _dateparse_at(phrase, anchor.start if anchor else None)


def _dateparse_at(phrase: str, anchor: date | None) -> Resolved | None:
    if not _FALLBACK_WORTHY.search(phrase) or _DURATIONISH.search(phrase) or len(phrase) > 60:
        return None
    if anchor is None and not re.search(r"\b(?:19|20)\d\d\b", phrase):
        return None
    data = _date_parser(anchor).get_date_data(phrase)
    when, period = data["date_obj"], data["period"]
    if when is None:
        return None
    d = when.date()
    p: cal.Period | None
    if period == "year":
        p = cal.year_period(d.year)
    elif period == "month":
        p = cal.month_period(d.year, d.month)
    elif period == "week":
        p = cal.week_period(d)
    else:
        p = cal.day_period(d)
    return p.resolved if p else None


def resolve_date(text: str, *, anchor: date | Period | None, context: str = "") -> tuple[str | None, str | None]:
    """Resolve one time phrase to ``(value, precision)`` against the publication date ``anchor``.

    Args:
        text: the phrase ("on Monday", "late last year", "Sept. 11, 2001").
        anchor: the publication date: a day, or a month / year / range of days as a
            :class:`~dossier.extract.timex_calendar.Period`; relative phrases resolve to
            None without it.
        context: the sentence around the phrase, used only to guess its tense ("will meet
            on Monday" looks forward); the phrase itself is used when it is empty.

    Returns:
        ``(value, precision)`` as in :class:`~dossier.extract.records.TimeExpr`; ``(None,
        "duration")`` for a length of time, ``(None, None)`` when nothing resolves.

    >>> resolve_date("by the end of 2014", anchor=None)
    ('2014-12-31', 'year')
    """
    phrase = text.strip()
    where = context or phrase
    offset = where.find(phrase) if phrase else -1

    def tense_for(start: int, end: int) -> Callable[[], str | None]:
        if offset < 0:
            return lambda: tense_of(where)
        return lambda: tense_at(where, offset + start, offset + end)

    period = as_period(anchor)
    chosen = _select(_candidates(phrase, period, tense_for))
    if not chosen:
        return _dateparse(phrase, period) or (None, None)
    return max(chosen, key=lambda f: (f.end - f.start, -f.rank)).resolved


class _Sentences:
    """Sentence index and tense context for an offset: from the caller's sentence spans, else
    from a cheap split on sentence-final punctuation around the offset."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.spans = sorted((s, e) for s, e in sentences)
        self.starts = [s for s, _ in self.spans]

    def index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        if self.spans:
            lo, hi = self.spans[self.index(start)]
            if lo <= start and end <= hi:
                return lo, hi
        lo = max(0, start - _WINDOW)
        for found in _SENTENCE_END.finditer(self.text, lo, start):
            lo = found.end()
        right = _SENTENCE_END.search(self.text, end, min(len(self.text), end + _WINDOW))
        return lo, (right.start() + 1 if right else min(len(self.text), end + _WINDOW))

    def tense_for(self, start: int, end: int) -> Callable[[], str | None]:
        def tense() -> str | None:
            lo, hi = self.bounds(start, end)
            return tense_at(self.text[lo:hi], start - lo, end - lo)

        return tense


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def find_times(
    text: str,
    *,
    doc_id: str,
    anchor: date | Period | None,
    sentences: Sequence[tuple[int, int]] = (),
    ents: Sequence[tuple[int, int, str]] = (),
) -> list[TimeExpr]:
    """Every time expression in the cleaned ``text``, resolved against ``anchor``.

    Args:
        text: the cleaned document text.
        doc_id: goes into each span.
        anchor: the publication date, a day or a month / year / range of days as a
            :class:`~dossier.extract.timex_calendar.Period` (None: only absolute dates
            resolve). Each TimeExpr records it in ``anchor`` ("2020-11-05", "2020-11").
        sentences: sentence (start, end) character spans; gives each span its sentence index
            and the tense context. Without them a cheap split is used and the index is 0.
        ents: optional spaCy DATE/TIME entity spans (start, end, label); the ones no rule
            matched go to the dateparser fallback (method ``timex.v1:dateparser``).

    Returns:
        TimeExprs in text order, non-overlapping, with ``text[start:end] == expr.text``.
        Durations come back with value None and precision "duration"; phrases anchored to an
        event ("a day after the deal was signed") with value None.
    """
    period = as_period(anchor)
    spans = _Sentences(text, sentences)
    urls = [m.span() for m in _URL.finditer(text)] if ("/" in text or "www." in text) else []
    found = [f for f in _candidates(text, period, spans.tense_for) if not _overlaps(f.start, f.end, urls)]
    chosen = _select(found)
    taken = [(f.start, f.end) for f in chosen]
    for start, end, label in ents:
        if label not in ("DATE", "TIME") or not 0 <= start < end <= len(text):
            continue
        if _overlaps(start, end, taken) or _overlaps(start, end, urls):
            continue
        resolved = _dateparse(text[start:end], period)
        if resolved is not None:
            chosen.append(_Found(start, end, len(RULES), "dateparser", resolved))
            taken.append((start, end))
    chosen.sort(key=lambda f: f.start)
    used = period.value if period is not None else None
    return [
        TimeExpr(
            text=text[f.start:f.end],
            span=Span(doc_id, f.start, f.end, spans.index(f.start), f"{METHOD}:{f.rule}"),
            value=f.resolved[0],
            precision=f.resolved[1],
            anchor=used,
        )
        for f in chosen
    ]
