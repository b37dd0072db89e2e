"""The embedded store: one SQLite file, WAL journal, FTS5 search, versioned migrations."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dossier.errors import QueryError, StoreError
from dossier.extract.codec import KINDS, decode, encode
from dossier.query.search import parse_query, to_fts5
from dossier.records import Document, Segment
from dossier.store.base import DocSummary, InputRecord, RawRecord, SearchHit
from dossier.store.migrations import load_migrations
from dossier.store.sqlite_entities import EntitiesMixin

__all__ = ["SQLiteStore"]

log = logging.getLogger(__name__)

_DOC_COLUMNS = (
    "id, source, url, format, title, authors, outlet, published, published_basis, modified, "
    "language, text, raw_text, segments, clean_method, container, locator, meta"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(EntitiesMixin):
    """A :class:`~dossier.store.base.Store` in one SQLite file (``:memory:`` works for tests)."""

    def __init__(self, path: str | Path, *, migrate: bool = True) -> None:
        self.url = str(path)
        if self.url != ":memory:":
            parent = Path(self.url).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"Cannot create store {self.url!r}: folder {str(parent)!r} does not exist; "
                                 "create it or pick another --db.")
        try:
            self._db = sqlite3.connect(self.url, isolation_level=None, check_same_thread=False, timeout=30)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA busy_timeout = 30000")
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
        """One write transaction: everything inside commits together or not at all."""
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
                    (migration.version, migration.name, _now()),
                )

    # -- writes -----------------------------------------------------------------------
    def has_input(self, sha256: str) -> bool:
        return self._db.execute("SELECT 1 FROM inputs WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def record_input(self, record: InputRecord) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO inputs (sha256, source, size, format, data, documents, rejected, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                (record.sha256, record.source, record.size, record.format, record.data,
                 record.documents, record.rejected, _now()),
            )

    def add_document(self, doc: Document, raw: RawRecord) -> bool:
        with self.transaction() as db:
            exists = db.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone() is not None
            if not exists:
                db.execute(f"INSERT INTO documents ({_DOC_COLUMNS}, ingested_at) VALUES ({', '.join('?' * 19)})",
                           (*_doc_row(doc), _now()))
                _write_facts(db, doc)
            db.execute(
                "INSERT INTO raws (sha256, doc_id, source, url, container, locator, data, input_sha256) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                (raw.sha256, doc.id, raw.source, raw.url, raw.container, raw.locator, raw.data, raw.input_sha256),
            )
        return not exists

    # -- reads ------------------------------------------------------------------------
    def _resolve_id(self, doc_id: str) -> str:
        rows = self._db.execute(
            "SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (doc_id, doc_id + "\uffff"),
        ).fetchall()
        if not rows or not doc_id:
            raise QueryError(f"No document with id {doc_id!r}; list ids with `dossier docs`.")
        if len(rows) > 1 and rows[0]["id"] != doc_id:
            raise QueryError(f"Document id {doc_id!r} is ambiguous; give more characters of the id.")
        return str(rows[0]["id"])

    def get_document(self, doc_id: str) -> Document:
        full = self._resolve_id(doc_id)
        row = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (full,)).fetchone()
        return self._with_facts(_row_doc(row))

    def _with_facts(self, doc: Document) -> Document:
        rows = self._db.execute(
            "SELECT kind, data FROM facts WHERE doc_id = ? ORDER BY kind, seq", (doc.id,)
        ).fetchall()
        if not rows:
            return doc
        found: dict[str, list[Any]] = {kind: [] for kind in KINDS}
        for row in rows:
            found[row["kind"]].append(decode(KINDS[row["kind"]], json.loads(row["data"])))
        facts: dict[str, Any] = {kind: tuple(items) for kind, items in found.items()}  # by field name
        doc = replace(doc, **facts)
        members = self.entity_members_of(doc.id)
        if members:
            from dossier.resolve import apply_ids

            doc = apply_ids(doc, members.get)
        return doc

    def get_raws(self, doc_id: str) -> list[RawRecord]:
        full = self._resolve_id(doc_id)
        rows = self._db.execute(
            "SELECT sha256, doc_id, source, url, container, locator, data, input_sha256 FROM raws "
            "WHERE doc_id = ? ORDER BY rowid",
            (full,),
        ).fetchall()
        return [RawRecord(sha256=r["sha256"], doc_id=r["doc_id"], source=r["source"], data=bytes(r["data"]),
                          url=r["url"], container=r["container"], locator=r["locator"],
                          input_sha256=r["input_sha256"]) for r in rows]

    def remove_document(self, doc_id: str) -> str:
        full = self._resolve_id(doc_id)
        with self.transaction() as db:
            db.execute(
                "DELETE FROM inputs WHERE sha256 IN (SELECT input_sha256 FROM raws WHERE doc_id = ?)", (full,)
            )
            db.execute("DELETE FROM documents WHERE id = ?", (full,))
        return full

    def list_documents(self, *, limit: int | None = None, offset: int = 0) -> list[DocSummary]:
        rows = self._db.execute(
            "SELECT id, title, outlet, published, source, length(text) AS chars FROM documents "
            "ORDER BY coalesce(published, '9999'), rowid LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
        return [DocSummary(id=r["id"], title=r["title"], outlet=r["outlet"], published=r["published"],
                           source=r["source"], chars=r["chars"]) for r in rows]

    def iter_documents(self) -> Iterator[Document]:
        ids = [row[0] for row in self._db.execute("SELECT id FROM documents ORDER BY id")]
        for doc_id in ids:
            yield self.get_document(doc_id)

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

    def counts(self) -> dict[str, int]:
        one = self._db.execute
        return {
            "documents": int(one("SELECT count(*) FROM documents").fetchone()[0]),
            "inputs": int(one("SELECT count(*) FROM inputs").fetchone()[0]),
            "raws": int(one("SELECT count(*) FROM raws").fetchone()[0]),
            "outlets": int(one("SELECT count(DISTINCT outlet) FROM documents").fetchone()[0]),
        }


def _write_facts(db: sqlite3.Connection, doc: Document) -> None:
    """Every extracted fact of ``doc`` (the caller holds the transaction)."""
    for kind in KINDS:
        for seq, item in enumerate(getattr(doc, kind)):
            span = getattr(item, "span", None)
            db.execute(
                'INSERT INTO facts (doc_id, kind, seq, start, "end", data) VALUES (?, ?, ?, ?, ?, ?)',
                (doc.id, kind, seq, span.start if span else None, span.end if span else None,
                 json.dumps(encode(item), ensure_ascii=False)),
            )
    seq = 0
    for entity in doc.entities:
        for mention in entity.mentions:
            db.execute(
                'INSERT INTO mentions (doc_id, seq, start, "end", text, label, name, role, entity_id, gazetteer) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, seq, mention.span.start, mention.span.end, mention.text, mention.label, entity.name,
                 mention.role, mention.entity_id or entity.entity_id, mention.gazetteer),
            )
            seq += 1


def _doc_row(doc: Document) -> tuple[Any, ...]:
    segments = [[s.kind, s.start, s.end, s.reason] for s in doc.segments]
    return (doc.id, doc.source, doc.url, doc.format, doc.title, json.dumps(list(doc.authors)), doc.outlet,
            doc.published, doc.published_basis, doc.modified, doc.language, doc.text, doc.raw_text,
            json.dumps(segments), doc.clean_method, doc.container, doc.locator, json.dumps(doc.meta))


def _row_doc(row: sqlite3.Row) -> Document:
    segments = tuple(Segment(kind=k, start=s, end=e, reason=r) for k, s, e, r in json.loads(row["segments"]))
    return Document(
        id=row["id"], source=row["source"], url=row["url"], format=row["format"], title=row["title"],
        authors=tuple(json.loads(row["authors"])), outlet=row["outlet"], published=row["published"],
        published_basis=row["published_basis"], modified=row["modified"], language=row["language"],
        text=row["text"], raw_text=row["raw_text"], segments=segments, clean_method=row["clean_method"],
        container=row["container"], locator=row["locator"], meta=json.loads(row["meta"]),
    )
