"""Resolvers for expressions counted from the publication date: "last week", "on Monday",
"17-years ago", "within the next week or so", and the ones that cannot be: durations and
phrases anchored to an event. Conventions as in :mod:`dossier.extract.timex_resolve`.
"""

from __future__ import annotations

import re
from datetime import date

from dossier.extract import timex_calendar as cal
from dossier.extract.timex_calendar import Period
from dossier.extract.timex_kinds import is_rate
from dossier.extract.timex_patterns import WEEKDAYS, month_number, month_ok, parse_number, unit_name
from dossier.extract.timex_resolve import DURATION, UNRESOLVED, Ctx, Resolved, group, month_in, out

__all__ = [
    "ago",
    "deixis",
    "duration",
    "edge",
    "event_relative",
    "in_n",
    "month_alone",
    "month_of_rel",
    "month_rel",
    "relative",
    "season_alone",
    "span_n",
    "weekday",
    "weekend",
    "within",
]


_OFFSETS = {"last": -1, "this past": -1, "past": -1, "previous": -1, "this": 0, "current": 0,
            "next": 1, "this coming": 1, "coming": 1}


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _seasons(name: str, anchor: date) -> list[Period]:
    found = (cal.season_period(name, y) for y in range(anchor.year - 2, anchor.year + 2))
    return [p for p in found if p is not None]


def _season_rel(name: str, anchor: date, offset: int) -> Period | None:
    options = _seasons(name, anchor)
    if offset < 0:
        return max((p for p in options if p.end < anchor), key=lambda p: p.start, default=None)
    if offset > 0:
        return min((p for p in options if p.start > anchor), key=lambda p: p.start, default=None)
    return next((p for p in options if p.start <= anchor <= p.end),
                next((p for p in options if p.start.year == anchor.year), None))


def _unit_rel(unit: str, anchor: date, offset: int) -> Period | None:
    if unit in ("spring", "summer", "fall", "autumn", "winter"):
        return _season_rel(unit, anchor, offset)
    if unit in ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"):
        mo = month_number(unit)
        options = [p for p in (cal.month_period(y, mo) for y in range(anchor.year - 1, anchor.year + 2)) if p]
        if offset == 0:
            return next((p for p in options if p.start.year == anchor.year), None)
        here = anchor.year * 12 + anchor.month
        ahead_or_behind = [p for p in options if (p.start.year * 12 + p.start.month - here) * offset > 0]
        return min(ahead_or_behind, key=lambda p: abs(p.start.toordinal() - anchor.toordinal()), default=None)
    moved = cal.shift(anchor, offset, unit)
    return cal.unit_period(moved, unit) if moved else None


def _modify(p: Period | None, mod: str, anchor: date) -> Period | None:
    if p is None or not mod:
        return p
    if mod in ("earlier", "later"):
        return cal.narrow(p, mod, anchor)
    return cal.part(p, mod)


def relative(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"last week", "earlier this month", "late last year", "next spring", "last August"."""
    if ctx.anchor is None:
        return UNRESOLVED
    p = _unit_rel(m["unit"].lower(), ctx.anchor, _OFFSETS[_norm(m["rel"])])
    return out(_modify(p, (m["mod"] or "").lower(), ctx.anchor))


def edge(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"by the end of 2014" (a deadline: the period's last day, at the period's precision),
    "the end of last year" / "the beginning of March" (its late / early third)."""
    if m["year"]:
        p = cal.year_period(int(m["year"]))
    elif m["mon"]:
        if not month_ok(m["mon"]):
            return None
        p = month_in(m, ctx, "year2")
    elif ctx.anchor is None:
        return UNRESOLVED
    elif m["cur"]:
        p = cal.unit_period(ctx.anchor, m["cur"].lower())
    else:
        p = _unit_rel(m["unit"].lower(), ctx.anchor, _OFFSETS[_norm(m["rel"])])
    if p is None:
        return UNRESOLVED
    edge, by = m["edge"].lower(), _norm(m["by"])
    if edge in ("end", "close") and by in ("by", "before", "until", "till"):
        return cal.deadline(p).resolved
    return out(cal.part(p, {"end": "late", "close": "late", "middle": "mid"}.get(edge, "early")))


def month_rel(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"last August": the latest August before the anchor's month; "next March" the first after it."""
    if not month_ok(m["mon"]):
        return None
    if ctx.anchor is None:
        return UNRESOLVED
    p = _unit_rel(m["mon"].lower(), ctx.anchor, _OFFSETS[_norm(m["rel"])])
    return out(cal.part(p, m["mod"].lower()) if p and m["mod"] else p)


def month_of_rel(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"August of last year"."""
    if not month_ok(m["mon"]):
        return None
    if ctx.anchor is None:
        return UNRESOLVED
    return out(cal.month_period(ctx.anchor.year + _OFFSETS[_norm(m["rel"])], month_number(m["mon"])))


_MAY_MARCH_PRE = {"in", "since", "until", "till", "by", "during", "from", "through", "before", "after",
                  "between", "early", "late", "mid"}


def month_alone(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"in February": the February the tense points at (HeidelTime-style, see timex_calendar.pick)."""
    if not month_ok(m["mon"]):
        return None
    if m["mon"].lower() in ("may", "march") and _norm(m["pre"]) not in _MAY_MARCH_PRE:
        return None
    return out(month_in(m, ctx))


def season_alone(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"in the spring": the spring the tense points at."""
    if ctx.anchor is None:
        return UNRESOLVED
    return out(cal.pick(_seasons(m["season"].lower(), ctx.anchor), ctx.anchor, ctx.tense()))


def weekday(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """A weekday: the latest on or before the anchor unless the clause is future or planned."""
    if ctx.anchor is None:
        return UNRESOLVED
    rel = _norm(m["rel"])
    how = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(rel)
    if how is None:
        how = "coming" if ctx.tense() in ("future", "planned") else "recent"
    found = cal.weekday_date(ctx.anchor, WEEKDAYS[m["wd"].lower()], how)
    return out(cal.day_period(found) if found else None)


def weekend(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """Saturday–Sunday: "last weekend" the latest one over before the anchor, "next weekend" the
    first after it, "the weekend" the latest one started (or, in future clauses, the coming one)."""
    anchor = ctx.anchor
    if anchor is None:
        return UNRESOLVED
    rel, on_weekend = _norm(m["rel"]), anchor.weekday() >= 5
    latest = cal.weekday_date(anchor, 5, "recent")
    if rel in ("last", "this past"):
        saturday = cal.shift(latest, -1, "week") if latest and on_weekend else latest
    elif rel in ("next", "this coming"):
        saturday = cal.weekday_date(anchor, 5, "next")
    elif ctx.tense() in ("future", "planned") and anchor.weekday() != 6:
        saturday = cal.weekday_date(anchor, 5, "coming")
    else:
        saturday = latest
    sunday = cal.shift(saturday, 1, "day") if saturday else None
    return Period(saturday, sunday, "range").resolved if saturday and sunday else UNRESOLVED


_DEIXIS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "this morning": 0, "this afternoon": 0,
           "this evening": 0, "last night": -1, "the day before yesterday": -2, "the day after tomorrow": 2}


def deixis(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"yesterday", "today", "tonight", "last night": a day counted from the anchor."""
    if ctx.anchor is None:
        return UNRESOLVED
    found = cal.shift(ctx.anchor, _DEIXIS[_norm(m["w"])], "day")
    return out(cal.day_period(found) if found else None)


def _count(m: re.Match[str]) -> tuple[int | None, str]:
    return (parse_number(m["num"]) if m["num"] else 1), unit_name(m["unit"])


def _at(target: date | None, unit: str) -> Period | None:
    if target is None:
        return None
    if unit in ("decade", "century"):
        unit = "year"
    return cal.unit_period(target, unit if unit in ("week", "month", "year") else "day")


def ago(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"17-years ago" → the anchor's year minus 17, at the precision of the unit."""
    n, unit = _count(m)
    if ctx.anchor is None or n is None:
        return UNRESOLVED
    if unit in ("hour", "minute"):
        n, unit = n // (24 if unit == "hour" else 1440), "day"
    sign = -1 if _norm(m["dir"]) in ("ago", "before now") else 1
    return out(_at(cal.shift(ctx.anchor, sign * n, unit), unit))


_PRECISION = {"fortnight": "week", "century": "decade", "hour": "day", "minute": "day"}


def _stretch(m: re.Match[str], ctx: Ctx, forward: bool) -> Resolved:
    n, unit = _count(m)
    if ctx.anchor is None or n is None or (not m["num"] and m["unit"].lower().endswith("s")):
        return UNRESOLVED
    if unit in ("hour", "minute"):
        n, unit = max(1, -(-n // (24 if unit == "hour" else 1440))), "day"
    other = cal.shift(ctx.anchor, n if forward else -n, unit)
    if other is None:
        return UNRESOLVED
    start, end = (ctx.anchor, other) if forward else (other, ctx.anchor)
    return Period(start, end, _PRECISION.get(unit, unit)).resolved


def span_n(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"the past 18 years", "the next two weeks": a range from or to the anchor."""
    direction = m["dir"].lower()
    if not m["the"] and not m["num"]:
        return None  # "last week" is a calendar week: the relative rule's
    if direction == "following":
        return UNRESOLVED
    return _stretch(m, ctx, forward=direction in ("next", "coming"))


def within(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"within the next week or so", "within 14 months": from the anchor onwards (a deadline)."""
    return _stretch(m, ctx, forward=_norm(m["dir"]) not in ("past", "last"))


def in_n(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"will meet in two weeks" is a date; "captured Kabul in 10 days" is a duration (left to it)."""
    n, unit = _count(m)
    if ctx.tense() not in ("future", "planned") or unit in ("hour", "minute"):
        return None
    if ctx.anchor is None or n is None:
        return UNRESOLVED
    return out(_at(cal.shift(ctx.anchor, n, unit), unit))


def event_relative(m: re.Match[str], ctx: Ctx) -> Resolved:
    """Anchored to an event, not to the publication date: "a day after the deal was signed"."""
    return UNRESOLVED


def duration(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """A length of time ("16 months of peace talks", "an 18-year conflict"): never a date.

    An age ("a 6-year-old boy", "52 years old") and a rate ("700 seats a week", "$2 million a
    year") are not time expressions at all.
    """
    if m.group(0).lower().endswith("old"):
        return None
    num = (group(m, "num") or "").lower()
    if num in ("a", "an") and is_rate(m):
        return None
    return DURATION
