"""``corpus copies|origins|stories|network --format parquet --out FILE`` and ``--out``."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from newsift.cli import app
from newsift.corpus.export import ARROW_SCHEMAS, parquet_table
from tests.corpus.conftest import EXAMPLE_CORPUS

runner = CliRunner()
COMMANDS = ("copies", "origins", "stories", "network")


@pytest.fixture
def example_db(db_url: str) -> str:
    result = runner.invoke(
        app, ["corpus", "add", str(EXAMPLE_CORPUS), "--db", db_url, "--no-analyze"]
    )
    assert result.exit_code == 0, result.output
    return db_url


def _as_json_row(command: str, row: dict[str, Any]) -> dict[str, Any]:
    """A Parquet row read back, in the JSONL row's shape (absent evidence fields are null
    in the struct; a map comes back as key/value pairs)."""
    if command == "copies":
        row["evidence"] = {k: v for k, v in row["evidence"].items() if v is not None}
    if command == "network":
        row["kinds"] = dict(row["kinds"])
    return row


def test_parquet_tables_hold_the_jsonl_rows_typed(
    example_db: str, tmp_path: Path, rows_validator: Draft202012Validator
) -> None:
    for command in COMMANDS:
        fmt = "csv" if command == "network" else "jsonl"
        text_out = tmp_path / f"{command}.{fmt}"
        result = runner.invoke(
            app, ["corpus", command, "--db", example_db, "--format", fmt, "--out", str(text_out)]
        )
        assert result.exit_code == 0, result.output
        assert result.output == ""  # written to the file, nothing on stdout
        target = tmp_path / f"{command}.parquet"
        result = runner.invoke(
            app,
            ["corpus", command, "--db", example_db, "--format", "parquet", "--out", str(target)],
        )
        assert result.exit_code == 0, result.output
        assert not (tmp_path / f"{command}.parquet.part").exists()
        table = pq.read_table(target)
        assert table.schema.equals(ARROW_SCHEMAS[command], check_metadata=False)
        got = [_as_json_row(command, r) for r in table.to_pylist()]
        for row in got:
            rows_validator.validate(row)
        if command == "network":  # CSV: a header, then one line per row
            assert len(got) == len(text_out.read_text().splitlines()) - 1
        else:
            assert got == [json.loads(line) for line in text_out.read_text().splitlines()]
    copies = pq.read_table(tmp_path / "copies.parquet").to_pylist()
    farm = next(r for r in copies if (r["source"], r["copy"]) == ("wire-001", "farm-001"))
    assert farm["kind"] == "verbatim" and farm["passages"][0]["source_start"] >= 0
    assert isinstance(farm["evidence"]["shared_words"], int)
    state = next(r for r in copies if r["copy"] == "state-001" and r["source"] == "wire-001")
    assert state["evidence"]["cue"] == "According to Harbor Wire"
    network = pq.read_table(tmp_path / "network.parquet").to_pylist()
    edge = next(r for r in network if r["copy_outlet"] == "DailyNewsHub")
    assert dict(edge["kinds"]) == {"verbatim": 1} and math.isclose(edge["median_lag_seconds"], 1260)


def test_parquet_without_out_is_e150_before_reading_the_corpus(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.db")
    for command in COMMANDS:
        result = runner.invoke(app, ["corpus", command, "--db", missing, "--format", "parquet"])
        assert result.exit_code == 2 and "[E150]" in result.output, result.output


def test_an_unwritable_out_is_e040(example_db: str, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "copies.parquet"
    result = runner.invoke(
        app, ["corpus", "copies", "--db", example_db, "--format", "parquet", "--out", str(target)]
    )
    assert result.exit_code == 2 and "[E040]" in result.output


def test_network_html_and_graphml_go_to_out(example_db: str, tmp_path: Path) -> None:
    for fmt in ("html", "graphml"):
        out = tmp_path / f"net.{fmt}"
        result = runner.invoke(
            app, ["corpus", "network", "--db", example_db, "-f", fmt, "--out", str(out)]
        )
        assert result.exit_code == 0 and result.output == ""
        assert "Harbor Wire" in out.read_text(encoding="utf-8")


def test_an_evidence_field_without_an_arrow_type_is_refused() -> None:
    row = {
        "source": "a", "copy": "b", "kind": "verbatim", "direction": "forward",
        "direction_reason": "timestamps", "score": 1.0, "containment_source": 1.0,
        "containment_copy": 1.0, "passages": [], "evidence": {"new_field": 1},
    }  # fmt: skip
    with pytest.raises(ValueError, match="new_field"):
        parquet_table("copies", [row])


def test_out_may_not_replace_the_store(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    runner.invoke(app, ["corpus", "add", str(EXAMPLE_CORPUS), "--db", str(db), "--no-analyze"])
    before = db.read_bytes()
    for args in (
        ["copies", "--format", "parquet"],
        ["network", "--format", "html"],
        ["show", "wire-001", "--format", "json"],
    ):
        result = runner.invoke(app, ["corpus", *args, "--db", str(db), "--out", str(db)])
        assert result.exit_code == 2 and "[E041]" in result.output, result.output
    assert db.read_bytes() == before
