"""One pair of articles side by side: copy kind, containments, shared passages, story similarity.

Public API::

    compare(a, b, story_similarity=None, params=CopyParams()) -> Comparison
    Comparison.to_dict() -> dict                # the JSON `newsift compare --format json` prints

``story_similarity`` is a callable ``(a, b) -> float`` in 0..1 (the stories layer supplies
it); without one the field stays ``None``. ``copy`` is ``None`` when the two share too
little text to be copies, and otherwise the :class:`~newsift.corpus.model.CopyEdge`,
oriented by the corpus's direction evidence (attribution cues naming the other's outlet,
timestamps, containment: :mod:`~newsift.corpus.direction`); an undetermined edge reads
``a`` as the source. The shared ``passages`` follow the same orientation: their
``source_*`` offsets are in ``passages_source`` (``a`` unless the evidence makes ``b`` the
source). No boilerplate is masked: with two articles there is no outlet history to learn it
from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import asdict, dataclass

from newsift.corpus.align import align, prepare
from newsift.corpus.copies import CopyParams, verify_pair
from newsift.corpus.model import CopyEdge, CorpusArticle, Passage

StorySimilarity = Callable[[CorpusArticle, CorpusArticle], float]


@dataclass(frozen=True)
class Comparison:
    """The comparison of ``a`` and ``b``.

    Attributes:
        a: Id of the first article.
        b: Id of the second article.
        kind: The copy kind, or ``None`` when they are not copies.
        containment_a: Share of ``a``'s words found in ``b`` (quotations excluded).
        containment_b: Share of ``b``'s words found in ``a``.
        passages: Shared passages (``source_*`` offsets in ``passages_source``, ``copy_*`` in
            the other), also when they are too few to make a copy.
        passages_source: ``"a"`` or ``"b"``: the article the passages' ``source_*`` offsets
            are in (the copy edge's source when there is one).
        copy: The copy edge, when they are copies.
        story_similarity: Same-story similarity from the stories layer, if given.
    """

    a: str
    b: str
    kind: str | None
    containment_a: float
    containment_b: float
    passages: tuple[Passage, ...]
    passages_source: str
    copy: CopyEdge | None
    story_similarity: float | None

    def to_dict(self) -> dict[str, object]:
        """A JSON-serialisable dict (passages as objects with the four offsets)."""
        return asdict(self)


def _flip(passages: tuple[Passage, ...]) -> tuple[Passage, ...]:
    out = [Passage(p.copy_start, p.copy_end, p.source_start, p.source_end) for p in passages]
    return tuple(sorted(out, key=lambda p: (p.copy_start, p.source_start)))


def compare(
    a: CorpusArticle,
    b: CorpusArticle,
    story_similarity: StorySimilarity | None = None,
    params: CopyParams | None = None,
) -> Comparison:
    """Compare two articles (see the module docstring)."""
    params = params or CopyParams()
    pa, pb = prepare(a.text, (), params.align), prepare(b.text, (), params.align)
    al = align(pa, pb, params.align)
    # distinct ids inside, so that two files with the same id (or text) still tell sides apart
    side_a, side_b = dataclasses.replace(a, id="a"), dataclasses.replace(b, id="b")
    edge = verify_pair(side_a, side_b, pa, pb, params, undetermined_by_id=False)
    source_side = "a"
    if edge is not None:
        source_side = edge.source
        ids = {"a": a.id, "b": b.id}
        edge = dataclasses.replace(edge, source=ids[edge.source], copy=ids[edge.copy])
    return Comparison(
        a=a.id,
        b=b.id,
        kind=edge.kind if edge else None,
        containment_a=round(al.coverage_a, 4),
        containment_b=round(al.coverage_b, 4),
        passages=al.passages if source_side == "a" else _flip(al.passages),
        passages_source=source_side,
        copy=edge,
        story_similarity=None if story_similarity is None else story_similarity(a, b),
    )
