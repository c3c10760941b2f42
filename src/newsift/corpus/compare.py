"""One pair of articles side by side: copy kind, containments, shared passages, story similarity.

Public API::

    compare(a, b, story_similarity=None, params=CopyParams()) -> Comparison
    Comparison.to_dict() -> dict                # the JSON `newsift compare --format json` prints

``story_similarity`` is a callable ``(a, b) -> float`` in 0..1 (the stories layer supplies
it); without one the field stays ``None``. The pair is aligned with ``a`` read as the
source side; ``copy`` is ``None`` when the two share too little text to be copies, and
otherwise the :class:`~newsift.corpus.model.CopyEdge` (its ``source`` tells the direction).
No boilerplate is masked: with two articles there is no outlet history to learn it from.
"""

from __future__ import annotations

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
        passages: Shared passages (``source_*`` offsets in ``a``, ``copy_*`` in ``b``), also
            when they are too few to make a copy.
        copy: The copy edge, when they are copies.
        story_similarity: Same-story similarity from the stories layer, if given.
    """

    a: str
    b: str
    kind: str | None
    containment_a: float
    containment_b: float
    passages: tuple[Passage, ...]
    copy: CopyEdge | None
    story_similarity: float | None

    def to_dict(self) -> dict[str, object]:
        """A JSON-serialisable dict (passages as objects with the four offsets)."""
        return asdict(self)


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
    edge = verify_pair(a, b, pa, pb, params)
    return Comparison(
        a=a.id,
        b=b.id,
        kind=edge.kind if edge else None,
        containment_a=round(al.coverage_a, 4),
        containment_b=round(al.coverage_b, 4),
        passages=al.passages,
        copy=edge,
        story_similarity=None if story_similarity is None else story_similarity(a, b),
    )
