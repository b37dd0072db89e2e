"""What only the PostgreSQL store has: a server to reach, locks, and concurrent migration."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pgserver import free_port

from dossier.backends import open_store
from dossier.errors import StoreError
from dossier.records import Document, content_hash
from dossier.store.base import RawRecord
from dossier.store.migrations import load_migrations
from dossier.store.postgres import redact

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
DOSSIER = Path(sys.executable).with_name("dossier")

pytestmark = pytest.mark.postgres


def test_postgres_store_refuses_a_newer_schema(postgres_url):
    import psycopg

    open_store(postgres_url, create=True).close()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    with pytest.raises(StoreError, match="upgrade Dossier"):
        open_store(postgres_url)


def test_postgres_processes_opening_a_new_database_at_once_migrate_it_once(postgres_url):
    import psycopg

    with ThreadPoolExecutor(max_workers=4) as pool:
        stores = list(pool.map(lambda _: open_store(postgres_url, create=True), range(4)))
    latest = max(m.version for m in load_migrations("postgres"))
    assert {s.schema_version() for s in stores} == {latest}
    for store in stores:
        store.close()
    with psycopg.connect(postgres_url) as conn:
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == list(range(1, latest + 1))



def test_postgres_unreachable_server_is_a_clear_error_without_the_password():
    url = f"postgresql://analyst:s3cret@127.0.0.1:{free_port()}/news"
    with pytest.raises(StoreError, match="Is the server running") as raised:
        open_store(url)
    assert "s3cret" not in str(raised.value) and "analyst:***@" in str(raised.value)
    assert redact("postgresql://u:p@h/db") == "postgresql://u:***@h/db"
    assert redact("postgresql://u@h/db") == "postgresql://u@h/db"


def test_postgres_missing_database_is_a_clear_error(postgres_server):
    with pytest.raises(StoreError, match="existing database"):
        open_store(postgres_server.dsn("no_such_database"))


def test_postgres_text_never_holds_nul_but_offsets_survive(postgres_url):
    text = "A broken\x00scrape"
    doc = Document(id=content_hash(text), source="s.txt", text=text, raw_text=text, title="T\x00", meta={"k": "v\x00"})
    store = open_store(postgres_url, create=True)
    store.add_document(doc, RawRecord(sha256="r", doc_id=doc.id, source="s.txt", data=b"A broken\x00scrape"))
    back = store.get_document(doc.id)
    assert back.text == "A broken\ufffdscrape" and len(back.text) == len(text)
    assert back.title == "T\ufffd" and back.meta == {"k": "v\ufffd"}
    assert store.get_raws(doc.id)[0].data == b"A broken\x00scrape"  # raw bytes are kept verbatim
    store.close()


def test_postgres_through_the_cli(postgres_url):
    run = subprocess.run([str(DOSSIER), "ingest", str(SAMPLES / "feed.xml"), "--db", postgres_url, "--json",
                          "--no-extract"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert len(report["added"]) == report["store"]["documents"] > 0
    found = subprocess.run([str(DOSSIER), "search", "Taliban", "--db", postgres_url, "--json"],
                           capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)
