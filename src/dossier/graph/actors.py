"""The actor graph: relations from many documents folded into one ``networkx.MultiDiGraph``.

Nodes are cluster ids from the cross-document resolver (a document-level entity id maps to
itself when the resolver has not seen it). There is one edge per (source, target, type),
keyed by the type, with:

* ``weight``: how many statements support it; ``documents``: from how many documents;
* ``first_seen`` / ``last_seen``: the earliest and latest dates among them ("" if none),
  and ``undated``: how many had no date at all;
* ``evidence`` (rules), ``roles``, ``event_types``: sorted, ``"; "``-joined;
* ``provenance``: every statement as ``doc:start-end``, space-separated, sorted.

Symmetric types (``meets``, ``negotiates_with``, ``agrees_with``, ``allied_with``) are stored
once per pair, from the smaller id to the larger, with ``directed`` False. Relations whose
target is not an entity (an office such as "Secretary of State") become the source node's
``roles``, not edges. Every attribute is a str, int or bool, so the graph writes to GraphML
as it is.

Example::

    >>> graph = build_graph(relations, clusters=resolution_map, as_of="2020-03-01")
    >>> sorted(graph["ent_taliban"]["ent_us"])  # doctest: +SKIP
    ['agrees_with', 'negotiates_with']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from dossier.errors import QueryError
from dossier.graph.relation_rules import ASSERTED, RELATION_TYPES, SYMMETRIC
from dossier.graph.relations import Relation
from dossier.records import Document

__all__ = ["NodeInfo", "build_graph", "ego_graph", "node_info", "to_json"]

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """What the graph shows about an actor: its name, entity type and how often it is named."""

    name: str
    type: str = ""
    documents: int = 0
    mentions: int = 0


def node_info(docs: Iterable[Document], *, clusters: Mapping[str, str] = {}) -> dict[str, NodeInfo]:
    """Name, type and document/mention counts for every cluster the documents' entities fall in.

    The name is the one the cluster's entities carry most often (ties: the longest, then the
    first alphabetically); the type likewise.
    """
    names: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    doc_ids: dict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    for doc in docs:
        for ref in doc.entities:
            entity_id = ref.entity_id or ref.name
            node = clusters.get(entity_id, entity_id)
            names[node][ref.name] += 1
            labels[node][ref.label] += 1
            doc_ids[node].add(doc.id)
            mentions[node] += len(ref.mentions)
    return {node: NodeInfo(_most_common(names[node]), _most_common(labels[node]), len(doc_ids[node]), mentions[node])
            for node in sorted(names)}


def _most_common(counter: Counter[str]) -> str:
    return min(counter, key=lambda v: (-counter[v], -len(v), v)) if counter else ""


def _check_date(as_of: str | None) -> None:
    if as_of is not None and not _DATE.match(as_of):
        raise QueryError(f"Date {as_of!r} for --as-of is not an ISO date; write YYYY, YYYY-MM or YYYY-MM-DD.")


def _check_types(types: Collection[str] | None) -> None:
    unknown = sorted(set(types or ()) - set(RELATION_TYPES))
    if unknown:
        known = ", ".join(sorted(RELATION_TYPES))
        raise QueryError(f"No relation type {', '.join(map(repr, unknown))}. Known: {known}.")


def _start(date: str) -> str:
    """The first day a date stands for, as written: "2020-03-02/2020-07-15" → "2020-03-02"."""
    return date.split("/", 1)[0]


def _after(date: str, as_of: str) -> bool:
    """Does a (possibly partial) date begin after the (possibly partial) cut-off?"""
    return _start(date)[:len(as_of)] > as_of


def _keep(relation: Relation, *, as_of: str | None, types: Collection[str] | None,
          modalities: Collection[str]) -> bool:
    if types is not None and relation.type not in types:
        return False
    if relation.attributes.get("modality", "asserted") not in modalities:
        return False
    return not (as_of and relation.date and _after(relation.date, as_of))


def _joined(values: Iterable[str]) -> str:
    return "; ".join(sorted({v for v in values if v}))


def _edge_attributes(kind: str, group: list[Relation]) -> dict[str, Any]:
    dates = sorted(_start(r.date) for r in group if r.date)
    provenance = sorted({(r.doc_id, r.span.start, r.span.end) for r in group})
    modalities = {r.attributes.get("modality", "asserted") for r in group}
    return {
        "type": kind,
        "weight": len(group),
        "documents": len({r.doc_id for r in group}),
        "first_seen": dates[0] if dates else "",
        "last_seen": dates[-1] if dates else "",
        "undated": sum(1 for r in group if not r.date),
        "directed": kind not in SYMMETRIC,
        "evidence": _joined(r.evidence for r in group),
        "roles": _joined(r.attributes.get("role", "") for r in group),
        "event_types": _joined(r.attributes.get("event_type", "") for r in group),
        "modalities": _joined(modalities),
        "provenance": " ".join(f"{doc}:{start}-{end}" for doc, start, end in provenance),
    }


def build_graph(relations: Iterable[Relation], *, clusters: Mapping[str, str] = {}, names: Mapping[str, str] = {},
                nodes: Mapping[str, NodeInfo] = {}, as_of: str | None = None, types: Collection[str] | None = None,
                modalities: Collection[str] = ASSERTED) -> nx.MultiDiGraph:
    """Fold relations into the actor graph (see the module docstring for its attributes).

    Args:
        relations: from :func:`~dossier.graph.find_relations`, any number of documents, any order.
        clusters: document-level entity id → cluster id, from the resolver (identity when absent).
        names: cluster id → display name; else ``nodes``' name; else the name the relations use most.
        nodes: cluster id → :class:`NodeInfo` (type and counts), e.g. from :func:`node_info`.
        as_of: ISO date (YYYY, YYYY-MM or YYYY-MM-DD): drop relations dated after it. Undated
            relations are kept and counted in each edge's ``undated``.
        types: keep only these relation types (all when None).
        modalities: event modalities to keep (default asserted and reported: no negated,
            hypothetical, planned or demanded event becomes an edge). Relations that are not
            events count as asserted.

    Returns:
        A ``MultiDiGraph``; the same relations in any order give the same graph.

    Raises:
        QueryError: ``as_of`` is not an ISO date, or ``types`` names an unknown type.
    """
    _check_date(as_of)
    _check_types(types)
    groups: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    seen_names: dict[str, Counter[str]] = defaultdict(Counter)
    roles: dict[str, set[str]] = defaultdict(set)
    for relation in relations:
        if not _keep(relation, as_of=as_of, types=types, modalities=modalities):
            continue
        source = clusters.get(relation.source_id, relation.source_id)
        seen_names[source][relation.source] += 1
        if "role" in relation.attributes:
            roles[source].add(relation.attributes["role"])
        if relation.target_id is None:
            continue
        target = clusters.get(relation.target_id, relation.target_id)
        seen_names[target][relation.target] += 1
        if source == target:
            continue
        if relation.type in SYMMETRIC and target < source:
            source, target = target, source
        groups[(source, target, relation.type)].append(relation)
    graph = nx.MultiDiGraph(as_of=as_of or "", types=_joined(types or ()), modalities=_joined(modalities))
    for node in sorted(seen_names):
        info = nodes.get(node, NodeInfo(""))
        graph.add_node(node, name=names.get(node) or info.name or _most_common(seen_names[node]), type=info.type,
                       documents=info.documents, mentions=info.mentions, roles=_joined(roles[node]))
    for (source, target, kind), group in sorted(groups.items()):
        graph.add_edge(source, target, key=kind, **_edge_attributes(kind, group))
    return graph


def _find_node(graph: nx.MultiDiGraph, entity: str) -> str:
    if entity in graph:
        return entity
    folded = entity.casefold()
    matches: list[str] = sorted(n for n, name in graph.nodes(data="name") if str(name).casefold() == folded)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise QueryError(f"Entity name {entity!r} matches {len(matches)} actors ({', '.join(matches)}); pass one id.")
    raise QueryError(f"No entity {entity!r} in the graph; pass an entity id or an exact name (see `dossier entities`).")


def ego_graph(graph: nx.MultiDiGraph, entity_id: str, radius: int = 1) -> nx.MultiDiGraph:
    """The actors within ``radius`` relations of one actor (either direction), with their edges.

    ``entity_id`` is a node id, or an actor's exact name (case-insensitive) when no id matches.

    Raises:
        QueryError: no actor, or several, by that id or name.
    """
    center = _find_node(graph, entity_id)
    sub: nx.MultiDiGraph = nx.ego_graph(graph, center, radius=radius, undirected=True)
    sub.graph["center"] = center
    return sub


def to_json(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as node-link JSON with a stable order (nodes by id; edges by source, target, type).

    Same graph → same dict → byte-identical ``json.dumps``.
    """
    return {
        "directed": True,
        "multigraph": True,
        "graph": dict(sorted(graph.graph.items())),
        "nodes": [{"id": node, **dict(sorted(data.items()))} for node, data in sorted(graph.nodes(data=True))],
        "edges": [{"source": u, "target": v, "key": k, **dict(sorted(data.items()))}
                  for u, v, k, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))],
    }
