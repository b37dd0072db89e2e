"""From documents to candidates, and from a resolution back to documents' entity ids."""

from __future__ import annotations

from dossier.entity_ids import apply_ids, candidate_key
from dossier.extract.records import EntityRef
from dossier.records import Document
from dossier.resolve.records import Candidate

__all__ = ["CONTEXT_LABELS", "apply_ids", "candidate_key", "candidates_from_document"]

#: Entity types whose names count as context (places and nationalities are too common to tell people apart).
CONTEXT_LABELS = frozenset({"PERSON", "ORG", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})


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
