"""Score time expressions against TimeML gold with the TempEval-3 measures.

Measures (UzZaman et al., 2013, "SemEval-2013 Task 1: TempEval-3"):

- **strict extraction** P/R/F1: a predicted span counts when it has exactly a gold span's
  start and end;
- **relaxed extraction** P/R/F1: a predicted span counts when it overlaps a gold span (each
  gold and each predicted span matched at most once, leftmost first);
- **type accuracy**: over relaxed matches, the share whose type (DATE, TIME, DURATION, SET)
  agrees;
- **value** P/R/F1: a relaxed match counts when the normalised values agree exactly;
  precision over the predictions, recall over the gold (TempEval-3's attribute F1 is the
  same number: relaxed F1 times value accuracy over the matches).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsift.eval.corpora.timex import TimeDocument, TimeSpan
from newsift.eval.metrics import Prf, ratio


@dataclass(frozen=True)
class TimeScores:
    """TempEval-3 scores over a set of documents, with the most frequent value errors."""

    documents: int
    strict: Prf
    relaxed: Prf
    type_accuracy: float
    value: Prf
    value_errors: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        """The scores as plain data (for JSON and the gate)."""
        return {
            "documents": self.documents,
            "strict_f1": round(self.strict.f1, 4),
            "relaxed_f1": round(self.relaxed.f1, 4),
            "type_accuracy": round(self.type_accuracy, 4),
            "value_precision": round(self.value.precision, 4),
            "value_recall": round(self.value.recall, 4),
            "value_f1": round(self.value.f1, 4),
        }


def annotated_prefix(text: str, lines: int | None) -> int:
    """End offset of the first ``lines`` lines of ``text`` (all of it when ``None``)."""
    if lines is None:
        return len(text)
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return len(text)
    return end


def _match(
    gold: Sequence[TimeSpan], predicted: Sequence[TimeSpan]
) -> Iterator[tuple[TimeSpan, TimeSpan]]:
    """Overlapping (gold, predicted) pairs, each span used at most once, leftmost first."""
    used: set[int] = set()
    for g in sorted(gold, key=lambda s: (s.start, s.end)):
        for i, p in enumerate(predicted):
            if i not in used and p.start < g.end and g.start < p.end:
                used.add(i)
                yield g, p
                break


def score_time(
    gold_docs: Sequence[TimeDocument],
    predicted_docs: Sequence[Sequence[TimeSpan]],
    annotated_lines: int | None = None,
) -> TimeScores:
    """TempEval-3 extraction, type and value scores of predictions against gold.

    Args:
        annotated_lines: Only the first N lines of each text were annotated (MEANTIME
            annotates the headline, the date line and the first four sentences: 6):
            predictions after them are not scored.
    """
    strict = relaxed = typed = valued = n_pred = n_gold = 0
    errors: Counter[str] = Counter()
    for doc, all_predicted in zip(gold_docs, predicted_docs, strict=True):
        limit = annotated_prefix(doc.text, annotated_lines)
        predicted = [p for p in all_predicted if p.start < limit]
        n_pred += len(predicted)
        n_gold += len(doc.timexes)
        exact = {(p.start, p.end) for p in predicted}
        strict += sum((g.start, g.end) in exact for g in doc.timexes)
        for g, p in _match(doc.timexes, predicted):
            relaxed += 1
            typed += g.type == p.type
            if g.value is not None and g.value == p.value:
                valued += 1
            else:
                errors[f"{g.value} <- {p.value}"] += 1
    return TimeScores(
        documents=len(gold_docs),
        strict=Prf.from_counts(strict, n_pred, n_gold),
        relaxed=Prf.from_counts(relaxed, n_pred, n_gold),
        type_accuracy=ratio(typed, relaxed),
        value=Prf.from_counts(valued, n_pred, n_gold),
        value_errors=errors,
    )


def findings_to_spans(findings: Iterable[Any]) -> list[TimeSpan]:
    """The time analyzer's findings (kind ``time``) as scored spans."""
    return [
        TimeSpan(f.start, f.end, f.label.upper(), (f.fields or {}).get("value"))
        for f in findings
        if f.kind == "time"
    ]
