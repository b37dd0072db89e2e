"""Completeness: the public surface is exact, every command has help with an example."""

import importlib

import pytest
import typer
from typer.testing import CliRunner

import dossier
from dossier.cli.main import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_public_all_is_exact_and_importable():
    assert dossier.__all__ == sorted(dossier.__all__)
    for name in dossier.__all__:
        assert getattr(dossier, name) is not None
    with pytest.raises(AttributeError):
        dossier.no_such_thing  # noqa: B018


def test_contract_commands_exist():
    assert {"ingest", "export", "entities"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_db(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert "--db" in result.stdout


@pytest.mark.parametrize("module", ["dossier.ingest", "dossier.resolve", "dossier.graph"])
def test_subpackage_all_names_exist(module):
    imported = importlib.import_module(module)
    for name in imported.__all__:
        assert hasattr(imported, name), f"{module}.__all__ names {name!r} which does not exist"
