"""Reports and problems as rows of the ``articles`` and ``findings`` tables (no Spark here).

Public API::

    article_row(document, report) -> dict          # one analysed article
    error_row(document, code, message) -> dict      # one document that could not be analysed
    stored_row(document, article) -> dict           # kept for the copy step, not analysed
    finding_rows(report) -> list[dict]              # its findings, one row each
    report_from_rows(article, findings) -> dict     # the CLI's report JSON, rebuilt

Every row holds plain Python values (str, int, float, bool, lists of int): the worker turns a
list of them into an Arrow batch. Nested, free-form data (a finding's evidence and its
kind-specific fields, the report's summary and models) is a JSON string, so the tables keep
one schema whatever the analyzers write, and :func:`report_from_rows` gives back exactly
the report ``newsift analyze --format json`` prints (a test checks it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from newsift.model import FINDING_KINDS, Article, Report

#: Summary counts copied into columns of their own: ``n_<kind>`` per finding kind.
KIND_COLUMNS = tuple(f"n_{kind}" for kind in FINDING_KINDS)
#: The sourcing profile's source types, as ``sourcing_<type>`` columns.
SOURCING_TYPES = ("named_person", "named_organization", "anonymous", "vague", "unknown")
SOURCING_COLUMNS = tuple(f"sourcing_{name}" for name in SOURCING_TYPES)
#: Status of an article row.
OK, ERROR, STORED = "ok", "error", "stored"
#: Between a file and a row's id in a document's ``source`` (``data.jsonl#id=a2``).
ID_MARK = "#id="


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def published_month(document: Mapping[str, Any]) -> str | None:
    """``YYYY-MM`` of the publication date (the partition column), or ``None``."""
    published = document.get("published")
    if isinstance(published, str) and len(published) >= 7:
        return published[:7]
    return None


def _article_columns(article: Article, document: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "published_at": document.get("published_at"),
        "language": article.language,
        "author": article.author,
        "dateline": _json(article.dateline.to_dict()) if article.dateline else None,
        "ingest": _json(article.ingest.to_dict()) if article.ingest else None,
        "text": article.text,
    }


def _summary_columns(summary: Mapping[str, Any] | None) -> dict[str, Any]:
    counts = (summary or {}).get("counts") or {}
    sourcing = (summary or {}).get("sourcing") or {}
    source_counts = sourcing.get("counts") or {}
    row: dict[str, Any] = {
        "n_findings": sum(counts.values()) if summary is not None else None,
    }
    for kind, column in zip(FINDING_KINDS, KIND_COLUMNS, strict=True):
        row[column] = counts.get(kind)
    for name, column in zip(SOURCING_TYPES, SOURCING_COLUMNS, strict=True):
        row[column] = source_counts.get(name)
    row["named_share"] = sourcing.get("named_share")
    return row


def article_row(document: Mapping[str, Any], report: Report) -> dict[str, Any]:
    """The ``articles`` row of an analysed article.

    Args:
        document: The input row (``published_at``, ``published_month`` and the copy
            fingerprint columns are taken from it).
        report: The article's report.
    """
    row = _article_columns(report.article, document)
    row.update(
        status=OK,
        error_code=None,
        error_message=None,
        newsift_version=report.newsift_version,
        models=_json([m.to_dict() for m in report.models]),
        summary=_json(report.summary),
    )
    row.update(_summary_columns(report.summary))
    return row


def _document_columns(document: Mapping[str, Any], article: Article | None) -> dict[str, Any]:
    if article is not None:
        return _article_columns(article, document)
    return {
        name: document.get(name)
        for name in (
            "id",
            "source",
            "title",
            "url",
            "outlet",
            "published",
            "published_at",
            "language",
            "author",
            "dateline",
            "ingest",
            "text",
        )
    }


def _no_report(row: dict[str, Any], status: str, code: str | None, message: str | None) -> None:
    row.update(
        status=status,
        error_code=code,
        error_message=message,
        newsift_version=None,
        models=None,
        summary=None,
    )
    row.update(_summary_columns(None))


def error_row(
    document: Mapping[str, Any], code: str | None, message: str, article: Article | None = None
) -> dict[str, Any]:
    """The ``articles`` row of a document that could not be analysed.

    The document's fields are kept as read (text included, so the copy step can still
    compare an article in a language newsift does not analyse); ``error_code`` and
    ``error_message`` say why there is no report.

    Args:
        document: The input row.
        code: The error's code (``E013`` …).
        message: Its full message, as ``newsift analyze`` prints it.
        article: The article read from the row, when reading it succeeded.
    """
    row = _document_columns(document, article)
    _no_report(row, ERROR, code, message)
    return row


def stored_row(document: Mapping[str, Any], article: Article) -> dict[str, Any]:
    """The row of an article checked and kept for the copy step but not analysed
    (``analyze=False``, as ``newsift corpus add --no-analyze``): status ``stored``."""
    row = _article_columns(article, document)
    _no_report(row, STORED, None, None)
    return row


_COMMON = ("id", "kind", "label", "start", "end", "text", "score", "analyzer", "evidence")


def finding_rows(report: Report) -> list[dict[str, Any]]:
    """One ``findings`` row per finding, in the report's order (``position`` keeps it)."""
    rows = []
    for position, finding in enumerate(report.findings):
        data = finding.to_dict()
        rows.append(
            {
                "article_id": report.article.id,
                "position": position,
                "finding_id": data["id"],
                "kind": finding.kind,
                "label": finding.label,
                "start": finding.start,
                "end": finding.end,
                "text": finding.text,
                "score": float(finding.score),
                "analyzer": finding.analyzer,
                "evidence": _json(data["evidence"]),
                "fields": _json({k: v for k, v in data.items() if k not in _COMMON}),
                "published_month": None,
            }
        )
    return rows


def report_from_rows(
    article: Mapping[str, Any], findings: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The report JSON (as ``newsift analyze --format json`` writes it) from table rows.

    Args:
        article: The article's ``articles`` row (status ``ok``).
        findings: Its ``findings`` rows, in any order.
    """
    ordered = sorted(findings, key=lambda f: int(f["position"]))
    return {
        "newsift_version": article["newsift_version"],
        "models": json.loads(article["models"]),
        "article": {
            "id": article["id"],
            "title": article["title"],
            "url": article["url"],
            "outlet": article["outlet"],
            "published": article["published"],
            "language": article["language"],
            "source": article["source"],
            "author": article["author"],
            "dateline": json.loads(article["dateline"]) if article["dateline"] else None,
            "ingest": json.loads(article["ingest"]) if article["ingest"] else None,
            "text": article["text"],
        },
        "findings": [
            {
                "id": f["finding_id"],
                "kind": f["kind"],
                "label": f["label"],
                "start": f["start"],
                "end": f["end"],
                "text": f["text"],
                "score": f["score"],
                "analyzer": f["analyzer"],
                "evidence": json.loads(f["evidence"]),
                **json.loads(f["fields"]),
            }
            for f in ordered
        ],
        "summary": json.loads(article["summary"]),
    }
