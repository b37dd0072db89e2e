"""Clustering one connected component of name groups: constrained, deterministic, explained.

The result depends only on the component's groups and edges, never on the order they
arrived in: every step iterates in sorted order.

1. User merges (must-links) first, except where a user split forbids them.
2. Link edges, best first (score, then rule rank, then keys), union-find style; a union is
   refused when the two clusters hold different gazetteer actors (affiliation is not
   identity, also across a chain of fuzzy links) or a user split separates them.
3. Part-names ("Khalilzad", "Kenneth McKenzie"), longest first: each joins the one cluster
   holding a fuller name that contains it (one in the same document wins); with two or
   more such clusters it stays alone, and the refusal is recorded ("blocked:ambiguous").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dossier.resolve.groups import Gazetteer, Group
from dossier.resolve.rules import RULE_RANK, Edge

__all__ = ["Constraints", "Placement", "cluster_component"]


@dataclass(frozen=True, slots=True)
class Constraints:
    """User overrides compiled to group keys."""

    must: tuple[tuple[str, str, str], ...] = ()  # (group, group, evidence)
    cannot: frozenset[frozenset[str]] = frozenset()
    alone: frozenset[str] = frozenset()


@dataclass(slots=True)
class Placement:
    """One cluster of groups; ``via`` says how each non-anchor group was attached."""

    groups: list[str]
    anchor: str
    via: dict[str, tuple[str, float, str]] = field(default_factory=dict)  # group → (rule, score, evidence)


class _Clusters:
    def __init__(self, groups: Mapping[str, Group], constraints: Constraints, gazetteer: Gazetteer) -> None:
        self.parent = {k: k for k in groups}
        self.members = {k: [k] for k in groups}
        self.gaz = {k: {g.gazetteer} if g.gazetteer else set() for k, g in groups.items()}
        self.tree: dict[str, list[tuple[str, str, float, str]]] = {k: [] for k in groups}
        self.constraints = constraints
        self.gazetteer = gazetteer
        self.blocked: list[tuple[str, str, str, float, str]] = []

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def refusal(self, ra: str, rb: str, *, user: bool = False) -> tuple[str, str] | None:
        """Why clusters ``ra`` and ``rb`` may not merge (rule, evidence), or None."""
        c = self.constraints
        a_alone = [m for m in self.members[ra] if m in c.alone]
        b_alone = [m for m in self.members[rb] if m in c.alone]
        if a_alone or b_alone:
            return "blocked:override-split", f"the user split '{(a_alone or b_alone)[0]}' off to stand alone"
        if c.cannot:
            for x in self.members[ra]:
                for y in self.members[rb]:
                    if frozenset((x, y)) in c.cannot:
                        return "blocked:override-split", f"the user split '{x}' from '{y}'"
        keys = self.gaz[ra] | self.gaz[rb]
        if len(keys) > 1 and not user:
            x, y = sorted(self.gaz[ra])[0], sorted(self.gaz[rb])[0]
            relation = self.gazetteer.relation(x, y)
            if relation:
                return "blocked:affiliation", relation
            return "blocked:gazetteer", f"'{self.gazetteer.name(x)}' and '{self.gazetteer.name(y)}' are distinct actors"
        return None

    def union(self, a: str, b: str, rule: str, score: float, evidence: str, *, user: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        why = self.refusal(ra, rb, user=user)
        if why is not None:
            self.blocked.append((a, b, why[0], score, f"{rule} refused: {why[1]}"))
            return False
        if (len(self.members[ra]), rb) < (len(self.members[rb]), ra):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.gaz[ra] |= self.gaz.pop(rb)
        self.tree[a].append((b, rule, score, evidence))
        self.tree[b].append((a, rule, score, evidence))
        return True


def _order(e: Edge) -> tuple[float, int, str, str]:
    return (-e.score, RULE_RANK.get(e.rule, 99), e.a, e.b)


def cluster_component(groups: Mapping[str, Group], edges: Iterable[Edge], constraints: Constraints,
                      gazetteer: Gazetteer) -> tuple[list[Placement], list[tuple[str, str, str, float, str]]]:
    """Cluster the groups of one component; returns placements and refused merges."""
    cl = _Clusters(groups, constraints, gazetteer)
    for a, b, evidence in sorted(constraints.must):
        if a in groups and b in groups:
            cl.union(a, b, "override-merge", 1.0, evidence, user=True)
    edges = sorted(edges, key=_order)
    partial_groups = {e.sub for e in edges if e.kind == "partial" and e.sub}
    for e in edges:
        if e.kind == "link" and e.a not in partial_groups and e.b not in partial_groups:
            cl.union(e.a, e.b, e.rule, e.score, e.evidence)
    by_sub: dict[str, list[Edge]] = {}
    for e in edges:
        if e.kind == "partial" and e.sub:
            by_sub.setdefault(e.sub, []).append(e)
    levels = sorted({len(groups[s].tokens) for s in by_sub}, reverse=True)
    for level in levels:
        chosen: list[tuple[str, Edge]] = []
        for sub in sorted(s for s in by_sub if len(groups[s].tokens) == level):
            if len(cl.members.get(cl.find(sub), [])) > 1:
                continue  # already placed by a user merge
            own = cl.find(sub)
            options = [e for e in by_sub[sub] if cl.find(e.b if e.a == sub else e.a) != own]
            local = [e for e in options if e.same_doc]
            options = local or options
            targets: dict[str, Edge] = {}
            for e in options:  # best edge per target cluster (edges are sorted best first)
                targets.setdefault(cl.find(e.b if e.a == sub else e.a), e)
            if len(targets) == 1:
                chosen.append((sub, next(iter(targets.values()))))
            elif len(targets) > 1:
                names = sorted(groups[r].name for r in targets)
                cl.blocked.append((sub, sorted(targets)[0], "blocked:ambiguous", 0.0,
                                   f"'{groups[sub].name}' fits {len(targets)} clusters: {', '.join(names)}"))
        for sub, e in chosen:
            cl.union(sub, e.b if e.a == sub else e.a, e.rule, e.score, e.evidence)
    return _placements(cl, groups, partial_groups), cl.blocked


def _placements(cl: _Clusters, groups: Mapping[str, Group], partial: set[str]) -> list[Placement]:
    """Anchor: the gazetteer group, else the smallest key among full names (not part-names)."""
    out = []
    for members in cl.members.values():
        gaz = sorted(m for m in members if groups[m].gazetteer)
        anchor = gaz[0] if gaz else min(members, key=lambda m: (m in partial, m))
        placement = Placement(sorted(members), anchor)
        seen, frontier = {anchor}, [anchor]
        while frontier:  # breadth-first from the anchor: each group's attaching edge
            nxt = []
            for g in sorted(frontier):
                for other, rule, score, evidence in sorted(cl.tree[g]):
                    if other not in seen:
                        seen.add(other)
                        placement.via[other] = (rule, score, evidence)
                        nxt.append(other)
            frontier = nxt
        out.append(placement)
    return out
