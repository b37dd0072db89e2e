"""Graph: relations between actors, and the actor graph that evolves by date (issue 4).

Pure logic: :func:`find_relations` reads one extracted document; :func:`build_graph` folds
relations from many documents into a ``networkx.MultiDiGraph`` keyed by the resolver's
cluster ids; :func:`to_json` and :func:`write_graphml` export it.

>>> from dossier.graph import build_graph, find_relations, to_json
>>> graph = build_graph(r for doc in docs for r in find_relations(doc))

Names are resolved on first use (PEP 562): reading relations (`dossier ask`, `claims`,
`timeline`) does not import networkx, which only the graph itself needs.
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from dossier.graph.actors import NodeInfo, build_graph, ego_graph, node_info, to_json
    from dossier.graph.graphml import graphml_ready, write_graphml
    from dossier.graph.relation_rules import RELATION_TYPES
    from dossier.graph.relations import Relation, find_relations

_EXPORTS = {
    "NodeInfo": "actors", "build_graph": "actors", "ego_graph": "actors", "node_info": "actors",
    "to_json": "actors", "graphml_ready": "graphml", "write_graphml": "graphml",
    "RELATION_TYPES": "relation_rules", "Relation": "relations", "find_relations": "relations",
}

__all__ = [
    "NodeInfo", "RELATION_TYPES", "Relation", "build_graph", "ego_graph", "find_relations", "graphml_ready",
    "node_info", "to_json", "write_graphml",
]


def __getattr__(name: str) -> _typing.Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'dossier.graph' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"dossier.graph.{_EXPORTS[name]}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
