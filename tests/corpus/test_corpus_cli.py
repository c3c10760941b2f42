"""``newsift corpus …`` and ``newsift compare`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from newsift.cli import app
from newsift.corpus.commands import safe_cell, write_rows
from newsift.corpus.store import CorpusStore
from newsift.model import text_id
from tests.corpus.conftest import EXAMPLE_CORPUS, ROOT, write_jsonl

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def rows(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture
def example_db(db_url: str) -> str:
    result = run("corpus", "add", str(EXAMPLE_CORPUS), "--db", db_url, "--no-analyze")
    assert result.exit_code == 0, result.output
    return db_url


def test_add_stores_every_article_once_and_again_is_a_no_op(example_db: str) -> None:
    again = run("corpus", "add", str(EXAMPLE_CORPUS), "--db", example_db, "--no-analyze")
    assert again.exit_code == 0
    assert "0 added (0 analysed), 7 already stored" in again.output
    with CorpusStore.open(example_db) as store:
        assert store.count() == 7
        german = store.article("de-001")
        assert german is not None and german[0].language == "de"
        wire = store.article("wire-001")
        assert wire is not None and wire[0].published is not None
        assert wire[0].published.isoformat() == "2026-03-03T07:10:00+00:00"
        assert len(store.fingerprints()) == 7


def test_bad_inputs_are_recorded_with_their_code_and_the_exit_is_1(
    db_url: str, tmp_path: Path
) -> None:
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {"id": "ok", "text": "A good article about the harbour strike in Valdmere."},
            {"id": "no-text", "title": "Only a title"},
            {"id": "blank", "text": "   "},
        ],
    )
    result = run("corpus", "add", str(feed), "--db", db_url, "--no-analyze")
    assert result.exit_code == 1
    assert "[E008]" in result.output and "[E032]" in result.output
    assert "1 added (0 analysed), 0 already stored, 2 could not be added." in result.output
    with CorpusStore.open(db_url) as store:
        recorded = [(e.source, e.code) for e in store.errors()]
    assert recorded == [(f"{feed}:2", "E008"), (f"{feed}:3", "E032")]


def test_the_same_text_twice_in_one_batch_is_stored_once(db_url: str, tmp_path: Path) -> None:
    text = "One text, sent twice by two feeds."
    feed = write_jsonl(tmp_path / "f.jsonl", [{"id": "a", "text": text}, {"id": "b", "text": text}])
    result = run("corpus", "add", str(feed), "--db", db_url, "--no-analyze")
    assert "1 added (0 analysed), 1 already stored" in result.output
    with CorpusStore.open(db_url) as store:
        assert [a.id for a in store.articles()] == ["a"]


def test_an_id_taken_by_another_text_is_stored_under_newsift_id(
    db_url: str, tmp_path: Path
) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", [{"id": "x", "text": "The first text here."}])
    second = write_jsonl(tmp_path / "b.jsonl", [{"id": "x", "text": "Another text entirely."}])
    run("corpus", "add", str(first), "--db", db_url, "--no-analyze")
    result = run("corpus", "add", str(second), "--db", db_url, "--no-analyze")
    assert result.exit_code == 0
    assert "[W140]" in result.output and "already used by another article" in result.output
    with CorpusStore.open(db_url) as store:
        stored = {a.id: a.text for a in store.articles()}
    assert stored == {
        "x": "The first text here.",
        text_id("Another text entirely."): ("Another text entirely."),
    }


def test_copies_origins_and_stories_of_the_example(
    example_db: str, rows_validator: Draft202012Validator
) -> None:
    copies = rows(run("corpus", "copies", "--db", example_db).output)
    pairs = {(row["source"], row["copy"]): row for row in copies}
    assert pairs[("wire-001", "farm-001")]["kind"] == "verbatim"
    assert ("wire-001", "excerpt-001") in pairs and ("wire-001", "state-001") in pairs
    assert not any("indep-001" in pair or "other-001" in pair for pair in pairs)
    origins = rows(run("corpus", "origins", "--db", example_db).output)
    assert [o["earliest"] for o in origins] == ["wire-001"]
    stories = rows(run("corpus", "stories", "--db", example_db).output)
    assert [s["members"] for s in stories] == [
        ["excerpt-001", "farm-001", "indep-001", "state-001", "wire-001"]
    ]
    for row in copies + origins + stories:
        rows_validator.validate(row)


def test_csv_has_the_jsonl_columns(example_db: str) -> None:
    output = run("corpus", "copies", "--db", example_db, "--format", "csv").output
    table = list(csv.DictReader(io.StringIO(output)))
    assert list(table[0]) == [
        "source", "copy", "kind", "direction", "direction_reason", "score",
        "containment_source", "containment_copy", "passages", "evidence",
    ]  # fmt: skip
    assert json.loads(table[0]["passages"])[0]["source_start"] >= 0


def test_csv_cells_are_escaped_against_formula_injection() -> None:
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("+1+1") == "'+1+1"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("-3.5") == "-3.5"
    assert safe_cell(["a"]) == '["a"]'
    assert safe_cell(None) == ""


@given(st.text())
def test_no_csv_cell_starts_a_formula_and_the_text_survives(value: str) -> None:
    out: list[str] = []
    write_rows([{"outlet": value}], "csv", out.append)
    (row,) = list(csv.DictReader(io.StringIO("".join(out), newline="")))
    cell = row["outlet"]
    assert cell in (value, "'" + value)
    if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        float(cell)  # only a number may start so


def test_network_formats(example_db: str) -> None:
    table = run("corpus", "network", "--db", example_db).output
    assert table.splitlines()[0] == "source_outlet,copy_outlet,copies,median_lag_seconds,kinds"
    assert "Harbor Wire,DailyNewsHub,1,1260.0" in table
    graphml = run("corpus", "network", "--db", example_db, "--format", "graphml").output
    assert "<graphml" in graphml and "Harbor Wire" in graphml
    page = run("corpus", "network", "--db", example_db, "--format", "html").output
    assert "<svg" in page and "http" not in page.split("<svg", 1)[0].replace(
        "http://www.w3.org", ""
    )


def test_show_gives_the_article_and_other_coverage(example_db: str) -> None:
    result = run("corpus", "show", "wire-001", "--db", example_db)  # not a TTY: JSON
    assert result.exit_code == 0
    shown = json.loads(result.output)
    coverage = shown["other_coverage"]
    assert {c["copy"] for c in coverage["copies"]} >= {"farm-001", "excerpt-001"}
    assert "indep-001" in [m["id"] for m in coverage["story"]["mates"]]
    assert shown["report"] is None  # added with --no-analyze


def test_show_an_unknown_id_is_e094(example_db: str) -> None:
    result = run("corpus", "show", "nope", "--db", example_db)
    assert result.exit_code == 2
    assert "[E144]" in result.output and "'nope'" in result.output


def test_reading_commands_refuse_a_missing_store(tmp_path: Path) -> None:
    result = run("corpus", "stories", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "[E142]" in result.output


def test_a_bad_format_is_e024(example_db: str) -> None:
    result = run("corpus", "copies", "--db", example_db, "--format", "xml")
    assert result.exit_code == 2 and "[E024]" in result.output


def test_compare_a_copy_and_an_unrelated_article(tmp_path: Path) -> None:
    articles = {json.loads(line)["id"]: json.loads(line) for line in EXAMPLE_CORPUS.open()}
    for name in ("wire-001", "farm-001", "other-001"):
        (tmp_path / f"{name}.txt").write_text(articles[name]["text"], encoding="utf-8")
    same = json.loads(
        run("compare", str(tmp_path / "wire-001.txt"), str(tmp_path / "farm-001.txt")).output
    )
    assert same["kind"] == "verbatim" and same["copy"]["kind"] == "verbatim"
    assert same["passages"][0]["source_start"] == 0
    other = json.loads(
        run("compare", str(tmp_path / "wire-001.txt"), str(tmp_path / "other-001.txt")).output
    )
    assert other["copy"] is None and other["kind"] is None
    assert other["story_similarity"] < same["story_similarity"]


def test_a_content_farm_mirror_is_no_one_s_source_in_the_example(example_db: str) -> None:
    copies = rows(run("corpus", "copies", "--db", example_db).output)
    assert {(row["source"], row["copy"]) for row in copies} == {
        ("wire-001", "farm-001"),
        ("wire-001", "excerpt-001"),
        ("wire-001", "state-001"),
    }
    network = run("corpus", "network", "--db", example_db).output.splitlines()[1:]
    links = {tuple(line.split(",")[:2]) for line in network}
    assert ("DailyNewsHub", "State Broadcaster") not in links
    assert not any(source == "DailyNewsHub" for source, _ in links)
    shown = json.loads(run("corpus", "show", "state-001", "--db", example_db).output)
    assert [e["source"] for e in shown["other_coverage"]["sources"]] == ["wire-001"]
    (origin,) = rows(run("corpus", "origins", "--db", example_db).output)
    assert origin["tree"] == [
        ["wire-001", "excerpt-001"],
        ["wire-001", "farm-001"],
        ["wire-001", "state-001"],
    ]


def test_compare_gives_the_direction_its_evidence_supports(tmp_path: Path) -> None:
    articles = {json.loads(line)["id"]: json.loads(line) for line in EXAMPLE_CORPUS.open()}
    for name in ("wire-001", "state-001"):
        (tmp_path / f"{name}.txt").write_text(articles[name]["text"], encoding="utf-8")
    state, wire = str(tmp_path / "state-001.txt"), str(tmp_path / "wire-001.txt")
    # plain text: no outlets, no times; the containments differ but neither is an excerpt
    plain = json.loads(run("compare", wire, state).output)
    assert plain["copy"]["direction"] == "undetermined"
    reason = plain["copy"]["direction_reason"]
    assert "containment not decisive (0.36 vs 0.57" in reason and "symmetric" not in reason
    assert "outlets unknown" in reason
    assert plain["passages_source"] == "a" and plain["copy"]["source"] == plain["a"]
    # the outlets named: "According to Harbor Wire" makes the wire the source, whichever is A
    named = run(
        "compare", state, wire, "--outlet-a", "State Broadcaster", "--outlet-b", "Harbor Wire"
    )
    got = json.loads(named.output)
    edge = got["copy"]
    assert (edge["source"], edge["copy"]) == (got["b"], got["a"])
    assert (edge["direction"], edge["direction_reason"]) == ("forward", "attribution_cue")
    assert edge["evidence"]["cue"] == "According to Harbor Wire"
    assert got["passages_source"] == "b"
    wire_text, state_text = articles["wire-001"]["text"], articles["state-001"]["text"]
    for p in got["passages"]:  # source_* offsets in the wire, copy_* in the state text
        taken = set(wire_text[p["source_start"] : p["source_end"]].lower().split())
        kept = set(state_text[p["copy_start"] : p["copy_end"]].lower().split())
        assert len(taken & kept) >= 0.6 * len(taken | kept)
    assert got["passages"] == edge["passages"]
    # a JSONL input names its outlet and time: the same answer without options
    for name in ("wire-001", "state-001"):
        write_jsonl(tmp_path / f"{name}.jsonl", [articles[name]])
    jsonl = json.loads(
        run("compare", str(tmp_path / "state-001.jsonl"), str(tmp_path / "wire-001.jsonl")).output
    )
    assert (jsonl["copy"]["source"], jsonl["copy"]["copy"]) == ("wire-001", "state-001")
    assert jsonl["passages_source"] == "b"


def test_compare_refuses_an_input_with_several_articles(tmp_path: Path) -> None:
    result = run("compare", str(EXAMPLE_CORPUS), str(EXAMPLE_CORPUS))
    assert result.exit_code == 1 and "[E145]" in result.output


@pytest.mark.model
def test_add_analyses_english_and_stores_other_languages_unanalysed(
    db_url: str, schema_validator: Draft202012Validator
) -> None:
    result = run("corpus", "add", str(EXAMPLE_CORPUS), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "7 added (6 analysed)" in result.output
    with CorpusStore.open(db_url) as store:
        german = store.article("de-001")
        wire = store.article("wire-001")
    assert german is not None and german[1] is None and german[0].language == "de"
    assert wire is not None and wire[1] is not None
    schema_validator.validate(wire[1])
    assert wire[1]["article"]["id"] == "wire-001"


def test_resume_after_kill_loses_and_duplicates_nothing(db_url: str, tmp_path: Path) -> None:
    total = 300
    feed = write_jsonl(
        tmp_path / "big.jsonl",
        [
            {"id": f"a{n}", "text": f"Article {n} reports on item {n * 7919 % 10007} today."}
            for n in range(total)
        ],
    )
    command = [sys.executable, "-m", "newsift.cli", "corpus", "add", str(feed)]
    command += ["--db", db_url, "--no-analyze", "--batch-size", "4"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    with CorpusStore.open(db_url) as store:
        deadline = time.monotonic() + 60
        while store.count() == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        at_kill = store.count()
    assert 0 < at_kill < total, "the run ended before it could be killed: make the input longer"
    again = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert "already stored" in again.stderr
    with CorpusStore.open(db_url) as store:
        ids = [a.id for a in store.articles()]
    assert len(ids) == total == len(set(ids))


def _readme_corpus_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Corpus", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [re.sub(r"\s+#.*$", "", line).strip() for line in block.strip().splitlines()]


@pytest.mark.model
def test_readme_corpus_examples_run_in_order(tmp_path: Path) -> None:
    """Every line of the README's corpus block, run for real in a shell, one after another."""
    (tmp_path / "examples" / "corpus").mkdir(parents=True)
    shutil.copy(EXAMPLE_CORPUS, tmp_path / "examples" / "corpus" / "articles.jsonl")
    (tmp_path / "feeds").mkdir()
    write_jsonl(tmp_path / "feeds" / "more.jsonl", [{"id": "more-1", "text": "A new report."}])
    articles = {json.loads(line)["id"]: json.loads(line) for line in EXAMPLE_CORPUS.open()}
    (tmp_path / "a.txt").write_text(articles["wire-001"]["text"], encoding="utf-8")
    body = articles["farm-001"]["text"].replace("\n\n", "</p><p>")
    (tmp_path / "b.html").write_text(
        f"<html><head><title>Copy</title></head><body><article><p>{body}</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    bindir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": bindir + os.pathsep + os.environ["PATH"],
        "PYTHONPATH": str(ROOT / "src"),
    }
    for line in _readme_corpus_lines():
        done = subprocess.run(
            ["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True,
            timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"{line}: {done.stderr}"
        assert done.stdout or "added" in done.stderr or (tmp_path / "network.html").exists()
    assert "<svg" in (tmp_path / "network.html").read_text(encoding="utf-8")
