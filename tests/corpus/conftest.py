"""Fixtures of the corpus tests: a store URL on SQLite and, where a server runs, PostgreSQL.

PostgreSQL: ``NEWSIFT_TEST_POSTGRES`` names the database (CI sets it from
``scripts/install-postgres.sh``); without it the local default of that script is tried.
Each test gets a schema of its own (dropped afterwards), so tests can run in parallel.
The PostgreSQL cases skip, saying why, only when no server answers at the local default;
with ``NEWSIFT_TEST_POSTGRES`` (or ``CI``) set they fail instead.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CORPUS = ROOT / "examples" / "corpus" / "articles.jsonl"
LOCAL_POSTGRES = "postgresql://newsift:newsift@localhost:5432/newsift"


def _postgres_url() -> str:
    return os.environ.get("NEWSIFT_TEST_POSTGRES") or LOCAL_POSTGRES


def _engine(url: str) -> Any:
    from sqlalchemy import create_engine

    from newsift.corpus.store import engine_url

    return create_engine(engine_url(url))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty corpus database URL: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'corpus.db'}"
        return
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    base = _postgres_url()
    try:
        engine = _engine(base)
        with engine.begin() as conn:
            schema = f"t_{uuid.uuid4().hex[:12]}"
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as error:
        if os.environ.get("NEWSIFT_TEST_POSTGRES") or os.environ.get("CI"):
            raise  # asked for: a missing server is a failure, not a skip
        pytest.skip(
            f"no PostgreSQL server at {base} ({type(error.orig).__name__}); run "
            "scripts/install-postgres.sh (as root) or set NEWSIFT_TEST_POSTGRES"
        )
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture(scope="session")
def rows_validator() -> Draft202012Validator:
    """Validator for docs/corpus-rows.schema.json."""
    schema = json.loads((ROOT / "docs" / "corpus-rows.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Write ``rows`` as JSONL and return ``path``."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
