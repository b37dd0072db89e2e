"""A short summary of what a store holds, for `dossier stats` and the demo."""

from __future__ import annotations

from collections import Counter
from typing import Any

from dossier.store.base import Store
from dossier.textutil import UNKNOWN_OUTLET

__all__ = ["summarise"]


def summarise(store: Store) -> dict[str, Any]:
    """Counts, outlets (most documents first) and the publication date range."""
    rows = store.list_documents()
    counts = store.counts()
    outlets = Counter(r.outlet or UNKNOWN_OUTLET for r in rows)
    dates = sorted(r.published for r in rows if r.published)
    return {
        "documents": counts["documents"],
        "inputs": counts["inputs"],
        "outlets": len({r.outlet for r in rows if r.outlet}),
        "undated": sum(1 for r in rows if not r.published),
        "date_range": f"{dates[0]} to {dates[-1]}" if dates else None,
        "by_outlet": outlets.most_common(),
    }
