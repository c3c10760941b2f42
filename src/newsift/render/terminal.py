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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsift.model import FINDING_KINDS, Finding, Report
from newsift.render import digest, prose
from newsift.render.segments import highlight_segments, primary_finding
from newsift.render.style import kind_style
from newsift.render.view import format_score, metadata_items, one_line, title_of
from newsift.render.words import finding_label, kind_heading
from newsift.text_safety import safe_lines

#: Kinds highlighted and listed unless ``--show`` says otherwise: all but entities.
DEFAULT_SHOW: frozenset[str] = frozenset(k for k in FINDING_KINDS if k != "entity")


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
    """Title, byline and dateline, and metadata."""
    grid = _grid()
    for name, value in [*prose.byline_items(report), *metadata_items(report)]:
        grid.add_row(Text(f"{name}:"), Text(safe(value)))
    return Group(Text(safe(title_of(report)), style="bold underline"), grid)


# --- summary ---------------------------------------------------------------------------


def sourcing_text(profile: digest.Sourcing, filtered_by: float = 0.0) -> Text:
    """The sourcing profile, and what it left out (dim)."""
    text = Text(prose.sourcing_line(profile, filtered_by))
    for line in prose.left_out_lines(profile):
        text.append(f"\n{safe(line)}", style="dim")
    return text


def summary(report: Report, findings: Sequence[Finding], options: TerminalOptions) -> Table:
    """The summary grid: sourcing, sources, claims, places, dates, techniques, flags."""
    grid = _grid()
    profile = digest.sourcing(report, findings, filtered=options.min_score > 0)
    if profile is not None:
        grid.add_row(Text("Sourcing:"), sourcing_text(profile, options.min_score))
    for heading, lines in prose.summary_sections(findings):
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


def findings_list(findings: Sequence[Finding], options: TerminalOptions) -> RenderableType:
    """Every shown finding, grouped by kind, each field on its own wrapped line."""
    refs = prose.references(findings)
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
            for name, value in prose.finding_rows(f, refs):
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
