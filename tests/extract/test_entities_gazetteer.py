"""The shipped actor gazetteer switched off (``Settings.gazetteer``): what the extract stage loses.

Real model, no hand-built Docs: the question is what the pipeline does with and without the
gazetteer ruler, on a passage where the gazetteer adds aliases, canonical names and a match the
model misses (AQIS).
"""

import pytest

from dossier.extract.ids import entity_key
from dossier.extract.nlp import dossier_nlp
from dossier.extract.stage import Extractor
from dossier.records import Document

TEXT = ("KABUL — The Islamic Emirate said on Monday that ISIS-K fighters attacked a checkpoint. "
        "AQIS praised the attack, and TTP commanders met the Haqqani network in Khost.")


@pytest.fixture(scope="module")
def extracted() -> dict[bool, Document]:
    doc = Document(id="d1", source="t.txt", text=TEXT, published="2021-09-06")
    return {switch: Extractor(gazetteer=switch).extract(doc) for switch in (True, False)}


def _mentions(doc: Document) -> list:
    return [m for ref in doc.entities for m in ref.mentions]


def test_extractor_with_gazetteer_names_aliases_canonically(extracted):
    names = {m.text: (m.name, m.gazetteer) for m in _mentions(extracted[True])}
    assert names["Islamic Emirate"] == ("Taliban", "taliban")
    assert names["ISIS-K"] == ("Islamic State Khorasan Province", "iskp")
    assert names["AQIS"][1] == "aqis"
    assert any(entity_key(ref).startswith("gazetteer:") for ref in extracted[True].entities)


def test_extractor_without_gazetteer_adds_no_keys_aliases_or_matches(extracted):
    mentions = _mentions(extracted[False])
    assert mentions, "the model still finds entities"
    assert all(m.gazetteer is None for m in mentions)
    assert not any(m.span.method.endswith(":ruler") for m in mentions)
    names = {m.text: m.name for m in mentions}
    assert names.get("Islamic Emirate") == "Islamic Emirate"  # no alias to Taliban
    assert "Taliban" not in {ref.name for ref in extracted[False].entities}
    assert not any(entity_key(ref).startswith("gazetteer:") for ref in extracted[False].entities)


def test_extractor_without_gazetteer_keeps_every_span_exact(extracted):
    for m in _mentions(extracted[False]):
        assert TEXT[m.span.start:m.span.end] == m.text


def test_dossier_nlp_without_gazetteer_has_no_ruler_and_is_cached_per_switch():
    off = dossier_nlp(gazetteer=False)
    assert "dossier_actors" not in off.pipe_names and "dossier_entity_fixes" in off.pipe_names
    assert "dossier_actors" in dossier_nlp().pipe_names
    assert dossier_nlp(gazetteer=False) is off and dossier_nlp() is dossier_nlp(gazetteer=True)
