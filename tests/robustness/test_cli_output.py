"""Small things a careful user notices in the CLI's output: one search hit per two lines, counts in
the right number, one way to say "unknown outlet", no doubled quotation marks, a paged entity list,
and --limit 0 refused.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli.main import app
from dossier.textutil import UNKNOWN_OUTLET, plural, quoted

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"

PARAGRAPHS = """Kandahar checkpoints reopened

KANDAHAR — Provincial officials reopened four highway checkpoints on Monday after a week of closures.

The checkpoints had been shut after clashes near the city.

Traders said the closures had doubled the price of flour in the bazaar, and drivers waited for days.

Officials said the road would stay open while talks continued with local elders.
"""


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture
def one_doc(tmp_path: Path) -> str:
    """A store holding one scraped article with blank lines between paragraphs and no outlet."""
    article = tmp_path / "checkpoints.txt"
    article.write_text(PARAGRAPHS, encoding="utf-8")
    db = str(tmp_path / "one.db")
    result = run("ingest", str(article), "--db", db, "--no-extract")
    assert result.exit_code == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample corpus with extraction: over a hundred entities, quotes to cite."""
    db = str(tmp_path_factory.mktemp("samples") / "samples.db")
    result = run("ingest", str(SAMPLES), "--db", db, "--quiet")
    assert result.exit_code == 0, result.stderr
    return db


def test_search_hit_is_two_lines_whatever_newlines_the_snippet_holds(one_doc):
    hits = json.loads(run("search", "checkpoints OR closures OR officials", "--db", one_doc, "--json").stdout)
    assert hits and any("\n" in hit["snippet"] for hit in hits), "the fixture must give a snippet with newlines"
    shown = run("search", "checkpoints OR closures OR officials", "--db", one_doc)
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    assert len(lines) == 2 * len(hits)
    assert all(line.startswith("    ") for line in lines[1::2])
    assert all(re.fullmatch(r"[0-9a-f]{16}  .*", line) for line in lines[0::2])


def test_counts_of_one_are_singular(one_doc, tmp_path):
    again = tmp_path / "again.txt"
    again.write_text(PARAGRAPHS + "\n", encoding="utf-8")  # other bytes, the same article
    result = run("ingest", str(again), "--db", one_doc)
    assert result.stderr.strip() == (f"0 documents added, 1 duplicate, 0 inputs unchanged, 0 rejected — store "
                                     f"{one_doc} now holds 1 document from 0 outlets")
    result = run("ingest", str(again), "--db", one_doc)
    assert result.stderr.strip().startswith("0 documents added, 0 duplicates, 1 input unchanged, 0 rejected")
    assert run("stats", "--db", one_doc).stdout.startswith("1 document from 2 inputs, 0 outlets")
    out = tmp_path / "out.jsonl"
    assert run("export", "--db", one_doc, "--out", str(out)).stderr.strip() == f"1 document written to {out}"


def test_unknown_outlet_is_said_one_way(one_doc):
    assert UNKNOWN_OUTLET in run("docs", "--db", one_doc).stdout
    assert f"{UNKNOWN_OUTLET} undated" in run("search", "checkpoints", "--db", one_doc).stdout
    stats = run("stats", "--db", one_doc).stdout
    assert f"1  {UNKNOWN_OUTLET}" in stats and "(unknown" not in stats


@pytest.mark.parametrize("command", [["docs"], ["search", "checkpoints"], ["entities"]], ids=lambda c: c[0])
def test_limit_below_one_is_a_usage_error(command, one_doc):
    result = run(*command, "--db", one_doc, "--limit", "0")
    assert result.exit_code == 2
    assert "--limit" in result.stderr


def test_entities_table_shows_a_page_and_says_how_many_more(samples_db):
    every = json.loads(run("entities", "--db", samples_db, "--json").stdout)
    assert len(every) > 60, "the contract's --json lists every entity"
    lines = run("entities", "--db", samples_db).stdout.splitlines()
    assert len(lines) == 51
    assert lines[-1] == f"… and {len(every) - 50} more; use --limit N or --all"
    limited = run("entities", "--db", samples_db, "--limit", "5").stdout.splitlines()
    assert len(limited) == 6 and limited[-1] == f"… and {len(every) - 5} more; use --limit N or --all"
    assert len(run("entities", "--db", samples_db, "--all").stdout.splitlines()) == len(every)
    assert len(json.loads(run("entities", "--db", samples_db, "--json", "--limit", "3").stdout)) == 3
    assert not any(re.search(r"\b1 docs\b", line) for line in lines)


def test_ask_citation_that_starts_with_a_quote_is_not_quoted_again(samples_db):
    result = run("ask", "What did Blinken say?", "--db", samples_db)
    assert result.exit_code == 0
    assert "“This is manifestly not Saigon,” he said" in result.stdout
    for line in result.stdout.splitlines():
        assert not re.search(r"[\"“”]{2}", line.replace("“”", "")), line
        if re.match(r"\[\d+\] ", line):
            text = line.split(": ", 1)[1]
            assert text.endswith(('"', "”", ".")) or text.count('"') % 2 == 0, line


@pytest.mark.parametrize(("count", "noun", "plural_form", "expected"), [
    (0, "document", None, "0 documents"),
    (1, "document", None, "1 document"),
    (2, "entity", "entities", "2 entities"),
    (1, "entity", "entities", "1 entity"),
])
def test_plural(count, noun, plural_form, expected):
    assert plural(count, noun, plural_form) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the deal is dead", '"the deal is dead"'),
    ('"We will not allow it," he said.', '"We will not allow it," he said.'),
    ("“Not Saigon,” he said.", "“Not Saigon,” he said."),
    ("He called it “dead”", "He called it “dead”"),
    ("It's 'fine'", "\"It's 'fine'\""),
])
def test_quoted_never_doubles_marks(text, expected):
    assert quoted(text) == expected
