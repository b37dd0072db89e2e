"""Dates undated documents from other documents in the store that report the same events.

An undated report of an attack that dated outlets place on 2021-08-26 was published on or
after that day; if it says the attack was "on Thursday" (and 2021-08-26 was a Thursday),
within the six days after it; if it says "yesterday", on 2021-08-27. The result is stored
as an inferred date of precision ``range`` (or ``day`` when the range is one day), with a
basis that names the rule, the event and the documents that date it
(``other-documents: …``).

Which reports are the same event is :mod:`dossier.query.timeline_merge`'s pairwise test
(compatible type, participants, places and dates, with anchor evidence), applied one
undated event against one dated event, plus these guards:

* the dated event has its own day (not its document's date) that had already happened
  when its document was published (a meeting "set for Sunday" dates nothing), and its
  document's date is its own (metadata, stamp, URL, dateline or text), never one inferred
  from other documents: inference never feeds on inference, so the result does not depend
  on ingest order;
* the undated report asserts the event (neither negated, hypothetical nor planned), and its
  own time words for it ("on Thursday", "yesterday", "last month") must be able to mean
  that day for some publication day in the following 400 days: those days are the range.
  Words that cannot ("on Sunday" for a Thursday) reject the match. An event it gives no
  time words for bounds the date only from its lead (the first two paragraphs): a background
  mention ("the deal signed in Doha") gives a true but useless lower bound (it still counts
  as evidence that the two documents tell one story);
* one dated document must carry at least :data:`MIN_SUPPORT` of matching evidence (summed
  over the undated document's events, the best match of each): one shared place and verb
  is not a story.

At ingest, after entities are resolved (:mod:`dossier.pipeline`), the documents to date
are the new undated ones and the undated (or other-document dated) ones that share a
resolved entity with a new document; each is compared with at most :data:`PEERS` dated
documents that share its rarest entities. Removing a document re-dates those it dated.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from dossier.clean.pubdate import PubDate, interval_of, pubdate_of
from dossier.records import Document

__all__ = ["BASIS_PREFIX", "MIN_SUPPORT", "PEERS", "infer_from_others", "sync_dates"]

log = logging.getLogger(__name__)

BASIS_PREFIX = "other-documents:"
MIN_SUPPORT = 2.5  # evidence one dated document must give (timeline_merge's weak threshold)
PEERS = 40  # dated documents compared with one undated one
_MIN_PAIR = 1.5  # one event pair's evidence (timeline_merge's threshold for own-dated events)
_HORIZON = 400  # days after the event searched for publication days its time words allow
_LEAD_PARAGRAPHS = 2  # an event the text gives no time words for counts only in its lead
_FACTUAL = frozenset({"asserted", "reported"})
_CONTEXT = 160  # characters either side of a time phrase read for its tense


@dataclass(frozen=True, slots=True)
class _Match:
    """One event of the undated document matched to one dated event."""

    score: float
    day: date  # the dated event's day
    peer: str  # the dated document's id
    action: str  # what the undated document says happened
    words: str | None  # its own time words for it
    days: tuple[date, date] | None  # publication days its time words allow (None: any after ``day``)
    bound: bool  # it may bound the date: its time words narrow it, or it is in the lead


def _own_day(report: Any) -> date | None:
    """The dated event's day, if it has its own day-precise date that its document reports as past."""
    time = report.event.time
    if report.basis != "event" or time is None or time.precision != "day" or report.interval is None:
        return None
    day: date = report.interval[0]
    published = interval_of(report.doc.published or "")
    return day if published is not None and day <= published[1] else None


def _allowed_days(doc: Document, event: Any, day: date) -> tuple[date, date] | None | Literal[False]:
    """Publication days (first, last) for which the undated document's time words for ``event``
    mean ``day``; None when it has no such words (or they allow every day), False when none fit."""
    time = event.time
    if time is None or time.precision == "duration":
        return None
    if time.value:  # an absolute date of its own ("on August 26, 2021") must hold the day
        own = _covered(time.value)
        return None if own is None or own[0] <= day <= own[1] else False
    from dossier.extract.timex import resolve_date

    start, end = time.span.start, time.span.end
    context = doc.text[max(0, start - _CONTEXT):end + _CONTEXT]
    fits: list[date] = []
    for offset in range(_HORIZON + 1):
        value, _ = resolve_date(time.text, anchor=day + timedelta(days=offset), context=context)
        covered = _covered(value)
        if covered is not None and covered[0] <= day <= covered[1]:
            fits.append(day + timedelta(days=offset))
        elif fits:
            break  # the days a phrase allows are one stretch: "Thursday" stops fitting after a week
    if not fits:
        return False
    return None if len(fits) == _HORIZON + 1 else (fits[0], fits[-1])


def _covered(value: str | None) -> tuple[date, date] | None:
    """The days a resolved value covers: an ISO day, month or year, or a "start/end" range."""
    if not value:
        return None
    if "/" not in value:
        return interval_of(value)
    first, _, last = value.partition("/")
    lo, hi = interval_of(first), interval_of(last)
    return (lo[0], hi[1]) if lo and hi else None


def _lead_end(text: str) -> int:
    """Where the lead (the first paragraphs: what the article is about) ends."""
    end = 0
    for _ in range(_LEAD_PARAGRAPHS):
        cut = text.find("\n\n", end)
        if cut < 0:
            return len(text)
        end = cut + 2
    return end


def _matches(doc: Document, peers: Sequence[Document]) -> list[_Match]:
    from dossier.query.timeline_merge import compatible, evidence, make_report

    dated = []
    for peer in peers:
        for event in peer.events:
            if event.modality in _FACTUAL:
                report = make_report(peer, event)
                if (day := _own_day(report)) is not None:
                    dated.append((report, day))
    found: list[_Match] = []
    lead = _lead_end(doc.text)
    for event in doc.events:
        if event.modality not in _FACTUAL:
            continue
        mine = make_report(doc, event)
        best: dict[str, _Match] = {}
        allowed_on: dict[date, tuple[date, date] | None | Literal[False]] = {}  # many reports share a day
        for report, day in dated:
            if report.event.type != event.type or not compatible([mine], [report]):
                continue
            score, anchored = evidence([mine], [report])
            if not anchored or score < _MIN_PAIR:
                continue
            if day not in allowed_on:
                allowed_on[day] = _allowed_days(doc, event, day)
            allowed = allowed_on[day]
            if allowed is False:
                continue  # its own words rule the day out
            days = allowed if isinstance(allowed, tuple) else None
            match = _Match(score, day, report.doc.id, doc.text[event.span.start:event.span.end],
                           event.time.text if event.time else None, days,
                           bound=days is not None or event.span.start < lead)
            kept = best.get(match.peer)
            if kept is None or (match.score, match.day) > (kept.score, kept.day):
                best[match.peer] = match
        found.extend(best.values())
    return found


def infer_from_others(doc: Document, peers: Iterable[Document]) -> PubDate | None:
    """The publication range of an undated ``doc`` from dated ``peers`` reporting its events.

    Args:
        doc: an undated document with extracted events (entity ids resolved).
        peers: documents dated by their own evidence, with their events.
    Returns:
        An inferred :class:`PubDate` (precision ``range``, or ``day`` when only one day
        fits) whose basis names the documents, or None when no dated document supports it.
    """
    peers = sorted((p for p in peers if p.id != doc.id and p.published), key=lambda p: p.id)
    matches = _matches(doc, peers)
    support: dict[str, float] = {}
    for m in matches:
        support[m.peer] = support.get(m.peer, 0.0) + m.score
    # every match says the peer tells the same story; a background one ("the deal signed in
    # Doha", "the 9/11 attacks") gives a true lower bound too weak to show
    kept = [m for m in matches if support[m.peer] >= MIN_SUPPORT and m.bound]
    if not kept:
        return None
    lo = max(m.day for m in kept)
    hi: date | None = None
    narrowing: _Match | None = None
    for m in sorted(kept, key=lambda m: (-m.score, m.day, m.peer)):
        if m.days is None:
            continue
        first, last = max(lo, m.days[0]), min(hi or date.max, m.days[1])
        if first <= last:
            lo, hi, narrowing = first, last, narrowing or m
    settling = [m for m in kept if m.day == max(k.day for k in kept)]
    ids = sorted({m.peer for m in settling})
    action = max(settling, key=lambda m: m.score).action
    what = f"{' '.join(action.split())[:80]!r}"
    several = len(ids) != 1
    basis = (f"{BASIS_PREFIX} on or after {settling[0].day.isoformat()}, the day {len(ids)} dated "
             f"document{'s' if several else ''} ({', '.join(ids)}) {'give' if several else 'gives'} "
             f"for the event reported here as {what}")
    if narrowing is not None and hi is not None:
        basis += f"; {narrowing.words!r} here allows {lo.isoformat()} to {hi.isoformat()}"
    return pubdate_of(lo, hi, basis, inferred=True)


def _changed(doc: Document, dated: PubDate | None) -> bool:
    until = doc.meta.get("published_until")
    if dated is None:
        return doc.published is not None
    return (doc.published, doc.published_precision, doc.published_basis, until) != (
        dated.value, dated.precision, dated.basis, dated.until)


def sync_dates(store: Any, *, touched: Sequence[str], removed: Sequence[str] = ()) -> list[str]:
    """Re-date the documents that ``touched`` (just stored and resolved) may settle, and those
    ``removed`` documents dated; returns the ids whose publication date changed. The caller
    holds the store's resolution lock."""
    targets = store.dating_targets(list(touched), removed=list(removed))
    if not targets:
        return []
    changed = []
    cache: dict[str, Document] = {}

    def load(doc_id: str) -> Document:
        if doc_id not in cache:
            cache[doc_id] = store.get_document(doc_id)
        return cache[doc_id]

    for doc_id in targets:
        doc = load(doc_id)
        peers = [load(peer) for peer in store.dating_peers(doc_id, limit=PEERS)]
        dated = infer_from_others(doc, peers) if doc.events else None
        if _changed(doc, dated):
            store.set_published(doc_id, dated.value if dated else None, precision=dated.precision if dated else None,
                                basis=dated.basis if dated else None, inferred=dated is not None,
                                until=dated.until if dated else None)
            changed.append(doc_id)
    if changed:
        log.debug("dated %d documents from other documents", len(changed))
    return changed
