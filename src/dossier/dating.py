"""Dates undated documents from other documents in the store that tell the same story.

An undated report of an attack that dated outlets place on 2021-08-26 was published on or
after that day; if it says the attack was "on Thursday" (and 2021-08-26 was a Thursday),
within the six days after it; if it says "yesterday", on 2021-08-27. The result is stored
as an inferred date of precision ``range`` (or ``day`` when only one day fits), with a basis
that names the rule, what was matched and the documents that date it (``other-documents: …``).

What the undated document shares with a dated one comes from :mod:`dossier.dating_match`:
its events matched one to one against events the dated document gives a day of their own
(timeline_merge's compatibility and evidence tests), and its relative time phrases ("on
Saturday") aligned with the same phrase in a dated sentence that says the same thing. Guards:

* the dated documents are dated by their own evidence (metadata, stamp, URL, dateline,
  text), never by other documents: inference never feeds on inference, so the dates do not
  depend on ingest order;
* the undated document's own time words for what was matched must be able to mean the
  dated day ("on Sunday" cannot mean a Thursday); the publication days for which they do
  are the range. Without time words, an event it asserts in its lead, which the dated
  document reports as past, gives "on or after that day"; a background mention ("the deal
  signed in Doha") bounds nothing, though it still counts as evidence of one story;
* one dated document must carry at least :data:`MIN_SUPPORT` of evidence (the best match of
  each event and phrase, summed): one shared place and verb is not a story. Constraints are
  intersected strongest first; one that contradicts the stronger ones is left out.

At ingest, after entities are resolved (:mod:`dossier.pipeline`), the documents to date
are the new undated ones and the undated (or other-document dated) ones that share a
resolved entity with a new document; each is compared with at most :data:`PEERS` dated
documents that share its rarest entities. Removing a document re-dates those it dated. A
document whose date changes has its time expressions (and its events' dates) resolved again
against the new date (:func:`reanchored`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from dossier.clean.pubdate import PubDate, pubdate_of
from dossier.dating_match import Match, event_matches, sentence_matches
from dossier.records import Document

__all__ = ["BASIS_PREFIX", "MIN_SUPPORT", "PEERS", "infer_from_others", "reanchored", "sync_dates"]

log = logging.getLogger(__name__)

BASIS_PREFIX = "other-documents:"
MIN_SUPPORT = 2.5  # evidence one dated document must give (timeline_merge's weak threshold)
PEERS = 40  # dated documents compared with one undated one


def infer_from_others(doc: Document, peers: Iterable[Document]) -> PubDate | None:
    """The publication range of an undated ``doc`` from dated ``peers`` that tell its story.

    Args:
        doc: an undated document with its extracted events, times and quotes (entity ids resolved).
        peers: documents dated by their own evidence, with theirs.
    Returns:
        An inferred :class:`PubDate` (precision ``range``, or ``day`` when only one day
        fits) whose basis names the documents, or None when no dated document supports it.
    """
    peers = sorted((p for p in peers if p.id != doc.id and p.published), key=lambda p: p.id)
    matches = event_matches(doc, peers) + sentence_matches(doc, peers)
    support: dict[str, float] = {}
    for m in matches:
        support[m.peer] = support.get(m.peer, 0.0) + m.score
    # every match says the peer tells the same story; only some bound the date
    kept = sorted((m for m in matches if support[m.peer] >= MIN_SUPPORT and m.bound),
                  key=lambda m: (-m.score, -m.day.toordinal(), m.peer, m.said))
    lo, hi = date.min, date.max
    used: list[Match] = []
    for m in kept:  # strongest first; one that contradicts the stronger ones is left out
        first, last = m.days if m.days else (m.day, date.max)
        if max(lo, first) <= min(hi, last):
            lo, hi = max(lo, first), min(hi, last)
            used.append(m)
    if not used:
        return None
    ids = sorted({m.peer for m in used})
    several = len(ids) != 1
    top = used[0]
    what = " ".join(top.said.split())
    what = what if len(what) <= 90 else what[:89] + "…"
    when = f"{lo.isoformat()} to {hi.isoformat()}" if hi != date.max else f"on or after {lo.isoformat()}"
    basis = (f"{BASIS_PREFIX} {when}: {len(ids)} dated document{'s' if several else ''} ({', '.join(ids)}) "
             f"{'date' if several else 'dates'} what this one reports as {what!r} to {top.day.isoformat()}"
             + (f", which its {top.words!r} allows" if top.words and top.days else ""))
    return pubdate_of(lo, None if hi == date.max else hi, basis, inferred=True)


def reanchored(doc: Document) -> Document:
    """``doc`` with its time expressions, and the times of its events, resolved again against its
    (new) publication date: "on Thursday" in a report now dated 2021-08-26 to 09-01 is 2021-08-26.

    The phrases and their spans stay those extraction found; only their values change (the rules
    run again over the text, a phrase they do not find alone is resolved by itself)."""
    if not doc.times:
        return doc
    from dossier.extract.stage import anchor_date
    from dossier.extract.timex import find_times, resolve_date

    anchor = anchor_date(doc.published, precision=doc.published_precision, until=doc.meta.get("published_until"))
    fresh = {(t.span.start, t.span.end): t for t in find_times(doc.text, doc_id=doc.id, anchor=anchor)}

    def again(time: Any) -> Any:
        found = fresh.get((time.span.start, time.span.end))
        if found is not None:
            return replace(time, value=found.value, precision=found.precision, anchor=found.anchor)
        context = doc.text[max(0, time.span.start - 160):time.span.end + 160]
        value, precision = resolve_date(time.text, anchor=anchor, context=context)
        return replace(time, value=value, precision=precision, anchor=anchor.value if anchor is not None else None)

    times = tuple(again(t) for t in doc.times)
    by_span = {(t.span.start, t.span.end): t for t in times}
    events = tuple(replace(e, time=by_span.get((e.time.span.start, e.time.span.end), e.time)) if e.time else e
                   for e in doc.events)
    return replace(doc, times=times, events=events)


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
        dated = infer_from_others(doc, peers) if doc.events or doc.times else None
        if _changed(doc, dated):
            meta = {k: v for k, v in doc.meta.items() if k != "published_until"}
            if dated is not None and dated.until:
                meta["published_until"] = dated.until
            stored = replace(store.get_document(doc_id, resolve_ids=False), published=dated.value if dated else None,
                             published_precision=dated.precision if dated else None, meta=meta)
            store.set_published(doc_id, stored.published, precision=stored.published_precision,
                                basis=dated.basis if dated else None, inferred=dated is not None,
                                until=dated.until if dated else None, facts=reanchored(stored))
            changed.append(doc_id)
    if changed:
        log.debug("dated %d documents from other documents", len(changed))
    return changed
