"""Resolving against a publication date known only to a month, a year or a range of days.

An anchor is a :class:`~dossier.extract.timex_calendar.Period`: one day (unit ``day``), a
month ("2020-11", unit ``month``), a year ("2020", unit ``year``) or a range of days the
document was published in (unit ``range``). A day anchor resolves as before. Against a
wider one, every rule resolves its match twice, against the first and the last day the
document may have been published on, and:

* where both agree, that value stands ("in February" in a November 2020 article is
  2020-02; "on Monday" against 2020-11-02…2020-11-05 is 2020-11-02);
* a date the calendar names without its year ("July 30", "in February") that falls inside
  the anchor on one reading takes that reading: the anchor's year ("July 30" in a 2020
  article is 2020-07-30);
* otherwise the value is every day the expression may mean, the hull of both readings, at
  a precision widened to the anchor's (for a range anchor, to the unit that holds the hull):
  "on Thursday" against November 2020 is ``2020-10-29/2020-11-26`` at ``month``,
  "yesterday" ``2020-10-31/2020-11-29`` at ``month``. A day is never made up.
"""

from __future__ import annotations

from datetime import date

from dossier.extract.timex_calendar import Period, days_of

__all__ = ["CALENDAR_RULES", "as_period", "combine", "widened"]

#: Rules that name a calendar date or month without its year (see the module docstring).
CALENDAR_RULES = frozenset({"month-day", "day-month", "day-range", "day-range-dm", "month", "mod-month", "season",
                            "clock-date", "dateparser"})
_RANK = ("day", "range", "week", "month", "quarter", "year", "decade", "century")
_FLOORS = ((7, "week"), (31, "month"), (92, "quarter"), (366, "year"), (3660, "decade"))

Resolved = tuple[str | None, str | None]


def as_period(anchor: date | Period | None) -> Period | None:
    """A day (a :class:`date`) as a one-day period; periods and None unchanged."""
    if anchor is None or isinstance(anchor, Period):
        return anchor
    return Period(anchor, anchor, "day")


def widened(precision: str | None, anchor: Period, days: int) -> str:
    """The coarser of the expression's precision and what the anchor allows (a range anchor:
    the unit that holds ``days`` days)."""
    floor = anchor.unit if anchor.unit in _RANK[3:] else next((u for n, u in _FLOORS if days <= n), "century")
    unit = precision if precision in _RANK else "day"
    return max(unit, floor, key=_RANK.index)


def combine(first: Resolved | None, last: Resolved | None, anchor: Period, *, calendar: bool) -> Resolved | None:
    """One value from the readings against the anchor's first and last day (module docstring)."""
    if first is None or last is None or first == last:
        return first
    if first[0] is None or last[0] is None:
        return None, first[1]
    spans = [days_of(first[0]), days_of(last[0])]
    if spans[0] is None or spans[1] is None:
        return None, first[1]
    if calendar:
        inside = [r for r, s in zip((first, last), spans) if s and anchor.start <= s[0] and s[1] <= anchor.end]
        if len(inside) == 1:
            return inside[0]
    lo, hi = min(spans[0][0], spans[1][0]), max(spans[0][1], spans[1][1])
    wide = max(first[1] or "day", last[1] or "day", key=lambda u: _RANK.index(u) if u in _RANK else 0)
    return Period(lo, hi, widened(wide, anchor, (hi - lo).days + 1)).resolved
