"""One collection pass against a local site: feeds, sitemaps, home pages, pages; second passes; resumes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dossier.backends import open_store
from dossier.collect import CollectProgress, FetchPolicy, collect
from dossier.pipeline import Progress
from dossier.store.base import Store
from tests.collect.site import Route, Site, article, rss, sitemap, sitemap_index

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    opened = open_store(str(tmp_path / "store.db"), create=True)
    yield opened
    opened.close()


def _pages(site: Site, indexes: range | list[int]) -> None:
    for i in indexes:
        site.routes[f"/news/{i}.html"] = Route(article(i))


def _feed(site: Site, indexes: list[int], etag: str = '"v1"') -> None:
    site.routes["/feed.xml"] = Route(rss(site.base, indexes), content_type="application/rss+xml", etag=etag)


def _page_hits(site: Site) -> int:
    return sum(1 for path, _, _ in site.log if path.startswith("/news/"))


def test_collect_feed_stores_each_linked_page_with_its_url(site: Site, policy: FetchPolicy, store: Store) -> None:
    _pages(site, range(3))
    _feed(site, [0, 1, 2])
    report = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
    assert report.ok and len(report.ingest.added) == 3 and report.pages == 3
    docs = [store.get_document(doc_id) for doc_id in report.ingest.added]
    assert sorted(d.url for d in docs) == [f"{site.base}/news/{i}.html" for i in range(3)]
    assert {d.title for d in docs} >= {"Flood waters close the river crossing at Kemmer"}
    assert store.get_raws(docs[0].id)[0].data == article(int(docs[0].url.rsplit("/", 1)[1].split(".")[0]))
    page = store.page_state(f"{site.base}/news/0.html")
    assert page is not None and page.status == "stored" and page.fetched_at.startswith("20")


def test_collect_second_pass_fetches_and_stores_nothing_new(site: Site, policy: FetchPolicy, store: Store) -> None:
    _pages(site, range(3))
    _feed(site, [0, 1, 2])
    collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
    before, hits = store.counts(), _page_hits(site)
    report = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
    assert report.ok and report.unchanged == 1 and not report.ingest.added and report.pages == 0
    assert _page_hits(site) == hits and store.counts() == before
    assert site.log[-1][0] == "/feed.xml" and site.log[-1][1] == 304


def test_collect_a_grown_feed_gives_exactly_the_new_documents(site: Site, policy: FetchPolicy, store: Store) -> None:
    _pages(site, range(5))
    _feed(site, [0, 1, 2])
    first = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
    _feed(site, [3, 4, 0, 1, 2], etag='"v2"')
    second = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
    assert len(first.ingest.added) == 3 and len(second.ingest.added) == 2 and second.known == 3
    urls = {store.get_document(d).url for d in second.ingest.added}
    assert urls == {f"{site.base}/news/3.html", f"{site.base}/news/4.html"}
    assert all(site.hits(f"/news/{i}.html") == 1 for i in range(5))


def test_collect_without_validators_skips_a_feed_with_the_same_bytes(site: Site, policy: FetchPolicy,
                                                                      store: Store) -> None:
    _pages(site, range(2))
    site.routes["/feed.xml"] = Route(rss(site.base, [0, 1]), content_type="application/rss+xml")
    collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
    report = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
    assert report.unchanged == 1 and report.known == 0 and report.pages == 0


def test_collect_sitemap_index_reaches_pages_through_child_sitemaps(site: Site, policy: FetchPolicy,
                                                                    store: Store) -> None:
    _pages(site, range(4))
    site.routes["/sitemap.xml"] = Route(sitemap_index([site.base + "/sm-a.xml", site.base + "/sm-news.xml"]),
                                        content_type="application/xml")
    site.routes["/sm-a.xml"] = Route(sitemap([f"{site.base}/news/{i}.html" for i in (0, 1)]),
                                     content_type="application/xml")
    site.routes["/sm-news.xml"] = Route(sitemap([f"{site.base}/news/{i}.html" for i in (2, 3)], news=True),
                                        content_type="application/xml")
    report = collect([site.base + "/sitemap.xml"], store=store, policy=policy, extract=False)
    assert report.ok and len(report.ingest.added) == 4 and report.sources == 3
    state = store.source_state(site.base + "/sm-news.xml")
    assert state is not None and state.kind == "sitemap"


def test_collect_home_page_follows_its_announced_feed(site: Site, policy: FetchPolicy, store: Store) -> None:
    _pages(site, range(2))
    _feed(site, [0, 1])
    site.routes["/"] = Route(b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
                             b"</head><body><h1>Valley Courier</h1></body></html>")
    report = collect([site.base + "/"], store=store, policy=policy, extract=False)
    assert report.ok and len(report.ingest.added) == 2
    assert store.source_state(site.base + "/feed.xml") is not None


def test_collect_home_page_without_feeds_uses_the_robots_sitemap(site: Site, policy: FetchPolicy,
                                                                 store: Store) -> None:
    _pages(site, range(2))
    site.routes["/robots.txt"] = Route(f"User-agent: *\nAllow: /\nSitemap: {site.base}/sm.xml\n".encode(),
                                       content_type="text/plain")
    site.routes["/sm.xml"] = Route(sitemap([f"{site.base}/news/{i}.html" for i in (0, 1)]),
                                   content_type="application/xml")
    site.routes["/"] = Route(b"<html><body><h1>Valley Courier</h1><p>Welcome.</p></body></html>")
    report = collect([site.base + "/"], store=store, policy=policy, extract=False)
    assert report.ok and len(report.ingest.added) == 2


def test_collect_single_article_url_then_nothing_on_the_next_pass(site: Site, policy: FetchPolicy,
                                                                  store: Store) -> None:
    _pages(site, [7])
    url = site.base + "/news/7.html"
    first = collect([url], store=store, policy=policy, extract=False)
    second = collect([url], store=store, policy=policy, extract=False)
    assert len(first.ingest.added) == 1 and second.ok and not second.ingest.added
    assert site.hits("/news/7.html") == 1
    assert store.get_document(first.ingest.added[0]).url == url


def test_collect_stores_a_redirected_page_under_its_final_url(site: Site, policy: FetchPolicy, store: Store) -> None:
    _pages(site, [5])
    site.routes["/short/5"] = Route(status=301, headers={"Location": "/news/5.html"})
    report = collect([site.base + "/short/5"], store=store, policy=policy, extract=False)
    assert store.get_document(report.ingest.added[0]).url == site.base + "/news/5.html"


def test_collect_robots_disallowed_pages_are_named_and_not_fetched(site: Site, policy: FetchPolicy,
                                                                    store: Store) -> None:
    _pages(site, range(2))
    _feed(site, [0, 1])
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /news/1.html\n", content_type="text/plain")
    failed: list[str] = []
    progress = CollectProgress(on_failure=lambda r: failed.append(f"{r.source}: {r.reason}"))
    report = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False, progress=progress)
    assert len(report.ingest.added) == 1 and site.hits("/news/1.html") == 0
    assert failed == [f"{site.base}/news/1.html: disallowed by robots.txt; not fetched"]
    again = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
    assert again.ok  # refused once, remembered: not asked again


def test_collect_a_failed_page_is_retried_on_the_next_pass(site: Site, policy: FetchPolicy, store: Store) -> None:
    _pages(site, range(2))
    _feed(site, [0, 1])
    site.routes["/news/1.html"] = Route(b"busy", status=503)
    first = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
    assert not first.ok and [r.source for r in first.failures] == [site.base + "/news/1.html"]
    assert "HTTP 503" in first.failures[0].reason and len(first.ingest.added) == 1
    _pages(site, [1])
    second = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
    assert second.ok and second.unchanged == 1 and len(second.ingest.added) == 1


def test_collect_a_failed_source_is_one_failure_and_the_rest_is_stored(site: Site, policy: FetchPolicy,
                                                                        store: Store) -> None:
    _pages(site, [0])
    report = collect([site.base + "/gone.xml", site.base + "/news/0.html"], store=store, policy=policy,
                     extract=False)
    assert [r.source for r in report.failures] == [site.base + "/gone.xml"] and len(report.ingest.added) == 1


def test_collect_same_bytes_at_two_urls_is_one_document(site: Site, policy: FetchPolicy, store: Store) -> None:
    site.routes["/a.html"] = Route(article(4))
    site.routes["/b.html"] = Route(article(4))
    report = collect([site.base + "/a.html", site.base + "/b.html"], store=store, policy=policy, extract=False)
    assert len(report.ingest.added) == 1 and store.counts()["documents"] == 1


def test_collect_interrupted_pass_resumes_without_fetching_again(site: Site, policy: FetchPolicy,
                                                                 store: Store) -> None:
    _pages(site, range(4))
    _feed(site, [0, 1, 2, 3])
    stored: list[str] = []

    def stop_after_two(doc: object, added: bool) -> None:
        stored.append(str(doc))
        if len(stored) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False,
                progress=CollectProgress(ingest=Progress(on_document=stop_after_two)))
    kept = store.counts()["documents"]
    assert kept == 2
    hits = {i: site.hits(f"/news/{i}.html") for i in range(4)}
    report = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
    assert store.counts()["documents"] == 4 and len(report.ingest.added) == 2
    stored_urls = {store.get_document(d).url for d in report.ingest.added}
    assert all(site.hits(f"/news/{i}.html") == hits[i] for i in range(4) if f"{site.base}/news/{i}.html"
               not in stored_urls)  # what was stored before the interruption was not fetched again


def test_collect_on_postgres_second_pass_is_idle(site: Site, policy: FetchPolicy, request: pytest.FixtureRequest) -> None:
    url = str(request.getfixturevalue("postgres_url"))
    store = open_store(url, create=True)
    try:
        _pages(site, range(2))
        _feed(site, [0, 1])
        first = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
        second = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False)
        assert len(first.ingest.added) == 2 and second.unchanged == 1 and not second.ingest.added
        assert store.source_state(site.base + "/feed.xml") is not None
    finally:
        store.close()


def test_collect_home_page_unchanged_still_finds_new_items_of_its_feed(site: Site, policy: FetchPolicy,
                                                                       store: Store) -> None:
    _pages(site, range(3))
    _feed(site, [0, 1])
    site.routes["/"] = Route(b'<html><head><link rel="alternate" type="application/atom+xml" href="/feed.xml">'
                             b"</head><body><h1>Valley Courier</h1></body></html>", etag='"home"')
    collect([site.base + "/"], store=store, policy=policy, extract=False)
    _feed(site, [2, 0, 1], etag='"v2"')
    report = collect([site.base + "/"], store=store, policy=policy, extract=False)
    assert [store.get_document(d).url for d in report.ingest.added] == [f"{site.base}/news/2.html"]


def test_collect_max_pages_leaves_the_rest_for_the_next_pass(site: Site, policy: FetchPolicy, store: Store) -> None:
    _pages(site, range(5))
    _feed(site, [0, 1, 2, 3, 4])
    first = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False, max_pages=3)
    second = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False, max_pages=3)
    third = collect([site.base + "/feed.xml"], store=store, policy=policy, extract=False, max_pages=3)
    assert (len(first.ingest.added), len(second.ingest.added), len(third.ingest.added)) == (3, 2, 0)
    assert third.unchanged == 1


def _full_text_feed(site: Site, links: dict[int, str]) -> None:
    """A feed whose items carry the whole article (content:encoded), linking where ``links`` says."""
    items = "".join(
        f"<item><title>Story {i}</title><link>{link}</link><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>"
        f"<description>Short summary {i}.</description>"
        f"<content:encoded><![CDATA[{article(i).decode().split('<article>')[1].split('</article>')[0]}]]>"
        f"</content:encoded></item>" for i, link in links.items())
    site.routes["/full.xml"] = Route(
        (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
         f"<channel><title>Valley Courier</title><link>{site.base}/</link><description>News</description>"
         f"{items}</channel></rss>").encode(), content_type="application/rss+xml")


def test_collect_stores_the_feeds_own_text_when_a_page_cannot_be_fetched(
        site: Site, policy: FetchPolicy, store: Store) -> None:
    _pages(site, [0])
    gone = f"{site.base}/news/1.html"  # 404: no page there, but the feed carries the article
    _full_text_feed(site, {0: f"{site.base}/news/0.html", 1: gone})
    site.routes["/short.xml"] = Route(rss(site.base, [2]), content_type="application/rss+xml")  # a summary only
    report = collect([site.base + "/full.xml", site.base + "/short.xml"], store=store, policy=policy, extract=False)
    assert len(report.ingest.added) == 2
    assert [f.source for f in report.failures] == [f"{site.base}/news/2.html"]  # nothing to fall back on
    docs = {store.get_document(d).url: store.get_document(d) for d in report.ingest.added}
    from_feed = docs[gone]
    assert from_feed.title == "Story 1" and "would take effect at once" in from_feed.text
    assert store.page_state(gone).status == "stored"
    again = collect([site.base + "/full.xml"], store=store, policy=policy, extract=False)
    assert again.ingest.added == [] and site.hits("/news/1.html") == 1  # stored: never asked again


def test_collect_feed_text_stored_before_an_interruption_is_not_stored_or_failed_again(
        site: Site, policy: FetchPolicy, store: Store) -> None:
    from dossier.store.base import PageRow

    gone = f"{site.base}/news/1.html"
    _full_text_feed(site, {1: gone})
    first = collect([site.base + "/full.xml"], store=store, policy=policy, extract=False)
    assert len(first.ingest.added) == 1
    # as if the pass had stopped after storing the text but before marking the page done
    store.record_page(PageRow(url=gone, source_url=site.base + "/full.xml", status="failed", fetched_at="2024-01-01"))
    _full_text_feed(site, {1: gone, 3: f"{site.base}/news/3.html"})  # the feed changes: it is read again
    _pages(site, [3])
    again = collect([site.base + "/full.xml"], store=store, policy=policy, extract=False)
    assert again.failures == [] and len(again.ingest.added) == 1  # only the new page 3
    assert store.page_state(gone).status == "stored"
