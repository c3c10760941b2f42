"""The one precision / recall / F1 every scorer uses.

A scorer decides what counts as a true positive (a matched span, a correctly typed source, a
label in a multiset); this module only turns counts (or partial-credit sums) into scores, so
every ``newsift eval`` command divides and averages the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, or 0.0 when there is nothing to divide by."""
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0.0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Prf:
    """Precision, recall and F1, with the counts they came from.

    Attributes:
        precision: Correct predictions over predictions.
        recall: Found gold items over gold items.
        f1: Their harmonic mean.
        predicted: How many predictions were scored.
        gold: How many gold items were scored.
    """

    precision: float
    recall: float
    f1: float
    predicted: float
    gold: float

    @classmethod
    def of(cls, precision: float, recall: float, predicted: float, gold: float) -> Prf:
        """Scores from a precision and recall computed elsewhere (partial credit, e.g. SI)."""
        return cls(precision, recall, f1(precision, recall), predicted, gold)

    @classmethod
    def from_counts(cls, correct: float, predicted: float, gold: float) -> Prf:
        """Scores from counts: ``correct`` predictions of ``predicted``, against ``gold`` items.

        One count of correct items serves both sides when matching is one-to-one (every
        correct prediction finds exactly one gold item).
        """
        return cls.of(ratio(correct, predicted), ratio(correct, gold), predicted, gold)


__all__ = ["Prf", "expected_calibration_error", "f1", "ratio"]


def expected_calibration_error(
    scores: Sequence[float], outcomes: Sequence[bool], bins: int = 10
) -> float:
    """ECE: the count-weighted mean gap between mean score and share right, over ``bins``
    equal-width score bins (Guo et al., 2017); 0 for no findings."""
    totals: dict[int, list[float]] = {}
    for score, right in zip(scores, outcomes, strict=True):
        cell = totals.setdefault(min(int(score * bins), bins - 1), [0.0, 0.0, 0.0])
        cell[0] += 1
        cell[1] += score
        cell[2] += float(right)
    n = len(scores)
    return sum(abs(s - r) for _, s, r in totals.values()) / n if n else 0.0
