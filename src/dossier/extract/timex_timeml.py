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
  "2013-03-22T14:00"; durations "P3Y", "P2W", "PT24H", "PXM" for an uncounted "months";
  references "PRESENT_REF", "PAST_REF", "FUTURE_REF".
* **extent**: TimeML leaves a governing preposition outside the tag ("on *Thursday*",
  "by *the end of 2014*") and keeps determiners and modifiers inside ("*the past two
  years*", "*early December*").

>>> from dossier.extract.records import TimeExpr
>>> from dossier.records import Span
>>> when = TimeExpr("by the end of 2014", Span("d", 0, 18, 0, "timex.v1:edge"), "2014-12-31", "year")
>>> to_timex3(when, anchor=None)
Timex3(start=3, end=18, type='DATE', value='2014')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dossier.extract.records import TimeExpr
from dossier.extract.timex_patterns import parse_number

__all__ = ["Timex3", "duration_value", "to_timex3"]


@dataclass(frozen=True, slots=True)
class Timex3:
    """A TIMEX3 annotation: character offsets (end-exclusive), type and value."""

    start: int
    end: int
    type: str
    value: str


_LEADING_PREP = re.compile(
    r"(?:by|before|until|till|at|toward|towards|in|from|on|since|during|within|over|through|after|of)\s+",
    re.IGNORECASE,
)
_UNIT_CODES = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
               "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE"}
_UNIT_WORD = re.compile(
    r"\b(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies))\b", re.IGNORECASE)
_COUNT = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|[a-z]+(?:[\s-][a-z]+)?)[\s-]+(?:and\s+a\s+half\s+)?$", re.IGNORECASE)


def duration_value(text: str) -> str | None:
    """A TIMEX3 duration for a length of time: "three years" → "P3Y", "several months" → "PXM",
    "a mere 24 hours" → "PT24H", "a fortnight" → "P2W"; None when no unit is named."""
    units = list(_UNIT_WORD.finditer(text))
    if not units:
        return None
    m = units[-1]
    unit = m["unit"].lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    code = _UNIT_CODES[unit]
    before = text[:m.start()]
    count: int | None = None
    found = _COUNT.search(before)
    if found:
        token = found["num"].lower()
        words = token.split()
        count = parse_number(token) if not token.replace(".", "").isdigit() else int(float(token))
        if count is None and len(words) > 1:
            count = parse_number(words[-1])
    if unit == "fortnight":
        code, count = "W", (count or 1) * 2 if count is not None or not m["unit"].lower().endswith("s") else None
    if count is None and not m["unit"].lower().endswith("s"):
        count = 1  # "the year", "a month"
    number = "X" if count is None else str(count)
    time_part = "T" if unit in ("second", "minute", "hour") else ""
    return f"P{time_part}{number}{code}"


def _trim(expr: TimeExpr) -> tuple[int, int]:
    start, end = expr.span.start, expr.span.end
    m = _LEADING_PREP.match(expr.text)
    if m and m.end() < len(expr.text):
        start += m.end()
    return start, end


def _date_value(value: str, precision: str | None) -> str:
    """A Dossier value truncated to its precision: the unit the text names."""
    first = value.partition("/")[0]
    try:
        day = date.fromisoformat(first) if len(first) == 10 else None
    except ValueError:
        day = None
    if day is None:
        return first
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if precision == "decade":
        return f"{day.year // 10:03d}"
    return day.isoformat()


def to_timex3(expr: TimeExpr, *, anchor: date | None) -> Timex3 | None:
    """The TIMEX3 annotation of one found expression (see the module docstring).

    Args:
        expr: a :class:`TimeExpr` from :func:`dossier.extract.timex.find_times`.
        anchor: the document creation time it was resolved against.

    Returns:
        A :class:`Timex3` with offsets into the same text, or None when the expression has
        no TimeML reading (an event-anchored phrase with nothing to resolve).
    """
    start, end = _trim(expr)
    text = expr.text[start - expr.span.start:end - expr.span.start]
    if expr.precision == "duration":
        value = duration_value(text)
        return Timex3(start, end, "DURATION", value) if value else None
    if expr.value is None:
        return None
    return Timex3(start, end, "DATE", _date_value(expr.value, expr.precision))
