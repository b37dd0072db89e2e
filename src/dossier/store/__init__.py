"""Stores: where documents and facts live. Backends are chosen by URL through the registry."""

from dossier.store.base import DocSummary, InputRecord, RawRecord, SearchHit, Store

__all__ = ["DocSummary", "InputRecord", "RawRecord", "SearchHit", "Store"]
