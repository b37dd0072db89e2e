"""The What changed page (/alerts) and the Atom feed of alerts (/alerts.atom): every value escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from dossier.backends import open_store  # noqa: E402
from dossier.web.app import make_app  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"


def _alert(n: int, **fields: Any) -> dict[str, Any]:
    return {"id": f"alr_{n:016x}", "kind": "changed", "key": f"clm_{n}", "created": f"2026-03-0{n}T12:00:00+00:00",
            "message": f"strike in Kramatorsk: killed 3{n} → 5{n} (2 reports)", "docs": ["d1", "d2"],
            "claim": f"clm_{n:012x}", "spans": [{"doc": "d1", "start": 3, "end": 5, "text": f"3{n}"},
                                                 {"doc": "d2", "start": 7, "end": 9, "text": f"5{n}"}],
            "count": 1, "rules": [], "link": f"/claims?status=changed#clm_{n:012x}", "entities": [], "names": [],
            **fields}


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    db = str(tmp_path / "s.db")
    store = open_store(db, create=True)
    store.add_alerts([
        _alert(1),
        _alert(2, kind="new-source", message="New source: <script>alert(1)</script> & Co, 1 report", claim=None,
               spans=[], docs=["d<3>"], link="javascript:alert(1)"),
    ])
    store.close()
    return TestClient(make_app(db))


def test_alerts_page_lists_newest_first_with_cited_spans(client: TestClient) -> None:
    page = client.get("/alerts")
    assert page.status_code == 200 and "What changed (2)" in page.text
    assert page.text.index("New source:") < page.text.index("killed 31 → 51")
    assert 'href="/doc/d1?hl=3-5#c3"' in page.text and "<q>31</q>" in page.text
    assert 'href="/claims?status=changed#clm_000000000001"' in page.text
    assert '<a href="/alerts">What changed</a>' in page.text  # in the nav of every page


def test_alerts_page_escapes_every_value_and_follows_only_local_links(client: TestClient) -> None:
    page = client.get("/alerts")
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page.text
    assert "javascript:" not in page.text and "d&lt;3&gt;" in page.text


def test_alerts_page_filters_by_kind_and_since(client: TestClient) -> None:
    assert "New source" not in client.get("/alerts", params={"kind": "changed"}).text
    page = client.get("/alerts", params={"since": "2026-03-02"})
    assert "New source" in page.text and "killed 31" not in page.text
    assert 'href="/alerts.atom?since=2026-03-02"' in page.text
    assert '<link rel="alternate" type="application/atom+xml" title="Dossier alerts" href="/alerts.atom?since=2026-03-02">' \
        in page.text  # feed readers find the feed from the page
    zoned = client.get("/alerts?since=2026-03-02T02:00:00+02:00")  # a raw "+" arrives as a space
    assert zoned.status_code == 200 and "New source" in zoned.text and "killed 31" not in zoned.text


def test_alerts_page_bad_filter_is_400(client: TestClient) -> None:
    page = client.get("/alerts", params={"since": "last week"}, headers={"accept": "text/html"})
    assert page.status_code == 400 and "is not an ISO 8601 date" in page.text
    api = client.get("/alerts.atom", params={"kind": "rumour"})
    assert api.status_code == 400 and api.json()["ok"] is False


def test_alerts_atom_feed_lists_each_alert_once_with_links_on_the_server(client: TestClient) -> None:
    feed = client.get("/alerts.atom")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == ["urn:dossier:alert:alr_0000000000000002",
                                                          "urn:dossier:alert:alr_0000000000000001"]
    assert entries[0].findtext(f"{ATOM}title") == "New source: <script>alert(1)</script> & Co, 1 report"
    link = entries[1].find(f"{ATOM}link")
    assert link is not None and link.get("href") == "http://testserver/claims?status=changed#clm_000000000001"
    assert "[d2 7–9] 51" in (entries[1].findtext(f"{ATOM}content") or "")
    only = ET.fromstring(client.get("/alerts.atom", params={"kind": "new-source"}).content)
    assert len(only.findall(f"{ATOM}entry")) == 1


def test_alerts_page_on_an_empty_store_says_where_alerts_come_from(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    open_store(db, create=True).close()
    client = TestClient(make_app(db))
    page = client.get("/alerts")
    assert page.status_code == 200 and "dossier alerts add" in page.text
    assert ET.fromstring(client.get("/alerts.atom").content).findall(f"{ATOM}entry") == []


def test_alerts_an_upload_on_the_ingest_page_raises_its_alerts(tmp_path: Path) -> None:
    import re

    from tests.alerts.conftest import STORY

    db = str(tmp_path / "u.db")
    open_store(db, create=True).close()
    client = TestClient(make_app(db))
    for n in ("01", "02"):
        (path,) = STORY.glob(f"{n}_*.txt")
        found = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/ingest").text)
        assert found is not None
        sent = client.post("/ingest", data={"csrf": found.group(1)},
                           files={"files": (path.name, path.read_bytes(), "text/plain")})
        assert sent.status_code == 200
    page = client.get("/alerts", params={"kind": "changed"})
    assert "strike in Kramatorsk: killed 30 → 50 (2 reports)" in page.text
