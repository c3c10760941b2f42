"""What every renderer shows, as plain strings: title, metadata, scores, evidence, the
legend, top entities and summary keys no section knows.

The words for kinds, labels and fields are :mod:`newsift.render.words`; the summary and
findings in lines of words are :mod:`newsift.render.prose`. Everything is generic over
finding kinds, labels and extra fields, so new analyzers show up without renderer changes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsift.model import FINDING_KINDS, Finding, Report
from newsift.render.style import KindStyle, kind_style

#: Summary keys with a renderer section of their own; any other key is shown generically.
KNOWN_SUMMARY_KEYS = frozenset(
    {"counts", "labels", "entities", "sourcing", "techniques", "claims", "places", "timeline"}
)
#: Evidence keys that best say *why*, shown first in one-line reasons.
REASON_KEYS = ("why", "reason", "rule", "pattern", "cue", "gazetteer", "model")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class LegendEntry:
    """One kind in the legend, with how many findings of it the report has."""

    style: KindStyle
    count: int


def format_score(score: object) -> str:
    """A score with two decimals (anything that is not a number, as text)."""
    if isinstance(score, int | float) and not isinstance(score, bool):
        return f"{score:.2f}"
    return format_value(score)


def format_value(value: object) -> str:
    """A field or evidence value as text: strings as they are, the rest as compact JSON."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "), default=str)
    except ValueError:  # circular structures
        return repr(value)


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return _SPACE.sub(" ", text).strip()


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def evidence_items(finding: Finding) -> list[tuple[str, str]]:
    """The finding's evidence as ``(key, value)`` text pairs, the telling keys first."""
    evidence = finding.evidence if isinstance(finding.evidence, Mapping) else {}
    rank = {key: i for i, key in enumerate(REASON_KEYS)}
    keys = sorted(evidence, key=lambda k: (rank.get(str(k), len(rank)), str(k)))
    return [(str(key), format_value(evidence[key])) for key in keys]


def evidence_line(finding: Finding) -> str:
    """The evidence in one line: ``rule: …; model: …``."""
    return one_line("; ".join(f"{key}: {value}" for key, value in evidence_items(finding)))


def _kind_order(kind: str) -> tuple[int, str]:
    kinds: tuple[str, ...] = FINDING_KINDS
    return (kinds.index(kind) if kind in kinds else len(kinds), kind)


def kind_counts(report: Report) -> dict[str, int]:
    """Findings per kind, for the kinds present, in the standard kind order."""
    counts = Counter(str(f.kind) for f in report.findings)
    return {kind: counts[kind] for kind in sorted(counts, key=_kind_order)}


def top_entities(report: Report, limit: int = 10) -> list[tuple[str, str, int]]:
    """The most frequent entities ``(text, label, count)``: the summary's, else counted."""
    listed = report.summary.get("entities")
    if isinstance(listed, list) and all(isinstance(e, Mapping) for e in listed):
        rows = [
            (str(e.get("text", "")), str(e.get("label", "")), e.get("count", 0)) for e in listed
        ]
        return [(t, lab, c if isinstance(c, int) else 0) for t, lab, c in rows][:limit]
    counts = Counter((f.text, str(f.label)) for f in report.findings if f.kind == "entity")
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(text, label, count) for (text, label), count in ranked[:limit]]


def extra_summary(summary: Mapping[str, Any], limit: int = 300) -> list[tuple[str, str]]:
    """Summary entries no renderer section knows, as ``(key, one-line value)``."""
    return [
        (str(key), truncate(one_line(format_value(value)), limit))
        for key, value in summary.items()
        if key not in KNOWN_SUMMARY_KEYS
    ]


def metadata_items(report: Report) -> list[tuple[str, str]]:
    """The article's metadata worth showing under its title, as ``(name, value)``."""
    article = report.article
    models = ", ".join(f"{m.name} {m.version}" for m in report.models)
    items = [
        ("Outlet", article.outlet),
        ("Published", article.published.isoformat() if article.published else None),
        ("URL", article.url),
        ("Language", article.language),
        ("Source", article.source),
        ("ID", article.id),
        ("newsift", report.newsift_version + (f" ({models})" if models else "")),
    ]
    return [(name, one_line(value)) for name, value in items if value]


def title_of(report: Report) -> str:
    """The article's title on one line, or a stand-in."""
    return one_line(report.article.title or "") or "Untitled article"


def legend_entries(report: Report) -> list[LegendEntry]:
    """Every standard kind, then any other kind present, with its count."""
    counts = kind_counts(report)
    kinds = [*FINDING_KINDS, *(k for k in counts if k not in FINDING_KINDS)]
    return [LegendEntry(kind_style(kind), counts.get(kind, 0)) for kind in kinds]
