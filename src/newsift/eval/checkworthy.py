"""Check-worthiness: precision, recall and F1 of the check-worthy class.

The labelled sentences are read by :mod:`newsift.eval.corpora.checkworthy`;
:func:`newsift.eval.run.evaluate_checkworthy` scores them with the claims analyzer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsift.eval.metrics import Prf


@dataclass(frozen=True)
class BinaryScores:
    """Precision, recall and F1 of the positive class, with the counts behind them."""

    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int
    sentences: int


def binary_scores(gold: Sequence[bool], predicted: Sequence[bool]) -> BinaryScores:
    """P/R/F1 of the positive class."""
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    scores = Prf.from_counts(tp, tp + fp, tp + fn)
    return BinaryScores(scores.precision, scores.recall, scores.f1, tp, fp, fn, len(gold))


def cohen_kappa(first: Sequence[bool], second: Sequence[bool]) -> float:
    """Cohen's kappa of two binary labellings of the same items (1.0 when both are constant
    and equal)."""
    n = len(first)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p_first, p_second = sum(first) / n, sum(second) / n
    expected = p_first * p_second + (1 - p_first) * (1 - p_second)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


@dataclass(frozen=True)
class FlagRate:
    """How many of the sentences the claims analyzer considers it reports as claims."""

    articles: int
    sentences: int  #: candidate sentences (at least ``MIN_WORDS`` words)
    flagged: int

    @property
    def share(self) -> float:
        return self.flagged / self.sentences if self.sentences else 0.0


@dataclass(frozen=True)
class NewsClaimsScores:
    """``newsift eval news-claims``: scores on the set's articles, calibration, agreement."""

    split: str
    articles: int
    threshold: float
    scores: BinaryScores
    ece: float  #: expected calibration error of the probabilities (10 equal-width bins)
    mean_probability: float
    share_checkworthy: float  #: gold share of check-worthy sentences
    kappa: float  #: agreement of the two labelling passes on these sentences
    flag_rate: FlagRate | None = None  #: on PolNeAR dev, through the analyzer
