"""The TimeML view of a found time expression: TIMEX3 type, value and extent.

Dossier stores a time expression as a placeable date (:class:`TimeExpr` ``value`` and
``precision``, see :mod:`dossier.extract.timex_calendar`); TimeML (Pustejovsky et al.
2005; TIMEX3 as scored by TempEval-3, UzZaman et al. 2013) writes the same expression
in its own notation. This module converts one into the other, for benchmarks and exports,
and never changes what the extract stage stores:

* **type**: ``DATE``, ``TIME`` (a clock time or a part of day: "8 PM", "Friday afternoon"),
  ``DURATION`` ("three years", "the past two years") or ``SET`` ("every morning").
* **value**: the day, month or year the expression names ("2013-03-22", "2013-03",
  "2013"), truncated to the unit the text names, so "late 2001" is "2001" (TimeML carries
  the third in ``mod``, which TempEval-3 does not score) and "by the end of 2014" is
  "2014"; ISO weeks "2013-W12", weekends "2013-W11-WE", quarters "2013-Q1", seasons
  "2012-SU", decades "199", centuries "19"; parts of day "2013-03-22TAF"; clock times
  "2013-03-22T14:00"; durations "P3Y", "P2W", "PT24H", "PXM" for an uncounted "months"
  (decades and centuries in years: "P10Y"); references "PRESENT_REF", "PAST_REF",
  "FUTURE_REF"; sets "P1D" (daily), "XXXX-WXX-4" (each Thursday), "XXXX-XX-XXTMO" (every
  morning).
* **extent**: TimeML leaves a governing preposition outside the tag ("on *Thursday*",
  "by *the end of 2014*") and "earlier"/"later" before a period ("earlier *this month*"),
  and keeps determiners and modifiers inside ("*the past two years*", "*early December*").
  A range of two named dates or years is two TIMEX3s ("*2009*-*2010*", "between *1985*
  and *1987*"); a count of units before or after an event is a duration ("*a month* before
  the vote").

>>> from dossier.extract.records import TimeExpr
>>> from dossier.records import Span
>>> when = TimeExpr("by the end of 2014", Span("d", 0, 18, 0, "timex.v1:edge"), "2014-12-31", "year")
>>> to_timex3(when, anchor=None)
[Timex3(start=3, end=18, type='DATE', value='2014')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dossier.extract.records import TimeExpr
from dossier.extract.timex_patterns import CLOCK, WEEKDAYS, month_number, parse_number

__all__ = ["Timex3", "duration_value", "to_timex3"]


@dataclass(frozen=True, slots=True)
class Timex3:
    """A TIMEX3 annotation: character offsets (end-exclusive), type and value."""

    start: int
    end: int
    type: str
    value: str


_LEADING = re.compile(
    r"(?:(?:by|before|until|till|at|toward|towards|in|from|on|since|during|within|over|through|after|of|for"
    r"|around|between|earlier|later|take|takes|took|taken|taking|lasted|lasting|spent|spend|spending)\s+)+",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"\s+(?:after|before|later|earlier|prior)$", re.IGNORECASE)
_UNIT_CODES = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
               "month": "M", "quarter": "Q", "year": "Y"}
_UNIT_WORD = re.compile(
    r"\b(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies))(?![a-z])", re.IGNORECASE)
_COUNT = re.compile(r"(?P<num>\d+(?:[.,]\d+)?|[a-z]+(?:[\s-][a-z]+)?)[\s-]+$", re.IGNORECASE)
_CLOCK = re.compile(r"\b" + CLOCK, re.IGNORECASE)
_PART_OF_DAY = re.compile(r"\b(?P<p>morning|afternoon|evening|night|tonight|overnight)\b", re.IGNORECASE)
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_REFS = (("future", "FUTURE_REF"), ("one day", "FUTURE_REF"), ("past", "PAST_REF"), ("recent", "PAST_REF"),
         ("lately", "PAST_REF"))
_SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q", "annually": "P1Y",
                "yearly": "P1Y", "hourly": "PT1H", "nightly": "XXXX-XX-XXTNI"}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "a couple", "couple")
_RANGE_RULES = {"year-range", "day-range", "day-range-dm"}


def duration_value(text: str) -> str | None:
    """A TIMEX3 duration for a length of time: "three years" → "P3Y", "several months" → "PXM",
    "a mere 24 hours" → "PT24H", "two decades" → "P20Y"; None when no unit is named.

    >>> duration_value("almost seven years"), duration_value("recent weeks"), duration_value("an hour")
    ('P7Y', 'PXW', 'PT1H')
    """
    units = list(_UNIT_WORD.finditer(text))
    if not units:
        return None
    m = units[-1]
    word = m["unit"].lower()
    plural = word.endswith("s") and word != "centurys"
    unit = "century" if word.startswith("centur") else word.rstrip("s")
    count: int | None = None
    found = _COUNT.search(text[:m.start()])
    if found:
        token = found["num"].lower()
        if token[0].isdigit():
            count = int(float(token.replace(",", ""))) if "," not in token or len(token) > 4 else None
        else:
            words = token.replace("-", " ").split()
            count = parse_number(token) if words[0] in _TENS else None
            count = count if count is not None else parse_number(words[-1])
    if count is None and not plural:
        count = 1  # "the year", "a month"
    scale = {"decade": 10, "century": 100, "fortnight": 2}.get(unit, 1)
    code = _UNIT_CODES.get({"decade": "year", "century": "year", "fortnight": "week"}.get(unit, unit), "D")
    number = "X" if count is None else str(count * scale)
    time_part = "T" if unit in ("second", "minute", "hour") else ""
    return f"P{time_part}{number}{code}"


def _trimmed(expr: TimeExpr) -> tuple[int, int, str]:
    start, end, text = expr.span.start, expr.span.end, expr.text
    lead = _LEADING.match(text)
    if lead and lead.end() < len(text):
        start, text = start + lead.end(), text[lead.end():]
    trail = _TRAILING.search(text) if expr.span.method.endswith(("event-relative", "units-rel")) else None
    if trail and trail.start() > 0:
        end, text = end - (len(text) - trail.start()), text[:trail.start()]
    return start, end, text


def _day(value: str) -> date | None:
    first = value.partition("/")[0]
    try:
        return date.fromisoformat(first) if len(first) == 10 else None
    except ValueError:
        return None


def _clock(text: str) -> str | None:
    """"T20:00" for "8 PM", "T12:00" for noon, "T24:00" for midnight."""
    m = _CLOCK.search(text)
    if m is None:
        return None
    word = m["clock"].lower()
    if word in ("noon", "midday"):
        return "T12:00"
    if word == "midnight":
        return "T24:00"
    if m["hh24"]:
        return f"T{int(m['hh24']):02d}:{m['mm24']}"
    hour = int(m["hh"]) % 12 + (12 if m["ampm"].lower() == "p" else 0)
    return f"T{hour:02d}:{m['mm'] or '00'}"


def _date_value(value: str, precision: str | None, text: str, rule: str) -> str:
    """A Dossier value in TIMEX3 notation, truncated to its precision (the unit the text names)."""
    day = _day(value)
    if day is None:
        return value.partition("/")[0]
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "quarter":
        season = next((code for word, code in _SEASONS.items() if word in text.lower()), None)
        if season:
            return f"{day.year:04d}-{season}"
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if precision == "decade":
        return f"{day.year // 10:03d}"
    if precision == "century":
        return f"{day.year // 100:02d}"
    if rule == "weekend":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}-WE"
    return day.isoformat()


def _set_value(text: str) -> str:
    lower = text.lower()
    for word, value in _SET_ADVERBS.items():
        if word in lower:
            return value
    last = lower.split()[-1]
    if last in _PARTS:
        return f"XXXX-XX-XXT{_PARTS[last]}"
    if last in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[last] + 1}"
    if last in _SEASONS:
        return f"XXXX-{_SEASONS[last]}"
    if last == "weekend":
        return "XXXX-WXX-WE"
    try:
        return f"XXXX-{month_number(last):02d}"
    except KeyError:
        pass
    return duration_value(last) or "P1D"


def _ref_value(text: str) -> str:
    lower = text.lower()
    return next((value for word, value in _REFS if word in lower), "PRESENT_REF")


def _split_range(expr: TimeExpr, start: int, text: str, rule: str) -> list[Timex3]:
    """"2009-2010", "between 1985 and 1987", "Aug. 26 to Oct. 20": one TIMEX3 per end."""
    value = expr.value or ""
    first, _, last = value.partition("/")
    parts = list(re.finditer(r"(?:[A-Z][a-z]+\.?\s+)?\d+", text))
    if rule != "year-range" and (len(parts) != 2 or not parts[1].group(0)[0].isalpha()):
        return [Timex3(start, start + len(text), "DATE", first)]
    parts = parts[-2:]
    values = (first[:4], last[:4]) if rule == "year-range" else (first, last)
    return [Timex3(start + p.start(), start + p.end(), "DATE", v) for p, v in zip(parts, values)]


def to_timex3(expr: TimeExpr, *, anchor: date | None) -> list[Timex3]:
    """The TIMEX3 annotations of one found expression (see the module docstring).

    Args:
        expr: a :class:`TimeExpr` from :func:`dossier.extract.timex.find_times`.
        anchor: the document creation time it was resolved against.

    Returns:
        :class:`Timex3` annotations with offsets into the same text: usually one, two for a
        range of named dates, none when the expression has no TimeML reading we can give
        (a phrase anchored to an event, "the day before").
    """
    rule = expr.span.method.partition(":")[2]
    start, end, text = _trimmed(expr)
    if expr.precision == "duration" or rule in ("recent", "span", "within") and _COUNT_OR_PLURAL.search(text):
        value = duration_value(text)
        return [Timex3(start, end, "DURATION", value)] if value else []
    if rule == "event-relative":
        if re.search(r"(?:after|before|prior)$", expr.text, re.IGNORECASE) and not re.match(r"the\b", text, re.I):
            value = duration_value(text)
            return [Timex3(start, end, "DURATION", value)] if value else []
        return []
    if expr.precision == "ref":
        return [Timex3(start, end, "DATE", _ref_value(text))]
    if expr.precision == "set":
        return [Timex3(start, end, "SET", _set_value(text))]
    if expr.precision == "time":
        clock = _clock(text)
        return [Timex3(start, end, "TIME", f"{anchor.isoformat()}{clock}")] if anchor and clock else []
    if expr.value is None:
        return []
    if rule in _RANGE_RULES:
        return _split_range(expr, start, text, rule)
    value = _date_value(expr.value, expr.precision, text, rule)
    if expr.precision == "day" and len(value) == 10:
        clock = _clock(text)
        part = _PART_OF_DAY.search(text)
        if clock:
            return [Timex3(start, end, "TIME", value + clock)]
        if part:
            return [Timex3(start, end, "TIME", f"{value}T{_PARTS[part['p'].lower()]}")]
    return [Timex3(start, end, "DATE", value)]


#: "the past two years", "within a week", "recent weeks": a count or a plural unit makes a span a duration.
_COUNT_OR_PLURAL = re.compile(
    r"\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|couple|dozen|many"
    r"|some|twenty|thirty|forty|fifty|hundred)\b|\b(?:seconds|minutes|hours|days|nights|weeks|months|years|decades"
    r"|centuries)\b", re.IGNORECASE)
