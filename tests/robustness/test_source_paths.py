"""Sources are stored as absolute paths, so `show` points at the file from any working directory,
and shown relative to the working directory when that is shorter. Ids never depend on the path.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli.main import app
from dossier.textutil import display_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    """tmp/mine/{articles}, tmp/work/deeper/ (another working directory), tmp/store.db."""
    shutil.copytree(FIXTURES, tmp_path / "mine")
    (tmp_path / "work" / "deeper").mkdir(parents=True)
    return tmp_path


def _shown_source(stdout: str) -> str:
    line = next(line for line in stdout.splitlines() if line.strip().startswith("source "))
    return line.split("source", 1)[1].strip()


def test_source_is_stored_absolute_and_shown_from_anywhere(layout, monkeypatch):
    monkeypatch.chdir(layout / "work")
    assert run("ingest", "../mine", "--db", "../store.db", "--no-extract", "-q").exit_code == 0
    docs = json.loads(run("docs", "--db", "../store.db", "--json").stdout)
    assert {d["source"] for d in docs} == {str(layout / "mine" / p.name) for p in FIXTURES.iterdir()}
    doc = docs[0]
    for cwd in (layout / "work" / "deeper", layout, Path("/")):
        monkeypatch.chdir(cwd)
        shown = _shown_source(run("show", doc["id"], "--db", str(layout / "store.db")).stdout)
        assert (cwd / shown).resolve() == Path(doc["source"]).resolve()
        assert len(shown) <= len(doc["source"])
    monkeypatch.chdir(layout)
    assert _shown_source(run("show", doc["id"], "--db", "store.db").stdout) == f"mine/{Path(doc['source']).name}"


def test_reingest_from_another_directory_changes_nothing(layout, monkeypatch):
    monkeypatch.chdir(layout / "work")
    assert run("ingest", "../mine", "--db", "../store.db", "--no-extract", "-q").exit_code == 0
    first = run("export", "--db", "../store.db").stdout
    monkeypatch.chdir(layout)
    again = run("ingest", "mine", "--db", "store.db", "--no-extract", "--json")
    assert again.exit_code == 0
    report = json.loads(again.stdout)
    assert report["added"] == [] and report["unchanged"] == 2
    assert run("export", "--db", "store.db").stdout == first


def test_ids_do_not_depend_on_where_the_file_is(layout, monkeypatch):
    monkeypatch.chdir(layout)
    shutil.copytree(layout / "mine", layout / "elsewhere")
    assert run("ingest", "mine", "--db", "a.db", "--no-extract", "-q").exit_code == 0
    assert run("ingest", str(layout / "elsewhere"), "--db", "b.db", "--no-extract", "-q").exit_code == 0
    ids = [sorted(d["id"] for d in json.loads(run("docs", "--db", db, "--json").stdout)) for db in ("a.db", "b.db")]
    assert ids[0] == ids[1]


def test_rejected_file_is_named_relative_to_the_working_directory(layout, monkeypatch):
    (layout / "mine" / "empty.txt").write_bytes(b"")
    monkeypatch.chdir(layout)
    result = run("ingest", "mine", "--db", "store.db", "--no-extract")
    assert result.exit_code == 1
    assert "rejected: mine/empty.txt: empty file" in result.stderr


def test_stdin_keeps_its_name(layout, monkeypatch):
    monkeypatch.chdir(layout)
    text = (FIXTURES / "kandahar_brief.txt").read_bytes()
    assert run("ingest", "-", "--db", "store.db", "--no-extract", "-q", input=text).exit_code == 0
    assert [d["source"] for d in json.loads(run("docs", "--db", "store.db", "--json").stdout)] == ["<stdin>"]


@pytest.mark.parametrize(("source", "cwd", "expected"), [
    ("/data/news/a.html", "/data", "news/a.html"),
    ("/data/news/a.html", "/data/news/deep/er", "../../a.html"),
    ("/data/news/a.html", "/home/someone/projects/x", "/data/news/a.html"),  # relative would be longer
    ("/data/feed.jsonl#line 3", "/data", "feed.jsonl#line 3"),
    ("https://example.com/a.html", "/data", "https://example.com/a.html"),
    ("<stdin>", "/data", "<stdin>"),
    ("samples/a.txt", "/elsewhere", "samples/a.txt"),  # stored relative by an older Dossier: as it was
])
def test_display_source_is_relative_only_when_shorter(source, cwd, expected):
    assert display_source(source, cwd=cwd) == expected


def test_display_source_uses_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_source(os.path.join(str(tmp_path), "x", "a.txt")) == os.path.join("x", "a.txt")
