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
