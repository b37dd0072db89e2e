"""Resolvers for the time-expression rules: a regex match plus context → ``(value, precision)``.

This module holds the shared types and the absolute and calendar-date resolvers;
:mod:`dossier.extract.timex_relative` those counted from the publication date.

A resolver returns ``(value, precision)``; ``(None, None)`` for a real but unresolvable
expression ("a day after the deal was signed", anything relative without an anchor);
``(None, "duration")`` for a length of time ("16 months of peace talks"); or None to say "not
a time expression after all" (lower-case "may", "the 2000 troops"), so a shorter candidate
can take the place. Value and precision conventions are in
:mod:`dossier.extract.timex_calendar`; the tense cues in :mod:`dossier.extract.timex_tense`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from dossier.extract import timex_calendar as cal
from dossier.extract.timex_calendar import Period
from dossier.extract.timex_patterns import WEEKDAYS, month_number, month_ok

__all__ = [
    "Ctx",
    "DURATION",
    "Resolved",
    "Resolver",
    "UNRESOLVED",
    "calendar_tense",
    "day_range",
    "decade",
    "full_date",
    "group",
    "mod_month",
    "mod_year",
    "month_day",
    "month_in",
    "month_year",
    "nine_eleven",
    "numeric_date",
    "out",
    "quarter",
    "season_year",
    "year",
    "year_range",
]

Resolved = tuple[str | None, str | None]
UNRESOLVED: Resolved = (None, None)
DURATION: Resolved = (None, "duration")


class Ctx:
    """What a resolver may use besides its match: the anchor and the (lazily computed) tense."""

    __slots__ = ("_tense", "_tense_fn", "anchor")

    def __init__(self, anchor: date | None, tense_fn: Callable[[], str | None]) -> None:
        self.anchor = anchor
        self._tense_fn: Callable[[], str | None] | None = tense_fn
        self._tense: str | None = None

    def tense(self) -> str | None:
        if self._tense_fn is not None:
            self._tense, self._tense_fn = self._tense_fn(), None
        return self._tense


Resolver = Callable[[re.Match[str], Ctx], Resolved | None]


def out(p: Period | None) -> Resolved:
    """A period's (value, precision), or unresolved when there is none."""
    return p.resolved if p is not None else UNRESOLVED


def group(m: re.Match[str], name: str) -> str | None:
    """Group ``name`` when the pattern has it and it took part in the match."""
    return m.group(name) if name in m.re.groupindex else None


_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|through|before|deadline\s+of|effective)\s+(?:the\s+)?$",
                              re.IGNORECASE)
_DEADLINE_AFTER = re.compile(r"\s+deadline\b", re.IGNORECASE)


def calendar_tense(m: re.Match[str], ctx: Ctx) -> str | None:
    """The tense that places a month or month-day named without its year.

    A deadline ("should go home by Jan. 14", "remain in Miami until March 6", "the Jan. 14
    deadline") looks forward from its clause's past event, so there a past tense gives way to
    the nearest occurrence (TBAQ-cleaned, tuned on train).
    """
    tense = ctx.tense()
    if tense != "past":
        return tense
    start = m.start("x") if "x" in m.re.groupindex and m.group("x") is not None else m.start()
    if _DEADLINE_BEFORE.search(m.string[max(0, start - 20):start]) or _DEADLINE_AFTER.match(m.string, m.end()):
        return None
    return tense


def _day_or_reject(y: int, mo: int, d: int) -> Resolved | None:
    found = cal.safe_date(y, mo, d)
    return cal.day_period(found).resolved if found else None


# -- absolute dates ------------------------------------------------------------------------


def full_date(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"Sept. 11, 2001", "15 August 2021"; an impossible date (February 30) is not a date."""
    if not month_ok(m["mon"]):
        return None
    return _day_or_reject(int(m["year"]), month_number(m["mon"]), int(m["day"]))


def numeric_date(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    return _day_or_reject(int(m["year"]), int(m["m"]), int(m["d"]))


def month_day(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"Feb. 29", "Oct 11": the year comes from the anchor and the tense (timex_calendar.infer_day)."""
    mo, d = month_number(m["mon"]), int(m["day"])
    if not month_ok(m["mon"]) or cal.safe_date(2000, mo, d) is None:
        return None
    if ctx.anchor is None:
        return UNRESOLVED
    found = cal.infer_day(mo, d, ctx.anchor, calendar_tense(m, ctx))
    if found and m["wd"] and found.start.weekday() != WEEKDAYS[m["wd"].lower()]:
        # "Sunday, 15 August": let the weekday pick among nearby years when the tense did not.
        years = (cal.safe_date(y, mo, d) for y in range(ctx.anchor.year - 6, ctx.anchor.year + 2))
        fits = [cal.day_period(x) for x in years if x and x.weekday() == WEEKDAYS[m["wd"].lower()]]
        found = cal.pick(fits, ctx.anchor, None) or found
    return out(found)


def day_range(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"October 9-10", "9-10 October 2021": a day range, precision "range"."""
    m1 = month_number(m["mon"])
    m2 = month_number(m["mon2"]) if group(m, "mon2") else m1
    d1, d2 = int(m["d1"]), int(m["d2"])
    if not month_ok(m["mon"]) or cal.safe_date(2000, m1, d1) is None or cal.safe_date(2000, m2, d2) is None:
        return None
    if m["year"]:
        y1 = int(m["year"]) - (1 if m2 < m1 else 0)
    elif ctx.anchor is not None:
        first = cal.infer_day(m1, d1, ctx.anchor, calendar_tense(m, ctx))
        if first is None:
            return UNRESOLVED
        y1 = first.start.year
    else:
        return UNRESOLVED
    start, end = cal.safe_date(y1, m1, d1), cal.safe_date(y1 + (1 if m2 < m1 else 0), m2, d2)
    if start is None or end is None or end < start:
        return None
    return Period(start, end, "range").resolved


def month_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    return out(cal.month_period(int(m["year"]), month_number(m["mon"]))) if month_ok(m["mon"]) else None


def nine_eleven(m: re.Match[str], ctx: Ctx) -> Resolved:
    """9/11 names the attacks of 2001-09-11, whatever the anchor (the 9/11 Commission Report)."""
    return ("2001-09-11", "day")


_YEAR_STRONG = re.compile(
    r"(?:\b(?:in|since|until|till|before|after|during|circa|year|past|post|pre|mid|early|late|spring|"
    r"summer|autumn|fall|winter|copyright|fiscal|beginning|end|start|\w+['’]s)[\s-]+|['’]s\s+)$|\A\s*\Z",
    re.IGNORECASE,
)
_YEAR_WEAK = re.compile(
    r"\b(?:by|from|to|through|of|the|between|and|or|around|a|an|his|her|its|their|our|my|your|that|for|into|due"
    r"|both)\s+$", re.IGNORECASE)
_COUNTED = re.compile(
    r"\s+(?:troops|people|soldiers|members|fighters|civilians|men|women|children|families|refugees|"
    r"militants|police|officers|marines|personnel|casualties|deaths|dead|dollars|euros|pounds|km|"
    r"kilometres|kilometers|miles|metres|meters|tons|tonnes|cases|votes|times|words|pages|units)\b",
    re.IGNORECASE,
)


def year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """A bare year, accepted only after a word that introduces years ("in 2010", "the 2001 attacks")."""
    before = m.string[max(0, m.start("x") - 30): m.start("x")]
    if not _YEAR_STRONG.search(before):
        if not _YEAR_WEAK.search(before) or _COUNTED.match(m.string, m.end("x")):
            return None
    return out(cal.year_period(int(m["year"])))


def year_range(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"2009-2010", "between 1985 and 1987", "1957-58" (the second year in the first's century)."""
    y1 = int(m["y1"])
    if m["yy"]:
        y2 = y1 // 100 * 100 + int(m["yy"])
        return Period(date(y1, 1, 1), date(y2, 12, 31), "year").resolved if y1 < y2 <= y1 + 10 else None
    y2 = int(m["y2"])
    worded = not re.fullmatch(r"\s*[-–]\s*", m.string[m.end("y1"): m.start("y2")])
    if not y1 < y2 <= y1 + 200 or (worded and not m["pre"]):
        return None
    return Period(date(y1, 1, 1), date(y2, 12, 31), "year").resolved


def decade(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"the 1980s"; a two-digit "'90s" is taken as the 1900s."""
    text = m["decade"]
    first = int(text[:4]) if text[0].isdigit() else 1900 + int(text[1:3])
    p = cal.decade_period(first)
    if p is not None and m["mod"]:
        p = cal.part(p, m["mod"].lower())
    return out(p)


def mod_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"late 2001", "mid-2021": a third of the year at precision year (see timex_calendar)."""
    p = cal.year_period(int(m["year"]))
    return out(cal.part(p, m["mod"].lower()) if p else None)


def month_in(m: re.Match[str], ctx: Ctx, year_group: str = "year") -> Period | None:
    """The month named by group ``mon``, in the year given by ``year_group`` or inferred from the anchor."""
    mo = month_number(m["mon"])
    given = group(m, year_group)
    if given:
        return cal.month_period(int(given), mo)
    return cal.infer_month(mo, ctx.anchor, calendar_tense(m, ctx)) if ctx.anchor else None


def mod_month(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    if not month_ok(m["mon"]):
        return None
    p = month_in(m, ctx)
    return out(cal.part(p, m["mod"].lower()) if p else None)


def quarter(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    """"the first quarter of 2020", "Q3 2020"."""
    if m["qn"]:
        return out(cal.quarter_period(int(m["year2"]), int(m["qn"])))
    q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(m["q"].lower(), 4)
    if m["year"]:
        return out(cal.quarter_period(int(m["year"]), q))
    if ctx.anchor is None:
        return UNRESOLVED
    offset = {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return out(cal.quarter_period(ctx.anchor.year + offset, q))


def season_year(m: re.Match[str], ctx: Ctx) -> Resolved | None:
    p = cal.season_period(m["season"].lower(), int(m["year"]))
    return out(cal.part(p, m["mod"].lower()) if p and m["mod"] else p)
