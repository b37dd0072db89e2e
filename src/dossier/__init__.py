"""Dossier: offline-first news intelligence. Turn a pile of articles into a sourced knowledge base.

>>> from dossier import open_store, ingest_paths
>>> store = open_store("news.db", create=True)  # readers leave out create: no store is made by accident
>>> report = ingest_paths(["samples/articles"], store=store)
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Re-exports are resolved lazily (PEP 562) so `import dossier.errors` stays cheap.
_EXPORTS = {
    "ConfigError": "dossier.errors",
    "Document": "dossier.records",
    "DossierError": "dossier.errors",
    "ExtractionError": "dossier.errors",
    "IngestReport": "dossier.pipeline",
    "InputError": "dossier.errors",
    "QueryError": "dossier.errors",
    "Raw": "dossier.records",
    "Rejection": "dossier.records",
    "Segment": "dossier.records",
    "Settings": "dossier.settings",
    "Span": "dossier.records",
    "StoreError": "dossier.errors",
    "ingest_paths": "dossier.pipeline",
    "open_store": "dossier.backends",
}

__all__ = sorted(_EXPORTS)


_RENAMED = {"ingest_paths": "ingest"}  # `dossier.ingest` is the ingest stage's package


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), _RENAMED.get(name, name))
    raise AttributeError(f"module 'dossier' has no attribute {name!r}")
