"""The /sources page: each saved source with its status, every value escaped."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from dossier.backends import open_store  # noqa: E402
from dossier.store.base import SourceRow  # noqa: E402
from dossier.web.app import make_app  # noqa: E402


def test_sources_page_lists_status_and_escapes(tmp_path) -> None:
    db = str(tmp_path / "s.db")
    store = open_store(db, create=True)
    url = "https://example.org/feed.xml?q=<b>x</b>"
    store.save_source(url, interval_s=1800)
    store.record_source(SourceRow(url=url, saved=True, interval_s=1800, kind="feed", last_fetch="2026-01-02T03:04:05+00:00",
                                  last_error="HTTP 503 <script>alert(1)</script>"))
    store.close()
    page = TestClient(make_app(db)).get("/sources")
    assert page.status_code == 200
    assert "https://example.org/feed.xml?q=&lt;b&gt;x&lt;/b&gt;" in page.text
    assert "<script>alert(1)" not in page.text and "HTTP 503 &lt;script&gt;" in page.text
    assert "2026-01-02T03:04:05+00:00" in page.text and "1800 s" in page.text


def test_sources_page_without_sources_says_how_to_add_one(tmp_path) -> None:
    db = str(tmp_path / "s.db")
    open_store(db, create=True).close()
    page = TestClient(make_app(db)).get("/sources")
    assert page.status_code == 200 and "dossier sources add" in page.text
