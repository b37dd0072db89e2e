"""Small text helpers shared by the CLI, the exports and the answers."""

from __future__ import annotations

import os

__all__ = ["clip", "display_source"]


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
