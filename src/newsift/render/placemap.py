"""Where an article points, drawn without network tiles: a plain SVG plot of its places.

An equirectangular frame around the located places with a labelled graticule and one pin
per place (no coastlines: nothing is fetched). The web report page and the standalone HTML
report draw the same SVG (``templates/placemap.svg.j2``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


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
        if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
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
    # Labels sit east of their pins: leave more room on the right than on the left.
    x0 = min(max(min(xs) - 0.1 * width, 0.0), 360.0 - width)
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


def map_svg(places: list[Place]) -> Markup:
    """The SVG plot of the located places (empty markup when none has coordinates)."""
    view = map_view(places)
    if view is None:
        return Markup("")
    template = environment().get_template("placemap.svg.j2")
    return Markup(template.render(map=view, places=places))
