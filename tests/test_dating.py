"""Publication dates inferred from other documents, through the real pipeline (spaCy, resolver, store).

Fixtures (tests/fixtures/pubdate/, written for these tests): three reports of one attack in
Mopti dated by their URL, a stamp and a dateline, and one undated report of it that says the
attack was "on Tuesday" (2023-05-16 was a Tuesday).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier import open_store
from dossier.pipeline import ingest, remove

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pubdate"
DATED = ["a_url_dated.txt", "b_stamp_dated.txt", "c_dateline_dated.txt"]
UNDATED = "d_undated.txt"


def _ingest_in_order(tmp_path: Path, names: list[str], backend_url: str | None = None):
    store = open_store(backend_url or str(tmp_path / "store.db"), create=True)
    for name in names:
        report = ingest([str(FIXTURES / name)], store=store, workers=1)
        assert report.ok
    return store


def _dates(store) -> dict[str, tuple]:
    return {doc.source.rsplit("/", 1)[-1]: (doc.published, doc.published_precision, doc.published_inferred,
                                            doc.published_basis, doc.meta.get("published_until"))
            for doc in store.iter_documents()}


@pytest.fixture(scope="module")
def dated_first(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    store = _ingest_in_order(tmp_path_factory.mktemp("dated_first"), [*DATED, UNDATED])
    try:
        return _dates(store)
    finally:
        store.close()


def test_dating_undated_report_gets_a_range_from_the_dated_ones(dated_first):
    published, precision, inferred, basis, until = dated_first[UNDATED]
    assert (published, precision, inferred, until) == ("2023-05-16", "range", True, "2023-05-22")
    assert basis.startswith("other-documents: 2023-05-16 to 2023-05-22")
    assert "which its 'Tuesday' allows" in basis


def test_dating_basis_names_the_dated_documents(dated_first, tmp_path):
    store = open_store(str(tmp_path / "ids.db"), create=True)
    ingest([str(FIXTURES / name) for name in DATED], store=store, workers=1)
    dated_ids = {doc.id for doc in store.iter_documents()}
    store.close()
    basis = dated_first[UNDATED][3]
    assert {doc_id for doc_id in dated_ids if doc_id in basis} == dated_ids


def test_dating_resolves_the_undated_reports_times_again(tmp_path):
    store = _ingest_in_order(tmp_path, [UNDATED, *DATED])
    try:
        doc = next(d for d in store.iter_documents() if d.source.endswith(UNDATED))
        attack = next(e for e in doc.events if e.time is not None and e.time.text == "Tuesday")
        assert (attack.time.value, attack.time.precision) == ("2023-05-16", "day")
        clusters = {e.id for e in store.list_entities()}
        assert all(e.actor_id in clusters for e in doc.events if e.actor_id)  # ids stay resolved
        assert [t.value for t in doc.times if t.text == "Tuesday"] == ["2023-05-16"]
    finally:
        store.close()


def test_dating_leaves_documents_dated_by_their_own_evidence_alone(dated_first):
    assert dated_first["a_url_dated.txt"][:3] == ("2023-05-16", "day", False)
    assert dated_first["b_stamp_dated.txt"][:3] == ("2023-05-17", "day", False)
    assert dated_first["c_dateline_dated.txt"][:3] == ("2023-05-16", "day", False)


def test_dating_undated_first_gives_the_same_dates(dated_first, tmp_path):
    store = _ingest_in_order(tmp_path, [UNDATED, *reversed(DATED)])
    try:
        assert _dates(store) == dated_first
    finally:
        store.close()


def test_dating_undated_alone_stays_undated(tmp_path):
    store = _ingest_in_order(tmp_path, [UNDATED])
    try:
        assert _dates(store)[UNDATED][:3] == (None, None, False)
    finally:
        store.close()


def test_dating_removing_the_dated_reports_undates_it_again(tmp_path):
    store = _ingest_in_order(tmp_path, [*DATED, UNDATED])
    try:
        remove([doc.id for doc in store.iter_documents() if doc.source.endswith(tuple(DATED))], store=store)
        assert _dates(store)[UNDATED][:3] == (None, None, False)
        doc = store.get_document(next(d.id for d in store.iter_documents()))
        assert all(t.value is None for t in doc.times if t.text == "Tuesday")  # no anchor any more
    finally:
        store.close()


@pytest.mark.postgres
def test_dating_on_postgres_matches_sqlite(dated_first, postgres_url, tmp_path):
    store = _ingest_in_order(tmp_path, [UNDATED, *DATED], backend_url=postgres_url)
    try:
        assert _dates(store) == dated_first
    finally:
        store.close()


def test_dating_export_jsonl_carries_the_contract_fields(dated_first, tmp_path):
    from typer.testing import CliRunner

    from dossier.cli.main import app

    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(FIXTURES), "--db", db]).exit_code == 0
    lines = runner.invoke(app, ["export", "--format", "jsonl", "--db", db]).stdout.splitlines()
    records = {Path(r["path"]).name: r for r in map(json.loads, lines)}
    undated = records[UNDATED]
    assert (undated["published"], undated["published_precision"], undated["published_inferred"]) == (
        "2023-05-16", "range", True)
    assert undated["published_basis"].startswith("other-documents:")
    assert undated["published_until"] == "2023-05-22"
    stamped = records["b_stamp_dated.txt"]
    assert (stamped["published"], stamped["published_precision"], stamped["published_inferred"]) == (
        "2023-05-17", "day", False)
    listed = runner.invoke(app, ["docs", "--db", db]).stdout
    assert "≥2023-05-16" in listed
    shown = runner.invoke(app, ["show", undated["id"][:8], "--db", db]).stdout
    assert "2023-05-16 to 2023-05-22 (inferred)" in shown
