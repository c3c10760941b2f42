"""Checks every test applies to a report: schema-valid, and every offset right."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jsonschema import Draft202012Validator

from newsift.model import offset_violations


def check_report(report: Mapping[str, Any], validator: Draft202012Validator) -> None:
    """Assert a report is schema-valid and every offset is right."""
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    assert not offset_violations(report)
