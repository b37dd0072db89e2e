"""What the SQL backends share: the same tables, the same statements, one set of rules.

SQLite and PostgreSQL differ in connecting, locking, migrating and full-text search; the
rest (writing a document with its facts, reading it back, listing, removing) is written
once here against a small connection interface with ``?`` placeholders, so both stores
behave the same by construction and the store test suite holds them to it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Protocol

from dossier.codec import KINDS, decode, encode
from dossier.errors import QueryError
from dossier.records import Document, Segment
from dossier.store.alerts import AlertsMixin
from dossier.store.base import DocSummary, InputRecord, RawRecord, SearchHit
from dossier.store.collect import CollectMixin
from dossier.store.derived import DerivedMixin
from dossier.store.entities import EntitiesMixin, loads

__all__ = ["Connection", "SQLStore", "loads", "now"]

_DOC_COLUMNS = (
    "id, source, url, format, title, authors, outlet, published, published_basis, published_precision, "
    "published_inferred, modified, language, text, raw_text, segments, clean_method, container, locator, meta"
)
_DOC_PLACEHOLDERS = ", ".join("?" * (_DOC_COLUMNS.count(",") + 2))  # every column, and ingested_at


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """The part of a DB-API connection the shared code uses; rows are addressed by column name."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, params: Iterable[Sequence[Any]], /) -> Any: ...


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLStore(EntitiesMixin, DerivedMixin, CollectMixin, AlertsMixin, ABC):
    """The shared half of :class:`SQLiteStore` and :class:`PostgresStore` (not a store by itself)."""

    url: str
    _db: Any  # a Connection
    _ORDER = "rowid"  # a column that grows with insertion order
    _LIMIT_ALL: int | None = -1  # what LIMIT takes to mean "no limit"

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Any]:
        """One write transaction, yielding the connection (each backend begins and commits its own way)."""

    @abstractmethod
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search in the backend's own engine over the shared query language."""

    # -- writes -----------------------------------------------------------------------
    def has_input(self, sha256: str) -> bool:
        return self._db.execute("SELECT 1 FROM inputs WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def raw_origin(self, sha256: str) -> str | None:
        row = self._db.execute("SELECT coalesce(input_sha256, '') AS origin FROM raws WHERE sha256 = ?",
                               (sha256,)).fetchone()
        return None if row is None else str(row["origin"])

    def record_input(self, record: InputRecord) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO inputs (sha256, source, size, format, data, documents, rejected, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                (record.sha256, record.source, record.size, record.format, record.data,
                 record.documents, record.rejected, now()),
            )

    def add_document(self, doc: Document, raw: RawRecord) -> bool:
        with self.transaction() as db:
            # ON CONFLICT makes two writers of the same document safe: the second waits for
            # the first to commit, then inserts nothing and stores only its raw bytes.
            cursor = db.execute(
                f"INSERT INTO documents ({_DOC_COLUMNS}, ingested_at) VALUES ({_DOC_PLACEHOLDERS}) "
                "ON CONFLICT (id) DO NOTHING",
                (*self._doc_row(doc), now()),
            )
            added: bool = cursor.rowcount == 1
            if added:
                self._write_facts(db, doc)
            db.execute(
                "INSERT INTO raws (sha256, doc_id, source, url, container, locator, data, input_sha256) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                (raw.sha256, doc.id, raw.source, raw.url, raw.container, raw.locator, raw.data, raw.input_sha256),
            )
        return added

    def _write_facts(self, db: Any, doc: Document) -> None:
        """Every extracted fact of ``doc`` (the caller holds the transaction)."""
        rows = []
        for kind in KINDS:
            for seq, item in enumerate(getattr(doc, kind)):
                span = getattr(item, "span", None)
                rows.append((doc.id, kind, seq, span.start if span else None, span.end if span else None,
                             self._json(encode(item))))
        if rows:
            db.executemany('INSERT INTO facts (doc_id, kind, seq, start, "end", data) VALUES (?, ?, ?, ?, ?, ?)',
                           rows)
        mentions = [(doc.id, seq, mention.span.start, mention.span.end, mention.text, mention.label, entity.name,
                     mention.role, mention.entity_id or entity.entity_id, mention.gazetteer)
                    for seq, (entity, mention) in enumerate((e, m) for e in doc.entities for m in e.mentions)]
        if mentions:
            db.executemany(
                'INSERT INTO mentions (doc_id, seq, start, "end", text, label, name, role, entity_id, gazetteer) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", mentions)

    def remove_document(self, doc_id: str) -> str:
        full = self._resolve_id(doc_id)
        with self.transaction() as db:
            db.execute(
                "DELETE FROM inputs WHERE sha256 IN (SELECT input_sha256 FROM raws WHERE doc_id = ?)", (full,)
            )
            db.execute("DELETE FROM documents WHERE id = ?", (full,))
        return full

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

    def get_document(self, doc_id: str, *, resolve_ids: bool = True) -> Document:
        full = self._resolve_id(doc_id)
        row = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (full,)).fetchone()
        return self._with_facts(self._row_doc(row), resolve_ids=resolve_ids)

    def _with_facts(self, doc: Document, *, resolve_ids: bool = True) -> Document:
        rows = self._db.execute(
            "SELECT kind, data FROM facts WHERE doc_id = ? ORDER BY kind, seq", (doc.id,)
        ).fetchall()
        if not rows:
            return doc
        found: dict[str, list[Any]] = {kind: [] for kind in KINDS}
        for row in rows:
            found[row["kind"]].append(decode(KINDS[row["kind"]], loads(row["data"])))
        facts: dict[str, Any] = {kind: tuple(items) for kind, items in found.items()}  # by field name
        doc = replace(doc, **facts)
        members = self.entity_members_of(doc.id) if resolve_ids else None
        if members:
            from dossier.entity_ids import apply_ids

            doc = apply_ids(doc, members.get)
        return doc

    def get_raws(self, doc_id: str) -> list[RawRecord]:
        full = self._resolve_id(doc_id)
        rows = self._db.execute(
            "SELECT sha256, doc_id, source, url, container, locator, data, input_sha256 FROM raws "
            f"WHERE doc_id = ? ORDER BY {self._ORDER}",
            (full,),
        ).fetchall()
        return [RawRecord(sha256=r["sha256"], doc_id=r["doc_id"], source=r["source"], data=bytes(r["data"]),
                          url=r["url"], container=r["container"], locator=r["locator"],
                          input_sha256=r["input_sha256"]) for r in rows]

    def list_documents(self, *, limit: int | None = None, offset: int = 0) -> list[DocSummary]:
        rows = self._db.execute(
            "SELECT id, title, outlet, published, published_precision, published_inferred, source, "
            "length(text) AS chars, language FROM documents "
            f"ORDER BY coalesce(published, '9999'), {self._ORDER} LIMIT ? OFFSET ?",
            (self._LIMIT_ALL if limit is None else limit, offset),
        ).fetchall()
        return [DocSummary(id=r["id"], title=r["title"], outlet=r["outlet"], published=r["published"],
                           source=r["source"], chars=r["chars"], language=r["language"],
                           published_precision=r["published_precision"],
                           published_inferred=bool(r["published_inferred"])) for r in rows]

    def iter_documents(self) -> Iterator[Document]:
        ids = [row["id"] for row in self._db.execute("SELECT id FROM documents ORDER BY id")]
        for doc_id in ids:
            yield self.get_document(doc_id)

    # -- publication dates from other documents (dossier.dating) ---------------------------
    # Entities held by more documents than this say nothing about which story a document tells.
    _DATING_CLUSTER_MAX = 1000
    _UNDATED = "(d.published IS NULL OR d.published_basis LIKE 'other-documents:%')"

    def dating_targets(self, touched: Sequence[str], *, removed: Sequence[str] = ()) -> list[str]:
        """Documents to (re-)date from others: the undated (or other-document dated) ones among
        ``touched`` or sharing an entity with one of them, and those whose basis names ``removed``."""
        found: set[str] = set()
        for start in range(0, len(touched), 500):
            chunk = list(touched[start:start + 500])
            marks = ", ".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT d.id FROM documents d WHERE d.id IN ({marks}) AND {self._UNDATED} "
                "UNION SELECT DISTINCT b.doc_id FROM entity_members a "
                "JOIN entity_members b ON b.cluster_id = a.cluster_id "
                "JOIN entity_clusters c ON c.id = a.cluster_id JOIN documents d ON d.id = b.doc_id "
                f"WHERE a.doc_id IN ({marks}) AND c.documents <= ? AND {self._UNDATED}",
                (*chunk, *chunk, self._DATING_CLUSTER_MAX)).fetchall()
            found.update(str(r["id"]) for r in rows)
        for doc_id in removed:
            rows = self._db.execute("SELECT id FROM documents WHERE published_basis LIKE ?",
                                    (f"other-documents:%{doc_id}%",)).fetchall()
            found.update(str(r["id"]) for r in rows)
        return sorted(found)

    def dating_peers(self, doc_id: str, *, limit: int) -> list[str]:
        """Documents dated by their own evidence that share ``doc_id``'s entities, rarest shared first."""
        rows = self._db.execute(
            "SELECT b.doc_id AS id, sum(CASE WHEN c.documents > 0 THEN 1.0 / c.documents ELSE 1.0 END) AS weight "
            "FROM entity_members a JOIN entity_members b ON b.cluster_id = a.cluster_id AND b.doc_id <> a.doc_id "
            "JOIN entity_clusters c ON c.id = a.cluster_id JOIN documents d ON d.id = b.doc_id "
            "WHERE a.doc_id = ? AND c.documents <= ? AND d.published IS NOT NULL "
            "AND (d.published_basis IS NULL OR d.published_basis NOT LIKE 'other-documents:%') "
            "GROUP BY b.doc_id ORDER BY weight DESC, b.doc_id LIMIT ?",
            (doc_id, self._DATING_CLUSTER_MAX, limit)).fetchall()
        return [str(r["id"]) for r in rows]

    def set_published(self, doc_id: str, published: str | None, *, precision: str | None, basis: str | None,
                      inferred: bool, until: str | None = None, facts: Document | None = None) -> None:
        """Replace a document's publication date (the range's last day is kept in meta), and with
        ``facts`` (the document as stored, provisional entity ids) its times and events, which
        were resolved against the old date."""
        with self.transaction() as db:
            row = db.execute("SELECT meta FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                return
            meta = {k: v for k, v in loads(row["meta"]).items() if k != "published_until"}
            if until:
                meta["published_until"] = until
            db.execute("UPDATE documents SET published = ?, published_precision = ?, published_basis = ?, "
                       "published_inferred = ?, meta = ? WHERE id = ?",
                       (published, precision, basis, bool(inferred), self._json(meta), doc_id))
            if facts is not None:
                kinds = ("times", "events")
                db.execute("DELETE FROM facts WHERE doc_id = ? AND kind IN (?, ?)", (doc_id, *kinds))
                rows = [(doc_id, kind, seq, item.span.start, item.span.end, self._json(encode(item)))
                        for kind in kinds for seq, item in enumerate(getattr(facts, kind))]
                if rows:
                    db.executemany('INSERT INTO facts (doc_id, kind, seq, start, "end", data) '
                                   "VALUES (?, ?, ?, ?, ?, ?)", rows)

    def counts(self) -> dict[str, int]:
        row = self._db.execute(
            "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM inputs) AS inputs, "
            "(SELECT count(*) FROM raws) AS raws, (SELECT count(DISTINCT outlet) FROM documents) AS outlets"
        ).fetchone()
        return {key: int(row[key]) for key in ("documents", "inputs", "raws", "outlets")}

    # -- rows -------------------------------------------------------------------------
    def _doc_row(self, doc: Document) -> tuple[Any, ...]:
        segments = [[s.kind, s.start, s.end, s.reason] for s in doc.segments]
        return (doc.id, doc.source, doc.url, doc.format, doc.title, self._json(list(doc.authors)), doc.outlet,
                doc.published, doc.published_basis, doc.published_precision, bool(doc.published_inferred),
                doc.modified, doc.language, doc.text, doc.raw_text,
                self._json(segments), doc.clean_method, doc.container, doc.locator, self._json(doc.meta))

    @staticmethod
    def _row_doc(row: Any) -> Document:
        segments = tuple(Segment(kind=k, start=s, end=e, reason=r) for k, s, e, r in loads(row["segments"]))
        return Document(
            id=row["id"], source=row["source"], url=row["url"], format=row["format"], title=row["title"],
            authors=tuple(loads(row["authors"])), outlet=row["outlet"], published=row["published"],
            published_basis=row["published_basis"], published_precision=row["published_precision"],
            published_inferred=bool(row["published_inferred"]), modified=row["modified"], language=row["language"],
            text=row["text"], raw_text=row["raw_text"], segments=segments, clean_method=row["clean_method"],
            container=row["container"], locator=row["locator"], meta=loads(row["meta"]),
        )
