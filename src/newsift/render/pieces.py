"""The article as the HTML report prints it: runs of text cut at finding and sub-span edges.

Both the standalone report and the web report page print these pieces (one
``<mark>`` per run covered by findings, plain runs between), with each finding's number
after its last character.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from newsift.model import Finding, Report, iter_subspans
from newsift.render.segments import finding_ends, highlight_segments, primary_finding
from newsift.render.style import kind_slug
from newsift.render.words import finding_title

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
        primary: Slug of the kind shown (the innermost finding's, of the kinds shown at
            first; empty when only hidden kinds cover the run).
        starts: Numbers of the findings starting here: such runs are keyboard stops.
        stops: Those of them of a kind shown at first (the page's initial keyboard stops).
        title: Tooltip: number, kind, label and score of each finding covering the run,
            in words (``[3] Attribution · named person · score 0.82``).
        aria: Accessible name where findings start: their whole text, kind, label, score.
        markers: Markers of the findings ending right after it.
    """

    text: str
    numbers: tuple[int, ...]
    kinds: tuple[str, ...]
    primary: str
    starts: tuple[int, ...]
    stops: tuple[int, ...]
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


#: Kinds whose highlights start hidden (the filter bar shows them on request).
HIDDEN_KINDS = ("entity",)


def _markers(indices: Sequence[int], findings: Sequence[Finding]) -> tuple[Marker, ...]:
    return tuple(Marker(i + 1, kind_slug(findings[i].kind)) for i in indices)


def article_segments(report: Report) -> tuple[tuple[Marker, ...], list[HtmlSegment]]:
    """Markers at the very start (empty findings at 0), and the article's segments."""
    text, findings = report.article.text, report.findings
    ends = finding_ends(text, findings)
    segments = []
    for seg in highlight_segments(text, findings):
        shown = [i for i in seg.findings if findings[i].kind not in HIDDEN_KINDS]
        primary = primary_finding(shown, findings)
        segments.append(
            HtmlSegment(
                text=seg.text,
                numbers=tuple(i + 1 for i in seg.findings),
                kinds=tuple(kind_slug(findings[i].kind) for i in seg.findings),
                primary="" if primary is None else kind_slug(findings[primary].kind),
                starts=tuple(i + 1 for i in seg.findings if findings[i].start == seg.start),
                stops=tuple(i + 1 for i in shown if findings[i].start == seg.start),
                title="; ".join(finding_title(i + 1, findings[i]) for i in seg.findings),
                aria="; ".join(
                    f"{findings[i].text} ({finding_title(i + 1, findings[i])})"
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
