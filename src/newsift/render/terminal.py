"""The ``terminal`` format: a report printed with rich, summary first.

Order: title and metadata; the summary (sourcing profile, sources, claims to check ranked by
score, places, dates, techniques); the article with the chosen kinds highlighted
(``--show``); then every finding, grouped by kind, with its source, cue and content in full,
wrapped to the console's width, never cut. ``--min-score`` drops weaker findings from every
section. Labels are words ("named person", "speaker unresolved"), never raw keys.

Article text never goes through rich markup (it is always wrapped in ``Text``), and control
characters that could drive the terminal are shown, not sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsift.model import FINDING_KINDS, Finding, Report
from newsift.render import digest
from newsift.render.words import (
    field,
    finding_label,
    kind_heading,
    label_words,
    polarity,
    source_category,
    source_type,
    span_text,
    stance,
)
from newsift.render.segments import highlight_segments, primary_finding
from newsift.render.style import kind_style
from newsift.render.view import evidence_items, format_score, metadata_items, one_line, title_of
from newsift.text_safety import safe_lines

#: Kinds highlighted and listed unless ``--show`` says otherwise: all but entities.
DEFAULT_SHOW: frozenset[str] = frozenset(k for k in FINDING_KINDS if k != "entity")
#: How many sources, claims, places and dates the summary lists before "and N more".
SUMMARY_LIMIT = 10
#: Evidence keys that say why a finding was made, best first.
WHY_KEYS = ("why", "reason", "rule")
_SOURCE_KEYS = re.compile(r"\b(?:named_person|named_organization)\b")
#: An attribution's evidence keys that explain it in words.
ATTRIBUTION_WHY = ("cue", "content", "source_rule")


@dataclass(frozen=True)
class TerminalOptions:
    """What the terminal report shows.

    Attributes:
        show: Kinds highlighted in the article and listed under Findings.
        min_score: Findings scoring below this are left out of every section.
    """

    show: frozenset[str] = DEFAULT_SHOW
    min_score: float = 0.0


def safe(text: str) -> str:
    """``text`` with terminal control characters and bidi overrides made visible.

    Newlines and tabs stay; ``\\r`` becomes a newline; ESC and friends become ``\\x1b``.
    """
    return safe_lines(text)


def _grid(label_width: int | None = None) -> Table:
    """Two columns: a bold label that never wraps, and a value that wraps (never cut)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True, min_width=label_width)
    grid.add_column(overflow="fold")
    return grid


def header(report: Report) -> RenderableType:
    """Title and metadata."""
    grid = _grid()
    for name, value in metadata_items(report):
        grid.add_row(Text(f"{name}:"), Text(safe(value)))
    return Group(Text(safe(title_of(report)), style="bold underline"), grid)


# --- summary ---------------------------------------------------------------------------


def sourcing_text(profile: digest.Sourcing, filtered_by: float = 0.0) -> Text:
    """``10 named (4 people, 6 organisations), 3 anonymous … — 59% named``."""
    counts = dict(profile.counts)
    people, organisations = counts.pop("named_person", 0), counts.pop("named_organization", 0)
    parts = [f"{people + organisations} named ({people} people, {organisations} organisations)"]
    parts += [f"{n} {source_type(t).removesuffix(' source')}" for t, n in counts.items()]
    text = Text(", ".join(parts))
    if not profile.total and filtered_by:
        text = Text(f"no attributed statements scoring {filtered_by:.2f} or more")
    if profile.total:
        text.append(
            f" — {profile.named_share:.0%} of {profile.total} attributed statements have a "
            "named source"
        )
    for reason, n in profile.left_out.items():
        text.append(f"\nLeft out of the profile: {n} ({safe(one_line(reason))})", style="dim")
    return text


def _more(lines: list[str], total: int) -> list[str]:
    return lines + ([f"… and {total - len(lines)} more"] if total > len(lines) else [])


def sources_lines(findings: Sequence[Finding]) -> list[str]:
    """``Olena Petrenko (named person) ×3`` per source, most cited first."""
    found = digest.sources(findings)
    lines = []
    for s in found[:SUMMARY_LIMIT]:
        what = source_type(s.type) + (f", {s.category}" if s.category else "")
        name = one_line(s.name) if s.name else "speaker unresolved"
        lines.append(f"{name} ({what}) ×{s.citations}")
    return _more(lines, len(found))


def claims_lines(findings: Sequence[Finding]) -> list[str]:
    """Claims to check, best score first: ``0.99  The United Nations said … (named …)``."""
    ranked = digest.claims(findings)
    lines = []
    for f in ranked[:SUMMARY_LIMIT]:
        said_by = field(f.fields, "source_type")
        who = f" — source: {source_type(said_by)}" if said_by else ""
        lines.append(f"{format_score(f.score)}  {one_line(f.text)}{who}")
    return _more(lines, len(ranked))


def places_lines(findings: Sequence[Finding]) -> list[str]:
    """``Kyiv, UA ×3`` per place; unresolved ones say so."""
    found = digest.places(findings)
    lines = []
    for p in found[:SUMMARY_LIMIT]:
        where = f", {p.country}" if p.country else ""
        note = "" if p.label == "resolved" else f" ({label_words('place', p.label)})"
        lines.append(f"{one_line(p.name)}{where} ×{p.mentions}{note}")
    return _more(lines, len(found))


def dates_lines(findings: Sequence[Finding]) -> list[str]:
    """``2024-12-11 — “December 11”`` per time expression, dates in time order first."""
    found = digest.dates(findings)
    lines = [
        f"{digest.describe_time_value(digest.time_value(f))} — “{one_line(f.text)}”"
        for f in found[:SUMMARY_LIMIT]
    ]
    return _more(lines, len(found))


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


def summary(report: Report, findings: Sequence[Finding], options: TerminalOptions) -> Table:
    """The summary grid: sourcing, sources, claims, places, dates, techniques, flags."""
    grid = _grid()
    profile = digest.sourcing(report, findings, filtered=options.min_score > 0)
    if profile is not None:
        grid.add_row(Text("Sourcing:"), sourcing_text(profile, options.min_score))
    sections = [
        ("Sources", sources_lines(findings)),
        ("Claims to check", claims_lines(findings)),
        ("Places", places_lines(findings)),
        ("Dates", dates_lines(findings)),
        ("Techniques", techniques_lines(findings)),
        ("Flags", flags_lines(findings)),
    ]
    for heading, lines in sections:
        if lines:
            grid.add_row(Text(f"{heading}:"), Text(safe("\n".join(lines))))
    if not grid.rows:
        grid.add_row(Text("Findings:"), Text(_nothing(options)))
    return grid


def _nothing(options: TerminalOptions) -> str:
    return "none" + (f" scoring {options.min_score:.2f} or more" if options.min_score else "")


# --- article ---------------------------------------------------------------------------


def legend(shown: Iterable[str], counts: dict[str, int]) -> Text:
    """The highlighted kinds, each in its own style, with counts; the hidden ones named."""
    text = Text("Highlighted: ", style="bold")
    kinds = [k for k in (*FINDING_KINDS, *sorted(counts)) if k in shown]
    kinds = [k for k in dict.fromkeys(kinds) if counts.get(k)]
    for i, kind in enumerate(kinds):
        text.append(", " if i else "")
        text.append(safe(kind_heading(kind).lower()), style=kind_style(kind).rich)
        text.append(f" ({counts.get(kind, 0)})")
    if not kinds:
        text.append("nothing")
    hidden = [k for k in counts if k not in shown and counts[k]]
    if hidden:
        names = ", ".join(f"{kind_heading(k).lower()} ({counts[k]})" for k in hidden)
        text.append(f"\nNot highlighted: {safe(names)} (--show to choose)", style="dim")
    return text


def article_text(text: str, findings: Sequence[Finding]) -> Text:
    """The article with each finding highlighted in its kind's style (innermost wins)."""
    out = Text()
    for segment in highlight_segments(text, findings):
        primary = primary_finding(segment.findings, findings)
        style = "" if primary is None else kind_style(findings[primary].kind).rich
        out.append(safe(segment.text), style=style)
    return out


# --- findings --------------------------------------------------------------------------


def _numbers(findings: Sequence[Finding]) -> dict[str, str]:
    """A short reference per finding id, by kind: ``A1``, ``A2`` … ``C1`` …"""
    refs: dict[str, str] = {}
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
        refs[f.id] = f"{_letter(f.kind)}{counts[f.kind]}"
    return refs


def _letter(kind: str) -> str:
    return {"time": "D", "technique": "T", "entity": "E"}.get(kind, kind[:1].upper())


def finding_rows(finding: Finding, refs: dict[str, str]) -> list[tuple[str, str]]:
    """``(label, value)`` lines that describe one finding in full."""
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


def _attribution_rows(finding: Finding, refs: dict[str, str]) -> list[tuple[str, str]]:
    source = finding.fields.get("source")
    who = span_text(source)
    what = source_type(field(source, "type") or finding.label)
    category = source_category(finding)
    described = ", ".join(x for x in (what, category) if x)
    refers_to = field(finding.evidence, "source_refers_to")
    if who and refers_to and str(refers_to).lower() != who.lower():
        who = f"{who}, meaning {refers_to}"
    rows = [("Source", f"{who} ({described})" if who else "speaker unresolved")]
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
        rows.append(("Polarity", said))
    kind = stance(finding)
    if kind:
        rows.append(("Stance", kind))
    via = finding.fields.get("via")
    if via:
        rows.append(("Reported via", refs.get(str(via), str(via))))
    return rows


def _kind_rows(finding: Finding, refs: dict[str, str]) -> list[tuple[str, str]]:
    fields = finding.fields
    rows: list[tuple[str, str]] = []
    if finding.kind == "place":
        entry = digest.resolution(finding)
        if entry:
            where = ", ".join(str(entry[k]) for k in ("name", "admin1", "country") if entry.get(k))
            lat, lon = entry.get("lat"), entry.get("lon")
            if isinstance(lat, int | float) and isinstance(lon, int | float):
                where += f" ({lat:.4f}, {lon:.4f})"
            if entry.get("geonameid"):
                where += f", GeoNames {entry['geonameid']}"
            rows.append(("Place", where))
        suggestions = fields.get("suggestions")
        if finding.label != "resolved" and isinstance(suggestions, list) and suggestions:
            names = [
                ", ".join(str(s[k]) for k in ("name", "admin1", "country") if s.get(k))
                for s in suggestions[:3]
                if isinstance(s, dict)
            ]
            rows.append(("Or perhaps", "; ".join(names)))
    elif finding.kind == "time":
        value = digest.time_value(finding)
        rows.append(("Value", digest.describe_time_value(value)))
        if value and digest.describe_time_value(value) != value:
            rows[-1] = ("Value", f"{digest.describe_time_value(value)} ({value})")
    elif finding.kind == "claim":
        said_by = fields.get("source_type")
        attribution = fields.get("attribution")
        if said_by or attribution:
            ref = f" ({refs[str(attribution)]})" if str(attribution) in refs else ""
            rows.append(("Said by", f"{source_type(said_by)}{ref}"))
    elif finding.kind == "flag":
        for key, name in (("close_entry", "Close to"), ("other", "Other"), ("verb", "Verb")):
            value = field(finding.evidence, key)
            if value:
                rows.append((name, str(value)))
    elif finding.kind == "technique":
        voice = fields.get("voice")
        if voice:
            rows.append(("Voice", "in quoted speech" if voice == "quoted" else "the writer's own"))
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


def findings_list(findings: Sequence[Finding], options: TerminalOptions) -> RenderableType:
    """Every shown finding, grouped by kind, each field on its own wrapped line."""
    refs = _numbers(findings)
    shown = [f for f in findings if f.kind in options.show]
    if not shown:
        return Text(f"No findings to list ({_nothing(options)} of the kinds shown).")
    kinds = list(dict.fromkeys(k for k in (*FINDING_KINDS, *(f.kind for f in shown))))
    blocks: list[RenderableType] = []
    for kind in kinds:
        group = [f for f in shown if f.kind == kind]
        if not group:
            continue
        title = Text(f"{kind_heading(kind)} ({len(group)})", style="bold")
        title.stylize(kind_style(kind).rich, 0, len(kind_heading(kind)))
        blocks.append(title)
        for f in group:
            head = Text(f"{refs[f.id]}  ", style="bold")
            head.append(safe(finding_label(f)))
            head.append(f" · score {format_score(f.score)}", style="dim")
            grid = _grid(label_width=12)
            for name, value in finding_rows(f, refs):
                grid.add_row(Text(f"{name}:"), Text(safe(one_line(value))))
            blocks.append(Padding(Group(head, Padding(grid, (0, 0, 0, 2))), (0, 0, 1, 2)))
    return Group(*blocks)


def print_report(report: Report, console: Console, options: TerminalOptions | None = None) -> None:
    """Print the report: header, summary, highlighted article, findings by kind."""
    options = options or TerminalOptions()
    findings = digest.kept(report.findings, options.min_score)
    console.print(header(report))
    console.print(Rule("Summary"))
    console.print(summary(report, findings, options))
    console.print(Rule("Article"))
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    console.print(legend(options.show, counts))
    console.print()
    highlighted = [f for f in findings if f.kind in options.show]
    console.print(article_text(report.article.text, highlighted))
    console.print(Rule("Findings"))
    console.print(findings_list(findings, options))
