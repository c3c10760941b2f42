"""Batch exports: CSV and Parquet tables, brat and Label Studio files, and their CLI options."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ET
from functools import partial
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsift import cli, exports
from newsift.cli import app
from newsift.exports import BratSink, LabelStudioSink, TableSink, csv_cell
from newsift.model import FINDING_KINDS, Article, Finding, Report
from newsift.render import DEFAULT_SHOW, TerminalOptions
from newsift.render.tables import FORMULA_START, TABLES, spreadsheet_safe

from .cli_driver import stand_in
from .test_render_terminal import TEXT, report


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def tables(tmp_path: Path, fmt: str, *reports: Report, min_score: float = 0.0) -> Path:
    out = tmp_path / fmt
    sink = TableSink(out, fmt, min_score)
    for rep in reports:
        sink.write(rep)
    sink.close()
    return out


def other_outlet() -> Report:
    rep = report(new_fields=False)
    return dataclasses.replace(
        rep, article=dataclasses.replace(rep.article, outlet="Coast Daily", id="second")
    )


# --- CSV ------------------------------------------------------------------------------


def test_csv_writes_one_table_per_kind_with_fixed_columns(tmp_path: Path) -> None:
    out = tables(tmp_path, "csv", report())
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.csv" for name in TABLES)
    for name, columns in TABLES.items():
        with (out / f"{name}.csv").open(encoding="utf-8", newline="") as stream:
            assert next(csv.reader(stream)) == [c for c, _ in columns]


def test_attribution_rows_carry_source_cue_content_offsets_and_new_fields(
    tmp_path: Path,
) -> None:
    rows = read_csv(tables(tmp_path, "csv", report()) / "attributions.csv")
    assert len(rows) == 4
    for row in rows:
        assert TEXT[int(row["start"]) : int(row["end"])] == row["text"]
        assert TEXT[int(row["content_start"]) : int(row["content_end"])] == row["content"]
        if row["source"]:
            assert TEXT[int(row["source_start"]) : int(row["source_end"])] == row["source"]
    by_source = {row["source"]: row for row in rows}
    first = by_source["The Harbour Authority"]
    assert (first["source_type"], first["source_category"], first["cue"]) == (
        "named_organization",
        "government",
        "said",
    )
    unresolved = by_source[""]
    assert unresolved["source_type"] == "unknown" and unresolved["cue"] == ""
    assert (unresolved["polarity"], unresolved["stance"]) == ("negated", "allegation")
    assert unresolved["via"] == first["finding_id"]


def test_places_dates_claims_and_sources(tmp_path: Path) -> None:
    out = tables(tmp_path, "csv", report())
    (place,) = read_csv(out / "places.csv")
    assert (place["name"], place["country"], place["geonameid"]) == ("Lisbon", "PT", "2267057")
    assert (float(place["lat"]), float(place["lon"])) == (38.72, -9.13)
    dates = {row["text"]: row["value"] for row in read_csv(out / "dates.csv")}
    assert dates == {"Monday": "2025-03-03", "the summer season": ""}
    claims = read_csv(out / "claims.csv")
    assert sorted(row["source_type"] for row in claims) == ["anonymous", "named_organization"]
    sources = read_csv(out / "sources.csv")
    assert {row["source"]: row["citations"] for row in sources}["The Harbour Authority"] == "1"
    assert all(row["article_id"] == report().article.id for row in sources)


def test_outlets_sum_articles_named_share_and_techniques_per_thousand_words(
    tmp_path: Path,
) -> None:
    out = tables(tmp_path, "csv", report(), report(), other_outlet())
    rows = {row["outlet"]: row for row in read_csv(out / "outlets.csv")}
    harbour = rows["Harbour News"]
    words = int(read_csv(out / "articles.csv")[0]["words"])
    assert harbour["articles"] == "2" and int(harbour["words"]) == 2 * words
    # counted as the sourcing profile counts: the declined and negated ones are left out
    assert harbour["attributions"] == "8" and harbour["profiled_attributions"] == "4"
    assert harbour["named_attributions"] == "2"
    assert float(harbour["named_share"]) == 0.5
    assert float(harbour["techniques_per_1000_words"]) == round(1000 * 2 / (2 * words), 3)
    assert rows["Coast Daily"]["articles"] == "1"


def test_min_score_filters_the_table_rows(tmp_path: Path) -> None:
    out = tables(tmp_path, "csv", report(), min_score=0.7)
    assert read_csv(out / "techniques.csv") == []
    assert len(read_csv(out / "attributions.csv")) == 2


@pytest.mark.parametrize("text", ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"])
def test_cells_a_spreadsheet_would_run_get_an_apostrophe(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text
    assert csv_cell(text) == "'" + text


def test_numbers_stay_numbers_and_plain_text_is_untouched() -> None:
    assert csv_cell(-9.13) == "-9.13" and csv_cell(3) == "3" and csv_cell(None) == ""
    assert csv_cell("Lisbon") == "Lisbon"


def test_a_hostile_title_and_finding_are_escaped_in_the_csv(tmp_path: Path) -> None:
    text = '=HYPERLINK("http://evil.example") said the mayor.'
    finding = Finding("claim", "check-worthy", 0, len(text), text, 0.9, "claims", {})
    rep = Report(Article(text, title="@SUM(A1)", outlet="-Wire"), [finding], {}, [], "0")
    out = tables(tmp_path, "csv", rep)
    (claim,) = read_csv(out / "claims.csv")
    assert claim["text"] == "'" + text
    (article,) = read_csv(out / "articles.csv")
    assert article["title"] == "'@SUM(A1)" and article["outlet"] == "'-Wire"
    assert read_csv(out / "outlets.csv")[0]["outlet"] == "'-Wire"


def test_tables_are_written_through_part_files_and_discarded_cleanly(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    out.mkdir()
    (out / "claims.csv").write_text("earlier run\n", encoding="utf-8")
    sink = TableSink(out, "csv")
    sink.write(report())
    assert (out / "claims.csv.part").exists()
    sink.discard()
    assert sorted(p.name for p in out.iterdir()) == ["claims.csv"]
    assert (out / "claims.csv").read_text(encoding="utf-8") == "earlier run\n"


# --- Parquet --------------------------------------------------------------------------


def test_parquet_has_the_csv_columns_and_rows(tmp_path: Path) -> None:
    reports = (report(), other_outlet())
    csv_out = tables(tmp_path, "csv", *reports)
    parquet_out = tables(tmp_path, "parquet", *reports)
    for name, columns in TABLES.items():
        table = pq.read_table(parquet_out / f"{name}.parquet")
        assert table.column_names == [c for c, _ in columns]
        assert table.num_rows == len(read_csv(csv_out / f"{name}.csv"))
    places = pq.read_table(parquet_out / "places.parquet").to_pylist()
    assert places[0]["lat"] == 38.72 and places[0]["geonameid"] == 2267057


def test_parquet_rows_go_out_in_row_groups_as_reports_come(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "PARQUET_ROW_GROUP", 4)
    sink = TableSink(tmp_path / "pq", "parquet")
    for _ in range(5):
        sink.write(report())
        held = sink.tables["attributions"]
        assert isinstance(held, exports._ParquetTable) and len(held.rows) < 4
    sink.close()
    metadata = pq.ParquetFile(tmp_path / "pq" / "attributions.parquet").metadata
    assert metadata.num_rows == 20 and metadata.num_row_groups == 5


# --- brat and Label Studio ------------------------------------------------------------


def test_brat_writes_text_ann_conf_and_metadata(tmp_path: Path) -> None:
    sink = BratSink(tmp_path / "brat")
    rep = report()
    sink.write(rep)
    sink.write(rep)  # the same article twice: two names
    sink.close()
    out = tmp_path / "brat"
    name = rep.article.id
    assert (out / f"{name}.txt").read_text(encoding="utf-8") == TEXT
    assert (out / f"{name}-2.ann").exists()
    ann = (out / f"{name}.ann").read_text(encoding="utf-8")
    assert "\tHasSource Arg1:" in ann and "\tReportedVia Arg1:" in ann
    assert "Polarity T" in ann and "Category T" in ann
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "Loaded_Language" in conf and "Category\tArg:Source, Value:government" in conf
    lines = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["name"] for line in lines] == [name, f"{name}-2"]


def test_labelstudio_tasks_carry_predictions_with_utf16_offsets(tmp_path: Path) -> None:
    text = "Ship 🚢 owners said the port was full."
    found = [
        Finding("claim", "check-worthy", 8, len(text) - 1, text[8:-1], 0.8, "claims", {}),
    ]
    rep = Report(Article(text, title="Port"), found, {}, [], "0.1.0")
    sink = LabelStudioSink(tmp_path / "ls")
    sink.write(rep)
    sink.write(report())
    sink.close()
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    assert len(tasks) == 2
    (region,) = tasks[0]["predictions"][0]["result"]
    value = region["value"]
    assert (value["start"], value["end"]) == (9, len(text.encode("utf-16-le")) // 2 - 1)
    assert value["text"] == text[8:-1] and value["labels"] == ["Claim: check-worthy"]
    relations = [r for r in tasks[1]["predictions"][0]["result"] if r["type"] == "relation"]
    assert {r["labels"][0] for r in relations} == {"source", "cue", "content", "via"}
    config = ET.fromstring((tmp_path / "ls" / "config.xml").read_text(encoding="utf-8"))
    labels = {label.get("value") for label in config.iter("Label")}
    assert {"Claim: check-worthy", "Technique: Loaded_Language", "Source", "Cue"} <= labels


# --- the command line -----------------------------------------------------------------


@pytest.fixture
def stand_in_cli(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr(cli, "run_analyze", partial(cli.run_analyze, pipeline_factory=stand_in))
    return CliRunner()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "csv"], "[E181] --format csv writes a directory"),
        (["--format", "json", "--min-score", "0.5"], "[E180] --min-score applies to"),
        (["--format", "csv", "--show", "claim", "--out", "x/"], "[E180] --show applies"),
        (["--format", "json", "--show", "claim"], "with a format it applies to: terminal."),
        (
            ["--format", "json", "--min-score", "0.5"],
            "with a format it applies to: terminal, csv, parquet, brat, labelstudio.",
        ),
        (["--format", "terminal", "--show", "opinions"], "[E024] --show must be one of"),
        (["--format", "terminal", "--min-score", "2"], "[E024] --min-score must be"),
    ],
)
def test_bad_export_options_stop_with_a_coded_message(
    stand_in_cli: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = stand_in_cli.invoke(app, ["analyze", str(article), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_export_into_a_file_or_around_its_input_is_refused(
    stand_in_cli: CliRunner, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = stand_in_cli.invoke(
        app, ["analyze", str(article), "--format", "brat", "--out", str(article)]
    )
    assert result.exit_code == 2 and "[E181]" in result.stderr and "is a file" in result.stderr
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = stand_in_cli.invoke(
        app, ["analyze", str(article), "--format", "csv", "--out", str(tmp_path / "file")]
    )
    assert result.exit_code == 2 and "[E181]" in result.stderr and "is a file" in result.stderr
    result = stand_in_cli.invoke(
        app, ["analyze", str(article), "--format", "brat", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2 and "[E091]" in result.stderr


def test_analyze_writes_tables_for_a_batch(stand_in_cli: CliRunner, tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Article {name}: {TEXT}", encoding="utf-8")
    out = tmp_path / "out"
    result = stand_in_cli.invoke(
        app,
        [
            "analyze",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "--format",
            "csv",
            "--out",
            str(out),
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert len(read_csv(out / "articles.csv")) == 2
    assert not list(out.glob("*.part"))


def test_docs_name_every_table_and_column() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "tables.md").read_text(encoding="utf-8")
    for name, columns in TABLES.items():
        assert f"### `{name}`" in docs or f"`{name}`" in docs, name
        for column, _ in columns:
            assert f"`{column}`" in docs, (name, column)


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_every_text_cell_reads_back_as_itself_or_with_one_apostrophe(text: str) -> None:
    stream = io.StringIO(newline="")
    csv.writer(stream, lineterminator="\r\n").writerow([csv_cell(text), "end"])
    stream.seek(0)
    cell, end = next(csv.reader(stream))
    assert end == "end"
    assert cell == text or (cell == "'" + text and text.startswith(FORMULA_START))
    assert not cell.startswith(FORMULA_START)


def test_show_all_none_and_defaults() -> None:
    assert cli.view_options("terminal", None, None).show == DEFAULT_SHOW
    assert cli.view_options("terminal", ["all"], None).show == frozenset(FINDING_KINDS)
    assert cli.view_options("terminal", ["none"], 0.5) == TerminalOptions(frozenset(), 0.5)
    assert cli.view_options("csv", None, 0.25).min_score == 0.25
