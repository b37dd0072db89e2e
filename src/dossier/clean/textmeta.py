"""Metadata from scraped plain text: title, authors, outlet, dates (stub)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.clean.textrules import Line

__all__ = ["TextMeta", "extract_meta"]


@dataclass(frozen=True, slots=True)
class TextMeta:
    """Metadata found in the lines of one page, and which lines carried it."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None
    published_basis: str | None = None
    modified: str | None = None
    lines: dict[int, tuple[str, str]] = field(default_factory=dict)


def extract_meta(lines: list[Line], *, body_start: int) -> TextMeta:
    """Find title, authors, outlet and dates in the lines before and around the body."""
    return TextMeta()
