"""The technique model as it runs: the shared encoder's token head, the span head and their
thresholds.

The shipped heads live in ``models/techniques`` and read the shared encoder
(``models/encoder``, :mod:`newsift.encoder`). A folder written by ``newsift train techniques``
holds all four files (:data:`MODEL_FILES`), its own encoder included.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from newsift.analyzers.techniques import model as tm
from newsift.analyzers.techniques.glossary import TECHNIQUES
from newsift.analyzers.techniques.reporting import Calibration, outside_titles
from newsift.encoder import Encoder, Reading, shared_encoder
from newsift.encoder import windows as ew
from newsift.encoder.session import cpu_session
from newsift.errors import Errors, ModelNotFoundError
from newsift.model import ModelInfo
from newsift.settings import onnx_threads

#: Folder of the shipped span head and thresholds (the encoder is in ``models/encoder``).
MODEL_DIR = Path(str(files("newsift") / "models" / "techniques"))
#: Files of a trained technique model folder: its encoder (with the token head), span head,
#: tokenizer and thresholds, in the order they are checked.
MODEL_FILES = ("technique.onnx", "span_head.onnx", "tokenizer.json", "technique.json")
#: The files of a model folder whose encoder is given (the shipped one).
HEAD_FILES = ("span_head.onnx", "technique.json")


@dataclass(frozen=True)
class SpanPrediction:
    """A predicted technique span: characters, P(persuasive) and P(technique | span)."""

    start: int
    end: int
    span_probability: float
    technique_probabilities: tuple[float, ...]  #: in :data:`TECHNIQUES` order

    def ranked(self) -> list[tuple[str, float]]:
        """Techniques from most to least likely."""
        pairs = zip(TECHNIQUES, self.technique_probabilities, strict=True)
        return sorted(pairs, key=lambda pair: -pair[1])


@dataclass(frozen=True)
class TechniqueModel:
    """The shared encoder's token head plus the span head, with their thresholds."""

    encoder: Encoder  #: the shared encoder (its token head marks persuasive pieces)
    span_head: Any  #: onnxruntime.InferenceSession: span features -> probabilities
    span_threshold: float  #: P(persuasive) to start a span, benchmark (best SI F1 on validation)
    grow_threshold: float  #: P(persuasive) over which a started span grows
    report_threshold: float  #: P(persuasive) to start a span in reports (see the model card)
    info: ModelInfo
    #: Raw finding score -> P(finding is right); the identity when the folder has none.
    calibration: Calibration = field(default_factory=Calibration)

    @classmethod
    def load(
        cls, model_dir: Path = MODEL_DIR, threads: int | None = None, encoder: Encoder | None = None
    ) -> TechniqueModel:
        """Load the span head and thresholds from ``model_dir`` (and the encoder, unless given).

        The encoder is read from ``model_dir`` too, except for the shipped heads
        (:data:`MODEL_DIR`), which read the shipped encoder (``models/encoder``).

        Raises:
            ModelNotFoundError: A file is missing (E083).
        """
        if encoder is None and model_dir.resolve() == MODEL_DIR.resolve():
            encoder = Encoder.load(threads=threads)
        for name in MODEL_FILES if encoder is None else HEAD_FILES:
            if not (model_dir / name).is_file():
                raise ModelNotFoundError(Errors.E083, path=model_dir / name)
        meta = json.loads((model_dir / "technique.json").read_text(encoding="utf-8"))
        head = cpu_session(model_dir / "span_head.onnx", threads)
        span_threshold = float(meta["si_threshold"])
        return cls(
            encoder=encoder or Encoder.load(model_dir, threads),
            span_head=head,
            span_threshold=span_threshold,
            grow_threshold=float(meta.get("si_grow", span_threshold)),
            report_threshold=float(meta.get("report_threshold", span_threshold)),
            info=ModelInfo(meta["name"], meta["version"]),
            calibration=Calibration.load(model_dir),
        )

    @property
    def tokenizer(self) -> Any:
        """The encoder's tokenizer."""
        return self.encoder.tokenizer

    def technique_probabilities(self, features: ew.FloatArray) -> ew.FloatArray:
        """P(technique | span) for each row of span features."""
        if not len(features):
            return np.zeros((0, len(TECHNIQUES)), dtype=np.float32)
        (probs,) = self.span_head.run(None, {"features": features.astype(np.float32)})
        return np.asarray(probs, dtype=np.float32)

    def predict(
        self, text: str, threshold: float | None = None, reading: Reading | None = None
    ) -> list[SpanPrediction]:
        """Technique spans of ``text`` at ``threshold`` (default: the report threshold).

        ``reading`` is the encoder's reading of ``text`` when the caller already has it.
        """
        reading = reading or self.encoder.read(text)
        span_probs = tm.sigmoid(reading.logits[:, 0])
        cut = self.report_threshold if threshold is None else threshold
        spans = tm.decode_spans(text, reading.pieces, span_probs, cut, self.grow_threshold)
        repeats = tm.repeat_counter(text)
        features = [
            tm.span_features(reading.states, first, last, repeats(start, end))
            for start, end, _, first, last in spans
        ]
        probs = self.technique_probabilities(
            np.stack(features) if features else np.zeros((0, tm.SPAN_FEATURES), np.float32)
        )
        return [
            SpanPrediction(start, end, score, tuple(float(p) for p in row))
            for (start, end, score, _, _), row in zip(spans, probs, strict=True)
        ]

    def report(
        self, text: str, threshold: float | None = None, reading: Reading | None = None
    ) -> list[SpanPrediction]:
        """The spans a report shows: :meth:`predict` at ``threshold`` (default: the report
        threshold) without titles of works in quotes (:func:`.reporting.outside_titles`)."""
        return outside_titles(text, self.predict(text, threshold, reading))

    def score(self, prediction: SpanPrediction, probability: float) -> float:
        """A finding's calibrated score: P(it is right), from P(span) × P(technique | span)."""
        return self.calibration(prediction.span_probability * probability)

    def classify(
        self, text: str, spans: Sequence[tuple[int, int]], reading: Reading | None = None
    ) -> ew.FloatArray:
        """P(technique | span) for given character spans (the TC task), one row each."""
        reading = reading or self.encoder.read(text)
        return self.technique_probabilities(
            tm.span_feature_rows(text, reading.pieces, reading.states, spans)
        )


@cache
def shared_model(model_dir: Path = MODEL_DIR) -> TechniqueModel:
    """The technique model, loaded once per process."""
    return TechniqueModel.load(
        model_dir,
        threads=onnx_threads(),
        encoder=shared_encoder() if model_dir == MODEL_DIR else None,
    )
