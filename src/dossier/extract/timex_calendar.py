"""Calendar arithmetic for time expressions: periods, weeks, seasons, thirds, year inference.

The conventions every rule in :mod:`dossier.extract.timex_rules` shares:

* A :class:`Period` is a closed range of days plus the unit the text named. Its ``value`` is
  "YYYY-MM-DD" for one day, "YYYY-MM" for a whole month, "YYYY" for a whole year and
  "start/end" (two ISO dates) otherwise. Its ``precision`` is that unit, not the width of the
  range: "late 2001" is ``2001-09-01/2001-12-31`` at precision ``year``, and "earlier this
  month" is ``2013-09-01/2013-09-26`` at precision ``month``. This follows ACLED's
  time-precision codes (the granularity the source supports) and TimeML, where a modifier
  (``mod="END"``) narrows a TIMEX3 without changing its granularity.
* Precision ``range`` means the value is an explicit day range ("October 9-10", "the
  weekend"); ``duration`` (set by the rules, not here) marks a length of time, never a date.
* Weeks are ISO 8601 weeks, Monday to Sunday.
* Seasons are meteorological (WMO), northern hemisphere: spring March–May, summer
  June–August, autumn September–November, winter December–February; winter Y runs from
  December Y to February Y+1. A season has precision ``quarter``.
* early / mid / late take thirds (TimeML ``mod`` START / MID / END): a year is Jan–Apr /
  May–Aug / Sep–Dec, a month days 1–10 / 11–20 / 21–end, a decade years 0–3 / 4–6 / 7–9,
  a week Mon–Tue / Wed–Thu / Fri–Sun, a season one month each.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "SLACK",
    "Period",
    "decade_period",
    "deadline",
    "day_period",
    "days_of",
    "infer_day",
    "infer_month",
    "month_period",
    "narrow",
    "part",
    "pick",
    "quarter_period",
    "safe_date",
    "season_period",
    "shift",
    "unit_period",
    "week_period",
    "weekday_date",
    "year_period",
]

#: How far a publication date may be off (crawl dates, time zones) before a month-day "in the
#: past" is moved to the previous year: "Oct 11" in a past-tense sentence of an article dated
#: 2021-10-06 is still 2021-10-11, but "December 28" in one dated 2021-01-05 is 2020-12-28.
SLACK = timedelta(days=7)

_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


@dataclass(frozen=True, slots=True)
class Period:
    """A closed day range with the unit the text named (day, week, month, quarter, year, decade, range)."""

    start: date
    end: date
    unit: str

    @property
    def value(self) -> str:
        """The ISO rendering: a day, a whole month "YYYY-MM", a whole year "YYYY", else "start/end"."""
        s, e = self.start, self.end
        if s == e:
            return s.isoformat()
        whole_month = s.day == 1 and e == _month_end(s.year, s.month)
        if self.unit == "month" and whole_month:
            return f"{s.year:04d}-{s.month:02d}"
        if self.unit == "year" and (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
            return f"{s.year:04d}"
        return f"{s.isoformat()}/{e.isoformat()}"

    @property
    def precision(self) -> str:
        return self.unit

    @property
    def resolved(self) -> tuple[str, str]:
        return self.value, self.precision


def days_of(value: str | None) -> tuple[date, date] | None:
    """The first and last day a value covers: "2020-02-29", "2020-02", "2020" or "start/end".

    >>> days_of("2020-02")
    (datetime.date(2020, 2, 1), datetime.date(2020, 2, 29))
    """
    if not value:
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        lo, hi = days_of(first), days_of(last)
        return (lo[0], hi[1]) if lo and hi and lo[0] <= hi[1] else None
    parts = value.split("-")
    if len(parts) > 3 or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
        return None
    nums = [int(p) for p in parts]
    if len(nums) == 3:
        d = safe_date(*nums)
        return (d, d) if d else None
    p = month_period(nums[0], nums[1]) if len(nums) == 2 else year_period(nums[0])
    return (p.start, p.end) if p else None


def safe_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)`` or None when it does not exist (February 30, year 0)."""
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _from_ordinal(ordinal: int) -> date | None:
    return date.fromordinal(ordinal) if 1 <= ordinal <= date.max.toordinal() else None


def _shift_months(d: date, months: int) -> date | None:
    index = d.year * 12 + d.month - 1 + months
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        return None
    return date(year, month0 + 1, min(d.day, calendar.monthrange(year, month0 + 1)[1]))


def shift(d: date, n: int, unit: str) -> date | None:
    """``d`` moved by ``n`` units (day, week, fortnight, month, quarter, year, decade, century)."""
    days = {"day": 1, "week": 7, "fortnight": 14}.get(unit)
    if days is not None:
        return _from_ordinal(d.toordinal() + n * days)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months is None or abs(n) > 10_000:
        return None
    return _shift_months(d, n * months)


def day_period(d: date) -> Period:
    return Period(d, d, "day")


def week_period(d: date) -> Period | None:
    """The ISO week (Monday–Sunday) holding ``d``."""
    monday = _from_ordinal(d.toordinal() - d.weekday())
    sunday = _from_ordinal(d.toordinal() - d.weekday() + 6)
    return Period(monday, sunday, "week") if monday and sunday else None


def month_period(year: int, month: int) -> Period | None:
    start = safe_date(year, month, 1)
    return Period(start, _month_end(year, month), "month") if start else None


def quarter_period(year: int, quarter: int) -> Period | None:
    start = safe_date(year, 3 * quarter - 2, 1)
    return Period(start, _month_end(year, 3 * quarter), "quarter") if start else None


def year_period(year: int) -> Period | None:
    return Period(date(year, 1, 1), date(year, 12, 31), "year") if 1 <= year <= 9999 else None


def decade_period(first_year: int) -> Period | None:
    if not 1 <= first_year <= 9990:
        return None
    return Period(date(first_year, 1, 1), date(first_year + 9, 12, 31), "decade")


def season_period(name: str, year: int) -> Period | None:
    """The meteorological season ``name`` of ``year`` (winter Y = December Y to February Y+1)."""
    first = _SEASON_MONTHS[name]
    start = safe_date(year, first, 1)
    end_month = first + 2
    end_year = year + (end_month - 1) // 12
    end_month = (end_month - 1) % 12 + 1
    if start is None or not 1 <= end_year <= 9999:
        return None
    return Period(start, _month_end(end_year, end_month), "quarter")


def unit_period(d: date, unit: str) -> Period | None:
    """The calendar week, month, quarter, year or decade that holds ``d``."""
    if unit == "week":
        return week_period(d)
    if unit == "month":
        return month_period(d.year, d.month)
    if unit == "quarter":
        return quarter_period(d.year, (d.month - 1) // 3 + 1)
    if unit == "year":
        return year_period(d.year)
    if unit == "decade":
        return decade_period(d.year - d.year % 10)
    return day_period(d) if unit == "day" else None


def _months_between(p: Period) -> int | None:
    """How many whole calendar months ``p`` covers, or None if it does not start and end on month edges."""
    if p.start.day != 1 or p.end != _month_end(p.end.year, p.end.month):
        return None
    return (p.end.year - p.start.year) * 12 + p.end.month - p.start.month + 1


def part(p: Period, which: str) -> Period | None:
    """The early, mid or late third of ``p`` (see the module docstring), keeping its unit."""
    i = ("early", "mid", "late").index(which)
    if p.unit == "decade":
        lo, hi = ((0, 3), (4, 6), (7, 9))[i]
        return Period(date(p.start.year + lo, 1, 1), date(p.start.year + hi, 12, 31), p.unit)
    if p.unit == "week":
        lo, hi = ((0, 1), (2, 3), (4, 6))[i]
        return Period(p.start + timedelta(days=lo), p.start + timedelta(days=hi), p.unit)
    if p.unit == "month":
        lo, hi = ((1, 10), (11, 20), (21, p.end.day))[i]
        return Period(p.start.replace(day=lo), p.start.replace(day=hi), p.unit)
    months = _months_between(p)
    if months is not None and months >= 3 and months % 3 == 0:
        k = months // 3
        start = _shift_months(p.start, i * k)
        last = _shift_months(p.start, i * k + k - 1)
        if start is None or last is None:
            return None
        return Period(start, _month_end(last.year, last.month), p.unit)
    n = p.end.toordinal() - p.start.toordinal() + 1
    lo, hi = ((0, n // 3 - 1), (n // 3, 2 * n // 3 - 1), (2 * n // 3, n - 1))[i]
    return Period(p.start + timedelta(days=lo), p.start + timedelta(days=max(lo, hi)), p.unit)


def narrow(p: Period, which: str, anchor: date) -> Period:
    """"earlier" keeps the part of ``p`` up to the anchor, "later" the part from it."""
    if not p.start <= anchor <= p.end:
        return p
    return Period(p.start, anchor, p.unit) if which == "earlier" else Period(anchor, p.end, p.unit)


def deadline(p: Period) -> Period:
    """"by the end of P": the last day of P, keeping P's unit as the precision."""
    return Period(p.end, p.end, p.unit)


def weekday_date(anchor: date, weekday: int, how: str) -> date | None:
    """The ``weekday`` (0 = Monday) nearest the anchor in direction ``how``.

    ``recent`` is the latest one on or before the anchor (a weekday named in a past-tense
    report, AP style, may be the publication day itself), ``coming`` the first on or after it,
    ``last`` strictly before and ``next`` strictly after.
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    offset = {"recent": -back, "last": -(back or 7), "coming": ahead, "next": ahead or 7}[how]
    return _from_ordinal(anchor.toordinal() + offset)


def _slack(p: Period) -> timedelta:
    return SLACK if p.unit == "day" else timedelta(0)


def pick(periods: Iterable[Period], anchor: date, tense: str | None) -> Period | None:
    """Choose, among occurrences of the same calendar name, the one the tense points at.

    ``past``: the latest that starts on or before the anchor; ``future``: the earliest that
    ends on or after it (single days get :data:`SLACK` either way); otherwise (no cue, or a plan reported in the
    past, "were scheduled to begin in March") the nearest to the anchor, earlier on a tie. This
    is HeidelTime's tense rule for news (Strötgen & Gertz 2013) with a nearest-date default.
    """
    options = sorted(periods, key=lambda p: p.start)
    if tense == "past":
        return next((p for p in reversed(options) if p.start <= anchor + _slack(p)), None)
    if tense == "future":
        return next((p for p in options if p.end >= anchor - _slack(p)), None)

    def distance(p: Period) -> int:
        if p.start <= anchor <= p.end:
            return 0
        return min(abs(p.start.toordinal() - anchor.toordinal()), abs(p.end.toordinal() - anchor.toordinal()))

    return min(options, key=distance, default=None)


def infer_day(month: int, day: int, anchor: date, tense: str | None) -> Period | None:
    """A month-day with no year ("Feb. 29", "Oct 11") placed in the year the tense points at."""
    years = range(max(1, anchor.year - 8), min(9999, anchor.year + 8) + 1)
    days = (safe_date(y, month, day) for y in years)
    return pick((day_period(d) for d in days if d is not None), anchor, tense)


def infer_month(month: int, anchor: date, tense: str | None) -> Period | None:
    """A month with no year ("in February") placed in the year the tense points at."""
    years = range(max(1, anchor.year - 1), min(9999, anchor.year + 1) + 1)
    periods = (month_period(y, month) for y in years)
    return pick((p for p in periods if p is not None), anchor, tense)
