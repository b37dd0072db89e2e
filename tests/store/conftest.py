"""One store test suite, run against every store backend.

PostgreSQL tests get a fresh database on the session's throwaway server (tests/conftest.py).
"""

from collections.abc import Iterator

import pytest

from dossier.backends import open_store
from dossier.store.base import Store

BACKENDS = ["sqlite", "postgres"]


def store_url(backend: str, request: pytest.FixtureRequest, tmp_path) -> str:
    """Where a fresh, empty store of ``backend`` lives for this test."""
    if backend == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "store.db")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def url(backend: str, request: pytest.FixtureRequest, tmp_path) -> str:
    return store_url(backend, request, tmp_path)


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    opened = open_store(url, create=True)
    yield opened
    opened.close()
