"""Tests for dossier.web.basemap: the outlines load offline and coordinates land in their countries."""

from __future__ import annotations

import pytest

from dossier.web.basemap import countries, project, unproject

# capitals and cities of stories from every continent: (ISO, lon, lat)
CITIES = [("AF", 69.17, 34.53), ("SD", 32.53, 15.55), ("UA", 36.25, 49.98), ("ML", -0.04, 16.27),
          ("MM", 92.9, 20.15), ("SY", 36.29, 33.51), ("YE", 44.21, 15.35), ("PS", 34.47, 31.5),
          ("US", -77.04, 38.9), ("BR", -47.9, -15.8), ("AU", 149.1, -35.3), ("RU", 37.6, 55.75),
          ("CO", -74.07, 4.71), ("NG", 7.49, 9.06), ("ET", 38.74, 9.03), ("CD", 15.31, -4.32)]


def test_countries_cover_the_world() -> None:
    found = countries()
    assert len(found) > 240
    assert {"MM", "HU", "RS", "XK", "SS", "PS"} <= set(found)  # outlines other offline packages lack


@pytest.mark.parametrize(("iso", "lon", "lat"), CITIES)
def test_project_puts_a_city_inside_its_country(iso: str, lon: float, lat: float) -> None:
    x, y = project(lon, lat)
    x0, y0, x1, y1 = countries()[iso].box
    assert x0 <= x <= x1 and y0 <= y <= y1


@pytest.mark.parametrize(("iso", "lon", "lat"), CITIES)
def test_unproject_inverts_project(iso: str, lon: float, lat: float) -> None:
    back = unproject(*project(lon, lat))
    assert back == pytest.approx((lon, lat), abs=1e-6)


def test_country_centre_is_inside_the_country() -> None:
    lon, lat = unproject(*countries()["SD"].centre)
    assert 22 < lon < 38 and 9 < lat < 22
