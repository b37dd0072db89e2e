"""The contract's document record (one JSON object per line)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from dossier.records import Document

__all__ = ["document_record", "write_jsonl"]


def _facts(items: Iterable[Any]) -> list[Any]:
    return [item.to_json() if hasattr(item, "to_json") else item for item in items]


def document_record(doc: Document) -> dict[str, Any]:
    """A document as the contract's JSON record; facts not extracted yet stay empty lists."""
    return {
        "id": doc.id,
        "source": doc.url or doc.source,
        "title": doc.title,
        "authors": list(doc.authors),
        "outlet": doc.outlet,
        "published": doc.published,
        "published_precision": doc.published_precision if doc.published else None,
        "published_basis": doc.published_basis,
        "published_inferred": bool(doc.published_inferred) if doc.published else False,
        "text": doc.text,
        "entities": _facts(doc.entities),
        "quotes": _facts(doc.quotes),
        "events": _facts(doc.events),
        "quantities": _facts(doc.quantities),
        # beyond the contract: provenance of the metadata
        "path": doc.source,
        "url": doc.url,
        "published_until": doc.meta.get("published_until"),  # a range's last day (precision "range")
        "modified": doc.modified,
        "format": doc.format,
        "clean_method": doc.clean_method,
        "language": doc.language,  # ISO 639-1; a non-English document has no facts (English model only)
    }


def write_jsonl(docs: Iterable[Document], out: TextIO) -> int:
    """Write one record per line; returns how many were written."""
    count = 0
    for doc in docs:
        out.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
        count += 1
    return count
