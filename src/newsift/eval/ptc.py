"""The two official PTC scorers (SemEval-2020 Task 11), and the records of a PTC evaluation.

Scorers follow the task definitions:

- **SI** (span identification): overlapping spans of an article are merged, in gold and in
  prediction alike; precision = Σ_s Σ_t |s∩t| / |s| over the predicted spans S, recall =
  Σ_t Σ_s |s∩t| / |t| over the gold spans T, F1 their harmonic mean.
- **TC** (technique classification): for each gold span the system gives labels; labels are
  compared as multisets per span (article, start, end), micro-averaged over all spans.

The corpus is read by :mod:`newsift.eval.corpora.ptc`; :mod:`newsift.eval.run` runs the
technique model and calls these scorers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsift.analyzers.techniques.glossary import TECHNIQUES
from newsift.eval.corpora.ptc import PtcArticle, Span
from newsift.eval.metrics import Prf, expected_calibration_error, ratio
from newsift.text.spans import merge_spans

__all__ = [
    "TECHNIQUES",
    "Prf",
    "PtcEvaluation",
    "Rate",
    "SiMisses",
    "TcScores",
    "merge_spans",
    "score_si",
    "score_tc",
    "si_misses",
]


def _merged_by_article(
    predicted: Mapping[str, Sequence[Span]], gold: Mapping[str, Sequence[Span]]
) -> Iterator[tuple[list[Span], list[Span]]]:
    """(merged predicted spans, merged gold spans) of each article of ``gold``; predictions
    for other articles are ignored, an article without predictions has none."""
    for article_id, gold_spans in gold.items():
        yield merge_spans(predicted.get(article_id, ())), merge_spans(gold_spans)


def score_si(predicted: Mapping[str, Sequence[Span]], gold: Mapping[str, Sequence[Span]]) -> Prf:
    """Official SI score over the articles of ``gold`` (predictions for others are ignored)."""
    precision_sum = recall_sum = 0.0
    n_predicted = n_gold = 0
    for guesses, truth in _merged_by_article(predicted, gold):
        n_predicted += len(guesses)
        n_gold += len(truth)
        for s_start, s_end in guesses:
            for t_start, t_end in truth:
                overlap = min(s_end, t_end) - max(s_start, t_start)
                if overlap > 0:
                    precision_sum += overlap / (s_end - s_start)
                    recall_sum += overlap / (t_end - t_start)
    return Prf.of(ratio(precision_sum, n_predicted), ratio(recall_sum, n_gold), n_predicted, n_gold)


@dataclass(frozen=True)
class SiMisses:
    """Where SI loses its points: predictions that touch no gold span (they cost precision
    in full) and gold spans that no prediction touches (they cost recall in full)."""

    false_spans: int  #: merged predicted spans overlapping no merged gold span
    predicted: int
    missed_spans: int  #: merged gold spans overlapping no merged predicted span
    gold: int


def si_misses(
    predicted: Mapping[str, Sequence[Span]], gold: Mapping[str, Sequence[Span]]
) -> SiMisses:
    """Count :class:`SiMisses` over the articles of ``gold``, spans merged as :func:`score_si`
    merges them."""
    false_spans = missed_spans = n_predicted = n_gold = 0
    for guesses, truth in _merged_by_article(predicted, gold):
        n_predicted += len(guesses)
        n_gold += len(truth)
        false_spans += sum(not _touches(guess, truth) for guess in guesses)
        missed_spans += sum(not _touches(span, guesses) for span in truth)
    return SiMisses(false_spans, n_predicted, missed_spans, n_gold)


def _touches(span: Span, others: Sequence[Span]) -> bool:
    """Whether ``span`` shares a character with one of ``others``."""
    return any(min(span[1], end) > max(span[0], start) for start, end in others)


TcRow = tuple[str, str, int, int]  #: (article id, technique, start, end)


@dataclass(frozen=True)
class TcScores:
    """Micro-averaged TC scores and one :class:`Prf` per technique."""

    micro: Prf
    per_technique: dict[str, Prf] = field(default_factory=dict)


def score_tc(predicted: Iterable[TcRow], gold: Iterable[TcRow]) -> TcScores:
    """Official TC score: labels compared as multisets per (article, start, end)."""
    by_span_pred: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    by_span_gold: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    for article_id, technique, start, end in predicted:
        by_span_pred[(article_id, start, end)][technique] += 1
    for article_id, technique, start, end in gold:
        by_span_gold[(article_id, start, end)][technique] += 1
    correct: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for key, labels in by_span_gold.items():
        n_gold.update(labels)
        correct.update(labels & by_span_pred.get(key, Counter()))
    for labels in by_span_pred.values():
        n_pred.update(labels)
    per_technique = {
        technique: Prf.from_counts(correct[technique], n_pred[technique], n_gold[technique])
        for technique in sorted(set(n_gold) | set(n_pred))
    }
    micro = Prf.from_counts(sum(correct.values()), sum(n_pred.values()), sum(n_gold.values()))
    return TcScores(micro=micro, per_technique=per_technique)


def gold_tc_rows(articles: Iterable[PtcArticle]) -> list[TcRow]:
    """Every gold TC row of ``articles`` as scorer input."""
    return [(a.article_id, s.technique, s.start, s.end) for a in articles for s in a.tc]


def gold_span_counts(article: PtcArticle) -> list[tuple[Span, int]]:
    """The article's distinct gold TC spans, in order, with how many gold rows each has."""
    return sorted(Counter((s.start, s.end) for s in article.tc).items())


def top_labels(
    article_id: str,
    span_counts: Sequence[tuple[Span, int]],
    probabilities: Iterable[Any],
) -> list[TcRow]:
    """TC rows: for each gold span, its ``count`` most likely techniques (one per gold row)."""
    rows = []
    for ((start, end), count), row in zip(span_counts, probabilities, strict=True):
        for index in sorted(range(len(TECHNIQUES)), key=lambda i: -row[i])[:count]:
            rows.append((article_id, TECHNIQUES[index], start, end))
    return rows


@dataclass(frozen=True)
class Rate:
    """Technique findings per 1,000 words over a set of texts, at one threshold.

    ``author_voice`` counts the findings a report marks ``voice: author``: the writer's own
    words, neither inside quotation marks nor inside the content of an attribution.
    """

    texts: int
    words: int
    findings: int
    author_voice: int

    def __add__(self, other: Rate) -> Rate:
        return Rate(
            self.texts + other.texts,
            self.words + other.words,
            self.findings + other.findings,
            self.author_voice + other.author_voice,
        )

    @property
    def per_1000_words(self) -> float:
        return ratio(1000 * self.findings, self.words)

    @property
    def author_voice_per_1000_words(self) -> float:
        return ratio(1000 * self.author_voice, self.words)


@dataclass(frozen=True)
class PtcEvaluation:
    """Scores of ``newsift eval ptc`` plus the finding rates that show calibration."""

    articles: int
    si_threshold: float
    report_threshold: float
    si: Prf
    tc: TcScores
    rates: dict[str, Rate]  #: "ptc@benchmark", "ptc@report", "neutral@…" when given
    #: One (benchmark, report) threshold pair per model when several models were pooled
    #: (cross-validation); empty for one model.
    fold_thresholds: tuple[tuple[float, float], ...] = ()
    #: Predicted spans touching no gold span, gold spans no prediction touches.
    si_misses: SiMisses | None = None
    #: Calibration of the reported findings' scores, when measured.
    calibration: CalibrationScores | None = None
    #: SI of the spans a report shows (the report threshold), when measured.
    si_report: Prf | None = None


def finding_is_right(start: int, end: int, technique: str, article: PtcArticle) -> bool:
    """Whether a finding is right: at least half of its characters lie in gold spans of its
    technique (the SI precision of one span, thresholded at one half)."""
    spans = merge_spans([(s.start, s.end) for s in article.tc if s.technique == technique])
    inside = sum(max(0, min(end, g_end) - max(start, g_start)) for g_start, g_end in spans)
    return end > start and 2 * inside >= end - start


@dataclass(frozen=True)
class CalibrationScores:
    """How well reported findings' scores match how often they are right."""

    findings: int
    right: int
    ece_raw: float  #: of the model's raw scores, P(span) × P(technique | span)
    ece: float  #: of the calibrated scores, as reports show them
    mean_score: float  #: mean calibrated score

    @classmethod
    def of(
        cls, raw: Sequence[float], calibrated: Sequence[float], outcomes: Sequence[bool]
    ) -> CalibrationScores:
        """Score findings given their raw and calibrated scores and whether each is right."""
        return cls(
            len(outcomes),
            sum(outcomes),
            expected_calibration_error(raw, outcomes),
            expected_calibration_error(calibrated, outcomes),
            ratio(sum(calibrated), len(calibrated)),
        )
