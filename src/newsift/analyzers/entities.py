"""The ``entities`` analyzer: named entities from spaCy's NER, as evidence findings.

Score: spaCy's small English NER is greedy and gives no per-span probability, so each
finding's score is the pipeline's own published precision for that entity label
(``nlp.meta["performance"]["ents_per_type"]``, measured by spaCy on OntoNotes 5). The
evidence says so; it is the honest figure a reader can use.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsift.analyzers.base import Analyzer, finding_span, spacy_model_info
from newsift.model import Finding

NAME = "entities"
VERSION = "1.0.0"
#: Named-entity labels reported by default; dates, times and numbers belong to the
#: time and claim analyzers.
DEFAULT_LABELS: tuple[str, ...] = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)


def looks_like_a_name(ent: Span) -> bool:
    """Whether an entity is written like a name: it has a capital letter, or it is a
    social-media handle ("@ramzpaul"). The small NER now and then tags a common word
    ("serviceman" PERSON, "n’t" GPE, "charlatan" GPE): about 0.5% of its entities in news
    copy, and none of them names anything."""
    return any(ch.isupper() for ch in ent.text) or ent.text.startswith("@")


class EntityAnalyzer(Analyzer):
    """Turns ``doc.ents`` into ``entity`` findings in ``doc.spans["newsift.entities"]``."""

    analyzer_name = NAME
    version = VERSION

    def __init__(self, nlp: Language, name: str, labels: list[str]) -> None:
        self._model = spacy_model_info(nlp)
        super().__init__(name, [self._model])
        self.labels = frozenset(labels)
        performance = nlp.meta.get("performance", {}).get("ents_per_type", {})
        self._precision: dict[str, float] = {
            label: float(scores.get("p", 0.5)) for label, scores in performance.items()
        }

    def __call__(self, doc: Doc) -> Doc:
        self.set_findings(
            doc,
            [
                finding_span(
                    doc,
                    ent.start_char,
                    ent.end_char,
                    label=ent.label_,
                    kind="entity",
                    score=round(self._precision.get(ent.label_, 0.5), 3),
                    evidence={
                        "model": f"{self._model.name} {self._model.version} ner",
                        "rule": "spaCy named-entity recognizer",
                        "score_is": "the model's published precision for this label (OntoNotes 5)",
                    },
                )
                for ent in doc.ents
                if ent.label_ in self.labels and looks_like_a_name(ent)
            ],
        )
        return doc


@Language.factory(
    "newsift_entities",
    assigns=["doc.spans"],
    requires=["doc.ents"],
    default_config={"labels": list(DEFAULT_LABELS)},
)
def make_entity_analyzer(nlp: Language, name: str, labels: list[str]) -> EntityAnalyzer:
    """spaCy factory: ``nlp.add_pipe("newsift_entities")``."""
    return EntityAnalyzer(nlp, name, labels)


def summarize(findings: list[Finding]) -> dict[str, Any]:
    """``summary.entities``: distinct entities with their label and how often they occur."""
    counts = Counter((f.text, f.label) for f in findings)
    return {
        "entities": [
            {"text": text, "label": label, "count": count}
            for (text, label), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
    }
