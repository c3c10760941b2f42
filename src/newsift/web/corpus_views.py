"""What the corpus pages show, built from a :class:`~newsift.corpus.snapshot.CorpusSnapshot`.

Pure functions, no request in sight: the stories list (sortable), a story's timeline, the
side-by-side copy view's marked texts. The routes are in :mod:`newsift.web.corpus_pages`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import quote, urlencode

from newsift.corpus.coverage_render import format_lag, format_time
from newsift.corpus.model import CopyEdge, CorpusArticle, Passage, Story
from newsift.corpus.snapshot import CorpusSnapshot

#: ``/corpus?sort=``: how the stories list is ordered.
STORY_SORTS = ("size", "date", "score")


def _utc(when: dt.datetime | None) -> dt.datetime | None:
    if when is None:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def article_url(article_id: str) -> str:
    """The article page of ``article_id`` (ids holding ``/`` go in the query)."""
    if "/" in article_id:
        return "/corpus/article?" + urlencode({"id": article_id})
    return "/corpus/articles/" + quote(article_id, safe="")


def copy_url(source: str, copy: str) -> str:
    """The side-by-side view of ``source`` and ``copy``."""
    if "/" in source or "/" in copy:
        return "/corpus/copy?" + urlencode({"source": source, "copy": copy})
    return f"/corpus/copy/{quote(source, safe='')}/{quote(copy, safe='')}"


def report_url(article_id: str) -> str:
    """The link that opens an article's stored report in the report view."""
    if "/" in article_id:
        return "/corpus/report?" + urlencode({"id": article_id})
    return "/corpus/articles/" + quote(article_id, safe="") + "/report"


def shared_quotes(edge: CopyEdge | None) -> list[tuple[int, int, int, int]]:
    """The quotations both articles of ``edge`` carry, as (source start, end, copy start,
    end): marked in the copy view, never counted as copying."""
    found = edge.evidence.get("shared_quotes") if edge is not None else None
    if not isinstance(found, list):
        return []
    return [
        (q[0], q[1], q[2], q[3])
        for q in found
        if isinstance(q, list | tuple) and len(q) == 4 and all(isinstance(v, int) for v in q)
    ]


def story_url(story_id: str) -> str:
    """The timeline page of a story."""
    return "/corpus/stories/" + quote(story_id, safe="")


@dataclass(frozen=True)
class StoryRow:
    """One line of the stories list."""

    story: str
    size: int
    score: float
    first: dt.datetime | None
    last: dt.datetime | None
    headline: str
    outlets: tuple[str, ...]
    copies: int


def story_rows(snapshot: CorpusSnapshot, sort: str = "size") -> list[StoryRow]:
    """The stories, largest first (``size``), newest first (``date``: by first publication,
    undated last) or most similar first (``score``); ties by id."""
    copies: Counter[str] = Counter()
    for edge in snapshot.edges:
        story = snapshot.story_of(edge.source)
        if story is not None and story is snapshot.story_of(edge.copy):
            copies[story.story] += 1
    rows = []
    for story in snapshot.stories:
        members = [snapshot.by_id[m] for m in story.members if m in snapshot.by_id]
        dated = sorted(t for m in members if (t := _utc(m.published)) is not None)
        first = min(members, key=lambda a: _time_key(a))
        rows.append(
            StoryRow(
                story=story.story,
                size=len(story.members),
                score=story.score,
                first=dated[0] if dated else None,
                last=dated[-1] if dated else None,
                headline=first.title or first.text[:120],
                outlets=tuple(sorted({m.outlet for m in members if m.outlet})),
                copies=copies[story.story],
            )
        )
    if sort == "date":
        oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
        rows.sort(key=lambda r: r.story)
        rows.sort(key=lambda r: r.first or oldest, reverse=True)
    elif sort == "score":
        rows.sort(key=lambda r: (-r.score, r.story))
    else:
        rows.sort(key=lambda r: (-r.size, r.story))
    return rows


def _time_key(article: CorpusArticle) -> tuple[int, dt.datetime, str]:
    when = _utc(article.published)
    return (when is None, when or dt.datetime.min.replace(tzinfo=dt.UTC), article.id)


@dataclass(frozen=True)
class TimelineEntry:
    """One article of a story's timeline."""

    article: CorpusArticle
    when: str
    offset: str  #: time since the story's first dated article
    relation: str  #: how it came to be: earliest source, copy of …, independent report
    parent: str | None  #: the article it was copied from (derivation tree), if any
    edge: CopyEdge | None  #: the copy edge from ``parent``
    x: float | None  #: position on the drawn time axis (0..1), None when undated


def timeline(snapshot: CorpusSnapshot, story: Story) -> list[TimelineEntry]:
    """The story's members by publication time (undated last), each with its relation to
    the copy family it belongs to."""
    members = sorted(
        (snapshot.by_id[m] for m in story.members if m in snapshot.by_id), key=_time_key
    )
    times = [t for m in members if (t := _utc(m.published)) is not None]
    start, end = (times[0], times[-1]) if times else (None, None)
    span = (end - start).total_seconds() if start and end else 0.0
    entries = []
    for article in members:
        when = _utc(article.published)
        parent, edge, relation = _relation(snapshot, article.id)
        offset = format_lag((when - start).total_seconds()) if when and start else "undated"
        x = None
        if when is not None and start is not None:
            x = (when - start).total_seconds() / span if span else 0.5
        entries.append(
            TimelineEntry(
                article, format_time(article.published), offset, relation, parent, edge, x
            )
        )
    return entries


def _relation(snapshot: CorpusSnapshot, article_id: str) -> tuple[str | None, CopyEdge | None, str]:
    family = snapshot.family_of(article_id)
    if family is None:
        return None, None, "no copy relation: written independently, as far as the text shows"
    parent = next((p for p, c in family.tree if c == article_id), None)
    if parent is not None:
        edge = snapshot.edge(parent, article_id)
        kind = edge.kind if edge else "copy"
        return parent, edge, f"{kind} copy of {parent}"
    if family.earliest == article_id:
        return None, None, "earliest source of its copy family"
    return None, None, f"shares text with its copy family; source undetermined ({family.reason})"


@dataclass(frozen=True)
class Piece:
    """A run of an article's text: plain, inside shared passage ``passage`` (1-based), or
    inside a quotation both articles carry (``quote``)."""

    text: str
    start: int
    end: int
    passage: int | None = None
    quote: bool = False
    first: bool = False  #: the first piece of its passage (the passage's anchor)


def marked_pieces(
    text: str, spans: Sequence[tuple[int, int]], quotes: Sequence[tuple[int, int]] = ()
) -> list[Piece]:
    """``text`` cut at the boundaries of ``spans`` (shared passages, numbered from 1 in the
    order given) and ``quotes``; a stretch inside several passages belongs to the first.
    Spans are clipped to the text; the pieces' texts join back to ``text``."""
    size = len(text)
    clipped = [(max(0, min(s, size)), max(0, min(e, size))) for s, e in spans]
    quoted = [(max(0, min(s, size)), max(0, min(e, size))) for s, e in quotes]
    cuts = sorted({0, size, *(p for span in clipped + quoted for p in span)})
    pieces = []
    seen: set[int] = set()
    for start, end in pairwise(cuts):
        if start == end:
            continue
        passage = next((n for n, (s, e) in enumerate(clipped, 1) if s <= start and end <= e), None)
        quote = any(s <= start and end <= e for s, e in quoted)
        first = passage is not None and passage not in seen
        if passage is not None:
            seen.add(passage)
        pieces.append(Piece(text[start:end], start, end, passage, quote, first))
    return pieces


def copy_sides(
    source: CorpusArticle,
    copy: CorpusArticle,
    passages: Sequence[Passage],
    quotes: Sequence[tuple[int, int, int, int]] = (),
) -> tuple[list[Piece], list[Piece]]:
    """Both texts cut into pieces with the shared passages (and shared quotations) marked."""
    left = marked_pieces(
        source.text,
        [(p.source_start, p.source_end) for p in passages],
        [(q[0], q[1]) for q in quotes],
    )
    right = marked_pieces(
        copy.text,
        [(p.copy_start, p.copy_end) for p in passages],
        [(q[2], q[3]) for q in quotes],
    )
    return left, right
