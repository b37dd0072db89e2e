"""SVG built on the server for the graph page (the map is ``mapview.py``); every text and attribute value is escaped.

No JavaScript and no inline styles (the CSP forbids both): colours come from CSS classes, and
SVG presentation attributes carry geometry only.
"""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

__all__ = ["MAX_NODES", "graph_svg"]

MAX_NODES = 80
GRAPH_SIZE = (1000, 700)
GRAPH_MARGIN = 40
GRAPH_LABEL_ROOM = 170  # right-hand room for the last column's names


def _css(value: str) -> str:
    """A safe CSS class suffix: lower-case letters, digits and dashes only."""
    return re.sub(r"[^a-z0-9-]", "", value.lower().replace("_", "-")) or "other"


def _entity_url(entity_id: str) -> str:
    return f"/entity/{quote(str(entity_id), safe='')}"


def _num(value: float) -> str:
    return f"{value:.1f}"


def graph_svg(graph: Any, *, limit: int = MAX_NODES) -> tuple[Markup, int, int]:
    """(SVG markup, nodes shown, nodes in the graph) for an actor graph; the ``limit`` heaviest nodes.

    A node's weight is the summed weight of its edges, then its mentions; the layout is
    ``networkx.spring_layout`` with a fixed seed, so the same graph always draws the same.
    """
    import networkx as nx

    total = graph.number_of_nodes()
    heaviness = dict(graph.degree(weight="weight"))
    keep = sorted(graph.nodes, key=lambda n: (-heaviness.get(n, 0), -int(graph.nodes[n].get("mentions") or 0), str(n)))
    sub = graph.subgraph(keep[:limit])
    width, height = GRAPH_SIZE
    parts = [f'<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="Actor graph">']
    pos = nx.spring_layout(sub, seed=7) if sub.number_of_nodes() else {}
    xs = [float(p[0]) for p in pos.values()] or [0.0]
    ys = [float(p[1]) for p in pos.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def at(node: Any) -> tuple[float, float]:
        x, y = pos[node]
        return (GRAPH_MARGIN + (float(x) - min(xs)) / span_x * (width - 2 * GRAPH_MARGIN - GRAPH_LABEL_ROOM),
                GRAPH_MARGIN + (float(y) - min(ys)) / span_y * (height - 2 * GRAPH_MARGIN))

    edges = sorted(sub.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2]))
    for source, target, kind, data in edges:
        (x1, y1), (x2, y2) = at(source), at(target)
        dates = " – ".join(d for d in (data.get("first_seen"), data.get("last_seen")) if d) or "undated"
        label = (f"{sub.nodes[source].get('name') or source} → {sub.nodes[target].get('name') or target}: "
                 f"{kind}, weight {data.get('weight', 1)}, {dates}")
        parts.append(f'<line class="edge rel-{_css(str(kind))}" x1="{_num(x1)}" y1="{_num(y1)}" '
                     f'x2="{_num(x2)}" y2="{_num(y2)}"><title>{escape(label)}</title></line>')
    for node in sorted(sub.nodes, key=str):
        x, y = at(node)
        info = sub.nodes[node]
        name = str(info.get("name") or node)
        radius = 5 + min(12.0, 2 * math.sqrt(heaviness.get(node, 0)))
        parts.append(f'<a class="node" href="{escape(_entity_url(str(node)))}">'
                     f'<circle class="ent-{_css(str(info.get("type") or ""))}" cx="{_num(x)}" cy="{_num(y)}" '
                     f'r="{_num(radius)}"><title>{escape(name)} ({escape(info.get("type") or "?")})</title></circle>'
                     f'<text x="{_num(x + radius + 3)}" y="{_num(y + 4)}">{escape(name)}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts)), sub.number_of_nodes(), total
