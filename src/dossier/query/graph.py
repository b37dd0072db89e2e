"""The actor graph of a store: relations from every document, on resolved entity ids."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from dossier.records import Document
from dossier.store.base import Store

__all__ = ["store_graph"]


def store_graph(store: Store, *, as_of: str | None = None, types: Collection[str] | None = None,
                entity: str | None = None, radius: int = 1, docs: Sequence[Document] | None = None) -> Any:
    """A networkx MultiDiGraph of the store's actors (documents carry resolved ids when read).

    ``entity`` (a name, alias or id) narrows it to that actor's neighbourhood. ``docs``: the
    store's documents when the caller has already read them all (an export), else they are read.
    """
    from dossier.graph import build_graph, ego_graph, find_relations, node_info

    if docs is None:
        docs = list(store.iter_documents())
    relations = [r for doc in docs for r in find_relations(doc)]
    names = {e.id: e.name for e in store.list_entities()}
    graph = build_graph(relations, names=names, nodes=node_info(docs), as_of=as_of, types=types)
    if entity is not None:
        from dossier.query.entities import find_entity

        graph = ego_graph(graph, find_entity(store, entity).id, radius=radius)
    return graph
