"""Snippet windows, re-exported from :mod:`dossier.store.snippets` (the stores build the snippets)."""

from dossier.store.snippets import SNIPPET_CHARS, SNIPPET_WORDS, window

__all__ = ["SNIPPET_CHARS", "SNIPPET_WORDS", "window"]
