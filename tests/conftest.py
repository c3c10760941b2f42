"""Shared fixtures: the real pipeline (loaded once), the report schema, offset checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from newsift.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = ROOT / "examples" / "article.txt"


@pytest.fixture(scope="session")
def schema_validator() -> Draft202012Validator:
    """Validator for docs/report.schema.json, the report contract."""
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The full default pipeline with the real English model, loaded once per session."""
    return Pipeline.create()


@pytest.fixture(scope="session")
def example_text() -> str:
    """Body of the bundled example article (title line and blank line removed)."""
    return EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]
