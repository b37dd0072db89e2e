"""The operations Dossier offers, as plain functions: what the CLI and the web app both call.

Each face only parses its input and renders the result; the work is here (or in ``query/``,
``claims/``, ``pipeline.py``, which these functions call). It is also the Python API for a
notebook::

    from dossier import service

    with service.reading("news.db") as store:
        hits = service.search(store, '"peace deal" al-Qaeda')
        rows = service.timeline(store, entity="Taliban", start="2021-08")

Every function takes an open :class:`~dossier.store.base.Store` (from :func:`open_store` or
:func:`reading`). Heavy modules (the pipeline, networkx, the claims engine) are imported inside
the functions that need them, so importing this module keeps ``dossier docs`` fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from dossier.errors import ConfigError

if TYPE_CHECKING:
    from dossier.claims import ClaimCluster
    from dossier.engine import Engine
    from dossier.pipeline import IngestReport, Progress
    from dossier.query.ask import Answer
    from dossier.records import Document
    from dossier.settings import Settings
    from dossier.store.base import DocSummary, EntityRow, RawRecord, SearchHit, Store

__all__ = [
    "add_alert_rule", "alert_kinds", "alert_rules", "alerts", "alerts_feed", "all_documents", "ask",
    "check_claim_status", "claims", "doc_ids_with_event", "document", "documents", "entities", "entity_doc_ids",
    "entity_page", "event_types", "find_entity", "graph", "hit_record", "ingest", "open_store", "override_entities",
    "parse_date_bound", "parse_since", "prepare_derived", "raws", "reading", "relation_types", "remove",
    "remove_alert_rule", "search", "sources", "split_snippet", "stats", "timeline",
]


# ---- stores ------------------------------------------------------------------------------------

def open_store(db: str | Path, *, create: bool = False, timeout: float | None = None,
               on_wait: Callable[[], None] | None = None) -> Store:
    """Open the store at ``db`` (a SQLite file or a ``postgresql://`` URL); the caller closes it.

    Only ``create`` (ingest) makes a new store; otherwise a missing one is a NoStoreError.
    ``timeout`` and ``on_wait`` are as in :func:`dossier.backends.open_store`.
    """
    from dossier.backends import open_store as open_backend

    return open_backend(db, create=create, timeout=timeout, on_wait=on_wait)


@contextmanager
def reading(db: str | Path, *, timeout: float | None = None, time_budget: float | None = None,
            on_wait: Callable[[], None] | None = None) -> Iterator[Store]:
    """The store at ``db``, open for the ``with`` block and closed after it.

    ``time_budget`` (seconds) stops a read still running after that long with a QueryTimeout.
    """
    store = open_store(db, timeout=timeout, on_wait=on_wait)
    try:
        if time_budget is None:
            yield store
        else:
            with store.time_budget(time_budget):
                yield store
    finally:
        store.close()


# ---- documents and search ----------------------------------------------------------------------

def documents(store: Store, *, limit: int | None = None) -> list[DocSummary]:
    """Stored documents, oldest first (undated last), at most ``limit``."""
    return store.list_documents(limit=limit)


def document(store: Store, doc_id: str) -> Document:
    """The document with this id or unique prefix (QueryError if none or several)."""
    return store.get_document(doc_id)


def raws(store: Store, doc_id: str) -> list[RawRecord]:
    """The verbatim input bytes stored for the document ``doc_id``."""
    return store.get_raws(doc_id)


def all_documents(store: Store) -> Iterator[Document]:
    """Every stored document with its facts (entity ids resolved across documents), streamed."""
    return store.iter_documents()


def doc_ids_with_event(store: Store, event_type: str) -> set[str]:
    """Ids of the documents with at least one event of this PLOVER type (e.g. "ASSAULT")."""
    return {doc.id for doc in store.iter_documents() if any(ev.type == event_type for ev in doc.events)}


def search(store: Store, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Full-text search, best match first; the query language is :mod:`dossier.searchlang`."""
    return store.search(query, limit=limit)


def split_snippet(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove the store's \\x02 … \\x03 highlight markers; return plain text and highlight offsets."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    start = 0
    length = 0
    for char in snippet:
        if char == "\x02":
            start = length
        elif char == "\x03":
            spans.append((start, length))
        else:
            text.append(char)
            length += 1
    return "".join(text), spans


def hit_record(hit: SearchHit, *, digits: int = 4) -> dict[str, Any]:
    """A search hit as JSON: plain snippet text, highlight offsets, the score rounded to ``digits``."""
    text, spans = split_snippet(hit.snippet)
    return {"id": hit.id, "title": hit.title, "outlet": hit.outlet, "published": hit.published,
            "published_precision": hit.published_precision, "published_inferred": hit.published_inferred,
            "score": round(hit.score, digits), "snippet": text, "highlights": spans}


def stats(store: Store) -> dict[str, Any]:
    """Documents, inputs, outlets and date range of the store (what ``dossier stats`` prints)."""
    from dossier.query.summary import summarise

    return summarise(store)


# ---- entities ----------------------------------------------------------------------------------

def entities(store: Store) -> list[EntityRow]:
    """Every resolved entity, most documents first."""
    return store.list_entities()


def find_entity(store: Store, name: str) -> EntityRow:
    """The one entity ``name`` names (id, name or alias); QueryError if none or several."""
    from dossier.query.entities import find_entity as find

    return find(store, name)


def entity_doc_ids(store: Store, entity_id: str) -> set[str]:
    """Ids of the documents that mention the resolved entity ``entity_id``."""
    return {d["doc_id"] for d in store.entity_decisions(entity_id)}


def entity_page(store: Store, name: str, *, max_documents: int | None = None) -> dict[str, Any]:
    """What the store knows about one entity: aliases, roles, mentions, quotes, events, relations
    (from the newest ``max_documents`` documents that mention it, when given)."""
    from dossier.query.entities import entity_page as page

    return page(store, name, max_documents=max_documents)


# ---- cross-document views ----------------------------------------------------------------------

def event_types() -> tuple[str, ...]:
    """The PLOVER event types events are typed with, in the lexicon's order."""
    from dossier.extract.event_lexicon import PLOVER_TYPES

    return PLOVER_TYPES


def relation_types() -> tuple[str, ...]:
    """The relation types of the actor graph."""
    from dossier.graph import RELATION_TYPES

    return tuple(RELATION_TYPES)


def parse_date_bound(value: str, *, option: str, end: bool = False) -> date:
    """"YYYY", "YYYY-MM" or "YYYY-MM-DD" as a date: its first day, or its last with ``end``;
    QueryError naming ``option`` if malformed."""
    from dossier.query.timeline import parse_bound

    return parse_bound(value, option=option, end=end)


def timeline(store: Store, *, entity: str | None = None, start: str | None = None, end: str | None = None,
             include_all: bool = False, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """One merged, dated list of events, read from the timeline kept at ingest (see
    :func:`dossier.query.timeline.timeline`); ``limit``/``offset`` cut one page of it."""
    from dossier.query.timeline import timeline as build

    return build(store, entity=entity, start=start, end=end, include_all=include_all, limit=limit, offset=offset)


def check_claim_status(status: str | None) -> None:
    """ConfigError unless ``status`` is None or a claim status (agreed, disputed, changed)."""
    from dossier.claims import STATUSES

    if status is not None and status not in STATUSES:
        raise ConfigError(f"No claim status {status!r}. Known: {', '.join(STATUSES)}.")


def claims(store: Store, *, status: str | None = None, limit: int | None = None,
           offset: int = 0) -> list[ClaimCluster]:
    """Claims clustered across sources: agreed, disputed or changed; ConfigError for another ``status``.

    Read from the claims kept per document at ingest (:mod:`dossier.derived`), not re-derived.
    ``limit``/``offset`` cut one page out of the full, ordered list (default: all of it).
    """
    from dossier.derived import stored_clusters

    check_claim_status(status)
    if limit is not None and limit < 0 or offset < 0:
        raise ConfigError(f"limit and offset must be 0 or more, not {limit} and {offset}.")
    return stored_clusters(store, status=status, limit=limit, offset=offset)


def prepare_derived(store: Store) -> None:
    """Derive the claims, relations and timeline a store lacks (one written by an older Dossier); a
    no-op when ingest kept them, as it does. Reads do this themselves; a server does it before its
    first page (a page's time budget would stop a whole-store derivation, and every page after it)."""
    from dossier.query.timeline import refresh_timeline

    refresh_timeline(store)  # derives what is missing first


def graph(store: Store, *, as_of: str | None = None, types: Sequence[str] | None = None,
          entity: str | None = None) -> Any:
    """The actor graph (a networkx MultiDiGraph), optionally as of a date, of some relation types, or
    around one entity (a name, alias or id)."""
    from dossier.query.graph import store_graph

    return store_graph(store, as_of=as_of, types=types, entity=entity)


def ask(store: Store, question: str, *, max_docs: int = 30) -> Answer:
    """An answer composed from the store, every sentence cited (see :func:`dossier.query.ask.ask`)."""
    from dossier.query.ask import ask as answer

    return answer(store, question, max_docs=max_docs)


# ---- writing -----------------------------------------------------------------------------------

def ingest(paths: Sequence[str], *, store: Store, settings: Settings | None = None, stdin: BinaryIO | None = None,
           extract: bool = True, workers: int | None = None, progress: Progress | None = None,
           engine: Engine | None = None, alerts: bool = True) -> IngestReport:
    """Ingest files, directories, globs or ``-`` into ``store`` (see :func:`dossier.pipeline.ingest`)."""
    from dossier.pipeline import ingest as run

    return run(paths, store=store, settings=settings, stdin=stdin, extract=extract, workers=workers,
               progress=progress, engine=engine, alerts=alerts)


def sources(store: Store) -> list[dict[str, Any]]:
    """The saved sources `dossier watch` follows, each with its status (last fetch, last new document,
    last error, next due), for `dossier sources list` and the web page."""
    return [{"url": r.url, "interval": r.interval_s, "kind": r.kind, "last_fetch": r.last_fetch,
             "last_new": r.last_new, "last_error": r.last_error, "next_due": r.next_due, "documents": r.documents}
            for r in store.list_sources()]


def override_entities(store: Store, action: str, names: Sequence[str]) -> int:
    """Record ``merge`` (one actor) or ``split`` (different actors) for ``names`` and re-resolve;
    returns how many entities the store then holds. Overrides survive re-ingest."""
    from dossier.derived import sync_derived
    from dossier.query.timeline import refresh_timeline
    from dossier.resolution import add_override

    count = add_override(store, action, list(names))
    with store.resolution_lock():
        sync_derived(store)  # claims and relations of the documents whose entities moved
    refresh_timeline(store)
    return count


def remove(doc_ids: Sequence[str], *, store: Store) -> list[str]:
    """Remove documents (ids or unique prefixes) and re-resolve what they fed; returns the full ids."""
    from dossier.pipeline import remove as run

    return run(doc_ids, store=store)


# ---- alerts ------------------------------------------------------------------------------------

def parse_since(value: str | None) -> str | None:
    """``--since``: an ISO 8601 date or date-time (``2026-03-01``, ``2026-03-01T12:00``, ``…Z``, ``…+02:00``)
    as the UTC form alerts are stored with (a time without a zone is UTC); ConfigError otherwise."""
    import re
    from datetime import UTC, datetime

    if value is None or not value.strip():
        return None
    text = re.sub(r" (\d\d:?\d\d)$", r"+\1", value.strip())  # a "+02:00" zone that a URL turned into " 02:00"
    try:
        if len(text) == 10:  # a day: from its start, UTC
            return date.fromisoformat(text).isoformat()
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ConfigError(f"--since {value!r} is not an ISO 8601 date or time; write e.g. 2026-03-01 or "
                          "2026-03-01T12:00:00Z.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def alert_kinds() -> tuple[str, ...]:
    """Every kind of alert, in the order pages list them."""
    from dossier.alerts import KINDS

    return KINDS


def _check_kinds(kinds: Sequence[str]) -> list[str]:
    from dossier.alerts import KINDS

    wanted = [k.strip().casefold() for item in kinds for k in item.split(",") if k.strip()]
    unknown = [k for k in wanted if k not in KINDS]
    if unknown:
        raise ConfigError(f"Unknown alert kind {unknown[0]!r}; known: {', '.join(KINDS)}.")
    return list(dict.fromkeys(wanted))


def alerts(store: Store, *, since: str | None = None, kinds: Sequence[str] = (), limit: int | None = None,
           offset: int = 0, matching: bool = False) -> list[dict[str, Any]]:
    """Stored alerts, newest first, as the contract's JSON (``id``, ``kind``, ``created``, ``message``,
    ``docs``, ``claim``/``event``, and spans, count, link…).

    Args:
        since: only alerts created at or after this ISO 8601 date or time (:func:`parse_since`).
        kinds: only these kinds (dispute, changed, new-event, new-source; comma lists accepted).
        matching: only alerts one of the stored rules matches, each listing those rules in ``rules``.
    """
    from dossier.alerts import Alert
    from dossier.alerts.passes import matching as matched
    from dossier.alerts.passes import stored_rules

    if limit is not None and limit < 0 or offset < 0:
        raise ConfigError(f"limit and offset must be 0 or more, not {limit} and {offset}.")
    wanted = _check_kinds(kinds)
    if not matching:
        return store.list_alerts(since=parse_since(since), kinds=wanted, limit=limit, offset=offset)
    found = [Alert.from_json(a) for a in store.list_alerts(since=parse_since(since), kinds=wanted)]
    kept = [a.to_json() for a in matched(found, stored_rules(store), store)]
    return kept[offset:] if limit is None else kept[offset:offset + limit]


def alerts_feed(store: Store, *, base_url: str, since: str | None = None, kinds: Sequence[str] = (),
                limit: int | None = 200, matching: bool = False) -> bytes:
    """The stored alerts (as :func:`alerts` selects them) as an Atom feed whose links point at ``base_url``."""
    from dossier.alerts import Alert, atom_feed

    rows = alerts(store, since=since, kinds=kinds, limit=limit, matching=matching)
    return atom_feed([Alert.from_json(a) for a in rows], base_url=base_url)


def add_alert_rule(store: Store, *, entity: str | None = None, story: str | None = None,
                   kinds: Sequence[str] = (), webhook: str | None = None) -> dict[str, Any]:
    """Keep an alert rule (ConfigError for a bad kind, story id or webhook, or a rule asking for nothing);
    returns it as JSON with ``added`` (False: the same rule was kept already) and ``entities``, the
    resolved entity ids its entity matches today (none yet is allowed: a name may arrive later)."""
    from datetime import UTC, datetime

    from dossier.alerts import make_rule, resolve_entity

    rule = make_rule(entity=entity, story=story, kinds=_check_kinds(kinds) or None, webhook=webhook)
    if rule.entity is None and rule.story is None and not kinds and rule.webhook is None:
        raise ConfigError("An alert rule needs --entity NAME, --story ID, --kind K or --webhook URL; "
                          "e.g. dossier alerts add --entity \"Wagner Group\" --kind changed.")
    added = store.add_alert_rule(rule.to_json(), created=datetime.now(UTC).isoformat(timespec="seconds"))
    known = {e.id: (e.name, *e.aliases) for e in store.list_entities()} if rule.entity else {}
    return {**rule.to_json(), "added": added,
            "entities": sorted(resolve_entity(rule.entity, known)) if rule.entity else []}


def alert_rules(store: Store) -> list[dict[str, Any]]:
    """The stored alert rules (id, entity, story, kinds, webhook, created), oldest first."""
    return store.alert_rules()


def remove_alert_rule(store: Store, rule_id: str) -> None:
    """Forget an alert rule (the alerts it matched stay); ConfigError if there is no such rule."""
    if not store.remove_alert_rule(rule_id.strip()):
        raise ConfigError(f"No alert rule {rule_id!r}; list them with `dossier alerts rules`.")
