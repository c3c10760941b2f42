"""Check-worthiness evaluation: ClaimBuster CSV or CLEF CheckThat! TSV in, P/R/F1 out.

``newsift eval checkworthy FILE [--write-predictions OUT.tsv]``. FILE is ClaimBuster CSV
(``Sentence_id, Text, …, Verdict``; Verdict 1 = check-worthy, 0 and -1 = not) or a TSV
with ``Sentence_id, Text, class_label`` (Yes/No, the CLEF CheckThat! format). Scores are
for the check-worthy class.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsift.errors import Errors, MalformedInputError


@dataclass(frozen=True)
class LabelledSentence:
    """One evaluation sentence."""

    sentence_id: str
    text: str
    checkworthy: bool


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

    def format(self) -> str:
        """A short table for the terminal."""
        return (
            f"sentences        {self.sentences}\n"
            f"check-worthy P   {self.precision:.3f}\n"
            f"check-worthy R   {self.recall:.3f}\n"
            f"check-worthy F1  {self.f1:.3f}\n"
            f"(TP {self.true_positives}, FP {self.false_positives}, "
            f"FN {self.false_negatives})"
        )


def read_labelled(path: Path) -> list[LabelledSentence]:
    """Read ClaimBuster CSV (Verdict column) or CheckThat! TSV (class_label column).

    Raises:
        MalformedInputError: Neither format's columns are present (E037).
    """
    with path.open(encoding="utf-8", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        delimiter = "\t" if "\t" in first else ","
        csv.field_size_limit(1_000_000)
        rows = list(csv.DictReader(handle, delimiter=delimiter))
    if not rows:
        raise MalformedInputError(Errors.E037, source=path, columns="none")
    columns = set(rows[0])
    if {"Sentence_id", "Text", "Verdict"} <= columns:
        return [
            LabelledSentence(r["Sentence_id"], r["Text"], r["Verdict"].strip() == "1") for r in rows
        ]
    if {"Sentence_id", "Text", "class_label"} <= columns:
        return [
            LabelledSentence(r["Sentence_id"], r["Text"], r["class_label"].strip().lower() == "yes")
            for r in rows
        ]
    raise MalformedInputError(Errors.E037, source=path, columns=", ".join(sorted(columns)))


def binary_scores(gold: Sequence[bool], predicted: Sequence[bool]) -> BinaryScores:
    """P/R/F1 of the positive class."""
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BinaryScores(precision, recall, f1, tp, fp, fn, len(gold))


def evaluate_checkworthy(
    path: Path,
    scorer: Callable[[Sequence[str]], Iterable[float]],
    threshold: float,
    predictions_out: Path | None = None,
) -> BinaryScores:
    """Score every sentence of ``path``, compare with the gold labels, optionally write TSV.

    Args:
        path: ClaimBuster CSV or CheckThat! TSV.
        scorer: Sentences to P(check-worthy) (``newsift.analyzers.claims.score_sentences``).
        threshold: Decision threshold (the analyzer's shipped one).
        predictions_out: Where to write ``Sentence_id<TAB>score<TAB>Yes|No`` rows.
    """
    sentences = read_labelled(path)
    probs = [float(p) for p in scorer([s.text for s in sentences])]
    predicted = [p >= threshold for p in probs]
    if predictions_out is not None:
        predictions_out.parent.mkdir(parents=True, exist_ok=True)
        with predictions_out.open("w", encoding="utf-8") as out:
            for sentence, prob, yes in zip(sentences, probs, predicted, strict=True):
                out.write(f"{sentence.sentence_id}\t{prob:.4f}\t{'Yes' if yes else 'No'}\n")
    return binary_scores([s.checkworthy for s in sentences], predicted)
