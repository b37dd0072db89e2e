"""The SQL stores' tables for live collection (:mod:`dossier.collect`): sources and the pages they led to.

One statement per write, each its own transaction, so a pass interrupted at any point keeps every
page it stored and what it knew about each source (an interrupted pass resumes from there).
"""

from __future__ import annotations

from typing import Any

from dossier.store.base import PageRow, SourceRow

__all__ = ["CollectMixin"]

_SOURCE_COLUMNS = ("url, saved, interval_s, kind, etag, last_modified, body_sha256, added_at, last_fetch, "
                   "last_new, last_error, next_due, documents")
_PAGE_COLUMNS = "url, source_url, status, sha256, doc_id, fetched_at, attempts, error"


def _source(row: Any) -> SourceRow:
    return SourceRow(url=row["url"], saved=bool(row["saved"]), interval_s=int(row["interval_s"]), kind=row["kind"],
                     etag=row["etag"], last_modified=row["last_modified"], body_sha256=row["body_sha256"],
                     added_at=row["added_at"], last_fetch=row["last_fetch"], last_new=row["last_new"],
                     last_error=row["last_error"], next_due=row["next_due"], documents=int(row["documents"]))


def _page(row: Any) -> PageRow:
    return PageRow(url=row["url"], source_url=row["source_url"], status=row["status"], sha256=row["sha256"],
                   doc_id=row["doc_id"], fetched_at=row["fetched_at"], attempts=int(row["attempts"]),
                   error=row["error"])


class CollectMixin:
    """Methods the SQL stores share for collection state (``?`` placeholders, named columns)."""

    _db: Any

    def transaction(self) -> Any: ...  # provided by the store

    def source_state(self, url: str) -> SourceRow | None:
        row = self._db.execute(f"SELECT {_SOURCE_COLUMNS} FROM collect_sources WHERE url = ?", (url,)).fetchone()
        return None if row is None else _source(row)

    def save_source(self, url: str, *, interval_s: int) -> bool:
        from dossier.store.sql import now

        with self.transaction() as db:
            before = db.execute("SELECT saved FROM collect_sources WHERE url = ?", (url,)).fetchone()
            # ON CONFLICT: a source collected once by hand keeps its fetch state (ETag, status) when saved.
            # It is due at once: a source collected before with another interval is not left waiting for that one.
            db.execute("INSERT INTO collect_sources (url, saved, interval_s, added_at) VALUES (?, 1, ?, ?) "
                       "ON CONFLICT (url) DO UPDATE SET saved = 1, interval_s = excluded.interval_s, next_due = NULL",
                       (url, interval_s, now()))
        return before is None or not before["saved"]

    def unsave_source(self, url: str) -> bool:
        with self.transaction() as db:
            cursor = db.execute("UPDATE collect_sources SET saved = 0 WHERE url = ? AND saved = 1", (url,))
            return bool(cursor.rowcount)

    def list_sources(self, *, saved_only: bool = True) -> list[SourceRow]:
        where = "WHERE saved = 1 " if saved_only else ""
        rows = self._db.execute(f"SELECT {_SOURCE_COLUMNS} FROM collect_sources {where}ORDER BY url").fetchall()
        return [_source(r) for r in rows]

    def due_sources(self, when: str) -> list[SourceRow]:
        rows = self._db.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM collect_sources WHERE saved = 1 AND (next_due IS NULL OR next_due <= ?) "
            "ORDER BY coalesce(next_due, ''), url", (when,)).fetchall()
        return [_source(r) for r in rows]

    def record_source(self, row: SourceRow) -> None:
        from dossier.store.sql import now

        values = (row.url, int(row.saved), row.interval_s, row.kind, row.etag, row.last_modified, row.body_sha256,
                  row.added_at or now(), row.last_fetch, row.last_new, row.last_error, row.next_due, row.documents)
        with self.transaction() as db:
            # ON CONFLICT: the watch list (saved, interval, added_at) is the user's; a fetch updates the rest.
            db.execute(
                f"INSERT INTO collect_sources ({_SOURCE_COLUMNS}) VALUES ({', '.join('?' * len(values))}) "
                "ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag, "
                "last_modified = excluded.last_modified, body_sha256 = excluded.body_sha256, "
                "last_fetch = excluded.last_fetch, last_new = excluded.last_new, last_error = excluded.last_error, "
                "next_due = excluded.next_due, documents = excluded.documents", values)

    def page_state(self, url: str) -> PageRow | None:
        row = self._db.execute(f"SELECT {_PAGE_COLUMNS} FROM collect_pages WHERE url = ?", (url,)).fetchone()
        return None if row is None else _page(row)

    def pages_to_retry(self, source_url: str, *, max_attempts: int) -> list[str]:
        rows = self._db.execute("SELECT url FROM collect_pages WHERE source_url = ? AND status = 'failed' "
                                "AND attempts < ? ORDER BY url", (source_url, max_attempts)).fetchall()
        return [str(r["url"]) for r in rows]

    def record_page(self, row: PageRow) -> None:
        values = (row.url, row.source_url, row.status, row.sha256, row.doc_id, row.fetched_at, row.attempts,
                  row.error)
        with self.transaction() as db:
            # ON CONFLICT: a page's latest outcome replaces the earlier one (a failed fetch that now succeeded).
            db.execute(f"INSERT INTO collect_pages ({_PAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (url) DO UPDATE SET source_url = coalesce(excluded.source_url, "
                       "collect_pages.source_url), status = excluded.status, sha256 = excluded.sha256, "
                       "doc_id = excluded.doc_id, fetched_at = excluded.fetched_at, attempts = excluded.attempts, "
                       "error = excluded.error", values)
