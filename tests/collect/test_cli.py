"""`dossier collect`, `watch` and `sources` from the command line: exit codes, stderr lines, status."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dossier.cli.collect import parse_interval
from dossier.cli.main import app
from tests.collect.site import Route, Site, article, rss

FAST = ["--delay", "0", "--fetch-timeout", "1", "--retries", "0", "--no-extract", "--quiet"]


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _feed_site(site: Site) -> None:
    for i in range(2):
        site.routes[f"/news/{i}.html"] = Route(article(i))
    site.routes["/feed.xml"] = Route(rss(site.base, [0, 1]), content_type="application/rss+xml", etag='"v1"')


def test_collect_cli_exits_0_when_everything_was_fetched_or_unchanged(site: Site, tmp_path) -> None:
    _feed_site(site)
    db = str(tmp_path / "c.db")
    code, out, _ = _run("collect", site.base + "/feed.xml", "--db", db, "--json", *FAST)
    first = json.loads(out)
    assert code == 0 and len(first["added"]) == 2
    assert first["alerts"] == []  # --no-extract: no facts, so nothing to alert on (tests/alerts run collect with them)
    code, out, _ = _run("collect", site.base + "/feed.xml", "--db", db, "--json", *FAST)
    again = json.loads(out)
    assert code == 0 and again["added"] == [] and again["unchanged"] == 1 and again["alerts"] == []


def test_collect_cli_exits_1_and_names_each_failed_source(site: Site, tmp_path) -> None:
    _feed_site(site)
    db = str(tmp_path / "c.db")
    code, _, err = _run("collect", site.base + "/missing.xml", site.base + "/feed.xml", "--db", db, *FAST)
    assert code == 1
    assert f"failed: {site.base}/missing.xml: HTTP 404 Not Found; not retried" in err.splitlines()


@pytest.mark.parametrize("args", [
    ["collect"],
    ["collect", "not-a-url"],
    ["collect", "ftp://example.org/feed.xml"],
    ["sources", "add", "http://127.0.0.1:9/feed.xml", "--interval", "soon"],
])
def test_collect_cli_exits_2_on_a_usage_error(args: list[str], tmp_path) -> None:
    code, _, _ = _run(*args, "--db", str(tmp_path / "c.db"))
    assert code == 2
    assert not (tmp_path / "c.db").exists()


def test_sources_add_list_rm_keep_the_watch_list_in_the_store(tmp_path) -> None:
    db = str(tmp_path / "c.db")
    assert _run("sources", "add", "https://example.org/feed.xml", "--interval", "30m", "--db", db)[0] == 0
    code, out, _ = _run("sources", "list", "--json", "--db", db)
    rows = json.loads(out)
    assert code == 0 and [(r["url"], r["interval"], r["last_fetch"]) for r in rows] == [
        ("https://example.org/feed.xml", 1800, None)]
    assert _run("sources", "rm", "https://example.org/feed.xml", "--db", db)[0] == 0
    assert json.loads(_run("sources", "list", "--json", "--db", db)[1]) == []
    assert _run("sources", "rm", "https://example.org/feed.xml", "--db", db)[0] == 2


def test_watch_once_collects_due_sources_and_a_restart_finds_nothing_due(site: Site, tmp_path) -> None:
    _feed_site(site)
    db = str(tmp_path / "c.db")
    _run("sources", "add", site.base + "/feed.xml", "--db", db)
    code, _, _ = _run("watch", "--once", "--db", db, *FAST)
    assert code == 0 and site.hits("/feed.xml") == 1
    (row,) = json.loads(_run("sources", "list", "--json", "--db", db)[1])
    assert row["last_fetch"] and row["last_new"] and row["last_error"] is None and row["documents"] == 2
    code, _, _ = _run("watch", "--once", "--db", db, *FAST)  # a restarted watcher: not due for an hour
    assert code == 0 and site.hits("/feed.xml") == 1


def test_watch_max_passes_repeats_when_the_interval_has_passed(site: Site, tmp_path) -> None:
    _feed_site(site)
    db = str(tmp_path / "c.db")
    _run("sources", "add", site.base + "/feed.xml", "--interval", "1s", "--db", db)
    code, _, _ = _run("watch", "--max-passes", "2", "--db", db, *FAST)
    assert code == 0 and site.hits("/feed.xml") == 2 and site.log[-1][1] == 304


def test_watch_records_a_source_error_in_its_status(site: Site, tmp_path) -> None:
    db = str(tmp_path / "c.db")
    _run("sources", "add", site.base + "/gone.xml", "--db", db)
    code, _, err = _run("watch", "--once", "--db", db, *FAST)
    (row,) = json.loads(_run("sources", "list", "--json", "--db", db)[1])
    assert code == 1 and "HTTP 404" in row["last_error"] and f"failed: {site.base}/gone.xml" in err


def test_watch_without_sources_is_a_usage_error(tmp_path) -> None:
    db = str(tmp_path / "c.db")
    _run("sources", "add", "https://example.org/f.xml", "--db", db)
    _run("sources", "rm", "https://example.org/f.xml", "--db", db)
    assert _run("watch", "--once", "--db", db)[0] == 2


@pytest.mark.parametrize(("text", "seconds"), [("1h", 3600), ("30m", 1800), ("2d", 172800), ("45", 45), ("1.5h", 5400)])
def test_parse_interval_reads_durations(text: str, seconds: int) -> None:
    assert parse_interval(text) == seconds


def test_sources_add_makes_a_source_collected_before_due_at_once(site: Site, tmp_path) -> None:
    _feed_site(site)
    db = str(tmp_path / "c.db")
    assert _run("collect", site.base + "/feed.xml", "--db", db, *FAST)[0] == 0
    _run("sources", "add", site.base + "/feed.xml", "--interval", "1d", "--db", db)
    assert _run("watch", "--once", "--db", db, *FAST)[0] == 0
    assert site.hits("/feed.xml") == 2
