"""Where reports go: --out never overwrites or rereads an input, and a failed write is a
coded error that leaves no partial file. Runs over a stand-in pipeline (no spaCy)."""

from __future__ import annotations

import errno
import json
import resource
import subprocess
from functools import partial
from pathlib import Path
from typing import IO

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsift import cli
from newsift.cli import app
from newsift.errors import OutputError
from newsift.model import Article, Report
from newsift.output import FileSink, StreamSink, TerminalSink

from .cli_driver import command, environment, stand_in

pytestmark = pytest.mark.regression

ARTICLE = "The council said on Monday that the bridge would reopen in spring.\n"
EARLIER = '{"earlier": "report"}\n'


@pytest.fixture(autouse=True)
def stand_in_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "run_analyze", partial(cli.run_analyze, pipeline_factory=stand_in))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(ARTICLE, encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--workers", "1"])
    return result.exit_code, result.stdout, result.stderr


# --- --out and the inputs -------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.txt", "sub/new.jsonl", "page.html"])
def test_out_file_inside_an_input_directory_is_refused_and_the_input_kept(
    corpus: Path, name: str
) -> None:
    code, out, err = run("analyze", str(corpus), "--format", "json", "--out", str(corpus / name))
    assert code == 2 and out == ""
    assert f"[E090] --out {corpus / name} is inside the input directory {corpus}" in err
    assert (corpus / "a.txt").read_text(encoding="utf-8") == ARTICLE
    assert sorted(p.name for p in corpus.rglob("*")) == ["a.txt", "b.txt"]


def test_out_file_of_a_type_the_walk_skips_is_written_and_never_read(corpus: Path) -> None:
    out = corpus / "reports.json"
    for _ in range(2):
        code, _, err = run("analyze", str(corpus), "--out", str(out))
        assert code == 0, err
        assert len(json.loads(out.read_text(encoding="utf-8"))) == 2
    # --input-format makes the walk read every file: then the same --out is an input.
    code, _, err = run("analyze", str(corpus), "--input-format", "txt", "--out", str(out))
    assert code == 2 and "[E090]" in err


def test_out_directory_inside_an_input_directory_is_never_read_back(corpus: Path) -> None:
    reports = corpus / "reports"
    for _ in range(2):  # the second run would read the first run's HTML reports
        code, _, err = run("analyze", str(corpus), "--format", "html", "--out", f"{reports}/")
        assert code == 0, err
        assert err == ""
        assert sorted(p.name for p in reports.iterdir()) == ["a.html", "b.html"]


@pytest.mark.parametrize("where", ["same", "parent"])
def test_out_directory_that_holds_an_input_directory_is_refused(corpus: Path, where: str) -> None:
    target = corpus if where == "same" else corpus.parent
    code, _, err = run("analyze", str(corpus), "--format", "html", "--out", f"{target}/")
    assert code == 2
    if where == "same":
        assert f"[E041] --out {target} is also an input" in err
    else:
        assert f"[E091] --out {target} holds the input {corpus}: reports written there" in err
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt", "b.txt"]


def test_out_directory_where_a_report_would_replace_an_input_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run("analyze", str(page), str(other), "--format", "html", "--out", str(tmp_path))
    assert code == 2 and f"[E091] --out {tmp_path} holds the input {page}" in err
    assert page.read_text(encoding="utf-8").startswith("<html><body><p>The council")
    # Markdown reports take other names: the same inputs and folder are fine.
    code, _, err = run("analyze", str(page), str(other), "--format", "md", "--out", str(tmp_path))
    assert code == 0, err
    assert (tmp_path / "page.md").is_file() and (tmp_path / "other.md").is_file()


# --- write failures ---------------------------------------------------------------------


def _limited_run(args: list[str], max_bytes: int) -> subprocess.CompletedProcess[str]:
    """The CLI in a process that may write files of at most ``max_bytes`` (RLIMIT_FSIZE)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return subprocess.run(
        [*command(), "analyze", *args, "--workers", "1"],
        env=environment(),
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_file_size_limit_is_a_coded_error_and_leaves_no_partial_file(corpus: Path) -> None:
    for i in range(8):
        (corpus / f"c{i}.txt").write_text(ARTICLE * 10, encoding="utf-8")
    out = corpus.parent / "reports.jsonl"
    out.write_text(EARLIER, encoding="utf-8")
    result = _limited_run([str(corpus), "--out", str(out)], max_bytes=4000)
    assert result.returncode == 2, result.stderr
    assert f"error: [E040] --out {out} can't be written (File too large)." in result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == EARLIER
    assert not out.with_name("reports.jsonl.part").exists()


def test_a_file_size_limit_in_an_out_directory_leaves_no_partial_report(corpus: Path) -> None:
    (corpus / "b.txt").write_text(ARTICLE * 100, encoding="utf-8")
    reports = corpus.parent / "reports"
    result = _limited_run([str(corpus), "--format", "json", "--out", f"{reports}/"], 4000)
    assert result.returncode == 2, result.stderr
    expected = f"[E040] --out {reports / 'b.json'} can't be written (File too large)."
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in reports.iterdir()) == ["a.json"]  # whole reports only


class _FullDisk:
    """A stream on a full disk (in front of ``inner``, which it closes)."""

    def __init__(self, inner: IO[str] | None = None) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if self.inner is not None:
            self.inner.close()


def _report() -> Report:
    return Report(Article(ARTICLE, source="a.txt"), [], {}, [], "test")


def test_a_full_disk_under_standard_output_is_a_coded_error() -> None:
    sink = StreamSink(_FullDisk(), "jsonl")  # type: ignore[arg-type]
    with pytest.raises(OutputError, match=r"^\[E092\] .*\(No space left on device\)\.$"):
        sink.write(_report())


def test_a_file_that_cannot_be_finished_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.json"
    out.write_text(EARLIER, encoding="utf-8")
    sink = FileSink(out, "json", several=True)
    sink.write(_report())
    monkeypatch.setattr(sink, "stream", _FullDisk(sink.stream))
    with pytest.raises(OutputError, match=r"^\[E040\] --out .*r\.json can't be written"):
        sink.close()
    assert out.read_text(encoding="utf-8") == EARLIER
    assert not (tmp_path / "r.json.part").exists()


def test_a_full_disk_under_the_terminal_format_is_a_coded_error() -> None:
    sink = TerminalSink(Console(file=_FullDisk(), width=80))  # type: ignore[arg-type]
    with pytest.raises(OutputError, match=r"^\[E092\] .*\(No space left on device\)\.$"):
        sink.write(_report())


# --- one file that holds several items ------------------------------------------------

LETTERS = Path(__file__).parent / "fixtures" / "ingest" / "pages" / "letters_page.html"


@pytest.mark.parametrize("out_file", [False, True])
def test_a_letters_page_as_json_is_one_array_of_its_items(tmp_path: Path, out_file: bool) -> None:
    target = tmp_path / "letters.json"
    args = ["analyze", str(LETTERS), "--format", "json"]
    code, out, err = run(*args, *(["--out", str(target)] if out_file else []))
    reports = json.loads(target.read_text(encoding="utf-8") if out_file else out)
    assert code == 0, err
    assert isinstance(reports, list) and len(reports) >= 2
    assert [r["article"]["id"].rsplit("#", 1)[1] for r in reports] == [
        str(n) for n in range(1, len(reports) + 1)
    ]


def test_one_plain_file_as_json_stays_one_object(tmp_path: Path) -> None:
    page = tmp_path / "one.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run("analyze", str(page), "--format", "json")
    assert code == 0 and isinstance(json.loads(out), dict)
