"""Settings from the environment: DOSSIER_GAZETTEER switches the shipped actor gazetteer."""

import pytest

from dossier.errors import ConfigError
from dossier.settings import Settings, gazetteer_from_env


@pytest.mark.parametrize(("value", "expected"), [
    (None, True), ("", True), ("on", True), ("ON", True), ("1", True), ("yes", True), ("true", True),
    ("off", False), ("Off", False), ("0", False), ("no", False), ("false", False), (" off ", False),
])
def test_gazetteer_from_env_reads_a_switch(value, expected):
    assert gazetteer_from_env(value) is expected


def test_gazetteer_from_env_refuses_other_values_and_says_what_to_set():
    with pytest.raises(ConfigError, match="set it to on or off"):
        gazetteer_from_env("maybe")


def test_settings_from_env_honours_dossier_gazetteer(monkeypatch):
    monkeypatch.setenv("DOSSIER_GAZETTEER", "off")
    assert Settings.from_env().gazetteer is False
    assert Settings.from_env(gazetteer=True).gazetteer is True  # a command-line flag wins
    monkeypatch.delenv("DOSSIER_GAZETTEER")
    assert Settings.from_env().gazetteer is True
    assert Settings().gazetteer is True
