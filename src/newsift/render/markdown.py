"""The ``md`` format: a Markdown (CommonMark) report, laid out as the terminal report.

Order: title, byline and dateline, metadata; the summary (sourcing profile, sources, claims
to check ranked by score, places, dates, techniques, flags); every finding grouped by kind,
with its source, cue and content in full; the article with each finding marked by its
reference (``[A1]``, as the findings are headed). The words are the terminal report's
(:mod:`newsift.render.prose`, :mod:`newsift.render.words`).

Article text is data, never markup: every character Markdown could read as syntax is
backslash-escaped, Markdown's line-start constructs (headings, lists, quotes, code
indentation) are defused, and line breaks are normalised, so a hostile article can't
inject links, images, HTML or structure. Control characters (ESC, C1) and bidi overrides
are written visibly (:mod:`newsift.text_safety`): a report read with ``cat`` or ``less -R``
can't drive the terminal, and no viewer shows the text in another order than it is stored.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from newsift.model import FINDING_KINDS, Finding, Report
from newsift.render import digest, prose
from newsift.render.segments import finding_ends, highlight_segments
from newsift.render.view import extra_summary, format_score, metadata_items, one_line, title_of
from newsift.render.words import finding_label, kind_heading
from newsift.text_safety import visible_controls

#: Characters that are Markdown syntax anywhere in a line (``$`` for renderers with math).
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#{}!])")
#: Line starts that would open a block: setext/list/heading markers, ordered-list numbers.
_LINE_START = re.compile(r"^(?:([+\-=:])|(\d+)([.)]))")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def escape(text: str, line_start: bool = False) -> str:
    """``text`` with Markdown syntax escaped and controls made visible; ``line_start`` also
    defuses block markers."""
    escaped = _INLINE.sub(r"\\\1", visible_controls(text, keep="\t\n"))
    if line_start:
        escaped = _LINE_START.sub(_escape_line_start, escaped)
    return escaped


def _escape_line_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def inline(text: str) -> str:
    """One line of escaped text (newlines and runs of spaces become one space)."""
    return escape(one_line(text))


def cell(text: str) -> str:
    """A GFM table cell: one escaped line (``|`` included), never empty."""
    return inline(text) or " "


def table(header: list[str], align: list[str], rows: list[list[str]]) -> list[str]:
    """A GFM table; ``header`` and ``rows`` are already escaped cells."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


@dataclass
class _Run:
    """Article text covered (or not) by some finding, within one line."""

    text: str
    covered: bool


#: A line's content: a text run, a finding's marker, or ``None`` for a line break.
_Token = _Run | str | None


def _tokens(text: str, findings: list[Finding], marks: Sequence[str]) -> list[_Token]:
    """The article as runs, markers and line breaks; neighbouring runs alike are merged."""
    ends = finding_ends(text, findings)
    tokens: list[_Token] = [marks[i] for i in ends.get(0, [])]
    for segment in highlight_segments(text, findings):
        for j, piece in enumerate(_NEWLINE.split(segment.text)):
            if j:
                tokens.append(None)
            last = tokens[-1] if tokens else None
            if isinstance(last, _Run) and last.covered == bool(segment.findings):
                last.text += piece
            elif piece:
                tokens.append(_Run(piece, bool(segment.findings)))
        tokens.extend(marks[i] for i in ends.get(segment.end, []))
    return tokens


def _opens(previous: str, first: str) -> bool:
    """Whether ``**`` between these characters can open bold (CommonMark "left-flanking").

    A delimiter followed by punctuation opens only after whitespace or punctuation; when in
    doubt this says no, and the run is left plain (its ``[n]`` marker still shows it).
    """
    if first.isalnum():
        return True
    return not previous or previous.isspace() or _is_punctuation(previous)


def _is_punctuation(char: str) -> bool:
    return char in string.punctuation or unicodedata.category(char).startswith("P")


def _run(run: _Run, previous: str) -> str:
    """A run as Markdown; covered runs in bold, with their edge whitespace kept outside.

    Args:
        run: The run.
        previous: The character before it on its line (``""`` at the start of a line).
    """
    core = run.text.strip()
    lead = run.text[: len(run.text) - len(run.text.lstrip())]
    if not run.covered or not core or not _opens(lead[-1:] or previous, core[0]):
        plain = escape(run.text, line_start=not previous)
        # After a marker ``[n]``, "(" would make a link and ":" a link definition.
        return "\\" + plain if previous == "]" and plain[0] in "(:" else plain
    trail = run.text[len(run.text.rstrip()) :]
    return f"{lead}**{escape(core)}**{trail}"


def article_lines(
    text: str, findings: list[Finding], marks: Sequence[str] | None = None
) -> list[str]:
    """The article as Markdown lines, findings as ``**text**[A1]``, indentation dropped.

    Args:
        text: The article text.
        findings: Its findings.
        marks: Each finding's marker (its reference); ``1``, ``2`` … when not given.
    """
    marks = marks if marks is not None else [str(i) for i in range(1, len(findings) + 1)]
    lines: list[str] = []
    current: list[str] = []
    previous = ""
    for token in [*_tokens(text, findings, marks), None]:
        if token is None:
            lines.append("".join(current).rstrip())
            current, previous = [], ""
        elif isinstance(token, str):
            current.append(f"[{token}]")
            previous = "]"
        else:
            if not current:
                token = _Run(token.text.lstrip(" \t"), token.covered)
            if token.text:
                current.append(_run(token, previous))
                previous = token.text[-1]
    return lines


def blockquote(lines: list[str]) -> list[str]:
    """Lines as a blockquote; single line breaks kept as hard breaks (a final ``\\``)."""
    out = []
    for i, line in enumerate(lines):
        hard = line and i + 1 < len(lines) and lines[i + 1]
        out.append(f"> {line}\\" if hard else f"> {line}" if line else ">")
    return out


def _items(rows: list[tuple[str, str]]) -> list[str]:
    """``- **Name:** value`` per row, values escaped."""
    return [f"- **{inline(name)}:** {inline(value)}" for name, value in rows]


def _summary(report: Report) -> list[str]:
    """Sourcing profile, then sources, claims ranked by score, places, dates, techniques
    and flags (the terminal report's summary, from :mod:`newsift.render.digest`)."""
    lines: list[str] = []
    profile = digest.sourcing(report, report.findings, filtered=False)
    if profile is not None:
        lines += [f"**Sourcing:** {inline(prose.sourcing_line(profile))}", ""]
        lines += [f"- {inline(line)}" for line in prose.left_out_lines(profile)]
    for heading, entries in prose.summary_sections(report.findings):
        marker = "1." if heading == "Claims to check" else "-"
        lines += ["", f"### {heading}", "", *(f"{marker} {inline(e)}" for e in entries)]
    extra = extra_summary(report.summary)
    if extra:
        lines += ["", "### More", "", *_items(extra)]
    return [line for i, line in enumerate(lines) if line or (i and lines[i - 1])] or [
        "No findings."
    ]


def _findings(report: Report) -> list[str]:
    """Every finding, grouped by kind, each with its rows in full."""
    if not report.findings:
        return ["No findings."]
    refs = prose.references(report.findings)
    marks = prose.reference_list(report.findings)
    kinds = dict.fromkeys((*FINDING_KINDS, *(str(f.kind) for f in report.findings)))
    lines: list[str] = []
    for kind in kinds:
        group = [(m, f) for m, f in zip(marks, report.findings, strict=True) if f.kind == kind]
        if not group:
            continue
        lines += ["", f"### {inline(kind_heading(kind))} ({len(group)})"]
        for mark, f in group:
            title = f"{mark} · {finding_label(f)} · score {format_score(f.score)}"
            lines += ["", f"#### {inline(title)}", "", *_items(prose.finding_rows(f, refs))]
    return lines[1:]


def render_markdown(report: Report) -> str:
    """The report as Markdown: title, byline and metadata, summary, findings by kind, and
    the article with each finding marked by its reference (``[A1]``)."""
    lines = [f"# {inline(title_of(report))}", ""]
    lines += _items([*prose.byline_items(report), *metadata_items(report)])
    lines += ["", "## Summary", "", *_summary(report)]
    lines += ["", "## Findings", "", *_findings(report), "", "## Article", ""]
    marks = prose.reference_list(report.findings)
    lines += blockquote(article_lines(report.article.text, report.findings, marks))
    return "\n".join(lines) + "\n"
