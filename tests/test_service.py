"""Tests for dossier.service: the operations the CLI and the web app both call."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dossier import service
from dossier.errors import ConfigError, NoStoreError, QueryError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("service") / "store.db")
    store = service.open_store(path, create=True)
    try:
        report = service.ingest([str(FIXTURES)], store=store, extract=False, workers=1)
    finally:
        store.close()
    assert len(report.added) == 2 and not report.rejections
    return path


def test_service_all_is_exact_and_sorted() -> None:
    public = {name for name, value in vars(service).items()
              if not name.startswith("_") and callable(value) and getattr(value, "__module__", "") == service.__name__}
    assert set(service.__all__) == public
    assert service.__all__ == sorted(service.__all__)


@pytest.mark.parametrize(("snippet", "expected"), [
    ("plain", ("plain", [])),
    ("a \x02Taliban\x03 b", ("a Taliban b", [(2, 9)])),
    ("\x02x\x03 and \x02yz\x03", ("x and yz", [(0, 1), (6, 8)])),
])
def test_service_split_snippet_returns_text_and_highlights(snippet: str, expected: tuple[str, list[tuple[int, int]]]):
    assert service.split_snippet(snippet) == expected


def test_service_reading_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(NoStoreError), service.reading(str(tmp_path / "missing.db")):
        pass
    assert not (tmp_path / "missing.db").exists()


def test_service_search_hits_become_json_records(db: str) -> None:
    with service.reading(db) as store:
        hits = service.search(store, "Kandahar", limit=5)
    assert hits
    record = service.hit_record(hits[0], digits=2)
    assert "\x02" not in record["snippet"] and record["highlights"]
    assert record["score"] == round(hits[0].score, 2)
    json.dumps(record)


def test_service_documents_and_document_agree(db: str) -> None:
    with service.reading(db, time_budget=30) as store:
        rows = service.documents(store)
        doc = service.document(store, rows[0].id[:8])
        raws = service.raws(store, doc.id)
    assert doc.id == rows[0].id and raws


def test_service_document_unknown_id_is_a_query_error(db: str) -> None:
    with service.reading(db) as store, pytest.raises(QueryError):
        service.document(store, "ffffffffffff")


def test_service_claims_rejects_an_unknown_status_before_reading(db: str) -> None:
    with pytest.raises(ConfigError, match="Known: agreed, disputed, changed"):
        service.check_claim_status("disputd")
    with service.reading(db) as store, pytest.raises(ConfigError):
        service.claims(store, status="disputd")


def test_service_remove_takes_a_document_out(tmp_path: Path) -> None:
    path = str(tmp_path / "store.db")
    store = service.open_store(path, create=True)
    try:
        service.ingest([str(FIXTURES / "kandahar_brief.txt")], store=store, extract=False, workers=1)
        (row,) = service.documents(store)
        assert service.remove([row.id[:8]], store=store) == [row.id]
        assert service.documents(store) == []
    finally:
        store.close()


def test_service_import_is_light() -> None:
    code = ("import json, sys; import dossier.service; "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    assert not loaded & {"spacy", "networkx", "fastapi", "trafilatura", "lxml", "psycopg", "numpy"}
