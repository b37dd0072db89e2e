"""From documents to candidates, and from a resolution back to documents' entity ids."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dossier.extract.records import EntityRef
from dossier.records import Document
from dossier.resolve.records import Candidate

__all__ = ["CONTEXT_LABELS", "apply_ids", "candidate_key", "candidates_from_document"]

#: Entity types whose names count as context (places and nationalities are too common to tell people apart).
CONTEXT_LABELS = frozenset({"PERSON", "ORG", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})


def candidate_key(doc_id: str, ref: EntityRef) -> str:
    """``"doc_id:name"``: stable across re-ingest (a document has one entity per name)."""
    return f"{doc_id}:{ref.name}"


def candidates_from_document(doc: Document) -> list[Candidate]:
    """One :class:`Candidate` per entity of ``doc`` (in entity order)."""
    refs: list[EntityRef] = list(doc.entities)
    out = []
    for ref in refs:
        keys = sorted({m.gazetteer for m in ref.mentions if m.gazetteer})
        context = tuple(sorted({r.name for r in refs if r is not ref and r.label in CONTEXT_LABELS}))
        out.append(Candidate(
            key=candidate_key(doc.id, ref), doc_id=doc.id, name=ref.name, label=ref.label,
            aliases=tuple(dict.fromkeys(m.text for m in ref.mentions)), roles=tuple(ref.roles),
            gazetteer=keys[0] if keys else None, context=context))
    return out


def apply_ids(doc: Document, cluster_of: Callable[[str], str | None]) -> Document:
    """``doc`` with every entity, mention, quote speaker and event actor/target pointing at its cluster.

    ``cluster_of`` maps a candidate key to a cluster id (``Resolver.cluster_of``); entities it
    does not know keep their provisional id.
    """
    remap: dict[str, str] = {}
    refs = []
    for ref in doc.entities:
        new = cluster_of(candidate_key(doc.id, ref)) or ref.entity_id
        if ref.entity_id and new:
            remap[ref.entity_id] = new
        refs.append(replace(ref, entity_id=new, mentions=tuple(replace(m, entity_id=new) for m in ref.mentions)))
    quotes = tuple(replace(q, speaker_id=remap.get(q.speaker_id, q.speaker_id)) if q.speaker_id else q
                   for q in doc.quotes)
    events = tuple(replace(e, actor_id=remap.get(e.actor_id, e.actor_id) if e.actor_id else None,
                           target_id=remap.get(e.target_id, e.target_id) if e.target_id else None)
                   for e in doc.events)
    return replace(doc, entities=tuple(refs), quotes=quotes, events=events)
