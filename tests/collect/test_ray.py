"""`collect --engine ray`: fetched pages are cleaned on Ray actors and stored as a local collect stores them."""

from __future__ import annotations

import os

import pytest

from dossier.backends import open_store
from dossier.collect import FetchPolicy, collect
from tests.collect.site import Route, Site, article, rss

pytest.importorskip("ray")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

from dossier.ray_engine import RayEngine  # noqa: E402


def _docs(db: str) -> list[tuple[str | None, str | None, str]]:
    store = open_store(db)
    try:
        return sorted((d.url, d.title, d.text) for d in store.iter_documents())
    finally:
        store.close()


def test_collect_with_the_ray_engine_stores_what_a_local_collect_stores(site: Site, policy: FetchPolicy,
                                                                       tmp_path) -> None:
    for i in range(3):
        site.routes[f"/news/{i}.html"] = Route(article(i))
    site.routes["/feed.xml"] = Route(rss(site.base, [0, 1, 2]), content_type="application/rss+xml")
    dbs = {name: str(tmp_path / f"{name}.db") for name in ("local", "ray")}
    engine = RayEngine(workers=1)
    try:
        for name, runner in (("local", None), ("ray", engine)):
            store = open_store(dbs[name], create=True)
            try:
                report = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False, engine=runner)
            finally:
                store.close()
            assert report.ok and len(report.ingest.added) == 3
    finally:
        engine.close()
    assert _docs(dbs["ray"]) == _docs(dbs["local"])
