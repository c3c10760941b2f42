"""What every renderer shows, as plain strings: metadata, sourcing, counts, evidence.

Renderers differ only in markup; the wording lives here, so the terminal, Markdown and
HTML reports say the same things. Everything is generic over finding kinds, labels and
extra fields, so new analyzers show up without renderer changes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
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
#: The unnamed source types of the sourcing profile, in display order after the named ones.
SOURCE_TYPES = ("anonymous", "vague", "unknown")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class FieldItem:
    """One key/value of a finding's extra fields; ``span`` is set for sub-spans.

    Attributes:
        key: Dotted path of the field (``source``, ``quotes[0]``, ``source.type``).
        value: The value as text (a sub-span's text).
        span: ``(start, end)`` offsets when the value is a sub-span, else ``None``.
    """

    key: str
    value: str
    span: tuple[int, int] | None = None


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


def _is_span(value: object) -> bool:
    return (
        isinstance(value, Mapping)
        and {"start", "end", "text"} <= value.keys()
        and isinstance(value["start"], int)
        and isinstance(value["end"], int)
    )


def _walk(key: str, value: Any) -> Iterator[FieldItem]:
    """Flatten one field into items: sub-spans, then their extra keys, then scalars."""
    if _is_span(value):
        yield FieldItem(key, str(value["text"]), (value["start"], value["end"]))
        rest = {k: v for k, v in value.items() if k not in ("start", "end", "text")}
        for sub_key, sub_value in rest.items():
            yield from _walk(f"{key}.{sub_key}", sub_value)
    elif isinstance(value, Mapping) and value:
        for sub_key, sub_value in value.items():
            yield from _walk(f"{key}.{sub_key}", sub_value)
    elif isinstance(value, list | tuple) and any(isinstance(v, Mapping) for v in value):
        for i, item in enumerate(value):
            yield from _walk(f"{key}[{i}]", item)
    else:
        yield FieldItem(key, format_value(value))


def field_items(finding: Finding) -> list[FieldItem]:
    """The finding's extra fields (an attribution's ``source``, ``cue`` …) as items."""
    fields = finding.fields if isinstance(finding.fields, Mapping) else {}
    return [item for key, value in fields.items() for item in _walk(str(key), value)]


def fields_line(finding: Finding) -> str:
    """The extra fields in one line: ``source: “Jane Doe” · cue: “said”``."""
    parts = [
        f"{item.key}: “{item.value}”" if item.span else f"{item.key}: {item.value}"
        for item in field_items(finding)
    ]
    return one_line(" · ".join(parts))


def sourcing_line(summary: Mapping[str, Any]) -> str | None:
    """``Sourcing: 9 named (4 people, 5 organisations), 6 anonymous, 3 vague, 0 unknown``.

    ``None`` when the report has no sourcing profile (the attribution analyzer did not run).
    """
    sourcing = summary.get("sourcing")
    if not isinstance(sourcing, Mapping):
        return None
    raw = sourcing.get("counts")
    counts = (
        {str(k): v for k, v in raw.items() if isinstance(v, int)}
        if isinstance(raw, Mapping)
        else {}
    )
    people, organisations = counts.pop("named_person", 0), counts.pop("named_organization", 0)
    parts = [f"{people + organisations} named ({people} people, {organisations} organisations)"]
    parts += [f"{counts.pop(t, 0)} {t}" for t in SOURCE_TYPES]
    parts += [f"{n} {t}" for t, n in counts.items()]
    line = "Sourcing: " + ", ".join(parts)
    share = sourcing.get("named_share")
    if isinstance(share, int | float) and not isinstance(share, bool):
        line += f" — {share:.0%} of attributed statements have a named source"
    return line


def _kind_order(kind: str) -> tuple[int, str]:
    kinds: tuple[str, ...] = FINDING_KINDS
    return (kinds.index(kind) if kind in kinds else len(kinds), kind)


def kind_counts(report: Report) -> dict[str, int]:
    """Findings per kind, for the kinds present, in the standard kind order."""
    counts = Counter(str(f.kind) for f in report.findings)
    return {kind: counts[kind] for kind in sorted(counts, key=_kind_order)}


def label_counts(report: Report) -> dict[str, list[tuple[str, int]]]:
    """Per kind present, ``(label, count)`` pairs, most common first."""
    labels: dict[str, Counter[str]] = {}
    for f in report.findings:
        labels.setdefault(str(f.kind), Counter())[str(f.label)] += 1
    return {
        kind: sorted(labels[kind].items(), key=lambda kv: (-kv[1], kv[0]))
        for kind in sorted(labels, key=_kind_order)
    }


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


def _records(summary: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = summary.get(key)
    return [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []


def claims_lines(summary: Mapping[str, Any], limit: int = 120) -> list[str]:
    """``summary.claims``, ranked: score, source type, the claim (one line each)."""
    return [
        f"{format_score(c.get('score'))} · {c.get('source_type') or 'not attributed'} · "
        f"{truncate(one_line(str(c.get('text', ''))), limit)}"
        for c in _records(summary, "claims")
    ]


def techniques_lines(summary: Mapping[str, Any]) -> list[str]:
    """``summary.techniques``: each technique found, how often (in quotes), what it means."""
    return [
        f"{t.get('name') or t.get('label')} ×{t.get('count', 1)}"
        + (f" ({t['quoted']} in quotes)" if t.get("quoted") else "")
        + f" — {t.get('explanation', '')}"
        for t in _records(summary, "techniques")
    ]


def places_lines(summary: Mapping[str, Any]) -> list[str]:
    """``summary.places``: name, country, how often, and whether it resolved."""
    return [
        f"{p.get('name')} ({p.get('country') or '?'}) ×{p.get('count', 1)} — {p.get('label')}"
        for p in _records(summary, "places")
    ]


def timeline_lines(summary: Mapping[str, Any]) -> list[str]:
    """``summary.timeline``: normalised value and the words that said it."""
    return [
        f"{t.get('value') or '?'} — {one_line(str(t.get('text', '')))}"
        for t in _records(summary, "timeline")
    ]


def summary_sections(summary: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """Headed lists for the summary keys of the techniques, claims, places and time analyzers."""
    sections = [
        ("Persuasion techniques", techniques_lines(summary)),
        ("Claims to check", claims_lines(summary)),
        ("Places", places_lines(summary)),
        ("Dates and times", timeline_lines(summary)),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


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
