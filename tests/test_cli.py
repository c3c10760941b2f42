"""The command line, as a user runs it: CliRunner for behaviour, subprocess for README lines."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from rich.console import Console
from typer.testing import CliRunner

import newsift
from newsift import cli
from newsift.cli import app
from newsift.errors import Errors, InputError

from .cli_driver import command, environment, stand_in
from .conftest import EXAMPLE, ROOT
from .reportcheck import check_report

pytestmark = pytest.mark.model

ARTICLE = (
    "Bridge talks stall\n\n"
    "KYIV — Deputy Defence Minister Hanna Maliar said on Wednesday that the bridge near "
    "Kherson was held. \u201cWe are holding,\u201d she told reporters in Kyiv.\n"
)
PAGE = """<!doctype html><html><head><title>Aid package announced</title>
<meta property="og:site_name" content="Example Wire">
<meta name="date" content="2024-12-10"></head><body><nav>Home | World</nav>
<article><h1>Aid package announced</h1>
<p>WASHINGTON — The State Department announced a new aid package for Ukraine on Tuesday,
officials said, adding that further help would follow in the coming weeks.</p>
<p>Secretary Antony Blinken told reporters in Washington that the package included air
defence supplies and would be delivered before the end of the year.</p></article>
<footer>Contact us</footer></body></html>"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_json_report_is_the_python_api_report(
    runner: CliRunner, article_file: Path, schema_validator: Draft202012Validator
) -> None:
    code, out, err = run(runner, "analyze", str(article_file), "--published", "2024-12-11")
    assert code == 0, err
    report = json.loads(out)
    check_report(report, schema_validator)
    assert report["article"]["title"] == "Bridge talks stall"
    assert report["article"]["published"] == "2024-12-11"
    api = newsift.analyze(report["article"]["text"], published="2024-12-11")
    assert report["findings"] == [f.to_dict() for f in api.findings]
    assert report["summary"] == api.summary


def test_html_report_to_file(runner: CliRunner, article_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, _, err = run(runner, "analyze", str(article_file), "--format", "html", "--out", str(out))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "Hanna Maliar" in html and "<html" in html.lower()


def test_format_follows_out_suffix(runner: CliRunner, article_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert run(runner, "analyze", str(article_file), "--out", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith("# Bridge talks stall")


def test_directory_gives_one_report_per_file(
    runner: CliRunner, tmp_path: Path, schema_validator: Draft202012Validator
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "sub" / "b.html").write_text(PAGE, encoding="utf-8")
    reports = tmp_path / "reports"
    code, _, err = run(runner, "analyze", str(corpus), "--format", "json", "--out", str(reports))
    assert code == 0, err
    written = sorted(p.relative_to(reports).as_posix() for p in reports.rglob("*.json"))
    assert written == ["a.json", "sub/b.json"]
    page = json.loads((reports / "sub" / "b.json").read_text(encoding="utf-8"))
    check_report(page, schema_validator)
    assert page["article"]["title"] == "Aid package announced"
    assert page["article"]["published"] == "2024-12-10"


def test_stdin_to_json(runner: CliRunner) -> None:
    code, out, err = run(runner, "analyze", "-", "--format", "json", stdin=ARTICLE)
    assert code == 0, err
    assert json.loads(out)["article"]["source"] == "-"


def test_jsonl_in_jsonl_out_with_a_malformed_line(runner: CliRunner, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"text": ARTICLE, "outlet": "Example Wire", "id": "one"},
        "{not json",
        {"text": "Officials in Berlin said talks would resume on Monday.", "id": "two"},
    ]
    feed.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n",
        encoding="utf-8",
    )
    code, out, err = run(runner, "analyze", str(feed), "--format", "jsonl")
    assert code == 1
    assert [json.loads(line)["article"]["id"] for line in out.splitlines()] == ["one", "two"]
    assert "[E007]" in err and f"{feed}, line 2" in err


def test_bad_inputs_are_reported_and_the_rest_analysed(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_text("  \n \n", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 20)
    (corpus / "german.txt").write_text(
        "Die Regierung hat am Mittwoch neue Hilfen angekündigt, sagte der Minister in Berlin. "
        "Die Opposition kritisierte den Plan als zu spät und zu klein.",
        encoding="utf-8",
    )
    missing = tmp_path / "nowhere.txt"
    out = tmp_path / "reports"
    code, _, err = run(runner, "analyze", str(corpus), str(missing), "--out", str(out))
    assert code == 1
    for code_, name in [
        ("E001", "empty.txt"),
        ("E002", "blank.txt"),
        ("E003", "binary.txt"),
        ("E013", "german.txt"),
        ("E012", "nowhere.txt"),
    ]:
        line = next((ln for ln in err.splitlines() if f"[{code_}]" in ln), "")
        assert name in line, f"{code_} not reported for {name}:\n{err}"
    assert "German" in err
    assert [p.name for p in out.glob("*.json")] == ["good.json"]
    assert "1 analysed, 5 could not be analysed" in err


def test_size_limit_is_an_option(runner: CliRunner, article_file: Path) -> None:
    code, _, err = run(runner, "analyze", str(article_file), "--max-chars", "50")
    assert code == 1
    assert "[E005]" in err and "--max-chars" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--only", "tone"], "[E014] Unknown analyzer 'tone'"),
        (["--published", "yesterday"], "[E016] 'yesterday' is not a date"),
        (["--format", "pdf"], "[E024] --format must be one of terminal, json"),
    ],
)
def test_bad_options_stop_with_exit_2(
    runner: CliRunner, article_file: Path, args: list[str], message: str
) -> None:
    code, out, err = run(runner, "analyze", str(article_file), *args)
    assert code == 2
    assert message in err
    assert out == ""


def test_only_and_skip(runner: CliRunner, article_file: Path) -> None:
    _, out, _ = run(runner, "analyze", str(article_file), "--skip", "entities")
    assert "entities" not in {f["analyzer"] for f in json.loads(out)["findings"]}
    _, out, _ = run(runner, "analyze", str(article_file), "--only", "entities")
    assert {f["analyzer"] for f in json.loads(out)["findings"]} == {"entities"}


@pytest.mark.regression
def test_skipping_attribution_keeps_reported_words_quoted(runner: CliRunner) -> None:
    """``--skip attribution`` left the technique analyzer without the attributions it reads,
    so a minister's reported words were marked as the author's own voice."""
    _, full, _ = run(runner, "analyze", str(EXAMPLE), "--format", "json")
    _, skipped, _ = run(
        runner, "analyze", str(EXAMPLE), "--format", "json", "--skip", "attribution"
    )
    techniques = [f for f in json.loads(full)["findings"] if f["kind"] == "technique"]
    assert any(f["voice"] == "quoted" for f in techniques)
    findings = json.loads(skipped)["findings"]
    assert "attribution" not in {f["analyzer"] for f in findings}
    assert [f for f in findings if f["kind"] == "technique"] == techniques


def test_outlet_override(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    _, out, _ = run(runner, "analyze", str(page), "--outlet", "Override News")
    assert json.loads(out)["article"]["outlet"] == "Override News"


def test_terminal_format_shows_text_and_findings(runner: CliRunner, article_file: Path) -> None:
    code, out, _ = run(runner, "analyze", str(article_file), "--format", "terminal")
    assert code == 0
    assert "Hanna Maliar" in out and "named person" in out


def test_several_json_reports_to_stdout_form_an_array(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(runner, "analyze", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert code == 0
    assert len(json.loads(out)) == 2


def test_analyzers_lists_names_versions_and_models(runner: CliRunner) -> None:
    code, out, _ = run(runner, "analyzers", "--format", "json")
    assert code == 0
    rows = {row["name"]: row for row in json.loads(out)}
    assert rows["entities"]["version"]
    assert rows["entities"]["models"][0]["name"].startswith("en_core_web_sm")


def test_version(runner: CliRunner) -> None:
    assert run(runner, "--version")[1].strip() == f"newsift {newsift.__version__}"


def _readme_usage_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Usage", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [re.sub(r"\s+#.*$", "", line).strip() for line in block.strip().splitlines()]


@pytest.mark.parametrize("line", _readme_usage_lines())
def test_readme_example_runs(line: str, tmp_path: Path) -> None:
    """Every line of the README's usage block, run for real in a shell."""
    shutil.copy(EXAMPLE, tmp_path / "article.txt")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "dir").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "dir" / "article.txt")
    feed = json.dumps({"text": EXAMPLE.read_text(encoding="utf-8"), "outlet": "Example Wire"})
    (tmp_path / "feed.jsonl").write_text(feed + "\n", encoding="utf-8")
    bindir = str(Path(sys.executable).parent)
    (tmp_path / ".venv").symlink_to(Path(bindir).parent)
    env = {**os.environ, "PATH": bindir + os.pathsep + os.environ["PATH"]}
    done = subprocess.run(
        ["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout or list(tmp_path.glob("report*")) or (tmp_path / "reports").exists()


# --- messages and signals (a stand-in pipeline: no spaCy) -----------------------------


@pytest.mark.regression
def test_input_text_in_messages_is_shown_not_interpreted(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "run_analyze", partial(cli.run_analyze, pipeline_factory=stand_in))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "[red]a.txt").write_bytes(b"")
    (corpus / "esc\x1b[2Jb.txt").write_bytes(b"")
    (corpus / "notes [bold]\x1b]0;title\x07.xyz").write_text("skipped", encoding="utf-8")
    feed = [{"text": ARTICLE, "published": "[/]"}, {"text": ARTICLE, "published": ":smile: [/x]"}]
    (corpus / "feed.jsonl").write_text("\n".join(map(json.dumps, feed)) + "\n", encoding="utf-8")
    code, _, err = run(runner, "analyze", str(corpus), "--format", "jsonl", "--workers", "1")
    assert code == 1, err  # MarkupError aborted the batch at the first "[/]"
    assert "\x1b" not in err and "\x07" not in err
    assert f"error: [E001] {corpus}/[red]a.txt: empty" in err
    assert f"error: [E001] {corpus}/esc\\x1b[2Jb.txt: empty" in err
    assert "found '[/]'" in err and "found ':smile: [/x]'" in err
    assert "warning: [W001]" in err and "notes [bold]\\x1b]0;title\\x07.xyz" in err
    assert "0 analysed, 4 could not be analysed." in err


@pytest.mark.regression
def test_messages_never_reach_a_terminal_as_markup_or_escape_sequences() -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, color_system="truecolor", width=200)
    hostile = "[link=https://evil.example]x[/link] \x1b]8;;https://evil.example\x07y \u202ez"
    cli.report_problem(console, InputError(Errors.E001, source=hostile))
    cli.report_warning(console, f"{hostile} [/]")
    shown = re.sub(r"\x1b\[[0-9;]*m", "", stream.getvalue())  # the prefixes' colours only
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "error: [E001] [link=https://evil.example]x[/link] \\x1b]8;;" in shown
    assert "\\x07y ⟨U+202E⟩z: empty" in shown
    assert "warning: [link=https://evil.example]" in shown and " [/]\n" in shown


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.regression
@pytest.mark.parametrize(
    ("stop", "workers"),
    [(signal.SIGTERM, "1"), (signal.SIGTERM, "2"), (signal.SIGINT, "2")],
)
def test_sigterm_stops_a_run_as_ctrl_c_does(
    tmp_path: Path, stop: signal.Signals, workers: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"a{i:02}.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "reports.jsonl"
    out.write_text("earlier\n", encoding="utf-8")
    pids = tmp_path / "pids"
    pids.mkdir()
    args = ["analyze", str(corpus), "--workers", workers, "--out", str(out)]
    env = environment(NEWSIFT_FAKE_SLEEP="0.5", NEWSIFT_FAKE_PIDS=str(pids))
    with subprocess.Popen(
        [*command(), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        deadline = time.monotonic() + 60
        part = tmp_path / "reports.jsonl.part"
        while not (part.exists() and len(list(pids.iterdir())) >= int(workers)):
            assert process.poll() is None and time.monotonic() < deadline, "run never started"
            time.sleep(0.05)
        process.send_signal(stop)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + stop, err
    assert f"Stopped by {stop.name}; the run did not finish." in err
    assert "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "earlier\n" and not part.exists()
    deadline = time.monotonic() + 10
    while any(_alive(int(p.name)) for p in pids.iterdir() if p.name.isdigit()):
        assert time.monotonic() < deadline, "worker processes outlived the run"
        time.sleep(0.05)
