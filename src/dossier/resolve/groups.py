"""Name groups: the candidates that share one identity key, and the blocks they are compared in.

A group holds every candidate with the same gazetteer key, or else the same normalised name
in the same label family (``ORG:qaeda``, ``PERSON:zalmay khalilzad``). Candidates inside a
group are the same actor by construction (rule ``gazetteer`` or ``exact``); the rules in
:mod:`dossier.resolve.rules` compare groups, never single candidates, so 10,000 documents
that all say "Taliban" cost one comparison, not 10,000.

Features are kept as counters, updated per candidate added or removed, so a group's cost
grows with its change, not its size.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from dossier.extract.gazetteer import Actor, load_actors
from dossier.resolve.normalise import (
    ORG_HEADS,
    acronym_keys,
    is_acronym,
    name_tokens,
    normalise_name,
    place_core,
    romanise,
)
from dossier.resolve.records import Candidate
from dossier.resolve.similarity import deletes

__all__ = ["FAMILY_FIRST_MAX", "Gazetteer", "Group", "family", "group_key"]

_T = TypeVar("_T")


def _memo(method: Callable[[Group], _T]) -> Callable[[Group], _T]:
    """Cache a derived feature until the group's candidates change."""
    name = method.__name__

    def cached(self: Group) -> _T:
        if name not in self._cache:
            self._cache[name] = method(self)
        return self._cache[name]  # type: ignore[no-any-return]

    cached.__doc__ = method.__doc__
    return cached

_FAMILIES = {"PERSON": "PERSON", "ORG": "ORG", "FAC": "ORG", "GPE": "PLACE", "LOC": "PLACE", "NORP": "NORP",
             "PRODUCT": "WORK", "WORK_OF_ART": "WORK"}
_MIN_FUZZY = 5  # shortest word blocked for one-edit typos
#: Longest family name matched when written first ("Xi", "Kim", "Moon"): longer first words are
#: given names, and blocking every "Ahmad …" with every other would cost more than it finds.
FAMILY_FIRST_MAX = 4


def family(label: str) -> str:
    """Labels the model confuses with each other share a family (ORG/FAC, GPE/LOC)."""
    return _FAMILIES.get(label, label)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The curated actors, indexed by normalised alias, with their affiliation links."""

    actors: Mapping[str, Actor]
    index: Mapping[tuple[str, str], str]  # (family, normalised alias) → key; ambiguous ones left out

    @classmethod
    def build(cls, actors: Mapping[str, Actor]) -> Gazetteer:
        seen: dict[tuple[str, str], set[str]] = {}
        for actor in actors.values():
            for alias in actor.names:
                norm = normalise_name(alias, actor.type)
                if norm:
                    seen.setdefault((family(actor.type), norm), set()).add(actor.key)
        return cls(dict(actors), {k: next(iter(v)) for k, v in seen.items() if len(v) == 1})

    def lookup(self, name: str, label: str) -> str | None:
        """The actor a name denotes, when exactly one actor has it as an alias (after normalising)."""
        return self.index.get((family(label), normalise_name(name, label)))

    def relation(self, a: str, b: str) -> str | None:
        """How two actors are linked by ``affiliate_of``/``parent`` (either way, up to 3 hops)."""
        for x, y in ((a, b), (b, a)):
            step, hops = x, 0
            while step in self.actors and hops < 3:
                actor = self.actors[step]
                up = actor.affiliate_of or actor.parent
                if up is None:
                    break
                if up == y:
                    kind = "an affiliate of" if actor.affiliate_of == up else "part of"
                    return f"{self.name(step)} is {kind} {self.name(y)}" if step == x else \
                        f"{self.name(x)} belongs to {self.name(step)}, {kind} {self.name(y)}"
                step, hops = up, hops + 1
        return None

    def name(self, key: str) -> str:
        return self.actors[key].name if key in self.actors else key


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer (``data/actors.jsonl``), indexed once per process."""
    return Gazetteer.build(load_actors())


def group_key(c: Candidate, gazetteer: Gazetteer, *, detached: frozenset[str] = frozenset()) -> tuple[str, str]:
    """``(group key, how)`` for a candidate: how is "gazetteer", "gazetteer-alias" or "exact"."""
    if c.key in detached:
        return f"candidate:{c.key}", "override"
    if c.gazetteer:
        return f"gazetteer:{c.gazetteer}", "gazetteer"
    found = gazetteer.lookup(c.name, c.label)
    if found is not None:
        return f"gazetteer:{found}", "gazetteer-alias"
    return f"{family(c.label)}:{normalise_name(c.name, c.label)}", "exact"


@dataclass(slots=True)
class Group:
    """One identity key and its candidates, with counters the rules read."""

    key: str
    gazetteer: str | None
    members: dict[str, Candidate] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)  # candidate key → how it joined the group
    labels: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    docs: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)  # mention texts as written
    roles: Counter[str] = field(default_factory=Counter)
    context: Counter[str] = field(default_factory=Counter)  # normalised co-mentioned names → docs
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)  # derived features, cleared on change

    def add(self, c: Candidate, how: str) -> None:
        self.members[c.key] = c
        self.how[c.key] = how
        self._count(c, 1)

    def discard(self, key: str) -> None:
        c = self.members.pop(key, None)
        if c is not None:
            self.how.pop(key, None)
            self._count(c, -1)

    def _count(self, c: Candidate, sign: int) -> None:
        self._cache.clear()
        for counter, items in ((self.labels, [c.label]), (self.names, [c.name]), (self.docs, [c.doc_id]),
                               (self.aliases, set(c.aliases) | {c.name}), (self.roles, set(c.roles)),
                               (self.context, {normalise_name(n) for n in c.context})):
            for item in items:
                counter[item] += sign
                if counter[item] <= 0:
                    del counter[item]

    # --- derived features (cheap: computed from counter keys) ---
    @property
    @_memo
    def label(self) -> str:
        """The most common label; ties go to the alphabetically first."""
        return min(self.labels, key=lambda lab: (-self.labels[lab], lab)) if self.labels else ""

    @property
    @_memo
    def family(self) -> str:
        return family(self.label) if self.gazetteer or self.key.startswith("candidate:") else self.key.split(":", 1)[0]

    @property
    @_memo
    def name(self) -> str:
        """The display name: most candidates, then longest, then alphabetical."""
        return min(self.names, key=lambda n: (-self.names[n], -len(n), n)) if self.names else ""

    @property
    @_memo
    def norm(self) -> str:
        return normalise_name(self.name, self.label)

    @property
    @_memo
    def tokens(self) -> tuple[str, ...]:
        return name_tokens(self.name, self.label) if self.label not in ("GPE", "LOC") else tuple(self.norm.split())

    @property
    @_memo
    def is_acronym(self) -> bool:
        return is_acronym(self.name)

    @property
    @_memo
    def dateline(self) -> bool:
        """Written only in capitals, as datelines are ("KABUL —")."""
        return all(a.isupper() for a in self.aliases)

    @_memo
    def alias_norms(self) -> set[str]:
        """Normalised mention texts that can name the entity alone: several words, or an acronym."""
        out = set()
        for alias in self.aliases:
            norm = normalise_name(alias, self.label)
            if norm and (" " in norm or is_acronym(alias)):
                out.add(norm)
        return out

    @_memo
    def acronyms(self) -> set[str]:
        out: set[str] = set()
        if self.family == "PERSON":
            return out
        for alias in self.aliases:
            if not is_acronym(alias):
                out |= acronym_keys(alias)
        return out

    @_memo
    def blocks(self) -> set[str]:
        """Block keys: two groups are compared only if they share one."""
        out = {f"n:{self.norm}"} | {f"n:{n}" for n in self.alias_norms()}
        if self.is_acronym:
            out.add(f"a:{self.norm.replace(' ', '')}")
        out |= {f"a:{k}" for k in self.acronyms()}
        tokens = self.tokens
        if tokens and (self.family == "PERSON" or len(tokens) == 1):
            last = tokens[-1]
            out.add(f"s:{last}")
            if len(last) >= _MIN_FUZZY:
                out |= {f"d:{d}" for d in deletes(last)}
        if len(tokens) >= 2 and self.family != "PERSON":
            out |= {"o:" + " ".join(tokens[:i] + ("*",) + tokens[i + 1:]) for i in range(len(tokens))}
        if tokens:  # romanisation variants; a family name written first ("Xi Jinping"); a short first name
            out.add("r:" + " ".join(romanise(t) for t in tokens))
            if self.family == "PERSON":
                out.add(f"s:{romanise(tokens[-1])}")
                if len(tokens) == 2 and len(tokens[0]) <= FAMILY_FIRST_MAX:
                    out.add(f"s:{tokens[0]}")
                if len(tokens) >= 3:
                    out.add("l:" + " ".join(romanise(t) for t in tokens[1:]))
            if self.family == "PLACE":
                out.add("p:" + " ".join(place_core(tokens)))
            if self.family == "ORG" and tokens[-1] not in ORG_HEADS and not self.is_acronym:
                out.add(f"t:{tokens[-1]}")  # "Saints" / "New Orleans Saints"
        return out
