"""Dossier's one exception tree.

::

    DossierError
      InputError      unreadable, empty, wrong encoding, too large
      ConfigError     unknown backend, bad setting
      ExtractionError
      StoreError      migration, integrity, connection
        NoStoreError    --db names no Dossier store: missing, a folder, another kind of file (exit 2)
        StoreBusyError  another process held the store's lock longer than --timeout (exit 3)
      QueryError      malformed search, unknown entity
        QueryTimeout    a read ran past the caller's time budget (the web app's per request; exit 3)

A message names the problem, the value and the fix. Errors from third-party libraries
are mapped to these at the boundary and re-raised ``from`` the original.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DossierError",
    "ExtractionError",
    "InputError",
    "NoStoreError",
    "QueryError",
    "QueryTimeout",
    "StoreBusyError",
    "StoreError",
]


class DossierError(Exception):
    """Base of every error Dossier raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None, doc_id: str | None = None):
        super().__init__(message)
        self.source = source
        self.doc_id = doc_id


class InputError(DossierError):
    """An input cannot be read: missing, empty, binary, undecodable, too large."""


class ConfigError(DossierError):
    """An unknown backend or a bad setting."""

    exit_code = 2


class ExtractionError(DossierError):
    """An extraction stage failed on a document."""


class StoreError(DossierError):
    """The store cannot be opened, migrated or written."""


class NoStoreError(StoreError):
    """``--db`` names no Dossier store: nothing there, a folder, or a file or database of something else.

    Only commands that write (``ingest``) create a store; every other command stops with this.
    """

    exit_code = 2


class StoreBusyError(StoreError):
    """Another process held the store's lock longer than the caller agreed to wait (``--timeout``)."""

    exit_code = 3


class QueryError(DossierError):
    """A search or lookup cannot be run as written."""

    exit_code = 2


class QueryTimeout(QueryError):
    """A read ran past the time budget its caller gave the store (``Store.time_budget``) and was stopped."""

    exit_code = 3

    def __init__(self, message: str = "The request ran past its time budget and was stopped; narrow it "
                                      "(fewer or rarer words, a date range) and try again.", **context: str) -> None:
        super().__init__(message, **context)
