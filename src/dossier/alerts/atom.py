"""Alerts as an Atom 1.0 feed (RFC 4287) any feed reader can subscribe to.

Each alert is one entry: its id a URN made from the alert's id (stable across fetches), its
title the alert's message, its link the web page of the claim, event or document it concerns,
its content the message and the cited text. Built with :mod:`xml.etree.ElementTree`, which
escapes text and attributes; characters XML 1.0 forbids are dropped.

>>> xml = atom_feed([], base_url="http://localhost:8000", updated="2026-01-01T00:00:00+00:00")
>>> xml.startswith(b"<?xml")
True
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime

from dossier.alerts.evaluate import Alert

__all__ = ["ATOM", "atom_feed"]

ATOM = "http://www.w3.org/2005/Atom"
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0 text
_QUOTE = 240  # characters of each cited span shown in an entry


def _clean(text: str) -> str:
    return _FORBIDDEN.sub("", text)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _content(alert: Alert) -> str:
    lines = [alert.message]
    for span in alert.spans:
        quote = span.text if len(span.text) <= _QUOTE else span.text[:_QUOTE - 1] + "…"
        lines.append(f"[{span.doc} {span.start}–{span.end}] {quote}")
    if alert.count > 1:
        lines.append(f"{alert.count} new reports in this pass.")
    return "\n".join(lines)


def atom_feed(alerts: Sequence[Alert], *, base_url: str, title: str = "Dossier alerts",
              self_path: str = "/alerts.atom", updated: str | None = None) -> bytes:
    """The alerts as an Atom feed document (UTF-8 bytes with an XML declaration), newest first (those of one
    second in the order given).

    Args:
        base_url: where ``dossier serve`` answers ("http://localhost:8000"); entry links are made on it.
        self_path: the feed's own path on that server.
        updated: the feed's ``updated`` time (ISO 8601); default the newest alert's, else now.
    """
    base = base_url.rstrip("/")
    ordered = sorted(alerts, key=lambda a: a.created, reverse=True)  # stable: alerts of one second keep their order
    stamp = updated or (ordered[0].created if ordered else datetime.now(UTC).isoformat(timespec="seconds"))
    feed = ET.Element("feed", xmlns=ATOM)  # unqualified tags in Atom's default namespace
    _add(feed, "id", f"{base}{self_path}")
    _add(feed, "title", title)
    _add(feed, "updated", stamp)
    _add(feed, "link", rel="self", href=f"{base}{self_path}", type="application/atom+xml")
    _add(feed, "link", rel="alternate", href=f"{base}/", type="text/html")
    author = _add(feed, "author")
    _add(author, "name", "Dossier")
    _add(feed, "generator", "Dossier")
    for alert in ordered:
        entry = _add(feed, "entry")
        _add(entry, "id", f"urn:dossier:alert:{alert.id}")
        _add(entry, "title", alert.message, type="text")
        _add(entry, "updated", alert.created)
        _add(entry, "published", alert.created)
        _add(entry, "link", rel="alternate", type="text/html", href=f"{base}{alert.link}")
        _add(entry, "category", term=alert.kind)
        _add(entry, "content", _content(alert), type="text")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body
