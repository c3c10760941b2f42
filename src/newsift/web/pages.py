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
from typing import Any

import jinja2

from newsift import __version__
from newsift.model import FINDING_KINDS, Report
from newsift.render.html import (
    article_pieces,
    finding_views,
    kind_css,
    make_environment,
)
from newsift.render.placemap import map_svg, places_panel
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
        "map_svg": map_svg(places),
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
    """The pages' Jinja2 environment: the HTML report's, over the web templates."""
    env = make_environment("web/templates")
    env.globals["kind_slug"] = kind_slug
    env.globals["version"] = __version__
    return env


def render_page(name: str, **context: Any) -> str:
    """A page template rendered with ``context``."""
    return environment().get_template(name).render(**context)
