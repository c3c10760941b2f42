"""The ``md`` format: a Markdown (CommonMark + GFM tables) report.

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
from dataclasses import dataclass

from newsift.model import Finding, Report
from newsift.render.segments import finding_ends, highlight_segments
from newsift.render.view import (
    evidence_line,
    extra_summary,
    fields_line,
    format_score,
    kind_counts,
    label_counts,
    metadata_items,
    one_line,
    sourcing_line,
    summary_sections,
    title_of,
    top_entities,
    truncate,
)
from newsift.text_safety import visible_controls

#: Characters that are Markdown syntax anywhere in a line (``$`` for renderers with math).
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#{}!])")
#: Line starts that would open a block: setext/list/heading markers, ordered-list numbers.
_LINE_START = re.compile(r"^(?:([+\-=:])|(\d+)([.)]))")
_NEWLINE = re.compile(r"\r\n|\r|\n")
TEXT_WIDTH = 120


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


#: A line's content: a text run, a finding number marker, or ``None`` for a line break.
_Token = _Run | int | None


def _tokens(text: str, findings: list[Finding]) -> list[_Token]:
    """The article as runs, markers and line breaks; neighbouring runs alike are merged."""
    ends = finding_ends(text, findings)
    tokens: list[_Token] = [i + 1 for i in ends.get(0, [])]
    for segment in highlight_segments(text, findings):
        for j, piece in enumerate(_NEWLINE.split(segment.text)):
            if j:
                tokens.append(None)
            last = tokens[-1] if tokens else None
            if isinstance(last, _Run) and last.covered == bool(segment.findings):
                last.text += piece
            elif piece:
                tokens.append(_Run(piece, bool(segment.findings)))
        tokens.extend(i + 1 for i in ends.get(segment.end, []))
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


def article_lines(text: str, findings: list[Finding]) -> list[str]:
    """The article as Markdown lines, findings as ``**text**[n]``, indentation dropped."""
    lines: list[str] = []
    current: list[str] = []
    previous = ""
    for token in [*_tokens(text, findings), None]:
        if token is None:
            lines.append("".join(current).rstrip())
            current, previous = [], ""
        elif isinstance(token, int):
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


def _summary(report: Report) -> list[str]:
    if not report.findings:
        return ["No findings."]
    labels = label_counts(report)
    rows = [
        [cell(kind), str(n), cell(", ".join(f"{lab} {c}" for lab, c in labels.get(kind, [])))]
        for kind, n in kind_counts(report).items()
    ]
    lines = table(["Kind", "Findings", "Labels"], [":--", "--:", ":--"], rows)
    entities = top_entities(report)
    if entities:
        listed = ", ".join(f"{text} ({label}) ×{n}" for text, label, n in entities)
        lines += ["", f"**Top entities:** {inline(listed)}"]
    return lines


def _attribution_note(finding: Finding, numbers: dict[str, int]) -> str:
    """What a reader must not miss about an attribution, in words: a statement not made
    (negated, declined), an allegation, belief or intention, a speaker left unresolved, and
    the finding it is reported through (its row number)."""
    if finding.kind != "attribution":
        return ""
    notes = []
    polarity = finding.fields.get("polarity", "asserted")
    if polarity == "negated":
        notes.append("NOT said (negated)")
    elif polarity == "declined":
        notes.append("no statement (declined)")
    stance = finding.fields.get("stance", "statement")
    if stance != "statement":
        notes.append(str(stance))
    if finding.label == "unknown":
        notes.append("speaker unresolved")
    via = finding.fields.get("via")
    if via:
        notes.append(f"reported via #{numbers[via]}" if via in numbers else "reported via another")
    category = (finding.fields.get("source") or {}).get("category")
    if category and category != "other":
        notes.append(f"source: {category}")
    return "; ".join(notes)


def _findings(report: Report) -> list[str]:
    if not report.findings:
        return ["No findings."]
    numbers = {f.id: i for i, f in enumerate(report.findings, 1)}
    rows = [
        [
            str(i),
            cell(f.kind),
            cell(str(f.label)),
            cell(truncate(one_line(f.text), TEXT_WIDTH)),
            cell(format_score(f.score)),
            cell(evidence_line(f)),
            cell("; ".join(x for x in (_attribution_note(f, numbers), fields_line(f)) if x)),
        ]
        for i, f in enumerate(report.findings, 1)
    ]
    header = ["#", "Kind", "Label", "Text", "Score", "Evidence", "Details"]
    return table(header, ["--:", ":--", ":--", ":--", "--:", ":--", ":--"], rows)


def render_markdown(report: Report) -> str:
    """The report as Markdown: title, metadata, sourcing, summary, findings, article."""
    lines = [f"# {inline(title_of(report))}", ""]
    lines += [f"- **{name}:** {inline(value)}" for name, value in metadata_items(report)]
    sourcing = sourcing_line(report.summary)
    if sourcing:
        lines += ["", f"**{inline(sourcing)}**"]
    left_out = (report.summary.get("sourcing") or {}).get("left_out") or {}
    if left_out:
        reasons = ", ".join(f"{count} {reason}" for reason, count in left_out.items())
        lines += ["", inline(f"Not counted in the sourcing: {reasons}.")]
    lines += ["", "## Summary", "", *_summary(report)]
    extra = extra_summary(report.summary)
    if extra:
        lines += ["", *(f"- **{inline(key)}:** {inline(value)}" for key, value in extra)]
    for heading, entries in summary_sections(report.summary):
        lines += ["", f"### {heading}", "", *(f"1. {inline(entry)}" for entry in entries)]
    lines += ["", "## Findings", "", *_findings(report), "", "## Article", ""]
    lines += blockquote(article_lines(report.article.text, report.findings))
    return "\n".join(lines) + "\n"
