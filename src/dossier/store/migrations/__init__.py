"""Versioned schema migrations, one folder of numbered ``NNNN_name.sql`` files per backend."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from importlib import resources

__all__ = ["Migration", "load_migrations", "split_statements"]


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


def split_statements(script: str) -> list[str]:
    """Split an SQL script into statements, keeping trigger bodies (BEGIN … END;) whole."""
    statements: list[str] = []
    buffer: list[str] = []
    for line in script.splitlines():
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer.append(line)
        candidate = "\n".join(buffer)
        if sqlite3.complete_statement(candidate):
            statements.append(candidate.strip())
            buffer = []
    if "\n".join(buffer).strip():
        statements.append("\n".join(buffer).strip())
    return statements


def load_migrations(backend: str) -> list[Migration]:
    """The migrations shipped for ``backend``, in version order."""
    folder = resources.files(__package__).joinpath(backend)
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        version = int(name.split("_", 1)[0])
        statements = tuple(split_statements(entry.read_text("utf-8")))
        found.append(Migration(version=version, name=name[:-4], statements=statements))
    return sorted(found, key=lambda m: m.version)
