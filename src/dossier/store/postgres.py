"""The shared store: PostgreSQL (psycopg 3), tsvector + GIN search, JSONB facts.

For a team on one corpus, or several ingest processes at once. Documents are written with
``INSERT … ON CONFLICT DO NOTHING`` in one transaction each, so concurrent writers of the
same article store it once; entity resolution runs under an advisory lock, so two ingests
never overwrite each other's resolver state; migrations run in one transaction under
another lock, so processes opening a new database at the same time migrate it once.

Only a caller that writes new data opens with ``create=True``; every other command finds
the Dossier tables there or stops with :class:`~dossier.errors.NoStoreError`, so pointing a
read command at the wrong database never fills it with empty tables.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from dossier.errors import ConfigError, NoStoreError, QueryError, QueryTimeout, StoreBusyError, StoreError
from dossier.searchlang import parse_query, to_tsquery
from dossier.store.base import SearchHit
from dossier.store.migrations import load_migrations
from dossier.store.snippets import SNIPPET_CHARS
from dossier.store.sql import SQLStore, now

__all__ = ["PostgresStore", "redact"]

log = logging.getLogger(__name__)

# Advisory lock keys (any two distinct bigints would do; these spell "dossier" + a digit).
_MIGRATE_LOCK = 0x646F737369657201
_RESOLVE_LOCK = 0x646F737369657202

# Title words weigh 1.0, body words 0.25 (the array is D, C, B, A), length-normalised.
_RANK = "ts_rank('{0.1, 0.2, 0.25, 1.0}', d.search, q.q, 1)"
_LOCK_NOT_AVAILABLE = "55P03"  # SQLSTATE of a lock wait cut by lock_timeout
_QUERY_CANCELED = "57014"  # SQLSTATE of a statement cut by statement_timeout
_HEADLINE = "StartSel=\x02, StopSel=\x03, MaxWords=32, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


@functools.lru_cache(maxsize=256)
def _placeholders(sql: str) -> str:
    """The shared code's ``?`` placeholders as psycopg's ``%s`` (literal % doubled first)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _clean(value: Any) -> Any:
    # PostgreSQL text cannot hold NUL; cleaned documents never contain it (the clean stage
    # strips control characters), so this only guards direct API use. Same length, so
    # offsets stay valid.
    return value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value


class _Connection:
    """A psycopg connection speaking the shared code's dialect (``?`` placeholders).

    A lock wait cut short by ``lock_timeout`` (``timeout=``) becomes a StoreBusyError.
    """

    def __init__(self, conn: Any, *, url: str) -> None:
        self.conn = conn
        self.url = url
        self.timeout: float | None = None
        self.deadline: float | None = None  # time.monotonic() after which no statement starts (time_budget)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise QueryTimeout()
        with self._busy():
            return self.conn.execute(_placeholders(sql), [_clean(p) for p in params])

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        with self._busy(), self.conn.cursor() as cursor:
            cursor.executemany(_placeholders(sql), [[_clean(p) for p in row] for row in params])

    @contextmanager
    def _busy(self) -> Iterator[None]:
        try:
            yield
        except Exception as exc:
            if getattr(exc, "sqlstate", None) != _LOCK_NOT_AVAILABLE:
                raise
            raise StoreBusyError(f"Store {redact(self.url)} is still locked by another process (an ingest?) "
                                 f"after {self.timeout or 0:g} s; run the command again when it is done, or "
                                 "wait longer with --timeout SECONDS.") from exc


class PostgresStore(SQLStore):
    """A :class:`~dossier.store.base.Store` in a PostgreSQL database, selected by a postgresql:// URL."""

    _ORDER = "seq"
    _LIMIT_ALL = None

    def __init__(self, url: str, *, create: bool = False, migrate: bool = True, timeout: float | None = None,
                 on_wait: Callable[[], None] | None = None) -> None:
        self.url = url
        self._on_wait = on_wait
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:
            raise ConfigError("PostgreSQL stores need psycopg: pip install 'dossier[postgres]'.") from exc
        self._errors: type[Exception] = psycopg.Error
        try:
            conn = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=10,
                                   application_name="dossier")
        except psycopg.Error as exc:
            raise StoreError(f"Cannot connect to PostgreSQL store {redact(url)}: {str(exc).strip()}. "
                             "Is the server running, and is the URL postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME "
                             "of an existing database?") from exc
        self._db = _Connection(conn, url=url)
        try:
            if timeout is not None:  # default: wait as long as it takes, as PostgreSQL does
                self._db.timeout = max(0.0, timeout)
                self._db.execute("SELECT set_config('lock_timeout', ?, false)",
                                 (f"{max(1, round(self._db.timeout * 1000))}ms",))
            if not create:
                self._check_tables()
            if migrate:
                self.migrate()
        except BaseException:
            conn.close()
            raise

    def _check_tables(self) -> None:
        """A reader needs Dossier's tables; an empty or foreign database is not migrated for it."""
        row = self._db.execute("SELECT to_regclass('documents') IS NOT NULL AS documents").fetchone()
        if not row["documents"] or self.schema_version() == 0:
            raise NoStoreError(f"No Dossier store in PostgreSQL database {redact(self.url)}: it has no Dossier "
                               "tables; create the store with `dossier ingest FILES --db URL`, or check --db.")

    def _lock(self, key: int, *, xact: bool) -> None:
        """Take an advisory lock (to the end of the transaction with ``xact``), telling ``on_wait``
        first when another process holds it."""
        kind = "xact_lock" if xact else "lock"
        if self._db.execute(f"SELECT pg_try_advisory_{kind}(?) AS taken", (key,)).fetchone()["taken"]:
            return
        if self._on_wait is not None:
            self._on_wait()
            self._on_wait = None
        self._db.execute(f"SELECT pg_advisory_{kind}(?)", (key,))

    # -- plumbing ---------------------------------------------------------------------
    def close(self) -> None:
        self._db.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[_Connection]:
        """One write transaction (a savepoint when nested): all of it commits, or none."""
        try:
            with self._db.conn.transaction():
                yield self._db
        except self._errors as exc:
            raise StoreError(f"Write to store {redact(self.url)} failed and was rolled back: "
                             f"{str(exc).strip()}.") from exc

    @contextmanager
    def resolution_lock(self) -> Iterator[None]:
        """A session advisory lock: one process re-resolves entities at a time, across machines."""
        self._lock(_RESOLVE_LOCK, xact=False)
        try:
            yield
        finally:
            if not self._db.conn.closed:
                self._db.execute("SELECT pg_advisory_unlock(?)", (_RESOLVE_LOCK,))

    def schema_version(self) -> int:
        row = self._db.execute(
            "SELECT to_regclass('schema_migrations') IS NOT NULL AS present").fetchone()
        if not row["present"]:
            return 0
        return int(self._db.execute("SELECT coalesce(max(version), 0) AS v FROM schema_migrations").fetchone()["v"])

    def migrate(self) -> None:
        """Apply every newer migration, all in one transaction, one process at a time."""
        migrations = load_migrations("postgres")
        known = max((m.version for m in migrations), default=0)
        with self.transaction() as db:
            self._lock(_MIGRATE_LOCK, xact=True)
            db.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                       "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            current = self.schema_version()
            if current > known:
                raise StoreError(
                    f"Store {redact(self.url)} has schema version {current}, newer than this Dossier knows "
                    f"({known}); upgrade Dossier to open it."
                )
            for migration in migrations:
                if migration.version <= current:
                    continue
                log.debug("applying migration %s to %s", migration.name, redact(self.url))
                for statement in migration.statements:
                    db.execute(statement)
                db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                           (migration.version, migration.name, now()))

    def _json(self, value: Any) -> str:
        return super()._json(value).replace("\\u0000", "\\ufffd")  # JSONB cannot hold NUL either

    # -- search -----------------------------------------------------------------------
    @contextmanager
    def time_budget(self, seconds: float) -> Iterator[None]:
        """Cancel a statement still running ``seconds`` from now (``statement_timeout``) and start no
        new one after that: :class:`QueryTimeout` instead. A statement started just before the
        deadline may run the whole budget again, so the worst case is twice ``seconds``."""
        self._db.execute("SELECT set_config('statement_timeout', ?, false)", (f"{max(1, round(seconds * 1000))}ms",))
        self._db.deadline = time.monotonic() + seconds
        try:
            yield
        except Exception as exc:
            if isinstance(exc, QueryTimeout) or not _cancelled(exc):
                raise
            raise QueryTimeout() from exc
        finally:
            self._db.deadline = None
            if not self._db.conn.closed:
                self._db.execute("RESET statement_timeout")

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Hits ranked by ts_rank; headlines only for the hits returned, from the first SNIPPET_CHARS characters."""
        expression = to_tsquery(parse_query(query))
        try:
            rows = self._db.execute(
                "WITH q AS (SELECT to_tsquery('english', ?) AS q), "
                f"hits AS (SELECT d.id, d.title, d.outlet, d.published, d.published_precision, "
                f"d.published_inferred, d.text, {_RANK} AS score "
                "FROM documents d, q WHERE d.search @@ q.q ORDER BY score DESC, d.id LIMIT ?) "
                "SELECT h.id, h.title, h.outlet, h.published, h.published_precision, h.published_inferred, h.score, "
                "ts_headline('english', left(h.text, ?), q.q, ?) AS snippet "
                "FROM hits h, q ORDER BY h.score DESC, h.id",
                (expression, limit, SNIPPET_CHARS, _HEADLINE),
            ).fetchall()
        except self._errors as exc:
            if _cancelled(exc):
                raise QueryTimeout() from exc
            raise QueryError(f"Search query {query!r} could not be run ({str(exc).strip()}); "
                             "simplify it or quote the phrase.") from exc
        return [SearchHit(id=r["id"], title=r["title"], outlet=r["outlet"], published=r["published"],
                          snippet=r["snippet"], score=float(r["score"]), published_precision=r["published_precision"],
                          published_inferred=bool(r["published_inferred"])) for r in rows]


def _cancelled(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) is PostgreSQL cancelling a statement at ``statement_timeout``."""
    seen: BaseException | None = exc
    while seen is not None:
        if getattr(seen, "sqlstate", None) == _QUERY_CANCELED:
            return True
        seen = seen.__cause__
    return False

