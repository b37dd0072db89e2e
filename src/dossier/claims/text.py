"""A document seen by the claim rules: sentences, entity mentions, quotes and who speaks where."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from dossier.claims import lexicon as lx
from dossier.records import Document

__all__ = ["Attribution", "DocIndex", "Party", "split_sentences"]

_ACTOR_LABELS = frozenset({"ORG", "GPE", "PERSON"})
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Maj|Lt|Col|Sgt|Capt|Adm|Gov|Sen|Rep|St|Jr|Sr|No|Feb|Jan|"
                     r"Aug|Sept?|Oct|Nov|Dec|vs|etc|Inc|Co))\.$")
_BOUNDARY = re.compile(r"[.!?][”\"’']?(?=\s+[“\"‘'(\[]?[A-Z0-9])|\n+")
_PARTY_WINDOW = 90  # characters after a trigger in which its object may be named
_PREPOSITION = re.compile(r"\b(?:with|of|to|for|from|against|in|at|on|by|into|across)\s+(?:the\s+)?$", re.IGNORECASE)
_ATTRIBUTION_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+|a\s+)?$", re.IGNORECASE)
_LOCATIVE = re.compile(r"\b(?:in|at|near|across|of|from)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:of\s+)?$", re.IGNORECASE)
_AND = re.compile(r"^(?:[’']s)?\s+and\s+(?:the\s+)?$", re.IGNORECASE)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets (start, end) in ``text``: a stop before a capital, or a line break; not after "U.S."."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end() if match.group().strip() else match.start()
        if match.group().startswith(".") and _ABBREV.search(text[max(0, match.start() - 6):match.start() + 1]):
            continue
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True, slots=True)
class Party:
    """An entity as one end of a proposition; ``via`` names the affiliate it was rolled up from."""

    id: str
    name: str
    label: str
    via: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who asserts what a stretch of text says, and how we know."""

    source: str
    source_id: str | None
    kind: str  # person | organisation | report | outlet | unnamed
    basis: str  # quote:direct | quote:reported | according-to | report | outlet
    denial: bool = False  # the speaker denies the content (cue "deny", "reject", …)
    quote_start: int | None = None
    speaker_span: tuple[int, int] | None = None


class DocIndex:
    """Positions of sentences, entity mentions and quotes in one document."""

    def __init__(self, doc: Document, ids: Mapping[str, str] | None = None) -> None:
        self.doc = doc
        self.ids = dict(ids or {})
        self.sentences = split_sentences(doc.text)
        self._starts = [s for s, _ in self.sentences]
        self.mentions: list[tuple[int, int, Party]] = sorted(
            (m.span.start, m.span.end, Party(ref.entity_id or ref.name, ref.name, ref.label))
            for ref in doc.entities if ref.label in _ACTOR_LABELS for m in ref.mentions)
        self.labels: dict[str, str] = {}
        for ref in doc.entities:
            self.labels.setdefault(ref.entity_id or ref.name, ref.label)
            self.ids.setdefault(ref.name, ref.entity_id or ref.name)
        counts = Counter(p.id for _, _, p in self.mentions if p.label == "GPE")
        self.main_place: Party | None = None
        if counts:
            top = counts.most_common(1)[0][0]
            self.main_place = next(p for _, _, p in self.mentions if p.id == top)
        self.quotes: list[Any] = sorted(doc.quotes, key=lambda q: q.span.start)
        self.outlet = doc.outlet or (urlparse(doc.url).netloc if doc.url else "") or f"article {doc.id[:8]}"
        self.places = [pid for pid, _ in counts.most_common()]

    # --- positions ---------------------------------------------------------------------
    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.doc.text)
        return self.sentences[self.sentence_of(offset)]

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """The span without surrounding whitespace."""
        text = self.doc.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    # --- who speaks ----------------------------------------------------------------------
    def _quote_at(self, offset: int, s_start: int, s_end: int) -> Any | None:
        for q in self.quotes:
            if q.span.start <= offset < q.span.end:
                return q
        return None

    def _from_quote(self, q: Any) -> Attribution:
        speaker_text = ""
        if q.speaker_span is not None:
            speaker_text = self.doc.text[q.speaker_span.start:q.speaker_span.end]
        name = q.speaker or speaker_text or "unnamed source"
        label = self.labels.get(q.speaker_id or "", "")
        if lx.REPORT_WORDS.search(f"{name} {speaker_text}"):
            kind = "report"
            if q.speaker_id and not lx.REPORT_WORDS.search(name):
                name = f"{name} report"
        elif label == "PERSON":
            kind = "person"
        elif label in ("ORG", "GPE", "NORP"):
            kind = "organisation"
        else:
            kind = "unnamed"
        cue = (q.cue or "").casefold()
        basis = "according-to" if cue == "according to" else "quote:direct" if q.direct else "quote:reported"
        speaker_span = (q.speaker_span.start, q.speaker_span.end) if q.speaker_span is not None else None
        return Attribution(name, q.speaker_id, kind, basis, denial=cue in lx.DENIAL_CUES,
                           quote_start=q.span.start, speaker_span=speaker_span)

    def attribute(self, offset: int, s_start: int, s_end: int) -> Attribution:
        """The source of the text at ``offset``: its quote's speaker, a report, else the outlet."""
        q = self._quote_at(offset, s_start, s_end)
        if q is None:  # reported speech that runs on past the quote the extractor marked
            q = next((q for q in reversed(self.quotes) if s_start <= q.span.start and q.span.end <= offset
                      and offset - q.span.end <= 120 and not q.direct), None)
        if q is not None:
            return self._from_quote(q)
        report = lx.REPORT_SUBJECT.match(self.doc.text, s_start, s_end)
        if report is not None:
            inside = [p for a, b, p in self.mentions if report.start() <= a and b <= report.end()]
            name = f"{inside[0].name} report" if inside else "a report"
            return Attribution(name, inside[0].id if inside else None, "report", "report")
        return Attribution(self.outlet, None, "outlet", "outlet")

    def denier(self, start: int, end: int, s_start: int, s_end: int) -> Attribution | None:
        """Who denies a report in text[start:end] ("a finding *the Taliban* rejected", a quote's speaker,
        the speaker of a denial in the sentence, else the nearest actor named before)."""
        actors = ("PERSON", "ORG")
        inside = [p for a, b, p in self.mentions if start <= a and b <= end and p.label in actors]
        if inside:
            return Attribution(inside[-1].name, inside[-1].id,
                               "person" if inside[-1].label == "PERSON" else "organisation", "report-denial")
        for q in (self._quote_at(start, s_start, s_end),
                  next((q for q in self.quotes if s_start <= q.span.start < s_end and q.speaker_id
                        and (q.cue or "").casefold() in lx.DENIAL_CUES), None)):
            if q is not None and q.speaker_id:
                found = self._from_quote(q)
                if found.kind != "report":
                    return found
        before = [p for a, b, p in self.mentions if s_start <= a and b <= start and p.label in actors]
        if not before:
            return None
        party = before[-1]
        return Attribution(party.name, party.id, "person" if party.label == "PERSON" else "organisation",
                           "report-denial")

    # --- who the proposition is about -------------------------------------------------------
    def parties(self, start: int, end: int, s_start: int, s_end: int, who: Attribution
                ) -> tuple[Party, Party] | None:
        """The two entities a trigger at text[start:end] relates, or None.

        "A and B remain close" and "connections between A and B" take both from one side;
        otherwise the nearest entity named before the trigger that is not the object of a
        preposition ("a double game *with* the Trump Administration") and the nearest after
        it (inside the quote, or just after it). "The two groups", "the group" and "they"
        stand for organisations named earlier.
        """
        text = self.doc.text
        lo, hi = s_start, s_end
        if who.quote_start is not None and who.quote_start > s_start:
            lo = who.quote_start
        quote = self._quote_at(start, s_start, s_end)
        if quote is not None:
            hi = min(s_end, quote.span.end + 30)
        skip = who.speaker_span
        usable = [(a, b, p) for a, b, p in self.mentions
                  if lo <= a and b <= hi and not (skip and skip[0] <= a < skip[1])
                  and not _ATTRIBUTION_BEFORE.search(text[max(lo, a - 16):a])]
        before = [(a, b, p) for a, b, p in usable if b <= start]
        after = [p for a, b, p in usable if a >= start and a - end <= _PARTY_WINDOW  # "under *Taliban* protection"
                 and not (p.label == "GPE" and _LOCATIVE.search(text[max(lo, a - 24):a]))]
        if text[start:end].casefold().endswith("between") and len(after) >= 2 and after[0].id != after[1].id:
            return after[0], after[1]
        if (len(before) >= 2 and before[-1][2].id != before[-2][2].id and start - before[-1][1] <= 25
                and _AND.match(text[before[-2][1]:before[-1][0]])):
            return before[-2][2], before[-1][2]
        subjects = [p for a, b, p in before if not _PREPOSITION.search(text[max(lo, a - 12):a])]
        first = subjects[-1] if subjects else None
        second = next((p for p in after if first is None or p.id != first.id), None)
        if first is None or second is None:
            ante = self._anaphora(text, lo, start, end, s_end, who)
            if first is None and second is None and len(ante) >= 2:
                first, second = ante[0], ante[1]
            elif first is None and second is not None:
                first = next((p for p in ante if p.id != second.id), None)
            elif first is not None:
                second = next((p for p in ante if p.id != first.id), None)
        if first is None or second is None or first.id == second.id:
            return None
        return first, second

    def _anaphora(self, text: str, lo: int, start: int, end: int, s_end: int, who: Attribution) -> list[Party]:
        """Organisations that "the two groups", "the group" or "they" near the trigger stand for."""
        near = text[max(lo, start - 60):min(s_end, end + 40)]
        earlier = [p for a, b, p in reversed(self.mentions) if b <= start and p.label == "ORG"]
        distinct: list[Party] = []
        for party in earlier:
            if all(party.id != d.id for d in distinct):
                distinct.append(party)
            if len(distinct) == 2:
                break
        if lx.ANAPHORA_TWO.search(near):
            return distinct
        found: list[Party] = []
        if lx.FIRST_PERSON.search(near) and who.source_id and self.labels.get(who.source_id) == "ORG":
            found.append(Party(who.source_id, who.source, "ORG"))
        if lx.ANAPHORA_ONE.search(near):
            found.extend(p for p in distinct if p.id != who.source_id)
        return found
