"""Event coreference across documents: which extracted events report the same happening.

GDELT counts articles, not events: one bombing reported by ten outlets becomes ten
bombings. Here the events of every document are clustered first, and the timeline shows
one row per cluster with all its sources. Pure logic over :class:`Document` records; the
store is read in :mod:`dossier.query.timeline`.

Two clusters may merge only when they are **compatible** (every test must pass):

=============  ===========================================================================
type           the same PLOVER type, and the same modality class (negated and hypothetical
               events only merge with their own kind)
participants   directed types: at most one actor key and one target key between them;
               AGREE / CONSULT / COOPERATE are symmetric: at most two parties in all.
               A key is the resolved entity id, or ``country:<name>`` when the entity is a
               country or its demonym ("US", "American" → United States; the table in
               :mod:`dossier.graph.relation_rules`)
dates          every pair of date intervals overlaps. An event's own date is the interval
               its value covers at its precision ("2020-02" is the whole month); an event
               without one falls back to ``[published − 31 days, published]`` of its
               document (precision "publication"); an event with neither is undated and
               compatible with any date
places         same gazetteer key or name, one a country or region holding the other, or
               both within 50 km
=============  ===========================================================================

and when their **evidence** reaches a threshold (1.5 when both have their own dates, else
2.5: publication-dated and undated events merge only on a strong match) with at least one
anchor (a shared day and a shared verb alone never merge two events). Evidence, anchors first:

* 1 per shared participant key;
* 1 for the same place, or one side's place named in the other's cited text;
* 1 for a shared figure that agrees, or nearly (within 10 % or ±1: "12" and "13 killed");
* 1 for an unresolved participant ("service members") named in the other's cited text;
* 3 for overlapping spans in one document (two readings of one mention);
* not anchors: 1 for the same day (both own dates at day precision), 0.5 for the same
  action stem ("signed" / "was signed").

Clustering is agglomerative, best-scoring pair first, inside (type, modality class) blocks;
pair scores are cached, and only pairs whose dates overlap are scored (found by a sweep over
date intervals), so a block of n events spread over time costs far fewer than n² comparisons.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from dossier.extract.timex_calendar import days_of
from dossier.graph.relation_rules import country_of
from dossier.records import Document
from dossier.resolve.events import family

__all__ = ["PUBLICATION_WINDOW_DAYS", "Report", "cluster_events", "cluster_reports", "compatible", "date_interval",
           "evidence", "make_report"]

#: How long before its publication an undated event is assumed to have happened.
PUBLICATION_WINDOW_DAYS = 31
SKIPPED_MODALITIES = frozenset({"negated", "hypothetical"})
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
_OWN_THRESHOLD = 1.5
_WEAK_THRESHOLD = 2.5
_NEAR_KM = 50.0
_STOP = frozenset({"the", "a", "an", "of", "and", "its", "their", "his", "her", "some", "other", "this", "that"})
_WORD = re.compile(r"[\w'’-]+")

Interval = tuple[date, date]


@dataclass(frozen=True, slots=True)
class Report:
    """One event as one document reports it, with what clustering compares precomputed.

    ``basis`` says where ``interval`` came from: "event" (its own date), "publication"
    (the document's date, widened backwards) or "none" (undated).
    """

    doc: Document
    event: Any  # dossier.extract.records.Event
    interval: Interval | None
    basis: str
    actor_key: str | None
    target_key: str | None
    stem: str
    text: str  # the cited span, doc.text[start:end]
    words: frozenset[str]  # words of the cited text and participant names, casefolded
    incidents: frozenset[str] = frozenset()  # claim clusters of casualty figures read in its sentence

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(k for k in (self.actor_key, self.target_key) if k)


def date_interval(value: str | None) -> Interval | None:
    """The days an ISO value covers: "2020-02-29", "2020-02", "2020" or "start/end"; None if unparsable.

    >>> date_interval("2020-02")
    (datetime.date(2020, 2, 1), datetime.date(2020, 2, 29))
    """
    return days_of(value)


def _key(name: str | None, entity_id: str | None) -> str | None:
    """The participant key: a country for countries and demonyms, else the entity id."""
    if name:
        country = country_of(name)
        if country:
            return f"country:{country}"
    return entity_id


def _stem(action: str) -> str:
    """A crude stem of the action's head word: "was signed" → "sign", "killing" → "kill";
    a word of a generic event family is its family ("gunfire", "shooting" → "shoot";
    :func:`dossier.resolve.events.family`)."""
    words = _WORD.findall(action.casefold())
    word = words[-1] if words else ""
    if (meaning := family(word)) is not None:
        return meaning
    for suffix in ("ings", "ing", "ed", "es", "s", "ment", "ion"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e")


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.casefold()) if w not in _STOP)


def make_report(doc: Document, event: Any, *, text: str | None = None) -> Report:
    """Wrap one extracted event with its date interval, participant keys and cited text (``text``, or
    ``doc.text`` at the event's span: a document read back without its text gives it)."""
    time = event.time
    own = date_interval(time.value) if time is not None and time.precision != "duration" else None
    if own is not None:
        interval, basis = own, "event"
    elif (published := date_interval(doc.published)) is not None:
        interval = (published[0] - timedelta(days=PUBLICATION_WINDOW_DAYS), published[1])
        basis = "publication"
    else:
        interval, basis = None, "none"
    text = doc.text[event.span.start:event.span.end] if text is None else text
    names = " ".join(n for n in (event.actor, event.target) if n)
    return Report(doc=doc, event=event, interval=interval, basis=basis,
                  actor_key=_key(event.actor, event.actor_id), target_key=_key(event.target, event.target_id),
                  stem=_stem(event.action), text=text, words=_words(f"{text} {names}"))


# --- compatibility -------------------------------------------------------------------------

def _modality_class(modality: str) -> str:
    return modality if modality in SKIPPED_MODALITIES else "factual"


def _participants_fit(a: Sequence[Report], b: Sequence[Report], event_type: str) -> bool:
    if event_type in SYMMETRIC_TYPES:
        return len({k for r in (*a, *b) for k in r.keys}) <= 2
    actors = {r.actor_key for r in (*a, *b) if r.actor_key}
    targets = {r.target_key for r in (*a, *b) if r.target_key}
    return len(actors) <= 1 and len(targets) <= 1


def _km(p: Any, q: Any) -> float:
    """Great-circle distance in km (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (p.lat, p.lon, q.lat, q.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _same_place(p: Any, q: Any) -> bool:
    return bool((p.key and p.key == q.key) or p.name.casefold() == q.name.casefold())


def _places_fit(p: Any, q: Any) -> bool:
    if _same_place(p, q):
        return True
    if p.country and p.country == q.country and {"country", "region"} & {p.precision, q.precision}:
        return True  # "Afghanistan" or "eastern Afghanistan" holds "Kabul"
    if None not in (p.lat, p.lon, q.lat, q.lon):
        return _km(p, q) <= _NEAR_KM
    return False


def _compatible(a: Sequence[Report], b: Sequence[Report]) -> bool:
    if not _participants_fit(a, b, a[0].event.type):
        return False
    for x in a:
        for y in b:
            if x.interval and y.interval and (x.interval[1] < y.interval[0] or y.interval[1] < x.interval[0]):
                return False
            if x.event.place and y.event.place and not _places_fit(x.event.place, y.event.place):
                return False
    return True


def compatible(a: Sequence[Report], b: Sequence[Report]) -> bool:
    """Whether two clusters (of one PLOVER type) may be one event: participants, dates, places."""
    return _compatible(a, b)


# --- evidence -------------------------------------------------------------------------------

def _near(u: float, v: float) -> bool:
    return abs(u - v) <= max(1.0, 0.1 * max(abs(u), abs(v)))


def _shared_keys(a: Sequence[Report], b: Sequence[Report], event_type: str) -> int:
    if event_type in SYMMETRIC_TYPES:
        return len({k for r in a for k in r.keys} & {k for r in b for k in r.keys})
    actors = {r.actor_key for r in a if r.actor_key} & {r.actor_key for r in b if r.actor_key}
    targets = {r.target_key for r in a if r.target_key} & {r.target_key for r in b if r.target_key}
    return len(actors) + len(targets)


def _place_named(a: Sequence[Report], b: Sequence[Report]) -> bool:
    places_a = [r.event.place for r in a if r.event.place]
    places_b = [r.event.place for r in b if r.event.place]
    if any(_same_place(p, q) for p in places_a for q in places_b):
        return True
    texts_a, texts_b = " ".join(r.text for r in a).casefold(), " ".join(r.text for r in b).casefold()
    return any(len(p.name) >= 4 and p.name.casefold() in texts_b for p in places_a) or \
        any(len(q.name) >= 4 and q.name.casefold() in texts_a for q in places_b)


def _nominal(a: Sequence[Report], b: Sequence[Report]) -> bool:
    """An unresolved participant of one side ("service members") is named in the other's text."""
    for one, other in ((a, b), (b, a)):
        words = frozenset().union(*(r.words for r in other))
        for r in one:
            # the target only: an unnamed actor ("police", "gunmen") is too common to tie two reports
            for name, key in ((r.event.target, r.target_key),):
                content = _words(name) if name and not key else frozenset()
                if content and content <= words:
                    return True
    return False


def _figures_agree(a: Sequence[Report], b: Sequence[Report]) -> bool:
    return any(_near(float(u), float(v)) for x in a for y in b
               for key, u in x.event.quantities.items() if (v := y.event.quantities.get(key)) is not None)


def _overlap(a: Sequence[Report], b: Sequence[Report]) -> bool:
    return any(x.doc.id == y.doc.id and x.event.span.start < y.event.span.end and y.event.span.start < x.event.span.end
               for x in a for y in b)


def _same_day(a: Sequence[Report], b: Sequence[Report]) -> bool:
    days = {r.interval[0] for r in a if r.basis == "event" and r.event.time.precision == "day" and r.interval}
    return any(r.basis == "event" and r.event.time.precision == "day" and r.interval and r.interval[0] in days
               for r in b)


def evidence(a: Sequence[Report], b: Sequence[Report]) -> tuple[float, bool]:
    """How strongly two clusters look like one event: (score, whether any anchor evidence holds)."""
    shared = _shared_keys(a, b, a[0].event.type)
    anchors = [float(shared), 1.0 if _place_named(a, b) else 0.0, 1.0 if _figures_agree(a, b) else 0.0,
               1.0 if _nominal(a, b) else 0.0, 3.0 if _overlap(a, b) else 0.0,
               3.0 if _same_incident(a, b) else 0.0]
    score = sum(anchors)
    score += 1.0 if _same_day(a, b) else 0.0
    score += 0.5 if {r.stem for r in a} & {r.stem for r in b} - {""} else 0.0
    score += 1.5 if _same_death(a, b) else 0.0
    return score, any(anchors)


def _same_incident(a: Sequence[Report], b: Sequence[Report]) -> bool:
    """Both sides' sentences give figures the claims layer counts as one incident's (its tolls)."""
    return bool(frozenset().union(*(r.incidents for r in a)) & frozenset().union(*(r.incidents for r in b)))


def _same_death(a: Sequence[Report], b: Sequence[Report]) -> bool:
    """Both sides kill the same named victim: a person dies once, so overlapping dates are one killing
    ("Zawahiri was killed" on 2022-07-31 in one report and, undated, in another published 2022-08-02)."""
    def victims(side: Sequence[Report]) -> set[str]:
        return {r.target_key for r in side if r.stem == "kill" and r.target_key
                and not r.target_key.startswith("country:")}
    return bool(victims(a) & victims(b))


def _threshold(a: Sequence[Report], b: Sequence[Report]) -> float:
    own = any(r.basis == "event" for r in a) and any(r.basis == "event" for r in b)
    return _OWN_THRESHOLD if own else _WEAK_THRESHOLD


def _merge_score(a: Sequence[Report], b: Sequence[Report]) -> float | None:
    """The evidence score when ``a`` and ``b`` may merge, else None."""
    if not _compatible(a, b):
        return None
    score, anchored = evidence(a, b)
    return score if anchored and score >= _threshold(a, b) else None


def _dated_neighbours(block: list[list[Report]]) -> Iterator[tuple[int, int]]:
    """Every pair (i < j) of the block except those whose dates cannot overlap (never compatible).

    A cluster's dates lie within (earliest start, latest end) of its reports' intervals; two
    clusters with disjoint hulls have no overlapping pair of reports. A sweep over the hulls by
    start date finds the rest without trying every pair (dates spread over years leave few).
    A cluster with no dated report pairs with every other.
    """
    hulls: list[tuple[date, date, int]] = []
    undated: list[int] = []
    for i, cluster in enumerate(block):
        intervals = [r.interval for r in cluster if r.interval]
        if intervals:
            hulls.append((min(lo for lo, _ in intervals), max(hi for _, hi in intervals), i))
        else:
            undated.append(i)
    hulls.sort()
    active: list[tuple[date, int]] = []  # (end, index) of the hulls begun so far that may still overlap
    for start, end, i in hulls:
        active = [(e, j) for e, j in active if e >= start]
        for _, j in active:
            yield min(i, j), max(i, j)
        active.append((end, i))
    undated_set = set(undated)
    for i in undated:
        for j in range(len(block)):
            if j != i and (j not in undated_set or j > i):
                yield min(i, j), max(i, j)


def _agglomerate(block: list[list[Report]]) -> list[list[Report]]:
    """Merge the best-scoring compatible pair until no pair qualifies (scores cached per pair).

    The best pair comes off a heap (highest score, then lowest ids, as a scan of every pair would
    pick); pairs that lost a member to an earlier merge are skipped when popped.
    """
    clusters: dict[int, list[Report]] = dict(enumerate(block))
    heap: list[tuple[float, int, int]] = []
    neighbours: dict[int, set[int]] = {i: set() for i in clusters}  # clusters whose dates may overlap
    for i, j in _dated_neighbours(block):
        neighbours[i].add(j)
        neighbours[j].add(i)
        if (s := _merge_score(clusters[i], clusters[j])) is not None:
            heap.append((-s, i, j))
    heapq.heapify(heap)
    next_id = len(block)
    while heap:
        _, i, j = heapq.heappop(heap)
        if i not in clusters or j not in clusters:
            continue
        merged = clusters.pop(i) + clusters.pop(j)
        # a cluster whose dates overlap neither part's cannot overlap the merged cluster's
        near = (neighbours.pop(i) | neighbours.pop(j)) - {i, j}
        for k in near:
            neighbours[k] -= {i, j}
            neighbours[k].add(next_id)
            if (s := _merge_score(clusters[k], merged)) is not None:
                heapq.heappush(heap, (-s, k, next_id))
        neighbours[next_id] = near
        clusters[next_id] = merged
        next_id += 1
    return list(clusters.values())


def cluster_events(docs: Iterable[Document], *, include_all: bool = False,
                   incidents: Callable[[str, int], frozenset[str]] | None = None) -> list[list[Report]]:
    """Group the events of ``docs`` into clusters, one per real-world event.

    Args:
        docs: documents with extracted events (and resolved entity ids when read from a store).
        include_all: keep negated and hypothetical events (they only merge with their own kind).
        incidents: (document id, offset) → the casualty-claim clusters whose sentence holds that
            offset (:mod:`dossier.claims`): events in the same incident merge.

    Returns:
        Clusters of :class:`Report`, each in document order; clusters in no particular order.
    """
    def reports() -> Iterator[Report]:
        for doc in docs:
            for event in doc.events:
                report = make_report(doc, event)
                if incidents is not None:
                    report = replace(report, incidents=incidents(doc.id, event.span.start))
                yield report

    return cluster_reports(reports(), include_all=include_all)


def cluster_reports(reports: Iterable[Report], *, include_all: bool = False) -> list[list[Report]]:
    """:func:`cluster_events` over reports already made (e.g. from events kept in the store)."""
    blocks: dict[tuple[str, str], list[list[Report]]] = {}
    for report in reports:
        event = report.event
        if not include_all and event.modality in SKIPPED_MODALITIES:
            continue
        blocks.setdefault((event.type, _modality_class(event.modality)), []).append([report])
    clusters: list[list[Report]] = []
    for key in sorted(blocks):
        clusters.extend(_agglomerate(blocks[key]))
    return clusters
