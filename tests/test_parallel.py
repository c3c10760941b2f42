"""Batch mode in worker processes (``analyze --workers N``): same reports, same order, streamed."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift import cli
from newsift.cli import app
from newsift.errors import EmptyInputError, Errors, InputError, UnsupportedLanguageError
from newsift.model import Article
from newsift.parallel import _Problem, onnx_threads_per_worker, peek_articles

ARTICLES = {
    "a.txt": (
        "Bridge talks stall\n\nKYIV — Deputy Defence Minister Hanna Maliar said on Wednesday "
        "that the bridge near Kherson was held. \u201cWe are holding,\u201d she told reporters.\n"
    ),
    "c.txt": (
        "Aid package announced\n\nWASHINGTON — The State Department announced a new aid "
        "package on Tuesday, officials said, adding that more help would follow next month.\n"
    ),
    "e.txt": (
        "Port reopens\n\nODESA — The port reopened on Monday after a two-week closure, the "
        "harbour master told Reuters. Unnamed officials said ships were waiting offshore.\n"
    ),
    "f.txt": (
        "Grain exports rise\n\nGrain exports rose by 12 percent in March, the ministry said "
        "in a statement on Friday, citing customs data from 2023.\n"
    ),
}


@pytest.fixture
def mixed_batch(tmp_path: Path) -> Path:
    """Four tiny articles with an empty file and a binary file between them."""
    corpus = tmp_path / "batch"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "b-empty.txt").write_bytes(b"")
    (corpus / "d-binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 20)
    return corpus


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.model
def test_two_workers_give_the_reports_of_one_in_input_order(mixed_batch: Path) -> None:
    one = run("analyze", str(mixed_batch), "--format", "json", "--workers", "1")
    two = run("analyze", str(mixed_batch), "--format", "json", "--workers", "2")
    assert one[0] == two[0] == 1, two[2]
    assert two[1] == one[1]  # byte for byte, reports in input order
    assert two[2] == one[2]
    errors = [line for line in two[2].splitlines() if line.startswith("error:")]
    assert ["[E001]" in errors[0], "[E003]" in errors[1]] == [True, True], two[2]
    assert "b-empty.txt" in errors[0] and "d-binary.txt" in errors[1]
    assert "4 analysed, 2 could not be analysed" in two[2]
    assert two[1].count('"newsift_version"') == 4


@pytest.mark.model
def test_a_model_workers_cannot_load_stops_the_run_before_output(mixed_batch: Path) -> None:
    out = mixed_batch.parent / "reports.jsonl"
    code, _, err = run(
        "analyze",
        str(mixed_batch),
        "--workers",
        "2",
        "--spacy-model",
        "no_such_pipeline",
        "--out",
        str(out),
    )
    assert code == 2, err
    assert "[E015]" in err and "no_such_pipeline" in err
    assert not out.exists()


@pytest.mark.parametrize("value", ["0", "-3"])
def test_workers_below_one_is_a_coded_config_error(mixed_batch: Path, value: str) -> None:
    code, out, err = run("analyze", str(mixed_batch), "--workers", value)
    assert code == 2
    assert f"[E024] --workers must be a whole number of at least 1, got {int(value)}" in err
    assert out == ""


@pytest.mark.model
def test_one_article_never_starts_workers(
    mixed_batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("c.txt", "e.txt", "f.txt"):
        (mixed_batch / name).unlink()

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started for one article")

    monkeypatch.setattr(cli, "WorkerPool", no_pool)
    code, out, err = run("analyze", str(mixed_batch), "--format", "jsonl", "--workers", "2")
    assert code == 1, err
    assert len(out.splitlines()) == 1


def test_peek_reads_ahead_only_as_far_as_needed() -> None:
    items: list[Article | InputError] = [
        EmptyInputError(Errors.E001, source="x.txt"),
        Article(text="one"),
        Article(text="two"),
        Article(text="three"),
    ]
    consumed: list[Article | InputError] = []

    def reader() -> object:
        for item in items:
            consumed.append(item)
            yield item

    stream, ahead = peek_articles(reader(), wanted=2)  # type: ignore[arg-type]
    assert ahead == 2 and len(consumed) == 3
    assert list(stream) == items


def test_problems_cross_processes_with_their_message() -> None:
    # A source with braces: the message must not be formatted a second time.
    error = UnsupportedLanguageError(
        Errors.E013, source="feed{1}.jsonl:3", language="German", confidence=0.93
    )
    rebuilt = pickle.loads(pickle.dumps(_Problem.of(error))).rebuild()
    assert type(rebuilt) is UnsupportedLanguageError
    assert rebuilt.message == error.message and rebuilt.code == "E013"
    assert rebuilt.fields == error.fields


def test_workers_share_the_cores_for_onnx_threads() -> None:
    assert onnx_threads_per_worker(2, cores=2) == 1
    assert onnx_threads_per_worker(2, cores=16) == 8
    assert onnx_threads_per_worker(4, cores=2) == 1
