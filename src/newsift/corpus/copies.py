"""Copy detection over a corpus: candidates, verification, kind, direction and score.

Public API::

    find_copies(articles, params=CopyParams()) -> list[CopyEdge]
    fingerprint_all(articles, boilerplate, params=None, workers=1) -> list[Fingerprint]
    verify_pairs(articles, boilerplate, pairs, params=None) -> list[CopyEdge]
    verify_pair(a, b, prepared_a, prepared_b, params) -> CopyEdge | None
    classify(coverage_source, coverage_copy, exact_share, long_run_share, params) -> CopyKind

Steps: learn each outlet's boilerplate (:mod:`~newsift.corpus.boilerplate`) and mask it;
fingerprint every article (:mod:`~newsift.corpus.fingerprint`); generate candidate pairs
(:mod:`~newsift.corpus.candidates`); align each pair (:mod:`~newsift.corpus.align`); keep
the pairs that share enough text, outside quotations both report; orient them
(:mod:`~newsift.corpus.direction`) and name their kind; drop the edges a common, earlier
source explains (:mod:`~newsift.corpus.explained`).

Kinds (``c_src``: share of the source's words in shared passages, ``c_copy``: share of
the copy's words; wording from the exact runs inside the passages):

- ``verbatim``: ``c_src`` and ``c_copy`` ≥ ``whole`` (0.8), ≥ ``verbatim_exact`` (0.95) of the
  shared words in exact runs and ≥ ``verbatim_long`` (0.8) in runs of 30+ words;
- ``rewrite``: both ≥ ``whole`` and less than ``reworded_long`` (0.15) of the shared words in
  runs of 30+ words: the whole text, reworded throughout;
- ``mixed``: both ≥ ``whole``, partly word for word and partly reworded (anything between);
- ``excerpt``: ``c_copy`` ≥ ``whole`` but ``c_src`` < ``whole``: the copy is a piece of the
  source and little else;
- ``partial``: ``c_copy`` < ``whole``: the copy adds substantial text of its own to what it
  took.

A pair is a copy when the shared passages (quotations excluded) hold at least
``min_shared_words`` words of the copy and either cover ``min_coverage`` of one of the two
articles or hold at least ``min_shared_words_alone`` words. Independent reports of one event
share names, numbers and quotes, not 30-word stretches of running prose.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.pool import Pool
from typing import cast

from newsift.corpus.align import AlignParams, Prepared, align, prepare
from newsift.corpus.boilerplate import Boilerplate, learn_boilerplate
from newsift.corpus.candidates import CandidateParams, candidate_pairs
from newsift.corpus.direction import DirectionParams, decide_direction, lag_seconds
from newsift.corpus.explained import drop_explained
from newsift.corpus.fingerprint import Fingerprint, FingerprintParams, fingerprint
from newsift.corpus.model import CopyEdge, CopyKind, CorpusArticle, Passage


@dataclass(frozen=True)
class CopyParams:
    """Every threshold of the copy engine, in one place (see the module docstring)."""

    min_shared_words: int = 30
    min_coverage: float = 0.15
    min_shared_words_alone: int = 80
    whole: float = 0.8
    verbatim_exact: float = 0.95
    verbatim_long: float = 0.8
    reworded_long: float = 0.15
    boilerplate_min_articles: int = 5
    cache_size: int = 5_000
    workers: int = 1
    fingerprint: FingerprintParams = field(default_factory=FingerprintParams)
    candidates: CandidateParams = field(default_factory=CandidateParams)
    align: AlignParams = field(default_factory=AlignParams)
    direction: DirectionParams = field(default_factory=DirectionParams)


def classify(
    coverage_source: float,
    coverage_copy: float,
    exact_share: float,
    long_run_share: float,
    params: CopyParams | None = None,
) -> CopyKind:
    """Name the kind of a verified copy from its coverages and wording."""
    params = params or CopyParams()
    if coverage_copy < params.whole:
        return "partial"
    if coverage_source < params.whole:
        return "excerpt"
    if exact_share >= params.verbatim_exact and long_run_share >= params.verbatim_long:
        return "verbatim"
    if long_run_share < params.reworded_long:
        return "rewrite"
    return "mixed"


def is_copy(shared_words: int, coverage_a: float, coverage_b: float, params: CopyParams) -> bool:
    """The verification rule: enough shared running text, relative or absolute."""
    if shared_words < params.min_shared_words:
        return False
    return (
        max(coverage_a, coverage_b) >= params.min_coverage
        or shared_words >= params.min_shared_words_alone
    )


def score(shared_words: int, coverage_a: float, coverage_b: float) -> float:
    """Confidence 0..1: grows with the larger coverage and with the shared words' count."""
    amount = min(1.0, shared_words / 200)
    return round(1 - (1 - max(coverage_a, coverage_b)) * (1 - amount), 4)


def _flipped(passages: Sequence[Passage]) -> tuple[Passage, ...]:
    """Passages seen from the other side, in the (new) copy's order."""
    out = [Passage(p.copy_start, p.copy_end, p.source_start, p.source_end) for p in passages]
    return tuple(sorted(out, key=lambda p: (p.copy_start, p.source_start)))


def verify_pair(
    a: CorpusArticle,
    b: CorpusArticle,
    prepared_a: Prepared,
    prepared_b: Prepared,
    params: CopyParams | None = None,
    *,
    undetermined_by_id: bool = True,
) -> CopyEdge | None:
    """Align two articles and return their copy edge, or ``None`` when they are not copies.

    An undetermined edge names its ids in sort order (``undetermined_by_id``), or ``a``
    first when that is ``False`` (one pair compared side by side)."""
    params = params or CopyParams()
    al = align(prepared_a, prepared_b, params.align)
    if not is_copy(al.shared_words, al.coverage_a, al.coverage_b, params):
        return None
    d = decide_direction(a, b, al.coverage_a, al.coverage_b, params.direction)
    if d.source_is_a:
        source, copy, c_src, c_copy = a, b, al.coverage_a, al.coverage_b
        passages, quotes = al.passages, al.quotes
    else:
        source, copy, c_src, c_copy = b, a, al.coverage_b, al.coverage_a
        passages = _flipped(al.passages)
        quotes = _flipped(al.quotes)
    if not d.determined:
        # an undetermined edge names the ids in sort order
        if undetermined_by_id and a.id > b.id:
            source, copy, c_src, c_copy = b, a, al.coverage_b, al.coverage_a
            passages = _flipped(al.passages)
            quotes = _flipped(al.quotes)
        kind_src, kind_copy = min(c_src, c_copy), max(c_src, c_copy)
    else:
        kind_src, kind_copy = c_src, c_copy
    kind = classify(kind_src, kind_copy, al.exact_share, al.long_run_share, params)
    evidence: dict[str, object] = {
        "shared_words": al.shared_words,
        "exact_share": round(al.exact_share, 4),
        "long_run_share": round(al.long_run_share, 4),
        "shared_quotes": [[q.source_start, q.source_end, q.copy_start, q.copy_end] for q in quotes],
    }
    if d.cue:
        evidence["cue"] = d.cue
    lag = lag_seconds(source, copy)
    if lag is not None:
        evidence["lag_seconds"] = lag
    return CopyEdge(
        source=source.id,
        copy=copy.id,
        kind=kind,
        containment_source=round(c_src, 4),
        containment_copy=round(c_copy, 4),
        passages=passages,
        direction="forward" if d.determined else "undetermined",
        direction_reason=d.reason,
        score=score(al.shared_words, al.coverage_a, al.coverage_b),
        evidence=evidence,
    )


#: Below this many articles (or pairs), worker processes cost more than they save.
PARALLEL_MIN_ITEMS = 2000
_STATE: dict[str, object] = {}


def _fingerprint_chunk(bounds: tuple[int, int]) -> list[bytes]:
    articles = cast(Sequence[CorpusArticle], _STATE["articles"])
    bp = cast(Boilerplate, _STATE["boilerplate"])
    params = cast(FingerprintParams, _STATE["fingerprint"])
    return [
        fingerprint(a.text, bp.mask(a), params).to_bytes() for a in articles[bounds[0] : bounds[1]]
    ]


def _pool(workers: int, **state: object) -> Pool:
    # fork: the workers inherit the corpus without pickling it
    _STATE.clear()
    _STATE.update(state)
    return get_context("fork").Pool(workers)


def _chunks(n: int, parts: int) -> list[tuple[int, int]]:
    step = max(1, -(-n // parts))
    return [(i, min(n, i + step)) for i in range(0, n, step)]


def fingerprint_all(
    articles: Sequence[CorpusArticle],
    boilerplate: Boilerplate,
    params: FingerprintParams | None = None,
    workers: int = 1,
) -> list[Fingerprint]:
    """Fingerprints of ``articles`` with their outlets' boilerplate masked.

    Args:
        articles: The corpus.
        boilerplate: Learnt boilerplate (see :func:`learn_boilerplate`).
        params: Sketch parameters.
        workers: Processes to use (forked; 1 = this process).
    """
    params = params or FingerprintParams()
    if workers <= 1 or len(articles) < PARALLEL_MIN_ITEMS:
        return [fingerprint(a.text, boilerplate.mask(a), params) for a in articles]
    with _pool(workers, articles=articles, boilerplate=boilerplate, fingerprint=params) as pool:
        parts = pool.map(_fingerprint_chunk, _chunks(len(articles), workers * 8))
    return [Fingerprint.from_bytes(b) for part in parts for b in part]


def _verify_chunk(pairs: list[tuple[int, int]]) -> list[CopyEdge]:
    articles = cast(Sequence[CorpusArticle], _STATE["articles"])
    bp = cast(Boilerplate, _STATE["boilerplate"])
    params = cast(CopyParams, _STATE["params"])
    return _verify(articles, bp, params, pairs)


def _verify(
    articles: Sequence[CorpusArticle],
    bp: Boilerplate,
    params: CopyParams,
    pairs: Sequence[tuple[int, int]],
) -> list[CopyEdge]:
    cache: OrderedDict[int, Prepared] = OrderedDict()

    def prepared(i: int) -> Prepared:
        hit = cache.get(i)
        if hit is not None:
            cache.move_to_end(i)
            return hit
        p = prepare(articles[i].text, bp.mask(articles[i]), params.align)
        cache[i] = p
        if len(cache) > params.cache_size:
            cache.popitem(last=False)
        return p

    edges = []
    for i, j in pairs:
        if articles[i].id > articles[j].id:
            i, j = j, i  # the alignment reads its first text as the source side: fix the order
        edge = verify_pair(articles[i], articles[j], prepared(i), prepared(j), params)
        if edge is not None:
            edges.append(edge)
    return edges


def find_copies(
    articles: Sequence[CorpusArticle],
    params: CopyParams | None = None,
    *,
    boilerplate: Boilerplate | None = None,
    fingerprints: Sequence[Fingerprint] | None = None,
) -> list[CopyEdge]:
    """Find every copy relation among ``articles``.

    Args:
        articles: The corpus; ids must be unique.
        params: Thresholds (defaults documented in ``docs/corpus.md``); ``params.workers``
            processes fingerprint and verify (forked, so the corpus is shared, not pickled).
        boilerplate: Learnt boilerplate; learnt from ``articles`` when not given.
        fingerprints: Precomputed fingerprints, one per article in the same order (they must
            have been made with the same boilerplate masks and ``params.fingerprint``).

    Returns:
        Copy edges sorted by ``(source, copy)``, less those a common, earlier source
        explains (:mod:`~newsift.corpus.explained`).
    """
    params = params or CopyParams()
    bp = boilerplate or learn_boilerplate(articles, params.boilerplate_min_articles)
    fps = fingerprints or fingerprint_all(articles, bp, params.fingerprint, params.workers)
    edges = verify_pairs(articles, bp, candidate_pairs(fps, params.candidates), params)
    return drop_explained(articles, edges)


def verify_pairs(
    articles: Sequence[CorpusArticle],
    boilerplate: Boilerplate,
    pairs: Sequence[tuple[int, int]],
    params: CopyParams | None = None,
) -> list[CopyEdge]:
    """Verify candidate pairs (indexes into ``articles``); the copy edges, sorted.

    ``params.workers`` processes share the work (forked, so the corpus is not pickled).
    """
    params = params or CopyParams()
    if params.workers <= 1 or len(pairs) < PARALLEL_MIN_ITEMS:
        edges = _verify(articles, boilerplate, params, pairs)
    else:
        chunks = [list(pairs[a:b]) for a, b in _chunks(len(pairs), params.workers * 8)]
        state = {"articles": articles, "boilerplate": boilerplate, "params": params}
        with _pool(params.workers, **state) as pool:
            edges = [e for part in pool.map(_verify_chunk, chunks) for e in part]
    return sorted(edges, key=lambda e: (e.source, e.copy))
