"""The built-in backends, registered explicitly, and opening a store from a --db value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dossier.registry import Registry, registry
from dossier.store.base import Store

__all__ = ["open_store", "register_builtins", "store_backend_name"]


def _sqlite(url: str, **options: Any) -> Store:
    from dossier.store.sqlite import SQLiteStore

    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    return SQLiteStore(path, **options)


def _postgres(url: str, **options: Any) -> Store:
    from dossier.store.postgres import PostgresStore

    return PostgresStore(url, **options)


def register_builtins(target: Registry = registry) -> None:
    """Register Dossier's own backends (idempotent)."""
    target.register("store", "sqlite", _sqlite)
    target.register("store", "postgres", _postgres)


def store_backend_name(url: str) -> str:
    """Which store backend a --db value selects: a postgresql:// URL or a SQLite path."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgres"
    return "sqlite"


def open_store(url: str | Path, **options: Any) -> Store:
    """Open (and migrate) the store at ``url``: a file path, ``:memory:``, or a database URL."""
    register_builtins()
    text = str(url)
    factory = registry.get("store", store_backend_name(text))
    store: Store = factory(text, **options)
    return store
