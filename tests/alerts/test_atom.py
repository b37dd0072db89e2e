"""The Atom feed parses as Atom 1.0, escapes what alerts quote, and links to the pages that show them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from dossier.alerts import Alert, AlertSpan, atom_feed, evaluate
from tests.alerts.conftest import NOW, Story

A = "{http://www.w3.org/2005/Atom}"
BASE = "http://127.0.0.1:8000"


def _hostile() -> Alert:
    return Alert(id="alr_0123456789abcdef", kind="dispute", key="clm_x", created="2026-03-01T12:00:00+00:00",
                 message='<script>alert("x")</script> & co\x01', docs=("d1",),
                 spans=(AlertSpan("d1", 0, 8, "<b>bold</b>"),), claim="clm_x", link="/claims?event=a&status=disputed")


def test_atom_feed_parses_and_escapes() -> None:
    body = atom_feed([_hostile()], base_url=BASE + "/")
    assert b"<script>" not in body and b"&lt;script&gt;" in body
    root = ET.fromstring(body)
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{tag}") is not None
    (entry,) = root.findall(f"{A}entry")
    assert entry.findtext(f"{A}title") == '<script>alert("x")</script> & co'  # control character dropped
    assert entry.findtext(f"{A}id") == "urn:dossier:alert:alr_0123456789abcdef"
    link = entry.find(f"{A}link")
    assert link is not None and link.get("href") == f"{BASE}/claims?event=a&status=disputed"
    content = entry.findtext(f"{A}content") or ""
    assert "<b>bold</b>" in content and "[d1 0–8]" in content
    category = entry.find(f"{A}category")
    assert category is not None and category.get("term") == "dispute"


def test_atom_feed_of_real_alerts_links_claims_and_timeline(story: Story) -> None:
    # a changed toll (report 03) and a new strike (report 04: a hospital blast)
    alerts = evaluate(story.snaps[2], story.snaps[3], now=NOW) + evaluate(story.snaps[3], story.snaps[4], now=NOW)
    root = ET.fromstring(atom_feed(alerts, base_url=BASE))
    entries = root.findall(f"{A}entry")
    assert len(entries) == len(alerts)
    assert len({e.findtext(f"{A}id") for e in entries}) == len(alerts)
    hrefs = {(e.find(f"{A}link").get("href") or "") for e in entries}  # type: ignore[union-attr]
    assert any(h.startswith(f"{BASE}/claims?") for h in hrefs)
    assert any(h.startswith(f"{BASE}/timeline") for h in hrefs)
    assert root.findtext(f"{A}updated") == NOW.isoformat(timespec="seconds")


def test_atom_feed_empty_is_valid() -> None:
    root = ET.fromstring(atom_feed([], base_url=BASE, updated="2026-01-01T00:00:00+00:00"))
    assert root.findall(f"{A}entry") == [] and root.findtext(f"{A}updated") == "2026-01-01T00:00:00+00:00"
