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
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

import numpy as np

from newsift.corpus.components import connected_components
from newsift.corpus.model import CorpusArticle, Story

#: Words as :func:`term_vector` counts them: letters, or digits.
_WORD = re.compile(r"[^\W\d_]+|\d+")
#: Default link threshold of :func:`find_stories` (text similarity).
STORY_THRESHOLD = 0.35
#: Default time window of :func:`find_stories`: reports of one event within three days.
STORY_WINDOW = dt.timedelta(hours=72)
#: Articles compared at once with the articles of their time window (one matrix product).
_BLOCK = 512
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
    counts = Counter(w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in stop)
    weights = {w: 1.0 + math.log(n) if n > 1 else 1.0 for w, n in counts.items()}
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


def _epoch(when: dt.datetime | None) -> float:
    """Seconds since 1970 (a time without a zone read as UTC); NaN when unknown."""
    if when is None:
        return math.nan
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.timestamp()


def story_id(members: Sequence[str]) -> str:
    """A stable id for a story: ``s-`` and 12 hex digits of SHA-1 of its sorted members."""
    digest = hashlib.sha1("\n".join(sorted(members)).encode("utf-8", "surrogatepass"))
    return "s-" + digest.hexdigest()[:12]


def _matrix(vectors: Iterable[TermVector]) -> Any:
    """The term vectors as rows of a sparse CSR matrix (columns: terms, first seen first);
    read one at a time, so only the matrix is held."""
    from scipy.sparse import csr_matrix

    columns: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for vector in vectors:
        for term, weight in vector.items():
            indices.append(columns.setdefault(term, len(columns)))
            data.append(weight)
        indptr.append(len(indices))
    shape = (len(indptr) - 1, max(len(columns), 1))
    return csr_matrix(
        (np.asarray(data, np.float32), np.asarray(indices, np.int64), np.asarray(indptr)), shape
    )


def _linked_pairs(
    matrix: Any, times: Any, threshold: float, window: float
) -> Iterator[tuple[int, int, float]]:
    """(i, j, similarity) with i < j for every pair at or above ``threshold`` whose times,
    where both are known, lie within ``window`` seconds. ``matrix`` rows and ``times`` are
    in time order, unknown times (NaN) last."""
    dated = int(np.count_nonzero(~np.isnan(times)))
    total = matrix.shape[0]
    for first in range(0, total, _BLOCK):
        last = min(first + _BLOCK, total)
        if first < dated:
            # Dated rows meet the dated rows up to ``window`` after the block's last time,
            # and every undated row.
            end = int(np.searchsorted(times[:dated], times[min(last, dated) - 1] + window, "right"))
            others = np.r_[first:end, dated:total]
        else:
            others = np.arange(first, total)
        others = others[others >= first]
        block = (matrix[first:last] @ matrix[others].T).tocoo()
        keep = block.data >= threshold
        rows = block.row[keep] + first
        cols = others[block.col[keep]]
        values = block.data[keep]
        for i, j, value in zip(rows.tolist(), cols.tolist(), values.tolist(), strict=True):
            if i >= j:
                continue
            ti, tj = times[i], times[j]
            if not (math.isnan(ti) or math.isnan(tj)) and abs(ti - tj) > window:
                continue
            yield i, j, value


def find_stories(
    articles: Sequence[CorpusArticle],
    *,
    threshold: float = STORY_THRESHOLD,
    window: dt.timedelta = STORY_WINDOW,
) -> list[Story]:
    """Group articles about the same event.

    The articles are put in time order and compared a block at a time with those published
    within ``window`` after them (and those without a time), as one sparse matrix product
    per block, so the cost grows with the corpus times the articles per window, not with
    its square (an undated article is compared with every other). A pair is linked when its
    :func:`text_similarity` reaches ``threshold``.

    Args:
        articles: The corpus.
        threshold: Least text similarity that links two articles.
        window: Longest time between two linked articles' publications.

    Returns:
        Stories of two articles or more, sorted by id; members sorted.
    """
    times = np.asarray([_epoch(a.published) for a in articles], dtype=np.float64)
    order = sorted(range(len(articles)), key=lambda i: (math.isnan(times[i]), times[i], i))
    if not order:
        return []
    matrix = _matrix(term_vector(articles[i].text) for i in order)
    similar: dict[tuple[int, int], float] = {
        (i, j): value
        for i, j, value in _linked_pairs(matrix, times[order], threshold, window.total_seconds())
    }
    stories = []
    for found in connected_components(similar):
        group = sorted(found)
        if len(group) <= _MAX_PAIRWISE:
            rows = matrix[group]
            pairwise = (rows @ rows.T).toarray()
            upper = np.triu_indices(len(group), k=1)
            score = float(pairwise[upper].mean())
        else:  # every pair of a big story would cost its square: the linking pairs only
            inside = set(group)
            links = [v for (i, j), v in similar.items() if i in inside and j in inside]
            score = sum(links) / len(links)
        ids = tuple(sorted(articles[order[i]].id for i in group))
        stories.append(Story(story=story_id(ids), members=ids, score=min(score, 1.0)))
    return sorted(stories, key=lambda s: s.story)
