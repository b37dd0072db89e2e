"""The built-in backends, registered explicitly: opening a store from a --db value, an engine by name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.errors import ConfigError
from dossier.registry import Registry, registry
from dossier.store.base import Store

if TYPE_CHECKING:
    from dossier.engine import Engine

__all__ = ["open_engine", "open_store", "register_builtins", "store_backend_name"]


def _sqlite(url: str, **options: Any) -> Store:
    from dossier.store.sqlite import SQLiteStore

    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    return SQLiteStore(path, **options)


def _postgres(url: str, **options: Any) -> Store:
    from dossier.store.postgres import PostgresStore

    return PostgresStore(url, **options)


def _local_engine(*, workers: int | None = None, address: str | None = None) -> Engine:
    if address is not None:
        raise ConfigError(f"--address {address} is for --engine ray; the local engine runs on this machine. "
                          "Add --engine ray or drop --address.")
    from dossier.engine import LocalEngine  # the clean stage's imports are slow; commands that only read skip them

    return LocalEngine(workers)


def _ray_engine(*, workers: int | None = None, address: str | None = None) -> Engine:
    from dossier.ray_engine import RayEngine  # Ray is optional and slow to import

    return RayEngine(address=address, workers=workers)


def register_builtins(target: Registry = registry) -> None:
    """Register Dossier's own backends (idempotent)."""
    target.register("store", "sqlite", _sqlite)
    target.register("store", "postgres", _postgres)
    target.register("engine", "local", _local_engine)
    target.register("engine", "ray", _ray_engine)


def store_backend_name(url: str) -> str:
    """Which store backend a --db value selects: a postgresql:// URL or a SQLite path."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgres"
    return "sqlite"


def open_store(url: str | Path, *, create: bool = False, timeout: float | None = None,
               on_wait: Callable[[], None] | None = None, **options: Any) -> Store:
    """Open (and migrate) the store at ``url``: a file path, ``:memory:``, or a database URL.

    Args:
        url: a SQLite file, ``:memory:``, or ``postgresql://…``.
        create: make the store when it is not there yet (what ``dossier ingest`` does); without
            it, a missing file, a folder or a database without Dossier's tables is a
            :class:`~dossier.errors.NoStoreError` and nothing is created or written.
        timeout: longest wait, in seconds, for a lock another process holds (SQLite default
            600; PostgreSQL default no limit), then :class:`~dossier.errors.StoreBusyError`.
        on_wait: called once when the store is waiting for such a lock (after ~2 s on SQLite).

    >>> store = open_store("news.db", create=True)  # doctest: +SKIP
    """
    register_builtins()
    text = str(url)
    factory = registry.get("store", store_backend_name(text))
    store: Store = factory(text, create=create, timeout=timeout, on_wait=on_wait, **options)
    return store


def open_engine(name: str, *, workers: int | None = None, address: str | None = None) -> Engine:
    """Start the engine ``name`` ("local", "ray", …); the caller closes it."""
    register_builtins()
    engine: Engine = registry.get("engine", name)(workers=workers, address=address)
    return engine
