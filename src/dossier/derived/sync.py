"""Keeps each document's derived facts (claims, relations) in step with the store.

A document's claims depend on more than its text: on the clusters its entities fall in, on
its publication date (which :mod:`dossier.dating` may change) and on a corpus-wide context
(:func:`dossier.claims.make_context`: gazetteer links between the entities the store holds).
Each derived row records a *fingerprint* of exactly those inputs — the document's dates, its
entity → cluster map, and the slice of the context keyed by its own entity ids and names and
the countries its text names. :func:`sync_derived` recomputes every fingerprint from stored
tables (no document is read for it) and derives again only the documents whose fingerprint
changed: the new ones, those whose entities a merge, split, ``rm`` or new document
re-resolved, those re-dated, and those a context change reaches. A code change re-derives
everything: :func:`version` hashes the claims, graph and derived code and the gazetteer.

The caller holds ``store.resolution_lock()`` (as for entity resolution), so two processes never
derive at once; :func:`ensure_derived` takes it itself, for stores written by an older Dossier.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from typing import Any

from dossier.claims import Claim, ClaimContext, cluster_claims, extract_claims, make_context
from dossier.derived.codec import from_data, to_data
from dossier.extract.records import EntityRef, Mention
from dossier.graph import find_relations
from dossier.parallel import chunked, default_workers, ordered_map
from dossier.records import Document, Span
from dossier.store.base import DerivedRow, Store

__all__ = ["DERIVED_VERSION", "ensure_derived", "entity_rows", "sync_derived", "version"]

log = logging.getLogger(__name__)

#: Bump to re-derive every stored document (the code hash below also changes with any edit).
DERIVED_VERSION = 1
_PACKAGES = ("dossier.claims", "dossier.graph", "dossier.derived")
_CACHE = 500  # documents kept in memory between reading their entities and deriving their facts
_WRITE_BATCH = 200  # derived rows per transaction
_WORD = re.compile(r"[A-Z][\w.’'-]*")
_PARALLEL_FROM = 200  # documents to derive from which worker processes share the work
_CHUNK = 16  # documents per worker task
_FORKED: ClaimContext | None = None  # the context of the sync running, inherited by forked workers


@functools.cache
def version() -> str:
    """The derivation's version: DERIVED_VERSION and a hash of the code and data it runs on."""
    digest = hashlib.sha256(str(DERIVED_VERSION).encode())
    for package in _PACKAGES:
        for entry in sorted(resources.files(package).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    digest.update(resources.files("dossier.data").joinpath("actors.jsonl").read_bytes())
    return f"derived.v{DERIVED_VERSION}:{digest.hexdigest()[:16]}"


# ---- what a document contributes -------------------------------------------------------------

def entity_rows(doc: Document) -> list[list[Any]]:
    """The document's entities as stored rows: [name, label, id, mentions, gazetteer keys, roles].

    ``id`` is the entity id the document carried when derived; the cluster the resolver holds
    for (document, name) replaces it when the rows are read (:func:`_resolved`).
    """
    rows: list[list[Any]] = []
    for ref in doc.entities:
        keys = list(dict.fromkeys(m.gazetteer for m in ref.mentions if m.gazetteer))
        rows.append([ref.name, ref.label, ref.entity_id, len(ref.mentions), keys, list(ref.roles)])
    return rows


def _country_keys(doc: Document) -> list[str]:
    """Countries the text names by a word, demonym or capital ("US", "Afghan", "Kabul"): context keys
    a derivation may look up although no entity of the document is that country."""
    from dossier.claims.lexicon import CAPITALS
    from dossier.graph.relation_rules import country_of

    found: set[str] = set()
    for word in set(_WORD.findall(doc.text)):
        for form in (word, word.rstrip("."), word.replace(".", "")):
            country = country_of(form) or CAPITALS.get(form.casefold())
            if country:
                found.add(country)
    return sorted(found)


def _resolved(doc_id: str, rows: list[list[Any]], clusters: Mapping[str, Mapping[str, str]]) -> list[list[Any]]:
    """``rows`` with each entity's id replaced by its current cluster (as ``store.get_document`` does)."""
    mine = clusters.get(doc_id, {})
    return [[name, label, mine.get(name) or entity_id, *rest] for name, label, entity_id, *rest in rows]


def _stub(doc_id: str, rows: list[list[Any]]) -> Document:
    """A document holding only its entities, as :func:`make_context` reads them."""
    refs = []
    for name, label, entity_id, _, keys, roles in rows:
        mentions = tuple(Mention(text=name, label=label, span=Span(doc_id, 0, 0, 0, "derived"), name=name,
                                 entity_id=entity_id, gazetteer=key) for key in keys)
        refs.append(EntityRef(name=name, label=label, mentions=mentions, roles=tuple(roles), entity_id=entity_id))
    return Document(id=doc_id, source="", text="", entities=tuple(refs))


# ---- fingerprints ----------------------------------------------------------------------------

class _Slicer:
    """The part of a context a document with some keys can reach, as canonical JSON text: each mapping
    field restricted to those keys (and to the ids they map to), every other field whole. Each entry
    is made into text once per sync, however many documents reach it."""

    def __init__(self, context: ClaimContext) -> None:
        self.mappings: list[tuple[str, Mapping[Any, Any]]] = []
        self.whole: list[str] = []
        for f in dataclasses.fields(context):
            value = getattr(context, f.name)
            if isinstance(value, Mapping):
                self.mappings.append((f.name, value))
            else:
                self.whole.append(f"{f.name}={_canonical(to_data(value))}")
        self._text: dict[tuple[str, Any], str] = {}

    def __call__(self, keys: set[str]) -> str:
        reach = set(keys)
        for _, mapping in self.mappings:
            reach.update(v for k in keys if isinstance(v := mapping.get(k), str))
        parts = list(self.whole)
        for name, mapping in self.mappings:
            entries = []
            for key in reach:
                if key in mapping:
                    text = self._text.get((name, key))
                    if text is None:
                        text = self._text[(name, key)] = _canonical([key, to_data(mapping[key])])
                    entries.append(text)
            parts.append(f"{name}=[{','.join(sorted(entries))}]")
        return "\n".join(parts)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _fingerprint(doc_id: str, rows: list[list[Any]], country_keys: list[str], context_slice: _Slicer,
                 dates: Mapping[str, tuple[Any, ...]], clusters: Mapping[str, Mapping[str, str]]) -> str:
    keys = {str(k) for name, _, entity_id, *_ in rows for k in (name, entity_id) if k} | set(country_keys)
    text = "\n".join((version(), _canonical(list(dates.get(doc_id, ()))),
                      _canonical(sorted(clusters.get(doc_id, {}).items())), context_slice(keys)))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# ---- the sync --------------------------------------------------------------------------------

def sync_derived(store: Store) -> int:
    """Derive the facts of every document whose inputs changed since they were derived; returns how many.

    Also rewrites the corpus aggregates (entity names and prominence, graph node counts)."""
    current = version()
    status = store.derived_status()
    clusters = store.entity_clusters_by_doc()
    dates = store.derived_dates()
    inputs: dict[str, tuple[list[str], list[list[Any]]]] = {}
    for doc_id, keys, rows in store.derived_inputs():
        if status.get(doc_id, ("", ""))[0] == current:
            inputs[doc_id] = (list(keys), rows)
    cache: dict[str, Document] = {}
    for doc_id in status:
        if doc_id not in inputs:  # never derived, or by other code: read its entities first
            doc = store.get_document(doc_id)
            inputs[doc_id] = (_country_keys(doc), entity_rows(doc))
            if len(cache) < _CACHE:
                cache[doc_id] = doc
    ordered = sorted(inputs)
    resolved = {doc_id: _resolved(doc_id, inputs[doc_id][1], clusters) for doc_id in ordered}
    context = make_context(_stub(doc_id, resolved[doc_id]) for doc_id in ordered)
    context_slice = _Slicer(context)
    fingerprints = {doc_id: _fingerprint(doc_id, resolved[doc_id], inputs[doc_id][0], context_slice, dates,
                                         clusters) for doc_id in ordered}
    dirty = [doc_id for doc_id in ordered if status[doc_id] != (current, fingerprints[doc_id])]
    def work() -> Iterator[tuple[str, list[tuple[Document, str]]]]:
        for part in chunked(dirty, _CHUNK):  # read here: the store's connection stays in this process
            yield current, [(cache.pop(d) if d in cache else store.get_document(d), fingerprints[d]) for d in part]

    global _FORKED
    _FORKED = context  # before the pool forks: workers inherit it instead of unpickling it per chunk
    batch: list[DerivedRow] = []
    try:
        workers = default_workers() if len(dirty) >= _PARALLEL_FROM else 1
        for _, rows in ordered_map(_derive_chunk, work(), workers=workers):
            batch.extend(rows)
            if len(batch) >= _WRITE_BATCH:
                store.write_derived(batch)
                batch = []
    finally:
        _FORKED = None
    if batch:
        store.write_derived(batch)
    nodes = _nodes(resolved[doc_id] for doc_id in ordered)
    if dirty or store.derived_meta("clusters") != current or store.derived_meta("nodes") != nodes:
        _write_clusters(store, nodes, current)
    _write_graph(store, nodes)  # also when only entity names moved
    if dirty:
        log.debug("derived facts of %d of %d documents", len(dirty), len(ordered))
    return len(dirty)


def _write_clusters(store: Store, nodes: dict[str, list[Any]], current: str) -> None:
    """Cluster every stored claim (names and prominence from ``nodes``) and store the list, as
    ``claim_clusters(store.iter_documents(), include_unsettled=True)`` would give it."""
    claims = [from_data(Claim, data) for data in store.derived_claims()]
    prominence = {node: int(row[3]) for node, row in nodes.items()}
    names = {node: str(row[4]) for node, row in nodes.items()}
    clusters = cluster_claims(claims, prominence=prominence, names=names)
    # "generation" changes with every rewrite: views made from derived facts (the timeline) compare it
    store.write_clusters(((c.id, c.status, to_data(c)) for c in clusters),
                         meta={"nodes": nodes, "clusters": current, "generation": uuid.uuid4().hex})


def _derive_chunk(work: tuple[str, list[tuple[Document, str]]]) -> list[DerivedRow]:
    """Derive a chunk of documents (in a worker process, or here when there is one worker)."""
    current, items = work
    if _FORKED is None:
        raise RuntimeError("derived facts: no claims context set before deriving")
    return [_derive(doc, current, fingerprint, _FORKED) for doc, fingerprint in items]


def _derive(doc: Document, current: str, fingerprint: str, context: ClaimContext) -> DerivedRow:
    claims = extract_claims(doc, context=context)
    relations = find_relations(doc)
    events = [[to_data(e), doc.text[e.span.start:e.span.end]] for e in doc.events]  # the timeline's input
    return DerivedRow(doc_id=doc.id, version=current, fingerprint=fingerprint, keys=_country_keys(doc),
                      entities=entity_rows(doc), claims=[to_data(c) for c in claims],
                      relations=[to_data(r) for r in relations], events=events)


def _write_graph(store: Store, nodes: dict[str, list[Any]]) -> None:
    """The whole actor graph (no date or type filter), as node-link JSON: what most graph requests show."""
    import networkx as nx

    from dossier.graph import NodeInfo, build_graph
    from dossier.graph.relations import Relation

    relations = [from_data(Relation, data) for data in store.derived_relations()]
    info = {node: NodeInfo(str(row[0]), str(row[1]), int(row[2]), int(row[3])) for node, row in nodes.items()}
    graph = build_graph(relations, names=store.entity_names(), nodes=info)
    store.set_derived_meta("graph", nx.node_link_data(graph, edges="links"))


def _nodes(docs: Iterator[list[list[Any]]] | Iterable[list[list[Any]]]) -> dict[str, list[Any]]:
    """Per entity (cluster id, else name): [name, type, documents, mentions, name weighted by mentions].

    The first two and the counts are :func:`dossier.graph.node_info`'s; the last is the spelling
    :func:`dossier.claims.claim_clusters` names a party by (most mentions, then the longest)."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    documents: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for rows in docs:
        seen: set[str] = set()
        for name, label, entity_id, count, *_ in rows:
            node = entity_id or name
            names[node][name] += 1
            labels[node][label] += 1
            if node not in seen:
                seen.add(node)
                documents[node] += 1
            mentions[node] += count
            spelled[node][name] += count
    return {node: [_most_common(names[node]), _most_common(labels[node]), documents[node], mentions[node],
                   max(spelled[node], key=lambda n: (spelled[node][n], len(n)))]
            for node in sorted(names)}


def _most_common(counter: Counter[str]) -> str:
    return min(counter, key=lambda v: (-counter[v], -len(v), v)) if counter else ""


def ensure_derived(store: Store) -> None:
    """Derive what is missing (a store written before derived facts were kept, or by other code)."""
    current = version()
    if store.derived_missing(current) == 0 and store.derived_meta("clusters") == current:
        return
    with store.resolution_lock():
        sync_derived(store)
