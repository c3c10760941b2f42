"""The ``html`` format: one self-contained, script-light page per report.

Everything from the article goes through the autoescaping environment of
:mod:`newsift.render.templating`, which also makes bidirectional controls visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from markupsafe import Markup

from newsift.model import Finding, Report, iter_subspans
from newsift.render.placemap import map_svg, places_panel
from newsift.render.segments import finding_ends, highlight_segments, primary_finding
from newsift.render.style import KindStyle, kind_slug
from newsift.render.templating import environment
from newsift.render.templating import make_environment as make_environment
from newsift.render.view import (
    FieldItem,
    LegendEntry,
    evidence_items,
    extra_summary,
    field_items,
    format_score,
    kind_counts,
    label_counts,
    legend_entries,
    metadata_items,
    sourcing_line,
    summary_sections,
    title_of,
    top_entities,
)

#: An attribution's parts that selecting it marks in the text (``sub-<part>`` classes).
SUBSPAN_PARTS = ("source", "cue", "content")


@dataclass(frozen=True)
class Marker:
    """A finding's number, placed after its last character."""

    number: int
    slug: str


@dataclass(frozen=True)
class HtmlSegment:
    """A run of article text and the markers that follow it.

    Attributes:
        text: The text of the run.
        numbers: Numbers of the findings covering it (empty: plain text).
        kinds: Their kinds (CSS slugs), in the same order.
        primary: Slug of the kind shown (the innermost finding's).
        starts: Numbers of the findings starting here: such runs are keyboard stops.
        title: Tooltip: number, kind, label and score of each finding covering the run.
        aria: Accessible name where findings start: their whole text, kind, label, score.
        markers: Markers of the findings ending right after it.
    """

    text: str
    numbers: tuple[int, ...]
    kinds: tuple[str, ...]
    primary: str
    starts: tuple[int, ...]
    title: str
    aria: str
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class Piece:
    """A run of article text as the page prints it: part of one segment, cut at sub-spans.

    Attributes:
        seg: The segment it belongs to (findings, kinds, tooltip …).
        text: Its text.
        start: Start offset in the article.
        end: End offset (exclusive).
        first: The segment's first piece (keyboard stop and accessible name go here).
        markers: Finding-number markers following it (on the segment's last piece).
        wrap: Plain text inside a sub-span (the report wraps all plain text regardless).
    """

    seg: HtmlSegment
    text: str
    start: int
    end: int
    first: bool
    markers: tuple[Marker, ...]
    wrap: bool


@dataclass(frozen=True)
class FindingView:
    """A finding as the side panel shows it."""

    number: int
    finding: Finding
    slug: str
    score: str
    evidence: list[tuple[str, str]]
    fields: list[FieldItem]


def _describe(number: int, finding: Finding) -> str:
    return f"[{number}] {finding.kind} {finding.label}, score {format_score(finding.score)}"


def _markers(indices: Sequence[int], findings: Sequence[Finding]) -> tuple[Marker, ...]:
    return tuple(Marker(i + 1, kind_slug(findings[i].kind)) for i in indices)


def article_segments(report: Report) -> tuple[tuple[Marker, ...], list[HtmlSegment]]:
    """Markers at the very start (empty findings at 0), and the article's segments."""
    text, findings = report.article.text, report.findings
    ends = finding_ends(text, findings)
    segments = []
    for seg in highlight_segments(text, findings):
        primary = primary_finding(seg.findings, findings)
        segments.append(
            HtmlSegment(
                text=seg.text,
                numbers=tuple(i + 1 for i in seg.findings),
                kinds=tuple(kind_slug(findings[i].kind) for i in seg.findings),
                primary="" if primary is None else kind_slug(findings[primary].kind),
                starts=tuple(i + 1 for i in seg.findings if findings[i].start == seg.start),
                title="; ".join(_describe(i + 1, findings[i]) for i in seg.findings),
                aria="; ".join(
                    f"{findings[i].text} ({_describe(i + 1, findings[i])})"
                    for i in seg.findings
                    if findings[i].start == seg.start
                ),
                markers=_markers(ends.get(seg.end, []), findings),
            )
        )
    return _markers(ends.get(0, []), findings), segments


def subspan_ranges(report: Report) -> list[tuple[int, int]]:
    """Every non-empty sub-span inside the text (``{start, end, text}`` in a finding's fields)."""
    ranges = set()
    for finding in report.findings:
        for span in iter_subspans(dict(finding.fields)):
            start, end = span["start"], span["end"]
            if isinstance(end, int) and 0 <= start < end <= len(report.article.text):
                ranges.add((start, end))
    return sorted(ranges)


def article_pieces(report: Report) -> tuple[tuple[Marker, ...], list[Piece]]:
    """Start markers and the article's pieces: its segments, cut again at sub-span edges.

    Every sub-span then covers whole pieces, so the script can mark an attribution's
    source, cue and content by the pieces' offsets (``data-s``, ``data-e``).
    """
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


def finding_views(report: Report) -> list[FindingView]:
    """The findings as the side panel lists them."""
    return [
        FindingView(
            number=i,
            finding=f,
            slug=kind_slug(f.kind),
            score=format_score(f.score),
            evidence=evidence_items(f),
            fields=field_items(f),
        )
        for i, f in enumerate(report.findings, 1)
    ]


def script_data(report: Report) -> dict[str, Any]:
    """What the page's script needs: each finding's number, kind, label, score, span and
    sub-spans (``{key, start, end}``: an attribution's source, cue, content …)."""
    return {
        "findings": [
            {
                "n": i,
                "id": f.id,
                "kind": kind_slug(f.kind),
                "label": f.label,
                "score": f.score,
                "start": f.start,
                "end": f.end,
                "subspans": [
                    {"key": item.key, "start": item.span[0], "end": item.span[1]}
                    for item in field_items(f)
                    if item.span is not None
                ],
            }
            for i, f in enumerate(report.findings, 1)
        ]
    }


def _css_rule(slug: str, style: KindStyle) -> str:
    colours = f".k-{slug}{{--kc:{style.colour};--kt:{style.colour}55}}"
    return f"{colours}\n.hl.k-{slug}{{{style.css}}}"


def kind_css(legend: list[LegendEntry]) -> str:
    """CSS for each kind in the legend: its colour (``--kc``), tint (``--kt``) and line."""
    return "\n".join(_css_rule(kind_slug(e.style.kind), e.style) for e in legend)


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (inline CSS and JS, no external URL)."""
    legend = legend_entries(report)
    start_markers, pieces = article_pieces(report)
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            title=title_of(report),
            lang=report.article.language or "en",
            version=report.newsift_version,
            metadata=metadata_items(report),
            sourcing=sourcing_line(report.summary),
            legend=legend,
            kind_css=Markup(kind_css(legend)),
            kind_slug=kind_slug,
            kind_counts=kind_counts(report),
            label_counts=label_counts(report),
            entities=top_entities(report),
            extra_summary=extra_summary(report.summary),
            sections=summary_sections(report.summary),
            map_svg=map_svg(places_panel(report.summary)),
            start_markers=start_markers,
            pieces=pieces,
            parts=SUBSPAN_PARTS,
            findings=finding_views(report),
            data=script_data(report),
        )
    )
