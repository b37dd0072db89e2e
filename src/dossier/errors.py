"""Dossier's one exception tree.

::

    DossierError
      InputError      unreadable, empty, wrong encoding, too large
      ConfigError     unknown backend, bad setting
      ExtractionError
      StoreError      migration, integrity, connection
      QueryError      malformed search, unknown entity

A message names the problem, the value and the fix. Errors from third-party libraries
are mapped to these at the boundary and re-raised ``from`` the original.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DossierError",
    "ExtractionError",
    "InputError",
    "QueryError",
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


class QueryError(DossierError):
    """A search or lookup cannot be run as written."""

    exit_code = 2
