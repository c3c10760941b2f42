"""The ``terminal`` format: a report printed with rich.

Article text never goes through rich markup (it is always wrapped in ``Text``), and
control characters that could drive the terminal are shown, not sent.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsift.model import Report
from newsift.render.segments import finding_ends, highlight_segments, primary_finding
from newsift.render.style import kind_style
from newsift.render.view import (
    evidence_line,
    extra_summary,
    fields_line,
    format_score,
    kind_counts,
    label_counts,
    legend_entries,
    metadata_items,
    one_line,
    sourcing_line,
    summary_sections,
    title_of,
    top_entities,
    truncate,
)
from newsift.text_safety import safe_lines

MARKER_STYLE = "bold"
TEXT_WIDTH = 60


def safe(text: str) -> str:
    """``text`` with terminal control characters and bidi overrides made visible.

    Newlines and tabs stay; ``\\r`` becomes a newline; ESC and friends become ``\\x1b``.
    """
    return safe_lines(text)


def header(report: Report) -> RenderableType:
    """Title and metadata."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in metadata_items(report):
        grid.add_row(Text(f"{name}:"), Text(safe(value)))
    return Group(Text(safe(title_of(report)), style="bold underline"), grid)


def legend(report: Report) -> Text:
    """Each kind as it is highlighted, with its line style in words and its count."""
    text = Text("Legend: ", style="bold")
    for i, entry in enumerate(legend_entries(report)):
        if i:
            text.append("  ")
        text.append(safe(entry.style.kind), style=entry.style.rich)
        text.append(f" ({entry.count})")
    text.append("\nEach finding ends with its number in brackets, e.g. ")
    text.append("[1]", style=MARKER_STYLE)
    text.append("; the table below lists them.")
    return text


def article_text(report: Report) -> Text:
    """The article with findings highlighted by kind and numbered ``[n]`` at their end."""
    text, findings = report.article.text, report.findings
    ends = finding_ends(text, findings)
    out = Text(overflow="fold")
    _append_markers(out, ends.get(0, []), report)
    for segment in highlight_segments(text, findings):
        primary = primary_finding(segment.findings, findings)
        style = "" if primary is None else kind_style(findings[primary].kind).rich
        out.append(safe(segment.text), style=style)
        _append_markers(out, ends.get(segment.end, []), report)
    return out


def _append_markers(out: Text, indices: Iterable[int], report: Report) -> None:
    for index in indices:
        colour = kind_style(report.findings[index].kind).colour
        out.append(f"[{index + 1}]", style=f"{MARKER_STYLE} {colour}")


def summary(report: Report) -> RenderableType:
    """Counts per kind and label, top entities, and any other summary entries."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    counts = kind_counts(report)
    total = ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "none"
    grid.add_row(Text("Findings:"), Text(safe(f"{len(report.findings)} ({total})")))
    for kind, labels in label_counts(report).items():
        listed = ", ".join(f"{label} {n}" for label, n in labels)
        grid.add_row(Text(safe(f"{kind} labels:")), Text(safe(listed)))
    entities = top_entities(report)
    if entities:
        listed = ", ".join(f"{text} ({label}) ×{n}" for text, label, n in entities)
        grid.add_row(Text("Top entities:"), Text(safe(one_line(listed))))
    for key, value in extra_summary(report.summary):
        grid.add_row(Text(safe(f"{key}:")), Text(safe(value)))
    for heading, lines in summary_sections(report.summary):
        grid.add_row(Text(f"{heading}:"), Text(safe("\n".join(lines))))
    return grid


def findings_table(report: Report) -> RenderableType:
    """One row per finding: number, kind, label, text, score and the reason in one line."""
    if not report.findings:
        return Text("No findings.")
    table = Table(show_lines=False, expand=True, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Label", no_wrap=True, max_width=16, overflow="ellipsis")
    table.add_column("Text", ratio=3, no_wrap=True, overflow="ellipsis")
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Reason", ratio=4, no_wrap=True, overflow="ellipsis")
    for i, finding in enumerate(report.findings, 1):
        cell = Text(safe(truncate(one_line(finding.text), TEXT_WIDTH)))
        details = fields_line(finding)
        if details:
            cell.append("\n" + safe(details), style="dim")
        table.add_row(
            Text(str(i)),
            Text(safe(finding.kind), style=kind_style(finding.kind).rich),
            Text(safe(str(finding.label))),
            cell,
            Text(format_score(finding.score)),
            Text(safe(evidence_line(finding))),
        )
    return table


def print_report(report: Report, console: Console) -> None:
    """Print the report: header, sourcing, legend, highlighted article, summary, findings."""
    console.print(header(report))
    line = sourcing_line(report.summary)
    if line:
        console.print(Text(safe(line), style="bold reverse"))
    console.print(legend(report))
    console.print(Rule("Article"))
    console.print(article_text(report))
    console.print(Rule("Summary"))
    console.print(summary(report))
    console.print(Rule("Findings"))
    console.print(findings_table(report))
