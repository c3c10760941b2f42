"""Reports as rows of flat tables, one table per finding kind plus articles, sources and
outlets: what ``--format csv`` and ``--format parquet`` write (see ``docs/tables.md``).

Every table has a fixed set of columns, whatever the report holds, so a batch can be
written row by row as reports arrive; a column the report has no value for is empty. The
columns that newer analyzers fill (``polarity``, ``stance``, ``via``, ``source_category``)
are always there, empty on older reports.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from newsift.analyzers.sourcing import profiled
from newsift.model import Finding, Report
from newsift.render import digest
from newsift.render.words import field as get

ColumnType = Literal["string", "int", "float"]
Row = dict[str, Any]

#: Columns every finding table starts with.
FINDING_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("article_id", "string"),
    ("finding_id", "string"),
    ("start", "int"),
    ("end", "int"),
    ("text", "string"),
    ("label", "string"),
    ("score", "float"),
)


def _span_columns(name: str) -> tuple[tuple[str, ColumnType], ...]:
    return ((name, "string"), (f"{name}_start", "int"), (f"{name}_end", "int"))


#: Every table and its columns, in the order they are written.
TABLES: dict[str, tuple[tuple[str, ColumnType], ...]] = {
    "articles": (
        ("article_id", "string"),
        ("title", "string"),
        ("outlet", "string"),
        ("url", "string"),
        ("published", "string"),
        ("source", "string"),
        ("words", "int"),
        ("attributions", "int"),
        ("profiled_attributions", "int"),
        ("named_attributions", "int"),
        ("named_share", "float"),
        ("techniques", "int"),
        ("claims", "int"),
        ("places", "int"),
        ("dates", "int"),
        ("entities", "int"),
        ("flags", "int"),
    ),
    "attributions": (
        *FINDING_COLUMNS,
        *_span_columns("source"),
        ("source_type", "string"),
        ("source_category", "string"),
        ("source_resolved", "string"),
        *_span_columns("cue"),
        *_span_columns("content"),
        ("polarity", "string"),
        ("stance", "string"),
        ("via", "string"),
        ("rule", "string"),
    ),
    "claims": (
        *FINDING_COLUMNS,
        ("source_type", "string"),
        ("attribution", "string"),
    ),
    "places": (
        *FINDING_COLUMNS,
        ("name", "string"),
        ("admin1", "string"),
        ("country", "string"),
        ("lat", "float"),
        ("lon", "float"),
        ("geonameid", "int"),
        ("found_by", "string"),
    ),
    "dates": (
        *FINDING_COLUMNS,
        ("value", "string"),
        ("anchor", "string"),
        ("tense", "string"),
    ),
    "techniques": (
        *FINDING_COLUMNS,
        ("technique", "string"),
        ("voice", "string"),
    ),
    "entities": FINDING_COLUMNS,
    "flags": (*FINDING_COLUMNS, ("reason", "string")),
    "sources": (
        ("article_id", "string"),
        ("source", "string"),
        ("source_type", "string"),
        ("source_category", "string"),
        ("citations", "int"),
        ("start", "int"),
        ("end", "int"),
        ("attribution_ids", "string"),
    ),
    "outlets": (
        ("outlet", "string"),
        ("articles", "int"),
        ("words", "int"),
        ("attributions", "int"),
        ("profiled_attributions", "int"),
        ("named_attributions", "int"),
        ("named_share", "float"),
        ("techniques", "int"),
        ("techniques_per_1000_words", "float"),
        ("claims", "int"),
    ),
}
#: The finding table of each kind.
KIND_TABLES = {
    "attribution": "attributions",
    "claim": "claims",
    "place": "places",
    "time": "dates",
    "technique": "techniques",
    "entity": "entities",
    "flag": "flags",
}
#: Leading characters a spreadsheet reads as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The ``outlet`` of articles whose outlet is not known.
UNKNOWN_OUTLET = "unknown"


def spreadsheet_safe(value: str) -> str:
    """Text a spreadsheet would run as a formula, with a leading apostrophe.

    Any text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    gets an apostrophe in front (``=SUM(A1)`` → ``'=SUM(A1)``), as OWASP advises; numbers
    are written as numbers and are never changed.
    """
    return "'" + value if value.startswith(FORMULA_START) else value


def _span(prefix: str, value: object) -> Row:
    start, end = get(value, "start"), get(value, "end")
    return {
        prefix: get(value, "text"),
        f"{prefix}_start": start if isinstance(start, int) else None,
        f"{prefix}_end": end if isinstance(end, int) else None,
    }


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def finding_row(article_id: str, finding: Finding) -> Row:
    """The columns every finding table shares."""
    return {
        "article_id": article_id,
        "finding_id": finding.id,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "label": str(finding.label),
        "score": finding.score,
    }


def _attribution(finding: Finding) -> Row:
    fields = finding.fields
    source = fields.get("source")
    return {
        **_span("source", source),
        "source_type": _text(get(source, "type") or finding.label),
        "source_category": _text(get(source, "category")),
        "source_resolved": _text(get(source, "resolved")),
        **_span("cue", fields.get("cue")),
        **_span("content", fields.get("content")),
        "polarity": _text(fields.get("polarity")),
        "stance": _text(fields.get("stance")),
        "via": _text(fields.get("via")),
        "rule": _text(get(finding.evidence, "rule")),
    }


def _claim(finding: Finding) -> Row:
    return {
        "source_type": _text(finding.fields.get("source_type")),
        "attribution": _text(finding.fields.get("attribution")),
    }


def _place(finding: Finding) -> Row:
    entry = digest.resolution(finding)
    lat, lon, geonameid = entry.get("lat"), entry.get("lon"), entry.get("geonameid")
    return {
        "name": _text(entry.get("name")),
        "admin1": _text(entry.get("admin1")),
        "country": _text(entry.get("country")),
        "lat": float(lat) if isinstance(lat, int | float) else None,
        "lon": float(lon) if isinstance(lon, int | float) else None,
        "geonameid": geonameid if isinstance(geonameid, int) else None,
        "found_by": _text(get(finding.evidence, "found_by")),
    }


def _date(finding: Finding) -> Row:
    return {
        "value": digest.time_value(finding),
        "anchor": _text(finding.fields.get("anchor")),
        "tense": _text(get(finding.evidence, "tense")),
    }


def _technique(finding: Finding) -> Row:
    return {
        "technique": _text(get(finding.evidence, "technique")),
        "voice": _text(finding.fields.get("voice")),
    }


def _flag(finding: Finding) -> Row:
    evidence = finding.evidence
    return {
        "reason": _text(get(evidence, "why") or get(evidence, "reason") or get(evidence, "rule"))
    }


_KIND_ROWS = {
    "attribution": _attribution,
    "claim": _claim,
    "place": _place,
    "time": _date,
    "technique": _technique,
    "flag": _flag,
}


def report_rows(report: Report, findings: list[Finding] | None = None) -> Iterator[tuple[str, Row]]:
    """Every row one report adds, as ``(table, row)``: the article, its findings (those in
    ``findings``, all by default) and its sources. Outlets are summed by :class:`Outlets`."""
    found = report.findings if findings is None else findings
    article = report.article
    article_id = article.id
    yield "articles", article_row(report, found)
    for f in found:
        table = KIND_TABLES.get(f.kind)
        if table is None:
            continue
        extra = _KIND_ROWS.get(f.kind)
        yield table, finding_row(article_id, f) | (extra(f) if extra else {})
    for s in digest.sources(found):
        yield (
            "sources",
            {
                "article_id": article_id,
                "source": s.name or None,
                "source_type": s.type,
                "source_category": s.category,
                "citations": s.citations,
                "start": s.start,
                "end": s.end,
                "attribution_ids": " ".join(s.finding_ids),
            },
        )


def _count(findings: list[Finding], kind: str) -> int:
    return sum(1 for f in findings if f.kind == kind)


def article_row(report: Report, findings: list[Finding]) -> Row:
    """One article: metadata, words, findings per kind, and the sourcing profile's counts
    (``profiled_attributions``, ``named_attributions``, ``named_share``), counted by the
    function the report's summary uses (:func:`newsift.analyzers.sourcing.profiled`)."""
    article = report.article
    attributions = [f for f in findings if f.kind == "attribution"]
    profile = profiled(attributions)
    counted = len(profile.counted)
    return {
        "article_id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
        "words": digest.word_count(article.text),
        "attributions": len(attributions),
        "profiled_attributions": counted,
        "named_attributions": profile.named,
        "named_share": round(profile.named_share, 4) if counted else None,
        "techniques": _count(findings, "technique"),
        "claims": _count(findings, "claim"),
        "places": _count(findings, "place"),
        "dates": _count(findings, "time"),
        "entities": _count(findings, "entity"),
        "flags": _count(findings, "flag"),
    }


@dataclass
class OutletTotals:
    """Running totals of one outlet."""

    articles: int = 0
    words: int = 0
    attributions: int = 0
    profiled: int = 0
    named: int = 0
    techniques: int = 0
    claims: int = 0


@dataclass
class Outlets:
    """Per-outlet sums over a batch; memory grows with the number of outlets, not articles."""

    totals: dict[str, OutletTotals] = field(default_factory=dict)

    def add(self, row: Mapping[str, Any]) -> None:
        """Count one ``articles`` row (see :func:`article_row`)."""
        outlet = row.get("outlet") or UNKNOWN_OUTLET
        total = self.totals.setdefault(str(outlet), OutletTotals())
        total.articles += 1
        total.words += int(row["words"])
        total.attributions += int(row["attributions"])
        total.profiled += int(row["profiled_attributions"])
        total.named += int(row["named_attributions"])
        total.techniques += int(row["techniques"])
        total.claims += int(row["claims"])

    def rows(self) -> list[Row]:
        """One row per outlet, by name."""
        return [
            {
                "outlet": outlet,
                "articles": t.articles,
                "words": t.words,
                "attributions": t.attributions,
                "profiled_attributions": t.profiled,
                "named_attributions": t.named,
                "named_share": round(t.named / t.profiled, 4) if t.profiled else None,
                "techniques": t.techniques,
                "techniques_per_1000_words": (
                    round(1000 * t.techniques / t.words, 3) if t.words else None
                ),
                "claims": t.claims,
            }
            for outlet, t in sorted(self.totals.items())
        ]


__all__ = [
    "KIND_TABLES",
    "TABLES",
    "Outlets",
    "article_row",
    "report_rows",
    "spreadsheet_safe",
]
