"""The one report view: what the standalone HTML report and the web report page both show.

:func:`report_view` builds the template context of ``templates/report_view.html.j2``
(header with byline and dateline, overview panels, filter bar, the highlighted article
and a compact findings list); :func:`page_data` the JSON the page's script reads.
``render/html.py`` wraps it in a self-contained page; the web app in its own layout.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from newsift.model import Finding, Report
from newsift.render import digest, prose
from newsift.render.pieces import HIDDEN_KINDS, article_pieces
from newsift.render.placemap import Place, map_svg, places_panel
from newsift.render.style import KindStyle, kind_slug
from newsift.render.view import (
    REASON_KEYS,
    LegendEntry,
    extra_summary,
    format_score,
    legend_entries,
    metadata_items,
    one_line,
    title_of,
    top_entities,
)
from newsift.render.words import (
    Detail,
    evidence_rows,
    field_rows,
    finding_label,
    is_empty,
    kind_heading,
    kind_name,
    label_words,
    plain_label,
    polarity_key,
    source_of,
    value_text,
)

#: Source types in the filter, named ones first.
FILTER_SOURCE_TYPES = digest.SOURCE_TYPE_ORDER
#: Longest finding text shown in a findings-list row (the details show all of it).
ROW_CHARS = 140


@dataclass(frozen=True)
class Row:
    """A finding as the compact findings list shows it.

    Attributes:
        number: Its number in the report (1-based, reading order).
        finding: The finding.
        slug: Its kind as a CSS class suffix.
        kind: Its kind in words.
        label: Its label in words.
        score: Its score as text.
        snippet: Its text, on one line, cut to :data:`ROW_CHARS`.
        polarity: ``negated`` / ``declined`` for an attribution that says so, else ``""``.
        source: Its source's text (attributions), for the row and the search.
        details: Its fields in words.
        evidence: Its evidence in words.
    """

    number: int
    finding: Finding
    slug: str
    kind: str
    label: str
    score: str
    snippet: str
    polarity: str
    source: str
    details: list[Detail]
    evidence: list[Detail]


@dataclass(frozen=True)
class SourceRow:
    """A source of the sourcing profile, with the attributions that cite it."""

    text: str
    resolved: str
    type: str
    citations: str
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class ClaimRow:
    """A claim to check: number, text, who backs it, score."""

    number: int
    text: str
    source_type: str
    score: float
    score_text: str


@dataclass(frozen=True)
class LabelOption:
    """One option of the label filter: a kind's label, how many findings have it, and the
    kind's heading in words."""

    value: str
    kind: str
    label: str
    name: str
    count: int
    heading: str


def _numbers_by_id(report: Report) -> dict[str, int]:
    return {f.id: n for n, f in enumerate(report.findings, 1) if f.id}


def finding_rows(report: Report) -> list[Row]:
    """Every finding as the findings list shows it."""
    numbers = _numbers_by_id(report)
    rows = []
    for n, f in enumerate(report.findings, 1):
        text = one_line(f.text)
        rows.append(
            Row(
                number=n,
                finding=f,
                slug=kind_slug(f.kind),
                kind=kind_name(f.kind).capitalize(),
                label=finding_label(f),
                score=format_score(f.score),
                snippet=text if len(text) <= ROW_CHARS else text[: ROW_CHARS - 1] + "…",
                polarity=polarity_key(f),
                source=source_of(f)[0],
                details=field_rows(f, numbers),
                evidence=evidence_rows(f, REASON_KEYS),
            )
        )
    return rows


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def source_rows(report: Report, limit: int = 60) -> list[SourceRow]:
    """``summary.sourcing.sources``, each with the numbers of the attributions citing it
    (matched by the source's text, case and spacing aside)."""
    sourcing = report.summary.get("sourcing")
    listed = sourcing.get("sources") if isinstance(sourcing, Mapping) else None
    cited: dict[str, list[int]] = {}
    for n, f in enumerate(report.findings, 1):
        if f.kind == "attribution":
            text = source_of(f)[0]
            if text:
                cited.setdefault(_norm(text), []).append(n)
    rows = []
    for s in listed if isinstance(listed, list) else []:
        if not isinstance(s, Mapping):
            continue
        text = str(s.get("text") or "")
        rows.append(
            SourceRow(
                text=text,
                resolved="" if is_empty(s.get("resolved")) else value_text(s.get("resolved")),
                type=plain_label(str(s.get("type") or "")),
                citations="" if is_empty(s.get("citations")) else value_text(s.get("citations")),
                numbers=tuple(cited.get(_norm(text), [])),
            )
        )
    return rows[:limit]


def claim_rows(report: Report) -> list[ClaimRow]:
    """The claim findings in reading order (the page sorts them by score on request)."""
    rows = []
    for n, f in enumerate(report.findings, 1):
        if f.kind != "claim":
            continue
        score = float(f.score) if isinstance(f.score, int | float) else 0.0
        kind = source_of(f)[1]
        rows.append(
            ClaimRow(
                number=n,
                text=one_line(f.text),
                source_type=plain_label(kind) if kind else "not attributed",
                score=score,
                score_text=format_score(f.score),
            )
        )
    return rows


def label_options(report: Report) -> list[LabelOption]:
    """The label filter's options: each kind's labels, most common first."""
    counts = Counter((str(f.kind), str(f.label)) for f in report.findings)
    names = {(str(f.kind), str(f.label)): finding_label(f) for f in report.findings}
    ordered = sorted(counts, key=lambda kl: (kl[0], -counts[kl], kl[1]))
    return [
        LabelOption(
            f"{kind_slug(k)}|{i}",
            kind_slug(k),
            label,
            names[(k, label)],
            counts[(k, label)],
            kind_heading(k),
        )
        for i, (k, label) in enumerate(ordered)
    ]


def _css_rule(slug: str, style: KindStyle) -> str:
    colours = f".k-{slug}{{--kc:{style.colour};--kt:{style.colour}55}}"
    return f"{colours}\n.hl.k-{slug}{{{style.css}}}"


def kind_css(legend: list[LegendEntry]) -> str:
    """CSS for each kind in the legend: its colour (``--kc``), tint (``--kt``) and line."""
    return "\n".join(_css_rule(kind_slug(e.style.kind), e.style) for e in legend)


def page_data(report: Report, rows: list[Row]) -> dict[str, Any]:
    """What the page's script reads: per finding its number, kind, label, score, span,
    sub-spans, the words of its details, and what the filters and search look at."""
    findings = []
    for row in rows:
        f = row.finding
        source_text, source_type = source_of(f)
        subspans = []
        fields = f.fields if isinstance(f.fields, Mapping) else {}
        for key in ("source", "cue", "content"):
            span = fields.get(key)
            if isinstance(span, Mapping) and isinstance(span.get("start"), int):
                subspans.append({"key": key, "start": span["start"], "end": span.get("end")})
        findings.append(
            {
                "n": row.number,
                "kind": row.slug,
                "kindName": row.kind,
                "label": str(f.label),
                "labelName": row.label,
                "score": f.score if isinstance(f.score, int | float) else 0,
                "scoreText": row.score,
                "start": f.start,
                "end": f.end,
                "sourceType": source_type,
                "polarity": row.polarity,
                "search": _norm(" ".join([f.text, row.label, str(f.label), source_text])),
                "details": [[d.name, d.value, d.part] for d in row.details],
                "evidence": [[d.name, d.value] for d in row.evidence],
                "subspans": subspans,
            }
        )
    return {"findings": findings, "hiddenKinds": list(HIDDEN_KINDS)}


def _start(item: Mapping[str, Any]) -> int:
    start = item.get("start")
    return start if isinstance(start, int) else 0


def date_rows(summary: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``summary.timeline`` as ``(the words, their normalised TIMEX3 value)``, in the order
    of the text; values in words as the text reports say them
    (:func:`~newsift.render.digest.describe_time_value`)."""
    timeline = summary.get("timeline")
    items = [t for t in timeline if isinstance(t, Mapping)] if isinstance(timeline, list) else []
    items.sort(key=_start)
    rows = []
    for t in items:
        value = str(t.get("value") or "")
        rows.append((one_line(str(t.get("text") or "")), digest.describe_time_value(value)))
    return rows


def glossary(summary: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``summary.glossary`` (label → what it means), as ``(label in words, meaning)``."""
    found = summary.get("glossary")
    if not isinstance(found, Mapping):
        return []
    return [(plain_label(str(k)), value_text(v)) for k, v in found.items() if not is_empty(v)]


def _summary_places(places: list[Place]) -> list[Place]:
    return [p for p in places if p.text or p.resolved]


def report_view(report: Report) -> dict[str, Any]:
    """Everything ``report_view.html.j2`` needs, for the standalone page and the web page."""
    legend = [e for e in legend_entries(report) if e.count]
    start_markers, pieces = article_pieces(report)
    rows = finding_rows(report)
    places = _summary_places(places_panel(report.summary))
    present_types = {source_of(f)[1] for f in report.findings} - {""}
    profile = digest.sourcing(report, report.findings, filtered=False)
    return {
        "title": title_of(report),
        "lang": report.article.language or "en",
        "version": report.newsift_version,
        "byline": prose.byline_items(report),
        "metadata": metadata_items(report),
        "sourcing": f"Sourcing: {prose.sourcing_line(profile)}" if profile else None,
        "sourcing_notes": prose.left_out_lines(profile) if profile else [],
        "sources": source_rows(report),
        "claims": claim_rows(report),
        "places": places,
        "map_svg": map_svg(places),
        "dates": date_rows(report.summary),
        "techniques": prose.techniques_lines(report.findings),
        "entities": [(t, label_words("entity", lab), n) for t, lab, n in top_entities(report)],
        "glossary": glossary(report.summary),
        "extra_summary": [
            (key, value) for key, value in extra_summary(report.summary) if key != "glossary"
        ],
        "legend": legend,
        "hidden_kinds": HIDDEN_KINDS,
        "label_options": label_options(report),
        "source_types": [
            (t, plain_label(t))
            for t in (*FILTER_SOURCE_TYPES, *sorted(present_types - set(FILTER_SOURCE_TYPES)))
            if t in present_types
        ],
        "kind_css": Markup(kind_css(legend)),
        "kind_slug": kind_slug,
        "kind_heading": kind_heading,
        "start_markers": start_markers,
        "pieces": pieces,
        "rows": rows,
        "data": page_data(report, rows),
    }
