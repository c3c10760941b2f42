"""Shared fixtures: the real pipeline (loaded once), the report schema, offset checks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings
from jsonschema import Draft202012Validator
from spacy.language import Language

from newsift.pipeline import Pipeline, load_spacy

# Property tests: no per-example deadline (a loaded 2-core CI machine is slow), and under CI
# a fixed example sequence, so a landing never depends on a lucky draw; locally, hypothesis
# explores afresh on every run.
settings.register_profile("local", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "local")

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
def nlp() -> Language:
    """spaCy's English pipeline with only newsift's attribution component (attribution tests)."""
    attribution_only = load_spacy()
    # the rules alone: these tests pin what each rule finds (the learned filter has its own)
    attribution_only.add_pipe("newsift_attribution", config={"learned_filter": False})
    return attribution_only


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The full default pipeline with the real English model, loaded once per session."""
    return Pipeline.create()


@pytest.fixture(scope="session")
def example_text() -> str:
    """Body of the bundled example article (title line and blank line removed)."""
    return EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]
