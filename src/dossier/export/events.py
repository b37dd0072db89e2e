"""Event exports: a GDELT-like CSV (one row per event) and PLOVER-standard JSON events.

Both read the merged timeline, so an event several outlets reported is one row with its
sources, and every row carries the span it was read from.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from dossier.records import Document
from dossier.store.base import Store

__all__ = ["CSV_COLUMNS", "write_events_csv", "write_plover"]

CSV_COLUMNS = (
    "event_id", "date", "date_precision", "actor1", "actor1_id", "actor2", "actor2_id", "event_type", "mode",
    "modality", "action", "quantities", "place", "sources", "source_url", "doc", "start", "end", "text",
)


def _rows(store: Store, urls: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    """The merged timeline, in one pass over the documents; ``urls`` (if given) gets each one's source URL."""
    from dossier.query.timeline import build_timeline

    docs = store.iter_documents()
    return build_timeline(docs if urls is None else _noting_urls(docs, urls))


def _noting_urls(docs: Iterable[Document], urls: dict[str, str | None]) -> Iterator[Document]:
    """The documents, unchanged, noting each one's URL as it passes (no second read per cited document)."""
    for doc in docs:
        urls[doc.id] = doc.url or doc.source
        yield doc


def write_events_csv(store: Store, out: TextIO) -> int:
    """One CSV row per (merged) event; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    urls: dict[str, str | None] = {}
    rows = _rows(store, urls)
    for row in rows:
        source = row["sources"][0]
        writer.writerow({
            "event_id": row.get("id"), "date": row.get("date"), "date_precision": row.get("date_precision"),
            "actor1": row.get("actor"), "actor1_id": row.get("actor_id"), "actor2": row.get("target"),
            "actor2_id": row.get("target_id"), "event_type": row.get("type"), "mode": row.get("mode"),
            "modality": row.get("modality"), "action": row.get("action"),
            "quantities": json.dumps(row.get("quantities") or {}, sort_keys=True), "place": row.get("place"),
            "sources": len(row["sources"]), "source_url": urls.get(source["doc"]),
            "doc": source["doc"], "start": source["start"], "end": source["end"], "text": source["text"],
        })
    return len(rows)


def write_plover(store: Store, out: TextIO) -> int:
    """PLOVER-style JSON events (one object per line): event type, mode, actors, date, place, sources."""
    rows = _rows(store)
    for row in rows:
        record = {
            "id": row.get("id"),
            "event_type": row.get("type"),
            "mode": row.get("mode"),
            "context": [],
            "event_date": row.get("date"),
            "date_precision": row.get("date_precision"),
            "actor": row.get("actor"), "actor_id": row.get("actor_id"),
            "recipient": row.get("target"), "recipient_id": row.get("target_id"),
            "location": row.get("place"),
            "quantities": row.get("quantities") or {},
            "modality": row.get("modality"),
            "source_text": row["sources"][0]["text"],
            "sources": [{k: s.get(k) for k in ("doc", "outlet", "published", "published_precision",
                                               "published_inferred", "start", "end", "text")}
                        for s in row["sources"]],
        }
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return len(rows)
