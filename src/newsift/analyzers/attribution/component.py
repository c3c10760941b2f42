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
from newsift.analyzers.attribution.extract import (
    Attribution,
    extract_attributions,
    remember_lexicon,
)
from newsift.analyzers.attribution.filter import load_filter
from newsift.analyzers.attribution.sources.categories import CATEGORIES
from newsift.analyzers.attribution.sources.types import SourceType
from newsift.analyzers.attribution.table import RULE_PRECISION
from newsift.analyzers.base import Analyzer, finding_span, spacy_model_info
from newsift.analyzers.sourcing import profiled
from newsift.errors import ConfigError, Errors
from newsift.model import Finding, finding_id, span_dict

NAME = "attribution"
VERSION = "1.4.0"

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
    "learned_filter": True,
}


def attribution_fields(text: str, att: Attribution, via: str | None = None) -> dict[str, Any]:
    """The finding's ``source``, ``cue``, ``content``, ``polarity``, ``stance`` and ``via``
    fields (offsets into ``text``; ``via`` is the id of the finding this one is reported
    through)."""
    if att.source is not None:
        source: dict[str, Any] = span_dict(text, *att.source)
    else:
        source = {"start": None, "end": None, "text": None}
    source.update(
        {
            "type": att.source_type,
            "category": att.category,
            "resolved": att.resolved,
            "role": att.role,
        }
    )
    content = span_dict(text, *att.content)
    if att.content_parts:
        # A split quotation: the pieces without the cue between them ("“A,” she said, “B.”").
        content["parts"] = [span_dict(text, *part) for part in att.content_parts]
    return {
        "source": source,
        "cue": span_dict(text, *att.cue) if att.cue is not None else None,
        "content": content,
        "polarity": att.polarity,
        "stance": att.stance,
        "via": via,
    }


class AttributionAnalyzer(Analyzer):
    """Writes ``attribution`` findings to ``doc.spans["newsift.attribution"]``."""

    analyzer_name = NAME
    version = VERSION

    def __init__(
        self,
        nlp: Language,
        name: str,
        unattributed_quotes: bool,
        min_quote_words: int,
        learned_filter: bool = True,
    ) -> None:
        self._model = spacy_model_info(nlp)
        super().__init__(name, [self._model])
        #: built once from the pipeline, immutable, shared by every document (and thread)
        self.lexicon = SourceLexicon.from_nlp(nlp)
        self.unattributed_quotes = unattributed_quotes
        self.min_quote_words = min_quote_words
        #: the learned filter over the rules' attributions, loaded once (None: rules only)
        self.cue_filter = load_filter() if learned_filter else None

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and not doc.has_annotation("DEP"):
            raise ConfigError(Errors.E062)
        text = doc.text
        spans = []
        # what read the document, so that extract_attributions(doc) later agrees with it
        remember_lexicon(doc, self.lexicon)
        found = extract_attributions(
            doc,
            unattributed_quotes=self.unattributed_quotes,
            min_quote_words=self.min_quote_words,
            lexicon=self.lexicon,
            cue_filter=self.cue_filter,
        )
        ids = _finding_ids(found)
        for att in found:
            evidence = {
                **att.evidence,
                "model": f"{self._model.name} {self._model.version} parser and ner",
                "score_is": (
                    "probability from the learned filter over the rules (PolNeAR train), "
                    "that the attribution is real with the right content (Jaccard >= 0.5)"
                    if att.score is not None
                    else "precision of this rule on PolNeAR train (content Jaccard >= 0.5)"
                ),
            }
            via = ids[att.via] if att.via is not None else None
            spans.append(
                finding_span(
                    doc,
                    att.start,
                    att.end,
                    label=att.source_type,
                    kind="attribution",
                    score=att.score if att.score is not None else RULE_PRECISION.get(att.rule, 0.5),
                    evidence=evidence,
                    fields=attribution_fields(text, att, via),
                )
            )
        self.set_findings(doc, spans)
        return doc


def _finding_ids(found: list[Attribution]) -> list[str]:
    """The id each attribution's finding will have (spans with the same offsets and label
    are numbered in order, as :func:`~newsift.analyzers.base.span_findings` numbers them)."""
    seen: dict[tuple[int, int, str], int] = {}
    ids = []
    for att in found:
        key = (att.start, att.end, att.source_type)
        seen[key] = seen.get(key, 0) + 1
        ids.append(finding_id(NAME, att.start, att.end, att.source_type, seen[key]))
    return ids


@Language.factory(
    "newsift_attribution",
    assigns=["doc.spans"],
    requires=["token.dep", "token.head", "doc.ents"],
    default_config=DEFAULT_CONFIG,
)
def make_attribution_analyzer(
    nlp: Language,
    name: str,
    unattributed_quotes: bool,
    min_quote_words: int,
    learned_filter: bool,
) -> AttributionAnalyzer:
    """spaCy factory: ``nlp.add_pipe("newsift_attribution")``."""
    return AttributionAnalyzer(nlp, name, unattributed_quotes, min_quote_words, learned_filter)


def _person_key(f: Finding) -> str:
    """Who a counted source is: the name it resolves to, what a pronoun refers to, or the
    mention itself. A bare surname that the analyzer did not resolve (several people share
    it) keeps its own key, so different people are never merged by surname."""
    source = f.fields.get("source") or {}
    resolved = source.get("resolved")
    refers_to = f.evidence.get("source_refers_to")
    return str(resolved or refers_to or source.get("text")).lower()


def summarize(findings: list[Finding]) -> dict[str, Any]:
    """``summary.sourcing``: counts by source type and category, the named share, and
    distinct sources, over asserted statements only (a pronoun is counted with the source it
    refers to; different people who share a surname stay apart); ``left_out`` says how many
    attributions were not counted and why (negated, declined, unresolved, allegation,
    belief, intention)."""
    profile = profiled(findings)  # the digest and the tables count with the same function
    attributions = profile.counted
    counts = Counter(f.label for f in attributions)
    categories = Counter(
        str((f.fields.get("source") or {}).get("category", "other")) for f in attributions
    )
    groups: dict[str, dict[str, Any]] = {}
    for f in attributions:
        source = f.fields.get("source") or {}
        group = groups.setdefault(
            _person_key(f),
            {
                "text": source["text"],
                "resolved": source.get("resolved"),
                "type": f.label,
                "category": source.get("category", "other"),
                "citations": 0,
            },
        )
        group["citations"] += 1
    return {
        "sourcing": {
            "counts": {t: counts.get(t, 0) for t in SOURCE_TYPES},
            "categories": {c: categories.get(c, 0) for c in CATEGORIES},
            "named_share": round(profile.named_share, 3),
            "sources": sorted(
                groups.values(), key=lambda g: (-g["citations"], str(g["text"]).lower())
            ),
            "left_out": profile.left_out,
        }
    }
