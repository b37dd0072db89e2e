"""The cross-document entity resolver: batch (:func:`resolve`) and incremental (:class:`Resolver`).

How it works (see :mod:`~dossier.resolve.groups`, :mod:`~dossier.resolve.rules`,
:mod:`~dossier.resolve.cluster`):

* candidates fall into **name groups** (same gazetteer key, or same normalised name in one
  label family);
* groups are compared only within **blocks** (normalised name and mention texts, surname,
  one-deletion variants of the surname, acronym, name with one word wildcarded), so adding a
  document compares its groups with the few groups that share a block;
* rule **edges** connect groups; each connected component is clustered on its own, so an
  update re-clusters only the components it touches. Clustering a component depends on its
  groups and edges alone, in sorted order: the same candidate set gives the same clusters,
  whatever the order of :meth:`Resolver.add` and :meth:`Resolver.remove` calls.

Cluster ids are ``"ent_" + sha1(anchor)[:12]``, the same shape as the provisional ids of
:mod:`dossier.extract.ids`. The anchor is ``"gazetteer:KEY"`` when the cluster holds a
gazetteer actor (the smallest key if a user merged two), else the smallest group key among
its full names (a part-name such as a surname alone anchors only a cluster of its own),
``"LABEL-FAMILY:normalised name"`` (``"PERSON:miriam holloway"``), or
``"candidate:KEY"`` for a candidate a user override singled out. Ids are therefore stable
across re-ingest and ingest order, and change only when a cluster's anchor changes.

Example::

    >>> res = resolve([Candidate("d1:Zalmay Khalilzad", "d1", "Zalmay Khalilzad", "PERSON"),
    ...                Candidate("d2:Khalilzad", "d2", "Khalilzad", "PERSON")])
    >>> len(res.clusters), res.decision_for("d2:Khalilzad").rule
    (1, 'surname')
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from dossier.extract.gazetteer import Actor
from dossier.resolve.cluster import Constraints, Placement, cluster_component
from dossier.resolve.groups import Gazetteer, Group, default_gazetteer, family, group_key
from dossier.resolve.normalise import normalise_name
from dossier.resolve.records import EMPTY, Candidate, Cluster, Decision, Overrides, Resolution
from dossier.resolve.rules import Edge, compare

__all__ = ["Resolver", "cluster_id", "resolve"]

_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE")


def cluster_id(anchor: str) -> str:
    """The public id of the cluster anchored at ``anchor`` (a group key)."""
    return "ent_" + hashlib.sha1(anchor.encode()).hexdigest()[:12]


def resolve(candidates: Iterable[Candidate], *, overrides: Overrides = EMPTY,
            actors: Mapping[str, Actor] | None = None) -> Resolution:
    """Cluster candidates from many documents into actors.

    Args:
        candidates: one per document-level entity (see :func:`candidates_from_document`).
        overrides: user merges and splits; they win over every rule.
        actors: the gazetteer (``load_actors()``); None means the shipped one.

    Returns:
        Clusters sorted by id, one :class:`Decision` per candidate, and the refused merges.
    """
    resolver = Resolver(overrides=overrides, actors=actors)
    resolver.add(candidates)
    return resolver.resolution()


class Resolver:
    """Incremental resolution: :meth:`add` and :meth:`remove` touch only affected clusters."""

    def __init__(self, *, overrides: Overrides = EMPTY, actors: Mapping[str, Actor] | None = None) -> None:
        self.gazetteer = default_gazetteer() if actors is None else Gazetteer.build(actors)
        self.groups: dict[str, Group] = {}
        self._cand_group: dict[str, str] = {}
        self._doc_cands: dict[str, set[str]] = {}
        self._blocks: dict[str, set[str]] = {}
        self._group_blocks: dict[str, set[str]] = {}
        self._edges: dict[str, dict[str, Edge]] = {}
        self._by_norm: dict[tuple[str, str], set[str]] = {}
        self._group_norm: dict[str, tuple[str, str]] = {}
        self._sig: dict[str, tuple[object, ...]] = {}  # what a group's rules read, except its documents
        self._last_group: dict[str, str] = {}
        self._anchor_by_id: dict[str, str] = {}
        self._placement: dict[str, Placement] = {}  # anchor → placement
        self._group_anchor: dict[str, str] = {}
        self._blocked: dict[str, list[tuple[str, str, str, float, str]]] = {}  # anchor → refused merges
        self._cache: dict[str, Cluster] = {}
        self.set_overrides(overrides)

    # ---- public API ----
    def add(self, candidates: Iterable[Candidate]) -> set[str]:
        """Add (or replace, by key) candidates; returns the ids of clusters created or changed."""
        dirty: set[str] = set()
        docs: set[str] = set()
        for c in candidates:
            docs.add(c.doc_id)
            if c.key in self._cand_group:
                dirty |= self._discard(c.key)
                self._last_group.pop(c.key, None)
            key, how = group_key(c, self.gazetteer, detached=self._detached)
            group = self.groups.get(key)
            if group is None:
                gaz = key.split(":", 1)[1] if key.startswith("gazetteer:") else c.gazetteer
                group = self.groups[key] = Group(key, gaz)
            group.add(c, how)
            self._cand_group[c.key] = key
            self._doc_cands.setdefault(c.doc_id, set()).add(c.key)
            dirty.add(key)
        return self._refresh(dirty, docs)

    def remove(self, doc_id: str) -> set[str]:
        """Forget one document's candidates; returns the ids of clusters changed or gone."""
        dirty: set[str] = set()
        keys = self._doc_cands.get(doc_id, set())
        for key in sorted(keys):
            dirty |= self._discard(key)
        self._doc_cands.pop(doc_id, None)
        return self._refresh(dirty, {doc_id}, removed={self._removed_group(k) for k in keys})

    def set_overrides(self, overrides: Overrides) -> None:
        """Replace the user overrides and re-resolve everything they may touch."""
        self.overrides = overrides
        self._detached = frozenset(s for o in overrides.items for s in o.selectors if ":" in s
                                   and not s.startswith("gazetteer:"))
        moved = [c for g in list(self.groups.values()) for c in g.members.values()
                 if (c.key in self._detached) != self.groups[self._cand_group[c.key]].key.startswith("candidate:")]
        if moved:
            self.add(moved)
        self._refresh(set(self.groups), everything=True)

    def resolution(self) -> Resolution:
        """The current clusters and decisions (clusters sorted by id, decisions by candidate)."""
        clusters = sorted((self.cluster(cluster_id(a)) for a in self._placement), key=lambda c: c.id)
        decisions = sorted((d for a in self._placement for d in self._decisions(a)), key=lambda d: d.candidate)
        blocked = sorted({Decision(key, cluster_id(self._group_anchor[b]), rule, score, evidence)
                          for records in self._blocked.values() for key, b, rule, score, evidence in records
                          if b in self._group_anchor}, key=lambda d: (d.candidate, d.cluster, d.rule, d.evidence))
        return Resolution(tuple(clusters), tuple(decisions), tuple(blocked))

    def cluster(self, cid: str) -> Cluster:
        """One cluster by id (built on demand and cached until it changes)."""
        if cid not in self._cache:
            self._cache[cid] = self._build(self._anchor_by_id[cid])
        return self._cache[cid]

    def cluster_of(self, key: str) -> str | None:
        """The cluster id of candidate ``key``."""
        group = self._cand_group.get(key)
        return cluster_id(self._group_anchor[group]) if group else None

    # ---- internals ----
    def _removed_group(self, key: str) -> str:
        return self._last_group.pop(key, "")

    def _discard(self, key: str) -> set[str]:
        gkey = self._cand_group.pop(key)
        self._last_group[key] = gkey
        group = self.groups[gkey]
        group.discard(key)
        return {gkey}

    def _unindex(self, gkey: str) -> None:
        for block in self._group_blocks.pop(gkey, set()):
            self._blocks[block].discard(gkey)
            if not self._blocks[block]:
                del self._blocks[block]
        norm = self._group_norm.pop(gkey, None)
        if norm is not None:
            self._by_norm[norm].discard(gkey)
            if not self._by_norm[norm]:
                del self._by_norm[norm]

    def _index(self, group: Group) -> None:
        gkey = group.key
        old_blocks = self._group_blocks.get(gkey, set())
        blocks = group.blocks()
        for block in old_blocks - blocks:
            self._blocks[block].discard(gkey)
            if not self._blocks[block]:
                del self._blocks[block]
        for block in blocks - old_blocks:
            self._blocks.setdefault(block, set()).add(gkey)
        self._group_blocks[gkey] = blocks
        norm = (group.family, group.norm)
        if self._group_norm.get(gkey) != norm:
            old = self._group_norm.get(gkey)
            if old is not None:
                self._by_norm[old].discard(gkey)
            self._group_norm[gkey] = norm
            self._by_norm.setdefault(norm, set()).add(gkey)

    def _dissolve(self, anchor: str | None, changed: set[str]) -> None:
        if anchor is None:
            return
        placement = self._placement.pop(anchor, None)
        if placement is None:
            return
        self._anchor_by_id.pop(cluster_id(placement.anchor), None)
        for g in placement.groups:
            if self._group_anchor.get(g) == anchor:
                del self._group_anchor[g]
        self._blocked.pop(anchor, None)
        changed.add(cluster_id(placement.anchor))

    def _refresh(self, dirty: set[str], docs: set[str] = frozenset(), *,  # type: ignore[assignment]
                 removed: set[str] = frozenset(), everything: bool = False) -> set[str]:  # type: ignore[assignment]
        """Recompute the edges of changed groups, then re-cluster the components they touch.

        A group whose name, label and mention texts did not change (only its documents did)
        is compared again only with the groups of the touched documents: that is all a
        document can change for it (the same-document evidence), unless it is a person or a
        single word, whose rules also read co-mentions and document counts.
        """
        seeds = set(dirty)
        local = {self._cand_group[k] for d in docs for k in self._doc_cands.get(d, ())} | removed
        light: dict[str, bool] = {}
        for gkey in sorted(dirty):
            group = self.groups.get(gkey)
            alive = group is not None and bool(group.members)
            sig = (group.name, group.label, frozenset(group.aliases)) if alive else None  # type: ignore[union-attr]
            light[gkey] = (alive and not everything and self._sig.get(gkey) == sig and group.family != "PERSON"  # type: ignore[union-attr]
                           and len(group.tokens) > 1)  # type: ignore[union-attr]
            old = self._edges.get(gkey, {})
            for other in [o for o in old if not light[gkey] or o in local]:
                seeds.add(other)
                old.pop(other, None)
                self._edges.get(other, {}).pop(gkey, None)
            if not alive:
                self.groups.pop(gkey, None)
                self._edges.pop(gkey, None)
                self._sig.pop(gkey, None)
                self._unindex(gkey)
            else:
                self._sig[gkey] = sig  # type: ignore[assignment]
                self._index(group)  # type: ignore[arg-type]
        for gkey in sorted(dirty):
            group = self.groups.get(gkey)
            if group is None:
                continue
            neighbours = set().union(*(self._blocks[b] for b in self._group_blocks[gkey])) - {gkey}
            if light[gkey]:
                neighbours &= local
            for other in sorted(neighbours):
                edge = compare(group, self.groups[other], self.gazetteer)
                if edge is not None:
                    self._edges.setdefault(gkey, {})[other] = edge
                    self._edges.setdefault(other, {})[gkey] = edge
                    seeds.add(other)
        constraints, must_adj = self._constraints()
        touched = {g for pair in constraints.cannot for g in pair} | set(constraints.alone) | set(must_adj)
        if seeds & touched:
            seeds |= touched
        if everything:
            seeds |= set(self.groups) | set(self._group_anchor)
        changed: set[str] = set()
        for gkey in list(seeds):  # dissolve the old cluster of every seed
            self._dissolve(self._group_anchor.get(gkey), changed)
        done: set[str] = set()
        for start in sorted(seeds & set(self.groups)):
            if start in done:
                continue
            component = self._component(start, must_adj)
            done |= component
            for gkey in component:
                self._dissolve(self._group_anchor.get(gkey), changed)
            changed |= self._cluster(component, constraints)
        for cid in changed:
            self._cache.pop(cid, None)
        return changed

    def _component(self, start: str, must_adj: Mapping[str, set[str]]) -> set[str]:
        seen, stack = {start}, [start]
        while stack:
            g = stack.pop()
            nxt = {o for o, e in self._edges.get(g, {}).items() if e.kind != "blocked"} | must_adj.get(g, set())
            for other in nxt - seen:
                if other in self.groups:
                    seen.add(other)
                    stack.append(other)
        return seen

    def _cluster(self, component: set[str], constraints: Constraints) -> set[str]:
        groups = {k: self.groups[k] for k in component}
        edges = {(e.a, e.b): e for k in component for e in self._edges.get(k, {}).values()}
        placements, blocked = cluster_component(groups, edges.values(), constraints, self.gazetteer)
        changed = set()
        for p in placements:
            for g in p.groups:
                self._group_anchor[g] = p.anchor
            self._placement[p.anchor] = p
            self._anchor_by_id[cluster_id(p.anchor)] = p.anchor
            changed.add(cluster_id(p.anchor))
        refused = [e for e in edges.values() if e.kind == "blocked" and e.a in component]
        records = [(e.a, e.b, e.rule, e.score, e.evidence) for e in refused] + blocked
        for a, b, rule, score, evidence in records:
            key = min(self.groups[a].members)
            self._blocked.setdefault(self._group_anchor[a], []).append((key, b, rule, score, evidence))
        return changed

    def _select(self, selector: str) -> set[str]:
        """Group keys a selector names: a candidate key, "gazetteer:KEY", or a name."""
        if selector.startswith("gazetteer:"):
            return {selector} if selector in self.groups else set()
        if selector in self._cand_group:
            return {self._cand_group[selector]}
        found: set[str] = set()
        for label in _LABELS:
            found |= self._by_norm.get((family(label), normalise_name(selector, label)), set())
            gaz = self.gazetteer.lookup(selector, label)
            if gaz and f"gazetteer:{gaz}" in self.groups:
                found.add(f"gazetteer:{gaz}")
        return {g for g in found if g in self.groups}

    def _constraints(self) -> tuple[Constraints, dict[str, set[str]]]:
        must: dict[frozenset[str], str] = {}
        cannot: set[frozenset[str]] = set()
        alone: set[str] = set()
        for o in self.overrides.items:
            sets = [self._select(s) for s in o.selectors]
            label = f"user {o.op} {' / '.join(o.selectors)}"
            if o.op == "split" and len(sets) == 1:
                alone |= sets[0]
                for pair in [p for p in must if p & sets[0]]:
                    del must[pair]
                continue
            for i, xs in enumerate(sets):
                for ys in sets[i + 1:]:
                    for x in xs:
                        for y in ys:
                            if x == y:
                                continue
                            pair = frozenset((x, y))
                            if o.op == "merge":
                                must[pair] = label
                                cannot.discard(pair)
                                alone.difference_update(pair)
                            else:
                                cannot.add(pair)
                                must.pop(pair, None)
        adj: dict[str, set[str]] = {}
        for pair in must:
            x, y = sorted(pair)
            adj.setdefault(x, set()).add(y)
            adj.setdefault(y, set()).add(x)
        triples = tuple((*sorted(p), why) for p, why in must.items())
        return Constraints(tuple(sorted(triples)), frozenset(cannot), frozenset(alone)), adj  # type: ignore[arg-type]

    def _build(self, anchor: str) -> Cluster:
        p = self._placement[anchor]
        groups = [self.groups[g] for g in p.groups]
        labels: dict[str, int] = {}
        for g in groups:
            for lab, count in g.labels.items():
                labels[lab] = labels.get(lab, 0) + count
        own = self.groups[anchor].label
        label = min(labels, key=lambda lab: (-labels[lab], lab != own, lab))
        gaz = self.groups[anchor].gazetteer
        if gaz and gaz in self.gazetteer.actors:
            name = self.gazetteer.actors[gaz].name
        else:
            names: dict[str, int] = {}
            for g in groups:
                for n, k in g.names.items():
                    names[n] = names.get(n, 0) + k
            name = min(names, key=lambda n: (-names[n], -len(n), n))
        aliases = sorted({a for g in groups for a in g.aliases})
        roles = sorted({r for g in groups for r in g.roles})
        members = sorted(k for g in groups for k in g.members)
        docs = sorted({d for g in groups for d in g.docs})
        return Cluster(cluster_id(anchor), name, label, tuple(aliases), tuple(roles), tuple(members), gaz,
                       tuple(docs))

    def _decisions(self, anchor: str) -> list[Decision]:
        p = self._placement[anchor]
        cid = cluster_id(anchor)
        out = []
        for gkey in p.groups:
            group = self.groups[gkey]
            for key, c in group.members.items():
                if gkey in p.via:
                    rule, score, evidence = p.via[gkey]
                elif group.how[key] in ("gazetteer", "gazetteer-alias"):
                    rule, score = group.how[key], 1.0
                    evidence = f"gazetteer actor '{self.gazetteer.name(group.gazetteer or '')}'" + \
                        (f" has alias '{c.name}'" if group.how[key] == "gazetteer-alias" else "")
                elif group.how[key] == "override":
                    rule, score, evidence = "override-split", 1.0, "the user singled this candidate out"
                else:
                    norm = normalise_name(c.name, c.label)
                    rule, score = ("exact" if c.name == group.name else "normalised"), 1.0
                    evidence = f"'{c.name}' → '{norm}' ({group.family})"
                out.append(Decision(key, cid, rule, score, evidence))
        return out
