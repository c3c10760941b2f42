"""Passage alignment between two texts: which stretches of one reappear in the other.

Public API::

    prepare(text, masked=()) -> Prepared                 # words, offsets, n-gram hashes, quotes
    align(a, b, params=AlignParams()) -> Alignment       # a, b: Prepared
    align_texts(a_text, b_text) -> Alignment             # convenience for one pair

The method, near-linear in the texts' length:

1. *Anchors*: every ``anchor_size``-word n-gram of ``b`` that occurs exactly once in ``a``
   (sorted-array lookups, no quadratic comparison).
2. *Runs*: anchors on one diagonal (same offset between the texts) at consecutive
   positions merge into exact runs of shared words.
3. *Passages*: runs in the same order in both texts, separated by at most ``max_gap``
   words on each side, chain into one passage; the words between them are the rewording.
   A short run that does not fit the current chain (a stock phrase found elsewhere in the
   other text) is set aside instead of breaking the chain. A passage is kept when it spans at
   least ``min_passage_words`` words of ``b`` and at least ``min_density`` of them lie in
   exact runs.
4. *Quotes*: a passage whose exact runs hold fewer than ``min_passage_words`` words outside
   quotation marks (in either text: the other may set a quote as a block, without marks) is
   a *shared quotation*: independent reporters quote the same people, and their narration
   around the quotes differs. It is listed apart and not counted as copied text. A copied
   article made mostly of quotations still shares its narration, so it stays a copy.

Coverages count words (boilerplate masked out) inside passages; ``exact_share`` is the part
of the passages' words in ``b`` that lie in exact runs, and ``long_run_share`` the part in
runs of at least ``long_run`` words (copied word for word rather than reworded).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsift.corpus.fingerprint import ngram_hashes, tokenize, word_hashes
from newsift.corpus.model import Passage

IntArray = npt.NDArray[np.int32]
# A quotation opens with a quote mark and ends at its closing mark or, as in news style where
# a quote spanning paragraphs leaves each paragraph open, at the end of the paragraph.
_QUOTED = re.compile(
    r"“[^”\n]{1,3000}(?:”|$)|\"[^\"\n]{1,3000}\"|«[^»\n]{1,3000}(?:»|$)|„[^“”\n]{1,3000}(?:[“”]|$)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class AlignParams:
    """Alignment thresholds (see the module docstring)."""

    anchor_size: int = 4
    max_gap: int = 20
    min_passage_words: int = 12
    min_density: float = 0.45
    long_run: int = 30


@dataclass(frozen=True)
class Prepared:
    """A text ready for alignment: its words (masked ones left out) with offsets."""

    starts: IntArray
    ends: IntArray
    hashes: npt.NDArray[np.uint64]
    grams: npt.NDArray[np.uint64]
    quoted: npt.NDArray[np.bool_]

    @property
    def n_words(self) -> int:
        return len(self.starts)


@dataclass(frozen=True)
class Alignment:
    """What two texts share, ``a`` on the source side and ``b`` on the copy side.

    Attributes:
        passages: Shared passages as character spans (``source_*`` in ``a``, ``copy_*`` in
            ``b``), in ``b``'s order.
        word_spans: The same passages as word-index spans ``(a_start, a_end, b_start, b_end)``.
        quotes: Shared passages that are quotations in both texts (not counted as copying).
        coverage_a: Share of ``a``'s words inside passages.
        coverage_b: Share of ``b``'s words inside passages.
        shared_words: Words of ``b`` inside passages.
        exact_share: Share of those words in exact runs.
        long_run_share: Share of those words in exact runs of at least ``long_run`` words.
    """

    passages: tuple[Passage, ...]
    word_spans: tuple[tuple[int, int, int, int], ...]
    quotes: tuple[Passage, ...]
    coverage_a: float
    coverage_b: float
    shared_words: int
    exact_share: float
    long_run_share: float


def prepare(
    text: str, masked: Sequence[tuple[int, int]] = (), params: AlignParams | None = None
) -> Prepared:
    """Tokenise ``text`` for alignment (words in ``masked`` spans left out)."""
    params = params or AlignParams()
    tokens = tokenize(text, masked)
    hashes = word_hashes(tokens.words)
    grams = ngram_hashes(hashes, params.anchor_size)
    quoted = np.zeros(len(tokens), dtype=bool)
    regions = [m.span() for m in _QUOTED.finditer(text)]
    if regions and len(tokens):
        q_starts = np.asarray([r[0] for r in regions], dtype=np.int64)
        q_ends = np.asarray([r[1] for r in regions], dtype=np.int64)
        idx = np.searchsorted(q_starts, tokens.starts, side="right") - 1
        inside = idx >= 0
        quoted[inside] = tokens.ends[inside] <= q_ends[idx[inside]]
    # 32-bit offsets: half the memory of the verification cache (texts are far below 2**31)
    return Prepared(
        tokens.starts.astype(np.int32), tokens.ends.astype(np.int32), hashes, grams, quoted
    )


def _runs(a: Prepared, b: Prepared, k: int) -> list[tuple[int, int, int]]:
    """Exact runs ``(a_start, b_start, length_in_words)``, ordered by ``b_start``."""
    if not len(a.grams) or not len(b.grams):
        return []
    values, first, counts = np.unique(a.grams, return_index=True, return_counts=True)
    once = counts == 1
    values, first = values[once], first[once]
    if not len(values):
        return []
    pos = np.searchsorted(values, b.grams)
    pos[pos >= len(values)] = 0
    hit = values[pos] == b.grams
    j = np.nonzero(hit)[0]
    if not len(j):
        return []
    i = first[pos[j]]
    diag = i - j
    brk = np.ones(len(j), dtype=bool)
    brk[1:] = (j[1:] != j[:-1] + 1) | (diag[1:] != diag[:-1])
    starts = np.nonzero(brk)[0]
    stops = np.append(starts[1:], len(j))
    lengths = (j[stops - 1] - j[starts]) + k
    runs = zip(i[starts].tolist(), j[starts].tolist(), lengths.tolist(), strict=True)
    return _extend(a, b, sorted(runs, key=lambda r: (r[0] - r[1], r[1])))


def _extend(
    a: Prepared, b: Prepared, runs: list[tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """Grow runs word by word where the words still match, and join runs that then touch.

    Anchors must be unique in ``a``, so a repeated phrase inside a copied stretch splits
    its run; the words are the same all the same. ``runs`` come sorted by diagonal."""
    ha, hb = a.hashes.tolist(), b.hashes.tolist()
    na, nb = len(ha), len(hb)
    out: list[tuple[int, int, int]] = []
    for ai, bj, n in runs:
        while ai > 0 and bj > 0 and ha[ai - 1] == hb[bj - 1]:
            ai, bj, n = ai - 1, bj - 1, n + 1
        while ai + n < na and bj + n < nb and ha[ai + n] == hb[bj + n]:
            n += 1
        if out:
            pa, pb, pn = out[-1]
            if pa - pb == ai - bj and bj <= pb + pn:
                out[-1] = (pa, pb, max(pn, bj + n - pb))
                continue
        out.append((ai, bj, n))
    return sorted(out, key=lambda r: (r[1], r[0]))


def _chains(
    runs: list[tuple[int, int, int]], params: AlignParams
) -> list[list[tuple[int, int, int]]]:
    chains: list[list[tuple[int, int, int]]] = []
    current: list[tuple[int, int, int]] = []
    a_end = b_end = 0
    short = 2 * params.anchor_size
    for run in runs:
        ai, bj, n = run
        if current and (
            bj - b_end <= params.max_gap
            and ai >= a_end - params.anchor_size
            and ai - a_end <= params.max_gap
        ):
            current.append(run)
            a_end, b_end = max(a_end, ai + n), max(b_end, bj + n)
            continue
        if current and n < short:
            chains.append([run])
            continue
        if current:
            chains.append(current)
        current = [run]
        a_end, b_end = ai + n, bj + n
    if current:
        chains.append(current)
    return chains


def align(a: Prepared, b: Prepared, params: AlignParams | None = None) -> Alignment:
    """Align two prepared texts; ``a`` is read as the source, ``b`` as the copy."""
    params = params or AlignParams()
    spans: list[tuple[int, int, int, int]] = []
    quotes: list[tuple[int, int, int, int]] = []
    exact_b = np.zeros(b.n_words, dtype=bool)
    long_b = np.zeros(b.n_words, dtype=bool)
    for chain in _chains(_runs(a, b, params.anchor_size), params):
        a_s = min(r[0] for r in chain)
        a_e = max(r[0] + r[2] for r in chain)
        b_s = chain[0][1]
        b_e = max(r[1] + r[2] for r in chain)
        width = b_e - b_s
        if width < params.min_passage_words:
            continue
        mark = np.zeros(width, dtype=bool)
        for _, bj, n in chain:
            mark[bj - b_s : bj - b_s + n] = True
        if mark.mean() < params.min_density:
            continue
        span = (a_s, a_e, b_s, b_e)
        unquoted = sum(
            int((~(a.quoted[ai : ai + n] | b.quoted[bj : bj + n])).sum()) for ai, bj, n in chain
        )
        if unquoted < params.min_passage_words:
            quotes.append(span)
            continue
        spans.append(span)
        exact_b[b_s:b_e] |= mark
        for _, bj, n in chain:
            if n >= params.long_run:
                long_b[bj : bj + n] = True
    cov_a = np.zeros(a.n_words, dtype=bool)
    cov_b = np.zeros(b.n_words, dtype=bool)
    for a_s, a_e, b_s, b_e in spans:
        cov_a[a_s:a_e] = True
        cov_b[b_s:b_e] = True
    shared = int(cov_b.sum())
    return Alignment(
        passages=tuple(_passage(a, b, s) for s in spans),
        word_spans=tuple(spans),
        quotes=tuple(_passage(a, b, s) for s in quotes),
        coverage_a=float(cov_a.mean()) if a.n_words else 0.0,
        coverage_b=float(cov_b.mean()) if b.n_words else 0.0,
        shared_words=shared,
        exact_share=float((exact_b & cov_b).sum() / shared) if shared else 0.0,
        long_run_share=float((long_b & cov_b).sum() / shared) if shared else 0.0,
    )


def _passage(a: Prepared, b: Prepared, span: tuple[int, int, int, int]) -> Passage:
    a_s, a_e, b_s, b_e = span
    return Passage(
        source_start=int(a.starts[a_s]),
        source_end=int(a.ends[a_e - 1]),
        copy_start=int(b.starts[b_s]),
        copy_end=int(b.ends[b_e - 1]),
    )


def align_texts(
    a_text: str,
    b_text: str,
    masked_a: Sequence[tuple[int, int]] = (),
    masked_b: Sequence[tuple[int, int]] = (),
    params: AlignParams | None = None,
) -> Alignment:
    """Align two texts (``a_text`` as the source side)."""
    params = params or AlignParams()
    return align(prepare(a_text, masked_a, params), prepare(b_text, masked_b, params), params)
