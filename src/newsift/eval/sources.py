"""Source typing: score the ``attribution`` analyzer's source types on a hand-labelled set.

The sets are read by :mod:`newsift.eval.corpora.sources`.

Matching (:func:`match_sources`): each gold item, in order, takes the first still unused
prediction of these, in turn:

1. predictions whose content contains the hint's start and whose source overlaps the
   mention (when there is one);
2. predictions whose content contains the hint's start (the smallest content first);
3. for gold items with a mention, predictions whose source overlaps the mention.

Matching is one-to-one. A gold item left unmatched is an error for ``accuracy`` (over all
gold items) and is left out of ``matched_accuracy`` (over matched items only). Per-type
precision counts over matched items (a prediction no gold item matched is not scored: the
set does not label every attribution a rule may find).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsift.eval.corpora.sources import TYPES, GoldSource, Span
from newsift.eval.metrics import ratio

#: The row/column label of gold items no prediction matched.
MISSED = "missed"


@dataclass(frozen=True)
class PredictedSource:
    """One predicted attribution: content and source offsets and its source type."""

    content: Span
    source: Span | None
    type: str


@dataclass(frozen=True)
class Miss:
    """A gold item typed wrongly or not matched; ``predicted`` is None when unmatched."""

    article: str
    mention: str | None
    hint: str
    gold: str
    predicted: str | None
    predicted_source: str | None


@dataclass(frozen=True)
class SourceTypeScores:
    """Source typing scores.

    Attributes:
        accuracy: Correctly typed gold items over all gold items (unmatched ones are wrong).
        matched_accuracy: Correctly typed over matched gold items.
        precision: Per predicted type, over matched items.
        recall: Per gold type, over all gold items.
        confusion: ``confusion[gold][predicted]`` counts; ``predicted`` may be ``missed``.
        n_gold: Gold items.
        n_matched: Gold items some prediction matched.
        misses: Every wrongly typed or unmatched gold item.
    """

    accuracy: float
    matched_accuracy: float
    precision: dict[str, float]
    recall: dict[str, float]
    confusion: dict[str, dict[str, int]]
    n_gold: int
    n_matched: int
    misses: list[Miss] = field(default_factory=list)


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _contains(content: Span, point: int) -> bool:
    return content[0] <= point < content[1]


def match_sources(
    gold: Sequence[GoldSource], predicted: Sequence[PredictedSource]
) -> list[PredictedSource | None]:
    """The prediction each gold item matches (None when none does); see the module doc."""
    used: set[int] = set()
    matches: list[PredictedSource | None] = []
    for item in gold:
        free = [i for i in range(len(predicted)) if i not in used]
        by_content = sorted(
            (i for i in free if _contains(predicted[i].content, item.hint[0])),
            key=lambda i: predicted[i].content[1] - predicted[i].content[0],
        )
        both = [i for i in by_content if _overlaps(predicted[i].source, item.mention)]
        by_source = [i for i in free if _overlaps(predicted[i].source, item.mention)]
        choice = next(iter(both or by_content or by_source), None)
        if choice is None:
            matches.append(None)
        else:
            used.add(choice)
            matches.append(predicted[choice])
    return matches


def score_source_types(
    pairs: Iterable[tuple[GoldSource, PredictedSource | None, str]],
) -> SourceTypeScores:
    """Scores from ``(gold, matched prediction or None, article text)`` triples."""
    columns = (*TYPES, MISSED)
    confusion = {g: dict.fromkeys(columns, 0) for g in TYPES}
    misses: list[Miss] = []
    n_gold = 0
    for gold, pred, text in pairs:
        n_gold += 1
        predicted = pred.type if pred is not None else MISSED
        confusion[gold.type][predicted] += 1
        if predicted != gold.type:
            source = pred.source if pred is not None else None
            misses.append(
                Miss(
                    article=gold.article,
                    mention=text[gold.mention[0] : gold.mention[1]] if gold.mention else None,
                    hint=text[gold.hint[0] : gold.hint[1]],
                    gold=gold.type,
                    predicted=pred.type if pred is not None else None,
                    predicted_source=text[source[0] : source[1]] if source else None,
                )
            )
    correct = sum(confusion[t][t] for t in TYPES)
    n_matched = n_gold - sum(confusion[t][MISSED] for t in TYPES)
    precision = {}
    recall = {}
    for t in TYPES:
        predicted_as = sum(confusion[g][t] for g in TYPES)
        precision[t] = ratio(confusion[t][t], predicted_as)
        recall[t] = ratio(confusion[t][t], sum(confusion[t].values()))
    return SourceTypeScores(
        accuracy=ratio(correct, n_gold),
        matched_accuracy=ratio(correct, n_matched),
        precision=precision,
        recall=recall,
        confusion=confusion,
        n_gold=n_gold,
        n_matched=n_matched,
        misses=misses,
    )
