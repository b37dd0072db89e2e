"""Entity pages: everything the store knows about one resolved actor, each item cited."""

from __future__ import annotations

import re
from typing import Any

from dossier.errors import QueryError
from dossier.store.base import EntityRow, Store

__all__ = ["entity_page", "find_entity"]


def find_entity(store: Store, name: str) -> EntityRow:
    """The entity whose id, name or alias is ``name``; QueryError when none or several."""
    found = store.list_entities(name=name)
    if not found:  # "Khalilzad" → "Zalmay Khalilzad": every word of the query in a name or alias
        words = set(_words(name))
        found = [e for e in store.list_entities()
                 if words and any(words <= set(_words(n)) for n in (e.name, *e.aliases))]
    if not found:
        raise QueryError(f"No entity named {name!r}; list them with `dossier entities`.")
    if len(found) > 1 and found[0].name.casefold() != name.casefold():
        options = ", ".join(f"{e.name} ({e.type}, {e.id})" for e in found[:5])
        raise QueryError(f"Entity name {name!r} is ambiguous: {options}; give the id instead.")
    return found[0]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _cite(doc: Any, start: int, end: int) -> dict[str, Any]:
    return {"doc": doc.id, "start": start, "end": end, "text": doc.text[start:end]}


def entity_page(store: Store, name: str, *, max_documents: int | None = None) -> dict[str, Any]:
    """Aliases and merge reasons, roles, documents, quotes by and about, events, a dated timeline.

    ``max_documents``: read only the newest this many of the documents that mention the entity (an
    actor named in most of a 100,000-document store would otherwise read them all); the page says
    how many there are in ``documents_total``.
    """
    entity = find_entity(store, name)
    decisions = store.entity_decisions(entity.id)
    doc_ids = sorted({d["doc_id"] for d in decisions})
    total = len(doc_ids)
    if max_documents is not None and total > max_documents:
        doc_ids = _newest(store, doc_ids, max_documents)
    from dossier.derived import stored_relations

    found: dict[str, list[Any]] = {}
    for rel in stored_relations(store, doc_ids):  # kept at ingest, not re-derived per page
        found.setdefault(rel.doc_id, []).append(rel)
    documents, quotes_by, quotes_about, events, relations = [], [], [], [], []
    for doc_id in doc_ids:
        doc = store.get_document(doc_id)
        for rel in found.get(doc.id, []):
            if entity.id in (rel.source_id, rel.target_id):
                relations.append({**_cite(doc, rel.span.start, rel.span.end), "type": rel.type,
                                  "source": rel.source, "target": rel.target, "date": rel.date,
                                  "evidence": rel.evidence})
        dated = {"published": doc.published, "published_precision": doc.published_precision,
                 "published_inferred": doc.published_inferred}
        documents.append({"id": doc.id, "title": doc.title, "outlet": doc.outlet, **dated})
        spans = [(m.span.start, m.span.end) for e in doc.entities if e.entity_id == entity.id for m in e.mentions]
        for q in doc.quotes:
            item = {**_cite(doc, q.span.start, q.span.end), "speaker": q.speaker, "direct": q.direct, **dated}
            if q.speaker_id == entity.id:
                quotes_by.append(item)
            elif any(q.span.start <= s and e <= q.span.end for s, e in spans):
                quotes_about.append(item)
        for ev in doc.events:
            role = "actor" if ev.actor_id == entity.id else "target" if ev.target_id == entity.id else None
            if role is None:
                continue
            date = ev.time.value if ev.time and ev.time.value else None
            events.append({**_cite(doc, ev.span.start, ev.span.end), "role": role, "type": ev.type,
                           "action": ev.action, "actor": ev.actor, "target": ev.target,
                           "date": date or doc.published, "date_precision": ev.time.precision if date else
                           (("publication, inferred" if doc.published_inferred else "publication")
                            if doc.published else None), "modality": ev.modality})
    timeline = sorted((e for e in events if e["date"]), key=lambda e: (e["date"], e["doc"], e["start"]))
    return {
        "id": entity.id, "name": entity.name, "type": entity.type, "aliases": list(entity.aliases),
        "roles": list(entity.roles), "gazetteer": entity.gazetteer, "documents": documents,
        "documents_total": total,
        "mentions": entity.mentions,
        "merges": [{"member": d["name"], "doc": d["doc_id"], "rule": d["rule"], "score": round(d["score"], 3),
                    "evidence": d["evidence"]} for d in decisions],
        "quotes_by": quotes_by, "quotes_about": quotes_about, "events": events, "relations": relations,
        "timeline": timeline,
    }


def _newest(store: Store, doc_ids: list[str], count: int) -> list[str]:
    """The ``count`` most recently published of ``doc_ids`` (undated ones last), in id order."""
    wanted = set(doc_ids)
    dated = [(d.published or "", d.id) for d in store.list_documents() if d.id in wanted]
    dated.sort(key=lambda pair: (pair[0] != "", pair[0]), reverse=True)
    return sorted(doc_id for _, doc_id in dated[:count])
