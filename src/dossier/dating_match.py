"""What an undated document shares with dated ones: matched events and aligned dated sentences.

Two matchers, each giving :class:`Match` records (used by :mod:`dossier.dating`):

* **events** — an event of the undated document against an event a dated document gives its
  own day (:mod:`dossier.query.timeline_merge`'s compatibility and evidence tests, pairwise);
* **sentences** — a relative time phrase of the undated document ("on Saturday") against the
  same phrase in a dated document's sentence that says the same thing (at least
  :data:`SHARED_WORDS` content words in common and a Jaccard overlap of :data:`OVERLAP`):
  "President Trump said on Saturday that he had canceled a secret meeting" beside "President
  Donald Trump on Saturday said he canceled secret meetings" (resolved there to 2019-09-07).
  Phrases inside direct quotes are skipped on both sides: "tonight" in a quoted tweet is the
  tweet's night, not the article's.

Either way the undated document's own time words for the matched thing must be able to mean
the dated day: the publication days for which they do are the range the match allows
("on Saturday" for 2019-09-07 allows 2019-09-07 to 2019-09-13; "yesterday" one day). An event
it gives no time words for allows "on or after that day", and only when the dated document
reports it as past and the undated one asserts it in its lead (first two paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from dossier.clean.pubdate import interval_of
from dossier.records import Document

__all__ = ["OVERLAP", "SHARED_WORDS", "Match", "event_matches", "sentence_matches"]

OVERLAP = 0.3  # Jaccard overlap of two sentences' content words (time words left out)
SHARED_WORDS = 5  # and at least this many content words in common
SENTENCE_SCORE = 2.5  # an aligned sentence is as strong as a well-matched event
_MIN_PAIR = 1.5  # one event pair's evidence (timeline_merge's threshold for own-dated events)
_BEFORE, _AFTER = 31, 400  # publication days searched around the dated day
_LEAD_PARAGRAPHS = 2
_CONTEXT = 160  # characters either side of a time phrase read for its tense
_SKIPPED = frozenset({"negated", "hypothetical"})
_PAST_ONLY = frozenset({"asserted", "reported"})
_WORD = re.compile(r"[^\W\d_][\w'’-]+")
_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+|\n")
_STOP = frozenset(
    "the a an of and to in on at for with from by that this these those was were is are be been being has have had "
    "he she it they we you his her its their our your him them as not but or nor who whom which what when where "
    "will would could should can may might said says say told also than then there here into onto over after "
    "before about more most some any all one two its it's mr mrs ms".split())
_KEY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
                  r"last night|this morning|this week|last week|the weekend)\b", re.IGNORECASE)

Allowed = tuple[date, date] | None | Literal[False]


@dataclass(frozen=True, slots=True)
class Match:
    """Something the undated document reports, matched to a day a dated document gives it."""

    score: float
    day: date  # the day the dated document gives
    peer: str  # the dated document's id
    said: str  # what the undated document says (the event's or sentence's text)
    words: str | None  # its own time words for it
    days: tuple[date, date] | None  # publication days its time words allow (None: on or after ``day``)
    bound: bool  # it bounds the date (a background mention only says the two tell one story)


def covered(value: str | None) -> tuple[date, date] | None:
    """The days a resolved value covers: an ISO day, month or year, or a "start/end" range."""
    if not value:
        return None
    if "/" not in value:
        return interval_of(value)
    first, _, last = value.partition("/")
    lo, hi = interval_of(first), interval_of(last)
    return (lo[0], hi[1]) if lo and hi else None


def allowed_days(doc: Document, time: Any, day: date) -> Allowed:
    """Publication days (first, last) for which ``time`` (a phrase of ``doc``) means ``day``;
    None when it has no such words or they fit any day, False when none fits."""
    if time is None or time.precision == "duration":
        return None
    if time.value:  # an absolute date of its own ("on August 26, 2021") must hold the day
        own = covered(time.value)
        return None if own is None or own[0] <= day <= own[1] else False
    from dossier.extract.timex import resolve_date

    start, end = time.span.start, time.span.end
    context = doc.text[max(0, start - _CONTEXT):end + _CONTEXT]
    fits: list[date] = []
    for offset in range(-_BEFORE, _AFTER + 1):
        anchor = day + timedelta(days=offset)
        found = covered(resolve_date(time.text, anchor=anchor, context=context)[0])
        if found is not None and found[0] <= day <= found[1]:
            fits.append(anchor)
        elif fits:
            break  # the days a phrase allows are one stretch: "Thursday" stops fitting after a week
    if not fits:
        return False
    return None if len(fits) == _BEFORE + _AFTER + 1 else (fits[0], fits[-1])


def _lead_end(text: str) -> int:
    """Where the lead (the first paragraphs: what the article is about) ends."""
    end = 0
    for _ in range(_LEAD_PARAGRAPHS):
        cut = text.find("\n\n", end)
        if cut < 0:
            return len(text)
        end = cut + 2
    return end


def _best(found: list[Match]) -> list[Match]:
    """The strongest match per dated document."""
    best: dict[str, Match] = {}
    for match in found:
        kept = best.get(match.peer)
        if kept is None or (match.score, match.day) > (kept.score, kept.day):
            best[match.peer] = match
    return list(best.values())


def event_matches(doc: Document, peers: Sequence[Document]) -> list[Match]:
    """Each event of ``doc`` against the events ``peers`` give a day of their own."""
    from dossier.query.timeline_merge import compatible, evidence, make_report

    dated = []
    for peer in peers:
        for event in peer.events:
            if event.modality in _SKIPPED:
                continue
            report = make_report(peer, event)
            time = report.event.time
            if report.basis == "event" and time is not None and time.precision == "day" and report.interval:
                published = interval_of(peer.published or "")
                past = published is not None and report.interval[0] <= published[1]
                dated.append((report, report.interval[0], past and event.modality in _PAST_ONLY))
    found: list[Match] = []
    lead = _lead_end(doc.text)
    for event in doc.events:
        if event.modality in _SKIPPED:
            continue
        mine = make_report(doc, event)
        allowed_on: dict[date, Allowed] = {}  # many reports share a day
        matched: list[Match] = []
        for report, day, past in dated:
            if report.event.type != event.type or not compatible([mine], [report]):
                continue
            score, anchored = evidence([mine], [report])
            if not anchored or score < _MIN_PAIR:
                continue
            if day not in allowed_on:
                allowed_on[day] = allowed_days(doc, event.time, day)
            allowed = allowed_on[day]
            if allowed is False:
                continue  # its own words rule the day out
            days = allowed if isinstance(allowed, tuple) else None
            # without time words of its own, an event bounds the date only as something past
            # that the undated document asserts in its lead
            bound = days is not None or (past and event.modality in _PAST_ONLY and event.span.start < lead)
            matched.append(Match(score, day, report.doc.id, doc.text[event.span.start:event.span.end],
                                 event.time.text if event.time else None, days, bound))
        found.extend(_best(matched))
    return found


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(0, start - 400)
    for stop in _BOUNDARY.finditer(text, lo, start):
        lo = stop.end()
    right = _BOUNDARY.search(text, end, min(len(text), end + 400))
    return text[lo:right.start() if right else min(len(text), end + 400)]


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in (m.group().casefold() for m in _WORD.finditer(text)) if w not in _STOP)


def _key(text: str) -> str | None:
    found = _KEY.search(text)
    return found.group().casefold() if found else None


def _quoted(doc: Document) -> list[tuple[int, int]]:
    return [(q.span.start, q.span.end) for q in doc.quotes if q.direct]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _dated_phrases(peer: Document) -> list[tuple[str, date, frozenset[str]]]:
    """(key, day, the sentence's content words) of each day-precise relative phrase in ``peer``."""
    anchored = peer.published_precision == "day" and not peer.published_inferred
    quotes = _quoted(peer)
    out = []
    for time in peer.times:
        key = _key(time.text)
        days = interval_of(time.value) if time.value and len(time.value) == 10 else None
        if key is None or days is None or not anchored:
            continue
        if _inside(time.span.start, time.span.end, quotes):
            continue
        sentence = _sentence(peer.text, time.span.start, time.span.end)
        out.append((key, days[0], _content(sentence) - _content(time.text)))
    return out


def sentence_matches(doc: Document, peers: Sequence[Document]) -> list[Match]:
    """Each relative time phrase of ``doc`` against the same phrase in a dated document's
    sentence that says the same thing."""
    phrases = {peer.id: _dated_phrases(peer) for peer in peers}
    quotes = _quoted(doc)
    found: list[Match] = []
    for time in doc.times:
        key = _key(time.text)
        if key is None or time.value or time.precision == "duration":
            continue
        if _inside(time.span.start, time.span.end, quotes):
            continue
        sentence = _sentence(doc.text, time.span.start, time.span.end)
        words = _content(sentence) - _content(time.text)
        candidates: list[tuple[float, date, str]] = []
        for peer_id, dated in phrases.items():
            for peer_key, day, peer_words in dated:
                shared = len(words & peer_words)
                overlap = shared / len(words | peer_words) if words or peer_words else 0.0
                if peer_key == key and shared >= SHARED_WORDS and overlap >= OVERLAP:
                    candidates.append((overlap, day, peer_id))
        matched = []
        for overlap, day, peer_id in candidates:
            allowed = allowed_days(doc, time, day)
            if isinstance(allowed, tuple):
                matched.append(Match(SENTENCE_SCORE + overlap, day, peer_id, sentence.strip(), time.text,
                                     allowed, True))
        found.extend(_best(matched))
    return found
