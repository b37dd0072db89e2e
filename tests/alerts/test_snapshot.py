"""Snapshots of pages collected from the web: a document's source is its outlet, else its domain."""

from __future__ import annotations

import json
from pathlib import Path

from dossier.alerts import evaluate, take_snapshot
from dossier.backends import open_store
from dossier.pipeline import ingest
from tests.alerts.conftest import NOW

TEXT = ("Officials in Kherson said on Monday that shelling had damaged the main bridge over the river, "
        "cutting the road to the eastern bank for the second time this month. ") * 2


def test_pages_of_a_new_domain_are_one_new_source_alert(tmp_path: Path) -> None:
    feed = tmp_path / "pages.jsonl"
    feed.write_text("".join(json.dumps({"url": f"https://www.kherson-bulletin.net/news/{i}", "title": f"Bridge {i}",
                                        "text": f"{TEXT} Report number {i}."}) + "\n" for i in range(2)))
    store = open_store(str(tmp_path / "web.db"), create=True)
    try:
        before = take_snapshot(store, now=NOW)
        report = ingest([str(feed)], store=store, workers=1)
        after = take_snapshot(store, detail=report.added, now=NOW)
        again = take_snapshot(store, detail=report.added, now=NOW)
    finally:
        store.close()
    assert len(report.added) == 2
    assert {d.domain for d in after.docs.values()} == {"kherson-bulletin.net"}
    sources = [a for a in evaluate(before, after, new_docs=report.added, now=NOW) if a.kind == "new-source"]
    assert [(a.docs, a.count) for a in sources] == [(tuple(sorted(report.added)), 2)]
    assert "kherson-bulletin.net" in sources[0].message
    assert evaluate(after, again, new_docs=report.added, now=NOW) == []
