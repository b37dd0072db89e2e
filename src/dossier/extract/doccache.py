"""Whole-Doc facts the components ask for again and again, computed once per parsed Doc.

``Doc.text``, ``Doc.has_annotation`` and ``Doc.sents`` walk every token on each call;
components that asked once per fact made extraction quadratic in the document's length
(a 150,000-character text took minutes). They ask here instead: the answers are cached in
the Doc's ``user_data``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["has_sentences", "sentences", "text_of"]

_SENTS = "dossier.sentences"
_TEXT = "dossier.text"


def text_of(sdoc: Any) -> str:
    """``sdoc.text``, built once."""
    text: str | None = sdoc.user_data.get(_TEXT)
    if text is None:
        text = sdoc.text
        sdoc.user_data[_TEXT] = text
    return text


def has_sentences(sdoc: Any) -> bool:
    """Whether ``sdoc`` has sentence boundaries (from the parser or our paragraph component)."""
    return bool(_sentences(sdoc)[0])


def sentences(sdoc: Any) -> list[Any]:
    """The Doc's sentences as spans; the whole Doc as one sentence when it has no boundaries."""
    found, spans = _sentences(sdoc)
    return spans if found else [sdoc[:]]


def _sentences(sdoc: Any) -> tuple[bool, list[Any]]:
    cached: tuple[bool, list[Any]] | None = sdoc.user_data.get(_SENTS)
    if cached is None:
        found = sdoc.has_annotation("SENT_START")
        cached = (found, list(sdoc.sents) if found else [])
        sdoc.user_data[_SENTS] = cached
    return cached
