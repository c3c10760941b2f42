"""Stories: articles about the same event, written independently or not, within a time window.

Two measures of how close two articles are:

- :func:`text_similarity`: cosine of their word vectors (sublinear term frequency, English
  stop words left out). Cheap, so the corpus clusters with it.
- :func:`story_similarity`: the mean of that and the cosine of the shared encoder's mean
  states (:mod:`newsift.encoder`), which also sees two texts telling the same event in other
  words. One pair at a time (``newsift compare``, ``newsift eval stories``).

On the English pairs of the SemEval-2022 Task 8 set (``newsift eval stories``), Pearson with
the human "same story" scores was 0.716 for :func:`text_similarity`, 0.597 for the encoder
alone and 0.732 for their mean (see ``docs/corpus-store.md``).

:func:`find_stories` links two articles when their :func:`text_similarity` is at least
``threshold`` and their publication times, where both are known, lie within ``window``; a
story is a connected group of two articles or more. The threshold, 0.35, is the lowest at
which 80% of those pairs above it are the same story (Overall at most 2): 69 pairs, 48% of
the same-story pairs, 2 of them unrelated (Overall 3.5 or more). A copy is about the same
event as its source, so copies share a story too; telling a copy from an independent report
is the copy engine's job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from newsift.corpus.model import CorpusArticle, Story

#: Words as :func:`term_vector` counts them: letters, or digits.
_WORD = re.compile(r"[^\W\d_]+|\d+")
#: Default link threshold of :func:`find_stories` (text similarity).
STORY_THRESHOLD = 0.35
#: Default time window of :func:`find_stories`: reports of one event within three days.
STORY_WINDOW = dt.timedelta(hours=72)
#: Heaviest terms of each article that index it for candidate pairs.
_INDEX_TERMS = 24
#: A term indexing more articles than this says little about the event; not a candidate key.
_MAX_POSTINGS = 2000
#: Largest story whose score averages every pair of members (above: the linking pairs).
_MAX_PAIRWISE = 200
#: Weight of the word-vector cosine in :func:`story_similarity` (the rest: the encoder's).
TEXT_WEIGHT = 0.5

TermVector = dict[str, float]


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def term_vector(text: str) -> TermVector:
    """Unit-length word vector: ``1 + ln(count)`` per word of two characters or more
    (lower-cased), English stop words left out."""
    stop = _stop_words()
    counts = Counter(word for word in (w.lower() for w in _WORD.findall(text)) if len(word) > 1)
    weights = {w: 1.0 + math.log(n) for w, n in counts.items() if w not in stop}
    norm = math.sqrt(sum(x * x for x in weights.values())) or 1.0
    return {w: x / norm for w, x in weights.items()}


def cosine(a: TermVector, b: TermVector) -> float:
    """Cosine of two unit-length term vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def text_similarity(a: str, b: str) -> float:
    """Cosine of the two texts' word vectors (0..1)."""
    return cosine(term_vector(a), term_vector(b))


def meaning_vector(text: str) -> Any:
    """The shared encoder's mean state over the whole text, unit length (384 floats)."""
    from newsift.encoder import shared_encoder

    states = shared_encoder().read(text).states
    if not len(states):
        return np.zeros(384, dtype=np.float32)
    mean = states.mean(axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-12)


def story_similarity(a: str, b: str) -> float:
    """How likely two texts report the same story (0..1): the mean of the word-vector cosine
    and the encoder's cosine (clipped at 0)."""
    meaning = float(np.dot(meaning_vector(a), meaning_vector(b)))
    return TEXT_WEIGHT * text_similarity(a, b) + (1 - TEXT_WEIGHT) * max(0.0, meaning)


def _within(a: dt.datetime | None, b: dt.datetime | None, window: dt.timedelta) -> bool:
    """Whether two publication times lie within ``window``; unknown times don't exclude."""
    if a is None or b is None:
        return True
    if (a.tzinfo is None) != (b.tzinfo is None):  # one has a zone: compare the wall clocks
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return abs(a - b) <= window


def story_id(members: Sequence[str]) -> str:
    """A stable id for a story: ``s-`` and 12 hex digits of SHA-1 of its sorted members."""
    digest = hashlib.sha1("\n".join(sorted(members)).encode("utf-8", "surrogatepass"))
    return "s-" + digest.hexdigest()[:12]


@dataclass
class _Groups:
    """Union-find over article indices."""

    parent: list[int]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def find_stories(
    articles: Sequence[CorpusArticle],
    *,
    threshold: float = STORY_THRESHOLD,
    window: dt.timedelta = STORY_WINDOW,
) -> list[Story]:
    """Group articles about the same event.

    Candidate pairs share one of their heaviest words (an inverted index over each article's
    :data:`_INDEX_TERMS` heaviest words, so cost grows with the corpus, not its square); a
    pair is linked when its :func:`text_similarity` reaches ``threshold`` and its
    publication times lie within ``window``.

    Args:
        articles: The corpus.
        threshold: Least text similarity that links two articles.
        window: Longest time between two linked articles' publications.

    Returns:
        Stories of two articles or more, sorted by id; members sorted.
    """
    vectors = [term_vector(a.text) for a in articles]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term in sorted(vector, key=lambda w: (-vector[w], w))[:_INDEX_TERMS]:
            postings[term].append(index)
    groups = _Groups(list(range(len(articles))))
    similar: dict[tuple[int, int], float] = {}
    for index in range(len(articles)):
        candidates: set[int] = set()
        vector = vectors[index]
        for term in sorted(vector, key=lambda w: (-vector[w], w))[:_INDEX_TERMS]:
            posting = postings[term]
            if len(posting) <= _MAX_POSTINGS:
                candidates.update(j for j in posting if j > index)
        for other in sorted(candidates):
            if not _within(articles[index].published, articles[other].published, window):
                continue
            score = cosine(vector, vectors[other])
            if score >= threshold:
                similar[(index, other)] = score
                groups.union(index, other)
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(articles)):
        members[groups.find(index)].append(index)
    stories = []
    for group in members.values():
        if len(group) < 2:
            continue
        if len(group) <= _MAX_PAIRWISE:
            scores = [
                similar.get((i, j)) or cosine(vectors[i], vectors[j])
                for k, i in enumerate(group)
                for j in group[k + 1 :]
            ]
        else:  # every pair of a big story would cost its square: the linking pairs only
            inside = set(group)
            scores = [v for (i, j), v in similar.items() if i in inside and j in inside]
        ids = tuple(sorted(articles[i].id for i in group))
        stories.append(Story(story=story_id(ids), members=ids, score=sum(scores) / len(scores)))
    return sorted(stories, key=lambda s: s.story)
