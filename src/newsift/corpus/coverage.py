""" "Other coverage" of one article: what it copied, who copied it, its story, its family.

:func:`coverage_of` reads a :class:`~newsift.corpus.snapshot.CorpusSnapshot`;
:func:`coverage_dict` is the ``other_coverage`` object of ``newsift corpus show --format
json``. The renderers of the section (terminal, Markdown, HTML) are in
:mod:`newsift.corpus.coverage_render`; the web workspace shows the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from newsift.corpus.model import CopyEdge, CorpusArticle
from newsift.corpus.snapshot import CorpusSnapshot
from newsift.corpus.stories import text_similarity


@dataclass(frozen=True)
class CopyLink:
    """One copy relation seen from the article: ``other`` is its source or its copy.

    Attributes:
        other: The other article's id.
        role: ``"source"`` (the article took text from ``other``), ``"copy"`` (``other``
            took text from the article) or ``"undetermined"`` (they share text; who copied
            whom is not known).
        edge: The copy edge itself (kind, containment, passages, evidence).
    """

    other: str
    role: Literal["source", "copy", "undetermined"]
    edge: CopyEdge

    @property
    def lag_seconds(self) -> float | None:
        """Copy minus source publication time, when both are known."""
        lag = self.edge.evidence.get("lag_seconds")
        return float(lag) if isinstance(lag, int | float) else None


@dataclass(frozen=True)
class StoryMate:
    """Another article of the same story, with its text similarity to this one (0..1)."""

    id: str
    similarity: float


@dataclass(frozen=True)
class Coverage:
    """How one article relates to the rest of the corpus."""

    article: CorpusArticle
    links: tuple[CopyLink, ...]
    story: str | None
    story_score: float | None
    mates: tuple[StoryMate, ...]
    family: str | None
    earliest: str | None
    earliest_reason: str | None

    @property
    def sources(self) -> tuple[CopyLink, ...]:
        """The articles this one copied from."""
        return tuple(link for link in self.links if link.role == "source")

    @property
    def copies(self) -> tuple[CopyLink, ...]:
        """The articles that copied this one."""
        return tuple(link for link in self.links if link.role == "copy")

    @property
    def undetermined(self) -> tuple[CopyLink, ...]:
        """Articles sharing text with this one, direction unknown."""
        return tuple(link for link in self.links if link.role == "undetermined")


def _link(article_id: str, edge: CopyEdge) -> CopyLink:
    other = edge.source if edge.copy == article_id else edge.copy
    if edge.direction != "forward":
        return CopyLink(other, "undetermined", edge)
    return CopyLink(other, "source" if edge.copy == article_id else "copy", edge)


def coverage_of(snapshot: CorpusSnapshot, article: CorpusArticle) -> Coverage:
    """The article's other coverage in ``snapshot``: links sorted by score (highest first)
    then id, story mates by similarity (highest first) then id."""
    edges = snapshot.edges_of.get(article.id, [])
    links = sorted((_link(article.id, e) for e in edges), key=lambda k: (-k.edge.score, k.other))
    story = snapshot.story_of(article.id)
    mates: list[StoryMate] = []
    if story is not None:
        for member in story.members:
            other = snapshot.by_id.get(member)
            if member != article.id and other is not None:
                similarity = round(text_similarity(article.text, other.text), 4)
                mates.append(StoryMate(member, similarity))
    mates.sort(key=lambda m: (-m.similarity, m.id))
    family = snapshot.family_of(article.id)
    return Coverage(
        article=article,
        links=tuple(links),
        story=story.story if story else None,
        story_score=round(story.score, 4) if story else None,
        mates=tuple(mates),
        family=family.family if family else None,
        earliest=family.earliest if family else None,
        earliest_reason=family.reason if family else None,
    )


def coverage_dict(coverage: Coverage) -> dict[str, Any]:
    """The ``other_coverage`` object of ``corpus show --format json``.

    ``sources``: copy rows where the article is the copy; ``copies``: where it is the
    source; ``undetermined``: rows whose direction is unknown; ``story``: its story's id,
    score and other members with their similarity (or null); ``family``: its copy family's
    id and earliest source (null when undetermined) with the reason (or null).
    """
    from newsift.corpus.commands import copy_row

    return {
        "sources": [copy_row(link.edge) for link in coverage.sources],
        "copies": [copy_row(link.edge) for link in coverage.copies],
        "undetermined": [copy_row(link.edge) for link in coverage.undetermined],
        "story": None
        if coverage.story is None
        else {
            "story": coverage.story,
            "score": coverage.story_score,
            "mates": [{"id": m.id, "similarity": m.similarity} for m in coverage.mates],
        },
        "family": None
        if coverage.family is None
        else {
            "family": coverage.family,
            "earliest": coverage.earliest,
            "reason": coverage.earliest_reason,
        },
    }
