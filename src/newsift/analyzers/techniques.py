"""The ``techniques`` analyzer: persuasion-technique spans, named and explained.

A MiniLM token tagger fine-tuned on the PTC corpus (SemEval-2020 Task 11) marks the
characters that carry a persuasion technique; a span head names the technique
(:mod:`newsift.analyzers.technique_model`, model card in ``models/techniques``). Each span
becomes one ``technique`` finding per technique it carries: the most likely one, plus any
other whose probability reaches :data:`SECOND_LABEL_MIN`.

Each finding also says whose words carry the technique (``fields.voice``): ``quoted`` when
most of the span lies inside quotation marks or inside the content of an attribution
(a politician's loaded words, reported), ``author`` otherwise (the article's own voice). A
neutral report that quotes a demagogue shows the techniques as quoted, not as the outlet's.

A finding's ``score`` is the model's probability that this span uses this technique:
P(span is persuasive) × P(technique | span). Its ``evidence`` names the model, gives the
runner-up techniques with their probabilities, and explains the technique in one sentence
(:mod:`newsift.analyzers.technique_glossary`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from newsift.analyzers import technique_model as tm
from newsift.analyzers.attribution import find_quotes
from newsift.analyzers.base import finding_span, payload_of, register_extensions, spans_key
from newsift.analyzers.technique_glossary import TECHNIQUES, display_name, explain
from newsift.encoder import Encoder, Reading, reading_of, shared_encoder
from newsift.errors import Errors, ModelNotFoundError
from newsift.eval.ptc import merge_spans
from newsift.model import Finding, ModelInfo
from newsift.onnx_session import cpu_session
from newsift.settings import onnx_threads

NAME = "techniques"
VERSION = "1.0.0"
MODEL_DIR = Path(str(files("newsift") / "models" / "techniques"))  #: shared with the encoder
MODEL_FILES = ("technique.onnx", "span_head.onnx", "tokenizer.json", "technique.json")
#: A second technique on the same span is reported when its probability reaches this.
SECOND_LABEL_MIN = 0.3
#: How many runner-up techniques the evidence lists.
RUNNERS_UP = 3


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

    @classmethod
    def load(
        cls, model_dir: Path = MODEL_DIR, threads: int | None = None, encoder: Encoder | None = None
    ) -> TechniqueModel:
        """Load the span head and thresholds from ``model_dir`` (and the encoder, unless given).

        Raises:
            ModelNotFoundError: A file is missing (E083).
        """
        for name in MODEL_FILES:
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
        )

    @property
    def tokenizer(self) -> Any:
        """The encoder's tokenizer."""
        return self.encoder.tokenizer

    def technique_probabilities(self, features: tm.FloatArray) -> tm.FloatArray:
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

    def classify(
        self, text: str, spans: Sequence[tuple[int, int]], reading: Reading | None = None
    ) -> tm.FloatArray:
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


def quoted_ranges(text: str, extra: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, plus ``extra`` ranges (attributed content),
    merged into disjoint ranges."""
    return merge_spans([(q.start, q.end) for q in find_quotes(text)] + list(extra))


def voice_of(start: int, end: int, quoted: Sequence[tuple[int, int]]) -> str:
    """``quoted`` when at least half of ``start:end`` lies in ``quoted`` (disjoint) ranges,
    else ``author``."""
    covered = sum(max(0, min(end, q_end) - max(start, q_start)) for q_start, q_end in quoted)
    return "quoted" if 2 * covered >= end - start else "author"


def _attributed_content(doc: Doc) -> list[tuple[int, int]]:
    key = spans_key("attribution")
    ranges = []
    for span in doc.spans.get(key, []):
        content = ((payload_of(span) or {}).get("fields") or {}).get("content") or {}
        if "start" in content and "end" in content:
            ranges.append((int(content["start"]), int(content["end"])))
    return ranges


def labels_for(prediction: SpanPrediction) -> list[tuple[str, float]]:
    """The techniques reported for a span: the top one, and others ≥ SECOND_LABEL_MIN."""
    ranked = prediction.ranked()
    return [ranked[0], *[(label, p) for label, p in ranked[1:] if p >= SECOND_LABEL_MIN]]


class TechniqueAnalyzer:
    """Writes ``technique`` findings to ``doc.spans["newsift.techniques"]``."""

    analyzer_name = NAME
    version = VERSION

    def __init__(self, nlp: Language, name: str, threshold: float | None) -> None:
        register_extensions()
        self.name = name
        self.model = shared_model()
        self.threshold = self.model.report_threshold if threshold is None else threshold

    def models(self) -> list[ModelInfo]:
        return [self.model.info]

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = doc.text  # built anew on every access: read it once
        quoted = quoted_ranges(text, _attributed_content(doc))
        reading = reading_of(doc, self.model.encoder)
        for prediction in self.model.predict(text, self.threshold, reading):
            ranked = prediction.ranked()
            voice = voice_of(prediction.start, prediction.end, quoted)
            for label, probability in labels_for(prediction):
                spans.append(
                    finding_span(
                        doc,
                        prediction.start,
                        prediction.end,
                        label=label,
                        kind="technique",
                        score=round(prediction.span_probability * probability, 3),
                        evidence={
                            "model": f"{self.model.info.name} {self.model.info.version}",
                            "technique": display_name(label),
                            "explanation": explain(label),
                            "span_probability": round(prediction.span_probability, 3),
                            "technique_probability": round(probability, 3),
                            "runners_up": [
                                {"label": other, "score": round(p, 3)}
                                for other, p in ranked
                                if other != label
                            ][:RUNNERS_UP],
                            "threshold": self.threshold,
                            "score_is": "P(span is persuasive) × P(technique | span)",
                        },
                        fields={"voice": voice},
                    )
                )
        doc.spans[spans_key(NAME)] = spans
        return doc


@Language.factory(
    "newsift_techniques",
    assigns=["doc.spans"],
    default_config={"threshold": None},
)
def make_technique_analyzer(nlp: Language, name: str, threshold: float | None) -> TechniqueAnalyzer:
    """spaCy factory: ``nlp.add_pipe("newsift_techniques")`` (threshold None = the shipped one)."""
    return TechniqueAnalyzer(nlp, name, threshold)


def summarize(findings: list[Finding]) -> dict[str, Any]:
    """``summary.techniques``: how often each technique was found (and how often in quotes)."""
    counts = Counter(f.label for f in findings)
    quoted = Counter(f.label for f in findings if f.fields.get("voice") == "quoted")
    return {
        "techniques": [
            {
                "label": label,
                "name": display_name(label),
                "count": count,
                "quoted": quoted[label],
                "explanation": explain(label),
            }
            for label, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
    }
