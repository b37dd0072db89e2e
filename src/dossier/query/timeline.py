"""One merged timeline: every document's events, one row per real-world event, each cited.

The same event reported by several outlets is one row with several ``sources`` (clustering
rules in :mod:`dossier.query.timeline_merge`). Each row carries the contract's event fields
(CONTRACT.md, ``timeline --json``) plus:

* ``date_precision``: the precision of ``date`` (day, week, month, quarter, year, decade,
  range), or "publication" when the event has no date of its own and the earliest
  reporting document's publication date stands in for it ("publication, inferred" when that
  date was inferred, see :mod:`dossier.clean.pubdate`);
* ``date_basis``: how ``date`` was found: "clause" or "outer-clause" (the event's sentence, see
  ``Event.date_basis``), "publication" (the stand-in above), None when undated;
* ``confidence``: the highest ``Event.confidence`` among the sources (1.0 a named actor or target,
  0.7 casualties or place and time, 0.4 the cue word alone); :func:`timeline` hides rows below
  ``min_confidence`` (default :data:`MIN_CONFIDENCE`: cue-only events are noise in a timeline
  view), :func:`build_timeline` (exports) keeps them all unless asked;
* ``sources``: ``[{doc, outlet, published, start, end, text, action, modality}]``, oldest
  report first, ``text`` being ``doc.text[start:end]``;
* ``first_seen`` / ``last_seen``: the earliest and latest publication date among the sources;
* ``figures``: for each quantity the sources disagree on ("killed": 12 vs 13), every report
  of it, attributed, most recent first. The contract's ``quantities`` keeps one value per
  quantity: the most recent report's (by publication date; within one document the outlet's
  own assertion before a figure it attributes to someone, then the later sentence).

>>> from dossier import open_store
>>> rows = timeline(open_store("news.db"), entity="Taliban", start="2020")
"""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from dossier.errors import QueryError
from dossier.extract.records import contract_date
from dossier.query.timeline_merge import SKIPPED_MODALITIES, Report, cluster_events, date_interval
from dossier.records import Document
from dossier.store.base import Store

__all__ = ["MIN_CONFIDENCE", "build_timeline", "incident_index", "parse_bound", "refresh_timeline", "stored_rows",
           "timeline"]

_MODALITY_RANK = ("asserted", "reported", "planned", "demanded", "hypothetical", "negated")
#: the timeline view's default floor on ``confidence``: hides events that are a cue word alone (0.4)
MIN_CONFIDENCE = 0.5


def parse_bound(value: str, *, option: str, end: bool = False) -> date:
    """The first (or with ``end``, last) day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; QueryError otherwise.

    >>> parse_bound("2021-02", option="--to", end=True)
    datetime.date(2021, 2, 28)
    """
    interval = date_interval(value.strip()) if "/" not in value else None
    if interval is None:
        raise QueryError(f"Date {value!r} for {option} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, "
                         f"e.g. {option} 2021-08.")
    return interval[1] if end else interval[0]


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _source_order(r: Report) -> tuple[bool, str, str, int]:
    return (r.doc.published is None, r.doc.published or "", r.doc.id, r.event.span.start)


def _recency(r: Report) -> tuple[str, int, int]:
    """Sort key, larger = more recent: publication date, own assertion over attribution, position."""
    return (r.doc.published or "", 1 if r.event.modality == "asserted" else 0, r.event.span.start)


def _resolved_date(reports: Sequence[Report]) -> tuple[str | None, str | None, str | None, str | None,
                                                      tuple[date, date] | None]:
    """(date, precision, date_text, basis, interval): the narrowest own date, else the earliest publication."""
    own = [r for r in reports if r.basis == "event" and r.interval]
    if own:
        best = min(own, key=lambda r: (r.interval[1] - r.interval[0], _source_order(r)))  # type: ignore[index]
        return (best.event.time.value, best.event.time.precision, best.event.time.text,
                best.event.date_basis or "clause", best.interval)
    standing_in = sorted(((r.doc.published, r.doc.published_inferred) for r in reports
                          if r.basis == "publication" and r.doc.published), key=lambda p: (p[0], p[1]))
    if standing_in:
        earliest, inferred = standing_in[0]
        interval = date_interval(earliest)
        precision = "publication, inferred" if inferred else "publication"
        return earliest, precision, None, "publication", (interval[1], interval[1]) if interval else None
    return None, None, None, None, None


def _first(reports: Sequence[Report], attr: str) -> tuple[str | None, str | None]:
    """(name, id) of the actor or target: the first report with a resolved id, else the first with a name."""
    for need_id in (True, False):
        for r in reports:
            name, entity_id = getattr(r.event, attr), getattr(r.event, f"{attr}_id")
            if name and (entity_id or not need_id):
                return name, entity_id
    return None, None


def _cite(r: Report) -> dict[str, Any]:
    return {"doc": r.doc.id, "outlet": r.doc.outlet, "published": r.doc.published,
            "published_precision": r.doc.published_precision, "published_inferred": r.doc.published_inferred,
            "start": r.event.span.start,
            "end": r.event.span.end, "text": r.text, "action": r.event.action, "modality": r.event.modality}


def _quantities(reports: Sequence[Report]) -> tuple[dict[str, float | int], dict[str, list[dict[str, Any]]]]:
    by_key: dict[str, list[Report]] = {}
    for r in sorted(reports, key=_recency, reverse=True):
        for key in r.event.quantities:
            by_key.setdefault(key, []).append(r)
    quantities = {key: _number(rs[0].event.quantities[key]) for key, rs in sorted(by_key.items())}
    figures = {key: [{"value": _number(r.event.quantities[key]), **_cite(r)} for r in rs]
               for key, rs in sorted(by_key.items()) if len({r.event.quantities[key] for r in rs}) > 1}
    return quantities, figures


def _row(reports: Sequence[Report]) -> tuple[dict[str, Any], tuple[date, date] | None]:
    """One timeline item for a cluster, and the interval its date covers (for sorting and filters)."""
    reports = sorted(reports, key=_source_order)
    first = reports[0]
    value, precision, date_text, basis, interval = _resolved_date(reports)
    actor, actor_id = _first(reports, "actor")
    target, target_id = _first(reports, "target")
    place = next((r.event.place.name for r in reports if r.event.place), None)
    quantities, figures = _quantities(reports)
    published = sorted(r.doc.published for r in reports if r.doc.published)
    modalities = Counter(r.event.modality for r in reports)
    modality = next((m for m in _MODALITY_RANK if m in modalities), first.event.modality)
    digest = hashlib.sha1(f"{first.doc.id}:{first.event.span.start}:{first.event.span.end}".encode()).hexdigest()
    row = {
        "id": f"evt_{digest[:12]}", "date": contract_date(value), "date_value": value,
        "date_precision": precision, "date_text": date_text, "date_basis": basis,
        "confidence": max(r.event.confidence for r in reports),
        "doc": first.doc.id, "type": first.event.type, "action": first.event.action,
        "actor": actor, "actor_id": actor_id, "target": target, "target_id": target_id, "place": place,
        "quantities": quantities, "start": first.event.span.start, "end": first.event.span.end,
        "modality": modality, "first_seen": published[0] if published else None,
        "last_seen": published[-1] if published else None, "documents": len({r.doc.id for r in reports}),
        "sources": [_cite(r) for r in reports], "figures": figures,
    }
    return row, interval


def _involves(reports: Sequence[Report], entity_id: str) -> bool:
    return any(entity_id in (r.event.actor_id, r.event.target_id) for r in reports)


def build_timeline(docs: Iterable[Document], *, entity_id: str | None = None, start: date | None = None,
                   end: date | None = None, include_all: bool = False,
                   incidents: Callable[[str, int], frozenset[str]] | None = None,
                   min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """The merged timeline of ``docs`` (pure: no store), ordered by resolved date, undated last.

    Args:
        entity_id: keep events where this resolved entity is actor or target in some source.
        start, end: keep events whose date overlaps ``[start, end]`` (undated ones are dropped).
        include_all: also negated and hypothetical events (see each row's ``modality``).
        incidents: (document, offset) → casualty-claim clusters there (:func:`incident_index`).
        min_confidence: keep rows whose ``confidence`` reaches this (default: every row, as
            exports need; the timeline view uses :data:`MIN_CONFIDENCE`).
    """
    clusters = [c for c in cluster_events(docs, include_all=include_all, incidents=incidents)
                if entity_id is None or _involves(c, entity_id)]
    return [row for _, row, interval in _in_order(clusters)
            if row["confidence"] >= min_confidence
            and (not (start or end) or (interval is not None and not (start and interval[1] < start)
                                        and not (end and interval[0] > end)))]


def _in_order(clusters: Iterable[Sequence[Report]]) -> list[tuple[Sequence[Report], dict[str, Any],
                                                                  tuple[date, date] | None]]:
    """(cluster, row, date interval) of each cluster, in timeline order: by date, undated last."""
    made = [(cluster, *_row(cluster)) for cluster in clusters]

    def key(item: tuple[Sequence[Report], dict[str, Any], tuple[date, date] | None]) -> tuple[Any, ...]:
        _, row, interval = item
        lo, hi = interval or (date.max, date.max)
        return interval is None, lo, hi, row["doc"], row["start"]

    return sorted(made, key=key)


def timeline(store: Store, *, entity: str | None = None, start: str | None = None, end: str | None = None,
             include_all: bool = False, limit: int | None = None, offset: int = 0,
             min_confidence: float = MIN_CONFIDENCE) -> list[dict[str, Any]]:
    """Events from every stored document merged into one timeline, ordered by resolved date.

    Read from the timeline kept in the store (:func:`refresh_timeline` makes it from each
    document's stored events when derived facts change): no document is read per request.

    Args:
        store: any backend; documents come back with cross-document entity ids.
        entity: a name, alias or id (see :func:`dossier.query.entities.find_entity`); QueryError if unknown.
        start, end: "YYYY", "YYYY-MM" or "YYYY-MM-DD" bounds, inclusive; QueryError if malformed.
        include_all: also negated and hypothetical events.
        limit, offset: one page of the rows (default: all of them).
        min_confidence: hide rows below this ``confidence`` (default :data:`MIN_CONFIDENCE` hides
            events that are a cue word alone; 0 shows every event, as exports do).

    Returns:
        One dict per event (contract fields plus ``date_precision``, ``sources``, ``first_seen``,
        ``last_seen``, ``figures``; see the module docstring).
    """
    lo = parse_bound(start, option="--from") if start else None
    hi = parse_bound(end, option="--to", end=True) if end else None
    if lo and hi and lo > hi:
        raise QueryError(f"--from {start} is after --to {end}; swap them.")
    entity_id = None
    if entity is not None:
        from dossier.query.entities import find_entity

        entity_id = find_entity(store, entity).id
    refresh_timeline(store)
    filtered = entity_id is not None or min_confidence > 0
    rows = store.derived_timeline(start=lo.isoformat() if lo else None, end=hi.isoformat() if hi else None,
                                  include_all=include_all, limit=None if filtered else limit,
                                  offset=0 if filtered else offset)
    if not filtered:
        return [row for _, row in rows]
    found = (row for ids, row in rows if (entity_id is None or entity_id in ids)
             and row.get("confidence", 1.0) >= min_confidence)  # a row stored before confidence was kept: shown
    return list(itertools.islice(found, offset, None if limit is None else offset + limit))


@functools.cache
def _code() -> str:
    """A hash of the code a stored timeline is made by: a change to it makes the timeline again."""
    from importlib import resources

    digest = hashlib.sha256()
    for package, name in (("dossier.query", "timeline.py"), ("dossier.query", "timeline_merge.py"),
                          ("dossier.resolve", "events.py")):
        digest.update(resources.files(package).joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def refresh_timeline(store: Store, *, force: bool = False) -> bool:
    """Make the stored timeline again if derived facts changed since it was made; True if it did.

    Runs at the end of an ingest, ``rm`` and ``entity merge/split`` (and, as a safety net, before a
    read of a store an older Dossier wrote). Its input is each document's events as derived
    (:mod:`dossier.derived`) and the documents' dates and outlets: no document is read.
    """
    from dossier.derived import ensure_derived

    ensure_derived(store)
    stamp = _stamp(store)
    if not force and store.derived_meta("timeline") == stamp:
        return False
    with store.resolution_lock():
        stamp = _stamp(store)
        if not force and store.derived_meta("timeline") == stamp:
            return False  # another process made it while this one waited
        rows = stored_rows(store)
        store.write_timeline(rows, meta={"timeline": stamp})
    return True


def _stamp(store: Store) -> list[Any]:
    """What a stored timeline was made from: the derived facts' generation, the documents, the code."""
    return [store.derived_meta("generation"), store.counts()["documents"], _code()]


def stored_rows(store: Store) -> list[tuple[str | None, str | None, bool, list[str], dict[str, Any]]]:
    """The whole timeline (negated and hypothetical events too) from the events kept per document:
    (first day, last day, factual, entity ids, row), in timeline order."""
    from dossier.derived.codec import from_data
    from dossier.extract.records import Event
    from dossier.query.timeline_merge import cluster_reports, make_report

    meta = {d.id: Document(id=d.id, source=d.source, text="", outlet=d.outlet, published=d.published,
                           published_precision=d.published_precision, published_inferred=d.published_inferred)
            for d in store.list_documents()}
    incidents = incident_index(store)
    reports = []
    for doc_id, events in store.derived_events():
        doc = meta.get(doc_id)
        if doc is None:
            continue
        for data, text in events:
            event = from_data(Event, data)
            report = make_report(doc, event, text=text)
            reports.append(replace(report, incidents=incidents(doc_id, event.span.start)))
    return [(interval[0].isoformat() if interval else None, interval[1].isoformat() if interval else None,
             not all(r.event.modality in SKIPPED_MODALITIES for r in cluster),
             sorted({i for r in cluster for i in (r.event.actor_id, r.event.target_id) if i}), row)
            for cluster, row, interval in _in_order(cluster_reports(reports, include_all=True))]


def incident_index(store: Store) -> Callable[[str, int], frozenset[str]]:
    """(document id, offset) → the claim clusters of casualty figures whose sentence holds the offset.

    The claims layer decides which reports tell one incident (kind, shared places, dates: see
    :func:`dossier.claims.statuses.incidents`); the timeline merges the events of those sentences,
    so a strike whose toll three outlets report (30, then 50, then 52 dead) is one event.
    """
    from dossier.claims.slots import COUNT_SLOTS
    from dossier.derived import stored_clusters

    spans: dict[str, list[tuple[int, int, str]]] = {}
    for cluster in stored_clusters(store, include_unsettled=True):
        if cluster.predicate in COUNT_SLOTS:
            for claim in cluster.claims:
                spans.setdefault(claim.doc_id, []).append((claim.span.start, claim.span.end, cluster.id))

    def lookup(doc_id: str, offset: int) -> frozenset[str]:
        return frozenset(c for lo, hi, c in spans.get(doc_id, ()) if lo <= offset < hi)

    return lookup
