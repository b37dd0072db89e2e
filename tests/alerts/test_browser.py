"""The What changed page in headless Chromium (the web tests' Playwright fixtures): filter, follow an alert to
its claim and a cited figure to its document; a hostile alert renders inert. Screenshot: test-artifacts/alerts.png."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dossier.backends import open_store
from dossier.pipeline import ingest
from tests.alerts.conftest import STORY
from tests.web.test_browser import _serving, browser, page, shot

__all__ = ["browser", "page"]  # the browser fixtures of tests/web


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("uvicorn")
    db = str(tmp_path_factory.mktemp("alerts-browser") / "s.db")
    store = open_store(db, create=True)
    try:
        for n in ("01", "02", "03"):  # three passes: 30, then 50, then 52 killed
            ingest([str(p) for p in STORY.glob(f"{n}_*.txt")], store=store, workers=1)
        store.add_alerts([{"id": "alr_00000000000000ff", "kind": "new-source", "key": "domain:x",
                           "created": "2000-01-01T00:00:00+00:00", "docs": ["d1"], "spans": [], "count": 1,
                           "message": '<img src=x onerror="alert(1)"><script>alert(2)</script>', "link": "/"}])
    finally:
        store.close()
    with _serving(db) as url:
        yield url


def test_alerts_page_filters_and_leads_to_the_claim_and_the_cited_figure(page: Any, server: str) -> None:
    page.goto(server + "/alerts")
    assert page.locator("h1").inner_text().startswith("What changed")
    assert page.locator("li.alert.changed").count() == 2
    assert page.get_by_text('<img src=x onerror="alert(1)">', exact=False).count() == 1  # shown as text
    shot(page, "alerts")
    page.select_option("select[name=kind]", "changed")
    page.click("button[type=submit]")
    assert "kind=changed" in page.url and page.locator("li.alert").count() == 2
    rise = page.locator("li.alert.changed").first  # the last pass's, even when passes share a second
    assert "50 → 52" in rise.inner_text()
    rise.locator("a.quote").last.click()
    assert "/doc/" in page.url and page.locator("mark, .cited, [id^=c]").count() >= 1
    page.go_back()
    page.locator("li.alert.changed", has_text="50 → 52").locator("a").nth(0).click()
    assert "/claims?" in page.url and "status=changed" in page.url
