"""The sample articles ingested once into SQLite for the derived-facts tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.backends import open_store
from dossier.pipeline import ingest
from dossier.store.base import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles ingested once into SQLite (copy it before changing it)."""
    path = tmp_path_factory.mktemp("derived") / "samples.db"
    store = open_store(str(path), create=True)
    try:
        report = ingest([str(SAMPLES)], store=store, workers=1)
    finally:
        store.close()
    assert report.ok and len(report.added) == 13
    return path


@pytest.fixture
def samples_store(samples_db: Path) -> Iterator[Store]:
    store = open_store(str(samples_db))
    yield store
    store.close()
