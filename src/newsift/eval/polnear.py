"""PolNeAR: score predicted attributions against the corpus's gold ones.

PolNeAR (Newell, Margolin & Ruths, "An Attribution Relations Corpus for Political News",
LREC 2018) annotates each attribution with a **source**, a **cue** and a **content**. A part
of the corpus (``train/`` or ``dev/``) holds ``text/NAME.txt`` and
``attributions/NAME_<annotator>.ann``; fragments of a discontinuous span are joined by ``;``.
The corpus is read by :mod:`newsift.eval.corpora.polnear`.

Scoring (what :func:`score_polnear` computes):

- **Content precision, recall, F1.** Each span is a *set of character offsets* (the union
  of its fragments; ``Content2`` fragments join the content). A predicted attribution matches
  a gold one when the Jaccard index of their content sets is at least 0.5. Matching is
  one-to-one and *greedy by best Jaccard*: all candidate pairs are sorted by Jaccard
  (descending; ties by position) and taken in turn when neither side is matched yet.
- **Quotation recall.** Recall over gold attributions whose content holds a quotation mark:
  a double quote (``"`` ``“`` ``”``) or an opening single curly quote ``‘`` used as one: not
  after a letter or digit (``Trump‘s`` is a mistyped apostrophe) nor before a digit
  (``‘90s``). The closing ``’`` alone does not count: it is the apostrophe in ``don’t`` and
  ``voters’``; straight ``'`` does not count for the same reason.
- **Source accuracy.** Over matched pairs whose gold attribution has a source: the predicted
  source overlaps the gold source by at least one character. A prediction without a source is
  wrong.
- **Cue accuracy.** Over matched pairs whose gold attribution has a cue: the spans overlap.
- **Calibration error.** Expected calibration error of the predictions' scores (10 equal
  bins over 0..1): the gap between a bin's mean score and the share of its predictions
  matched, weighted by the bin's size. Low when a score of 0.8 means 8 in 10 are right.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsift.eval.corpora.polnear import AttributionSpans, Fragments, GoldArticle
from newsift.eval.metrics import Prf, ratio

#: Least Jaccard index of content character sets for a predicted and a gold attribution to
#: match.
MATCH_JACCARD = 0.5

#: The targets set for PolNeAR ``dev``: metric name → least score.
TARGETS: dict[str, float] = {
    "quote_recall": 0.90,
    "f1": 0.60,
    "source_accuracy": 0.80,
    "cue_accuracy": 0.85,
}

_QUOTATION = re.compile(r"[\"“”]|(?<![^\W_])‘(?!\d)")


@dataclass(frozen=True)
class PolnearScores:
    """Scores of predicted against gold attributions (see the module docstring).

    ``counts`` holds ``articles``, ``gold``, ``predicted``, ``matched``, ``gold_quotes``,
    ``matched_quotes``, ``source_pairs``, ``source_correct``, ``cue_pairs`` and
    ``cue_correct``.
    """

    precision: float
    recall: float
    f1: float
    quote_recall: float
    source_accuracy: float
    cue_accuracy: float
    counts: dict[str, int] = field(default_factory=dict)
    calibration_error: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Scores and counts as JSON-ready data."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "quote_recall": self.quote_recall,
            "source_accuracy": self.source_accuracy,
            "cue_accuracy": self.cue_accuracy,
            "calibration_error": self.calibration_error,
            "counts": dict(self.counts),
        }


def has_quotation(text: str) -> bool:
    """Whether ``text`` holds a quotation mark as :func:`score_polnear` defines it."""
    return _QUOTATION.search(text) is not None


def _chars(fragments: Fragments) -> frozenset[int]:
    return frozenset(i for start, end in fragments for i in range(start, end))


def _overlap(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match_attributions(
    gold: Sequence[AttributionSpans], predicted: Sequence[AttributionSpans]
) -> list[tuple[int, int, float]]:
    """One-to-one matches ``(gold index, predicted index, jaccard)``, greedy by best Jaccard."""
    gold_sets = [_chars(g.content) for g in gold]
    pred_sets = [_chars(p.content) for p in predicted]
    candidates: list[tuple[float, int, int]] = []
    for gi, gs in enumerate(gold_sets):
        for pi, ps in enumerate(pred_sets):
            if not gs or not ps or not _overlap(gold[gi].content, predicted[pi].content):
                continue
            jaccard = len(gs & ps) / len(gs | ps)
            if jaccard >= MATCH_JACCARD:
                candidates.append((-jaccard, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matches = []
    for negative, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            matches.append((gi, pi, -negative))
    return matches


def score_polnear(
    gold: Sequence[GoldArticle], predicted: Mapping[str, Sequence[AttributionSpans]]
) -> PolnearScores:
    """Score predictions against the gold articles (see the module docstring).

    Args:
        gold: Articles from :func:`load_polnear`.
        predicted: Predicted attributions by article name; a missing name predicts nothing.
    """
    counts = dict.fromkeys(
        (
            "articles",
            "gold",
            "predicted",
            "matched",
            "gold_quotes",
            "matched_quotes",
            "source_pairs",
            "source_correct",
            "cue_pairs",
            "cue_correct",
        ),
        0,
    )
    scored: list[tuple[float, bool]] = []
    for article in gold:
        preds = list(predicted.get(article.name, ()))
        counts["articles"] += 1
        counts["gold"] += len(article.attributions)
        counts["predicted"] += len(preds)
        quoted = [
            has_quotation("".join(article.text[s:e] for s, e in g.content))
            for g in article.attributions
        ]
        counts["gold_quotes"] += sum(quoted)
        matches = match_attributions(article.attributions, preds)
        matched_preds = {pi for _, pi, _ in matches}
        scored += [
            (p.score, i in matched_preds) for i, p in enumerate(preds) if p.score is not None
        ]
        for gi, pi, _ in matches:
            g, p = article.attributions[gi], preds[pi]
            counts["matched"] += 1
            counts["matched_quotes"] += quoted[gi]
            if g.source:
                counts["source_pairs"] += 1
                counts["source_correct"] += _overlap(g.source, p.source)
            if g.cue:
                counts["cue_pairs"] += 1
                counts["cue_correct"] += _overlap(g.cue, p.cue)
    content = Prf.from_counts(counts["matched"], counts["predicted"], counts["gold"])
    return PolnearScores(
        precision=content.precision,
        recall=content.recall,
        f1=content.f1,
        quote_recall=ratio(counts["matched_quotes"], counts["gold_quotes"]),
        source_accuracy=ratio(counts["source_correct"], counts["source_pairs"]),
        cue_accuracy=ratio(counts["cue_correct"], counts["cue_pairs"]),
        counts=counts,
        calibration_error=expected_calibration_error(scored),
    )


def expected_calibration_error(scored: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """Expected calibration error of ``(score, right)`` pairs over equal-width bins."""
    if not scored:
        return 0.0
    total = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(s, r) for s, r in scored if low <= s < high or (b == bins - 1 and s == 1.0)]
        if inside:
            mean_score = sum(s for s, _ in inside) / len(inside)
            share_right = sum(r for _, r in inside) / len(inside)
            total += abs(mean_score - share_right) * len(inside)
    return total / len(scored)
