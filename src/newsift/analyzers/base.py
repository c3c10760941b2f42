"""What every newsift analyzer shares: how results ride on a spaCy Doc.

An analyzer is a spaCy pipeline component (:class:`Analyzer` is its base, as spaCy's
``Pipe`` is for spaCy's own). It writes its results to ``doc.spans["newsift.<name>"]``;
each span carries a :class:`FindingPayload` (kind, score, evidence, fields) of plain JSON
data. :func:`newsift.findings.doc_to_findings` turns those spans into the flat
:class:`~newsift.model.Finding` records everyone else uses, and :func:`span_findings` gives
each span its finding's id, so analyzers that link to other findings use the same ids.

Only plain data goes into ``doc.user_data`` (the payloads, the publication date), so a Doc
newsift analysed can be serialised (``doc.to_bytes()``, ``DocBin(store_user_data=True)``,
``nlp.pipe(texts, n_process=2)``); live state stays in the components.

Payloads are stored in ``doc.user_data`` under :data:`PAYLOADS_KEY`, indexed by the span's
own ``id`` (which SpanGroups keep). spaCy keys span *extensions* by character offsets only,
so two analyzers marking the same words (an entity and a place, two techniques on one
span) would overwrite each other's values there. ``span._.newsift`` is still offered, as a
read-only getter registered explicitly by :func:`register_extensions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypedDict

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsift.model import FindingKind, ModelInfo, finding_id

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


class Analyzer:
    """Base of newsift's analyzers: name, version, models and where findings go.

    A subclass sets :attr:`analyzer_name` and :attr:`version`, calls
    ``super().__init__(name, models)`` once its models are loaded, and in ``__call__``
    makes spans with :func:`finding_span` and stores them with :meth:`set_findings`.

    Args:
        name: The component's name in the spaCy pipeline.
        models: The models it loaded (name and version), for the report.
    """

    analyzer_name: ClassVar[str]  #: the name users give to --only/--skip
    version: ClassVar[str]  #: the analyzer's own version, in ``newsift analyzers``

    def __init__(self, name: str, models: Sequence[ModelInfo] = ()) -> None:
        register_extensions()
        self.name = name
        self._models = list(models)

    def models(self) -> list[ModelInfo]:
        """The models this analyzer loaded (name and version), for the report."""
        return list(self._models)

    def set_findings(self, doc: Doc, spans: Iterable[Span]) -> None:
        """Store this analyzer's finding spans in ``doc.spans["newsift.<analyzer_name>"]``."""
        doc.spans[spans_key(self.analyzer_name)] = list(spans)

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError


def payload_of(span: Span) -> FindingPayload | None:
    """The payload :func:`finding_span` stored for this span, or ``None`` (not a finding)."""
    payloads: list[FindingPayload] = span.doc.user_data.get(PAYLOADS_KEY, [])
    index = span.id - 1
    return payloads[index] if 0 <= index < len(payloads) else None


def plain(value: Any) -> Any:
    """``value`` as JSON data: tuples become lists, all the way down.

    A payload read back from a ``DocBin`` (or a Doc sent from another process) holds tuples
    where the analyzer wrote lists; findings are the same either way.
    """
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


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


@dataclass(frozen=True)
class SpanFinding:
    """A finding span of one analyzer with its payload, exact offsets and id."""

    analyzer: str
    span: Span
    payload: FindingPayload
    start: int  #: exact start offset (the payload's, else the span's)
    end: int
    ordinal: int  #: 1 + earlier spans of the analyzer with the same offsets and label

    @property
    def id(self) -> str:
        """The finding's id (:func:`newsift.model.finding_id`)."""
        return finding_id(self.analyzer, self.start, self.end, self.span.label_, self.ordinal)


def span_findings(doc: Doc, analyzer: str) -> Iterator[SpanFinding]:
    """The finding spans an analyzer wrote to ``doc.spans``, in its order, with their ids.

    Spans without a payload (written by someone else's code) are skipped: a finding
    without evidence is not a finding. Spans with the same offsets and label are numbered
    in the group's order, which is their reading order among themselves (findings are
    sorted stably), so ids are unique and the same on every run.
    """
    key = spans_key(analyzer)
    if key not in doc.spans:
        return
    seen: dict[tuple[int, int, str], int] = {}
    for span in doc.spans[key]:
        payload = payload_of(span)
        if payload is None:
            continue
        start = payload.get("start", span.start_char)
        end = payload.get("end", span.end_char)
        ordinal = seen[start, end, span.label_] = seen.get((start, end, span.label_), 0) + 1
        yield SpanFinding(analyzer, span, payload, start, end, ordinal)


def _token_at(doc: Doc, char: int) -> int:
    """Index of the last token starting at or before ``char``."""
    index = 0
    for token in doc:
        if token.idx > char:
            break
        index = token.i
    return index
