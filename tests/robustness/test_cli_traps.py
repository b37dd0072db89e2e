"""Traps a careful user falls into on the command line: a mistyped --db, a store another process
holds locked. Each test drives the real CLI and checks the exit code, the one stderr line, and
that nothing was created or written where it should not be.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli.main import app
from dossier.store.migrations import load_migrations

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"

READ_COMMANDS = [
    ["docs"], ["search", "Taliban"], ["show", "deadbeef"], ["export"], ["export", "--format", "csv"], ["stats"],
    ["entities"], ["entity", "Taliban"], ["entity", "merge", "A", "B"], ["entity", "split", "A"], ["graph"],
    ["claims"], ["timeline"], ["ask", "Who?"], ["rm", "deadbeef"], ["serve"],
]


def run(*args: str, **kwargs):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store (the two fixture articles, no extraction) to copy per test."""
    db = tmp_path_factory.mktemp("stored") / "store.db"
    result = run("ingest", str(FIXTURES), "--db", str(db), "--no-extract", "--quiet")
    assert result.exit_code == 0, result.stderr
    return db


@pytest.fixture
def store_copy(stored: Path, tmp_path: Path) -> Path:
    db = tmp_path / "copy.db"
    source = sqlite3.connect(stored)
    target = sqlite3.connect(db)
    source.backup(target)  # a consistent copy, WAL contents included
    source.close()
    target.close()
    return db


# --- a --db that names no store ------------------------------------------------------------------

@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c))
def test_read_command_on_a_missing_store_exits_2_and_creates_nothing(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*command, "--db", "mystore.db")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: No Dossier store at 'mystore.db' ({tmp_path / 'mystore.db'}); create one with "
        "`dossier ingest FILES --db mystore.db`, or check --db."
    ]
    assert list(tmp_path.iterdir()) == []


def test_default_store_missing_is_named_with_its_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOSSIER_DB", raising=False)
    result = run("search", "Taliban")
    assert result.exit_code == 2
    assert f"No Dossier store at 'dossier.db' ({tmp_path / 'dossier.db'})" in result.stderr
    assert not (tmp_path / "dossier.db").exists()


@pytest.mark.parametrize("command", [["docs"], ["export"], ["ingest", str(FIXTURES)]], ids=lambda c: c[0])
def test_db_that_is_a_folder_exits_2_and_says_so(command, tmp_path):
    result = run(*command, "--db", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: --db '{tmp_path}' is a folder, not a Dossier store; give a file in it, "
        f"e.g. --db {tmp_path / 'dossier.db'}."
    ]
    assert list(tmp_path.iterdir()) == []


def test_empty_file_is_not_a_store_and_stays_empty(tmp_path):
    db = tmp_path / "empty.db"
    db.touch()
    result = run("docs", "--db", str(db))
    assert result.exit_code == 2
    assert "the file is an empty database" in result.stderr
    assert db.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


@pytest.mark.parametrize("command", [["docs"], ["ingest", str(FIXTURES)]], ids=lambda c: c[0])
def test_another_programs_sqlite_database_is_refused_untouched(command, tmp_path):
    db = tmp_path / "places.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    con.commit()
    con.close()
    before = db.read_bytes()
    result = run(*command, "--db", str(db))
    assert result.exit_code == 2
    assert "is a SQLite database but not a Dossier store (its tables: moz_places)" in result.stderr
    assert db.read_bytes() == before


def test_a_file_that_is_not_a_database_exits_2(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("just some notes\n" * 200)
    result = run("docs", "--db", str(db))
    assert result.exit_code == 2
    assert "file is not a database" in result.stderr and "Traceback" not in result.stderr


def test_empty_db_value_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in (["docs"], ["ingest", str(FIXTURES)]):
        result = run(*command, "--db", "")
        assert result.exit_code == 2
        assert "--db is empty" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_only_ingest_creates_the_store(tmp_path):
    db = tmp_path / "new.db"
    assert run("docs", "--db", str(db)).exit_code == 2 and not db.exists()
    assert run("ingest", str(FIXTURES), "--db", str(db), "--no-extract", "--quiet").exit_code == 0
    listed = run("docs", "--db", str(db), "--json")
    assert listed.exit_code == 0 and len(listed.stdout.strip().splitlines()) > 1


def test_postgres_database_without_dossier_tables_is_not_migrated_by_a_reader(postgres_url):
    import psycopg

    result = run("docs", "--db", postgres_url)
    assert result.exit_code == 2
    assert "No Dossier store in PostgreSQL database" in result.stderr
    with psycopg.connect(postgres_url) as conn:
        tables = conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        assert tables.fetchone()[0] == 0


# --- a store another process holds locked -------------------------------------------------------

HOLDER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":   # a process with the whole file locked: readers wait, even in WAL mode
    db.execute("PRAGMA locking_mode = EXCLUSIVE")
    db.execute("BEGIN EXCLUSIVE")
    db.execute("UPDATE documents SET title = title")
    db.execute("COMMIT")
else:                            # an ingest in the middle of a write
    db.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[3]))
"""


@pytest.fixture
def hold() -> Iterator:
    """``hold(db, how, seconds)``: another process takes the store's lock and keeps it."""
    started: list[subprocess.Popen[str]] = []

    def start(db: Path, how: str, seconds: float) -> subprocess.Popen[str]:
        proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), how, str(seconds)],
                                stdout=subprocess.PIPE, text=True)
        started.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        return proc

    yield start
    for proc in started:
        proc.kill()
        proc.wait()


def _make_migration_pending(db: Path) -> None:
    """The store as an older Dossier left it: its migrations from 6 on (an index, two columns,
    the derived facts of issue 13, the collected sources and alerts of issue 15) not applied yet."""
    con = sqlite3.connect(db)
    for table in ("derived_timeline", "derived_clusters", "derived_docs", "derived_meta", "collect_sources",
                  "collect_pages", "alerts", "alert_rules", "alert_state"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute("DROP INDEX mentions_doc_name")
    con.execute("ALTER TABLE documents DROP COLUMN published_precision")
    con.execute("ALTER TABLE documents DROP COLUMN published_inferred")
    con.execute("DELETE FROM schema_migrations WHERE version >= 6")
    con.commit()
    con.close()


def test_export_on_a_locked_store_says_what_it_waits_for_and_gives_up_at_timeout(store_copy, hold):
    hold(store_copy, "exclusive", 60)
    start = time.monotonic()
    result = run("export", "--db", str(store_copy), "--timeout", "3")
    elapsed = time.monotonic() - start
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"store {store_copy} is locked by another process (an ingest?); waiting up to 3 s…",
        f"error: Store '{store_copy}' is still locked by another process (an ingest?) after 3 s; run the "
        "command again when it is done, or wait longer with --timeout SECONDS.",
    ]
    assert elapsed < 30  # it gave up; without --timeout it would wait 10 minutes


def test_reader_that_must_migrate_waits_for_a_writer_then_gives_up(store_copy, hold):
    _make_migration_pending(store_copy)
    hold(store_copy, "immediate", 60)
    result = run("docs", "--db", str(store_copy), "--timeout", "2.5")
    assert result.exit_code == 3
    assert "is locked by another process (an ingest?); waiting up to 2.5 s…" in result.stderr
    assert "still locked by another process" in result.stderr


def test_reader_waits_quietly_and_migrates_once_the_writer_is_done(store_copy, hold):
    _make_migration_pending(store_copy)
    hold(store_copy, "immediate", 4)
    result = run("export", "--db", str(store_copy))
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr.splitlines() == [
        f"store {store_copy} is locked by another process (an ingest?); waiting… "
        "(--timeout SECONDS to give up sooner)",
    ]
    con = sqlite3.connect(store_copy)
    latest = max(m.version for m in load_migrations("sqlite"))
    assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == latest
    con.close()


def test_timeout_zero_fails_at_once_without_a_waiting_line(store_copy, hold):
    hold(store_copy, "exclusive", 60)
    result = run("stats", "--db", str(store_copy), "--timeout", "0")
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0].startswith("error: Store ")


def test_negative_timeout_is_a_usage_error(store_copy):
    assert run("docs", "--db", str(store_copy), "--timeout", "-1").exit_code == 2


def test_postgres_reader_waiting_for_a_migration_says_so_and_gives_up(postgres_url, tmp_path):
    import psycopg

    from dossier.store.postgres import _MIGRATE_LOCK

    assert run("ingest", str(FIXTURES / "kandahar_brief.txt"), "--db", postgres_url, "--no-extract",
               "--quiet").exit_code == 0
    with psycopg.connect(postgres_url, autocommit=True) as other:  # another process migrating the store
        other.execute("SELECT pg_advisory_lock(%s)", (_MIGRATE_LOCK,))
        result = run("docs", "--db", postgres_url, "--timeout", "1")
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0].endswith("is locked by another process (an ingest?); waiting up to 1 s…")
    assert "still locked by another process" in lines[1]
    assert "***" not in postgres_url or "***" in lines[0]


def test_concurrent_first_ingests_into_one_new_file_both_succeed(tmp_path):
    db = tmp_path / "race.db"
    dossier = shutil.which("dossier", path=str(Path(sys.executable).parent))
    assert dossier is not None
    runs = [subprocess.Popen([dossier, "ingest", str(FIXTURES / name), "--db", str(db), "--no-extract", "--quiet"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name in ("kandahar_brief.txt", "doha_note.html")]
    for proc in runs:
        _, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    latest = max(m.version for m in load_migrations("sqlite"))
    assert [r[0] for r in con.execute("SELECT version FROM schema_migrations")] == list(range(1, latest + 1))
    con.close()
