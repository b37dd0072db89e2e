"""Pick the cleaner for a raw input and turn its result into a :class:`Document`."""

from __future__ import annotations

from dossier.clean.language import detect_language
from dossier.errors import InputError
from dossier.records import Cleaned, Document, Raw, Rejection, content_hash

__all__ = ["clean"]


def _cleaned(raw: Raw) -> Cleaned:
    text = raw.text if raw.text is not None else raw.data.decode("utf-8", errors="replace")
    if raw.format == "html":
        from dossier.clean.html import clean_html

        return clean_html(text, url=raw.url)
    from dossier.clean.text import clean_text

    return clean_text(text)


def _published(raw: Raw, cleaned: Cleaned) -> tuple[str | None, str | None]:
    """A date the container states (feed pubDate, JSONL field) beats one found in the page."""
    if raw.published:
        where = f"{raw.locator}" if raw.locator else "input"
        return raw.published, f"container date ({where})"
    return cleaned.published, cleaned.published_basis


def clean(raw: Raw) -> Document | Rejection:
    """Clean one raw input; a :class:`Rejection` when no article text is left."""
    try:
        cleaned = _cleaned(raw)
    except InputError as exc:
        return Rejection(raw.source, str(exc))
    if not cleaned.text.strip():
        return Rejection(raw.source, "no article text found: every line looked like boilerplate or was empty")
    published, basis = _published(raw, cleaned)
    readable = cleaned.readable_chars if cleaned.readable_chars is not None else len(cleaned.source_text.strip())
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
        published=published,
        published_basis=basis,
        modified=cleaned.modified,
        language=language.code,
        segments=cleaned.segments,
        clean_method=cleaned.method,
        container=raw.container,
        locator=raw.locator,
        meta={**({"kept": {"chars": len(cleaned.text), "of": readable}} if readable else {}),
              "language": language.to_json()},
    )
