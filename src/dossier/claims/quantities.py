"""Troop levels as claims: (country, troops, place, number, date), compared over time.

A sentence about troops or forces (not about casualties) yields one claim per number that
counts them: "from roughly 13,000 troops to 8,600 within 135 days" gives 13,000 now and
8,600 planned; "down from 13,000 troops in February to roughly 8,600 troops last week" gives
two dated figures. A figure's date is a time expression right after it (or shortly before,
with no other number between), else the publication date; a figure in a past-state clause
("when the deal was signed there were …") or the start of a past "from … to …" stays undated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from dossier.claims import lexicon as lx
from dossier.claims.text import DocIndex, Party

__all__ = ["troop_claims"]

_PLAN_VERB = re.compile(r"\bto\s+(?:bring|reduce|cut|draw|lower)\b", re.IGNORECASE)
_BY_AFTER = re.compile(r"^\s*(?:troops\s+)?(?:by|within|before)\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:about|around|roughly|some|nearly|approximately)?\s*$", re.IGNORECASE)
_CAPITALS = lx.CAPITALS
_OWNER_BEFORE = 25  # characters before a troop noun in which its country is named ("US troops")


def _value(raw: str) -> float:
    return float(raw.replace(",", ""))


def _time_near(index: DocIndex, start: int, end: int, clause: tuple[int, int],
               numbers: list[tuple[int, int]]) -> Any | None:
    """The time expression attached to a figure at text[start:end], if any."""
    times = [t for t in index.doc.times if t.value is not None and clause[0] <= t.span.start < clause[1]]
    for t in times:
        if 0 <= t.span.start - end <= 25 and not any(end <= a and b <= t.span.start for a, b in numbers):
            return t
    for t in times:
        if 0 <= start - t.span.end <= 50 and not any(t.span.end <= a and b <= start for a, b in numbers):
            return t
    return None


def _country(index: DocIndex, word: str) -> Party | None:
    from dossier.graph.relation_rules import country_of

    country = country_of(word) or country_of(word.rstrip(".")) or country_of(word.replace(".", ""))
    country = country or _CAPITALS.get(word.casefold())
    if country is None:
        return None
    for _, _, party in index.mentions:  # the document's own entity for that country ("US", "America")
        if party.label == "GPE" and (party.name == country or country_of(party.name) == country):
            return party
    return Party(index.ids.get(country, country), country, "GPE")


def _owner_and_place(index: DocIndex, lo: int, hi: int) -> tuple[Party | None, Party | None]:
    """Whose troops ("US troops", "its force", "troops from NATO") and where ("in Afghanistan", else the
    document's most mentioned other country)."""
    text = index.doc.text
    owner: Party | None = None
    for noun in lx.TROOP_NOUN.finditer(text, lo, hi):
        window = text[lo:noun.start()]
        adjacent = re.search(r"([A-Z][\w.]*)\s+(?:(?:military|combat|special|allied)\s+)?$", window)
        if adjacent and (owner := _country(index, adjacent.group(1))):
            break
        if re.search(r"\b(?:its|their)\s+$", window):
            owner = next((p for a, b, p in reversed(index.mentions) if lo <= a and b <= noun.start()
                          and p.label == "GPE" and not re.search(r"\bin\s+(?:the\s+)?$", text[max(lo, a - 8):a])),
                         None)
            if owner:
                break
        after = next((p for a, b, p in index.mentions if 0 <= a - noun.end() <= 12 and p.label in ("GPE", "ORG")
                      and re.match(r"\s+from\s+", text[noun.end():a])), None)
        if after:
            owner = after
            break
    if owner is None:
        owner = next((p for a, b, p in index.mentions if lo <= a < hi and p.label == "GPE"
                      and not re.search(r"\bin\s+(?:the\s+)?$", text[max(lo, a - 8):a])), None)
    if owner is not None and owner.name.casefold() in _CAPITALS:
        owner = _country(index, owner.name) or owner
    place = next((p for a, b, p in index.mentions if lo <= a < hi and p.label == "GPE"
                  and (owner is None or p.id != owner.id)
                  and re.search(r"\bin\s+(?:the\s+)?$", text[max(lo, a - 8):a])), None)
    if place is None:
        main = next((pid for pid in index.places if owner is None or pid != owner.id), None)
        place = next((p for _, _, p in index.mentions if p.id == main), None)
    return owner, place


def _figures(m: re.Match[str], text: str) -> list[tuple[int, int, float, float | None, str]]:
    """One or two figures from a number match: "12,000 to 13,000" is a range, "from 13,000 to 8,600" two."""
    low = _value(m.group("a"))
    if m.group("approx") and m.group("approx").strip().casefold() == "fewer than":
        return []
    if not m.group("b"):
        return [(m.start(), m.end("a"), low, None, "plain")]
    high = _value(m.group("b"))
    if _FROM_BEFORE.search(text[max(0, m.start() - 30):m.start()]) or high <= low:
        return [(m.start(), m.end("a"), low, None, "from"), (m.start("b"), m.end("b"), high, None, "to")]
    return [(m.start(), m.end("b"), low, high, "plain")]


def troop_claims(index: DocIndex, *, make_claim: Callable[..., Any]) -> list[Any]:
    """Troop-level claims of one document (see the module docstring)."""
    text = index.doc.text
    times = [(t.span.start, t.span.end) for t in index.doc.times]
    out: list[Any] = []
    last: tuple[Party, Party] | None = None
    for s_start, s_end in index.sentences:
        sentence = text[s_start:s_end]
        if not lx.TROOP_WORDS.search(sentence) or lx.CASUALTY_WORDS.search(sentence):
            continue
        owner, place = _owner_and_place(index, s_start, s_end)
        if owner is None or place is None:
            if last is None or not lx.TROOP_NOUN.search(sentence):
                continue
            owner, place = last
        found = [m for m in lx.NUMBER.finditer(text, s_start, s_end)
                 if not any(a <= m.start("a") < b for a, b in times)
                 and not re.fullmatch(r"(?:19|20)\d\d", m.group("a"))
                 and lx.AFTER_NUMBER.match(text[m.end():m.end() + 20]) and _value(m.group("a")) >= 100]
        figures = [f for m in found for f in _figures(m, text)]
        numbers = [(a, b) for a, b, *_ in figures]
        for a_start, a_end, low, high, role in figures:
            clause_start = max(s_start, text.rfind(";", s_start, a_start) + 1)
            clause_end = text.find(";", a_end, s_end)
            clause = (clause_start, s_end if clause_end < 0 else clause_end)
            prefix = text[clause_start:a_start]
            after = text[a_end:a_end + 14]
            future = bool(lx.FUTURE.search(prefix)) or bool(_PLAN_VERB.search(prefix))
            time = _time_near(index, a_start, a_end, clause, numbers)
            date = time.value.split("/")[0] if time is not None and time.value else None
            modality = "certain"
            if role == "from" or _FROM_BEFORE.search(prefix):
                if date is None and not lx.FUTURE.search(prefix):
                    date = ""  # the start of a past change: when is not said
            elif future or _BY_AFTER.match(after):
                modality = "planned"
                date = time.value.split("/")[-1] if time is not None and time.value else None
            elif date is None and lx.PAST_STATE.search(prefix):
                date = ""
            attribution = index.attribute(a_start, s_start, s_end)
            out.append(make_claim(index, "troops", owner, place, True, modality, attribution, s_start, s_end,
                                  "lexicon:troops", date=date, value=low, value_max=high))
        last = (owner, place)
    return [_undated(c) for c in out]


def _undated(claim: Any) -> Any:
    """Figures marked with an empty date have no date of their own (not even the publication's)."""
    from dataclasses import replace

    return replace(claim, date=None) if claim.date == "" else claim
