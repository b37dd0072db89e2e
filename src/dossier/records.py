"""The records that flow through Dossier's pipeline.

One :class:`Document` travels ingest → clean → extract → resolve → store. Every stage
returns a new record (``dataclasses.replace``); nothing mutates in place. Every fact a
later stage adds (mention, quote, event, quantity) holds a :class:`Span` into
``Document.text``.
"""

from __future__ import annotations

import hashlib
import re
import traceback
import unicodedata
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Cleaned",
    "Document",
    "Raw",
    "Rejection",
    "Segment",
    "Span",
    "content_hash",
    "normalise_for_hash",
]


@dataclass(frozen=True, slots=True)
class Span:
    """Where a fact comes from: offsets into the cleaned text, end-exclusive."""

    doc_id: str
    start: int
    end: int
    sentence: int
    method: str  # stage and rule that produced it, e.g. "quotes.v1:cue-verb"


@dataclass(frozen=True, slots=True)
class Segment:
    """A classified stretch of the input text (offsets into ``Document.raw_text``).

    ``kind`` is one of ``title``, ``meta``, ``body``, ``boilerplate``, ``caption``,
    ``essay`` (an opinion piece appended after the article) or ``comments``.
    ``reason`` says which rule decided, so the UI can show why a line was dropped.
    """

    kind: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Raw:
    """One document-sized input as a reader found it, before cleaning.

    ``data`` is the verbatim bytes of this document's input (a whole text file, one
    HTML page, one WARC record payload, one JSONL line, one feed item rendered as
    JSON). ``container`` names the file it came from when that file held several
    documents, and ``locator`` says where inside it ("record 3", "line 12", "item 2").
    """

    source: str
    data: bytes
    format: str  # "text" | "html" | "json-text" ...: how to clean it
    url: str | None = None
    title: str | None = None  # a title the container gave (feed item, JSONL field)
    published: str | None = None  # a date the container gave (feed item, WARC date)
    authors: tuple[str, ...] = ()
    container: str | None = None
    locator: str | None = None
    text: str | None = None  # already-decoded text when the reader had to decode it
    outlet: str | None = None  # the publisher a container names (a feed's channel title)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not become a document, and why (one readable line).

    ``detail`` holds the traceback when the cause was an unexpected error (a bug), shown
    only with ``--debug``; it travels with the rejection out of worker processes.
    """

    source: str
    reason: str
    detail: str | None = None

    @classmethod
    def unexpected(cls, source: str, stage: str, exc: BaseException) -> Rejection:
        """The rejection for an unexpected error while ``stage`` (e.g. "cleaning") one item."""
        message = " ".join(str(exc).split())[:200]
        what = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
        return cls(source, f"unexpected error while {stage} ({what}); the rest of the run went on. "
                           "Rerun with --debug for the traceback and report it as a Dossier bug",
                   "".join(traceback.format_exception(exc)))


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What a cleaner returns: the main body, its metadata, and how it got them."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY" | None
    published_basis: str | None = None  # where the date came from, e.g. "dateline 'Time•June 1, 2020'"
    published_precision: str | None = None  # day | month | year | range (see Document)
    published_inferred: bool = False  # True unless the page's own metadata, stamp or URL states it
    modified: str | None = None  # a modification date, never reported as publication
    language: str | None = None
    segments: tuple[Segment, ...] = ()
    method: str = ""  # which cleaner (and fallback) produced the body
    source_text: str = ""  # the text the segments' offsets point into
    readable_chars: int | None = None  # characters of text the input held (an HTML page's visible text)
    url: str | None = None  # the page's own URL (canonical link, og:url, ...) when the input gave none


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article with its provenance, and (later) what was extracted from it."""

    id: str
    source: str
    text: str
    raw_text: str = ""
    format: str = "text"
    url: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None
    published_basis: str | None = None
    # day | month | year: the unit ``published`` names; range: publication lies between
    # ``published`` (a day) and ``meta["published_until"]`` (a day, or absent: "on or after")
    published_precision: str | None = None
    published_inferred: bool = False  # reasoned from dateline, text or other documents, not stated
    modified: str | None = None
    language: str | None = None
    segments: tuple[Segment, ...] = ()
    clean_method: str = ""
    container: str | None = None
    locator: str | None = None
    entities: tuple[Any, ...] = ()  # EntityRef: document-level entities with their mentions
    quotes: tuple[Any, ...] = ()  # Quote
    events: tuple[Any, ...] = ()  # Event
    quantities: tuple[Any, ...] = ()  # Quantity
    times: tuple[Any, ...] = ()  # TimeExpr
    places: tuple[Any, ...] = ()  # Place
    meta: dict[str, Any] = field(default_factory=dict)


_SPACE = re.compile(r"\s+")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalise_for_hash(text: str) -> str:
    """Text as compared for duplicates: NFKC, casefolded, unified quotes and dashes, one space."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).casefold()
    return _SPACE.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """The stable document id: a short hash of the normalised cleaned text."""
    digest = hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()
    return digest[:16]
