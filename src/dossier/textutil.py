"""Small text helpers shared by the CLI, the exports and the answers."""

from __future__ import annotations

__all__ = ["clip"]


def clip(text: str, width: int, *, collapse: bool = True) -> str:
    """``text`` cut to ``width`` characters with an ellipsis; whitespace runs become one space.

    With ``collapse`` the leading indentation is kept (for indented listings); without it the
    text is only cut, so column alignment made of spaces survives.
    """
    if collapse:
        indent = text[: len(text) - len(text.lstrip())]
        text = indent + " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
