"""The SQL stores' tables for alerts (:mod:`dossier.alerts`): the alerts passes raised, the rules, the last snapshot.

The store keeps alerts and rules as JSON it does not interpret (the alerts package decides what they
hold), with the columns a listing filters on (kind, created) beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dossier.store.entities import loads

__all__ = ["AlertsMixin"]


class AlertsMixin:
    """Methods the SQL stores share for alerts (``?`` placeholders, named columns)."""

    _db: Any
    _LIMIT_ALL: int | None  # what LIMIT takes to mean "no limit" (the store's)
    _ORDER: str  # a column that grows with insertion order (the store's)

    def transaction(self) -> Any: ...  # provided by the store

    def _json(self, value: Any) -> str:  # provided by the store (EntitiesMixin)
        raise NotImplementedError

    def add_alerts(self, alerts: Iterable[Mapping[str, Any]]) -> list[str]:
        """Store alerts (each as ``Alert.to_json()`` gives it); returns the ids that were not stored before."""
        added = []
        with self.transaction() as db:
            for alert in alerts:
                # ON CONFLICT: an alert id hashes the change it reports, so a second copy (the same change
                # found by a later or concurrent pass) is the same alert; the first one, and its time, is kept.
                cursor = db.execute(
                    "INSERT INTO alerts (id, kind, key, created, message, docs, claim, event, data) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    (alert["id"], alert["kind"], alert.get("key") or "", alert["created"], alert["message"],
                     self._json(list(alert.get("docs") or ())), alert.get("claim"), alert.get("event"),
                     self._json(dict(alert))))
                if cursor.rowcount == 1:
                    added.append(str(alert["id"]))
        return added

    def list_alerts(self, *, since: str | None = None, kinds: Sequence[str] = (), limit: int | None = None,
                    offset: int = 0) -> list[Any]:
        """Stored alerts (JSON), newest first (the last stored first among those of one second): those created at
        or after ``since`` (ISO 8601 UTC), of ``kinds``."""
        where: list[str] = []
        params: list[Any] = []
        if since:
            where.append("created >= ?")
            params.append(since)
        if kinds:
            where.append(f"kind IN ({', '.join('?' * len(kinds))})")
            params += list(kinds)
        clause = f"WHERE {' AND '.join(where)} " if where else ""
        params += [self._LIMIT_ALL if limit is None else limit, offset]
        rows = self._db.execute(f"SELECT data FROM alerts {clause}ORDER BY created DESC, {self._ORDER} DESC "
                                "LIMIT ? OFFSET ?",
                                params).fetchall()
        return [loads(r["data"]) for r in rows]

    def add_alert_rule(self, rule: Mapping[str, Any], *, created: str) -> bool:
        """Store a rule (``Rule.to_json()``); False when a rule with its id (the same rule) is stored already."""
        with self.transaction() as db:
            # ON CONFLICT: a rule's id hashes what it asks for, so adding it twice keeps one rule.
            cursor = db.execute(
                "INSERT INTO alert_rules (id, entity, story, kinds, webhook, created) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                (rule["id"], rule.get("entity"), rule.get("story"), self._json(sorted(rule.get("kinds") or ())),
                 rule.get("webhook"), created))
            return bool(cursor.rowcount == 1)

    def alert_rules(self) -> list[dict[str, Any]]:
        """Every stored rule as JSON (id, entity, story, kinds, webhook, created), oldest first."""
        rows = self._db.execute("SELECT id, entity, story, kinds, webhook, created FROM alert_rules "
                                "ORDER BY created, id").fetchall()
        return [{"id": r["id"], "entity": r["entity"], "story": r["story"], "kinds": loads(r["kinds"]),
                 "webhook": r["webhook"], "created": r["created"]} for r in rows]

    def remove_alert_rule(self, rule_id: str) -> bool:
        with self.transaction() as db:
            return bool(db.execute("DELETE FROM alert_rules WHERE id = ?", (rule_id,)).rowcount)

    def remove_alerts_citing(self, doc_ids: Sequence[str]) -> int:
        """Drop the alerts that cite any of ``doc_ids`` (documents removed: no alert without its source)."""
        gone = set(doc_ids)
        if not gone:
            return 0
        rows = self._db.execute("SELECT id, docs FROM alerts").fetchall()
        doomed = [r["id"] for r in rows if gone & set(loads(r["docs"]) or ())]
        with self.transaction() as db:
            for alert_id in doomed:
                db.execute("DELETE FROM alerts WHERE id = ?", (alert_id,))
        return len(doomed)

    def has_alert_state(self, key: str) -> bool:
        return self._db.execute("SELECT 1 FROM alert_state WHERE key = ?", (key,)).fetchone() is not None

    def alert_state(self, key: str) -> Any | None:
        """What :meth:`set_alert_state` kept under ``key`` (e.g. the last pass's snapshot), None if nothing."""
        row = self._db.execute("SELECT value FROM alert_state WHERE key = ?", (key,)).fetchone()
        # wrapped in an object: PostgreSQL hands a JSONB string back decoded, SQLite as JSON text
        return None if row is None else loads(row["value"]).get("value")

    def set_alert_state(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO alert_state (key, value) VALUES (?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, self._json({"value": value})))
