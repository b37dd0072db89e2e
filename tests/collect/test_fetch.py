"""The polite fetcher against a local server: robots.txt, retries, redirects, limits, conditional GET."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from dossier.collect import Fetched, Fetcher, FetchPolicy, user_agent
from dossier.records import Rejection
from tests.collect.site import Route, Site, article


def _get(policy: FetchPolicy, url: str, **kwargs: str) -> Fetched | Rejection:
    with Fetcher(policy) as fetcher:
        return fetcher.get(url, **kwargs)


def test_fetcher_get_returns_the_body_and_validators(site: Site, policy: FetchPolicy) -> None:
    site.routes["/a.html"] = Route(article(1), headers={"Last-Modified": "Tue, 05 Mar 2024 08:00:00 GMT"}, etag='"x"')
    got = _get(policy, site.base + "/a.html")
    assert isinstance(got, Fetched) and got.status == 200 and got.data == article(1)
    assert got.etag == '"x"' and got.last_modified == "Tue, 05 Mar 2024 08:00:00 GMT"
    assert site.log[-1][2]["user-agent"] == policy.user_agent


def test_fetcher_get_sends_validators_and_reads_304_as_unchanged(site: Site, policy: FetchPolicy) -> None:
    site.routes["/a.html"] = Route(article(1), etag='"x"')
    got = _get(policy, site.base + "/a.html", etag='"x"', last_modified="Tue, 05 Mar 2024 08:00:00 GMT")
    assert isinstance(got, Fetched) and got.unchanged and got.data == b""
    headers = site.log[-1][2]
    assert headers["if-none-match"] == '"x"' and headers["if-modified-since"].startswith("Tue, 05 Mar 2024")


def test_fetcher_get_honours_robots_disallow(site: Site, policy: FetchPolicy) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/private/a.html"] = Route(article(1))
    got = _get(policy, site.base + "/private/a.html")
    assert isinstance(got, Rejection) and "disallowed by robots.txt" in got.reason
    assert site.hits("/private/a.html") == 0


def test_fetcher_get_treats_a_failing_robots_txt_as_disallow_all(site: Site, policy: FetchPolicy) -> None:
    site.routes["/robots.txt"] = Route(b"down", status=503)
    site.routes["/a.html"] = Route(article(1))
    got = _get(policy, site.base + "/a.html")
    assert isinstance(got, Rejection) and "robots.txt" in got.reason and site.hits("/a.html") == 0


def test_fetcher_get_retries_a_500_then_succeeds(site: Site, policy: FetchPolicy) -> None:
    site.routes["/flaky.html"] = Route(script=lambda n: (500, b"oops", {}) if n == 0 else (200, article(2), {}))
    got = _get(policy, site.base + "/flaky.html")
    assert isinstance(got, Fetched) and got.data == article(2)
    assert site.hits("/flaky.html") == 2


def test_fetcher_get_gives_up_on_5xx_after_the_retries(site: Site, policy: FetchPolicy) -> None:
    site.routes["/down.html"] = Route(b"down", status=503)
    got = _get(policy, site.base + "/down.html")
    assert isinstance(got, Rejection) and "HTTP 503" in got.reason and "3 attempts" in got.reason
    assert site.hits("/down.html") == 3


def test_fetcher_get_does_not_retry_a_404(site: Site, policy: FetchPolicy) -> None:
    got = _get(policy, site.base + "/missing.html")
    assert isinstance(got, Rejection) and "HTTP 404" in got.reason and "not retried" in got.reason
    assert site.hits("/missing.html") == 1


def test_fetcher_get_times_out_a_slow_server_and_retries(site: Site, policy: FetchPolicy) -> None:
    site.routes["/slow.html"] = Route(article(1), delay=0.6)
    started = time.monotonic()
    got = _get(replace(policy, timeout=0.2, retries=1), site.base + "/slow.html")
    assert isinstance(got, Rejection) and "timed out after 0.2 s" in got.reason and "2 attempts" in got.reason
    assert time.monotonic() - started < 5


def test_fetcher_get_follows_redirects_to_the_final_url(site: Site, policy: FetchPolicy) -> None:
    site.routes["/old"] = Route(status=301, headers={"Location": "/mid"})
    site.routes["/mid"] = Route(status=302, headers={"Location": site.base + "/new.html"})
    site.routes["/new.html"] = Route(article(3))
    got = _get(policy, site.base + "/old")
    assert isinstance(got, Fetched) and got.final_url == site.base + "/new.html" and got.url == site.base + "/old"


def test_fetcher_get_stops_a_redirect_chain_at_the_cap(site: Site, policy: FetchPolicy) -> None:
    for n in range(10):
        site.routes[f"/r{n}"] = Route(status=302, headers={"Location": f"/r{n + 1}"})
    got = _get(policy, site.base + "/r0")
    assert isinstance(got, Rejection) and "too many redirects (more than 3)" in got.reason
    assert site.hits("/r4") == 0


@pytest.mark.parametrize("declared", [True, False])
def test_fetcher_get_refuses_an_oversized_body(site: Site, policy: FetchPolicy, declared: bool) -> None:
    big = b"<html><body>" + b"<p>word</p>" * 30_000 + b"</body></html>"
    site.routes["/big.html"] = Route(big, length=declared)  # without Content-Length, counted while reading
    got = _get(policy, site.base + "/big.html")
    assert isinstance(got, Rejection) and got.reason.startswith("too large")


def test_fetcher_keeps_the_delay_between_requests_to_one_host(site: Site, policy: FetchPolicy) -> None:
    site.routes["/a.html"] = Route(article(1))
    started = time.monotonic()
    with Fetcher(replace(policy, delay=0.3)) as fetcher:
        for _ in range(3):
            assert isinstance(fetcher.get(site.base + "/a.html"), Fetched)
    assert time.monotonic() - started >= 0.9  # robots.txt, then three pages: three pauses at least


def test_fetcher_honours_a_longer_robots_crawl_delay(site: Site, policy: FetchPolicy) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    site.routes["/a.html"] = Route(article(1))
    started = time.monotonic()
    with Fetcher(policy) as fetcher:
        fetcher.get(site.base + "/a.html")
        fetcher.get(site.base + "/a.html")
    assert time.monotonic() - started >= 1.0  # (stdlib robotparser reads whole seconds)


def test_user_agent_names_dossier_and_the_contact() -> None:
    assert user_agent("me@example.org").startswith("Dossier/") and "(+me@example.org)" in user_agent("me@example.org")


@pytest.mark.parametrize(("status", "header", "pause"), [(429, "120", 120), (429, None, 60), (503, "30", 30)])
def test_fetcher_a_host_that_asks_to_slow_down_is_left_alone(site: Site, policy: FetchPolicy, status: int,
                                                              header: str | None, pause: int) -> None:
    site.routes["/busy.html"] = Route(b"slow down", status=status,
                                      headers={"Retry-After": header} if header else {})
    site.routes["/next.html"] = Route(article(3))
    with Fetcher(policy) as fetcher:
        first = fetcher.get(site.base + "/busy.html")
        second = fetcher.get(site.base + "/next.html")
    assert isinstance(first, Rejection) and f"HTTP {status}" in first.reason and f"for {pause} s" in first.reason
    assert isinstance(second, Rejection) and "asked to slow down" in second.reason
    assert site.hits("/busy.html") == 1 and site.hits("/next.html") == 0  # no retry, nothing more asked
