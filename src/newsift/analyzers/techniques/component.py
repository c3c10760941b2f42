"""The ``techniques`` analyzer: persuasion-technique spans, named and explained.

A MiniLM token tagger fine-tuned on the PTC corpus (SemEval-2020 Task 11) marks the
characters that carry a persuasion technique; a span head names the technique
(:mod:`.model`, :mod:`.heads`, model card in ``models/techniques``). Each span
becomes one ``technique`` finding per technique it carries: the most likely one, plus any
other whose probability reaches :data:`SECOND_LABEL_MIN`.

Each finding also says whose words carry the technique (``fields.voice``): ``quoted`` when
most of the span lies inside quotation marks or inside the content of an attribution
(a politician's loaded words, reported), ``author`` otherwise (the article's own voice). A
neutral report that quotes a demagogue shows the techniques as quoted, not as the outlet's.

A finding's ``score`` is the calibrated probability that it is right
(:mod:`.reporting`), from the model's raw score P(span is persuasive) × P(technique | span),
which the evidence keeps as ``raw_score``. Titles of films, books and shows in quotes are
never findings. The ``evidence`` names the model, gives the runner-up techniques with their
probabilities, and explains the technique in one sentence (:mod:`.glossary`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsift.analyzers.base import Analyzer, finding_span, payload_of, spans_key
from newsift.analyzers.techniques.glossary import display_name, explain
from newsift.analyzers.techniques.heads import SpanPrediction, shared_model
from newsift.encoder import reading_of
from newsift.model import Finding
from newsift.text.quotes import find_quotes
from newsift.text.spans import merge_spans

NAME = "techniques"
VERSION = "1.0.0"
#: A second technique on the same span is reported when its probability reaches this.
SECOND_LABEL_MIN = 0.3
#: How many runner-up techniques the evidence lists.
RUNNERS_UP = 3
#: What a calibrated score means (evidence.score_is).
SCORE_IS = (
    "the probability that the finding is right (at least half of its words carry this "
    "technique), calibrated on PTC articles the model never trained on"
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


class TechniqueAnalyzer(Analyzer):
    """Writes ``technique`` findings to ``doc.spans["newsift.techniques"]``."""

    analyzer_name = NAME
    version = VERSION

    def __init__(self, nlp: Language, name: str, threshold: float | None) -> None:
        self.model = shared_model()
        super().__init__(name, [self.model.info])
        self.threshold = self.model.report_threshold if threshold is None else threshold

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = doc.text  # built anew on every access: read it once
        quoted = quoted_ranges(text, _attributed_content(doc))
        reading = reading_of(doc, self.model.encoder)
        for prediction in self.model.report(text, self.threshold, reading):
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
                        score=round(self.model.score(prediction, probability), 3),
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
                            "raw_score": round(prediction.span_probability * probability, 3),
                            "threshold": self.threshold,
                            "score_is": SCORE_IS
                            if self.model.calibration.fitted
                            else "P(span is persuasive) × P(technique | span)",
                        },
                        fields={"voice": voice},
                    )
                )
        self.set_findings(doc, spans)
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
