"""What the report page shows, built from a Report with the HTML renderer's own pieces.

The article's highlighted segments come from :func:`newsift.render.html.article_segments`
(the standalone report's logic); here they are only cut further at the sub-span
boundaries of findings (an attribution's source, cue and content), so the page can
highlight those three parts when an attribution is selected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

import jinja2

from newsift import __version__
from newsift.model import FINDING_KINDS, Report, iter_subspans
from newsift.render.html import (
    HtmlSegment,
    Marker,
    article_segments,
    finalize,
    finding_views,
    kind_css,
    visible,
)
from newsift.render.segments import highlight_segments
from newsift.render.style import kind_slug
from newsift.render.view import (
    LegendEntry,
    evidence_items,
    field_items,
    format_score,
    format_value,
    kind_counts,
    label_counts,
    legend_entries,
    metadata_items,
    title_of,
    top_entities,
)

#: Most list rows a side panel shows (the full list of findings is below it).
PANEL_ROWS = 50


@dataclass(frozen=True)
class Piece:
    """A run of article text on the page: part of one highlight segment.

    Attributes:
        seg: The segment it belongs to (findings, kinds, tooltip …).
        text: Its text.
        start: Start offset in the article.
        end: End offset (exclusive).
        first: The segment's first piece (keyboard stop and accessible name go here).
        markers: Finding-number markers following it (on the segment's last piece).
        wrap: Plain text inside a sub-span, wrapped so it can be highlighted.
    """

    seg: HtmlSegment
    text: str
    start: int
    end: int
    first: bool
    markers: tuple[Marker, ...]
    wrap: bool


def subspan_ranges(report: Report) -> list[tuple[int, int]]:
    """Every sub-span (``{start, end, text}`` inside a finding's fields), as offsets."""
    ranges = set()
    for finding in report.findings:
        for span in iter_subspans(dict(finding.fields)):
            start, end = span["start"], span["end"]
            if isinstance(end, int) and 0 <= start < end <= len(report.article.text):
                ranges.add((start, end))
    return sorted(ranges)


def article_pieces(report: Report) -> tuple[tuple[Marker, ...], list[Piece]]:
    """Start markers and the article's pieces, cut at findings and at sub-spans."""
    text = report.article.text
    start_markers, segments = article_segments(report)
    bounds = highlight_segments(text, report.findings)
    ranges = subspan_ranges(report)
    cuts = sorted({offset for r in ranges for offset in r})
    pieces: list[Piece] = []
    for seg, bound in zip(segments, bounds, strict=True):
        inner = [c for c in cuts if bound.start < c < bound.end]
        edges = [bound.start, *inner, bound.end]
        for i, (start, end) in enumerate(pairwise(edges)):
            pieces.append(
                Piece(
                    seg=seg,
                    text=text[start:end],
                    start=start,
                    end=end,
                    first=i == 0,
                    markers=seg.markers if end == bound.end else (),
                    wrap=any(s <= start and end <= e for s, e in ranges),
                )
            )
    return start_markers, pieces


def page_data(report: Report) -> dict[str, Any]:
    """What the page's script needs per finding: kind, label, score, evidence, sub-spans."""
    findings = []
    for n, f in enumerate(report.findings, 1):
        fields = []
        for item in field_items(f):
            entry: dict[str, Any] = {"key": item.key, "value": item.value}
            if item.span is not None:
                entry["start"], entry["end"] = item.span
            fields.append(entry)
        findings.append(
            {
                "n": n,
                "kind": kind_slug(f.kind),
                "kindName": str(f.kind),
                "label": str(f.label),
                "score": format_score(f.score),
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "evidence": [list(pair) for pair in evidence_items(f)],
                "fields": fields,
            }
        )
    return {"findings": findings}


@dataclass(frozen=True)
class Source:
    """One row of the sourcing profile."""

    text: str
    resolved: str
    type: str
    citations: str


@dataclass(frozen=True)
class Sourcing:
    """The sourcing profile: counts per source type, the named share, the sources."""

    counts: list[tuple[str, str]]
    named_share: str | None
    sources: list[Source]


def sourcing_panel(summary: Mapping[str, Any]) -> Sourcing | None:
    """``summary["sourcing"]`` for the page, or ``None`` when the report has none."""
    sourcing = summary.get("sourcing")
    if not isinstance(sourcing, Mapping):
        return None
    counts = sourcing.get("counts")
    share = sourcing.get("named_share")
    sources = sourcing.get("sources")
    rows = [
        Source(
            text=format_value(s.get("text", "")),
            resolved=format_value(s.get("resolved") or ""),
            type=format_value(s.get("type", "")),
            citations=format_value(s.get("citations", "")),
        )
        for s in (sources if isinstance(sources, list) else [])
        if isinstance(s, Mapping)
    ]
    return Sourcing(
        counts=[(str(k), format_value(v)) for k, v in counts.items()]
        if isinstance(counts, Mapping)
        else [],
        named_share=f"{share:.0%}"
        if isinstance(share, int | float) and not isinstance(share, bool)
        else None,
        sources=rows[:PANEL_ROWS],
    )


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
                resolved=format_value(item.get("resolved") or ""),
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
    width = max(max(xs) - min(xs), min_span) * 1.3
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


@dataclass(frozen=True)
class Listed:
    """A finding listed in a side panel (claims, dates)."""

    number: int
    text: str
    label: str
    score: str
    detail: str


def listed(report: Report, kind: str) -> list[Listed]:
    """Findings of ``kind`` for a side panel, with their extra fields in one line."""
    rows = []
    for n, f in enumerate(report.findings, 1):
        if f.kind != kind:
            continue
        detail = "; ".join(f"{i.key}: {i.value}" for i in field_items(f) if i.span is None)
        rows.append(Listed(n, f.text, str(f.label), format_score(f.score), detail))
    return rows[:PANEL_ROWS]


def glossary(summary: Mapping[str, Any]) -> dict[str, str]:
    """One-sentence explanations of labels, from ``summary["glossary"]`` if present."""
    found = summary.get("glossary")
    if not isinstance(found, Mapping):
        return {}
    return {str(k): format_value(v) for k, v in found.items()}


def report_context(report: Report, report_id: str) -> dict[str, Any]:
    """Everything the report page template needs."""
    start_markers, pieces = article_pieces(report)
    places = places_panel(report.summary)
    legend = [e for e in legend_entries(report) if e.count]
    return {
        "report_id": report_id,
        "title": title_of(report),
        "lang": report.article.language or "en",
        "version": report.newsift_version,
        "metadata": metadata_items(report),
        "sourcing": sourcing_panel(report.summary),
        "legend": legend,
        "kind_counts": kind_counts(report),
        "label_counts": label_counts(report),
        "glossary": glossary(report.summary),
        "entities": top_entities(report),
        "claims": listed(report, "claim"),
        "dates": listed(report, "time"),
        "place_findings": listed(report, "place"),
        "places": places,
        "map": map_view(places),
        "start_markers": start_markers,
        "pieces": pieces,
        "findings": finding_views(report),
        "data": page_data(report),
    }


def kinds_stylesheet() -> str:
    """CSS for every standard kind (colour, tint and line style), from render.style."""
    entries = [LegendEntry(e.style, 0) for e in legend_entries_for_all()]
    return kind_css(entries) + "\n"


def legend_entries_for_all() -> list[LegendEntry]:
    """A legend entry for each standard kind (counts unused)."""
    from newsift.render.style import kind_style

    return [LegendEntry(kind_style(kind), 0) for kind in FINDING_KINDS]


@cache
def environment() -> jinja2.Environment:
    """The pages' Jinja2 environment: autoescaping and the HTML report's finalize/visible."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsift", "web/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["visible"] = visible
    env.globals["kind_slug"] = kind_slug
    env.globals["version"] = __version__
    return env


def render_page(name: str, **context: Any) -> str:
    """A page template rendered with ``context``."""
    return environment().get_template(name).render(**context)
