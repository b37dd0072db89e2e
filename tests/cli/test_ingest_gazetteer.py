"""`dossier ingest --no-gazetteer` and DOSSIER_GAZETTEER=off: documented, and they change what is stored."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier import open_store
from dossier.cli.main import app

TEXT = ("Islamic Emirate Says ISIS-K Cell Broken Up\n\n"
        "KABUL — The Islamic Emirate said on Monday that its forces had broken up an ISIS-K cell in Kabul. "
        "A Taliban spokesman said the Islamic State's local affiliate had planned attacks on the airport.\n\n"
        "AQIS, the al-Qaeda branch in South Asia, praised an attack on a checkpoint in Khost.\n")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _entities(db: str, runner: CliRunner) -> list[dict]:
    """The stored entities as `entities --json` lists them, with each one's gazetteer key."""
    result = runner.invoke(app, ["entities", "--all", "--json", "--db", db])
    assert result.exit_code == 0, result.stderr
    store = open_store(db)
    try:
        keys = {e.id: e.gazetteer for e in store.list_entities()}
    finally:
        store.close()
    return [{**e, "gazetteer": keys[e["id"]]} for e in json.loads(result.stdout)]


def _names(entities: list[dict]) -> set[str]:
    return {e["name"] for e in entities}


def test_ingest_help_documents_no_gazetteer_and_what_stays_on():
    result = CliRunner().invoke(app, ["ingest", "--help"])
    help_text = " ".join(result.stdout.split())
    assert "--no-gazetteer" in help_text and "DOSSIER_GAZETTEER=off" in help_text
    assert "Place coordinates for the map stay on" in help_text


@pytest.mark.parametrize("how", ["flag", "env"])
def test_ingest_without_gazetteer_stores_the_model_entities_unaliased(tmp_path, article, how):
    runner = CliRunner()
    on, off = str(tmp_path / "on.db"), str(tmp_path / "off.db")
    assert runner.invoke(app, ["ingest", str(article), "--db", on, "-q"]).exit_code == 0
    args, env = (["--no-gazetteer"], {}) if how == "flag" else ([], {"DOSSIER_GAZETTEER": "off"})
    assert runner.invoke(app, ["ingest", str(article), "--db", off, "-q", *args], env=env).exit_code == 0
    with_gazetteer, without = _entities(on, runner), _entities(off, runner)
    taliban = next(e for e in with_gazetteer if e["name"] == "Taliban")
    assert "Islamic Emirate" in taliban["aliases"] and taliban["gazetteer"] == "taliban"
    assert "Islamic State Khorasan Province" in _names(with_gazetteer)
    assert all(e["gazetteer"] is None for e in without)
    assert "Islamic State Khorasan Province" not in _names(without)
    emirate = [e for e in without if "Islamic Emirate" in (e["name"], *e["aliases"])]
    assert emirate and all("Taliban" not in (e["name"], *e["aliases"]) for e in emirate)


def test_ingest_flag_wins_over_the_environment(tmp_path, article):
    db = str(tmp_path / "on.db")
    result = CliRunner().invoke(app, ["ingest", str(article), "--db", db, "-q", "--gazetteer"],
                                env={"DOSSIER_GAZETTEER": "off"})
    assert result.exit_code == 0
    assert any(e["gazetteer"] == "taliban" for e in _entities(db, CliRunner()))


def test_ingest_bad_gazetteer_environment_is_one_usage_line(tmp_path, article):
    result = CliRunner().invoke(app, ["ingest", str(article), "--db", str(tmp_path / "x.db")],
                                env={"DOSSIER_GAZETTEER": "sometimes"})
    assert result.exit_code == 2
    assert "DOSSIER_GAZETTEER" in result.stderr and "Traceback" not in result.stderr
