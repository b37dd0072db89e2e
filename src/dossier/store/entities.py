"""The SQL stores' entity tables: clusters, members with their decisions, overrides, state."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from dossier.store.base import EntityRow

__all__ = ["EntitiesMixin", "loads"]


_COUNT = ("UPDATE entity_clusters SET mentions = (SELECT count(*) FROM mentions m JOIN entity_members em "
          "ON em.doc_id = m.doc_id AND em.name = m.name WHERE em.cluster_id = entity_clusters.id)")


def loads(value: Any) -> Any:
    """A JSON column's value: text in SQLite, already decoded from JSONB in PostgreSQL."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _count_mentions(db: Any, cluster_ids: list[str] | None) -> None:
    """Refresh the stored mention counts of these clusters (all of them when None)."""
    if cluster_ids is None:
        db.execute(_COUNT)
        return
    db.executemany(_COUNT + " WHERE id = ?", [(cid,) for cid in cluster_ids])


class EntitiesMixin:
    """Methods the SQL stores share for cross-document entities (``?`` placeholders, named columns)."""

    _db: Any

    def transaction(self) -> Any: ...  # provided by the store

    def _json(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def resolver_state(self) -> tuple[str, bytes] | None:
        row = self._db.execute("SELECT version, data FROM resolver_state WHERE id = 1").fetchone()
        return (row["version"], bytes(row["data"])) if row else None

    def write_entities(self, *, clusters: Iterable[Any], removed: Iterable[str], members: Iterable[Any],
                       dropped_docs: Iterable[str], state: tuple[str, bytes], full: bool = False) -> None:
        """Upsert changed clusters and their members, delete dissolved ones, save the resolver state.

        ``clusters`` are resolve.Cluster values, ``members`` (candidate, doc_id, name, cluster_id,
        rule, score, evidence) tuples for the members of those clusters; ``full`` replaces all.
        """
        with self.transaction() as db:
            if full:
                db.execute("DELETE FROM entity_clusters")
                db.execute("DELETE FROM entity_members")
            for doc_id in dropped_docs:
                db.execute("DELETE FROM entity_members WHERE doc_id = ?", (doc_id,))
            for cid in removed:
                db.execute("DELETE FROM entity_clusters WHERE id = ?", (cid,))
                db.execute("DELETE FROM entity_members WHERE cluster_id = ?", (cid,))
            for c in clusters:
                db.execute("DELETE FROM entity_members WHERE cluster_id = ?", (c.id,))
                db.execute(
                    "INSERT INTO entity_clusters (id, name, label, aliases, roles, gazetteer, documents) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                    "label = excluded.label, aliases = excluded.aliases, roles = excluded.roles, "
                    "gazetteer = excluded.gazetteer, documents = excluded.documents",
                    (c.id, c.name, c.label, self._json(list(c.aliases)), self._json(list(c.roles)), c.gazetteer,
                     len(c.documents)),
                )
            db.executemany(
                "INSERT INTO entity_members (candidate, doc_id, name, cluster_id, rule, score, evidence) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (candidate) DO UPDATE SET "
                "cluster_id = excluded.cluster_id, rule = excluded.rule, score = excluded.score, "
                "evidence = excluded.evidence",
                list(members),
            )
            _count_mentions(db, None if full else [c.id for c in clusters])
            db.execute(
                "INSERT INTO resolver_state (id, version, data) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data",
                state,
            )

    def unresolved_documents(self) -> list[str]:
        """Documents with extracted entities that no cluster holds yet (e.g. after an interrupted ingest)."""
        rows = self._db.execute(
            "SELECT DISTINCT m.doc_id FROM mentions m WHERE NOT EXISTS "
            "(SELECT 1 FROM entity_members em WHERE em.doc_id = m.doc_id) ORDER BY m.doc_id")
        return [r["doc_id"] for r in rows]

    def entity_members_of(self, doc_id: str) -> dict[str, str]:
        """Candidate key → cluster id for one document's entities."""
        rows = self._db.execute("SELECT candidate, cluster_id FROM entity_members WHERE doc_id = ?", (doc_id,))
        return {r["candidate"]: r["cluster_id"] for r in rows}

    def entity_overrides(self) -> list[tuple[str, ...]]:
        rows = self._db.execute("SELECT op, selectors FROM entity_overrides ORDER BY seq")
        return [(r["op"], *loads(r["selectors"])) for r in rows]

    def add_entity_override(self, op: str, selectors: Sequence[str]) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO entity_overrides (op, selectors, created_at) VALUES (?, ?, ?)",
                       (op, self._json(list(selectors)),
                        datetime.now(UTC).isoformat(timespec="seconds")))

    def list_entities(self, *, name: str | None = None) -> list[EntityRow]:
        """Resolved entities, most-mentioned first; ``name`` filters on name or alias (case-insensitive)."""
        rows = self._db.execute(
            "SELECT c.id, c.name, c.label, c.aliases, c.roles, c.gazetteer, c.documents, c.mentions "
            "FROM entity_clusters c ORDER BY c.mentions DESC, c.name, c.id"
        ).fetchall()
        found = [EntityRow(id=r["id"], name=r["name"], type=r["label"], aliases=tuple(loads(r["aliases"])),
                           roles=tuple(loads(r["roles"])), gazetteer=r["gazetteer"],
                           documents=int(r["documents"]), mentions=int(r["mentions"])) for r in rows]
        if name is None:
            return found
        wanted = name.casefold()
        return [e for e in found if e.id == name or wanted == e.name.casefold()
                or wanted in (a.casefold() for a in e.aliases)]

    def entity_decisions(self, cluster_id: str) -> list[dict[str, Any]]:
        rows = self._db.execute(
            "SELECT candidate, doc_id, name, rule, score, evidence FROM entity_members "
            "WHERE cluster_id = ? ORDER BY doc_id, name", (cluster_id,))
        return [dict(r) for r in rows]
