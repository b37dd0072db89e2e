"""GraphML export of the actor graph, ready for Gephi.

GraphML declares one type per attribute name (``<key attr.type=...>``), and knows only
string, int, long, float, double and boolean. :func:`graphml_ready` makes any graph fit:
``None`` becomes "", lists, tuples and sets become sorted ``"; "``-joined strings, dicts
become JSON, and an attribute name that carries values of several types is written as
strings everywhere. :func:`build_graph` output already fits; the copy is for graphs a
caller has added to. ``networkx.read_graphml(path, force_multigraph=True)`` reads the file
back with every attribute and edge key.

Example::

    >>> write_graphml(build_graph(relations), "actors.graphml")
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import networkx as nx

__all__ = ["graphml_ready", "write_graphml"]

_LEGAL = (bool, int, float, str)


def _plain(value: Any) -> bool | int | float | str:
    if value is None:
        return ""
    if isinstance(value, _LEGAL):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(sorted(str(v) for v in value))
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return str(value)


def _uniform(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Plain values, with every attribute name of one type across rows (str when mixed)."""
    plain = [{k: _plain(v) for k, v in row.items()} for row in rows]
    kinds: dict[str, set[type]] = defaultdict(set)
    for row in plain:
        for key, value in row.items():
            kinds[key].add(type(value))
    mixed = {key for key, seen in kinds.items() if len(seen) > 1}
    return [{k: (str(v) if k in mixed else v) for k, v in row.items()} for row in plain]


def graphml_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the graph whose attributes are all GraphML-legal (see the module docstring)."""
    ready = nx.MultiDiGraph()
    ready.graph.update({k: _plain(v) for k, v in graph.graph.items()})
    nodes = list(graph.nodes(data=True))
    for (node, _), data in zip(nodes, _uniform(d for _, d in nodes), strict=True):
        ready.add_node(str(node), **data)
    edges = list(graph.edges(keys=True, data=True))
    for (u, v, key, _), data in zip(edges, _uniform(d for *_, d in edges), strict=True):
        ready.add_edge(str(u), str(v), key=str(key), **data)
    return ready


def write_graphml(graph: nx.MultiDiGraph, path_or_file: str | Path | IO[bytes]) -> None:
    """Write the graph as GraphML (UTF-8) to a path or a binary file object.

    Attribute names are used as GraphML key ids, so Gephi shows "weight", "first_seen"…
    """
    target = str(path_or_file) if isinstance(path_or_file, Path) else path_or_file
    nx.write_graphml(graphml_ready(graph), target, encoding="utf-8", named_key_ids=True)
