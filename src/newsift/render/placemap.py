"""Where an article points, drawn without network tiles: an SVG map of its places.

An equirectangular frame around the located places, with the country outlines of Natural
Earth's 1:110m Admin 0 map (public domain; ``newsift/data/world-outlines.json``, built by
:mod:`newsift.train.world_outlines`), a labelled graticule and one pin per place. Labels
are placed greedily so that none overlaps another label or a pin; a label that finds no
free spot is left off (the pin keeps its name as a tooltip, and the places table lists
it). Places without coordinates get no pin. The web report page and the standalone HTML
report draw the same SVG (``templates/placemap.svg.j2``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from markupsafe import Markup

from newsift.render.templating import environment
from newsift.render.view import format_value

#: Most places listed in a panel.
PANEL_ROWS = 50


@dataclass(frozen=True)
class Place:
    """A place from ``summary["places"]``: resolved (with coordinates) or not."""

    text: str
    resolved: str
    suggestions: str
    lat: float | None
    lon: float | None
    x: float = 0.0
    y: float = 0.0
    count: int = 1


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _located(item: Mapping[str, Any], lat: float | None, lon: float | None) -> bool:
    """Whether a place has coordinates to draw: both given, in range, not 0,0 (which
    stands for "none" in many a data source), and not an unresolved mention."""
    if lat is None or lon is None or item.get("label") == "unresolved":
        return False
    return -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0)


def _resolved_name(item: Mapping[str, Any]) -> str:
    """``Kyiv (UA)`` for an entry of the places analyzer's summary that resolved."""
    if item.get("label") not in ("resolved", "ambiguous") or not item.get("name"):
        return ""
    country = item.get("country")
    return f"{item['name']} ({country})" if country else str(item["name"])


def places_panel(summary: Mapping[str, Any]) -> list[Place]:
    """``summary["places"]`` as rows; coordinates are mapped onto a 360×180 SVG frame.

    Accepted shapes: a list of objects, or ``{"resolved": [...], "unresolved": [...]}``;
    each object may hold ``text``/``name``, ``resolved``, ``lat``/``lon`` and
    ``suggestions``.
    """
    raw = summary.get("places")
    items: list[Any] = []
    if isinstance(raw, list):
        items = raw
    elif isinstance(raw, Mapping):
        for key in ("resolved", "unresolved", "places"):
            value = raw.get(key)
            if isinstance(value, list):
                items.extend(value)
    places = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        lat, lon = _number(item.get("lat")), _number(item.get("lon", item.get("lng")))
        if not _located(item, lat, lon):
            lat = lon = None
        suggestions = item.get("suggestions") or []
        places.append(
            Place(
                text=format_value(item.get("text") or item.get("name") or ""),
                resolved=format_value(item.get("resolved") or _resolved_name(item)),
                suggestions=", ".join(format_value(s) for s in suggestions)
                if isinstance(suggestions, list)
                else format_value(suggestions),
                lat=lat,
                lon=lon,
                x=round(lon + 180, 2) if lon is not None else 0.0,
                y=round(90 - lat, 2) if lat is not None else 0.0,
                count=item["count"] if isinstance(item.get("count"), int) else 1,
            )
        )
    return places[:PANEL_ROWS]


@dataclass(frozen=True)
class MapView:
    """An equirectangular frame around the located places, with a labelled graticule.

    ``x = lon + 180`` and ``y = 90 - lat``, so the SVG needs no transforms.
    """

    box: str
    x0: float
    y0: float
    width: float
    height: float
    meridians: list[tuple[float, str]]
    parallels: list[tuple[float, str]]
    font: float
    radius: float


def map_view(places: list[Place], min_span: float = 20.0) -> MapView | None:
    """The frame for the places with coordinates (``None`` when none has them)."""
    located = [p for p in places if p.lat is not None and p.lon is not None]
    if not located:
        return None
    xs, ys = [p.x for p in located], [p.y for p in located]
    width = max(max(xs) - min(xs), min_span) * 1.5
    height = max(max(ys) - min(ys), min_span / 2) * 1.3
    width, height = min(max(width, height * 2), 360.0), min(max(height, width / 2), 180.0)
    x0 = min(max((max(xs) + min(xs)) / 2 - width / 2, 0.0), 360.0 - width)
    y0 = min(max((max(ys) + min(ys)) / 2 - height / 2, 0.0), 180.0 - height)
    step = next(s for s in (1, 2, 5, 10, 15, 30, 45, 90) if width / s <= 8)
    meridians = [
        (float(lon + 180), f"{abs(lon)}°{'E' if lon > 0 else 'W' if lon < 0 else ''}")
        for lon in range(-180, 181, step)
        if x0 <= lon + 180 <= x0 + width
    ]
    parallels = [
        (float(90 - lat), f"{abs(lat)}°{'N' if lat > 0 else 'S' if lat < 0 else ''}")
        for lat in range(-90, 91, step)
        if y0 <= 90 - lat <= y0 + height
    ]
    return MapView(
        box=f"{x0:.2f} {y0:.2f} {width:.2f} {height:.2f}",
        x0=round(x0, 2),
        y0=round(y0, 2),
        width=round(width, 2),
        height=round(height, 2),
        meridians=meridians,
        parallels=parallels,
        font=round(width / 40, 2),
        radius=round(width / 120, 2),
    )


# --- country outlines ------------------------------------------------------------------

#: The outlines file, as :mod:`newsift.train.world_outlines` writes it.
OUTLINES_RESOURCE = "world-outlines.json"


@dataclass(frozen=True)
class Outline:
    """One country's outline: its SVG path in map coordinates and its bounding box."""

    name: str
    bbox: tuple[float, float, float, float]
    d: str


@cache
def outlines() -> tuple[Outline, ...]:
    """Every country's outline, read once from the package (empty if the file is absent:
    the map then shows the graticule alone, as it did before the outlines shipped)."""
    try:
        raw = json.loads((files("newsift") / "data" / OUTLINES_RESOURCE).read_text("utf-8"))
    except (OSError, ValueError):
        return ()
    return tuple(
        Outline(str(c["name"]), (c["bbox"][0], c["bbox"][1], c["bbox"][2], c["bbox"][3]), c["d"])
        for c in raw.get("countries", [])
    )


def outlines_in(view: MapView) -> list[Outline]:
    """The outlines whose bounding box meets the frame (the SVG clips the rest)."""
    x1, y1 = view.x0 + view.width, view.y0 + view.height
    return [
        o
        for o in outlines()
        if o.bbox[0] <= x1 and o.bbox[2] >= view.x0 and o.bbox[1] <= y1 and o.bbox[3] >= view.y0
    ]


# --- labels ------------------------------------------------------------------------------

#: Width of one character of a label, as a share of the font size (bold sans, generous).
CHAR_WIDTH = 0.62

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Pin:
    """A located place as the map draws it: pin, and its label (``None``: no free spot)."""

    place: Place
    name: str
    label_x: float | None = None
    label_y: float | None = None
    anchor: str = "start"


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(
    x: float, y: float, width: float, font: float, gap: float
) -> list[tuple[Box, float, float, str]]:
    """Label boxes around a pin, best first: right, left, above, below, then the corners."""
    rise, drop = font * 0.8, font * 0.25
    spots = [
        (x + gap, y + font / 3, "start"),
        (x - gap, y + font / 3, "end"),
        (x, y - gap, "middle"),
        (x, y + gap + rise, "middle"),
        (x + gap * 0.7, y - gap * 0.7, "start"),
        (x - gap * 0.7, y - gap * 0.7, "end"),
        (x + gap * 0.7, y + gap * 0.7 + rise, "start"),
        (x - gap * 0.7, y + gap * 0.7 + rise, "end"),
    ]
    out = []
    for tx, ty, anchor in spots:
        left = tx if anchor == "start" else tx - width if anchor == "end" else tx - width / 2
        out.append(((left, ty - rise, left + width, ty + drop), tx, ty, anchor))
    return out


def place_labels(places: Sequence[Place], view: MapView) -> list[Pin]:
    """Pins for the located places, labels placed greedily (most mentioned place first).

    A label goes to the first spot around its pin that stays inside the frame and clears
    every pin and every label placed before it; with no such spot it is left off.
    """
    located = [p for p in places if p.lat is not None and p.lon is not None]
    r, font = view.radius, view.font
    frame = (view.x0, view.y0, view.x0 + view.width, view.y0 + view.height)
    taken: list[Box] = [(p.x - r, p.y - r, p.x + r, p.y + r) for p in located]
    order = sorted(range(len(located)), key=lambda i: -located[i].count)
    pins: dict[int, Pin] = {}
    for i in order:
        place = located[i]
        name = place.resolved or place.text
        width = max(len(name), 1) * font * CHAR_WIDTH
        pins[i] = Pin(place, name)
        for box, tx, ty, anchor in _candidates(place.x, place.y, width, font, r * 1.8):
            inside = (
                frame[0] <= box[0]
                and box[2] <= frame[2]
                and frame[1] <= box[1]
                and box[3] <= frame[3]
            )
            if inside and not any(_overlaps(box, other) for other in taken):
                taken.append(box)
                pins[i] = Pin(place, name, round(tx, 2), round(ty, 2), anchor)
                break
    return [pins[i] for i in range(len(located))]


def map_svg(places: list[Place]) -> Markup:
    """The SVG map of the located places (empty markup when none has coordinates)."""
    view = map_view(places)
    if view is None:
        return Markup("")
    template = environment().get_template("placemap.svg.j2")
    return Markup(
        template.render(map=view, pins=place_labels(places, view), countries=outlines_in(view))
    )
