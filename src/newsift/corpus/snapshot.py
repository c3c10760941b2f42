"""Everything the corpus knows at one moment, computed once: articles, copies, families,
stories and the outlet network.

``corpus show`` and the web workspace's corpus pages read one :class:`CorpusSnapshot`
instead of running the copy engine once per question; the web app keeps one until the store
holds more articles (the store only grows: articles are never changed or removed).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from newsift.corpus.model import CopyEdge, CorpusArticle, Family, OutletEdge, Story
from newsift.corpus.store import CorpusStore


@dataclass(frozen=True)
class CorpusSnapshot:
    """The corpus and every relation found in it (all lists sorted as the commands print)."""

    articles: tuple[CorpusArticle, ...]
    edges: tuple[CopyEdge, ...]
    families: tuple[Family, ...]
    stories: tuple[Story, ...]
    network: tuple[OutletEdge, ...]
    #: Articles with a stored report (analysed).
    analysed: frozenset[str] = field(default_factory=frozenset)

    @cached_property
    def by_id(self) -> dict[str, CorpusArticle]:
        """Articles by id."""
        return {a.id: a for a in self.articles}

    @cached_property
    def edges_of(self) -> dict[str, list[CopyEdge]]:
        """Copy edges by the article ids they touch (source or copy)."""
        found: dict[str, list[CopyEdge]] = defaultdict(list)
        for edge in self.edges:
            found[edge.source].append(edge)
            found[edge.copy].append(edge)
        return dict(found)

    def edge(self, source: str, copy: str) -> CopyEdge | None:
        """The edge from ``source`` to ``copy`` (an undetermined one in either order)."""
        for e in self.edges_of.get(source, []):
            if (e.source, e.copy) == (source, copy):
                return e
            if e.direction == "undetermined" and (e.copy, e.source) == (source, copy):
                return e
        return None

    @cached_property
    def _story_by_member(self) -> dict[str, Story]:
        return {m: s for s in self.stories for m in s.members}

    @cached_property
    def _family_by_member(self) -> dict[str, Family]:
        return {m: f for f in self.families for m in f.members}

    @cached_property
    def _stories_by_id(self) -> dict[str, Story]:
        return {s.story: s for s in self.stories}

    def story_of(self, article_id: str) -> Story | None:
        """The story the article belongs to, if any."""
        return self._story_by_member.get(article_id)

    def family_of(self, article_id: str) -> Family | None:
        """The copy family the article belongs to, if any."""
        return self._family_by_member.get(article_id)

    def story(self, story_id: str) -> Story | None:
        """The story with this id, if any."""
        return self._stories_by_id.get(story_id)


def take_snapshot(store: CorpusStore) -> CorpusSnapshot:
    """Read the store and compute copies, families, stories and the network once."""
    from newsift.corpus.commands import copy_edges, load_articles
    from newsift.corpus.network import outlet_network
    from newsift.corpus.origins import find_origins
    from newsift.corpus.stories import find_stories

    articles = load_articles(store)
    edges = copy_edges(store, articles)
    return CorpusSnapshot(
        articles=tuple(articles),
        edges=tuple(edges),
        families=tuple(find_origins(articles, edges)),
        stories=tuple(find_stories(articles)),
        network=tuple(outlet_network(articles, edges)),
        analysed=frozenset(store.analysed_ids()),
    )
