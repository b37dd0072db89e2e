"""The clean stage: one raw input in, one document (main body + metadata) out."""

from __future__ import annotations

from dossier.clean.dispatch import clean

__all__ = ["clean"]
