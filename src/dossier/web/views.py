"""SVG built on the server: the graph page, the claims chart, the timeline bars (the map is ``mapview.py``).

Every text and attribute value is escaped.

No JavaScript and no inline styles (the CSP forbids both): colours come from CSS classes, and
SVG presentation attributes carry geometry only.
"""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

__all__ = ["MAX_NODES", "graph_svg", "series_chart", "timeline_bars"]

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


# ---- claims: a dated series of figures -----------------------------------------------------------

CHART_SIZE = (640, 220)
CHART_MARGIN = (64, 16, 32, 36)  # left (value labels), top, right, bottom (date labels)
CHART_LABEL_ROOM = 64  # horizontal room one date label needs


def _cite_url(doc: str, start: int, end: int) -> str:
    return f"/doc/{quote(str(doc), safe='')}?hl={int(start)}-{int(end)}#c{int(start)}"


def _figure(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _compressed_days(days: list[float]) -> dict[float, float]:
    """Each day (an ordinal, sorted) → its position on the time axis, with long gaps shortened.

    A gap longer than three times the median gap (and at least a month) is drawn as that long, so
    one figure from years earlier does not squeeze every later one into a corner; the axis marks it.
    """
    gaps = [b - a for a, b in zip(days, days[1:], strict=False)]
    cap = max(3 * sorted(gaps)[len(gaps) // 2], 31.0) if len(gaps) >= 2 else float("inf")
    positions, at = {}, 0.0
    for i, day in enumerate(days):
        if i:
            at += min(gaps[i - 1], cap)
        positions[day] = at
    return positions


def _day_number(value: Any) -> float | None:
    """The first day an ISO date value ("2020", "2020-07", "2020-07-15", "a/b") covers, as an ordinal."""
    from dossier.claims.select import date_bounds

    bounds = date_bounds(value) if isinstance(value, str) else None
    return float(bounds[0].toordinal()) if bounds else None


def series_chart(values: list[dict[str, Any]], series: list[dict[str, Any]] | None = None) -> Markup | None:
    """An SVG chart of dated figures: one linked point per figure a source gives (to its cited span),
    a range as a bar from its low to its high value, and the cluster's ``series`` as a step line.

    ``values`` are claim evidence with ``value`` (and ``value_max``), ``date``, ``doc``, ``start``,
    ``end``, ``source``, ``outlet``, ``text``; figures without a parsable date or value are left out.
    Returns None when fewer than two figures can be drawn (one point is no series; the sides list
    it). Every text and attribute is escaped.
    """
    points = []
    for v in values:
        x, value = _day_number(v.get("date")), v.get("value")
        if x is None or not isinstance(value, int | float):
            continue
        high = v.get("value_max") if isinstance(v.get("value_max"), int | float) else None
        points.append((x, float(value), float(high) if high else None, v))
    if len(points) < 2:
        return None
    steps = [(x, float(s["value"])) for s in (series or [])
             if (x := _day_number(s.get("date"))) is not None and isinstance(s.get("value"), int | float)]
    width, height = CHART_SIZE
    left, top, right, bottom = CHART_MARGIN
    days = _compressed_days(sorted({p[0] for p in points} | {st[0] for st in steps}))
    x_lo, x_hi = min(days.values()), max(days.values())
    y_hi = max([p[2] or p[1] for p in points] + [st[1] for st in steps]) or 1.0

    def at_x(x: float) -> float:
        if x_hi == x_lo:
            return left + (width - left - right) / 2
        return left + (days[x] - x_lo) / (x_hi - x_lo) * (width - left - right)

    def at_y(y: float) -> float:
        return top + (1 - max(y, 0.0) / y_hi) * (height - top - bottom)

    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(f"{len(points)} dated figures")}">']
    for tick in (0.0, y_hi / 2, y_hi):
        y = at_y(tick)
        parts.append(f'<line class="axis" x1="{left}" y1="{_num(y)}" x2="{width - right}" y2="{_num(y)}"/>'
                     f'<text class="tick" x="{left - 6}" y="{_num(y + 4)}">{escape(_figure(tick))}</text>')
    labels = {str(p[3].get("date")): p[0] for p in points}
    last_label = -1e9
    for label, x in sorted(labels.items(), key=lambda item: (item[1], item[0])):
        if at_x(x) - last_label >= CHART_LABEL_ROOM:  # dates too close to the last label are in the points' titles
            parts.append(f'<text class="when" x="{_num(at_x(x))}" y="{height - bottom + 16}">{escape(label)}</text>')
            last_label = at_x(x)
    ordered = sorted(days)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if days[after] - days[before] < after - before:  # a compressed gap: mark the break on the axis
            mid = (at_x(before) + at_x(after)) / 2
            years = (after - before) / 365.25
            parts.append(f'<text class="break" x="{_num(mid)}" y="{height - bottom + 4}">≈<title>'
                         f'{escape(f"about {years:.1f} years shortened here")}</title></text>')
    if len(steps) >= 2:
        path = [f"{_num(at_x(steps[0][0]))},{_num(at_y(steps[0][1]))}"]
        for (_, y0), (x1, y1) in zip(steps, steps[1:], strict=False):
            path.append(f"{_num(at_x(x1))},{_num(at_y(y0))} {_num(at_x(x1))},{_num(at_y(y1))}")
        parts.append(f'<polyline class="step" points="{" ".join(path)}"/>')
    stacked: dict[tuple[float, float], int] = {}  # figures at the same place sit side by side, each clickable
    for x, value, high, v in sorted(points, key=lambda p: (p[0], p[1])):
        seen = stacked[(x, value)] = stacked.get((x, value), -1) + 1
        shown = _figure(value) + (f"–{_figure(high)}" if high else "")
        who = v.get("outlet") or v.get("source") or str(v.get("doc", ""))[:8]
        said = f" ({v['source']})" if v.get("source") not in (None, who) else ""
        plan = " (planned)" if v.get("modality") == "planned" else ""
        title = f"{shown}{plan} · {v.get('date')} · {who}{said}: {v.get('text', '')}"
        cx, cy = at_x(x) + 7 * seen, at_y(value)
        bar = (f'<line class="range" x1="{_num(cx)}" y1="{_num(cy)}" x2="{_num(cx)}" y2="{_num(at_y(high))}"/>'
               if high else "")
        kind = "point planned" if v.get("modality") == "planned" else "point"
        parts.append(f'<a class="{kind}" href="{escape(_cite_url(v["doc"], v["start"], v["end"]))}" '
                     f'data-date="{escape(str(v.get("date")))}" data-value="{escape(shown)}">{bar}'
                     f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="5"><title>{escape(title)}</title></circle></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


# ---- timeline: events per period ------------------------------------------------------------------

BARS_SIZE = (900, 160)


def timeline_bars(bars: list[tuple[str, int, str | None]]) -> Markup | None:
    """An SVG bar chart of events per period: (label, count, href or None) per bar, in order.

    A bar with an href is a link (zooming into that period); None when there are no bars.
    """
    if not bars:
        return None
    width, height = BARS_SIZE
    top, bottom, side = 14, 22, 8
    slot = (width - 2 * side) / len(bars)
    most = max(count for _, count, _ in bars) or 1
    parts = [f'<svg class="bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(f"events in {len(bars)} periods")}">']
    every = max(1, round(len(bars) / 24))  # label at most ~24 periods under the bars
    for i, (label, count, href) in enumerate(bars):
        h = count / most * (height - top - bottom)
        x = side + i * slot
        rect = (f'<rect x="{_num(x + slot * .1)}" y="{_num(height - bottom - h)}" width="{_num(slot * .8)}" '
                f'height="{_num(h)}"><title>{escape(label or "undated")}: {count} '
                f'event{"" if count == 1 else "s"}</title></rect>'
                + (f'<text class="count" x="{_num(x + slot / 2)}" y="{_num(height - bottom - h - 3)}">{count}</text>'
                   if count else ""))
        if i % every == 0:
            rect += f'<text class="when" x="{_num(x + slot / 2)}" y="{height - 6}">{escape(label or "undated")}</text>'
        if href:  # the whole column is the link, so a short bar is as easy to click as a tall one
            hit = (f'<rect class="hit" x="{_num(x)}" y="{top}" width="{_num(slot)}" '
                   f'height="{height - top - bottom}"/>')
            parts.append(f'<a class="bar" href="{escape(href)}" data-period="{escape(label)}">{hit}{rect}</a>')
        else:
            parts.append(f'<g class="bar" data-period="{escape(label)}">{rect}</g>')
    parts.append("</svg>")
    return Markup("".join(parts))
