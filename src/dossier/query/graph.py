"""The actor graph of a store: relations from every document, on resolved entity ids."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from dossier.records import Document
from dossier.store.base import Store

__all__ = ["store_graph"]


def store_graph(store: Store, *, as_of: str | None = None, types: Collection[str] | None = None,
                entity: str | None = None, radius: int = 1, docs: Sequence[Document] | None = None) -> Any:
    """A networkx MultiDiGraph of the store's actors, from the relations kept at ingest (:mod:`dossier.derived`).

    ``entity`` (a name, alias or id) narrows it to that actor's neighbourhood. ``docs``: build it
    from these documents instead (their relations found now, on the ids they carry).
    """
    from dossier.graph import build_graph, ego_graph, find_relations, node_info

    graph = None
    if docs is None:
        from dossier.derived import stored_graph, stored_nodes, stored_relations

        if as_of is None and types is None:
            graph = stored_graph(store)  # the whole graph, made when derived facts last changed
        if graph is None:
            graph = build_graph(stored_relations(store), names=store.entity_names(), nodes=stored_nodes(store),
                                as_of=as_of, types=types)
    else:
        relations = [r for doc in docs for r in find_relations(doc)]
        names = {e.id: e.name for e in store.list_entities()}
        graph = build_graph(relations, names=names, nodes=node_info(docs), as_of=as_of, types=types)
    if entity is not None:
        from dossier.query.entities import find_entity

        graph = ego_graph(graph, find_entity(store, entity).id, radius=radius)
    return graph
