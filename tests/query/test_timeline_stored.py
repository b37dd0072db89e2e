"""The timeline kept in the store equals the timeline made from every document, and stays so.

``dossier timeline`` reads rows made at ingest from each document's stored events
(:func:`dossier.query.timeline.refresh_timeline`); these tests hold them to a from-scratch
:func:`build_timeline` over ``store.iter_documents()`` after ingest, ``rm`` and an entity merge.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dossier import ingest_paths, open_store, service
from dossier.query.timeline import MIN_CONFIDENCE, build_timeline, incident_index

ROOT = Path(__file__).resolve().parents[2]
INPUTS = [ROOT / "samples" / "articles", ROOT / "tests" / "fixtures" / "claims_story"]


def _scratch(store, **kwargs) -> list[dict]:
    kwargs.setdefault("min_confidence", MIN_CONFIDENCE)  # the view's default; build_timeline keeps all
    return build_timeline(store.iter_documents(), incidents=incident_index(store), **kwargs)


@pytest.fixture()
def store(tmp_path: Path):
    opened = open_store(str(tmp_path / "t.db"), create=True)
    ingest_paths([str(p) for p in INPUTS], store=opened)
    yield opened
    opened.close()


def test_stored_timeline_equals_the_timeline_of_every_document(store) -> None:
    assert service.timeline(store) == _scratch(store)
    assert service.timeline(store, include_all=True) == _scratch(store, include_all=True)
    window = service.timeline(store, start="2021-08", end="2022-04")
    assert window and window == _scratch(store, start=date(2021, 8, 1), end=date(2022, 4, 30))
    taliban = service.find_entity(store, "Taliban").id
    assert service.timeline(store, entity="Taliban") == _scratch(store, entity_id=taliban)


def test_stored_timeline_follows_rm_and_entity_merge(store) -> None:
    doomed = next(d.id for d in service.documents(store) if d.outlet == "Dnipro Daily")
    service.remove([doomed], store=store)
    rows = service.timeline(store)
    assert rows == _scratch(store)
    assert all(s["doc"] != doomed for r in rows for s in r["sources"])
    service.override_entities(store, "merge", ["Russia", "Russian"])
    assert service.timeline(store) == _scratch(store)


def test_a_page_of_the_timeline_is_a_slice_of_it(store) -> None:
    whole = service.timeline(store)
    from dossier.query.timeline import timeline

    assert timeline(store, limit=5, offset=3) == whole[3:8]


def test_timeline_view_hides_cue_only_events_and_exports_keep_them(store) -> None:
    from dossier.query.timeline import timeline

    everything = timeline(store, min_confidence=0)
    assert everything == _scratch(store, min_confidence=0.0)
    assert any(r["confidence"] < MIN_CONFIDENCE for r in everything)  # the samples have cue-only events
    shown = service.timeline(store)
    assert shown and all(r["confidence"] >= MIN_CONFIDENCE for r in shown)
    assert len(shown) < len(everything)
    assert [r for r in everything if r["confidence"] >= 0.7] == timeline(store, min_confidence=0.7)
    assert timeline(store, min_confidence=0.7, limit=3, offset=2) == timeline(store, min_confidence=0.7)[2:5]
    assert all(r["date_basis"] in ("clause", "outer-clause", "publication", None) for r in everything)
