"""The shared store: PostgreSQL (psycopg 3), tsvector + GIN search, JSONB facts.

For a team on one corpus, or several ingest processes at once. Documents are written with
``INSERT … ON CONFLICT DO NOTHING`` in one transaction each, so concurrent writers of the
same article store it once; entity resolution runs under an advisory lock, so two ingests
never overwrite each other's resolver state; migrations run in one transaction under
another lock, so processes opening a new database at the same time migrate it once.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from dossier.errors import ConfigError, QueryError, StoreError
from dossier.query.search import parse_query, to_tsquery
from dossier.store.base import SearchHit
from dossier.store.migrations import load_migrations
from dossier.store.sql import SQLStore, now

__all__ = ["PostgresStore", "redact"]

log = logging.getLogger(__name__)

# Advisory lock keys (any two distinct bigints would do; these spell "dossier" + a digit).
_MIGRATE_LOCK = 0x646F737369657201
_RESOLVE_LOCK = 0x646F737369657202

# Title words weigh 1.0, body words 0.25 (the array is D, C, B, A), length-normalised.
_RANK = "ts_rank('{0.1, 0.2, 0.25, 1.0}', d.search, q.q, 1)"
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
    """A psycopg connection speaking the shared code's dialect (``?`` placeholders)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(_placeholders(sql), [_clean(p) for p in params])

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(_placeholders(sql), [[_clean(p) for p in row] for row in params])


class PostgresStore(SQLStore):
    """A :class:`~dossier.store.base.Store` in a PostgreSQL database, selected by a postgresql:// URL."""

    _ORDER = "seq"
    _LIMIT_ALL = None

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
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
        self._db = _Connection(conn)
        if migrate:
            try:
                self.migrate()
            except BaseException:
                conn.close()
                raise

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
        self._db.execute("SELECT pg_advisory_lock(?)", (_RESOLVE_LOCK,))
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
            db.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATE_LOCK,))
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
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        expression = to_tsquery(parse_query(query))
        try:
            rows = self._db.execute(
                "WITH q AS (SELECT to_tsquery('english', ?) AS q), "
                f"hits AS (SELECT d.id, d.title, d.outlet, d.published, d.text, {_RANK} AS score "
                "FROM documents d, q WHERE d.search @@ q.q ORDER BY score DESC, d.id LIMIT ?) "
                "SELECT h.id, h.title, h.outlet, h.published, h.score, "
                "ts_headline('english', left(h.text, 100000), q.q, ?) AS snippet "
                "FROM hits h, q ORDER BY h.score DESC, h.id",
                (expression, limit, _HEADLINE),
            ).fetchall()
        except self._errors as exc:
            raise QueryError(f"Search query {query!r} could not be run ({str(exc).strip()}); "
                             "simplify it or quote the phrase.") from exc
        return [SearchHit(id=r["id"], title=r["title"], outlet=r["outlet"], published=r["published"],
                          snippet=r["snippet"], score=float(r["score"])) for r in rows]
