"""The CLI contract: exit codes, stderr lines, --db/DOSSIER_DB, and the JSONL record."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli.main import app, split_snippet

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
CONTRACT_FIELDS = {"id", "source", "title", "authors", "outlet", "published", "published_precision",
                   "published_basis", "published_inferred", "text", "entities", "quotes", "events", "quantities"}


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES, folder)
    return folder


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


def run(runner: CliRunner, *args: str, **kwargs):
    return runner.invoke(app, list(args), catch_exceptions=False, **kwargs)


def test_ingest_stores_every_document_and_exits_0(runner, corpus, db):
    result = run(runner, "ingest", str(corpus), "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["added"]) == 2 and report["rejected"] == []


def test_ingest_twice_changes_nothing(runner, corpus, db):
    run(runner, "ingest", str(corpus), "--db", db)
    first = run(runner, "export", "--format", "jsonl", "--db", db).stdout
    again = run(runner, "ingest", str(corpus), "--db", db, "--json")
    assert again.exit_code == 0
    report = json.loads(again.stdout)
    assert report["added"] == [] and report["unchanged"] == 2
    assert run(runner, "export", "--format", "jsonl", "--db", db).stdout == first


def test_ingest_bad_inputs_exit_1_name_each_and_keep_the_rest(runner, corpus, db, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "junk.bin").write_bytes(bytes(range(256)) * 40)
    missing = str(tmp_path / "no-such-file.txt")
    result = run(runner, "ingest", str(corpus), missing, "--db", db)
    assert result.exit_code == 1
    for name in ("empty.txt", "junk.bin", "no-such-file.txt"):
        assert name in result.stderr
    assert "Traceback" not in result.stderr
    listed = run(runner, "docs", "--db", db, "--json")
    assert len(json.loads(listed.stdout)) == 2


def test_ingest_without_paths_is_a_usage_error(runner, db):
    assert run(runner, "ingest", "--db", db).exit_code == 2


def test_ingest_reads_stdin(runner, db):
    text = (FIXTURES / "kandahar_brief.txt").read_bytes()
    result = run(runner, "ingest", "-", "--db", db, "--json", input=text)
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["added"]) == 1


def test_db_comes_from_environment(runner, corpus, tmp_path):
    env_db = str(tmp_path / "from-env.db")
    result = run(runner, "ingest", str(corpus), env={"DOSSIER_DB": env_db})
    assert result.exit_code == 0
    assert Path(env_db).exists()


def test_export_jsonl_has_contract_fields_and_no_invented_facts(runner, corpus, db):
    run(runner, "ingest", str(corpus), "--db", db)
    lines = run(runner, "export", "--format", "jsonl", "--db", db).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 2
    for record in records:
        assert CONTRACT_FIELDS <= set(record)
        assert record["text"].strip()
    html = next(r for r in records if r["source"].endswith(".html"))
    assert html["title"] == "Envoys Meet Again in Doha"
    assert html["published"] == "2020-09-14"
    assert "All rights reserved" not in html["text"]


def test_export_writes_a_file(runner, corpus, db, tmp_path):
    run(runner, "ingest", str(corpus), "--db", db)
    target = tmp_path / "out.jsonl"
    result = run(runner, "export", "--format", "jsonl", "--out", str(target), "--db", db)
    assert result.exit_code == 0
    assert len(target.read_text().splitlines()) == 2


def test_export_unknown_format_lists_known_ones(runner, db):
    result = run(runner, "export", "--format", "pdf", "--db", db)
    assert result.exit_code == 2
    assert "Known: jsonl, csv, plover, graphml, stix, markdown" in result.stderr


def test_show_prints_clean_text_and_raw_bytes(runner, corpus, db):
    run(runner, "ingest", str(corpus), "--db", db)
    docs = json.loads(run(runner, "docs", "--db", db, "--json").stdout)
    text_doc = next(d for d in docs if d["source"].endswith(".txt"))
    shown = run(runner, "show", text_doc["id"][:8], "--db", db)
    assert shown.exit_code == 0
    assert "reopened four highway checkpoints" in shown.stdout
    assert "Share on Facebook" not in shown.stdout
    raw = run(runner, "show", text_doc["id"], "--raw", "--db", db)
    assert raw.stdout_bytes == (FIXTURES / "kandahar_brief.txt").read_bytes()


def test_show_unknown_id_is_one_clean_line(runner, corpus, db):
    run(runner, "ingest", str(corpus), "--db", db)
    result = run(runner, "show", "deadbeef", "--db", db)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: No document with id 'deadbeef'; list ids with `dossier docs`."
    ]


def test_search_highlights_and_malformed_query_is_clear(runner, corpus, db):
    run(runner, "ingest", str(corpus), "--db", db)
    hits = json.loads(run(runner, "search", "checkpoints", "--db", db, "--json").stdout)
    assert len(hits) == 1
    start, end = hits[0]["highlights"][0]
    assert hits[0]["snippet"][start:end].lower() == "checkpoints"
    bad = run(runner, "search", "Taliban AND", "--db", db)
    assert bad.exit_code == 2
    assert "incomplete" in bad.stderr and "Traceback" not in bad.stderr


def test_debug_shows_the_traceback(runner, db):
    result = runner.invoke(app, ["search", "Taliban AND", "--db", db, "--debug"])
    assert result.exception is not None


def test_rm_removes_a_document_and_reingest_restores_it(runner, corpus, db):
    run(runner, "ingest", str(corpus), "--db", db)
    docs = json.loads(run(runner, "docs", "--db", db, "--json").stdout)
    gone = docs[0]["id"]
    assert run(runner, "rm", gone[:8], "--db", db).exit_code == 0
    left = json.loads(run(runner, "docs", "--db", db, "--json").stdout)
    assert [d["id"] for d in left] == [d["id"] for d in docs[1:]]
    assert run(runner, "show", gone, "--db", db).exit_code == 2
    again = json.loads(run(runner, "ingest", str(corpus), "--db", db, "--json").stdout)
    assert again["added"] == [gone]


@pytest.mark.parametrize("command", ["ingest", "docs", "show", "search", "export", "stats", "rm", "entities",
                                     "entity", "graph"])
def test_every_command_has_help_with_an_example(runner, command):
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert "--db" in result.stdout


def test_split_snippet_returns_offsets_of_highlights():
    text, spans = split_snippet("the \x02Taliban\x03 and \x02al\x03-Qaeda")
    assert text == "the Taliban and al-Qaeda"
    assert [text[s:e] for s, e in spans] == ["Taliban", "al"]


def test_show_facts_lists_extracted_entities_and_quotes(runner, corpus, db):
    run(runner, "ingest", str(corpus), "--db", db)
    docs = json.loads(run(runner, "docs", "--db", db, "--json").stdout)
    text_doc = next(d for d in docs if d["source"].endswith(".txt"))
    shown = run(runner, "show", text_doc["id"], "--facts", "--db", db).stdout
    assert "entities (" in shown and "quotes (" in shown and "events (" in shown
    assert "Kandahar" in shown.split("entities (", 1)[1]
