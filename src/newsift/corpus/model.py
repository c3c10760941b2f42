"""The corpus's plain data: the articles it compares and the relations it finds between them.

These records are what the corpus store saves, what ``newsift corpus …`` prints as JSONL/CSV
rows and what the Spark job writes. They are plain, frozen and JSON-serialisable; character
offsets always index ``CorpusArticle.text`` (end exclusive), as in the single-article report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

#: How a copy relates to its source (see ``docs/corpus.md``).
CopyKind = Literal["verbatim", "partial", "rewrite", "excerpt", "mixed"]
COPY_KINDS: tuple[CopyKind, ...] = ("verbatim", "partial", "rewrite", "excerpt", "mixed")


@dataclass(frozen=True)
class CorpusArticle:
    """One stored article as the copy and story layers see it.

    Attributes:
        id: The input's ``id`` when it had one, else newsift's (content hash).
        text: The article body.
        outlet: Publishing outlet (site name or host), if known.
        url: Where it was published, if known.
        published: Publication time; time of day and zone kept when the input has them
            (copies are often minutes apart). ``None`` when unknown.
        language: ISO 639-1 code, if detected.
        title: Headline, if known.
    """

    id: str
    text: str
    outlet: str | None = None
    url: str | None = None
    published: dt.datetime | None = None
    language: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Passage:
    """A passage two articles share: ``[source_start, source_end)`` in the source's text and
    ``[copy_start, copy_end)`` in the copy's text."""

    source_start: int
    source_end: int
    copy_start: int
    copy_end: int


@dataclass(frozen=True)
class CopyEdge:
    """One verified copy relation: ``copy`` took text from ``source``.

    Attributes:
        source: Id of the article copied from (when ``direction`` is ``"undetermined"``, the
            earlier id in sort order, and ``copy`` the other).
        copy: Id of the article that copied.
        kind: verbatim | partial | rewrite | excerpt | mixed.
        containment_source: Share of the source's shingles found in the copy (0..1).
        containment_copy: Share of the copy's shingles found in the source (0..1).
        passages: Aligned shared passages, as character spans in both articles.
        direction: ``"forward"`` (source → copy established) or ``"undetermined"``.
        direction_reason: Why: ``"timestamps"``, ``"containment"``, ``"attribution_cue"``,
            or, when undetermined, what was missing or contradictory.
        score: Confidence that this is a copy relation (0..1).
    """

    source: str
    copy: str
    kind: CopyKind
    containment_source: float
    containment_copy: float
    passages: tuple[Passage, ...]
    direction: Literal["forward", "undetermined"]
    direction_reason: str
    score: float
    evidence: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Family:
    """A connected family of copies with its earliest source and derivation tree.

    Attributes:
        family: A stable id (derived from its sorted members).
        members: Article ids, sorted.
        earliest: The earliest source's id, or ``None`` when undetermined.
        reason: Why ``earliest`` was chosen, or why it is undetermined.
        tree: ``(parent, child)`` id pairs of the derivation tree.
    """

    family: str
    members: tuple[str, ...]
    earliest: str | None
    reason: str
    tree: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Story:
    """Articles about the same event within a time window (independent reports included).

    Attributes:
        story: A stable id (derived from its sorted members).
        members: Article ids, sorted.
        score: Mean pairwise similarity of its members (0..1).
    """

    story: str
    members: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class OutletEdge:
    """Outlet-level copy relation: ``copy_outlet`` copied ``source_outlet`` ``copies`` times."""

    source_outlet: str
    copy_outlet: str
    copies: int
    median_lag_seconds: float | None
    kinds: dict[str, int]
