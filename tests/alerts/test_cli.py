"""`dossier alerts [add|rules|rm]`: the contract's JSON, filters, exit codes scripts can trust, help with examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.backends import open_store
from dossier.cli.main import app
from dossier.pipeline import ingest
from tests.alerts.conftest import STORY

CONTRACT = {"id", "kind", "created", "message", "docs"}


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store that took reports 01 then 02 (toll 30 → 50) in two passes."""
    db = str(tmp_path_factory.mktemp("alerts-cli") / "s.db")
    store = open_store(db, create=True)
    try:
        for n in ("01", "02"):
            ingest([str(p) for p in STORY.glob(f"{n}_*.txt")], store=store, workers=1)
    finally:
        store.close()
    return db


@pytest.fixture
def db(grown: str, tmp_path: Path) -> str:
    copy = tmp_path / "s.db"
    shutil.copy(grown, copy)
    return str(copy)


def test_alerts_json_is_the_contract_list(grown: str) -> None:
    code, out, _ = _run("alerts", "--json", "--db", grown)
    rows = json.loads(out)
    assert code == 0 and rows and all(CONTRACT <= set(r) for r in rows)
    assert {r["kind"] for r in rows} <= {"dispute", "changed", "new-event", "new-source"}
    assert [r["created"] for r in rows] == sorted((r["created"] for r in rows), reverse=True)
    assert all(("claim" in r) == (r["kind"] in ("dispute", "changed")) for r in rows)
    assert all("event" in r for r in rows if r["kind"] == "new-event")


def test_alerts_kind_since_and_limit_filter(grown: str) -> None:
    code, out, _ = _run("alerts", "--json", "--kind", "changed", "--db", grown)
    (changed,) = json.loads(out)
    assert code == 0 and changed["message"] == "strike in Kramatorsk: killed 30 → 50 (2 reports)"
    assert [s["text"] for s in changed["spans"]][-1] == "50" and len(changed["docs"]) == 2
    both = json.loads(_run("alerts", "--json", "--kind", "changed,new-source", "--db", grown)[1])
    assert {r["kind"] for r in both} == {"changed", "new-source"}
    assert json.loads(_run("alerts", "--json", "--since", "2999-01-01", "--db", grown)[1]) == []
    assert json.loads(_run("alerts", "--json", "--since", "2000-01-01T00:00:00Z", "--db", grown)[1])
    assert len(json.loads(_run("alerts", "--json", "--limit", "1", "--db", grown)[1])) == 1


def test_alerts_text_names_message_and_cited_characters(grown: str) -> None:
    code, out, _ = _run("alerts", "--kind", "changed", "--db", grown)
    assert code == 0 and "changed" in out and "killed 30 → 50" in out and "] 50" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--since", "yesterday"], "is not an ISO 8601 date"),
    (["--kind", "rumour"], "Unknown alert kind 'rumour'"),
])
def test_alerts_bad_option_is_exit_2_with_one_line(grown: str, args: list[str], message: str) -> None:
    code, out, err = _run("alerts", *args, "--db", grown)
    assert code == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1


def test_alerts_on_a_missing_store_is_exit_2(tmp_path: Path) -> None:
    code, _, err = _run("alerts", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "No Dossier store" in err


def test_alerts_add_rules_rm_keep_rules_in_the_store(db: str) -> None:
    code, _, err = _run("alerts", "add", "--entity", "Kramatorsk", "--kind", "changed", "--db", db)
    assert code == 0 and err.startswith("added: rul_")
    assert _run("alerts", "add", "--entity", "Kramatorsk", "--kind", "changed", "--db", db)[2].startswith(
        "already kept: rul_")
    code, _, err = _run("alerts", "add", "--entity", "Wagner Group", "--webhook", "http://127.0.0.1:9/h", "--db", db)
    assert code == 0 and "no stored entity is called 'Wagner Group' yet" in err
    rules = json.loads(_run("alerts", "rules", "--json", "--db", db)[1])
    assert [(r["entity"], r["kinds"]) for r in rules] == [
        ("Kramatorsk", ["changed"]), ("Wagner Group", ["changed", "dispute", "new-event", "new-source"])]
    matching = json.loads(_run("alerts", "--matching", "--json", "--db", db)[1])
    assert [r["kind"] for r in matching] == ["changed"] and matching[0]["rules"] == [rules[0]["id"]]
    assert _run("alerts", "rm", rules[0]["id"], "--db", db)[0] == 0
    assert [r["id"] for r in json.loads(_run("alerts", "rules", "--json", "--db", db)[1])] == [rules[1]["id"]]
    assert json.loads(_run("alerts", "--matching", "--json", "--db", db)[1]) == []


@pytest.mark.parametrize(("args", "message"), [
    ([], "needs --entity NAME, --story ID, --kind K or --webhook URL"),
    (["--kind", "gossip"], "Unknown alert kind 'gossip'"),
    (["--story", "Kramatorsk"], "is not a claim or event id"),
    (["--entity", "X", "--webhook", "ftp://example.org/x"], "is not an http(s) URL"),
])
def test_alerts_add_bad_rule_is_exit_2(db: str, args: list[str], message: str) -> None:
    code, _, err = _run("alerts", "add", *args, "--db", db)
    assert code == 2 and message in err


def test_alerts_rm_unknown_rule_is_exit_2(db: str) -> None:
    code, _, err = _run("alerts", "rm", "rul_000000000000", "--db", db)
    assert code == 2 and "No alert rule 'rul_000000000000'" in err


@pytest.mark.parametrize("command", [["alerts"], ["alerts", "add"], ["alerts", "rules"], ["alerts", "rm"]])
def test_alerts_help_has_an_example_and_db(command: list[str]) -> None:
    code, out, _ = _run(*command, "--help")
    assert code == 0 and "Example:" in out and "--db" in out


@pytest.mark.parametrize("args", [("alerts",), ("alerts", "--json", "--matching"), ("alerts", "rules")], ids=" ".join)
def test_alerts_reading_commands_load_no_heavy_package(grown: str, args: tuple[str, ...]) -> None:
    from tests.robustness.test_lazy_imports import heavy_loaded

    assert heavy_loaded(*args, "--db", grown) == []


def test_ingest_no_alerts_loads_an_archive_that_never_alerts(tmp_path: Path) -> None:
    db = str(tmp_path / "archive.db")
    reports = [str(p) for n in ("01", "02") for p in STORY.glob(f"{n}_*.txt")]
    code, out, _ = _run("ingest", *reports, "--no-alerts", "--json", "--db", db)
    assert code == 0 and json.loads(out)["alerts"] == [] and len(json.loads(out)["added"]) == 2
    assert json.loads(_run("alerts", "--json", "--db", db)[1]) == []
    (third,) = STORY.glob("03_*.txt")
    code, out, err = _run("ingest", str(third), "--db", db)
    assert code == 0 and "new alert" in err
    changed = json.loads(_run("alerts", "--json", "--kind", "changed", "--db", db)[1])
    assert [a["message"] for a in changed] == ["strike in Kramatorsk: killed 50 → 52 (2 reports)"]
