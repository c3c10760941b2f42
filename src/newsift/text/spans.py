"""Character spans ``(start, end)``, end exclusive: merging overlaps.

Shared by the techniques analyzer (which reports one span where its decoded spans overlap)
and the PTC scorer (which merges gold and predicted spans the same way before scoring).
"""

from __future__ import annotations

from collections.abc import Iterable

Span = tuple[int, int]


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Overlapping (or touching-by-overlap) spans merged, sorted; empty spans dropped."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
