"""Candidate pairs: LSH for whole copies, rare n-grams for excerpts, caps on large buckets."""

from __future__ import annotations

import pytest

from newsift.corpus.candidates import CandidateParams, candidate_pairs
from newsift.corpus.fingerprint import FingerprintParams, fingerprint
from newsift.errors import ConfigError
from tests.corpus.texts import OWN_TEXT, SAME_STORY, UNRELATED, WIRE, paragraphs


def test_whole_copies_and_excerpts_are_candidates_unrelated_are_not() -> None:
    excerpt = paragraphs(WIRE)[2]
    fps = [fingerprint(t) for t in (WIRE, WIRE, excerpt, OWN_TEXT, UNRELATED, SAME_STORY)]
    pairs = candidate_pairs(fps)
    assert (0, 1) in pairs  # whole copy (LSH and anchors)
    assert (0, 2) in pairs and (1, 2) in pairs  # excerpt (rare n-grams only)
    assert not {p for p in pairs if 3 in p or 4 in p}


def test_short_texts_take_no_part() -> None:
    fps = [fingerprint("Port strike ends."), fingerprint("Port strike ends.")]
    assert candidate_pairs(fps) == []


def test_oversized_buckets_stay_connected_without_all_pairs() -> None:
    fps = [fingerprint(WIRE) for _ in range(6)]
    pairs = candidate_pairs(fps, CandidateParams(bucket_cap=3, rare_cap=3))
    # star from the first member plus neighbours: connected, fewer than the 15 pairs
    assert set(pairs) == {(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (1, 2), (2, 3), (3, 4), (4, 5)}


def test_mixed_parameters_are_refused() -> None:
    fps = [fingerprint(WIRE), fingerprint(WIRE, params=FingerprintParams(num_perm=64))]
    with pytest.raises(ConfigError, match=r"\[E147\]"):
        candidate_pairs(fps)
