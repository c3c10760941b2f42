"""The ``newsift_attribution`` spaCy component: runs the rules and writes the findings.

The statements come from :func:`~newsift.analyzers.attribution.extract.extract_attributions`;
this module only wires them to the Doc (``doc.spans["newsift.attribution"]``) and summarises
the sourcing profile of a report.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsift.analyzers.attribution.context import SourceLexicon
from newsift.analyzers.attribution.extract import LEXICON_KEY, Attribution, extract_attributions
from newsift.analyzers.attribution.sources.types import SourceType
from newsift.analyzers.attribution.table import RULE_PRECISION
from newsift.analyzers.base import (
    finding_span,
    register_extensions,
    spacy_model_info,
    spans_key,
)
from newsift.errors import ConfigError, Errors
from newsift.model import Finding, ModelInfo, span_dict

NAME = "attribution"
VERSION = "1.3.0"

#: The source types, in the order the summary lists them.
SOURCE_TYPES: tuple[SourceType, ...] = (
    "named_person",
    "named_organization",
    "anonymous",
    "vague",
    "unknown",
)

#: Default configuration of the spaCy component (kept here, in one place).
DEFAULT_CONFIG: dict[str, Any] = {
    "unattributed_quotes": True,
    "min_quote_words": 4,
}


def attribution_fields(text: str, att: Attribution) -> dict[str, Any]:
    """The finding's ``source``, ``cue`` and ``content`` fields (offsets into ``text``)."""
    if att.source is not None:
        source: dict[str, Any] = span_dict(text, *att.source)
    else:
        source = {"start": None, "end": None, "text": None}
    source.update({"type": att.source_type, "resolved": att.resolved, "role": att.role})
    content = span_dict(text, *att.content)
    if att.content_parts:
        # A split quotation: the pieces without the cue between them ("“A,” she said, “B.”").
        content["parts"] = [span_dict(text, *part) for part in att.content_parts]
    return {
        "source": source,
        "cue": span_dict(text, *att.cue) if att.cue is not None else None,
        "content": content,
    }


class AttributionAnalyzer:
    """Writes ``attribution`` findings to ``doc.spans["newsift.attribution"]``."""

    analyzer_name = NAME
    version = VERSION

    def __init__(
        self, nlp: Language, name: str, unattributed_quotes: bool, min_quote_words: int
    ) -> None:
        register_extensions()
        #: built once from the pipeline, immutable, shared by every document (and thread)
        self.lexicon = SourceLexicon.from_nlp(nlp)
        self.name = name
        self.unattributed_quotes = unattributed_quotes
        self.min_quote_words = min_quote_words
        self._model = spacy_model_info(nlp)

    def models(self) -> list[ModelInfo]:
        return [self._model]

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and not doc.has_annotation("DEP"):
            raise ConfigError(Errors.E062)
        text = doc.text
        spans = []
        # what read the document, so that extract_attributions(doc) later agrees with it
        doc.user_data[LEXICON_KEY] = self.lexicon
        for att in extract_attributions(
            doc,
            unattributed_quotes=self.unattributed_quotes,
            min_quote_words=self.min_quote_words,
            lexicon=self.lexicon,
        ):
            evidence = {
                **att.evidence,
                "model": f"{self._model.name} {self._model.version} parser and ner",
                "score_is": "precision of this rule on PolNeAR train (content Jaccard >= 0.5)",
            }
            spans.append(
                finding_span(
                    doc,
                    att.start,
                    att.end,
                    label=att.source_type,
                    kind="attribution",
                    score=RULE_PRECISION.get(att.rule, 0.5),
                    evidence=evidence,
                    fields=attribution_fields(text, att),
                )
            )
        doc.spans[spans_key(NAME)] = spans
        return doc


@Language.factory(
    "newsift_attribution",
    assigns=["doc.spans"],
    requires=["token.dep", "token.head", "doc.ents"],
    default_config=DEFAULT_CONFIG,
)
def make_attribution_analyzer(
    nlp: Language, name: str, unattributed_quotes: bool, min_quote_words: int
) -> AttributionAnalyzer:
    """spaCy factory: ``nlp.add_pipe("newsift_attribution")``."""
    return AttributionAnalyzer(nlp, name, unattributed_quotes, min_quote_words)


def summarize(findings: list[Finding]) -> dict[str, Any]:
    """``summary.sourcing``: counts by source type, the named share, and distinct sources
    (a pronoun is counted with the source it refers to)."""
    attributions = [f for f in findings if f.kind == "attribution"]
    counts = Counter(f.label for f in attributions)
    named = counts["named_person"] + counts["named_organization"]
    groups: dict[str, dict[str, Any]] = {}
    for f in attributions:
        source = f.fields.get("source") or {}
        if not source.get("text"):
            continue
        resolved = source.get("resolved")
        # A pronoun counts with what it refers to: a named entity ("he" -> "Olena Petrenko")
        # or an unnamed person earlier in the paragraph ("him" -> "a frontline serviceman").
        refers_to = f.evidence.get("source_refers_to")
        key = str(resolved or refers_to or source["text"]).lower()
        group = groups.setdefault(
            key,
            {"text": source["text"], "resolved": resolved, "type": f.label, "citations": 0},
        )
        group["citations"] += 1
    return {
        "sourcing": {
            "counts": {t: counts.get(t, 0) for t in SOURCE_TYPES},
            "named_share": round(named / len(attributions), 3) if attributions else 0.0,
            "sources": sorted(
                groups.values(), key=lambda g: (-g["citations"], str(g["text"]).lower())
            ),
        }
    }
