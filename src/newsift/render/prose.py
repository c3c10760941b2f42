"""A report's summary and findings as plain lines of words, for the text reports.

The terminal report (rich) and the Markdown report lay these out in their own markup; the
wording is made once here, from :mod:`newsift.render.digest` (what a report says at a
glance) and :mod:`newsift.render.words` (the vocabulary), so both say the same thing.
Nothing here escapes or styles: callers make text safe for their medium.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from newsift.model import Finding, Report
from newsift.render import digest
from newsift.render.view import evidence_items, format_score, one_line
from newsift.render.words import (
    PLACE_TYPES,
    UNRESOLVED,
    category_name,
    field,
    finding_label,
    is_empty,
    key_name,
    label_words,
    polarity,
    source_category,
    source_type,
    span_text,
    stance,
    value_text,
    voice,
)

#: How many sources, claims, places and dates the summary lists before "and N more".
SUMMARY_LIMIT = 10
#: Evidence keys that say why a finding was made, best first.
WHY_KEYS = ("why", "reason", "rule")
#: An attribution's evidence keys that explain it in words.
ATTRIBUTION_WHY = ("cue", "content", "source_rule")
T = TypeVar("T")
_SOURCE_KEYS = re.compile(r"\b(?:named_person|named_organization)\b")


# --- the article -----------------------------------------------------------------------


def byline_items(report: Report) -> list[tuple[str, str]]:
    """The article's byline and dateline when the reader found them (``article.author``,
    ``article.dateline`` with ``place`` and ``agency``); empty for older reports."""
    article = report.article
    items = []
    author = getattr(article, "author", None)
    if not is_empty(author):
        items.append(("By", value_text(author)))
    dateline = getattr(article, "dateline", None)
    if is_empty(dateline):
        return items
    parts = [_part(dateline, key) for key in ("place", "agency")]
    if any(parts):
        items.append(("Dateline", " · ".join(p for p in parts if p)))
    elif isinstance(dateline, str):
        items.append(("Dateline", value_text(dateline)))
    return items


def _part(value: Any, key: str) -> str:
    """``value[key]`` or ``value.key`` in words (a mapping or a dataclass), else ``""``."""
    found = value.get(key) if isinstance(value, Mapping) else getattr(value, key, None)
    return "" if is_empty(found) else value_text(found)


# --- summary ---------------------------------------------------------------------------


def sourcing_line(profile: digest.Sourcing, filtered_by: float = 0.0) -> str:
    """``10 named (4 people, 6 organisations), 3 anonymous … — 59% of 16 attributed
    statements have a named source`` (``1 person``, ``1 organisation`` in the singular)."""
    if not profile.total and filtered_by:
        return f"no attributed statements scoring {filtered_by:.2f} or more"
    counts = dict(profile.counts)
    people, organisations = counts.pop("named_person", 0), counts.pop("named_organization", 0)
    parts = [
        f"{people + organisations} named ({people} {'person' if people == 1 else 'people'}, "
        f"{organisations} organisation{'' if organisations == 1 else 's'})"
    ]
    parts += [f"{n} {source_type(t).removesuffix(' source')}" for t, n in counts.items()]
    line = ", ".join(parts)
    if profile.total:
        line += (
            f" — {profile.named_share:.0%} of {profile.total} attributed statements have a "
            "named source"
        )
    return line


def left_out_lines(profile: digest.Sourcing) -> list[str]:
    """What the analyzer left out of the sourcing profile (``sourcing.left_out``)."""
    return [
        f"Left out of the profile: {n} attributed statement{'' if n == 1 else 's'}"
        + (f" ({one_line(reason)})" if reason else "")
        for reason, n in profile.left_out.items()
    ]


def _listed(items: Sequence[T], line: Callable[[T], str]) -> list[str]:
    """The first :data:`SUMMARY_LIMIT` items as lines, then ``… and N more``."""
    lines = [line(item) for item in items[:SUMMARY_LIMIT]]
    return lines + ([f"… and {len(items) - len(lines)} more"] if len(items) > len(lines) else [])


def _source_line(s: digest.Source) -> str:
    if not s.name:
        return f"{UNRESOLVED} ×{s.citations}"
    what = source_type(s.type) + (f", {category_name(s.category)}" if s.category else "")
    return f"{one_line(s.name)} ({what}) ×{s.citations}"


def sources_lines(findings: Sequence[Finding]) -> list[str]:
    """``Olena Petrenko (named person) ×3`` per source, most cited first."""
    return _listed(digest.sources(findings), _source_line)


def _claim_line(f: Finding) -> str:
    said_by = field(f.fields, "source_type")
    who = f" — source: {source_type(said_by)}" if said_by else ""
    return f"{format_score(f.score)}  {one_line(f.text)}{who}"


def claims_lines(findings: Sequence[Finding]) -> list[str]:
    """Claims to check, best score first: ``0.99  The United Nations said … — source: …``."""
    return _listed(digest.claims(findings), _claim_line)


def _place_line(p: digest.Place) -> str:
    where = f", {p.country}" if p.country else ""
    note = "" if p.label == "resolved" else f" ({label_words('place', p.label)})"
    return f"{one_line(p.name)}{where} ×{p.mentions}{note}"


def places_lines(findings: Sequence[Finding]) -> list[str]:
    """``Kyiv, UA ×3`` per place; unresolved ones say so."""
    return _listed(digest.places(findings), _place_line)


def _date_line(f: Finding) -> str:
    return f"{digest.describe_time_value(digest.time_value(f))} — “{one_line(f.text)}”"


def dates_lines(findings: Sequence[Finding]) -> list[str]:
    """``2024-12-11 — “December 11”`` per time expression, dates in time order first."""
    return _listed(digest.dates(findings), _date_line)


def techniques_lines(findings: Sequence[Finding]) -> list[str]:
    """``Name calling or labelling ×1 (1 in quotes) — what it does``."""
    return [
        f"{t.name} ×{t.count}"
        + (f" ({t.quoted} in quotes)" if t.quoted else "")
        + (f" — {t.explanation}" if t.explanation else "")
        for t in digest.techniques(findings)
    ]


def flags_lines(findings: Sequence[Finding]) -> list[str]:
    """``unknown place, perhaps misspelt — “Kherzon”`` per flag, in reading order."""
    return [f"{finding_label(f)} — “{one_line(f.text)}”" for f in findings if f.kind == "flag"]


def summary_sections(findings: Sequence[Finding]) -> list[tuple[str, list[str]]]:
    """The summary's headed lists after the sourcing profile, the empty ones left out."""
    sections = [
        ("Sources", sources_lines(findings)),
        ("Claims to check", claims_lines(findings)),
        ("Places", places_lines(findings)),
        ("Dates", dates_lines(findings)),
        ("Techniques", techniques_lines(findings)),
        ("Flags", flags_lines(findings)),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


# --- findings --------------------------------------------------------------------------


def reference_list(findings: Sequence[Finding]) -> list[str]:
    """A short reference per finding, in order, numbered by kind: ``A1``, ``A2`` … ``C1`` …"""
    refs: list[str] = []
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
        refs.append(f"{_letter(f.kind)}{counts[f.kind]}")
    return refs


def references(findings: Sequence[Finding]) -> dict[str, str]:
    """:func:`reference_list` by finding id (for fields that point at another finding)."""
    return {f.id: ref for f, ref in zip(findings, reference_list(findings), strict=True)}


def _letter(kind: str) -> str:
    return {"time": "D", "technique": "T", "entity": "E"}.get(kind, kind[:1].upper())


def finding_rows(finding: Finding, refs: Mapping[str, str]) -> list[tuple[str, str]]:
    """``(name, value)`` lines that describe one finding in full."""
    rows: list[tuple[str, str]] = []
    if finding.kind == "attribution":
        rows += _attribution_rows(finding, refs)
    else:
        rows.append(("Text", finding.text))
    rows += _kind_rows(finding, refs)
    why = _why(finding)
    if why:
        rows.append(("Why", why))
    return rows


def _attribution_rows(finding: Finding, refs: Mapping[str, str]) -> list[tuple[str, str]]:
    source = finding.fields.get("source")
    who = span_text(source)
    what = source_type(field(source, "type") or finding.label)
    category = source_category(finding)
    described = ", ".join(x for x in (what, category) if x)
    refers_to = field(finding.evidence, "source_refers_to")
    if who and refers_to and str(refers_to).lower() != who.lower():
        who = f"{who}, meaning {refers_to}"
    rows = [("Source", f"{who} ({described})" if who else UNRESOLVED)]
    cue = span_text(finding.fields.get("cue"))
    if cue:
        rows.append(("Cue", cue))
    content = finding.fields.get("content")
    parts = field(content, "parts")
    if isinstance(parts, list) and parts:
        rows.append(("Content", " … ".join(span_text(p) or "" for p in parts)))
    else:
        rows.append(("Content", span_text(content) or finding.text))
    said = polarity(finding)
    if said:
        rows.append((key_name("polarity"), said))
    kind = stance(finding)
    if kind:
        rows.append((key_name("stance"), kind))
    via = finding.fields.get("via")
    if via:
        rows.append((key_name("via"), refs.get(str(via), str(via))))
    return rows


def _place_rows(finding: Finding) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    entry = digest.resolution(finding)
    if entry:
        where = ", ".join(str(entry[k]) for k in ("name", "admin1", "country") if entry.get(k))
        lat, lon = entry.get("lat"), entry.get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            where += f" ({lat:.4f}, {lon:.4f})"
        if entry.get("type") in PLACE_TYPES:
            where += f" — {PLACE_TYPES[str(entry['type'])]}"
        if entry.get("geonameid"):
            issuer = "newsift id" if entry.get("id_source") == "newsift" else "GeoNames"
            where += f", {issuer} {entry['geonameid']}"
        rows.append(("Place", where))
    suggestions = finding.fields.get("suggestions")
    if finding.label != "resolved" and isinstance(suggestions, list) and suggestions:
        names = [
            ", ".join(str(s[k]) for k in ("name", "admin1", "country") if s.get(k))
            for s in suggestions[:3]
            if isinstance(s, dict)
        ]
        rows.append((key_name("suggestions"), "; ".join(names)))
    return rows


def _kind_rows(finding: Finding, refs: Mapping[str, str]) -> list[tuple[str, str]]:
    fields = finding.fields
    rows: list[tuple[str, str]] = []
    if finding.kind == "place":
        rows += _place_rows(finding)
    elif finding.kind == "time":
        value = digest.time_value(finding)
        said = digest.describe_time_value(value)
        rows.append((key_name("value"), f"{said} ({value})" if value and said != value else said))
    elif finding.kind == "claim":
        said_by = fields.get("source_type")
        attribution = fields.get("attribution")
        if said_by or attribution:
            ref = f" ({refs[str(attribution)]})" if str(attribution) in refs else ""
            rows.append((key_name("source_type"), f"{source_type(said_by)}{ref}"))
    elif finding.kind == "flag":
        for key, name in (("close_entry", "Close to"), ("other", "Other"), ("verb", "Verb")):
            value = field(finding.evidence, key)
            if value:
                rows.append((name, str(value)))
    elif finding.kind == "technique" and fields.get("voice"):
        rows.append((key_name("voice"), voice(fields.get("voice"))))
    return rows


def _why(finding: Finding) -> str:
    items = dict(evidence_items(finding))
    if finding.kind == "attribution":  # its rule name is a parser label; these say it in words
        said = [items[k] for k in ATTRIBUTION_WHY if items.get(k)]
        if said:
            return in_words("; ".join(said))
    for key in WHY_KEYS:
        if items.get(key):
            return in_words(items[key])
    return ""


def in_words(text: str) -> str:
    """Evidence prose with the source-type keys it quotes said in words."""
    return _SOURCE_KEYS.sub(lambda m: source_type(m.group(0)), text)


__all__ = [
    "SUMMARY_LIMIT",
    "byline_items",
    "claims_lines",
    "dates_lines",
    "finding_rows",
    "flags_lines",
    "in_words",
    "left_out_lines",
    "places_lines",
    "reference_list",
    "references",
    "sources_lines",
    "sourcing_line",
    "summary_sections",
    "techniques_lines",
]
