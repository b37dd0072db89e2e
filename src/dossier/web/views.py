"""SVG built on the server for the graph and map pages; every text and attribute value is escaped.

No JavaScript and no inline styles (the CSP forbids both): colours come from CSS classes, and
SVG presentation attributes carry geometry only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from dossier.records import Document

__all__ = ["MAP_BOX", "MAX_NODES", "MapPoint", "event_points", "graph_svg", "map_svg"]

MAX_NODES = 80
GRAPH_SIZE = (1000, 700)
GRAPH_MARGIN = 40
GRAPH_LABEL_ROOM = 170  # right-hand room for the last column's names
# lon 55–80 E, lat 28–40 N: Afghanistan and its neighbours (equirectangular).
MAP_BOX = (55.0, 80.0, 28.0, 40.0)
MAP_WIDTH = 1000


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


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One event with coordinates, and the cited span it links to."""

    doc: str
    start: int
    end: int
    type: str
    action: str
    place: str
    date: str
    lat: float
    lon: float

    @property
    def url(self) -> str:
        return f"/doc/{quote(self.doc, safe='')}?hl={self.start}-{self.end}#c{self.start}"

    @property
    def label(self) -> str:
        return f"{self.date or 'undated'} · {self.type}: {self.action} at {self.place}"

    @property
    def inside(self) -> bool:
        lon0, lon1, lat0, lat1 = MAP_BOX
        return lon0 <= self.lon <= lon1 and lat0 <= self.lat <= lat1


def _event_date(ev: Any, doc: Document) -> str:
    value = ev.time.value if ev.time is not None and ev.time.value else None
    return (value or doc.published or "").split("/")[0]


def event_points(docs: Iterable[Document], *, start: str = "", end: str = "",
                 types: Iterable[str] = ()) -> tuple[list[MapPoint], int]:
    """(events whose place has coordinates, count of matching events without), filtered.

    ``start``/``end`` are ISO prefixes compared with the event's date (its resolved time, else
    the publication date); an event with no date is left out when either bound is set.
    """
    wanted = set(types)
    points: list[MapPoint] = []
    unplaced = 0
    for doc in docs:
        for ev in doc.events:
            if wanted and ev.type not in wanted:
                continue
            date = _event_date(ev, doc)
            if (start or end) and not date:
                continue
            if (start and date[:len(start)] < start) or (end and date[:len(end)] > end):
                continue
            place = ev.place
            if place is None or place.lat is None or place.lon is None:
                unplaced += 1
                continue
            points.append(MapPoint(doc.id, ev.span.start, ev.span.end, ev.type, ev.action, place.name, date,
                                   float(place.lat), float(place.lon)))
    points.sort(key=lambda p: (p.date, p.doc, p.start))
    return points, unplaced


def map_svg(points: Iterable[MapPoint]) -> Markup:
    """An equirectangular plot of the points inside ``MAP_BOX``, with a graticule every 5 degrees.

    Dots at the same place are spread on a small spiral so each stays clickable.
    """
    lon0, lon1, lat0, lat1 = MAP_BOX
    width = MAP_WIDTH
    height = round(width * (lat1 - lat0) / (lon1 - lon0))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - lon0) / (lon1 - lon0) * width, (lat1 - lat) / (lat1 - lat0) * height

    parts = [f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="Events by place">', f'<rect class="sea" width="{width}" height="{height}"/>']
    for lon in range(int(lon0), int(lon1) + 1, 5):
        x, _ = xy(lon, lat0)
        parts.append(f'<line class="grid" x1="{_num(x)}" y1="0" x2="{_num(x)}" y2="{height}"/>'
                     f'<text class="grid-label" x="{_num(x + 3)}" y="{height - 4}">{lon}°E</text>')
    for lat in range(int(lat0), int(lat1) + 1, 2):
        _, y = xy(lon0, lat)
        parts.append(f'<line class="grid" x1="0" y1="{_num(y)}" x2="{width}" y2="{_num(y)}"/>'
                     f'<text class="grid-label" x="3" y="{_num(y - 3)}">{lat}°N</text>')
    seen: dict[tuple[float, float], int] = {}
    labelled: set[str] = set()
    for p in points:
        if not p.inside:
            continue
        x, y = xy(p.lon, p.lat)
        k = seen.get((round(x), round(y)), 0)
        seen[(round(x), round(y))] = k + 1
        if k:
            angle, dist = k * 2.4, 3.0 * math.sqrt(k)
            x, y = x + dist * math.cos(angle), y + dist * math.sin(angle)
        parts.append(f'<a class="dot" href="{escape(p.url)}"><circle class="ev-{_css(p.type)}" cx="{_num(x)}" '
                     f'cy="{_num(y)}" r="5"><title>{escape(p.label)}</title></circle></a>')
        if p.place not in labelled:
            labelled.add(p.place)
            parts.append(f'<text class="place" x="{_num(x + 8)}" y="{_num(y - 6)}">{escape(p.place)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
