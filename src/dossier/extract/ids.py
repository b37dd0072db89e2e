"""Entity ids before cross-document resolution: deterministic, from the name or gazetteer key.

Two documents that name the same gazetteer actor, or the same exact name with the same
type, get the same id; the resolve stage (issue 4) later merges spelling variants. Quote
speakers and event actors/targets are linked to the entity whose mention they were read from.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from dossier.extract.records import EntityRef, Event, Quote
from dossier.records import Document, Span

__all__ = ["entity_key", "link_ids"]

_NON_WORD = re.compile(r"[\W_]+")


def entity_key(ref: EntityRef) -> str:
    """What identifies an entity across documents before resolution."""
    keys = sorted({m.gazetteer for m in ref.mentions if m.gazetteer})
    if keys:
        return f"gazetteer:{keys[0]}"
    folded = unicodedata.normalize("NFKD", ref.name).encode("ascii", "ignore").decode().casefold()
    return f"{ref.label}:{_NON_WORD.sub(' ', folded).strip()}"


def _entity_id(ref: EntityRef) -> str:
    return "ent_" + hashlib.sha1(entity_key(ref).encode()).hexdigest()[:12]


class _Covering:
    """Finds the entity a speaker, actor or target was read from: the first entity (in document
    order) with a mention overlapping its span, else the first of that name. Indexed, because a
    long document has thousands of mentions and as many quotes and events."""

    def __init__(self, refs: Sequence[EntityRef]) -> None:
        self.refs = refs
        self.mentions = sorted((m.span.start, m.span.end, index) for index, ref in enumerate(refs)
                               for m in ref.mentions)
        self.starts = [start for start, _, _ in self.mentions]
        self.longest = max((end - start for start, end, _ in self.mentions), default=0)
        self.named: dict[str, int] = {}
        for index, ref in enumerate(refs):
            self.named.setdefault(ref.name, index)

    def __call__(self, span: Span | None, name: str | None) -> EntityRef | None:
        if span is not None:
            lo = bisect.bisect_left(self.starts, span.start - self.longest)
            hi = bisect.bisect_left(self.starts, span.end)
            found = [index for _, end, index in self.mentions[lo:hi] if end > span.start]
            if found:
                return self.refs[min(found)]
        if name and name in self.named:
            return self.refs[self.named[name]]
        return None


def link_ids(doc: Document) -> Document:
    """Give every entity (and its mentions) an id, and link speakers, actors and targets to it."""
    refs = []
    for ref in doc.entities:
        entity_id = _entity_id(ref)
        mentions = tuple(replace(m, entity_id=entity_id) for m in ref.mentions)
        refs.append(replace(ref, entity_id=entity_id, mentions=mentions))
    covering = _Covering(refs)
    quotes: list[Quote] = []
    for q in doc.quotes:
        ref = covering(q.antecedent_span or q.speaker_span, q.speaker) if q.speaker else None
        quotes.append(replace(q, speaker_id=ref.entity_id if ref else None))
    events: list[Event] = []
    for e in doc.events:
        actor = covering(e.actor_span, e.actor) if e.actor else None
        target = covering(e.target_span, e.target) if e.target else None
        events.append(replace(e, actor_id=actor.entity_id if actor else None,
                              target_id=target.entity_id if target else None))
    return replace(doc, entities=tuple(refs), quotes=tuple(quotes), events=tuple(events))
