"""Checks every test applies to a report: schema-valid, and every offset right."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jsonschema import Draft202012Validator

from newsift.model import iter_subspans


def offset_violations(report: Mapping[str, Any]) -> list[str]:
    """Every finding or sub-span whose text is not the article slice it points to."""
    text = report["article"]["text"]
    problems = []
    for finding in report["findings"]:
        for span in iter_subspans(finding):
            start, end = span["start"], span["end"]
            if not (0 <= start <= end <= len(text)) or text[start:end] != span["text"]:
                problems.append(f"{finding['id']}: {start}:{end} {span['text']!r}")
    return problems


def check_report(report: Mapping[str, Any], validator: Draft202012Validator) -> None:
    """Assert a report is schema-valid and every offset is right."""
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    assert not offset_violations(report)
