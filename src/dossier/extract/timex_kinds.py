"""Resolvers for time expressions that are not calendar dates, and for centuries and quarters.

What Dossier stores for them (``value``, ``precision``), so nothing downstream mistakes them
for a day an event happened on:

* references to the present, past or future ("now", "currently", "recently", "in the
  past", "the future", "will one day"): ``(None, "ref")`` (TimeML ``PRESENT_REF`` …);
* sets, things that recur ("every morning", "each July", "annually"): ``(None, "set")``;
* a clock time with no day ("at 8 PM"): ``(None, "time")``; with a day ("10 p.m.
  Wednesday", "noon Thursday", "5 p.m. EST Nov. 9") it is that day, precision ``day``.

Centuries ("the 20th century" is 1900–1999, as TimeML writes it, "19") have precision
``century``. Conventions as in :mod:`dossier.extract.timex_resolve`.
"""

from __future__ import annotations

import re
from datetime import date

from dossier.extract import timex_calendar as cal
from dossier.extract.timex_calendar import Period
from dossier.extract.timex_resolve import UNRESOLVED, Ctx, Resolved, group, out

__all__ = ["REF", "SET", "TIME", "century", "clock", "quarter", "ref", "recurring"]

REF: Resolved = (None, "ref")
SET: Resolved = (None, "set")
TIME: Resolved = (None, "time")

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
             "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
             "twentieth": 20, "twenty-first": 21, "twenty first": 21}
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "final": 4, "last": 4}
_RATE = re.compile(r"(?:\d[\d,.]*%?|million|billion|trillion|thousand|hundred|percent|times|once|twice|two|three"
                   r"|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|several|few)"
                   r"(?:\s+[a-z]+){0,2}\s+$", re.IGNORECASE)


def ref(m: re.Match[str], ctx: Ctx) -> Resolved:
    """"now", "recently", "the future": a reference to the present, past or future, never a date."""
    return REF


def recurring(m: re.Match[str], ctx: Ctx) -> Resolved:
    """"every morning", "each July", "daily": a set of times, never one date."""
    return SET


def is_rate(m: re.Match[str]) -> bool:
    """"700 seats a week", "$2 million a year": "a <unit>" after a number is a rate, not a time."""
    return bool(_RATE.search(m.string[max(0, m.start() - 40):m.start()]))


def clock(m: re.Match[str], ctx: Ctx) -> Resolved:
    """A clock time alone ("at 8 PM"): no day to place it on."""
    return TIME


def century(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"the 20th century" (1900–1999, TimeML's "19"), "this century", "the last century"."""
    which = (group(m, "ord") or "").lower()
    if which:
        n = int(which[:-2]) if which[0].isdigit() else _ORDINALS.get(which.replace("-", " "), 0)
        if not 1 <= n <= 21:
            return None
        first = (n - 1) * 100
    elif ctx.anchor is None:
        return UNRESOLVED
    else:
        offset = {"this": 0, "last": -1, "next": 1}[m["crel"].lower()]
        first = ctx.anchor.year // 100 * 100 + 100 * offset
    if first < 1 and which:
        first = 1
    if not 1 <= first <= 9900:
        return None
    return Period(date(first, 1, 1), date(first + 99, 12, 31), "century").resolved


def quarter(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"the first quarter of 2020", "Q3 2020", "the 1988 second quarter", "this year's third
    quarter", "third-quarter" (the one the tense points at, see timex_calendar.pick)."""
    if m["qn"]:
        return out(cal.quarter_period(int(m["year2"]), int(m["qn"])))
    word = m["q"].lower()
    q = _QUARTERS[word]
    given = m["year"] or group(m, "yearq")
    if given:
        return out(cal.quarter_period(int(given), q))
    rel = (m["rel"] or group(m, "poss") or "").lower()
    if not rel and not m["ofyear"] and word in ("last", "final"):
        return None  # "the last quarter": the relative rule's
    if ctx.anchor is None:
        return UNRESOLVED
    if rel or m["ofyear"]:
        return out(cal.quarter_period(ctx.anchor.year + {"last": -1, "next": 1}.get(rel, 0), q))
    options = (cal.quarter_period(y, q) for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1))
    return out(cal.pick((p for p in options if p is not None), ctx.anchor, ctx.tense()))
