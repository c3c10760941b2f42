"""The ``json`` and ``jsonl`` formats: the report as ``docs/report.schema.json`` describes it."""

from __future__ import annotations

from newsift.model import Report


def render_json(report: Report) -> str:
    """The report as indented JSON (two spaces), for people and files."""
    return report.to_json(indent=2)


def render_jsonl(report: Report) -> str:
    """The report as one JSON line (no trailing newline), for streams of reports."""
    return report.to_json(indent=None)
