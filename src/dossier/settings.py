"""Every option Dossier reads: its name, default, and help. CLI flags and env vars map here."""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["DEFAULT_DB", "Settings"]

DEFAULT_DB = "dossier.db"


@dataclass(frozen=True, slots=True)
class Settings:
    """Options for a pipeline run. Environment variables: DOSSIER_DB."""

    db: str = DEFAULT_DB
    """Store location: a SQLite path (default ./dossier.db) or a postgresql:// URL."""
    max_bytes: int = 50_000_000
    """Largest single article file (text, HTML, JSONL, feed) accepted; WARC files stream."""
    keep_bytes: int = 64_000_000
    """Inputs up to this size are kept verbatim in the store as a whole file."""

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {"db": os.environ.get("DOSSIER_DB") or DEFAULT_DB}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
