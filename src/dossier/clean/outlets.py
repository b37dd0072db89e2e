"""The outlet a page's URL names: a table of news outlets, then a name made from the domain.

Used by both cleaners: scraped plain text whose first line is the page's URL
(:mod:`dossier.clean.text`) and HTML pages that declare no site name
(:mod:`dossier.clean.htmlmeta`). The cascade:

1. ``src/dossier/data/outlets.tsv``, our table of wire services and major international,
   national and regional outlets, looked up by host, then by each shorter domain down to
   the registered domain ("news.yahoo.com" → "Yahoo News", "edition.cnn.com" → "CNN");
2. else a name made from the registered domain: its label split into words when it is
   written with hyphens or runs together words of news outlets' names ("ca-news-forum.com"
   → "CA News Forum", "middleamericanews.com" → "Middle America News"), else the
   registered domain as it is ("priviw.com"), which is how readers name such a site.

The registered domain comes from the Public Suffix List bundled with ``publicsuffixlist``
(read from the installed package, never fetched), so "bbc.co.uk", "abc.net.au" and
"kmu.gov.ua" are cut at the right place.

    >>> outlet_from_url("https://www.bbc.co.uk/news/world-asia-123")
    'BBC News'
    >>> outlet_from_url("http://ca-news-forum.com/2021/08/27/story/")
    'CA News Forum'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from publicsuffixlist import PublicSuffixList

__all__ = ["Outlet", "host_of", "lookup_outlet", "outlet_from_url", "registered_domain"]

_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//(?:[^@/?#]*@)?(?P<host>[^/:?#\s]+)", re.IGNORECASE)
_BARE_HOST = re.compile(r"^(?:www\d?\.)[^/\s]+", re.IGNORECASE)
_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
_VOWEL = re.compile(r"[aeiouy]")

# Words that outlets' names are made of, to split a domain label written in one run
# ("middleamericanews"). Place names are the world's regions and large countries only.
_NAME_WORDS = frozenset("""
    abc africa african age alert all america american arab arabia asia asian atlantic bay
    bulletin business buzz capital caribbean central channel china chinese chronicle citizen
    city climate coast community conflict country county courier crisis daily defence defense
    democrat digest digital dispatch east eastern economic economist economy europe european
    evening even examiner express eye fact facts financial first focus forum free freedom
    front frontier gazette global globe green guardian gulf headlines health herald hub human
    independent india indian info inquirer insider international islam islamic journal justice
    latest latin leader life line live local mail media middle military mirror money monitor
    morning nation national network new news north northern now observer ocean online pacific
    patriot peace people planet plus point policy political politics post press public pulse
    radio real record region regional register report reporter republic review rights river
    science security sentinel south southern sport sports standard star state states story
    sun sunday telegraph the times today top tribune truth union valley view views village
    voice war watch week weekend weekly west western wire world
""".split())


# Blog and newsletter platforms: "secretdubai.blogspot.nl" is the blog's own site, not Blogspot.
_PLATFORMS = frozenset(("blogspot", "wordpress", "substack", "medium", "tumblr", "livejournal",
                        "typepad", "over-blog", "wixsite", "weebly", "ghost", "blogger", "hubpages"))


@dataclass(frozen=True, slots=True)
class Outlet:
    """An outlet named from a URL: ``name``, the ``domain`` it was found for, and ``basis``:
    ``"table"`` (our outlet table), ``"domain-words"`` or ``"domain"`` (made from the domain)."""

    name: str
    domain: str
    basis: str


def host_of(url: str | None) -> str | None:
    """The host of ``url`` ("https://www.bbc.co.uk/news" → "bbc.co.uk"): lower case,
    without a leading "www." or a trailing dot; ``None`` when ``url`` names no host.
    A bare "www.example.com/path" counts as a URL."""
    text = (url or "").strip()
    match = _HOST.match(text) or (_BARE_HOST.match(text) and _HOST.match("//" + text))
    if not match:
        return None
    host = match.group("host").lower().rstrip(".")
    host = re.sub(r"^www\d?\.", "", host)
    if "." not in host or _IP.match(host) or not all(_LABEL.match(part) for part in host.split(".")):
        return None
    return host


def registered_domain(host: str) -> str | None:
    """The registered domain of ``host`` by the Public Suffix List ("news.bbc.co.uk" →
    "bbc.co.uk"), or ``None`` when ``host`` is itself a public suffix."""
    return _suffixes().privatesuffix(host)


def lookup_outlet(url: str | None) -> Outlet | None:
    """The outlet ``url`` belongs to, from our table or made from its domain (see module doc)."""
    host = host_of(url)
    if host is None:
        return None
    domain = registered_domain(host)
    if domain is None:
        return None
    if domain.split(".")[0] in _PLATFORMS and host.count(".") > domain.count("."):
        domain = ".".join(host.split(".")[-domain.count(".") - 2:])  # the blog on the platform
    table = _table()
    labels = host.split(".")
    for i in range(len(labels) - domain.count(".")):
        candidate = ".".join(labels[i:])
        if candidate in table:
            return Outlet(table[candidate], candidate, "table")
    words = _domain_words(domain)
    if words:
        return Outlet(words, domain, "domain-words")
    return Outlet(domain, domain, "domain")


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's name for a page URL, or ``None`` for no usable host (see module doc)."""
    found = lookup_outlet(url)
    return found.name if found else None


def _domain_words(domain: str) -> str | None:
    """A readable name from the first label of a registered domain, or ``None``.

    "ca-news-forum" → "CA News Forum" (short parts without a vowel or of two letters are
    acronyms), "middleamericanews" → "Middle America News" (every part a word of outlets'
    names). A label of one word stays the domain ("news.am", "priviw.com").
    """
    label = domain.split(".")[0]
    parts = [p for p in re.split(r"[-_]", label) if p]
    if len(parts) == 1:
        parts = _split_run(label) or []
    if len(parts) < 2:
        return None
    return " ".join(_word_case(p) for p in parts)


def _word_case(part: str) -> str:
    if part.isdigit():
        return part
    if len(part) <= 2 or len(part) <= 4 and not _VOWEL.search(part):
        return part.upper()
    return part.capitalize()


def _split_run(label: str) -> list[str] | None:
    """``label`` split into words of :data:`_NAME_WORDS`, fewest words first; ``None``
    when no split uses known words only."""
    best: list[list[str] | None] = [[]] + [None] * len(label)
    for end in range(1, len(label) + 1):
        for start in range(max(0, end - 14), end - 1):
            head = best[start]
            if head is None or label[start:end] not in _NAME_WORDS:
                continue
            if best[end] is None or len(head) + 1 < len(best[end] or ()):
                best[end] = [*head, label[start:end]]
    return best[len(label)]


@cache
def _table() -> dict[str, str]:
    """``outlets.tsv`` as {domain: name}."""
    text = resources.files("dossier.data").joinpath("outlets.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        domain, name = line.split("\t")
        table[domain.strip().lower()] = name.strip()
    return table


@cache
def _suffixes() -> PublicSuffixList:
    """The Public Suffix List snapshot the package ships (parsed once; ~50 ms)."""
    return PublicSuffixList()
