"""Suite-wide fixtures: a real PostgreSQL server on 127.0.0.1, started once per session (see tests/pgserver.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

import pytest
from pgserver import PostgresNotFound, PostgresServer

POSTGRES_MISSING = "PostgreSQL not installed: run `bash scripts/test.sh` as root, or apt-get install postgresql"


def _unavailable(reason: str) -> None:
    """Skip, except on CI (CI=true), where these tests must run: fail there instead."""
    if os.environ.get("CI", "").strip().lower() in ("true", "1"):
        pytest.fail(f"{reason} (CI=true: PostgreSQL tests may not skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server (trust auth, fsync off), removed at the end of the session."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed: pip install -e '.[test]' (or run `bash scripts/test.sh`)")
    try:
        server = PostgresServer()
    except PostgresNotFound as error:
        _unavailable(f"{POSTGRES_MISSING} ({error})")
    with server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty database for this test: ``postgresql://postgres@127.0.0.1:PORT/test_N_xxxxxxxx``."""
    url = postgres_server.create_database()
    yield url
    try:  # keeps the server's disk (often RAM) small; WITH (FORCE) closes connections a test left open
        postgres_server.drop_database(unquote(urlsplit(url).path.lstrip("/")))
    except Exception as error:  # noqa: BLE001 - a leftover database is harmless, the server goes at session end
        request.node.warn(pytest.PytestWarning(f"could not drop {url}: {error}"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the server ``postgres`` (so ``-m 'not postgres'`` deselects them)."""
    for item in items:
        if "postgres_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)

