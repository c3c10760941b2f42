"""Candidate pairs for copy verification: MinHash LSH banding plus a rare-n-gram index.

Public API::

    candidate_pairs(fingerprints, params=CandidateParams()) -> list[tuple[int, int]]
    band_keys(hashvalues, params) -> array          # LSH band keys, one row per document

Both indexes are built as flat numpy arrays sorted once, so memory stays a few bytes per
key and time near-linear in the corpus:

- *LSH banding* over the MinHash values (``bands`` × ``rows`` = ``num_perm``): two texts
  whose shingle sets have Jaccard similarity ``s`` share a band with probability
  ``1 - (1 - s**rows)**bands`` (about 0.87 at s = 0.5 with 32 × 4). It finds whole copies and
  light rewrites.
- *Rare n-grams*: the fingerprints' winnowed anchor keys, inverted. Keys shared by more than
  ``rare_cap`` articles are stock phrases, not evidence, and are dropped; two articles
  sharing at least ``min_shared_anchors`` of the remaining keys are candidates. It finds
  excerpts and partial copies, whose Jaccard similarity is too small for LSH.

A bucket larger than ``bucket_cap`` (a story copied by very many sites) does not yield all
its pairs: each member is paired with the bucket's first member and with its neighbour, so
the family stays connected without a quadratic blow-up. Articles with fewer than
``min_words`` words take no part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise

import numpy as np
import numpy.typing as npt

from newsift.corpus.fingerprint import Fingerprint, U64Array, check_compatible

_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class CandidateParams:
    """Candidate generation settings (see the module docstring)."""

    bands: int = 32
    rows: int = 4
    bucket_cap: int = 64
    rare_cap: int = 50
    min_shared_anchors: int = 2
    min_words: int = 20


def _pairs_from_groups(
    keys: npt.NDArray[np.uint64], docs: npt.NDArray[np.int64], cap: int, drop_large: bool
) -> npt.NDArray[np.int64]:
    """Pairs ``(i, j)``, ``i < j``, of docs sharing a key (one row per shared key)."""
    if not len(keys):
        return np.empty((0, 2), dtype=np.int64)
    order = np.lexsort((docs, keys))
    keys, docs = keys[order], docs[order]
    # one entry per (key, doc)
    keep = np.ones(len(keys), dtype=bool)
    keep[1:] = (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1])
    keys, docs = keys[keep], docs[keep]
    starts = np.nonzero(np.r_[True, keys[1:] != keys[:-1]])[0]
    sizes = np.diff(np.r_[starts, len(keys)])
    out: list[npt.NDArray[np.int64]] = []
    two = starts[sizes == 2]
    if len(two):
        out.append(np.stack([docs[two], docs[two + 1]], axis=1))
    extra: list[tuple[int, int]] = []
    for start, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist(), strict=True):
        members = docs[start : start + size].tolist()
        if size <= cap:
            extra.extend(combinations(members, 2))
        elif not drop_large:
            first = members[0]
            extra.extend((first, m) for m in members[1:])
            extra.extend(pairwise(members[1:]))
    if extra:
        out.append(np.asarray(extra, dtype=np.int64))
    if not out:
        return np.empty((0, 2), dtype=np.int64)
    return np.concatenate(out)


def band_keys(hashvalues: npt.NDArray[np.uint64], params: CandidateParams) -> U64Array:
    """LSH band keys of MinHash values: one row per document, one column per band.

    Each key mixes the band's number with its ``rows`` values, so equal keys mean equal
    values in the same band. The Spark job computes the same keys per article
    (:mod:`newsift.spark`).

    Args:
        hashvalues: MinHash values, shape ``(documents, num_perm)``, as unsigned 64-bit.
        params: ``bands`` and ``rows``.
    """
    n_bands = min(params.bands, hashvalues.shape[1] // params.rows)
    keys = np.empty((hashvalues.shape[0], n_bands), dtype=np.uint64)
    for band in range(n_bands):
        acc = np.full(hashvalues.shape[0], np.uint64(band + 1), dtype=np.uint64)
        for r in range(params.rows):
            acc = acc * _MIX + hashvalues[:, band * params.rows + r]
        keys[:, band] = acc
    return keys


def _lsh_keys(
    fingerprints: Sequence[Fingerprint], eligible: list[int], params: CandidateParams
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    hv = np.stack([fingerprints[i].hashvalues for i in eligible]).astype(np.uint64)
    keys = band_keys(hv, params)
    docs = np.tile(np.asarray(eligible, dtype=np.int64), keys.shape[1])
    return keys.T.reshape(-1), docs


def candidate_pairs(
    fingerprints: Sequence[Fingerprint], params: CandidateParams | None = None
) -> list[tuple[int, int]]:
    """Pairs of indexes into ``fingerprints`` worth verifying, ``i < j``, sorted.

    Raises:
        ConfigError: E147 when the fingerprints were made with different parameters.
    """
    params = params or CandidateParams()
    eligible = [i for i, fp in enumerate(fingerprints) if fp.n_words >= params.min_words]
    if len(eligible) < 2:
        return []
    for i in eligible[1:]:
        check_compatible(fingerprints[eligible[0]], fingerprints[i])
    n = len(fingerprints)
    lsh_keys, lsh_docs = _lsh_keys(fingerprints, eligible, params)
    lsh = _pairs_from_groups(lsh_keys, lsh_docs, params.bucket_cap, drop_large=False)
    anchor_keys = np.concatenate([fingerprints[i].anchors for i in eligible])
    anchor_docs = np.repeat(
        np.asarray(eligible, dtype=np.int64), [len(fingerprints[i].anchors) for i in eligible]
    )
    rare = _pairs_from_groups(anchor_keys, anchor_docs, params.rare_cap, drop_large=True)
    codes_lsh = np.unique(np.minimum(lsh[:, 0], lsh[:, 1]) * n + np.maximum(lsh[:, 0], lsh[:, 1]))
    codes_rare, counts = np.unique(
        np.minimum(rare[:, 0], rare[:, 1]) * n + np.maximum(rare[:, 0], rare[:, 1]),
        return_counts=True,
    )
    codes = np.union1d(codes_lsh, codes_rare[counts >= params.min_shared_anchors])
    return [(int(c // n), int(c % n)) for c in codes.tolist()]
