"""The store interface every backend satisfies, and the small records it returns.

A store keeps three things: the verbatim inputs the user gave (``inputs``, ``raws``), the
cleaned documents, and (from later stages) what was extracted from them. Writes happen
in transactions: a crash mid-ingest leaves the store as it was before that document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from dossier.records import Document

__all__ = ["DerivedRow", "DocSummary", "EntityRow", "InputRecord", "PageRow", "RawRecord", "SearchHit", "SourceRow",
           "Store"]


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One file (or stdin) the user ingested; ``data`` is its verbatim bytes when kept."""

    sha256: str
    source: str
    size: int
    format: str
    data: bytes | None
    documents: int  # documents it produced (new or duplicate)
    rejected: int  # items inside it that were rejected


@dataclass(frozen=True, slots=True)
class RawRecord:
    """The verbatim bytes one document came from, and where they were found."""

    sha256: str
    doc_id: str
    source: str
    data: bytes
    url: str | None = None
    container: str | None = None
    locator: str | None = None
    input_sha256: str | None = None  # the input file it was read from


@dataclass(frozen=True, slots=True)
class DocSummary:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str
    chars: int
    language: str | None = None  # ISO 639-1; None when undecided
    published_precision: str | None = None  # day | month | year | range
    published_inferred: bool = False


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A resolved cross-document entity as listed by ``dossier entities``."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    gazetteer: str | None
    documents: int
    mentions: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str  # matched words wrapped in \x02 … \x03 markers
    score: float
    published_precision: str | None = None  # day | month | year | range
    published_inferred: bool = False


@dataclass(frozen=True, slots=True)
class DerivedRow:
    """What was derived from one document (:mod:`dossier.derived`), as JSON-able values: ``keys``
    the corpus context keys the derivation may have looked up, ``entities``, ``claims`` and
    ``relations`` lists the store keeps without reading them."""

    doc_id: str
    version: str
    fingerprint: str
    keys: list[Any]
    entities: list[Any]
    claims: list[Any]
    relations: list[Any]
    events: list[Any] = field(default_factory=list)  # [event, cited text] per extracted event


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A feed, sitemap or page ``dossier collect`` fetched as a source, and how its last fetch went."""

    url: str
    saved: bool  # on the watch list (`dossier sources add`)
    interval_s: int
    kind: str | None = None  # feed | sitemap | home | page
    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None
    added_at: str | None = None
    last_fetch: str | None = None  # UTC ISO time of the last fetch (success or not)
    last_new: str | None = None  # when it last gave a new document
    last_error: str | None = None  # the last fetch's failure; None when it succeeded
    next_due: str | None = None
    documents: int = 0  # new documents it gave, all passes


@dataclass(frozen=True, slots=True)
class PageRow:
    """An article URL a source led to, and what became of it."""

    url: str
    source_url: str | None
    status: str  # stored | rejected | failed | disallowed
    fetched_at: str
    sha256: str | None = None
    doc_id: str | None = None
    attempts: int = 1
    error: str | None = None


@runtime_checkable
class Store(Protocol):
    """What the pipeline, CLI and web app need from a backend."""

    url: str

    def close(self) -> None: ...

    def schema_version(self) -> int: ...

    def has_input(self, sha256: str) -> bool: ...

    def raw_origin(self, sha256: str) -> str | None:
        """The input (sha256) these verbatim document bytes were stored from, "" if unknown; None if not stored.

        An interrupted ingest resumes past what it already stored from the same input.
        """
        ...

    def record_input(self, record: InputRecord) -> None: ...

    def add_document(self, doc: Document, raw: RawRecord) -> bool:
        """Store a document and its raw bytes in one transaction; False if it was a duplicate."""
        ...

    def get_document(self, doc_id: str, *, resolve_ids: bool = True) -> Document:
        """The document whose id is ``doc_id`` or starts with it; QueryError if none or ambiguous.

        ``resolve_ids=False`` leaves its facts' entity ids as extraction gave them (to rewrite them)."""
        ...

    def get_raws(self, doc_id: str) -> list[RawRecord]: ...

    def remove_document(self, doc_id: str) -> str:
        """Delete a document, its facts and raws, and forget the inputs it came from; returns the full id."""
        ...

    def list_documents(self, *, limit: int | None = None, offset: int = 0) -> list[DocSummary]: ...

    def iter_documents(self) -> Iterator[Document]: ...

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]: ...

    def time_budget(self, seconds: float) -> AbstractContextManager[None]:
        """Inside it, a read still running ``seconds`` after entering is stopped with QueryTimeout.

        The web app gives each request one (``make_app(time_budget=…)``); the CLI runs without.
        """
        ...

    # cross-document entities (issue 4)
    def resolution_lock(self) -> AbstractContextManager[None]:
        """Held while entities are re-resolved: one process at a time reads and writes the state."""
        ...

    def resolver_state(self) -> tuple[str, bytes] | None: ...

    def write_entities(self, *, clusters: Iterable[Any], removed: Iterable[str], members: Iterable[Any],
                       dropped_docs: Iterable[str], state: tuple[str, bytes], full: bool = False) -> None: ...

    def unresolved_documents(self) -> list[str]: ...

    # publication dates inferred from other documents (issue 12, dossier.dating)
    def dating_targets(self, touched: Sequence[str], *, removed: Sequence[str] = ()) -> list[str]:
        """Undated (or other-document dated) documents among or sharing an entity with ``touched``,
        and those whose date basis names a ``removed`` document."""
        ...

    def dating_peers(self, doc_id: str, *, limit: int) -> list[str]:
        """Documents dated by their own evidence sharing ``doc_id``'s entities, rarest shared first."""
        ...

    def set_published(self, doc_id: str, published: str | None, *, precision: str | None, basis: str | None,
                      inferred: bool, until: str | None = None, facts: Document | None = None) -> None:
        """Replace a document's publication date; with ``facts``, its times and events too."""
        ...

    def entity_members_of(self, doc_id: str) -> dict[str, str]: ...

    def entity_overrides(self) -> list[tuple[str, ...]]: ...

    def add_entity_override(self, op: str, selectors: Sequence[str]) -> None: ...

    def list_entities(self, *, name: str | None = None) -> list[EntityRow]: ...

    def entity_decisions(self, cluster_id: str) -> list[dict[str, Any]]: ...

    def counts(self) -> dict[str, int]: ...

    # facts derived from each document at ingest (issue 13, dossier.derived)
    def derived_status(self) -> dict[str, tuple[str, str]]:
        """Every document's id → (version, fingerprint) of its derived row ("", "" if none)."""
        ...

    def derived_missing(self, version: str) -> int:
        """How many documents have no derived row of ``version`` (not counting those awaiting resolution)."""
        ...

    def derived_inputs(self) -> Iterator[tuple[str, Any, Any]]:
        """(doc_id, keys, entities) of every derived row, by document id."""
        ...

    def derived_dates(self) -> dict[str, tuple[Any, ...]]: ...

    def entity_clusters_by_doc(self) -> dict[str, dict[str, str]]:
        """Every document's entity name → cluster id."""
        ...

    def write_derived(self, rows: Iterable[DerivedRow]) -> None: ...

    def set_fingerprints(self, fingerprints: Iterable[tuple[str, str]]) -> None: ...

    def derived_claims(self) -> Iterator[Any]: ...

    def derived_relations(self, doc_ids: Sequence[str] | None = None) -> Iterator[Any]: ...

    def derived_meta(self, key: str) -> Any | None: ...

    def set_derived_meta(self, key: str, value: Any) -> None: ...

    def entity_names(self) -> dict[str, str]:
        """Every resolved entity's id → canonical name."""
        ...

    def write_clusters(self, clusters: Iterable[tuple[str, str | None, Any]], *, meta: dict[str, Any]) -> None: ...

    def derived_events(self) -> Iterator[tuple[str, list[Any]]]: ...

    def write_timeline(self, rows: Iterable[tuple[str | None, str | None, bool, list[str], Any]], *,
                       meta: dict[str, Any]) -> None: ...

    def derived_timeline(self, *, start: str | None = None, end: str | None = None, include_all: bool = False,
                         limit: int | None = None, offset: int = 0) -> Iterator[tuple[list[str], Any]]: ...

    def derived_clusters(self, *, status: str | None = None, settled: bool = True, limit: int | None = None,
                         offset: int = 0) -> Iterator[Any]: ...

    # live collection (issue 15, dossier.collect)
    def source_state(self, url: str) -> SourceRow | None: ...

    def save_source(self, url: str, *, interval_s: int) -> bool:
        """Put ``url`` on the watch list (or change its interval); False when it was there already."""
        ...

    def unsave_source(self, url: str) -> bool:
        """Take ``url`` off the watch list (its fetch state stays); False when it was not on it."""
        ...

    def list_sources(self, *, saved_only: bool = True) -> list[SourceRow]: ...

    def due_sources(self, when: str) -> list[SourceRow]:
        """Saved sources never fetched or due at or before ``when`` (UTC ISO), soonest first."""
        ...

    def record_source(self, row: SourceRow) -> None:
        """Write a source's state after a fetch (insert or replace all but ``saved`` and ``added_at``)."""
        ...

    def page_state(self, url: str) -> PageRow | None: ...

    def pages_to_retry(self, source_url: str, *, max_attempts: int) -> list[str]:
        """Pages of ``source_url`` whose fetch failed fewer than ``max_attempts`` times."""
        ...

    def record_page(self, row: PageRow) -> None: ...

    # alerts (issue 15, dossier.alerts): alerts and rules kept as JSON the alerts package reads
    def add_alerts(self, alerts: Iterable[Mapping[str, Any]]) -> list[str]:
        """Store alerts (``Alert.to_json()``), keeping the first copy of an id; returns the ids new here."""
        ...

    def list_alerts(self, *, since: str | None = None, kinds: Sequence[str] = (), limit: int | None = None,
                    offset: int = 0) -> list[Any]:
        """Stored alerts (JSON), newest first, created at or after ``since`` (ISO UTC), of ``kinds`` (all if empty)."""
        ...

    def add_alert_rule(self, rule: Mapping[str, Any], *, created: str) -> bool:
        """Store a rule (``Rule.to_json()``); False when the same rule is stored already."""
        ...

    def alert_rules(self) -> list[dict[str, Any]]: ...

    def remove_alert_rule(self, rule_id: str) -> bool: ...

    def remove_alerts_citing(self, doc_ids: Sequence[str]) -> int: ...

    def has_alert_state(self, key: str) -> bool: ...

    def alert_state(self, key: str) -> Any | None:
        """What :meth:`set_alert_state` kept under ``key`` (the last pass's snapshot), None if nothing."""
        ...

    def set_alert_state(self, key: str, value: Any) -> None: ...
