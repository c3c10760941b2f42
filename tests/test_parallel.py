"""Batch mode in worker processes (``analyze --workers N``): same reports, same order, streamed."""

from __future__ import annotations

import json
import os
import pickle
import signal
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsift import cli, settings
from newsift.cli import app
from newsift.errors import EmptyInputError, Errors, InputError, UnsupportedLanguageError
from newsift.model import Article
from newsift.parallel import (
    WORKER_ENV,
    CoreBudget,
    PipelineOptions,
    _how_it_ended,
    _Problem,
    environment,
    peek_articles,
)

from . import cli_driver

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


def test_a_worker_is_one_core_of_threads() -> None:
    assert WORKER_ENV == {
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NEWSIFT_ONNX_THREADS": "1",
    }


@pytest.mark.parametrize(
    ("cores", "user_threads", "expected_env", "encoder_thread"),
    [
        (None, None, {}, True),  # no --workers: every core (2 here), the latency path
        (1, None, {"NEWSIFT_ONNX_THREADS": "1"}, False),
        (2, None, {"NEWSIFT_ONNX_THREADS": "1"}, True),  # one core parses, one encodes
        (4, None, {"NEWSIFT_ONNX_THREADS": "3"}, True),
        (1, "3", {}, False),  # the user's own NEWSIFT_ONNX_THREADS wins
    ],
)
def test_core_budget_sets_threads_for_the_in_process_pipeline(
    monkeypatch: pytest.MonkeyPatch,
    cores: int | None,
    user_threads: str | None,
    expected_env: dict[str, str],
    encoder_thread: bool,
) -> None:
    monkeypatch.setattr(settings, "usable_cores", lambda: 2)
    monkeypatch.delenv("NEWSIFT_ONNX_THREADS", raising=False)
    if user_threads:
        monkeypatch.setenv("NEWSIFT_ONNX_THREADS", user_threads)
    budget = CoreBudget(cores)
    assert budget.environment() == expected_env
    assert budget.encoder_thread is encoder_thread


def test_no_encoder_thread_where_one_core_is_usable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "usable_cores", lambda: 1)
    assert CoreBudget(None).encoder_thread is False
    assert CoreBudget(2).encoder_thread is True  # an explicit budget is taken as given


@pytest.mark.parametrize(
    ("cores", "user_threads", "expected"),
    [
        (2, None, 1),  # one core for the parse, one for the encoder beside it
        (8, None, 7),
        (1, None, 1),  # never zero
        (2, "4", 4),  # NEWSIFT_ONNX_THREADS wins
        (2, "0", 1),  # ... unless it is not a positive number
        (2, "abc", 1),
    ],
)
def test_the_encoder_leaves_one_core_to_the_parse(
    monkeypatch: pytest.MonkeyPatch, cores: int, user_threads: str | None, expected: int
) -> None:
    monkeypatch.setattr(settings, "usable_cores", lambda: cores)
    monkeypatch.delenv("NEWSIFT_ONNX_THREADS", raising=False)
    if user_threads:
        monkeypatch.setenv("NEWSIFT_ONNX_THREADS", user_threads)
    assert settings.encoder_threads() == expected


def test_core_budget_is_at_least_one_core() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        CoreBudget(0)


def test_environment_is_restored_after_the_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSIFT_TEST_KEPT", "before")
    monkeypatch.delenv("NEWSIFT_TEST_NEW", raising=False)
    with environment({"NEWSIFT_TEST_KEPT": "during", "NEWSIFT_TEST_NEW": "x"}):
        assert os.environ["NEWSIFT_TEST_KEPT"] == "during" and os.environ["NEWSIFT_TEST_NEW"] == "x"
    assert os.environ["NEWSIFT_TEST_KEPT"] == "before" and "NEWSIFT_TEST_NEW" not in os.environ


def test_environment_is_restored_after_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSIFT_TEST_NEW", raising=False)
    with pytest.raises(RuntimeError), environment({"NEWSIFT_TEST_NEW": "x"}):
        raise RuntimeError("model failed to load")
    assert "NEWSIFT_TEST_NEW" not in os.environ


@pytest.mark.parametrize(
    ("one_article", "workers", "expected"),
    [
        # --workers 1 is one core: a batch in this process, one ONNX thread, no encoder thread
        (False, "1", {"threads": "1", "encoder_thread": False}),
        # one article is analysed in this process: the parse on one core, the encoder on one
        (True, "2", {"threads": "1", "encoder_thread": True}),
        (True, "3", {"threads": "2", "encoder_thread": True}),
    ],
)
def test_the_in_process_pipeline_loads_within_the_core_budget(
    mixed_batch: Path,
    monkeypatch: pytest.MonkeyPatch,
    one_article: bool,
    workers: str,
    expected: dict[str, object],
) -> None:
    monkeypatch.delenv("NEWSIFT_ONNX_THREADS", raising=False)
    seen: dict[str, object] = {}

    class Refusing:
        def analyze_stream(self, items: Iterable[Article | InputError]) -> Iterator[InputError]:
            for item in items:
                yield (
                    item
                    if isinstance(item, InputError)
                    else EmptyInputError(Errors.E001, source=item.source)
                )

    def factory(**options: Any) -> Any:
        seen["threads"] = os.environ.get("NEWSIFT_ONNX_THREADS")
        seen["encoder_thread"] = options["encoder_thread"]
        return Refusing()

    monkeypatch.setattr(cli, "run_analyze", partial(cli.run_analyze, pipeline_factory=factory))
    target = mixed_batch / "a.txt" if one_article else mixed_batch
    code, _, _ = run("analyze", str(target), "--format", "json", "--workers", workers)
    assert code == 1
    assert seen == expected  # the pool was not used: the factory loaded this process's pipeline
    assert "NEWSIFT_ONNX_THREADS" not in os.environ  # restored once the models are loaded


def test_a_worker_loads_its_pipeline_on_one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """``_init_worker`` (run in each pool process) sets one core's threads before loading."""
    from newsift import parallel

    seen: dict[str, object] = {}
    for name in WORKER_ENV:
        monkeypatch.delenv(name, raising=False)  # restored after the test
    monkeypatch.setattr(parallel.signal, "signal", lambda *_: None)  # keep this process's Ctrl-C
    monkeypatch.setattr(parallel, "_pipeline", None)

    def create(_: PipelineOptions, encoder_thread: bool = True) -> Any:
        seen.update({name: os.environ.get(name) for name in WORKER_ENV})
        seen["encoder_thread"] = encoder_thread
        return "pipeline"

    monkeypatch.setattr(PipelineOptions, "create", create)
    parallel._init_worker(PipelineOptions())
    assert seen == {**WORKER_ENV, "encoder_thread": False}
    assert parallel._pipeline == "pipeline"


def test_the_shared_encoder_loads_with_the_encoder_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsift import encoder

    loaded: dict[str, object] = {}

    def load(cls: type, model_dir: Path = encoder.MODEL_DIR, threads: int | None = None) -> Any:
        loaded["threads"] = threads
        return "encoder"

    monkeypatch.setattr(encoder.Encoder, "load", classmethod(load))
    monkeypatch.setattr(encoder, "encoder_threads", lambda: 5)
    assert encoder.shared_encoder.__wrapped__() == "encoder"  # the function behind the cache
    assert loaded == {"threads": 5}


@pytest.mark.regression
def test_a_dying_worker_costs_only_the_article_that_kills_it(tmp_path: Path) -> None:
    """A worker killed (SIGKILL, as for lack of memory) aborted the batch: BrokenProcessPool."""
    corpus = _corpus(tmp_path, {"a3.txt": "This article DIE-ALWAYS kills its worker."})
    result = cli_driver.run(
        _batch_args(corpus), timeout=120, NEWSIFT_FAKE_PIDS=str(_pids(tmp_path))
    )
    assert result.returncode == 1, result.stderr
    sources = [json.loads(line)["article"]["source"] for line in result.stdout.splitlines()]
    assert sources == [str(corpus / f"a{i}.txt") for i in (1, 2, 4, 5, 6)]  # in input order
    assert result.stderr.splitlines() == [
        f"error: [E093] {corpus / 'a3.txt'}: the worker process analysing it died (killed by "
        "SIGKILL, as a process is when memory runs out), again when it was tried alone in a "
        "fresh one; the article may need more memory than is free. Analyse it on its own, or "
        "with fewer --workers.",
        "5 analysed, 1 could not be analysed.",
    ]


@pytest.mark.regression
def test_an_article_whose_worker_died_once_is_analysed_in_a_fresh_one(tmp_path: Path) -> None:
    """A worker lost once (its article fine the second time) costs nothing: the articles it
    held are tried again in a fresh worker, in input order."""
    corpus = _corpus(tmp_path, {"a5.txt": "This article DIE-ONCE kills its first worker only."})
    result = cli_driver.run(
        _batch_args(corpus), timeout=120, NEWSIFT_FAKE_PIDS=str(_pids(tmp_path))
    )
    assert result.returncode == 0, result.stderr
    sources = [json.loads(line)["article"]["source"] for line in result.stdout.splitlines()]
    assert sources == [str(corpus / f"a{i}.txt") for i in range(1, 7)]


def _corpus(tmp_path: Path, special: dict[str, str]) -> Path:
    """Six small articles, some replaced by ``special`` (name -> text)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {f"a{i}.txt": f"Article {i} says the bridge reopens." for i in range(1, 7)}
    for name, text in {**texts, **special}.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def _pids(tmp_path: Path) -> Path:
    pids = tmp_path / "pids"
    pids.mkdir()
    return pids


def _batch_args(corpus: Path) -> list[str]:
    return ["analyze", str(corpus), "--format", "jsonl", "--workers", "2"]


def test_a_dead_workers_end_is_told_in_words() -> None:
    assert _how_it_ended([-signal.SIGTERM, -signal.SIGKILL]).startswith("killed by SIGKILL")
    assert _how_it_ended([None, -signal.SIGSEGV]) == "killed by SIGSEGV"
    assert _how_it_ended([0, 3]) == "exit status 3"
    assert _how_it_ended([None]) == "no exit status"


@pytest.mark.regression
def test_workers_dying_while_loading_is_a_coded_error(mixed_batch: Path) -> None:
    out = mixed_batch.parent / "reports.jsonl"
    args = ["analyze", str(mixed_batch), "--workers", "2", "--out", str(out)]
    result = cli_driver.run(args, timeout=120, NEWSIFT_FAKE_DIE_LOADING="1")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(
        "error: [E094] A worker process died while loading the models (killed by SIGKILL"
    )
    assert "Use fewer --workers." in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() and not out.with_name("reports.jsonl.part").exists()
