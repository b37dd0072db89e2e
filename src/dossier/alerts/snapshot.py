"""What alerts compare: a compact, JSON-serialisable picture of the store's cross-document views.

A :class:`Snapshot` holds, per claim cluster, its status, current figure and cited claims; per
timeline event, its sources; per document, its source (outlet or domain) and resolved entities;
and the resolved entities' names. It is read from the derived views the store keeps at ingest
(:func:`dossier.derived.stored_clusters`, ``store.derived_timeline``, ``store.list_documents``,
``store.list_entities``): no document is read again. Take one before a pass and one after it,
then :func:`dossier.alerts.evaluate` the two::

    before = take_snapshot(store)
    report = ingest(paths, store=store)
    after = take_snapshot(store, detail=report.added)
    alerts = evaluate(before, after, rules, new_docs=report.added, now=now)
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dossier.claims import Claim, ClaimCluster
from dossier.derived.codec import from_data, to_data
from dossier.store.base import Store

__all__ = ["ClaimState", "Cite", "DocState", "EventState", "Snapshot", "claim_state", "event_state",
           "take_snapshot"]

_FIGURE_SLOTS = ("troops", "magnitude")  # with the count slots (killed, wounded…): clusters that hold figures


@dataclass(frozen=True, slots=True)
class Cite:
    """Characters of a document that say something: ``text`` is ``doc.text[start:end]``."""

    doc: str
    start: int
    end: int
    text: str = ""
    side: str = ""  # for a claim: "for", "against" or "" (neither side, e.g. a plan)
    value: float | None = None  # for a figure: the value and upper bound it gives
    value_max: float | None = None
    date: str | None = None  # for a figure: the day (or month) it held
    source: str = ""  # for a claim: who holds it (a speaker, else the outlet)


@dataclass(frozen=True, slots=True)
class ClaimState:
    """A claim cluster as alerts see it."""

    id: str
    status: str | None
    predicate: str
    proposition: str
    subject: str
    object: str | None
    entities: tuple[str, ...]  # resolved ids: subject, object, speakers
    names: tuple[str, ...]  # subject, object and places, casefolded: what a rule's name may match
    claims: tuple[Cite, ...]  # every claim's sentence, with its side
    figures: tuple[Cite, ...] = ()  # for figures: each step of the series (one when it never moved), oldest first

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(sorted({c.doc for c in self.claims}))

    @property
    def figure(self) -> Cite | None:
        """The current figure: the series' last step."""
        return self.figures[-1] if self.figures else None


@dataclass(frozen=True, slots=True)
class EventState:
    """A timeline event (one real-world event, several reports) as alerts see it."""

    id: str  # the timeline row's id (evt_…)
    type: str
    action: str
    date: str | None
    place: str | None
    actor: str | None
    target: str | None
    entities: tuple[str, ...]
    names: tuple[str, ...]  # actor, target, place, casefolded
    sources: tuple[Cite, ...]

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(sorted({c.doc for c in self.sources}))


@dataclass(frozen=True, slots=True)
class DocState:
    """A stored document's source and (when detailed) resolved entities."""

    source: str | None  # "outlet:<name, casefolded>", else "domain:<registered domain>", else None
    name: str | None  # the outlet as printed, else the domain
    domain: str | None = None
    entities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything :func:`dossier.alerts.evaluate` compares between two moments of one store."""

    taken: str
    claims: dict[str, ClaimState] = field(default_factory=dict)
    events: dict[str, EventState] = field(default_factory=dict)
    docs: dict[str, DocState] = field(default_factory=dict)
    entities: dict[str, tuple[str, ...]] = field(default_factory=dict)  # id → (name, *aliases)

    def sources(self) -> dict[str, str]:
        """Every known source key → its name."""
        return {d.source: d.name or d.source for d in self.docs.values() if d.source}

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = to_data(self)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Snapshot:
        return from_data(cls, dict(data))


def take_snapshot(store: Store, *, detail: Collection[str] | None = None, now: datetime | None = None) -> Snapshot:
    """The store's claim clusters, timeline events, document sources and entity names, as a Snapshot.

    Args:
        detail: documents whose resolved entities are recorded (what rules on new sources match);
            None records every document's.
        now: when it is taken (default: now, UTC).
    """
    from dossier.derived import stored_clusters
    from dossier.query.timeline import refresh_timeline

    claims = {c.id: claim_state(c) for c in stored_clusters(store, include_unsettled=True)}
    refresh_timeline(store)  # a no-op after an ingest (which makes it); an older store's is made here
    events: dict[str, EventState] = {}
    for ids, row in store.derived_timeline():
        state = event_state(row, ids)
        key = f"{state.id}/{state.type}"
        while key in events:  # two events read from one sentence share a row id: keep both
            key += "+"
        events[key] = state
    wanted = None if detail is None else set(detail)
    members = store.entity_clusters_by_doc()
    docs = {}
    for summary in store.list_documents():
        entities = () if wanted is not None and summary.id not in wanted else \
            tuple(sorted(set(members.get(summary.id, {}).values())))
        docs[summary.id] = _doc_state(summary.outlet, summary.source, entities)
    entities_by_id = {e.id: (e.name, *(a for a in e.aliases if a != e.name)) for e in store.list_entities()}
    taken = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    return Snapshot(taken=taken, claims=claims, events=events, docs=docs, entities=entities_by_id)


def _doc_state(outlet: str | None, source: str, entities: tuple[str, ...]) -> DocState:
    domain = None
    if re.match(r"https?://", source, re.I):
        from dossier.clean.outlets import host_of, registered_domain

        host = host_of(source)
        domain = registered_domain(host) if host else None
    if outlet and outlet.strip():
        return DocState(f"outlet:{outlet.strip().casefold()}", outlet.strip(), domain, entities)
    if domain:
        return DocState(f"domain:{domain}", domain, domain, entities)
    return DocState(None, None, None, entities)


def _claim_key(claim: Claim) -> tuple[Any, ...]:
    """What tells one claim from another of its cluster (the sides hold equal copies, not the same objects)."""
    return claim.doc_id, claim.span.start, claim.span.end, claim.value, claim.value_max, claim.polarity, \
        claim.modality, claim.source


def _side(claim: Claim, sides: Mapping[tuple[Any, ...], str]) -> Cite:
    return Cite(claim.doc_id, claim.span.start, claim.span.end, claim.text, sides.get(_claim_key(claim), ""),
                source=claim.source_key)


def _figure_cite(claim: Claim, date: str | None) -> Cite:
    """Where the claim's figure is written (inside its sentence), with that text."""
    start, end = claim.figure or (claim.span.start, claim.span.end)
    text = claim.text
    if claim.span.start <= start <= end <= claim.span.end and claim.text:
        text = claim.text[start - claim.span.start:end - claim.span.start]
    return Cite(claim.doc_id, start, end, text, "for", claim.value, claim.value_max, date)


def _figures(cluster: ClaimCluster) -> tuple[Cite, ...]:
    """Each step of a figure series with the report that gave it first; one figure when it never moved."""
    from dossier.claims.slots import COUNT_SLOTS

    if cluster.predicate not in COUNT_SLOTS and cluster.predicate not in _FIGURE_SLOTS:
        return ()
    given = [c for c in cluster.supporting if c.value is not None]
    if not given:
        return ()
    if not cluster.series:
        first = given[0]
        return (_figure_cite(first, first.published or first.date),)
    steps = []
    for day, value, value_max in cluster.series:
        match = [c for c in given if (c.value, c.value_max) == (value, value_max)
                 and (c.published or c.date or "").startswith(day)] or [c for c in given if c.value == value]
        if match:
            steps.append(_figure_cite(match[0], day))
    return tuple(steps)


def claim_state(cluster: ClaimCluster) -> ClaimState:
    """A claim cluster reduced to what alerts compare."""
    sides = {_claim_key(c): "for" for c in cluster.supporting} | {_claim_key(c): "against" for c in cluster.disputing}
    entities = {cluster.subject_id, cluster.object_id or ""}
    entities.update(c.source_id or "" for c in cluster.claims)
    names = {cluster.subject.casefold(), (cluster.object or "").casefold()}
    for claim in cluster.claims:
        names.update(claim.places)
        if claim.place:
            names.add(claim.place.casefold())
    return ClaimState(
        id=cluster.id, status=cluster.status, predicate=cluster.predicate, proposition=cluster.proposition,
        subject=cluster.subject, object=cluster.object,
        entities=tuple(sorted(e for e in entities if e.startswith("ent_"))),
        names=tuple(sorted(n for n in names if n)),
        claims=tuple(_side(c, sides) for c in cluster.claims), figures=_figures(cluster))


def event_state(row: Mapping[str, Any], ids: Collection[str] = ()) -> EventState:
    """A stored timeline row (``store.derived_timeline``) reduced to what alerts compare."""
    entities = {*ids, row.get("actor_id") or "", row.get("target_id") or ""}
    names = {str(row.get(k) or "").casefold() for k in ("actor", "target", "place")}
    sources = tuple(Cite(str(s["doc"]), int(s["start"]), int(s["end"]), str(s.get("text") or ""))
                    for s in row.get("sources") or ())
    return EventState(id=str(row["id"]), type=str(row.get("type") or ""), action=str(row.get("action") or ""),
                      date=row.get("date"), place=row.get("place"), actor=row.get("actor"), target=row.get("target"),
                      entities=tuple(sorted(e for e in entities if e)), names=tuple(sorted(n for n in names if n)),
                      sources=sources)
