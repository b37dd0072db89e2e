"""Tests for dossier.clean.outlets: the outlet a URL names."""

from __future__ import annotations

import socket
from importlib import resources

import pytest

from dossier.clean import outlets
from dossier.clean.outlets import host_of, lookup_outlet, outlet_from_url, registered_domain


@pytest.mark.parametrize(("url", "outlet"), [
    ("https://www.reuters.com/world/asia-pacific/some-story-2021-08-15/", "Reuters"),
    ("https://apnews.com/article/abc123", "AP News"),
    ("http://news.bbc.co.uk/2/hi/south_asia/123.stm", "BBC News"),
    ("https://www.bbc.com/news/world-asia-123", "BBC News"),
    ("https://www.aljazeera.com/news/2021/8/15/story", "Al Jazeera"),
    ("https://www.nytimes.com/2019/09/07/us/politics/story.html", "The New York Times"),
    ("https://www.theguardian.com/world/2021/aug/15/story", "The Guardian"),
    ("https://timesofindia.indiatimes.com/world/story/123.cms", "The Times of India"),
    ("https://www.dawn.com/news/1640000", "Dawn"),
    ("https://kyivindependent.com/story", "The Kyiv Independent"),
    ("https://sudantribune.com/article123", "Sudan Tribune"),
    ("https://www.abc.net.au/news/2021-08-16/story/100", "ABC News"),
    ("https://abcnews.go.com/International/story?id=79", "ABC News"),
    ("https://news.yahoo.com/story-061647168.html", "Yahoo News"),
    ("https://edition.cnn.com/2021/08/26/world/story", "CNN"),
])
def test_outlet_from_url_table(url: str, outlet: str) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(("url", "outlet", "basis"), [
    ("http://ca-news-forum.com/2021/08/27/story/", "CA News Forum", "domain-words"),
    ("https://middleamericanews.com/news/story/", "Middle America News", "domain-words"),
    ("https://www.example-daily-herald.co.uk/story", "Example Daily Herald", "domain-words"),
    ("https://priviw.com/lifestyle/story/", "priviw.com", "domain"),
    ("https://sub.example.com.au/story", "example.com.au", "domain"),
    ("https://mfa.gov.ua/en/news/statement", "mfa.gov.ua", "domain"),
    ("http://valleyreport.blogspot.nl/2005/11/post.html", "Valley Report", "domain-words"),  # the blog, not Blogspot
    ("http://zarqadiary.blogspot.com/2005/11/post.html", "zarqadiary.blogspot.com", "domain"),
    ("https://frontline-notes.substack.com/p/post", "Frontline Notes", "domain-words"),
])
def test_outlet_from_url_domain_fallback(url: str, outlet: str, basis: str) -> None:
    found = lookup_outlet(url)
    assert found is not None and (found.name, found.basis) == (outlet, basis)


@pytest.mark.parametrize("url", [None, "", "not a url", "http://127.0.0.1/x", "http://localhost/x",
                                 "https://co.uk/", "file:///tmp/page.html"])
def test_outlet_from_url_none_without_a_usable_host(url: str | None) -> None:
    assert outlet_from_url(url) is None


@pytest.mark.parametrize(("url", "host"), [
    ("https://www.irishtimes.com/news/x", "irishtimes.com"),
    ("www.irishtimes.com/news/x", "irishtimes.com"),
    ("HTTPS://News.BBC.co.uk.:443/x", "news.bbc.co.uk"),
    ("https://user@www2.example.org/x", "example.org"),
])
def test_host_of(url: str, host: str) -> None:
    assert host_of(url) == host


@pytest.mark.parametrize(("host", "domain"), [
    ("news.bbc.co.uk", "bbc.co.uk"), ("www.abc.net.au", "abc.net.au"), ("kmu.gov.ua", "kmu.gov.ua"),
    ("a.b.example.com", "example.com"), ("co.uk", None),
])
def test_registered_domain_public_suffixes(host: str, domain: str | None) -> None:
    assert registered_domain(host) == domain


def test_outlets_table_rows_are_domain_and_name() -> None:
    text = resources.files("dossier.data").joinpath("outlets.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) >= 300
    assert all(len(row) == 2 and row[1].strip() and host_of("https://" + row[0]) == row[0].removeprefix("www.")
               for row in rows)
    assert len({row[0] for row in rows}) == len(rows)


def test_outlet_from_url_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    outlets._suffixes.cache_clear()
    outlets._table.cache_clear()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("outlet lookup opened a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert outlet_from_url("https://www.unknown-regional-paper.co.za/story") == "Unknown Regional Paper"
