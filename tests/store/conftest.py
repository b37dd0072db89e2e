"""One store test suite, run against every store backend."""

from collections.abc import Iterator

import pytest

from dossier.backends import open_store
from dossier.store.base import Store

BACKENDS = ["sqlite"]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    opened = open_store(str(tmp_path / "store.db"))
    yield opened
    opened.close()
