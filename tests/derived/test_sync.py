"""Derived facts kept at ingest equal a from-scratch derivation after every operation, on both backends.

The reference is the old way: ``claim_clusters(store.iter_documents())``, ``find_relations`` and
``node_info`` over every stored document, computed after each step.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from dossier import service
from dossier.backends import open_store
from dossier.claims import claim_clusters
from dossier.derived import stored_clusters, stored_nodes, stored_relations, sync_derived, version
from dossier.graph import build_graph, find_relations, node_info
from dossier.pipeline import ingest
from dossier.store.base import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
BACKENDS = ["sqlite", "postgres"]


def _graph(graph: Any) -> tuple[Any, ...]:
    return dict(graph.graph), list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True))


def from_scratch(store: Store) -> tuple[Any, ...]:
    docs = list(store.iter_documents())
    relations = [r for doc in docs for r in find_relations(doc)]
    graph = build_graph(relations, names={e.id: e.name for e in store.list_entities()}, nodes=node_info(docs))
    return ([c.to_json() for c in claim_clusters(docs, include_unsettled=True)], relations, node_info(docs),
            _graph(graph))


def kept(store: Store) -> tuple[Any, ...]:
    return ([c.to_json() for c in stored_clusters(store, include_unsettled=True)], stored_relations(store),
            stored_nodes(store), _graph(service.graph(store)))


@pytest.fixture
def sqlite_copy(samples_db: Path, tmp_path: Path) -> str:
    target = tmp_path / "store.db"
    shutil.copy(samples_db, target)
    return str(target)


def test_derived_after_ingest_equal_from_scratch_and_are_not_empty(sqlite_copy: str) -> None:
    store = open_store(sqlite_copy)
    try:
        found = kept(store)
        assert found == from_scratch(store)
        clusters, relations, nodes, _ = found
        assert any(c["status"] == "disputed" for c in clusters) and relations and nodes
        assert [c.to_json() for c in service.claims(store)] == [c.to_json() for c in claim_clusters(
            store.iter_documents())]
    finally:
        store.close()


def test_derived_sync_with_nothing_changed_derives_nothing(sqlite_copy: str) -> None:
    store = open_store(sqlite_copy)
    try:
        assert sync_derived(store) == 0
    finally:
        store.close()


def test_derived_reingest_changes_nothing(sqlite_copy: str) -> None:
    store = open_store(sqlite_copy)
    try:
        before = kept(store)
        again = ingest([str(SAMPLES)], store=store, workers=1)
        assert again.added == []
        assert sync_derived(store) == 0
        assert kept(store) == before == from_scratch(store)
    finally:
        store.close()


def test_derived_rm_keeps_claims_consistent(sqlite_copy: str) -> None:
    store = open_store(sqlite_copy)
    try:
        clusters = [c for c in claim_clusters(store.iter_documents()) if c.status]
        victim = clusters[0].claims[0].doc_id  # a document some settled claim rests on
        service.remove([victim], store=store)
        assert kept(store) == from_scratch(store)
        assert all(c.doc_id != victim for cluster in service.claims(store) for c in cluster.claims)
    finally:
        store.close()


@pytest.mark.parametrize("action, names", [("merge", ["Taliban", "al-Qaeda"]), ("split", ["Kenneth F. McKenzie", "McKenzie"])])
def test_derived_entity_merge_and_split_keep_claims_consistent(sqlite_copy: str, action: str,
                                                               names: list[str]) -> None:
    store = open_store(sqlite_copy)
    try:
        before = kept(store)
        service.override_entities(store, action, names)
        after = kept(store)
        assert after == from_scratch(store)
        assert after != before
    finally:
        store.close()


def test_derived_old_store_without_rows_is_derived_on_first_read(sqlite_copy: str) -> None:
    store = open_store(sqlite_copy)
    try:
        with store.transaction() as db:  # as a store written before derived facts were kept
            db.execute("DELETE FROM derived_docs")
            db.execute("DELETE FROM derived_meta")
        assert store.derived_missing(version()) == 13
        assert kept(store) == from_scratch(store)
        assert store.derived_missing(version()) == 0
    finally:
        store.close()


def test_derived_version_change_rederives_everything(sqlite_copy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.derived.sync as sync

    store = open_store(sqlite_copy)
    try:
        monkeypatch.setattr(sync, "version", lambda: "derived.test-bump")
        assert store.derived_missing("derived.test-bump") == 13
        assert sync_derived(store) == 13
        assert sync_derived(store) == 0
    finally:
        store.close()


def test_derived_incremental_batches_equal_one_batch(tmp_path: Path) -> None:
    """Documents arriving in three runs end with what one run over them all gives (context and
    entity clusters change as documents arrive; earlier documents are re-derived when they must be)."""
    store = open_store(str(tmp_path / "batches.db"), create=True)
    try:
        files = sorted(p for p in SAMPLES.iterdir() if p.is_file())
        for part in (files[:3], files[3:6], files[6:]):
            ingest([str(p) for p in part], store=store, workers=1)
            assert kept(store) == from_scratch(store)
    finally:
        store.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_derived_every_operation_on_each_backend(backend: str, request: pytest.FixtureRequest,
                                                 tmp_path: Path) -> None:
    url = str(request.getfixturevalue("postgres_url")) if backend == "postgres" else str(tmp_path / "s.db")
    store = open_store(url, create=True)
    try:
        ingest([str(SAMPLES)], store=store, workers=1)
        assert kept(store) == from_scratch(store)
        ingest([str(SAMPLES)], store=store, workers=1)
        assert sync_derived(store) == 0
        service.override_entities(store, "merge", ["Taliban", "al-Qaeda"])
        assert kept(store) == from_scratch(store)
        victim = next(iter(store.iter_documents())).id
        service.remove([victim], store=store)
        assert kept(store) == from_scratch(store)
        assert [c.to_json() for c in service.claims(store, limit=2, offset=1)] == [
            c.to_json() for c in claim_clusters(store.iter_documents())][1:3]
    finally:
        store.close()


def test_derived_missing_leaves_out_documents_awaiting_resolution(sqlite_copy: str) -> None:
    store = open_store(sqlite_copy)
    try:
        doc_id = next(iter(store.iter_documents())).id
        with store.transaction() as db:  # as an ingest still running: stored, not yet resolved or derived
            db.execute("DELETE FROM derived_docs WHERE doc_id = ?", (doc_id,))
            db.execute("DELETE FROM entity_members WHERE doc_id = ?", (doc_id,))
        assert store.unresolved_documents() == [doc_id]
        assert store.derived_missing(version()) == 0
    finally:
        store.close()


def test_derived_in_worker_processes_equal_derived_here(sqlite_copy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.derived.sync as sync

    monkeypatch.setattr(sync, "_PARALLEL_FROM", 1)
    monkeypatch.setattr(sync, "default_workers", lambda: 2)
    monkeypatch.setattr(sync, "_CHUNK", 4)
    store = open_store(sqlite_copy)
    try:
        with store.transaction() as db:
            db.execute("DELETE FROM derived_docs")
        assert sync_derived(store) == 13
        assert kept(store) == from_scratch(store)
    finally:
        store.close()
