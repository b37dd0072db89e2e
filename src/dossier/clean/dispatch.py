"""Pick the cleaner for a raw input and turn its result into a :class:`Document`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dossier.clean.language import detect_language
from dossier.errors import InputError
from dossier.records import Cleaned, Document, Raw, Rejection, content_hash

if TYPE_CHECKING:
    from dossier.clean.pubdate import PubDate

__all__ = ["clean"]


def _cleaned(raw: Raw) -> Cleaned:
    text = raw.text if raw.text is not None else raw.data.decode("utf-8", errors="replace")
    if raw.format == "html":
        from dossier.clean.html import clean_html

        return clean_html(text, url=raw.url)
    from dossier.clean.text import clean_text

    return clean_text(text)


_LEADING_URL = re.compile(r"\A\s*(https?://\S+)\s*$", re.MULTILINE)


def _published(raw: Raw, cleaned: Cleaned) -> PubDate | None:
    """The publication date from every piece of evidence the document holds
    (:mod:`dossier.clean.pubdate`); a date the container states (feed pubDate, JSONL field)
    beats one found in the page."""
    from dossier.clean.pubdate import infer_published

    declared = None
    if raw.published:
        declared = raw.published, f"container date ({raw.locator or 'input'})"
    elif cleaned.published:
        declared = cleaned.published, cleaned.published_basis or "page"
    leading = _LEADING_URL.match(cleaned.source_text[:2000])  # scraped text that opens with its URL
    url = raw.url or cleaned.url or (leading.group(1) if leading else None)
    return infer_published(declared=declared, text=cleaned.text, source_text=cleaned.source_text,
                           segments=cleaned.segments, url=url, modified=cleaned.modified)


def clean(raw: Raw) -> Document | Rejection:
    """Clean one raw input; a :class:`Rejection` when no article text is left."""
    try:
        cleaned = _cleaned(raw)
    except InputError as exc:
        return Rejection(raw.source, str(exc))
    if not cleaned.text.strip():
        return Rejection(raw.source, "no article text found: every line looked like boilerplate or was empty")
    dated = _published(raw, cleaned)
    readable = cleaned.readable_chars if cleaned.readable_chars is not None else len(cleaned.source_text.strip())
    meta: dict[str, object] = {"kept": {"chars": len(cleaned.text), "of": readable}} if readable else {}
    if dated is not None and dated.until:
        meta["published_until"] = dated.until
    language = detect_language(cleaned.text, declared=cleaned.language)
    return Document(
        id=content_hash(cleaned.text),
        source=raw.source,
        text=cleaned.text,
        raw_text=cleaned.source_text,
        format=raw.format,
        url=raw.url or cleaned.url,  # a WARC, feed or JSONL URL beats the page's own
        title=raw.title or cleaned.title,
        authors=cleaned.authors or raw.authors,
        outlet=raw.outlet or cleaned.outlet,
        published=dated.value if dated else None,
        published_basis=dated.basis if dated else None,
        published_precision=dated.precision if dated else None,
        published_inferred=dated.inferred if dated else False,
        modified=cleaned.modified,
        language=language.code,
        segments=cleaned.segments,
        clean_method=cleaned.method,
        container=raw.container,
        locator=raw.locator,
        meta={**meta, "language": language.to_json()},
    )
