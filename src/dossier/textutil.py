"""Small text helpers shared by the CLI, the exports and the answers."""

from __future__ import annotations

import os

__all__ = ["UNKNOWN_OUTLET", "clip", "display_source", "outlet_name", "plural", "quoted"]


def clip(text: str, width: int, *, collapse: bool = True) -> str:
    """``text`` cut to ``width`` characters with an ellipsis; whitespace runs become one space.

    With ``collapse`` the leading indentation is kept (for indented listings); without it the
    text is only cut, so column alignment made of spaces survives.
    """
    if collapse:
        indent = text[: len(text) - len(text.lstrip())]
        text = indent + " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def display_source(source: str, *, cwd: str | None = None) -> str:
    """A stored source as a reader wants it: an absolute path relative to ``cwd`` (default: the
    working directory) when that is shorter; URLs, ``<stdin>`` and relative paths unchanged.

    >>> display_source("/data/news/a.html#line 3", cwd="/data")
    'news/a.html#line 3'
    >>> display_source("/data/news/a.html", cwd="/home/me/work")
    '/data/news/a.html'
    """
    if not os.path.isabs(source) or "://" in source:
        return source
    try:
        relative = os.path.relpath(source, cwd if cwd is not None else os.getcwd())
    except (OSError, ValueError):  # no working directory any more; another drive (Windows)
        return source
    return relative if len(relative) < len(source) else source


UNKNOWN_OUTLET = "unknown outlet"
"""How a document without a known outlet is named wherever outlets are listed."""

_QUOTES = "\"“”„«»‘’"


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is one.

    >>> plural(1, "document"), plural(0, "document"), plural(2, "match", "matches")
    ('1 document', '0 documents', '2 matches')
    """
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


def outlet_name(outlet: str | None) -> str:
    """The outlet, or :data:`UNKNOWN_OUTLET` when it is not known."""
    return outlet or UNKNOWN_OUTLET


def quoted(text: str, open_mark: str = "\"", close_mark: str = "\"") -> str:
    """``text`` between quotation marks, unless it already starts or ends with one (no ``""…""``).

    >>> quoted("the deal is dead"), quoted("“Not Saigon,” he said.")
    ('"the deal is dead"', '“Not Saigon,” he said.')
    """
    if text[:1] in _QUOTES or text[-1:] in _QUOTES:
        return text
    return f"{open_mark}{text}{close_mark}"
