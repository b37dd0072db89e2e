"""The SQL stores' tables of derived facts: each document's claims and relations, and aggregates.

The store keeps them as JSON it does not interpret (:mod:`dossier.derived` decides what they
hold and when they are stale); it only writes a document's row in one statement, reads rows
back and joins a document's entities with their current clusters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from dossier.store.base import DerivedRow
from dossier.store.entities import loads

__all__ = ["DerivedMixin"]


class DerivedMixin:
    """Methods the SQL stores share for derived facts (``?`` placeholders, named columns)."""

    _db: Any
    _LIMIT_ALL: int | None  # what LIMIT takes to mean "no limit" (the store's)

    def transaction(self) -> Any: ...  # provided by the store

    def _json(self, value: Any) -> str:  # provided by the store (EntitiesMixin)
        raise NotImplementedError

    def derived_status(self) -> dict[str, tuple[str, str]]:
        """Every stored document's id → (version, fingerprint) of its derived row ("", "" if none)."""
        rows = self._db.execute(
            "SELECT d.id, coalesce(x.version, '') AS version, coalesce(x.fingerprint, '') AS fingerprint "
            "FROM documents d LEFT JOIN derived_docs x ON x.doc_id = d.id ORDER BY d.id")
        return {r["id"]: (r["version"], r["fingerprint"]) for r in rows}

    def derived_missing(self, version: str) -> int:
        """How many documents have no derived row of ``version``, leaving out those whose entities wait
        for resolution (an ingest still running stores them first and resolves them at its end)."""
        row = self._db.execute(
            "SELECT count(*) AS n FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM derived_docs x WHERE x.doc_id = d.id AND x.version = ?) "
            "AND (EXISTS (SELECT 1 FROM entity_members em WHERE em.doc_id = d.id) "
            "OR NOT EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = d.id))", (version,)).fetchone()
        return int(row["n"])

    def derived_inputs(self) -> Iterator[tuple[str, Any, Any]]:
        """(doc_id, keys, entities) of every derived row, by document id."""
        rows = self._db.execute("SELECT doc_id, keys, entities FROM derived_docs ORDER BY doc_id")
        for r in rows:
            yield r["doc_id"], loads(r["keys"]), loads(r["entities"])

    def derived_dates(self) -> dict[str, tuple[Any, ...]]:
        """Every document's publication date fields (what a derivation reads of the document's date)."""
        rows = self._db.execute("SELECT id, published, published_precision, published_basis, published_inferred "
                                "FROM documents")
        return {r["id"]: (r["published"], r["published_precision"], r["published_basis"],
                          bool(r["published_inferred"])) for r in rows}

    def entity_clusters_by_doc(self) -> dict[str, dict[str, str]]:
        """Every document's entity name → cluster id, as the resolver last wrote them."""
        found: dict[str, dict[str, str]] = {}
        for r in self._db.execute("SELECT doc_id, name, cluster_id FROM entity_members"):
            found.setdefault(r["doc_id"], {})[r["name"]] = r["cluster_id"]
        return found

    def write_derived(self, rows: Iterable[DerivedRow]) -> None:
        """Replace the derived rows of these documents (documents removed meanwhile are skipped)."""
        with self.transaction() as db:
            for row in rows:
                # ON CONFLICT: a re-derivation replaces the row in place; the INSERT … SELECT writes
                # nothing for a document another process removed since it was read.
                db.execute(
                    "INSERT INTO derived_docs (doc_id, version, fingerprint, keys, entities, claims, relations, "
                    "n_claims, n_relations, events, n_events) SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM documents "
                    "WHERE id = ? ON CONFLICT (doc_id) DO UPDATE SET version = excluded.version, "
                    "fingerprint = excluded.fingerprint, keys = excluded.keys, entities = excluded.entities, "
                    "claims = excluded.claims, relations = excluded.relations, n_claims = excluded.n_claims, "
                    "n_relations = excluded.n_relations, events = excluded.events, n_events = excluded.n_events",
                    (row.version, row.fingerprint, self._json(row.keys), self._json(row.entities),
                     self._json(row.claims), self._json(row.relations), len(row.claims), len(row.relations),
                     self._json(row.events), len(row.events), row.doc_id))

    def set_fingerprints(self, fingerprints: Iterable[tuple[str, str]]) -> None:
        """Record (doc_id, fingerprint) for rows whose facts were found unchanged."""
        with self.transaction() as db:
            db.executemany("UPDATE derived_docs SET fingerprint = ? WHERE doc_id = ?",
                           [(fp, doc_id) for doc_id, fp in fingerprints])

    def derived_claims(self) -> Iterator[Any]:
        """Every stored claim (JSON), documents in id order, claims in their stored order."""
        rows = self._db.execute("SELECT claims FROM derived_docs WHERE n_claims > 0 ORDER BY doc_id")
        for r in rows:
            yield from loads(r["claims"])

    def derived_relations(self, doc_ids: Sequence[str] | None = None) -> Iterator[Any]:
        """Every stored relation (JSON) of ``doc_ids`` (all documents when None), documents in id order."""
        if doc_ids is None:
            rows: Iterable[Any] = self._db.execute(
                "SELECT relations FROM derived_docs WHERE n_relations > 0 ORDER BY doc_id")
            for r in rows:
                yield from loads(r["relations"])
            return
        wanted = sorted(set(doc_ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            rows = self._db.execute(
                f"SELECT relations FROM derived_docs WHERE doc_id IN ({', '.join('?' * len(chunk))}) "
                "AND n_relations > 0 ORDER BY doc_id", chunk)
            for r in rows:
                yield from loads(r["relations"])

    def derived_meta(self, key: str) -> Any | None:
        """A corpus-wide aggregate written by :meth:`set_derived_meta`, None if there is none."""
        row = self._db.execute("SELECT value FROM derived_meta WHERE key = ?", (key,)).fetchone()
        # wrapped in an object: PostgreSQL hands a JSONB string back decoded, SQLite as JSON text
        return None if row is None else loads(row["value"]).get("value")

    def set_derived_meta(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO derived_meta (key, value) VALUES (?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, self._json({"value": value})))

    def write_clusters(self, clusters: Iterable[tuple[str, str | None, Any]], *, meta: dict[str, Any]) -> None:
        """Replace every stored claim cluster with (id, status, JSON) in list order, and set ``meta``
        (e.g. the version they were made by) in the same transaction."""
        with self.transaction() as db:
            db.execute("DELETE FROM derived_clusters")
            db.executemany("INSERT INTO derived_clusters (seq, id, status, data) VALUES (?, ?, ?, ?)",
                           [(seq, cid, status, self._json(data)) for seq, (cid, status, data) in enumerate(clusters)])
            for key, value in meta.items():
                self.set_derived_meta(key, value)  # joins this transaction

    def derived_clusters(self, *, status: str | None = None, settled: bool = True, limit: int | None = None,
                         offset: int = 0) -> Iterator[Any]:
        """Stored claim clusters (JSON) in list order: those of ``status``, else every settled one (every
        one with ``settled`` False); ``limit``/``offset`` cut a page."""
        params: list[Any] = []
        where = ""
        if status:
            where, params = "WHERE status = ?", [status]
        elif settled:
            where = "WHERE status IS NOT NULL"
        params += [self._LIMIT_ALL if limit is None else limit, offset]
        rows = self._db.execute(f"SELECT data FROM derived_clusters {where} ORDER BY seq LIMIT ? OFFSET ?", params)
        for r in rows:
            yield loads(r["data"])

    def derived_events(self) -> Iterator[tuple[str, list[Any]]]:
        """(doc_id, [[event, cited text], …]) of every document with events, by document id."""
        rows = self._db.execute("SELECT doc_id, events FROM derived_docs WHERE n_events > 0 ORDER BY doc_id")
        for r in rows:
            yield r["doc_id"], loads(r["events"])

    def write_timeline(self, rows: Iterable[tuple[str | None, str | None, bool, list[str], Any]], *,
                       meta: dict[str, Any]) -> None:
        """Replace the stored timeline with (lo, hi, factual, entity ids, row JSON) in order, and set
        ``meta`` in the same transaction."""
        with self.transaction() as db:
            db.execute("DELETE FROM derived_timeline")
            db.executemany(
                "INSERT INTO derived_timeline (seq, lo, hi, factual, entities, data) VALUES (?, ?, ?, ?, ?, ?)",
                [(seq, lo, hi, int(factual), self._json(ids), self._json(data))
                 for seq, (lo, hi, factual, ids, data) in enumerate(rows)])
            for key, value in meta.items():
                self.set_derived_meta(key, value)  # joins this transaction

    def derived_timeline(self, *, start: str | None = None, end: str | None = None, include_all: bool = False,
                         limit: int | None = None, offset: int = 0) -> Iterator[tuple[list[str], Any]]:
        """Stored timeline rows (entity ids, row JSON) in order: those whose dates meet [start, end]
        (ISO days; undated rows only when neither is given), factual ones unless ``include_all``."""
        where: list[str] = []
        params: list[Any] = []
        if not include_all:
            where.append("factual = 1")
        if start:
            where.append("hi >= ?")
            params.append(start)
        if end:
            where.append("lo <= ?")
            params.append(end)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        params += [self._LIMIT_ALL if limit is None else limit, offset]
        rows = self._db.execute(f"SELECT entities, data FROM derived_timeline {clause} ORDER BY seq LIMIT ? OFFSET ?",
                                params)
        for r in rows:
            yield loads(r["entities"]), loads(r["data"])

    def entity_names(self) -> dict[str, str]:
        """Every resolved entity's id → canonical name (what the actor graph labels nodes with)."""
        return {r["id"]: r["name"] for r in self._db.execute("SELECT id, name FROM entity_clusters")}

