"""Keeps the store's cross-document entities in step with its documents.

The resolver (``dossier.resolve``, pure logic) is incremental: its state is saved in the
store, so adding or removing documents re-resolves only the clusters they touch. The state
is rebuilt from the stored documents when it is missing or was made by another resolver
version. User overrides (``dossier entity merge/split``) live in their own table and are
re-applied on every rebuild, so they survive re-ingest.

With the gazetteer switched off (``Settings.gazetteer``, ``--no-gazetteer``) the resolver has
no curated actors: no alias merges ("Islamic Emirate" = Taliban) and no affiliation guards
come from ``data/actors.jsonl``. The switch is part of the saved state's version, so a store
keeps the mode it was last resolved in (``dossier rm``, ``entity merge``) until an ingest
with the other setting re-resolves it.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Iterable
from importlib import resources
from typing import Any

from dossier.resolve import Overrides, Resolver, candidates_from_document

__all__ = ["RESOLVER_VERSION", "add_override", "sync_entities"]

log = logging.getLogger(__name__)

RESOLVER_VERSION = "resolve.v3"  # v3: label minority; v2: romanisation, short forms, place heads (edges stale)
_NO_GAZETTEER = "no-gazetteer"


def _version(gazetteer: bool = True) -> str:
    """The resolver version plus the gazetteer's hash (or that there was none): any change
    invalidates the state."""
    if not gazetteer:
        return f"{RESOLVER_VERSION}:{_NO_GAZETTEER}"
    data = resources.files("dossier.data").joinpath("actors.jsonl").read_bytes()
    return f"{RESOLVER_VERSION}:{hashlib.sha256(data).hexdigest()[:12]}"


def _stored_gazetteer(store: Any) -> bool:
    """Whether the store's entities were last resolved with the gazetteer (True for a new store)."""
    saved = store.resolver_state()
    return saved is None or saved[0] != _version(False)


def _resolver(store: Any, gazetteer: bool) -> Resolver:
    """A fresh resolver with the store's overrides, with or without the shipped gazetteer."""
    overrides = Overrides.of(store.entity_overrides())
    return Resolver(overrides=overrides) if gazetteer else Resolver(actors={}, overrides=overrides)


def _load(store: Any, gazetteer: bool) -> Resolver | None:
    saved = store.resolver_state()
    if saved is None or saved[0] != _version(gazetteer):
        return None
    try:
        resolver = pickle.loads(saved[1])
    except Exception:  # a state from an incompatible build: rebuild instead
        log.debug("resolver state unreadable; rebuilding", exc_info=True)
        return None
    return resolver if isinstance(resolver, Resolver) else None


def _members(resolver: Resolver, cluster_ids: Iterable[str]) -> tuple[list[Any], list[tuple[Any, ...]]]:
    resolution = resolver.resolution()
    decisions = {d.candidate: d for d in resolution.decisions}
    clusters, rows = [], []
    for cid in sorted(cluster_ids):
        try:
            cluster = resolver.cluster(cid)
        except KeyError:
            continue
        clusters.append(cluster)
        for key in cluster.members:
            doc_id, _, name = key.partition(":")
            decision = decisions.get(key)
            rows.append((key, doc_id, name, cid, decision.rule if decision else "anchor",
                         decision.score if decision else 1.0, decision.evidence if decision else ""))
    return clusters, rows


def _existing(resolver: Resolver) -> set[str]:
    return {c.id for c in resolver.resolution().clusters}


def sync_entities(store: Any, *, added: Iterable[str] = (), removed: Iterable[str] = (),
                  gazetteer: bool | None = None) -> int:
    """Resolve the entities of ``added`` documents and drop those of ``removed`` ones.

    Returns how many clusters changed. With no saved state (or one saved with the other
    ``gazetteer`` setting), every stored document is resolved. ``gazetteer`` None keeps the
    store's own setting. The caller holds ``store.resolution_lock()``, so concurrent ingests
    do not overwrite each other's resolver state.
    """
    if gazetteer is None:
        gazetteer = _stored_gazetteer(store)
    resolver = _load(store, gazetteer)
    full = resolver is None
    removed = list(removed)
    if resolver is None:
        resolver = _resolver(store, gazetteer)
        docs = store.iter_documents()
    else:
        docs = (store.get_document(doc_id) for doc_id in added)
    before = set() if full else _existing(resolver)
    changed: set[str] = set()
    for doc_id in removed:
        changed |= resolver.remove(doc_id)
    candidates = [c for doc in docs for c in candidates_from_document(doc)]
    changed |= resolver.add(candidates)
    after = _existing(resolver)
    live = after if full else changed & after
    clusters, rows = _members(resolver, live)
    store.write_entities(clusters=clusters, removed=sorted((before | changed) - after), members=rows,
                         dropped_docs=removed, state=(_version(gazetteer), pickle.dumps(resolver)), full=full)
    return len(live)


def add_override(store: Any, op: str, selectors: list[str]) -> int:
    """Record a user's merge or split and re-resolve everything under the new overrides."""
    Overrides.of([(op, *selectors)])  # validates before anything is written
    with store.resolution_lock():
        gazetteer = _stored_gazetteer(store)
        store.add_entity_override(op, selectors)
        resolver = _resolver(store, gazetteer)
        resolver.add(c for doc in store.iter_documents() for c in candidates_from_document(doc))
        clusters, rows = _members(resolver, _existing(resolver))
        store.write_entities(clusters=clusters, removed=[], members=rows, dropped_docs=[],
                             state=(_version(gazetteer), pickle.dumps(resolver)), full=True)
    return len(clusters)
