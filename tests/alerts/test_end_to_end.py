"""End to end: a feed served on 127.0.0.1 grows between two `dossier collect` passes; the later report raises the
Kramatorsk toll, and exactly one `changed` alert cites both reports (documents and characters), in
`dossier alerts --json`, in the Atom feed and, through an entity rule, at the rule's webhook."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from dossier.cli.main import app
from tests.alerts.conftest import STORY
from tests.collect.site import Route, Site, site

__all__ = ["site"]  # the local site fixture of the collect tests

ATOM = "{http://www.w3.org/2005/Atom}"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _publish(site: Site, reports: list[str], etag: str) -> None:
    """The site's pages (the claims_story reports, as plain text) and a feed linking ``reports``."""
    for n in reports:
        (path,) = STORY.glob(f"{n}_*.txt")
        site.routes[f"/news/{n}.txt"] = Route(path.read_bytes(), content_type="text/plain; charset=utf-8")
    items = "".join(f"<item><title>Report {n}</title><link>{site.base}/news/{n}.txt</link></item>" for n in reports)
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Donbas wire</title><link>{site.base}/</link>'
            f"<description>News</description>{items}</channel></rss>").encode()
    site.routes["/feed.xml"] = Route(feed, content_type="application/rss+xml", etag=etag)


def test_grown_feed_raises_one_changed_alert_citing_both_reports(
        site: Site, hook: tuple[str, list[dict[str, list[dict[str, object]]]]], tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    url, received = hook
    feed = site.base + "/feed.xml"
    assert _run("alerts", "add", "--entity", "Kramatorsk", "--kind", "changed", "--webhook", url, "--db", db)[0] == 0
    assert _run("alerts", "add", "--entity", "Soledar", "--db", db)[0] == 0  # nothing in this story is about it
    rules = {r["entity"]: r["id"] for r in json.loads(_run("alerts", "rules", "--json", "--db", db)[1])}

    _publish(site, ["01", "02"], etag='"v1"')
    code, _, err = _run("collect", feed, "--delay", "0", "--db", db)
    assert code == 0, err
    first = {a["id"] for a in json.loads(_run("alerts", "--json", "--db", db)[1])}
    assert first and len(received) == 1  # the first rise (30 → 50), posted

    _publish(site, ["01", "02", "03"], etag='"v2"')
    code, _, err = _run("collect", feed, "--delay", "0", "--db", db)
    assert code == 0, err
    docs = {Path(d["source"]).name: d["id"] for d in json.loads(_run("docs", "--json", "--db", db)[1])}
    later = [a for a in json.loads(_run("alerts", "--json", "--db", db)[1]) if a["id"] not in first]
    changed = [a for a in later if a["kind"] == "changed"]
    assert len(changed) == 1, [a["message"] for a in later]
    (alert,) = changed
    assert alert["message"] == "strike in Kramatorsk: killed 50 → 52 (2 reports)"
    assert alert["docs"] == sorted([docs["02.txt"], docs["03.txt"]]) and alert["claim"].startswith("clm_")
    assert [(s["doc"], s["text"]) for s in alert["spans"]] == [(docs["02.txt"], "50"), (docs["03.txt"], "52")]
    for span in alert["spans"]:  # the cited characters are the stored document's
        text = json.loads(_run("show", span["doc"], "--json", "--db", db)[1])["text"]
        assert text[span["start"]:span["end"]] == span["text"]

    since = json.loads(_run("alerts", "--json", "--kind", "changed", "--since", alert["created"], "--db", db)[1])
    assert alert["id"] in {a["id"] for a in since}
    matching = json.loads(_run("alerts", "--matching", "--json", "--db", db)[1])
    assert {a["kind"] for a in matching} == {"changed"} and alert["id"] in {a["id"] for a in matching}
    assert all(a["rules"] == [rules["Kramatorsk"]] for a in matching)
    assert len(received) == 2 and [a["id"] for a in received[1]["alerts"]] == [alert["id"]]

    from fastapi.testclient import TestClient

    from dossier.web.app import make_app

    root = ET.fromstring(TestClient(make_app(db)).get("/alerts.atom").content)
    ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
    assert ids.count(f"urn:dossier:alert:{alert['id']}") == 1

    stored = _run("alerts", "--json", "--db", db)[1]
    assert _run("collect", feed, "--delay", "0", "--db", db)[0] == 0  # an idle pass: 304, nothing new
    assert _run("alerts", "--json", "--db", db)[1] == stored and len(received) == 2


def test_watch_restarted_between_passes_still_alerts_on_the_rise(site: Site, tmp_path: Path) -> None:
    import time

    db = str(tmp_path / "watch.db")
    feed = site.base + "/feed.xml"
    assert _run("sources", "add", feed, "--interval", "1s", "--db", db)[0] == 0
    _publish(site, ["01", "02"], etag='"v1"')
    assert _run("watch", "--once", "--delay", "0", "--quiet", "--db", db)[0] == 0
    first = {a["id"] for a in json.loads(_run("alerts", "--json", "--db", db)[1])}
    _publish(site, ["01", "02", "03"], etag='"v2"')
    time.sleep(1.2)  # the source is due again; a new `watch` (a restart) finds the last snapshot in the store
    assert _run("watch", "--once", "--delay", "0", "--quiet", "--db", db)[0] == 0
    later = [a for a in json.loads(_run("alerts", "--json", "--kind", "changed", "--db", db)[1])
             if a["id"] not in first]
    assert [a["message"] for a in later] == ["strike in Kramatorsk: killed 50 → 52 (2 reports)"]
