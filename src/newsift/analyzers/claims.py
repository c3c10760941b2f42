"""The ``claims`` analyzer: check-worthy factual statements, sentence by sentence.

A small logistic head (``models/claims/claims.onnx``) reads the shared encoder's sentence
embedding (the mean state of the sentence's word pieces, read in the article's context:
:mod:`newsift.encoder`) plus three surface features (a digit, a question mark, length) and
gives the calibrated probability that a sentence states a check-worthy fact: numbers, events,
actions of named actors, not opinions, predictions, framing or reported beliefs
(``docs/claims-guide.md``; trained on ClaimBuster and newsift's news-claims set, calibrated on
held-out debates and news, see ``docs/models.md``). Sentences at or above the shipped
threshold (0.5: more likely check-worthy than not) become ``claim`` findings, linked to the
attribution that carries them and to the entities, numbers, places and times inside them;
the summary ranks them by that probability.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsift.analyzers.base import Analyzer, finding_span, spacy_model_info, span_findings
from newsift.encoder import ENCODER_INFO, FloatArray, reading_of, shared_encoder
from newsift.encoder.session import cpu_session
from newsift.errors import Errors, ModelNotFoundError
from newsift.model import Finding, ModelInfo, span_dict
from newsift.span_index import SpanIndex

NAME = "claims"
VERSION = "1.1.0"
LABEL = "check-worthy"
MODEL_DIR = Path(str(files("newsift") / "models" / "claims"))
#: Sentences with fewer words are headings, datelines or fragments, never claims.
MIN_WORDS = 4
#: Entity labels that carry numbers a fact-checker would verify.
NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
#: How many claims the summary lists.
SUMMARY_TOP = 10
_DIGIT = re.compile(r"\d")


def surface_features(text: str) -> list[float]:
    """The three features the head reads besides the embedding (keep in step with training)."""
    return [
        float(bool(_DIGIT.search(text))),
        float(text.rstrip().endswith("?")),
        min(len(text.split()), 60) / 30,
    ]


@dataclass(frozen=True)
class ClaimHead:
    """The trained head and its decision threshold."""

    session: Any  #: onnxruntime.InferenceSession over [N, 387] features
    threshold: float
    info: ModelInfo

    @classmethod
    def load(cls, model_dir: Path = MODEL_DIR) -> ClaimHead:
        """Load ``claims.onnx`` and ``claims.json`` (threshold, version).

        Raises:
            ModelNotFoundError: A model file is missing (E036).
        """
        for name in ("claims.onnx", "claims.json"):
            if not (model_dir / name).is_file():
                raise ModelNotFoundError(Errors.E036, path=model_dir / name)
        meta = json.loads((model_dir / "claims.json").read_text(encoding="utf-8"))
        session = cpu_session(model_dir / "claims.onnx", threads=1)
        return cls(session, float(meta["threshold"]), ModelInfo(meta["name"], meta["version"]))

    def probabilities(self, embeddings: FloatArray, texts: Sequence[str]) -> FloatArray:
        """P(check-worthy) for each sentence."""
        if not len(texts):
            return np.zeros(0, dtype=np.float32)
        features = np.hstack(
            [embeddings, np.array([surface_features(t) for t in texts], dtype=np.float32)]
        ).astype(np.float32)
        (probs,) = self.session.run(None, {"features": features})
        return np.asarray(probs, dtype=np.float32).reshape(-1)


@cache
def shared_head(model_dir: Path = MODEL_DIR) -> ClaimHead:
    """The head, loaded once per process."""
    return ClaimHead.load(model_dir)


def score_spans(text: str, spans: Sequence[tuple[int, int]]) -> FloatArray:
    """P(check-worthy) for character spans (sentences) of one article, read in it once."""
    reading = shared_encoder().read(text)
    return shared_head().probabilities(reading.pooled(spans), [text[s:e] for s, e in spans])


def score_sentences(texts: Sequence[str]) -> FloatArray:
    """P(check-worthy) for sentences read on their own (``eval checkworthy``; no spaCy)."""
    return shared_head().probabilities(shared_encoder().sentence_embeddings(list(texts)), texts)


def score_in_articles(texts: Sequence[str], articles: Sequence[str]) -> FloatArray:
    """P(check-worthy) for sentences read inside their articles, as the analyzer reads them.

    Each sentence is looked up in ``articles`` (the first one that contains it) and each
    article is read once; a sentence found in none is read on its own.
    """
    encoder = shared_encoder()
    embeddings = np.zeros((len(texts), 384), dtype=np.float32)
    in_article: dict[int, list[int]] = {}
    alone = []
    for row, text in enumerate(texts):
        index = next((i for i, article in enumerate(articles) if text in article), None)
        if index is None:
            alone.append(row)
        else:
            in_article.setdefault(index, []).append(row)
    for index, rows in in_article.items():
        starts = [articles[index].index(texts[row]) for row in rows]
        spans = [(start, start + len(texts[row])) for start, row in zip(starts, rows, strict=True)]
        embeddings[rows] = encoder.read(articles[index]).pooled(spans)
    if alone:
        embeddings[alone] = encoder.sentence_embeddings([texts[row] for row in alone])
    return shared_head().probabilities(embeddings, texts)


def _trimmed(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without surrounding whitespace."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, max(start, sent.start_char + len(text.rstrip()))


@dataclass(frozen=True)
class _Links:
    """What a claim links to, indexed once per article (a scan per claim was quadratic)."""

    entities: SpanIndex[Span]
    places: SpanIndex[str]  #: finding ids
    times: SpanIndex[str]
    contents: SpanIndex[tuple[str, str]]  #: attribution content -> (finding id, source type)

    @classmethod
    def of(cls, doc: Doc) -> _Links:
        def ids(analyzer: str) -> SpanIndex[str]:
            return SpanIndex.of((f.start, f.end, f.id) for f in span_findings(doc, analyzer))

        contents = []
        for found in span_findings(doc, "attribution"):
            content = found.payload.get("fields", {}).get("content") or {}
            if "start" in content and "end" in content:
                contents.append((content["start"], content["end"], (found.id, found.span.label_)))
        return cls(
            entities=SpanIndex.of((e.start_char, e.end_char, e) for e in doc.ents),
            places=ids("places"),
            times=ids("time"),
            contents=SpanIndex.of(contents),
        )

    def attribution(self, start: int, end: int) -> tuple[str | None, str | None]:
        """The id and source type of the attribution whose content overlaps the sentence
        most (the first of equal overlaps)."""
        best: tuple[int, str | None, str | None] = (0, None, None)
        for c_start, c_end, (found, label) in self.contents.overlapping(start, end):
            overlap = min(end, c_end) - max(start, c_start)
            if overlap > best[0]:
                best = (overlap, found, label)
        return best[1], best[2]


def candidate_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences the analyzer scores: at least :data:`MIN_WORDS`
    words, trimmed of surrounding whitespace."""
    return [_trimmed(sent) for sent in doc.sents if sum(t.is_alpha for t in sent) >= MIN_WORDS]


class ClaimAnalyzer(Analyzer):
    """Writes ``claim`` findings to ``doc.spans["newsift.claims"]``."""

    analyzer_name = NAME
    version = VERSION

    def __init__(self, nlp: Language, name: str, threshold: float | None) -> None:
        self.head = shared_head()
        self.encoder = shared_encoder()  # loaded now, so that the first article is not slower
        self.threshold = self.head.threshold if threshold is None else threshold
        super().__init__(name, [spacy_model_info(nlp), ENCODER_INFO, self.head.info])

    def __call__(self, doc: Doc) -> Doc:
        candidates = candidate_sentences(doc)
        text = doc.text  # built anew on every access: read it once
        texts = [text[s:e] for s, e in candidates]
        embeddings = reading_of(doc, self.encoder).pooled(candidates)
        probs = self.head.probabilities(embeddings, texts)
        links = _Links.of(doc)
        self.set_findings(
            doc,
            [
                self._finding(doc, text, links, start, end, float(p))
                for (start, end), p in zip(candidates, probs, strict=True)
                if p >= self.threshold
            ],
        )
        return doc

    def _finding(
        self, doc: Doc, text: str, links: _Links, start: int, end: int, prob: float
    ) -> Span:
        attribution, source_type = links.attribution(start, end)
        ents = links.entities.inside(start, end)
        return finding_span(
            doc,
            start,
            end,
            label=LABEL,
            kind="claim",
            score=round(prob, 3),
            evidence={
                "model": f"{self.head.info.name} {self.head.info.version}",
                "encoder": ENCODER_INFO.name,
                "threshold": self.threshold,
                "score_is": "the calibrated probability that the sentence states a "
                "check-worthy fact (numbers, events, actions of named actors)",
            },
            fields={
                "attribution": attribution,
                "source_type": source_type,
                "numbers": [
                    {**span_dict(text, e.start_char, e.end_char), "label": e.label_}
                    for e in ents
                    if e.label_ in NUMBER_LABELS
                ],
                "entities": [
                    {**span_dict(text, e.start_char, e.end_char), "label": e.label_}
                    for e in ents
                    if e.label_ not in NUMBER_LABELS
                ],
                "places": links.places.inside(start, end),
                "times": links.times.inside(start, end),
            },
        )


@Language.factory(
    "newsift_claims",
    assigns=["doc.spans"],
    requires=["doc.sents", "doc.ents"],
    default_config={"threshold": None},
)
def make_claim_analyzer(nlp: Language, name: str, threshold: float | None) -> ClaimAnalyzer:
    """spaCy factory: ``nlp.add_pipe("newsift_claims")`` (threshold None = the shipped one)."""
    return ClaimAnalyzer(nlp, name, threshold)


def summarize(findings: list[Finding]) -> dict[str, Any]:
    """``summary.claims``: the most check-worthy claims, ranked, with their source type."""
    ranked = sorted(findings, key=lambda f: (-f.score, f.start))[:SUMMARY_TOP]
    return {
        "claims": [
            {
                "text": f.text,
                "start": f.start,
                "end": f.end,
                "score": f.score,
                "source_type": f.fields.get("source_type"),
                "id": f.id,
            }
            for f in ranked
        ]
    }
