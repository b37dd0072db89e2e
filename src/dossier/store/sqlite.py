"""The embedded store: one SQLite file, WAL journal, FTS5 search, versioned migrations.

Only a caller that means to write new data opens with ``create=True`` (``dossier ingest``);
everything else opens the file with SQLite's ``mode=rw``, so a mistyped ``--db`` can never
leave an empty store behind, and a file that is not a Dossier store is refused, not migrated.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from dossier.errors import DossierError, NoStoreError, QueryError, QueryTimeout, StoreBusyError, StoreError
from dossier.searchlang import parse_query, to_fts5, to_fts5_highlight
from dossier.store.base import SearchHit
from dossier.store.migrations import load_migrations
from dossier.store.snippets import SNIPPET_CHARS, window
from dossier.store.sql import SQLStore, now

__all__ = ["SQLiteStore"]

log = logging.getLogger(__name__)

# Writers wait for each other rather than fail: another ingest may hold the write lock while
# it re-resolves entities (37 s for 10,000 documents). A dead process frees it.
_BUSY_SECONDS = 600.0
_NOTICE_SECONDS = 2.0  # after waiting this long for a lock, say so (``on_wait``)
_PROGRESS_STEPS = 1_000  # SQLite steps between two looks at a time budget's deadline

T = TypeVar("T")


def _code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code of ``exc`` (extended codes folded), 0 when unknown."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


class _Connection:
    """sqlite3's connection, waiting up to a deadline for another process's lock and saying so.

    SQLite's own busy handler does the waiting; Python cannot hook it, so the first wait is
    cut at ``_NOTICE_SECONDS``, ``on_wait`` is told, and the statement is run again with the
    rest of the time. Only a statement that left no transaction open is run again (a refused
    ``BEGIN IMMEDIATE`` or a read): nothing of it happened.
    """

    def __init__(self, conn: sqlite3.Connection, *, url: str, timeout: float,
                 on_wait: Callable[[], None] | None) -> None:
        self.conn = conn
        self._url = url
        self._timeout = timeout
        self._notice = min(_NOTICE_SECONDS, timeout)
        self._on_wait = on_wait
        self._told = False
        self._busy_ms(self._notice)
        self._deadline: float | None = None

    def limit(self, deadline: float | None) -> None:
        """From now on stop statements at ``deadline`` (``time.monotonic()``; None: never).

        One running then is interrupted (SQLite asks the progress handler every few thousand
        steps) and none starts after it: both become :class:`QueryTimeout`.
        """
        self._deadline = deadline
        if deadline is None:
            self.conn.set_progress_handler(None, 0)
        else:
            self.conn.set_progress_handler(lambda: time.monotonic() > deadline, _PROGRESS_STEPS)

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def close(self) -> None:
        self.conn.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._waiting(lambda: self.conn.execute(sql, params))

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> sqlite3.Cursor:
        rows = list(params)  # a second attempt needs them again
        return self._waiting(lambda: self.conn.executemany(sql, rows))

    def _busy_ms(self, seconds: float) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {max(0, round(seconds * 1000))}")

    def _retryable(self, exc: sqlite3.Error) -> bool:
        return _code(exc) == sqlite3.SQLITE_BUSY and not self.conn.in_transaction

    def _waiting(self, run: Callable[[], T]) -> T:
        if self._deadline is not None and time.monotonic() > self._deadline:
            raise QueryTimeout()
        try:
            return run()
        except sqlite3.OperationalError as exc:
            if not self._retryable(exc):
                raise
            first = exc
        remaining = self._timeout - self._notice
        if remaining <= 0:
            raise self._gave_up() from first
        if self._on_wait is not None and not self._told:
            self._told = True
            self._on_wait()
        log.debug("%s is locked by another process; waiting up to %.0f s more", self._url, remaining)
        self._busy_ms(remaining)
        try:
            return run()
        except sqlite3.OperationalError as exc:
            if self._retryable(exc):
                raise self._gave_up() from exc
            raise
        finally:
            self._busy_ms(self._notice)

    def _gave_up(self) -> StoreBusyError:
        return StoreBusyError(f"Store {self._url!r} is still locked by another process (an ingest?) after "
                              f"{self._timeout:g} s; run the command again when it is done, or wait longer "
                              "with --timeout SECONDS.")


class SQLiteStore(SQLStore):
    """A :class:`~dossier.store.base.Store` in one SQLite file (``:memory:`` works for tests).

    Args:
        path: the file; ``:memory:`` for a private in-memory store.
        create: make the file and its tables when they are not there yet; without it a
            missing file, a folder, an empty database or another program's database is a
            :class:`~dossier.errors.NoStoreError` and nothing is written.
        migrate: bring an existing store's tables up to this Dossier's version.
        timeout: longest wait, in seconds, for another process's lock (default 600) before
            :class:`~dossier.errors.StoreBusyError`.
        on_wait: called once when a wait for a lock passes two seconds.
    """

    def __init__(self, path: str | Path, *, create: bool = False, migrate: bool = True,
                 timeout: float | None = None, on_wait: Callable[[], None] | None = None) -> None:
        self.url = str(path)
        memory = self.url == ":memory:"
        if not memory:
            self._check_path(create=create)
        # Without create, SQLite's mode=rw opens an existing file and never makes one.
        target = self.url if memory or create else f"file:{quote(os.path.abspath(self.url))}?mode=rw"
        wait = _BUSY_SECONDS if timeout is None else max(0.0, timeout)
        try:
            conn = sqlite3.connect(target, uri=target.startswith("file:"), isolation_level=None,
                                   check_same_thread=False, timeout=min(_NOTICE_SECONDS, wait))
        except sqlite3.Error as exc:
            raise self._open_error(exc) from exc
        try:
            conn.row_factory = sqlite3.Row
            self._db = _Connection(conn, url=self.url, timeout=wait, on_wait=on_wait)
            self._db.execute("PRAGMA foreign_keys = ON")
            if not memory:
                self._check_tables(create=create)  # before WAL mode, which writes to the file
                self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            if migrate:
                self.migrate()
        except sqlite3.Error as exc:
            conn.close()
            raise self._open_error(exc) from exc
        except BaseException:
            conn.close()
            raise

    def _check_path(self, *, create: bool) -> None:
        """Refuse an empty path, a folder, and (without ``create``) a file that is not there."""
        if not self.url.strip():
            raise NoStoreError("--db is empty; give the store's file, e.g. --db dossier.db.")
        path = Path(self.url).expanduser()
        if path.is_dir():
            raise NoStoreError(f"--db {self.url!r} is a folder, not a Dossier store; give a file in it, "
                               f"e.g. --db {path / 'dossier.db'}.")
        if create:
            parent = path.resolve().parent
            if not parent.is_dir():
                raise NoStoreError(f"Cannot create store {self.url!r}: folder {str(parent)!r} does not exist; "
                                   "create it or pick another --db.")
        elif not path.exists():
            where = "" if path.is_absolute() else f" ({path.absolute()})"
            raise NoStoreError(f"No Dossier store at {self.url!r}{where}; create one with "
                               f"`dossier ingest FILES --db {self.url}`, or check --db.")

    def _check_tables(self, *, create: bool) -> None:
        """A reader needs a Dossier store; a creator may start one only in an empty database."""
        tables = {row[0] for row in self._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
        if {"schema_migrations", "documents"} <= tables and self.schema_version() > 0:
            return
        if create and (not tables or tables == {"schema_migrations"}):
            return  # new, or a creation that was interrupted or is under way in another process
        if not tables or tables == {"schema_migrations"}:
            raise NoStoreError(f"No Dossier store in {self.url!r}: the file is an empty database; "
                               f"create the store with `dossier ingest FILES --db {self.url}`.")
        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise NoStoreError(f"{self.url!r} is a SQLite database but not a Dossier store (its tables: {shown}); "
                           "pick another --db.")

    def _open_error(self, exc: sqlite3.Error) -> StoreError:
        if _code(exc) in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CANTOPEN):
            return NoStoreError(f"Cannot open store {self.url!r}: {exc}; is it a Dossier database? "
                                "Pick another --db.")
        return StoreError(f"Cannot open store {self.url!r}: {exc}.")

    # -- plumbing ---------------------------------------------------------------------
    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[_Connection]:
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
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
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
            with self.transaction() as db:
                if self.schema_version() >= migration.version:
                    continue  # another process applied it while this one waited for the lock
                log.debug("applying migration %s to %s", migration.name, self.url)
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

    @contextmanager
    def time_budget(self, seconds: float) -> Iterator[None]:
        """Stop reading ``seconds`` from now: a statement still running is interrupted and none starts
        after, with :class:`QueryTimeout`. A page reading many rows stops at the next row."""
        self._db.limit(time.monotonic() + seconds)
        try:
            yield
        except (sqlite3.OperationalError, DossierError) as exc:
            if isinstance(exc, QueryTimeout) or not _interrupted(exc):
                raise
            raise QueryTimeout() from exc
        finally:
            self._db.limit(None)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Hits ranked by BM25 (title words weigh 4×); snippets only for the hits returned, from a bounded excerpt."""
        parsed = parse_query(query)
        try:
            rows = self._db.execute(
                "SELECT d.rowid AS rowid, d.id, d.title, d.outlet, d.published, d.published_precision, "
                "d.published_inferred, "
                "bm25(documents_fts, 4.0, 1.0) AS score "
                "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY score LIMIT ?",
                (to_fts5(parsed), limit),
            ).fetchall()
            snippets = self._snippets([int(r["rowid"]) for r in rows], to_fts5_highlight(parsed))
        except sqlite3.OperationalError as exc:
            if _interrupted(exc):
                raise QueryTimeout() from exc
            raise QueryError(f"Search query {query!r} could not be run ({exc}); "
                             "simplify it or quote the phrase.") from exc
        return [SearchHit(id=r["id"], title=r["title"], outlet=r["outlet"], published=r["published"],
                          snippet=snippets.get(int(r["rowid"]), ""), score=-float(r["score"]),
                          published_precision=r["published_precision"],
                          published_inferred=bool(r["published_inferred"])) for r in rows]

    def _snippets(self, rowids: list[int], expression: str | None) -> dict[int, str]:
        """rowid → snippet: matches marked by FTS5's highlight() (linear) in the first SNIPPET_CHARS
        characters of each text, copied into a private temporary table, then the best window.

        FTS5's own snippet() compares every match with every other one and runs for every matching
        row before LIMIT applies: a minute for one long article full of matches.
        """
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        excerpts = {int(r["rowid"]): (r["excerpt"], bool(r["more"])) for r in self._db.execute(
            f"SELECT rowid, substr(text, 1, ?) AS excerpt, length(text) > ? AS more FROM documents "
            f"WHERE rowid IN ({marks})", (SNIPPET_CHARS, SNIPPET_CHARS, *rowids))}
        marked: dict[int, str] = {}
        if expression is not None:
            # same tokenizer as documents_fts (migration 0001), so the same words match
            self._db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.snippet_text "
                             "USING fts5(text, tokenize = 'porter unicode61')")
            self._db.execute("DELETE FROM temp.snippet_text")
            self._db.executemany("INSERT INTO temp.snippet_text (rowid, text) VALUES (?, ?)",
                                 [(rowid, text) for rowid, (text, _) in excerpts.items()])
            marked = {int(r[0]): r[1] for r in self._db.execute(
                "SELECT rowid, highlight(snippet_text, 0, char(2), char(3)) FROM temp.snippet_text "
                "WHERE snippet_text MATCH ?", (expression,))}
            self._db.execute("DELETE FROM temp.snippet_text")
        return {rowid: window(marked.get(rowid, text), truncated=more) for rowid, (text, more) in excerpts.items()}



def _interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) is SQLite stopping a statement for the progress handler."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, sqlite3.OperationalError) and _code(seen) == sqlite3.SQLITE_INTERRUPT:
            return True
        seen = seen.__cause__
    return False
