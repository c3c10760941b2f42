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

Which of the two explains the other, in order (the first rule that tells them apart):

1. the one ``C`` names as its source ("According to Harbor Wire"), when it names only one;
2. the one whose wording ``C`` follows more closely (more of the shared words in exact
   runs, then in long runs): a rewrite's verbatim copy took from the rewrite;
3. the one of which ``C`` took a larger share (``containment_source``): a copy of an
   excerpt took the excerpt, not the same paragraphs of the full text by chance;
4. the one whose passages in ``C`` cover the other's and more;
5. for equally good sources, the earlier: the source of the edge between them when it is
   determined, else the one dated first.

Otherwise both stay (precision first: nothing says which is indirect). Only determined
edges into ``C`` are weighed; undetermined edges are kept as they are. When the text can't
tell a copy of a verbatim mirror from a copy of its original, rule 5 credits the original:
the edge kept may then be the transitive one, but it names the text's true origin.
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
    """``cover``: share of an edge's characters in the copy that the other edge must cover;
    ``exact_tie``, ``long_tie``: differences in wording (shares of the shared words in exact
    runs, in runs of 30+ words) below which two sources are as close to the copy (the
    alignment's exact share of one text against a verbatim mirror and its original can differ
    by 0.05-0.08);
    ``source_tie``: difference in the share of each source's text the copy took below which
    neither is the likelier parent."""

    cover: float = 0.9
    exact_tie: float = 0.1
    long_tie: float = 0.2
    source_tie: float = 0.05


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
        self._cites: dict[tuple[str, str], bool] = {}

    def linked(self, x: str, y: str) -> bool:
        return frozenset((x, y)) in self.links

    def cited(self, copy: str, source: str) -> bool:
        """Whether ``copy``'s text names ``source``'s outlet as its source."""
        c, s = self.by_id.get(copy), self.by_id.get(source)
        if c is None or s is None or s.outlet is None or s.outlet == c.outlet:
            return False
        key = (copy, s.outlet)
        if key not in self._cites:
            self._cites[key] = cites(c.text, s.outlet) is not None
        return self._cites[key]

    def preferred(self, x: str, y: str) -> str | None:
        """The earlier of two linked sources: the source of their edge when it is
        determined, else the one dated first; ``None`` when nothing orders them."""
        link = self.links[frozenset((x, y))]
        if link.direction == "forward":
            return link.source
        tx = _utc(self.by_id[x].published) if x in self.by_id else None
        ty = _utc(self.by_id[y].published) if y in self.by_id else None
        if tx is not None and ty is not None and tx != ty:
            return x if tx < ty else y
        return None


def _wording(edge: CopyEdge) -> tuple[float, float]:
    """How closely the copy follows this source: shares of shared words in exact and long runs."""
    exact = edge.evidence.get("exact_share", 0.0)
    long_run = edge.evidence.get("long_run_share", 0.0)
    return (
        float(exact) if isinstance(exact, int | float) else 0.0,
        float(long_run) if isinstance(long_run, int | float) else 0.0,
    )


def closer(x: CopyEdge, y: CopyEdge, params: ExplainParams) -> int:
    """``1`` when the copy's wording follows ``x`` more closely than ``y``, ``-1`` for the
    reverse, ``0`` when they are as close (within ``params.exact_tie`` / ``long_tie``)."""
    (ex, lx), (ey, ly) = _wording(x), _wording(y)
    if abs(ex - ey) > params.exact_tie:
        return 1 if ex > ey else -1
    if abs(lx - ly) > params.long_tie:
        return 1 if lx > ly else -1
    return 0


def _explains(judge: _Judge, copy: str, y: CopyEdge, x: CopyEdge, params: ExplainParams) -> bool:
    """Whether ``y`` (an edge into ``copy``) explains ``x`` (another one)."""
    if not judge.linked(x.source, y.source) or covered_share(x, y) < params.cover:
        return False
    cited_x, cited_y = judge.cited(copy, x.source), judge.cited(copy, y.source)
    if cited_x != cited_y:
        return cited_y
    nearer = closer(x, y, params)
    if nearer:
        return nearer < 0  # the copy follows y's wording more closely: x is the indirect one
    if abs(x.containment_source - y.containment_source) > params.source_tie:
        # the copy took a larger share of y's text: y's text is what was taken
        return y.containment_source > x.containment_source
    if covered_share(y, x) < params.cover:
        return True  # as close, and y covers x and more
    return judge.preferred(x.source, y.source) == y.source


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
            if any(y is not x and _explains(judge, copy, y, x, params) for y in into)
        ]
        if len(gone) == len(into):  # a cycle of preferences: keep the best-scored one
            gone.remove(max(into, key=lambda e: (e.score, e.source)))
        dropped.update((e.source, e.copy) for e in gone)
    return [e for e in edges if (e.source, e.copy) not in dropped]
