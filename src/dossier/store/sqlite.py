"""The embedded store: one SQLite file, WAL journal, FTS5 search, versioned migrations."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dossier.errors import QueryError, StoreError
from dossier.query.search import parse_query, to_fts5
from dossier.store.base import SearchHit
from dossier.store.migrations import load_migrations
from dossier.store.sql import SQLStore, now

__all__ = ["SQLiteStore"]

log = logging.getLogger(__name__)

_BUSY_SECONDS = 600


class SQLiteStore(SQLStore):
    """A :class:`~dossier.store.base.Store` in one SQLite file (``:memory:`` works for tests)."""

    def __init__(self, path: str | Path, *, migrate: bool = True) -> None:
        self.url = str(path)
        if self.url != ":memory:":
            parent = Path(self.url).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"Cannot create store {self.url!r}: folder {str(parent)!r} does not exist; "
                                 "create it or pick another --db.")
        try:
            # Writers wait for each other rather than fail: another ingest may hold the write lock
            # while it re-resolves entities (37 s for 10,000 documents). A dead process frees it.
            self._db = sqlite3.connect(self.url, isolation_level=None, check_same_thread=False,
                                       timeout=_BUSY_SECONDS)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute(f"PRAGMA busy_timeout = {_BUSY_SECONDS * 1000}")
            if self.url != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Cannot open store {self.url!r}: {exc}; "
                             "is it a Dossier database? Pick another --db.") from exc
        if migrate:
            self.migrate()

    # -- plumbing ---------------------------------------------------------------------
    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all.

        Nested inside another (see :meth:`resolution_lock`) it joins the outer transaction.
        """
        if self._db.in_transaction:
            yield self._db
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot write to store {self.url!r}: {exc}.") from exc
        try:
            yield self._db
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise StoreError(f"Write to store {self.url!r} failed and was rolled back: {exc}.") from exc
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise StoreError(f"Cannot commit to store {self.url!r}: {exc}.") from exc

    def schema_version(self) -> int:
        try:
            row = self._db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0] or 0)

    def migrate(self) -> None:
        """Apply every migration newer than the store's version, each in its own transaction."""
        migrations = load_migrations("sqlite")
        try:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Cannot open store {self.url!r}: {exc}; "
                             "is it a Dossier database? Pick another --db.") from exc
        current = self.schema_version()
        known = max((m.version for m in migrations), default=0)
        if current > known:
            raise StoreError(
                f"Store {self.url!r} has schema version {current}, newer than this Dossier knows ({known}); "
                "upgrade Dossier to open it."
            )
        for migration in migrations:
            if migration.version <= current:
                continue
            log.debug("applying migration %s to %s", migration.name, self.url)
            with self.transaction() as db:
                for statement in migration.statements:
                    db.execute(statement)
                db.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, now()),
                )

    @contextmanager
    def resolution_lock(self) -> Iterator[None]:
        """Hold SQLite's write lock for the whole read-resolve-write (other writers wait)."""
        with self.transaction():
            yield

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        expression = to_fts5(parse_query(query))
        try:
            rows = self._db.execute(
                "SELECT d.id, d.title, d.outlet, d.published, "
                "snippet(documents_fts, 1, char(2), char(3), '…', 16) AS snippet, "
                "bm25(documents_fts, 4.0, 1.0) AS score "
                "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY score LIMIT ?",
                (expression, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(f"Search query {query!r} could not be run ({exc}); "
                             "simplify it or quote the phrase.") from exc
        return [SearchHit(id=r["id"], title=r["title"], outlet=r["outlet"], published=r["published"],
                          snippet=r["snippet"], score=-float(r["score"])) for r in rows]
