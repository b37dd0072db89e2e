"""`write_stix` on the sample articles, read back with the consumer's own library (``stix2.parse``)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import stix2

from dossier import ingest_paths, open_store
from dossier.export.stix import _actor, _timestamp, serialize_pretty, stix_bundle, write_stix
from dossier.extract.gazetteer import load_actors
from dossier.store.base import EntityRow, Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(str(tmp_path_factory.mktemp("stix") / "stix.db"), create=True)
    ingest_paths([str(SAMPLES)], store=store)
    return store


@pytest.fixture(scope="module")
def exported(store: Store) -> tuple[str, int]:
    out = io.StringIO()
    count = write_stix(store, out)
    return out.getvalue(), count


@pytest.fixture(scope="module")
def bundle(exported: tuple[str, int]) -> Any:
    return stix2.parse(exported[0], allow_custom=True)


def _of(bundle: Any, kind: str) -> list[Any]:
    return [o for o in bundle.objects if o.type == kind]


def test_stix_bundle_parses_with_every_object_counted(bundle: Any, exported: tuple[str, int]) -> None:
    assert bundle.type == "bundle"
    assert len(bundle.objects) == exported[1]
    assert {"identity", "threat-actor", "relationship", "report", "note"} <= {o.type for o in bundle.objects}


def _row(name: str, label: str, gazetteer: str | None) -> EntityRow:
    return EntityRow(id=f"ent_{name.casefold()}", name=name, type=label, aliases=(name,), roles=(),
                     gazetteer=gazetteer, documents=1, mentions=1)


@pytest.mark.parametrize(("name", "label", "key", "stix_type", "klass"), [
    ("ISKP", "ORG", "iskp", "threat-actor", None),
    ("Mujahideen", "NORP", "mujahideen", "threat-actor", None),  # an armed group the model tags NORP
    ("CIA", "ORG", "cia", "identity", "organization"),
    ("NATO", "ORG", "nato", "identity", "organization"),
    ("Zalmay Khalilzad", "PERSON", "zalmay-khalilzad", "identity", "individual"),
    ("Hazaras", "NORP", "hazaras", "identity", "group"),
])
def test_stix_type_and_identity_class_come_from_the_gazetteer_kind(
        name: str, label: str, key: str, stix_type: str, klass: str | None) -> None:
    obj = _actor(_row(name, label, key), "2021-01-01T00:00:00Z", load_actors())
    assert obj.type == stix_type
    assert obj.x_dossier_kind == load_actors()[key].kind
    if klass:
        assert obj.identity_class == klass


def test_stix_every_armed_group_of_the_gazetteer_is_a_threat_actor() -> None:
    actors = load_actors()
    for key in (k for k, a in actors.items() if a.kind == "armed_group"):
        assert _actor(_row(actors[key].name, actors[key].type, key), "2021-01-01T00:00:00Z", actors).type \
            == "threat-actor", key


@pytest.mark.parametrize(("label", "klass"), [("ORG", "organization"), ("PERSON", "individual"),
                                              ("GPE", "organization"), ("NORP", "group")])
def test_stix_without_gazetteer_every_actor_is_an_identity_by_its_label(label: str, klass: str) -> None:
    """``DOSSIER_GAZETTEER=off``: entities carry no gazetteer key; the export falls back to spaCy labels."""
    for actors in (load_actors(), {}):
        obj = _actor(_row("Taliban", label, None), "2021-01-01T00:00:00Z", actors)
        assert obj.type == "identity" and obj.identity_class == klass
        assert "x_dossier_kind" not in obj


def test_stix_taliban_is_a_threat_actor(bundle: Any) -> None:
    actors = {o.name: o for o in _of(bundle, "threat-actor") + _of(bundle, "intrusion-set")}
    assert "Taliban" in actors
    assert actors["Taliban"].x_dossier_gazetteer == "taliban"
    assert actors["Taliban"].x_dossier_kind == "armed_group"
    assert "Taliban" not in {o.name for o in _of(bundle, "identity")}


def test_stix_relationship_links_two_armed_groups(bundle: Any) -> None:
    names = {o.id: o.name for o in _of(bundle, "threat-actor")}
    links = {(names[r.source_ref], r.x_dossier_relation, names[r.target_ref])
             for r in _of(bundle, "relationship") if r.source_ref in names and r.target_ref in names}
    assert ("Haqqani network", "affiliate_of", "Taliban") in links
    for rel in _of(bundle, "relationship"):
        assert rel.relationship_type == "related-to"
        assert rel.x_dossier_provenance  # doc_id:start-end spans behind the edge


def test_stix_one_report_per_document_with_source_url(bundle: Any, store: Store) -> None:
    reports = {r.x_dossier_doc_id: r for r in _of(bundle, "report")}
    docs = list(store.iter_documents())
    assert set(reports) == {doc.id for doc in docs}
    for doc in docs:
        report = reports[doc.id]
        assert report.name == (doc.title or doc.id)
        urls = [ref.get("url") for ref in report.external_references if ref.get("url")]
        assert urls == ([doc.url] if doc.url else [])
        if doc.published:
            assert report.published.strftime("%Y-%m-%d") == doc.published[:10]
    assert any(r.url for r in (ref for rep in reports.values() for ref in rep.external_references) if "url" in r)


def test_stix_note_for_disputed_ties_has_both_sides(bundle: Any) -> None:
    notes = {n.abstract: n for n in _of(bundle, "note")}
    note = notes["Taliban maintains ties with al-Qaeda"]
    assert note.x_dossier_status == "disputed"
    assert "Supporting:" in note.content and "Disputing:" in note.content
    assert "Suhail Shaheen" in note.content and "sanctions monitors" in note.content
    names = {o.id: o.name for o in bundle.objects if o.type in ("threat-actor", "identity")}
    assert {"Taliban", "al-Qaeda"} <= {names.get(ref) for ref in note.object_refs}
    assert any(ref.startswith("report--") for ref in note.object_refs)


def test_stix_export_is_byte_identical_twice(store: Store, exported: tuple[str, int]) -> None:
    again = io.BytesIO()
    write_stix(store, again)
    assert again.getvalue() == exported[0].encode("utf-8")


def test_serialize_pretty_matches_stix2_pretty_byte_for_byte(store: Store, exported: tuple[str, int]) -> None:
    bundle = stix_bundle(store)
    assert serialize_pretty(bundle) == bundle.serialize(pretty=True)
    assert exported[0] == bundle.serialize(pretty=True) + "\n"


@pytest.mark.parametrize("obj", [
    {"b": [{"x": 1, "a": "v"}, {"a": "v", "c": {"a": "v"}}], "a": True, "10": 1, "2": [1, True, 1.0]},
    [{"k": {"b": 1, "a": [1, 2]}}, {"a": [1, 2], "k": {"a": [1, 2], "b": 1}}, {"a": (1, 2)}],
])
def test_serialize_pretty_matches_stix2_on_shared_values(obj: Any) -> None:
    from stix2.serialization import serialize

    assert serialize_pretty(obj) == serialize(obj, pretty=True)


@pytest.mark.parametrize(("value", "expected"), [
    ("2020-02-29", "2020-02-29T00:00:00Z"),
    ("2020-02-29T10:30:00+04:30", "2020-02-29T06:00:00Z"),
    ("1990-01-01/1993-12-31", "1990-01-01T00:00:00Z"),  # a claim's range date: its first day
    ("2021-02-30", None),
    ("2020-02", None),
    (None, None),
])
def test_stix_timestamp_reads_dates_ranges_and_rejects_the_impossible(value: str | None, expected: str | None) -> None:
    assert _timestamp(value) == expected
