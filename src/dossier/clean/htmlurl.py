"""The URL a saved HTML page declares for itself, and the site name in a host.

A page saved to disk (or pasted) comes without the address it was fetched from, but most
declare it: ``<link rel=canonical>`` (HTML, RFC 6596), Open Graph ``og:url``, ``twitter:url``,
schema.org ``url`` / ``mainEntityOfPage``, and ``<base href>``. Used by
:mod:`dossier.clean.htmlmeta`; measured by ``bench/extraction.py --track url``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lxml.html import HtmlElement

__all__ = ["host_name", "page_url", "site_label"]


def page_url(tree: HtmlElement, tags: dict[str, list[str]], ld: dict[str, Any]) -> str | None:
    """The URL the page declares for itself, most specific first: ``<link rel=canonical>``,
    ``og:url``, ``twitter:url``, the JSON-LD article's ``url`` or ``mainEntityOfPage``,
    ``<base href>``. Only absolute http(s) URLs count; one below the site root beats a
    site root (a template's default); a ``<base>`` counts only below the root. A
    canonical link to another site than ``og:url``'s names the original of a syndicated
    copy (an MSN page pointing to CNN's): the page's own URL is then ``og:url``."""
    entity = ld.get("mainEntityOfPage")
    if isinstance(entity, dict):
        entity = entity.get("@id") or entity.get("url")
    canonical = _absolute_urls(el.get("href") for el in tree.xpath("//link[@href][@rel]")
                               if "canonical" in el.get("rel", "").lower().split())
    shared = [u for u in _absolute_urls([*tags.get("og:url", ()), *tags.get("twitter:url", ())]) if _below_root(u)]
    if canonical and shared and site_label(host_name(canonical[0])) != site_label(host_name(shared[0])):
        canonical = []
    urls = canonical + shared + _absolute_urls([*tags.get("og:url", ()), *tags.get("twitter:url", ()),
                                                ld.get("url"), entity])
    deep = [u for u in urls + _absolute_urls(tree.xpath("//base/@href")[:1]) if _below_root(u)]
    return deep[0] if deep else urls[0] if urls else None


def _absolute_urls(values: Iterable[Any]) -> list[str]:
    return [u for u in map(_absolute_url, values) if u]


def _below_root(url: str) -> bool:
    match = _URL.match(url)
    return bool(match and match.group(2) not in (None, "", "/"))


# scheme and host, then the rest; no spaces, quotes, brackets or template placeholders
_URL = re.compile(r"^(https?://[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d+)?)"
                  r"([/?][^\s\"'<>{}\\^`|]*)?$", re.IGNORECASE)


def _absolute_url(value: Any) -> str | None:
    """``value`` as an absolute http(s) URL without its fragment, or None."""
    if not isinstance(value, str):
        return None
    url = value.strip().split("#")[0]
    return url if len(url) <= 2048 and _URL.match(url) else None


def site_label(host: str | None) -> str:
    """The name part of a host: "hosted.ap.org" -> "ap", "news.bbc.co.uk" -> "bbc"."""
    labels = (host or "").split(".")[:-1]
    if len(labels) > 1 and labels[-1] in {"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne"}:
        labels = labels[:-1]
    return labels[-1] if labels else ""


def host_name(url: str | None) -> str | None:
    """The host of an absolute URL, lower-cased and without "www."."""
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)", url or "", re.IGNORECASE)
    return match.group(1).lower() if match else None
