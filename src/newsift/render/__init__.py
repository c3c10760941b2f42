"""Renderers: a :class:`~newsift.model.Report` as terminal text, JSON, Markdown or HTML;
tables (CSV, Parquet) and annotation-tool files (brat, Label Studio) are written by
:mod:`newsift.output` from the rows :mod:`newsift.render.tables`, :mod:`~newsift.render.brat`
and :mod:`~newsift.render.labelstudio` make.

The CLI and the web app call exactly this::

    from newsift.render import render, print_report
    html = render(report, "html")
    print_report(report, rich.console.Console())
"""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console

from newsift.errors import ConfigError, Errors
from newsift.model import Report
from newsift.render.html import render_html
from newsift.render.jsonfmt import render_json, render_jsonl
from newsift.render.markdown import render_markdown
from newsift.render.segments import Segment, highlight_segments
from newsift.render.terminal import DEFAULT_SHOW, TerminalOptions, print_report

__all__ = [
    "DEFAULT_SHOW",
    "EXPORT_FORMATS",
    "FORMATS",
    "REPORT_FORMATS",
    "Segment",
    "TerminalOptions",
    "highlight_segments",
    "print_report",
    "render",
]

#: Formats with one rendering per report (:func:`render`).
REPORT_FORMATS = ("terminal", "json", "jsonl", "md", "html")
#: Formats written as a directory of tables or annotation files for a whole batch.
EXPORT_FORMATS = ("csv", "parquet", "brat", "labelstudio")
#: Every format, as ``--format`` names them.
FORMATS = REPORT_FORMATS + EXPORT_FORMATS
#: Width of the ``terminal`` format when it is rendered to a string.
TEXT_WIDTH = 100


def render_text(report: Report) -> str:
    """The ``terminal`` format as plain text (no colour, :data:`TEXT_WIDTH` columns)."""
    console = Console(
        file=io.StringIO(), width=TEXT_WIDTH, no_color=True, color_system=None, emoji=False
    )
    with console.capture() as capture:
        print_report(report, console)
    return capture.get()


_RENDERERS: dict[str, Callable[[Report], str]] = {
    "terminal": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
    "md": render_markdown,
    "html": render_html,
}


def render(report: Report, fmt: str) -> str:
    """The report in format ``fmt`` (one of :data:`REPORT_FORMATS`).

    ``json`` is indented by two spaces; ``jsonl`` is one line without a trailing newline;
    ``terminal`` gives the terminal report as plain text.

    Raises:
        ConfigError: ``fmt`` is not a known format (E050).
    """
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise ConfigError(Errors.E050, format=fmt, formats=", ".join(REPORT_FORMATS))
    return renderer(report)
