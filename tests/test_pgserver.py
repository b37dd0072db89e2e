"""The PostgreSQL test server (tests/pgserver.py) and its fixtures: up, isolated, loopback only."""

from __future__ import annotations

import pytest
from pgserver import PostgresServer

pytestmark = pytest.mark.postgres


def test_server_answers(postgres_url: str) -> None:
    import psycopg  # after the fixture: it skips (or fails on CI) when PostgreSQL or psycopg is missing

    assert postgres_url.startswith("postgresql://postgres@127.0.0.1:")
    with psycopg.connect(postgres_url) as conn:
        version = conn.execute("SELECT version()").fetchone()
        assert version is not None and version[0].startswith("PostgreSQL")
        assert conn.execute("SHOW server_encoding").fetchone() == ("UTF8",)
        assert conn.execute("SHOW fsync").fetchone() == ("off",)
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (0,)


def test_listens_on_loopback_only(postgres_server: PostgresServer) -> None:
    with postgres_server.connect() as conn:
        assert conn.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)
        assert conn.execute("SHOW port").fetchone() == (str(postgres_server.port),)
        assert conn.execute("SELECT inet_server_addr()::text").fetchone() == ("127.0.0.1/32",)
        max_connections = conn.execute("SHOW max_connections").fetchone()
        assert max_connections is not None and int(max_connections[0]) >= 50


def test_databases_are_isolated(postgres_server: PostgresServer) -> None:
    import psycopg

    first, second = postgres_server.create_database(), postgres_server.create_database()
    assert first != second
    with psycopg.connect(first, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (x int)")
        conn.execute("INSERT INTO t VALUES (1)")
    with psycopg.connect(second) as conn:
        assert conn.execute("SELECT to_regclass('public.t')").fetchone() == (None,)
    # a database made from another carries its content (for fixtures that build a schema once)
    copy = postgres_server.create_database(template=first.rsplit("/", 1)[1])
    with psycopg.connect(copy) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]
    for url in (first, second, copy):
        postgres_server.drop_database(url.rsplit("/", 1)[1])
