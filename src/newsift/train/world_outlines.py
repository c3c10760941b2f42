"""Build the country outlines the report's place map draws (``newsift/data/world-outlines.json``).

The source is Natural Earth's Admin 0 countries at 1:110m (public domain), as the TopoJSON
``countries-110m.json`` that the npm package ``world-atlas`` (ISC licence, Natural Earth
4.1.0) redistributes. Nothing is fetched: get the file once and pass its path::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m newsift.train.world_outlines package/countries-110m.json
    python -m newsift.train.world_outlines SOURCE OTHER.json   # or another output path

Each country becomes one SVG path in the map's own coordinates (``x = lon + 180``,
``y = 90 - lat``, as :mod:`newsift.render.placemap` draws), rounded to a tenth of a degree
and thinned with Douglas–Peucker, with its bounding box so the map only draws the
countries its frame shows. The run-time reader is :func:`newsift.render.placemap.outlines`.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from newsift.errors import ConfigError, Errors

#: Where the package keeps the outlines (``src/newsift/data``).
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "data" / "world-outlines.json"
#: Douglas–Peucker tolerance, in degrees.
TOLERANCE = 0.08
#: Decimal places kept (0.1° is under the 1:110m source's own precision at map scale).
DIGITS = 1
#: Format of the output file, checked by the reader.
OUTLINES_FORMAT = 1

Point = tuple[float, float]


def _fail(path: Path, detail: str) -> ConfigError:
    return ConfigError(Errors.E190, source=str(path), detail=detail)


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """The topology's arcs as lists of ``(lon, lat)``, undoing quantization and deltas."""
    transform = topology.get("transform")
    arcs = topology["arcs"]
    if not transform:
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in arcs]
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    decoded = []
    for arc in arcs:
        x = y = 0
        points = []
        for qx, qy, *_ in arc:
            x, y = x + qx, y + qy
            points.append((x * kx + dx, y * ky + dy))
        decoded.append(points)
    return decoded


def ring_points(indices: Sequence[int], arcs: list[list[Point]]) -> list[Point]:
    """One ring from arc indices (``~i`` is arc ``i`` reversed), shared ends joined once."""
    ring: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def _distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    length = math.hypot(bx - ax, by - ay)
    if length == 0:
        return math.hypot(px - ax, py - ay)
    return abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker (iterative): the points that keep the line within ``tolerance``."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def unwrap(ring: list[Point]) -> list[list[Point]]:
    """A ring drawable on a flat map: longitudes made continuous across the antimeridian.

    A ring that then leaves -180..180 (Fiji, Chukotka) is given again shifted by 360°, so
    the frame's clipping shows each half on its side; a ring that goes once round the globe
    (Antarctica) is closed along the pole.
    """
    if not ring:
        return []
    points = [ring[0]]
    for lon, lat in ring[1:]:
        previous = points[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        points.append((lon, lat))
    span = points[-1][0] - points[0][0]
    if abs(span) >= 180:  # once round the globe: close it along the nearer pole
        pole = -90.0 if sum(lat for _, lat in points) < 0 else 90.0
        points += [(points[-1][0], pole), (points[0][0], pole)]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    rings = [points]
    if east > 180:
        rings.append([(lon - 360, lat) for lon, lat in points])
    if west < -180:
        rings.append([(lon + 360, lat) for lon, lat in points])
    return rings


def _polygons(geometry: dict[str, Any]) -> Iterator[list[list[int]]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        yield geometry["arcs"]
    elif kind == "MultiPolygon":
        yield from geometry["arcs"]


def ring_path(ring: list[Point], tolerance: float = TOLERANCE) -> str:
    """An SVG subpath (``M x y l dx dy … Z``) of one ring in map coordinates, or ``""``."""
    scale = 10**DIGITS
    grid = [(round((lon + 180) * scale), round((90 - lat) * scale)) for lon, lat in ring]
    thinned = simplify([(float(x), float(y)) for x, y in grid], tolerance * scale)
    cells = [(int(x), int(y)) for x, y in thinned]
    unique = [p for i, p in enumerate(cells) if i == 0 or p != cells[i - 1]]
    if len(set(unique)) < 3:
        return ""

    def num(value: int) -> str:
        return f"{value / scale:g}"

    x0, y0 = unique[0]
    steps = [f"{num(bx - ax)} {num(by - ay)}" for (ax, ay), (bx, by) in pairwise(unique)]
    return f"M{num(x0)} {num(y0)}l" + " ".join(steps) + "z"


def build_outlines(topology: dict[str, Any], tolerance: float = TOLERANCE) -> dict[str, Any]:
    """The outlines file's content from a world-atlas style TopoJSON (``objects.countries``)."""
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = [
            part
            for polygon in _polygons(geometry)
            for ring in polygon
            for part in unwrap(ring_points(ring, arcs))
        ]
        paths = [p for p in (ring_path(r, tolerance) for r in rings) if p]
        points = [(max(-180.0, min(180.0, lon)), lat) for r in rings for lon, lat in r]
        if not paths or not points:
            continue
        xs = [lon + 180 for lon, _ in points]
        ys = [90 - lat for _, lat in points]
        properties = geometry.get("properties") or {}
        countries.append(
            {
                "id": str(geometry.get("id", "")),
                "name": str(properties.get("name", "")),
                "bbox": [
                    round(min(xs), 1),
                    round(min(ys), 1),
                    round(max(xs), 1),
                    round(max(ys), 1),
                ],
                "d": "".join(paths),
            }
        )
    return {
        "format": OUTLINES_FORMAT,
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas",
        "projection": "equirectangular: x = lon + 180, y = 90 - lat",
        "countries": countries,
    }


def read_topology(path: Path) -> dict[str, Any]:
    """The TopoJSON at ``path``, checked to hold ``objects.countries`` and ``arcs``.

    Raises:
        ConfigError: the file is missing, not JSON, or not a countries topology (E190).
    """
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _fail(path, str(error)) from error
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        raise _fail(path, 'no "type": "Topology"')
    objects = topology.get("objects")
    if not isinstance(objects, dict) or "countries" not in objects:
        raise _fail(path, 'no "countries" object')
    if not isinstance(topology.get("arcs"), list):
        raise _fail(path, 'no "arcs" list')
    return topology


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m newsift.train.world_outlines SOURCE [OUTPUT]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not 1 <= len(args) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(args[0])
    output = Path(args[1]) if len(args) == 2 else DEFAULT_OUTPUT
    try:
        outlines = build_outlines(read_topology(source))
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    output.write_text(json.dumps(outlines, separators=(",", ":")) + "\n", encoding="utf-8")
    size = output.stat().st_size
    print(f"{len(outlines['countries'])} countries, {size:,} bytes → {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
