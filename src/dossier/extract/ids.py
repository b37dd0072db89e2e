"""Entity ids before cross-document resolution: deterministic, from the name or gazetteer key.

Two documents that name the same gazetteer actor, or the same exact name with the same
type, get the same id; the resolve stage (issue 4) later merges spelling variants. Quote
speakers and event actors/targets are linked to the entity whose mention they were read from.
"""

from __future__ import annotations

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


def _covering(refs: Sequence[EntityRef], span: Span | None, name: str | None) -> EntityRef | None:
    if span is not None:
        for ref in refs:
            for m in ref.mentions:
                if m.span.start < span.end and span.start < m.span.end:
                    return ref
    if name:
        for ref in refs:
            if ref.name == name:
                return ref
    return None


def link_ids(doc: Document) -> Document:
    """Give every entity (and its mentions) an id, and link speakers, actors and targets to it."""
    refs = []
    for ref in doc.entities:
        entity_id = _entity_id(ref)
        mentions = tuple(replace(m, entity_id=entity_id) for m in ref.mentions)
        refs.append(replace(ref, entity_id=entity_id, mentions=mentions))
    quotes: list[Quote] = []
    for q in doc.quotes:
        ref = _covering(refs, q.speaker_span, q.speaker) if q.speaker else None
        quotes.append(replace(q, speaker_id=ref.entity_id if ref else None))
    events: list[Event] = []
    for e in doc.events:
        actor = _covering(refs, e.actor_span, e.actor) if e.actor else None
        target = _covering(refs, e.target_span, e.target) if e.target else None
        events.append(replace(e, actor_id=actor.entity_id if actor else None,
                              target_id=target.entity_id if target else None))
    return replace(doc, entities=tuple(refs), quotes=tuple(quotes), events=tuple(events))
