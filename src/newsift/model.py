"""The plain, serialisable data model: Article, Finding, Report.

Offsets are the contract: for every finding, and every sub-span inside a finding
(any mapping with ``start``, ``end`` and ``text``), ``article.text[start:end] == text``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, cast

FindingKind = Literal["attribution", "technique", "claim", "entity", "place", "time", "flag"]
FINDING_KINDS: tuple[FindingKind, ...] = (
    "attribution",
    "technique",
    "claim",
    "entity",
    "place",
    "time",
    "flag",
)


def text_id(text: str) -> str:
    """A stable id for an article without one: the first 16 hex digits of SHA-1 of its text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class Dateline:
    """The dateline that opens a wire or newspaper story (``KYIV (Reuters) —``).

    Attributes:
        place: The place as written (``KYIV``, ``LOS ANGELES``, ``Kyiv, Ukraine``).
        agency: The news agency in brackets (``Reuters``, ``AP``), if given.
        start: Start character offset of the whole dateline in ``Article.text``.
        end: End offset (exclusive), after the dash that closes it.
    """

    place: str
    agency: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The ``article.dateline`` object of the report JSON."""
        return {"place": self.place, "agency": self.agency, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Dateline:
        """Inverse of :meth:`to_dict`."""
        return cls(data["place"], data.get("agency"), int(data["start"]), int(data["end"]))


@dataclass(frozen=True)
class IngestNotice:
    """A coded warning about how an article was read (``W170`` …), kept in its report."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class RemovedText:
    """A piece of the input left out of the analysed text, and the rule that left it out."""

    rule: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "text": self.text}


@dataclass(frozen=True)
class IngestInfo:
    """How the reader got an article's text: what it used, left out and warned about.

    Attributes:
        text_from: ``extracted`` (the HTML extractor), ``json-ld`` (the page's structured
            data, ``articleBody``), or ``input`` (the text as given).
        notices: Coded warnings (also printed on stderr while reading).
        removed: Boilerplate left out of the text (bylines, credits, promos …), the first
            :data:`MAX_REMOVED_SHOWN` of them.
        removed_count: How many pieces were left out in all.
        item: For a page of several items (letters, live-blog updates), this item's number.
        items: How many items the page held.
        items_from: How the items were recognised (``json-ld-live-blog``,
            ``article-elements``, ``letter-signatures``).
    """

    text_from: str = "input"
    notices: tuple[IngestNotice, ...] = ()
    removed: tuple[RemovedText, ...] = ()
    removed_count: int = 0
    item: int | None = None
    items: int | None = None
    items_from: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The ``article.ingest`` object of the report JSON."""
        return {
            "text_from": self.text_from,
            "notices": [n.to_dict() for n in self.notices],
            "removed": [r.to_dict() for r in self.removed],
            "removed_count": self.removed_count,
            "item": self.item,
            "items": self.items,
            "items_from": self.items_from,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> IngestInfo:
        """Inverse of :meth:`to_dict`."""
        return cls(
            text_from=data.get("text_from", "input"),
            notices=tuple(IngestNotice(n["code"], n["message"]) for n in data.get("notices", ())),
            removed=tuple(RemovedText(r["rule"], r["text"]) for r in data.get("removed", ())),
            removed_count=int(data.get("removed_count", 0)),
            item=data.get("item"),
            items=data.get("items"),
            items_from=data.get("items_from"),
        )


#: Most removed pieces an article's ``ingest.removed`` lists (the count covers them all).
MAX_REMOVED_SHOWN = 50


@dataclass(frozen=True)
class Article:
    """One article, as the readers deliver it and the report shows it.

    Attributes:
        text: The article body (the title is kept apart, in ``title``).
        id: A stable identifier; derived from the text when the input has none.
        title: Headline, if known.
        url: Where the article was published, if known.
        outlet: The publishing outlet, if known.
        published: Publication date, if known; time-relative findings resolve against it.
        language: ISO 639-1 code, set once the language has been detected.
        source: Where newsift read it from (``path``, ``path:line`` or ``-``).
        published_at: Publication time with time of day (and zone, when given), if the
            input has one; ``published`` is its date. The corpus orders copies by it.
        author: The author (byline), if known: from the input, the page's structured data,
            its author meta tags or its byline line.
        dateline: The dateline opening the text (place, agency, offsets), if it has one.
        ingest: How the reader got the text (its source, what was left out, warnings);
            ``None`` when nothing was done to it.
    """

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    source: str | None = None
    published_at: dt.datetime | None = None
    author: str | None = None
    dateline: Dateline | None = None
    ingest: IngestInfo | None = None

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", text_id(self.text))

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        source: str,
        title: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
        published: dt.date | str | None = None,
    ) -> Article:
        """An article from a text and metadata a person gave (``newsift.analyze``, the web
        form and JSON API): the one way to build one outside the readers.

        The text is kept as given (offsets point into it); blank metadata counts as unknown
        and the rest is stripped; ``published`` may be a date or ``YYYY-MM-DD``.

        Raises:
            ConfigError: ``published`` is not an ISO date (E016).
        """

        def given(value: str | None) -> str | None:
            return value.strip() or None if value is not None else None

        return cls(
            text=text,
            title=given(title),
            url=given(url),
            outlet=given(outlet),
            published=parse_date(published),
            source=source,
        )

    def with_overrides(self, **changes: Any) -> Article:
        """A copy with the given fields replaced; ``None`` values leave a field as it is."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_dict(self) -> dict[str, Any]:
        """The ``article`` object of the report JSON."""
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "source": self.source,
            "author": self.author,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "ingest": self.ingest.to_dict() if self.ingest else None,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`."""
        published = data.get("published")
        return cls(
            text=data["text"],
            id=data.get("id") or "",
            title=data.get("title"),
            url=data.get("url"),
            outlet=data.get("outlet"),
            published=dt.date.fromisoformat(published) if published else None,
            language=data.get("language"),
            source=data.get("source"),
            author=data.get("author"),
            dateline=Dateline.from_dict(data["dateline"]) if data.get("dateline") else None,
            ingest=IngestInfo.from_dict(data["ingest"]) if data.get("ingest") else None,
        )


def span_dict(text: str, start: int, end: int) -> dict[str, Any]:
    """A sub-span as it appears inside a finding: ``{"start", "end", "text"}``.

    Args:
        text: The whole article text the offsets point into.
        start: Start character offset.
        end: End character offset (exclusive).
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} lies outside a text of length {len(text)}")
    return {"start": start, "end": end, "text": text[start:end]}


#: Separates a finding id from its ordinal (see :func:`finding_id`).
ORDINAL_MARK = "#"


def finding_id(analyzer: str, start: int, end: int, label: str, ordinal: int = 1) -> str:
    """The id of a finding, for links between findings: ``analyzer:start-end:label``.

    Two findings of one analyzer can share span and label (two attributions of the same
    words); the second one's id ends in ``#2``, the third's in ``#3``, in reading order,
    so every id in a report is unique and the same on every run.
    """
    base = f"{analyzer}:{start}-{end}:{label}"
    return base if ordinal == 1 else f"{base}{ORDINAL_MARK}{ordinal}"


def ordinal_in(identifier: str, analyzer: str, start: int, end: int, label: str) -> int:
    """The ordinal :func:`finding_id` put in ``identifier`` (1 when it has none)."""
    base = finding_id(analyzer, start, end, label)
    rest = identifier[len(base) :] if identifier.startswith(base) else ""
    digits = rest[len(ORDINAL_MARK) :]
    return int(digits) if rest.startswith(ORDINAL_MARK) and digits.isdigit() else 1


@dataclass(frozen=True)
class Finding:
    """One piece of evidence: a span of the article, a label, a score and the reason.

    Attributes:
        kind: What sort of finding (see :data:`FINDING_KINDS`).
        label: The class within the kind (``PERSON``, ``anonymous``, ``Loaded_Language`` …).
        start: Start character offset into ``Article.text``.
        end: End character offset (exclusive).
        text: ``Article.text[start:end]``.
        score: Confidence in 0..1; its meaning is stated in ``evidence``.
        analyzer: Name of the analyzer that produced it.
        evidence: Which rule, model or gazetteer entry fired, and why.
        fields: Kind-specific fields (an attribution's ``source``, ``cue``, ``content`` …);
            they appear at the top level of the finding's JSON.
        ordinal: 1 for the first finding of this analyzer with this span and label, 2 for
            the second … in reading order (see :func:`finding_id`).
    """

    kind: FindingKind
    label: str
    start: int
    end: int
    text: str
    score: float
    analyzer: str
    evidence: Mapping[str, Any]
    fields: Mapping[str, Any] = field(default_factory=dict)
    ordinal: int = 1

    @property
    def id(self) -> str:
        """A stable, readable identifier, unique in its report, that other findings can
        refer to."""
        return finding_id(self.analyzer, self.start, self.end, self.label, self.ordinal)

    def to_dict(self) -> dict[str, Any]:
        """The finding as it appears in the report's ``findings`` list."""
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "analyzer": self.analyzer,
            "evidence": dict(self.evidence),
            **self.fields,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Inverse of :meth:`to_dict`."""
        common = {"id", "kind", "label", "start", "end", "text", "score", "analyzer", "evidence"}
        return cls(
            kind=cast(FindingKind, data["kind"]),
            label=data["label"],
            start=data["start"],
            end=data["end"],
            text=data["text"],
            score=data["score"],
            analyzer=data["analyzer"],
            evidence=data.get("evidence", {}),
            fields={k: v for k, v in data.items() if k not in common},
            ordinal=ordinal_in(
                str(data.get("id", "")), data["analyzer"], data["start"], data["end"], data["label"]
            ),
        )


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in reading order: by start, longer spans first, then kind and label."""
    return sorted(findings, key=lambda f: (f.start, -f.end, f.kind, f.label, f.analyzer))


def iter_subspans(value: Any) -> Iterator[Mapping[str, Any]]:
    """Yield every nested mapping that looks like a span (has start, end and text)."""
    if isinstance(value, Mapping):
        if {"start", "end", "text"} <= value.keys() and isinstance(value["start"], int):
            yield value
        for item in value.values():
            yield from iter_subspans(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from iter_subspans(item)


def offset_violations(report: Mapping[str, Any]) -> list[str]:
    """Every finding or sub-span of a report (as JSON data) whose ``text`` is not the slice
    of the article text its offsets point to: the offset contract, checked."""
    text = report["article"]["text"]
    problems = []
    for finding in report["findings"]:
        for span in iter_subspans(finding):
            start, end = span["start"], span["end"]
            if not (0 <= start <= end <= len(text)) or text[start:end] != span["text"]:
                problems.append(
                    f"{finding.get('id', finding.get('kind'))}: {start}:{end} {span['text']!r}"
                )
    return problems


@dataclass(frozen=True)
class ModelInfo:
    """A model a report depends on (the spaCy pipeline, an ONNX file, a gazetteer)."""

    name: str
    version: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version}


@dataclass(frozen=True)
class Report:
    """Everything newsift found in one article.

    Attributes:
        article: The analysed article.
        findings: Findings sorted by position (see :func:`sort_findings`).
        summary: Counts and profiles per analyzer (``counts``, ``labels``, ``entities`` …).
        models: The models used, with versions.
        newsift_version: The version of newsift that made the report.
    """

    article: Article
    findings: list[Finding]
    summary: dict[str, Any]
    models: list[ModelInfo]
    newsift_version: str

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data; ``docs/report.schema.json`` describes it."""
        return {
            "newsift_version": self.newsift_version,
            "models": [m.to_dict() for m in self.models],
            "article": self.article.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The report as a JSON string (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """Inverse of :meth:`to_dict`."""
        return cls(
            article=Article.from_dict(data["article"]),
            findings=[Finding.from_dict(f) for f in data["findings"]],
            summary=dict(data["summary"]),
            models=[ModelInfo(m["name"], m["version"]) for m in data["models"]],
            newsift_version=data["newsift_version"],
        )


def parse_date(value: dt.date | str | None) -> dt.date | None:
    """A publication date from a ``date``, an ISO string (``YYYY-MM-DD``, time ignored) or None.

    Raises:
        ConfigError: The string is not an ISO date (E016).
    """
    from newsift.errors import ConfigError, Errors

    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ConfigError(Errors.E016, value=value) from None
