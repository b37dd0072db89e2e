"""Tests for dossier.resolve's public surface and the document adapters."""

from __future__ import annotations

import dossier.resolve
from dossier.extract.records import EntityRef, Mention, Quote
from dossier.records import Document, Span
from dossier.resolve import Resolver, apply_ids, candidates_from_document


def test_all_is_exact() -> None:
    public = {name for name in vars(dossier.resolve) if not name.startswith("_")}
    modules = {"candidates", "cluster", "groups", "normalise", "records", "resolver", "rules", "similarity", "annotations", "events"}
    assert set(dossier.resolve.__all__) == public - modules
    assert dossier.resolve.__all__ == sorted(dossier.resolve.__all__)


def _doc(doc_id: str, text: str, names: list[tuple[str, str, str, str | None]]) -> Document:
    refs = []
    for surface, name, label, gazetteer in names:
        start = text.index(surface)
        span = Span(doc_id, start, start + len(surface), 0, "entities.v1:model")
        mention = Mention(surface, label, span, name, gazetteer=gazetteer)
        refs.append(EntityRef(name, label, (mention,), (), entity_id=f"ent_{doc_id}_{len(refs)}"))
    quote = Quote("peace", Span(doc_id, 0, 5, 0, "quotes.v1:test"), True, speaker=refs[0].name,
                  speaker_id=refs[0].entity_id)
    return Document(id=doc_id, source="test", text=text, entities=tuple(refs), quotes=(quote,))


def test_candidates_from_document_keys_aliases_and_context() -> None:
    doc = _doc("d1", "Khalilzad met the Taliban.", [("Khalilzad", "Zalmay Khalilzad", "PERSON", None),
                                                     ("Taliban", "Taliban", "ORG", "taliban")])
    first, second = candidates_from_document(doc)
    assert first.key == "d1:Zalmay Khalilzad" and first.aliases == ("Khalilzad",)
    assert first.context == ("Taliban",) and second.gazetteer == "taliban"


def test_apply_ids_points_entities_mentions_and_speakers_at_clusters() -> None:
    a = _doc("a", "Zalmay Khalilzad said.", [("Zalmay Khalilzad", "Zalmay Khalilzad", "PERSON", None)])
    b = _doc("b", "Khalilzad said.", [("Khalilzad", "Khalilzad", "PERSON", None)])
    resolver = Resolver()
    resolver.add(candidates_from_document(a) + candidates_from_document(b))
    a2, b2 = apply_ids(a, resolver.cluster_of), apply_ids(b, resolver.cluster_of)
    assert a2.entities[0].entity_id == b2.entities[0].entity_id == b2.entities[0].mentions[0].entity_id
    assert b2.quotes[0].speaker_id == b2.entities[0].entity_id
