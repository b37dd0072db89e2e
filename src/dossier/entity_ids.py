"""Entity ids on documents: the key of one document's entity, and a resolution applied to a document.

Pure functions over records, shared by the resolver (which decides the clusters) and the stores
(which apply the stored clusters when reading a document back).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dossier.extract.records import EntityRef
from dossier.records import Document

__all__ = ["apply_ids", "candidate_key"]


def candidate_key(doc_id: str, ref: EntityRef) -> str:
    """``"doc_id:name"``: stable across re-ingest (a document has one entity per name)."""
    return f"{doc_id}:{ref.name}"


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
