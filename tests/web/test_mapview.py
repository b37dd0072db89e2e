"""Tests for dossier.web.mapview: the view fits the events anywhere, outlines are drawn, close events cluster."""

from __future__ import annotations

import re

import pytest

from dossier.web.mapview import CLUSTER_RADIUS, MapPoint, map_view


def point(lat: float, lon: float, place: str, *, doc: str = "d1", start: int = 0, kind: str = "ASSAULT") -> MapPoint:
    return MapPoint(doc, start, start + 5, kind, "attacked", place, "2024-05-12", lat, lon)


def bounds(svg: str) -> tuple[float, ...]:
    found = re.search(r'data-bounds="([^"]+)"', svg)
    assert found
    return tuple(float(v) for v in found.group(1).split())


STORIES = [  # (points, countries whose outlines must be drawn)
    ([point(15.55, 32.53, "Khartoum"), point(13.63, 25.35, "El Fasher", start=10)], {"SD", "TD"}),
    ([point(49.98, 36.25, "Kharkiv"), point(46.48, 30.73, "Odesa", start=10)], {"UA"}),
    ([point(16.27, -0.04, "Gao"), point(12.65, -8.0, "Bamako", start=10)], {"ML"}),
    ([point(20.15, 92.9, "Sittwe"), point(21.97, 96.08, "Mandalay", start=10)], {"MM", "BD"}),
]


@pytest.mark.parametrize(("points", "isos"), STORIES, ids=["sudan", "ukraine", "mali", "myanmar"])
def test_map_view_fits_the_events_over_their_countries(points: list[MapPoint], isos: set[str]) -> None:
    view = map_view(points)
    svg = str(view.svg)
    west, south, east, north = bounds(svg)
    for p in points:
        assert west < p.lon < east and south < p.lat < north
    assert east - west < 60 and north - south < 40  # a region, not the world
    assert isos <= set(re.findall(r'data-iso="(\w+)"', svg))
    assert "AF" not in re.findall(r'data-iso="(\w+)"', svg) or isos == {"AF"}
    assert re.search(r'viewBox="0 0 1000 \d+"', svg) and "style=" not in svg and "<script" not in svg


def test_map_view_without_events_shows_the_world() -> None:
    view = map_view([])
    assert view.bounds[0] <= -170 and view.bounds[2] >= 179 and view.countries > 240
    assert view.clusters == []


def test_map_view_clusters_close_points_and_keeps_far_ones_apart() -> None:
    kabul = [point(34.53 + i * 0.01, 69.17, "Kabul", start=i * 10) for i in range(5)]
    herat = point(34.35, 62.2, "Herat", doc="d2")
    view = map_view([*kabul, herat])
    sizes = sorted(len(c.points) for c in view.clusters)
    assert sizes == [1, 5]
    svg = str(view.svg)
    assert '<a class="cluster" href="#cluster-0">' in svg and ">5</text></a>" in svg
    assert svg.count('<a class="dot"') == 1  # Herat stays a single, clickable event
    assert view.clusters[0].place == "Kabul"


def test_map_view_clusters_within_the_radius_only() -> None:
    view = map_view([point(0.0, 0.0, "A"), point(0.0, 40.0, "B", start=10), point(0.0, 40.0001, "C", start=20)])
    assert sorted(len(c.points) for c in view.clusters) == [1, 2]
    merged = next(c for c in view.clusters if len(c.points) == 2)
    assert merged.place in ("B +1", "C +1")
    assert CLUSTER_RADIUS > 0


def test_map_view_escapes_labels_and_is_deterministic() -> None:
    points = [point(15.5, 32.5, '<script>alert(1)</script>"'), point(15.5, 32.5, "Khartoum", start=10)]
    first, again = map_view(points), map_view(list(reversed(points)))
    assert "<script>" not in str(first.svg) and "&lt;script&gt;" in str(first.svg)
    assert str(first.svg) == str(again.svg)
