"""PTC (SemEval-2020 Task 11) loader, article split and the two official scorers.

Layout of a PTC folder: ``articles/articleID.txt``, ``labels-si/articleID.task1-SI.labels``
(``ID<TAB>start<TAB>end``) and ``labels-tc/articleID.task2-TC.labels``
(``ID<TAB>technique<TAB>start<TAB>end``); offsets are characters, end exclusive.

Scorers follow the task definitions:

- **SI** (span identification): overlapping spans of an article are merged, in gold and in
  prediction alike; precision = Σ_s Σ_t |s∩t| / |s| over the predicted spans S, recall =
  Σ_t Σ_s |s∩t| / |t| over the gold spans T, F1 their harmonic mean.
- **TC** (technique classification): for each gold span the system gives labels; labels are
  compared as multisets per span (article, start, end), micro-averaged over all spans.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsift.analyzers.techniques.glossary import TECHNIQUES
from newsift.errors import Errors, InputError
from newsift.text.spans import merge_spans

if TYPE_CHECKING:
    from newsift.analyzers.techniques import TechniqueModel
    from newsift.encoder import Reading

__all__ = ["TECHNIQUES", "PtcArticle", "TechniqueSpan", "load_ptc", "score_si", "score_tc"]

Span = tuple[int, int]
_ARTICLE_ID = re.compile(r"article(\d+)\.txt$")


@dataclass(frozen=True)
class TechniqueSpan:
    """One gold TC row: a technique on the characters ``start:end``."""

    technique: str
    start: int
    end: int


@dataclass(frozen=True)
class PtcArticle:
    """An article with its gold spans (empty tuples when the folder has no labels)."""

    article_id: str
    text: str
    si: tuple[Span, ...] = ()
    tc: tuple[TechniqueSpan, ...] = ()
    labelled: bool = False  #: the folder has label files for it (possibly empty: no spans)


def _read_rows(path: Path, width: int) -> list[list[str]]:
    if not path.is_file():
        return []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != width:
            raise InputError(Errors.E080, path=path, line=number, width=width)
        rows.append(cells)
    return rows


def load_ptc(directory: Path) -> list[PtcArticle]:
    """Every article of a PTC folder, sorted by id, with its SI and TC labels.

    Raises:
        InputError: The folder has no ``articles/`` (E081) or a label file is malformed (E080).
    """
    articles_dir = directory / "articles"
    if not articles_dir.is_dir():
        raise InputError(Errors.E081, path=directory)
    articles = []
    for path in sorted(articles_dir.glob("article*.txt")):
        match = _ARTICLE_ID.search(path.name)
        if match is None:
            continue
        article_id = match.group(1)
        # newline="" keeps "\r" characters: PTC offsets count every character of the file.
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        si_path = directory / "labels-si" / f"article{article_id}.task1-SI.labels"
        tc_path = directory / "labels-tc" / f"article{article_id}.task2-TC.labels"
        si, tc = _read_rows(si_path, 3), _read_rows(tc_path, 4)
        articles.append(
            PtcArticle(
                article_id=article_id,
                text=text,
                si=tuple(sorted((int(row[1]), int(row[2])) for row in si)),
                tc=tuple(
                    sorted(
                        (TechniqueSpan(row[1], int(row[2]), int(row[3])) for row in tc),
                        key=lambda span: (span.start, span.end, span.technique),
                    )
                ),
                labelled=si_path.is_file() or tc_path.is_file(),
            )
        )
    return articles


def split_articles(
    article_ids: Iterable[str],
    heldout_share: float = 0.2,
    validation_share: float = 0.1,
    seed: int = 13,
    fold: int = 0,
) -> dict[str, list[str]]:
    """A fixed split by article: ``train``, ``validation`` (model selection), ``heldout`` (scores).

    The ids are sorted and shuffled with ``seed``, so the split depends only on the set of ids.
    ``fold`` (0 to ``round(1 / heldout_share) - 1``) picks which block of the shuffled ids is
    held out, for cross-validation: every article is held out in exactly one fold, and fold 0
    is the split the shipped model was trained on. Validation is the next block after it.
    """
    ids = sorted(article_ids)
    random.Random(seed).shuffle(ids)
    n_heldout = round(len(ids) * heldout_share)
    n_validation = round(len(ids) * validation_share)
    folds = round(1 / heldout_share)
    if not 0 <= fold < folds:
        raise ValueError(f"fold must be between 0 and {folds - 1}, not {fold}")
    start = fold * n_heldout
    end = len(ids) if fold == folds - 1 else start + n_heldout
    rest = ids[end:] + ids[:start]
    return {
        "heldout": sorted(ids[start:end]),
        "validation": sorted(rest[:n_validation]),
        "train": sorted(rest[n_validation:]),
    }


@dataclass(frozen=True)
class Prf:
    """Precision, recall and F1, with the counts they came from."""

    precision: float
    recall: float
    f1: float
    predicted: float
    gold: float

    @classmethod
    def of(cls, precision: float, recall: float, predicted: float, gold: float) -> Prf:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, predicted, gold)


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
    precision = precision_sum / n_predicted if n_predicted else 0.0
    recall = recall_sum / n_gold if n_gold else 0.0
    return Prf.of(precision, recall, n_predicted, n_gold)


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
    per_technique = {}
    for technique in sorted(set(n_gold) | set(n_pred)):
        p = correct[technique] / n_pred[technique] if n_pred[technique] else 0.0
        r = correct[technique] / n_gold[technique] if n_gold[technique] else 0.0
        per_technique[technique] = Prf.of(p, r, n_pred[technique], n_gold[technique])
    total_pred, total_gold, total_correct = (
        sum(n_pred.values()),
        sum(n_gold.values()),
        sum(correct.values()),
    )
    micro = Prf.of(
        total_correct / total_pred if total_pred else 0.0,
        total_correct / total_gold if total_gold else 0.0,
        total_pred,
        total_gold,
    )
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


def write_si(path: Path, spans: Mapping[str, Sequence[Span]]) -> None:
    """Write ``id<TAB>start<TAB>end`` rows, the official SI submission format."""
    with path.open("w", encoding="utf-8") as handle:
        for article_id in sorted(spans):
            for start, end in sorted(spans[article_id]):
                handle.write(f"{article_id}\t{start}\t{end}\n")


def write_tc(path: Path, rows: Iterable[TcRow]) -> None:
    """Write ``id<TAB>technique<TAB>start<TAB>end`` rows, the official TC submission format."""
    with path.open("w", encoding="utf-8") as handle:
        for article_id, technique, start, end in rows:
            handle.write(f"{article_id}\t{technique}\t{start}\t{end}\n")


@dataclass(frozen=True)
class Rate:
    """Technique findings per 1,000 words over a set of texts, at one threshold."""

    texts: int
    words: int
    findings: int
    outside_quotes: int  #: findings not inside quotation marks (the writer's own words)

    def __add__(self, other: Rate) -> Rate:
        return Rate(
            self.texts + other.texts,
            self.words + other.words,
            self.findings + other.findings,
            self.outside_quotes + other.outside_quotes,
        )

    @property
    def per_1000_words(self) -> float:
        return 1000 * self.findings / self.words if self.words else 0.0

    @property
    def outside_quotes_per_1000_words(self) -> float:
        return 1000 * self.outside_quotes / self.words if self.words else 0.0


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


def finding_rates(
    model: TechniqueModel,
    texts: Sequence[str],
    thresholds: Sequence[float],
    readings: Sequence[Reading] | None = None,
) -> list[Rate]:
    """How many technique findings the analyzer would report on ``texts``, per threshold.

    Each text is read by the encoder once (or ``readings`` are used, in the same order).
    """
    from newsift.analyzers.techniques import labels_for, quoted_ranges, voice_of

    findings = [0] * len(thresholds)
    outside = [0] * len(thresholds)
    for index, text in enumerate(texts):
        reading = readings[index] if readings is not None else model.encoder.read(text)
        quoted = quoted_ranges(text)
        for column, threshold in enumerate(thresholds):
            for prediction in model.predict(text, threshold, reading):
                count = len(labels_for(prediction))
                findings[column] += count
                if voice_of(prediction.start, prediction.end, quoted) == "author":
                    outside[column] += count
    words = sum(len(t.split()) for t in texts)
    return [Rate(len(texts), words, f, o) for f, o in zip(findings, outside, strict=True)]


def evaluate_ptc_folds(
    folds: Sequence[tuple[TechniqueModel, Sequence[PtcArticle]]],
    *,
    neutral_texts: Sequence[str] = (),
    write_predictions: Path | None = None,
) -> PtcEvaluation:
    """Run technique models on PTC articles and score SI and TC the official way.

    ``folds`` pairs each model with the articles it scores: one pair for one model, or, for
    cross-validation, one model per fold with the articles it held out, so every article is
    scored by a model that never saw it. SI and TC are computed over all articles together.
    SI predictions use each model's benchmark threshold (``span_threshold``). TC gives, for
    every gold span, as many labels as the span has gold rows: the model's top ones. Each
    article is read by its model's encoder once. Finding rates are summed over the folds;
    neutral texts are read by the first model only.

    Raises:
        InputError: No article has labels (E082).
    """
    si_pred: dict[str, list[Span]] = {}
    tc_pred: list[TcRow] = []
    gold: list[PtcArticle] = []
    rates: dict[str, Rate] = {}
    for model, articles in folds:
        labelled = [a for a in articles if a.labelled]
        readings = [model.encoder.read(a.text) for a in labelled]
        for article, reading in zip(labelled, readings, strict=True):
            predictions = model.predict(article.text, model.span_threshold, reading)
            si_pred[article.article_id] = [(p.start, p.end) for p in predictions]
            spans = gold_span_counts(article)
            probs = model.classify(article.text, [span for span, _ in spans], reading)
            tc_pred.extend(top_labels(article.article_id, spans, probs))
        thresholds = (model.span_threshold, model.report_threshold)
        ptc = finding_rates(model, [a.text for a in labelled], thresholds, readings)
        for name, rate in zip(("ptc@benchmark", "ptc@report"), ptc, strict=True):
            rates[name] = rates[name] + rate if name in rates else rate
        gold.extend(labelled)
    if not gold:
        raise InputError(Errors.E082, path="the given folder")
    first = folds[0][0]
    if neutral_texts:
        thresholds = (first.span_threshold, first.report_threshold)
        neutral = finding_rates(first, neutral_texts, thresholds)
        rates.update({"neutral@benchmark": neutral[0], "neutral@report": neutral[1]})
    if write_predictions is not None:
        write_predictions.mkdir(parents=True, exist_ok=True)
        write_si(write_predictions / "si.tsv", si_pred)
        write_tc(write_predictions / "tc.tsv", tc_pred)
    si_gold = {a.article_id: list(a.si) for a in gold}
    return PtcEvaluation(
        articles=len(gold),
        si_threshold=first.span_threshold,
        report_threshold=first.report_threshold,
        si=score_si(si_pred, si_gold),
        si_misses=si_misses(si_pred, si_gold),
        tc=score_tc(tc_pred, gold_tc_rows(gold)),
        rates=rates,
        fold_thresholds=(
            tuple((m.span_threshold, m.report_threshold) for m, _ in folds)
            if len(folds) > 1
            else ()
        ),
    )


def _format_misses(misses: SiMisses | None) -> list[str]:
    """The SI misses line of :func:`format_ptc` (none without counts)."""
    if misses is None or not misses.predicted or not misses.gold:
        return []
    return [
        f"    {misses.false_spans} of {misses.predicted} predicted spans "
        f"({misses.false_spans / misses.predicted:.0%}) touch no gold span; "
        f"{misses.missed_spans} of {misses.gold} gold spans "
        f"({misses.missed_spans / misses.gold:.0%}) are touched by no prediction"
    ]


def format_ptc(evaluation: PtcEvaluation) -> str:
    """The evaluation as the text ``newsift eval ptc`` prints."""
    si, tc = evaluation.si, evaluation.tc.micro
    folds = evaluation.fold_thresholds
    threshold = (
        "thresholds " + "/".join(f"{b:.2f}" for b, _ in folds)
        if folds
        else f"threshold {evaluation.si_threshold:.2f}"
    )
    lines = [
        f"PTC articles scored: {evaluation.articles}"
        + (
            f", pooled over {len(folds)} models (each scores only the articles of its own "
            "split; neutral texts are read by the first)"
            if folds
            else ""
        ),
        f"SI  (span identification, {threshold}): "
        f"P {si.precision:.3f}  R {si.recall:.3f}  F1 {si.f1:.3f}  "
        f"({int(si.predicted)} predicted, {int(si.gold)} gold merged spans)",
        *_format_misses(evaluation.si_misses),
        f"TC  (technique classification, gold spans): micro P {tc.precision:.3f}  "
        f"R {tc.recall:.3f}  F1 {tc.f1:.3f}  ({int(tc.gold)} gold rows)",
        "",
        f"{'technique':<38} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}",
    ]
    for technique in TECHNIQUES:
        scores = evaluation.tc.per_technique.get(technique)
        if scores is None:
            continue
        lines.append(
            f"{technique:<38} {scores.precision:>6.3f} {scores.recall:>6.3f} "
            f"{scores.f1:>6.3f} {int(scores.gold):>6}"
        )
    lines += ["", "Technique findings per 1,000 words (calibration; neutral text should stay low):"]
    for name, rate in evaluation.rates.items():
        corpus, _, level = name.partition("@")
        column = 0 if level == "benchmark" else 1
        if folds and corpus == "ptc":
            values = "/".join(f"{pair[column]:.2f}" for pair in folds)
        else:
            values = f"{(evaluation.si_threshold, evaluation.report_threshold)[column]:.2f}"
        lines.append(
            f"  {corpus:<8} at the {level} threshold ({values}): "
            f"{rate.per_1000_words:5.1f} all, {rate.outside_quotes_per_1000_words:5.1f} outside "
            f"quotes  ({rate.findings} findings, {rate.words:,} words, {rate.texts} texts)"
        )
    return "\n".join(lines)
