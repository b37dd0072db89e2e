"""The search query language, re-exported from :mod:`dossier.searchlang` (where the store reads it too)."""

from dossier.searchlang import (
    MAX_DEPTH,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    MIN_PREFIX,
    Group,
    Negation,
    Query,
    Term,
    parse_query,
    to_fts5,
    to_fts5_highlight,
    to_tsquery,
)

__all__ = ["MAX_DEPTH", "MAX_QUERY_CHARS", "MAX_TERMS", "MIN_PREFIX", "Group", "Negation", "Query", "Term",
           "parse_query", "to_fts5", "to_fts5_highlight", "to_tsquery"]
