"""What every newsift analyzer shares: how results ride on a spaCy Doc.

An analyzer is a spaCy pipeline component. It writes its results to
``doc.spans["newsift.<name>"]``; each span carries a :class:`FindingPayload` (kind, score,
evidence, fields). :func:`newsift.findings.doc_to_findings` turns those spans into the flat
:class:`~newsift.model.Finding` records everyone else uses.

Payloads are stored in ``doc.user_data`` under :data:`PAYLOADS_KEY`, indexed by the span's
own ``id`` (which SpanGroups keep). spaCy keys span *extensions* by character offsets only,
so two analyzers marking the same words (an entity and a place, two techniques on one
span) would overwrite each other's values there. ``span._.newsift`` is still offered, as a
read-only getter registered explicitly by :func:`register_extensions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, TypedDict

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsift.model import FindingKind, ModelInfo

#: Name of the read-only span extension that returns a finding's payload.
EXTENSION = "newsift"
#: ``doc.user_data`` key of the list of payloads; a span's ``id`` is its index + 1.
PAYLOADS_KEY = "newsift.payloads"
#: Prefix of the span groups newsift analyzers write.
SPANS_PREFIX = "newsift."


class FindingPayload(TypedDict, total=False):
    """What an analyzer attaches to a span (``span._.newsift``).

    ``start``/``end`` give exact character offsets when they differ from the span's token
    boundaries (a model that predicts character spans); otherwise the span's are used.
    """

    kind: FindingKind
    score: float
    evidence: dict[str, Any]
    fields: dict[str, Any]
    start: int
    end: int


class NewsiftAnalyzer(Protocol):
    """What the pipeline expects of a newsift component, besides being callable on a Doc."""

    analyzer_name: str
    version: str

    def models(self) -> list[ModelInfo]:
        """The models this analyzer loaded (name and version), for the report."""
        ...

    def __call__(self, doc: Doc) -> Doc: ...


def payload_of(span: Span) -> FindingPayload | None:
    """The payload :func:`finding_span` stored for this span, or ``None`` (not a finding)."""
    payloads: list[FindingPayload] = span.doc.user_data.get(PAYLOADS_KEY, [])
    index = span.id - 1
    return payloads[index] if 0 <= index < len(payloads) else None


def register_extensions() -> None:
    """Register the read-only ``span._.newsift`` extension; safe to call more than once."""
    if not Span.has_extension(EXTENSION):
        Span.set_extension(EXTENSION, getter=payload_of)


def spacy_model_info(nlp: Language) -> ModelInfo:
    """Name and version of the spaCy pipeline, as the report lists it (``en_core_web_sm``)."""
    meta = nlp.meta
    return ModelInfo(f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}", meta["version"])


def spans_key(analyzer_name: str) -> str:
    """The ``doc.spans`` key an analyzer writes to."""
    return SPANS_PREFIX + analyzer_name


def finding_span(
    doc: Doc,
    start_char: int,
    end_char: int,
    *,
    label: str,
    kind: FindingKind,
    score: float,
    evidence: Mapping[str, Any],
    fields: Mapping[str, Any] | None = None,
) -> Span:
    """Make a span for a finding at exact character offsets.

    The span covers the tokens that touch ``start_char:end_char``; when those tokens reach
    beyond the offsets, the exact offsets are kept in the payload so the finding's text is
    exactly what the analyzer found. Any number of findings may share the same tokens.
    """
    span = doc.char_span(start_char, end_char, label=label, alignment_mode="expand")
    if span is None:  # offsets inside whitespace only: anchor on the nearest token
        token_i = min(len(doc) - 1, max(0, _token_at(doc, start_char)))
        span = Span(doc, token_i, token_i + 1, label=label)
    payload: FindingPayload = {
        "kind": kind,
        "score": float(score),
        "evidence": dict(evidence),
        "fields": dict(fields or {}),
    }
    if (span.start_char, span.end_char) != (start_char, end_char):
        payload["start"], payload["end"] = start_char, end_char
    payloads: list[FindingPayload] = doc.user_data.setdefault(PAYLOADS_KEY, [])
    payloads.append(payload)
    span.id = len(payloads)
    return span


def _token_at(doc: Doc, char: int) -> int:
    """Index of the last token starting at or before ``char``."""
    index = 0
    for token in doc:
        if token.idx > char:
            break
        index = token.i
    return index
