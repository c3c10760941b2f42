"""Copy edges explained by a common, earlier source: drop the indirect ones.

Public API::

    drop_explained(articles, edges, params=ExplainParams()) -> list[CopyEdge]

When an article ``C`` shares passages with two sources ``X`` and ``Y`` that are themselves
copies of each other (an edge between ``X`` and ``Y``), and every passage ``C`` shares with
``X`` lies (``cover`` of its characters, in ``C``) inside what ``C`` shares with ``Y``, the
edge ``X → C`` tells nothing ``Y → C`` doesn't: ``C`` took that text from ``Y``, or from
``Y``'s source through ``X``, and the text can't tell which. ``X → C`` is then *explained*
by ``Y`` and left out, so that copies, origins and the outlet network don't list a content
farm that mirrored a wire story as a source of everyone who took the wire story.

When each of the two covers the other (a verbatim mirror), the one kept is, in order:

1. the one ``C`` names as its source ("According to Harbor Wire") when it names only one;
2. the source of the edge between ``X`` and ``Y`` when that edge is determined (the earlier
   text, whose copy the other is);
3. the one dated first.

Otherwise both stay (precision first: nothing says which is indirect). Only determined
edges into ``C`` are weighed; undetermined edges are kept as they are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsift.corpus.direction import cites
from newsift.corpus.model import CopyEdge, CorpusArticle


@dataclass(frozen=True)
class ExplainParams:
    """``cover``: share of an edge's characters in the copy that the other edge must cover."""

    cover: float = 0.9


def _spans(edge: CopyEdge) -> list[tuple[int, int]]:
    """The copy-side spans of ``edge``'s passages, merged and sorted."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((p.copy_start, p.copy_end) for p in edge.passages):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def covered_share(inner: CopyEdge, outer: CopyEdge) -> float:
    """Share of ``inner``'s copy-side characters inside ``outer``'s copy-side passages."""
    spans, others = _spans(inner), _spans(outer)
    total = sum(e - s for s, e in spans)
    if total == 0:
        return 0.0
    hit = sum(max(0, min(e, oe) - max(s, os_)) for s, e in spans for os_, oe in others)
    return hit / total


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


class _Judge:
    """Pairwise preference between two sources of one copy (see the module docstring)."""

    def __init__(self, articles: Sequence[CorpusArticle], edges: Sequence[CopyEdge]) -> None:
        self.by_id = {a.id: a for a in articles}
        self.links = {frozenset((e.source, e.copy)): e for e in edges}

    def linked(self, x: str, y: str) -> bool:
        return frozenset((x, y)) in self.links

    def _cited(self, copy: str, source: str) -> bool:
        c, s = self.by_id.get(copy), self.by_id.get(source)
        if c is None or s is None or (s.outlet is not None and s.outlet == c.outlet):
            return False
        return cites(c.text, s.outlet) is not None

    def preferred(self, copy: str, x: str, y: str) -> str | None:
        """Which of two mutually covering sources ``copy`` took from, or ``None``."""
        cx, cy = self._cited(copy, x), self._cited(copy, y)
        if cx != cy:
            return x if cx else y
        link = self.links[frozenset((x, y))]
        if link.direction == "forward":
            return link.source
        tx = _utc(self.by_id[x].published) if x in self.by_id else None
        ty = _utc(self.by_id[y].published) if y in self.by_id else None
        if tx is not None and ty is not None and tx != ty:
            return x if tx < ty else y
        return None


def _explains(judge: _Judge, copy: str, y: CopyEdge, x: CopyEdge, cover: float) -> bool:
    """Whether ``y`` (an edge into ``copy``) explains ``x`` (another one)."""
    if not judge.linked(x.source, y.source):
        return False
    if covered_share(x, y) < cover:
        return False
    if covered_share(y, x) < cover:
        return True  # y covers x and more
    return judge.preferred(copy, x.source, y.source) == y.source


def drop_explained(
    articles: Sequence[CorpusArticle],
    edges: Sequence[CopyEdge],
    params: ExplainParams | None = None,
) -> list[CopyEdge]:
    """``edges`` less those explained by a common, earlier source (order kept).

    Args:
        articles: The corpus (for outlets, texts and times); missing ids count as unknown.
        edges: Copy edges from :func:`~newsift.corpus.copies.verify_pairs`.
        params: The cover threshold.
    """
    params = params or ExplainParams()
    incoming: dict[str, list[CopyEdge]] = defaultdict(list)
    for e in edges:
        if e.direction == "forward":
            incoming[e.copy].append(e)
    judge = _Judge(articles, edges)
    dropped: set[tuple[str, str]] = set()
    for copy, into in incoming.items():
        if len(into) < 2:
            continue
        gone = [
            x
            for x in into
            if any(y is not x and _explains(judge, copy, y, x, params.cover) for y in into)
        ]
        if len(gone) == len(into):  # a cycle of preferences: keep the best-scored one
            gone.remove(max(into, key=lambda e: (e.score, e.source)))
        dropped.update((e.source, e.copy) for e in gone)
    return [e for e in edges if (e.source, e.copy) not in dropped]
