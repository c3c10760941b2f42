"""Split an article into segments at every finding boundary, so nested and overlapping
findings can be highlighted with flat markup (HTML spans, rich Text, Markdown bold)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from newsift.model import Finding


class Segment(NamedTuple):
    """A run of text covered by the same set of findings.

    Attributes:
        start: Start character offset into the article text.
        end: End character offset (exclusive).
        text: ``text[start:end]``.
        findings: Indices (into the findings sequence) of the findings covering the run,
            ascending; empty for plain text.
    """

    start: int
    end: int
    text: str
    findings: tuple[int, ...]


def clipped_range(finding: Finding, length: int) -> tuple[int, int]:
    """A finding's ``(start, end)`` clipped to a text of ``length`` characters."""
    start = max(0, min(finding.start, length))
    return start, max(start, min(finding.end, length))


def highlight_segments(text: str, findings: Sequence[Finding]) -> list[Segment]:
    """Cut ``text`` at every finding start and end.

    The segments cover the whole text in order, with no gaps and none empty; each lists
    the findings that cover it. Offsets outside the text are clipped; empty findings
    cover no segment, but the text is cut where they are, so their markers (see
    :func:`finding_ends`) can follow a segment.

    Args:
        text: The article text.
        findings: The findings, whose indices the segments refer to.

    Returns:
        The segments, in text order (``[]`` for an empty text).
    """
    starts: defaultdict[int, list[int]] = defaultdict(list)
    ends: defaultdict[int, list[int]] = defaultdict(list)
    cuts = {0, len(text)}
    for index, finding in enumerate(findings):
        start, end = clipped_range(finding, len(text))
        cuts.update((start, end))
        if start < end:
            starts[start].append(index)
            ends[end].append(index)
    bounds = sorted(cuts)
    active: set[int] = set()
    segments: list[Segment] = []
    for start, end in pairwise(bounds):
        active.difference_update(ends.get(start, ()))
        active.update(starts.get(start, ()))
        segments.append(Segment(start, end, text[start:end], tuple(sorted(active))))
    return segments


def finding_ends(text: str, findings: Sequence[Finding]) -> dict[int, list[int]]:
    """Where each finding's number marker goes: end offset -> finding indices.

    At one offset, inner findings (later start) come first, so markers close like brackets.
    """
    ends: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
    for index, finding in enumerate(findings):
        start, end = clipped_range(finding, len(text))
        ends[end].append((-start, index))
    return {offset: [index for _, index in sorted(items)] for offset, items in ends.items()}


def primary_finding(indices: Sequence[int], findings: Sequence[Finding]) -> int | None:
    """The finding whose style a segment shows: the shortest (innermost), then the latest."""
    if not indices:
        return None
    return min(indices, key=lambda i: (findings[i].end - findings[i].start, -i))
