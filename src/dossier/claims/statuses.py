"""Status rules for event-slot and status-fact claims: agreed, disputed or changed, by time.

Figures (killed, wounded, missing… counts; an earthquake's magnitude) are compared one figure
per document: a report's figure for an incident is its largest (smaller ones in the same
report are partial counts — "one man was killed in a landslide" — or the figures it
supersedes). Two reports' figures are **compatible** when they are equal (within 5% when
either is approximate), when the lower one is a lower bound ("at least 12") or the higher
one an upper bound ("as many as 80"), when the higher one is an update ("the toll rose to
11"), or when the later report gives the higher figure. Then:

* **changed** — figures differ and every pair is compatible: a toll that rises over reports
  (the series gives each report date's figure);
* **disputed** — two figures that cannot both hold: different exact figures the same day, or a
  later report lowering an exact figure; or a source that denies the figure (both sides cited);
* **agreed** — one figure from two or more independent sources: different outlets, not the
  same sentence copied from one wire story.

States of a person (dead, detained, charged, guilty…) are compared by stance: a report that
holds it and one that rejects it are **disputed**, unless every rejection is dated before
every assertion (pleaded not guilty → found guilty), which is **changed**.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from dossier.claims.extract import Claim

__all__ = ["count_status", "incidents", "independent", "state_status"]

_WINDOW = 7  # days between reports of one incident
_APART = 100  # figures this many times apart count different things


def _day(value: str | None) -> date | None:
    """A date from ISO text; a month ("2010-02") stands for its 15th; a bare year for nothing."""
    if not value or len(value) < 7:
        return None
    try:
        return date.fromisoformat(value[:10] if len(value) >= 10 else f"{value[:7]}-15")
    except ValueError:
        return None


def incidents(claims: list[Claim]) -> list[list[Claim]]:
    """Split claims with one key (slot, incident kind, victims) into real incidents.

    A claim joins an incident whose reports share a place with its own (the places below a
    country each report names most) and whose dates fit: an incident date the sentence gives
    ("Friday's strike") within a day of the incident's own, else report dates within a week
    of its latest report (a daily toll from one city is a new incident each week, not a change).
    An old date ("the 2001 attacks") only meets the same year. Undated claims join the incident
    that already has their figure, else the first that shares a place.
    """
    dated = sorted((c for c in claims if c.date), key=lambda c: (c.date or "", c.doc_id, c.span.start))
    groups: list[dict[str, Any]] = []
    for claim in dated:
        day = _day(claim.date)
        explicit = day is not None and (claim.date or "")[:10] != (claim.published or "")[:10]
        home = None
        for group in groups:
            if day is None or group["day"] is None:
                if (claim.date or "")[:4] != group["year"] or (day is None) != (group["day"] is None):
                    continue
            elif explicit and group["explicit"]:
                if min(abs((day - d).days) for d in group["explicit"]) > 1:
                    continue
            elif abs((day - group["last"]).days) > _WINDOW:
                continue
            if claim.places and group["around"] and not set(claim.places) & group["around"]:
                continue  # the reports share no place at all
            home = group
            break
        if home is None:
            home = {"day": day, "last": day, "year": (claim.date or "")[:4], "explicit": set(), "around": set(),
                    "claims": []}
            groups.append(home)
        home["claims"].append(claim)
        home["around"].update(claim.places)
        if explicit and day is not None:
            home["explicit"].add(day)
        if day is not None and home["last"] is not None and day > home["last"]:
            home["last"] = day
    loose: list[dict[str, Any]] = []  # undated reports: by the figures and places they share
    for claim in (c for c in claims if not c.date):
        near = set(claim.places)
        fitting = [g for g in (*groups, *loose) if not near or not g["around"] or near & g["around"]]
        same = [g for g in fitting if claim.value is not None
                and any((c.value, c.value_max) == (claim.value, claim.value_max) for c in g["claims"])]
        choice = same or fitting
        if choice:
            home = choice[0]
        else:
            home = {"around": set(), "claims": []}
            loose.append(home)
        home["claims"].append(claim)
        home["around"].update(near)
    return [g["claims"] for g in (*groups, *loose)]


def _text_key(claim: Claim) -> str:
    return re.sub(r"\W+", " ", claim.text.casefold()).strip()


def independent(claims: list[Claim]) -> int:
    """How many independent sources hold the claims: different speakers or outlets, and not one wire
    sentence printed by two outlets (the same words, or nine in ten of them: a light rewrite)."""
    sources: set[str] = set()
    seen: list[frozenset[str]] = []
    for claim in claims:
        words = frozenset(_text_key(claim).split())
        if claim.source_kind == "outlet" and any(_copy(words, other) for other in seen):
            continue
        seen.append(words)
        sources.add(claim.source_key)
    return len(sources)


def _copy(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= 0.8


def _published(claim: Claim) -> str:
    return claim.published or ""


def _compatible(a: Claim, b: Claim, exact: bool) -> bool:
    """Whether two reports' figures can both hold (see the module docstring)."""
    lo, hi = (a, b) if (a.value or 0.0) <= (b.value or 0.0) else (b, a)
    low, high = lo.value or 0.0, hi.value or 0.0
    if low == high or (lo.value_max and lo.value_max >= high) or (hi.value_max and hi.value_max and low >= high):
        return True
    if not exact and "approx" in (lo.bound, hi.bound) and high - low <= 0.05 * high:
        return True
    if exact:
        return False
    if lo.bound == "lower" or hi.bound in ("upper", "update"):
        return True
    lo_day, hi_day = _published(lo), _published(hi)
    return bool(lo_day and hi_day and lo_day < hi_day)  # the later report gives the higher figure


def _per_document(claims: list[Claim]) -> list[Claim]:
    """Each report's figure: an update ("the toll rose to 11") if it gives one, else the first it
    states (the lead carries the current toll; later figures are parts, or history)."""
    best: dict[str, Claim] = {}
    for claim in sorted(claims, key=lambda c: (c.bound != "update", c.modality != "certain", c.span.start)):
        best.setdefault(claim.doc_id, claim)
    return sorted(best.values(), key=lambda c: (_published(c), c.value or 0.0, c.doc_id))


def count_status(claims: list[Claim], *, exact: bool = False) -> tuple[str | None, list[Claim], list[Claim],
                                                                         list[tuple[str, float, float | None]]]:
    """(status, supporting, disputing, series) for the figures of one incident slot."""
    held = [c for c in claims if c.value is not None and c.modality != "planned"
            and (c.stance or c.modality == "unconfirmed")]  # an unverified figure is still a figure
    denied = [c for c in claims if not c.stance and c.modality != "unconfirmed"]
    figures = _per_document(held)
    if not figures:
        return None, held, denied, []
    if denied and {c.source_key for c in denied} - {c.source_key for c in figures}:
        return "disputed", figures, denied, []
    if len({(c.value, c.value_max) for c in figures}) > 1:
        figures = [c for c in figures if c.published]  # an undated report cannot say when its figure held
        if not figures:
            return None, held, denied, []
    values = {(c.value, c.value_max) for c in figures}
    low, high = min(c.value or 0.0 for c in figures), max(c.value_max or c.value or 0.0 for c in figures)
    if low > 0 and high / low >= _APART:
        return None, figures, [], []  # a street's toll and a war's are not one count: say nothing
    if len(values) == 1:
        return ("agreed" if independent(figures) >= 2 else None), figures, [], []
    clashes = [(a, b) for i, a in enumerate(figures) for b in figures[i + 1:]
               if not _compatible(a, b, exact) and a.source_key != b.source_key]
    if clashes:
        counts = Counter((c.value, c.value_max) for c in figures)
        top = max(counts, key=lambda v: (counts[v], -min(i for i, c in enumerate(figures)
                                                         if (c.value, c.value_max) == v)))
        clashing = {id(x) for pair in clashes for x in pair}
        supporting = [c for c in figures if (c.value, c.value_max) == top]
        disputing = [c for c in figures if (c.value, c.value_max) != top and id(c) in clashing]
        if not disputing:  # the clash is between two minority figures
            supporting = [c for c in figures if (c.value, c.value_max) == (clashes[0][0].value,
                                                                         clashes[0][0].value_max)]
            disputing = [clashes[0][1]]
        return "disputed", supporting, disputing, []
    by_day: dict[str, list[Claim]] = defaultdict(list)
    for claim in figures:
        by_day[(claim.published or "")[:10]].append(claim)
    series: list[tuple[str, float, float | None]] = []
    for day in sorted(by_day):
        for claim in sorted(by_day[day], key=lambda c: c.value or 0.0):
            if not series or (claim.value or 0.0) > series[-1][1]:
                series.append((day, claim.value or 0.0, claim.value_max))
    if len(series) < 2:
        return ("agreed" if independent(figures) >= 2 else None), figures, [], []
    return "changed", figures, [], series


def state_status(claims: list[Claim]) -> tuple[str | None, list[Claim], list[Claim], list[Any], bool]:
    """(status, supporting, disputing, series, negated) for a person's state across reports."""
    held = [c for c in claims if c.modality != "planned" and c.stance]
    rejected = [c for c in claims if c.modality != "planned" and not c.stance]
    pro, con = {c.source_key for c in held}, {c.source_key for c in rejected}
    if held and rejected:
        last_no = max(_published(c) for c in rejected)
        first_yes = min(_published(c) for c in held)
        if last_no and first_yes and last_no < first_yes:
            return "changed", held, rejected, [], False
        if pro - con and con - pro:
            return "disputed", held, rejected, [], False
    if independent(held) >= 2 and not rejected:
        return "agreed", held, [], [], False
    if independent(rejected) >= 2 and not held:
        return "agreed", rejected, [], [], True
    return None, held, rejected, [], False

