"""What a report shows of the technique model's spans: no titles of works, calibrated scores.

Two steps stand between the decoded spans (:meth:`.heads.TechniqueModel.predict`) and the
findings, and every caller takes both through :meth:`.heads.TechniqueModel.report` (the
component, ``newsift eval ptc`` and its finding rates), so a text gives the same findings
everywhere:

- **Titles of works.** News puts the titles of films, books and shows in quotation marks; the
  model, trained on opinion pieces, reads some of them ("Fantastic Beasts", "The Lost City")
  as loaded language. A span that lies at least half inside a title
  (:func:`newsift.text.works.work_titles`) is dropped; one that only touches a title keeps its
  words outside it.
- **Calibration.** A finding's score is the probability that it is right: that at least half
  of its characters lie in gold spans of its technique. Platt scaling, fitted on PTC articles
  the model never trained on (``newsift train techniques-calibration``), turns the model's raw
  score (P(span) × P(technique | span)) into that probability.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsift.analyzers.techniques.model import MIN_SPAN_CHARS, widen_to_words
from newsift.text.quotes import find_quotes
from newsift.text.works import work_titles

if TYPE_CHECKING:
    from newsift.analyzers.techniques.heads import SpanPrediction

#: The calibration file of a technique model folder (optional: without it scores stay raw).
CALIBRATION_FILE = "calibration.json"


def title_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the titles of works in quotes, marks included."""
    return [(q.start, q.end) for q in work_titles(text, find_quotes(text))]


def _outside(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``start:end`` outside ``ranges`` (sorted, disjoint)."""
    parts, cursor = [], start
    for r_start, r_end in ranges:
        if r_end <= cursor or r_start >= end:
            continue
        if r_start > cursor:
            parts.append((cursor, r_start))
        cursor = max(cursor, r_end)
    if cursor < end:
        parts.append((cursor, end))
    return parts


def outside_titles(
    text: str,
    predictions: Sequence[SpanPrediction],
    titles: Sequence[tuple[int, int]] | None = None,
) -> list[SpanPrediction]:
    """``predictions`` without the titles of works in quotes.

    A span with at least half of its characters inside titles is dropped; a span that
    overlaps a title less keeps its longest part outside titles, trimmed to whole words.
    """
    titles = sorted(title_ranges(text) if titles is None else titles)
    if not titles:
        return list(predictions)
    kept = []
    for prediction in predictions:
        parts = _outside(prediction.start, prediction.end, titles)
        outside = sum(end - start for start, end in parts)
        if 2 * outside <= prediction.end - prediction.start:
            continue
        if outside == prediction.end - prediction.start:
            kept.append(prediction)
            continue
        start, end = max(parts, key=lambda part: part[1] - part[0])
        start, end = widen_to_words(text, start, end)
        if end - start >= MIN_SPAN_CHARS and _outside(start, end, titles) == [(start, end)]:
            kept.append(replace(prediction, start=start, end=end))
    return kept


@dataclass(frozen=True)
class Calibration:
    """A monotone map from a finding's raw score to the probability that it is right.

    Platt scaling on the raw score's logit: P = sigmoid(slope · logit(raw) + intercept). Two
    numbers fitted on a few hundred findings, smooth, and never certain (an isotonic map fitted
    on as few findings put some at exactly 0 or 1). Without them: the identity.
    """

    slope: float | None = None
    intercept: float = 0.0
    fitted_on: str = ""

    def __call__(self, raw: float) -> float:
        """The calibrated probability of a raw score."""
        if self.slope is None:
            return raw
        clipped = min(max(raw, 1e-4), 1 - 1e-4)
        z = self.slope * math.log(clipped / (1 - clipped)) + self.intercept
        return 1 / (1 + math.exp(-z))

    @property
    def fitted(self) -> bool:
        """Whether the map was fitted (else it is the identity)."""
        return self.slope is not None

    @classmethod
    def load(cls, model_dir: Path) -> Calibration:
        """The calibration of a model folder; the identity when it has none."""
        path = model_dir / CALIBRATION_FILE
        if not path.is_file():
            return cls()
        meta = json.loads(path.read_text(encoding="utf-8"))
        return cls(float(meta["slope"]), float(meta["intercept"]), str(meta.get("fitted_on", "")))
