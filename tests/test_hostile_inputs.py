"""Every hostile file of ``scripts/make_hostile_fixtures.py``, read: nothing crashes, waits
for ever, grows without bound or is interpreted; each problem is a coded message."""

from __future__ import annotations

import importlib.util
import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, ModuleType

import pytest

from newsift.errors import InputError
from newsift.ingest import read_inputs
from newsift.model import Article

ROOT = Path(__file__).resolve().parent.parent


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_hostile_fixtures", ROOT / "scripts" / "make_hostile_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hostile = _load_script()
MARKUP: str = hostile.MARKUP


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths: dict[str, Path] = hostile.make_fixtures(tmp_path_factory.mktemp("hostile"))
    return paths


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when the block takes longer than ``seconds``."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read(path: Path, **kwargs: object) -> tuple[list[Article | InputError], list[str]]:
    warnings: list[str] = []
    with deadline(30):
        items = list(read_inputs([str(path)], on_warning=warnings.append, **kwargs))  # type: ignore[arg-type]
    return items, warnings


def codes(items: list[Article | InputError]) -> list[str]:
    return [item.code if isinstance(item, InputError) else "article" for item in items]


#: What each bomb's E100 says about record 1.
BOMBS = {
    "bomb_header_line.warc.gz": "has a header line longer than 65,536 bytes",
    "bomb_header_block.warc.gz": "has more than 1,048,576 bytes of header lines",
    "bomb_record.warc.gz": "holds more than 268,435,456 bytes once decompressed",
}


@pytest.mark.regression
def test_gzip_bombs_stop_with_e100_in_bounded_memory(files: dict[str, Path]) -> None:
    """Each bomb expands to 300 MB or more (a 261 KB one once took 4.7 GB); each read stops
    at a bound with E100, in a process that stays far below, and prints nothing itself."""
    script = (
        "import json, sys\n"
        "from newsift.ingest import read_inputs\n"
        "messages = [str(item) for item in read_inputs(sys.argv[1:])]\n"
        # VmHWM is this program's own peak: ru_maxrss would carry the peak of the pytest
        # worker that started it across exec (a loaded worker: 500-700 MB).
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "rss = int(peak.split()[1]) // 1024\n"
        "sys.stdout.write(json.dumps({'messages': messages, 'rss_mb': rss}))\n"
    )
    paths = [str(files[name]) for name in BOMBS]
    done = subprocess.run(
        [sys.executable, "-c", script, *paths], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # warcio's own messages are not printed
    result = json.loads(done.stdout)
    assert result["messages"] == [
        f"[E100] {path}: record 1 of the WARC file {detail}; newsift stops reading the file "
        "there, as it may be a compression bomb. Extract the records you need with a WARC tool "
        "(such as warcio), or split the file."
        for path, detail in zip(paths, BOMBS.values(), strict=True)
    ]
    assert result["rss_mb"] < 400  # about 105 MB; unbounded, one bomb took 4.7 GB


def test_gzip_bomb_in_a_page_body_costs_that_page(files: dict[str, Path]) -> None:
    items, _ = read(files["bomb_http_body.warc.gz"])
    assert codes(items) == ["E030", "article"]


@pytest.mark.regression
def test_fifo_named_directly_is_refused(files: dict[str, Path]) -> None:
    (item,), _ = read(files["fifo.txt"])
    assert isinstance(item, InputError) and item.code == "E101"


@pytest.mark.regression
def test_tree_with_fifo_and_links(files: dict[str, Path]) -> None:
    tree = files["tree"]
    items, warnings = read(tree)
    assert [i.source for i in items if isinstance(i, Article)] == [
        f"{tree}/good.txt",
        f"{tree}/link_in.txt",
    ]
    assert [w[:6] for w in warnings] == ["[W100]", "[W101]"]
    assert "(link_dir, link_out.txt)" in warnings[1]
    followed, _ = read(tree, follow_symlinks=True)
    assert f"{tree}/link_out.txt" in [i.source for i in followed if isinstance(i, Article)]


@pytest.mark.parametrize("name", ["markup.jsonl", "markup.csv"])
def test_markup_in_rows_is_kept_verbatim(files: dict[str, Path], name: str) -> None:
    items, _ = read(files[name])
    first = items[0]
    assert isinstance(first, Article)
    assert first.text == f"{MARKUP} {hostile.SENTENCE}"
    assert first.title == MARKUP and first.outlet == MARKUP and first.id == MARKUP
    if name == "markup.jsonl":
        assert first.url == f"https://x.example/{MARKUP}"
        bad = items[1]
        assert isinstance(bad, InputError) and bad.code == "E031"
        assert repr(MARKUP) in str(bad)  # shown as a repr: escapes visible, nothing to render


def test_markup_in_csv_header_is_quoted_in_e009(files: dict[str, Path]) -> None:
    (item,), _ = read(files["markup_header.csv"])
    assert isinstance(item, InputError) and item.code == "E009"
    assert "'[/]', '[link=x]y', '\\x1b[2J'" in str(item)


@pytest.mark.parametrize("name", ["markup.html", "markup.warc"])
def test_markup_in_pages_is_kept_verbatim(files: dict[str, Path], name: str) -> None:
    items, warnings = read(files[name])
    page = items[0]
    assert isinstance(page, Article)
    brackets = "[/] [bold]x[/bold] [link=https://evil.example]y[/link]"
    assert page.title is not None and page.title.startswith(brackets)
    assert page.text.startswith(brackets)
    if name == "markup.warc":
        assert page.url is not None and page.url.startswith("https://x.example/[/]%20[bold]")
        assert [w[:6] for w in warnings] == ["[W104]"]


@pytest.mark.regression
@pytest.mark.parametrize("name", ["huge_title.jsonl", "huge_title.html"])
def test_huge_titles_are_cut(files: dict[str, Path], name: str) -> None:
    (item,), warnings = read(files[name])
    assert isinstance(item, Article) and item.title is not None
    assert len(item.title) <= 1000 and item.title.endswith("…")
    assert warnings and all(w.startswith("[W102]") for w in warnings)
    if name == "huge_title.jsonl":
        assert item.outlet == "O" * 199 + "…"


def test_run_on_text_is_read_whole(files: dict[str, Path]) -> None:
    (item,), _ = read(files["run_on.txt"])
    assert isinstance(item, Article) and item.title is None
    assert item.text == files["run_on.txt"].read_text() and len(item.text) == 20_000


@pytest.mark.regression
def test_truncated_utf16_csv(files: dict[str, Path]) -> None:
    items, _ = read(files["truncated_utf16.csv"])
    assert codes(items) == ["article", "E033"]


@pytest.mark.regression
def test_latin1_stray_csv(files: dict[str, Path]) -> None:
    items, warnings = read(files["latin1_stray.csv"])
    texts = [item.text for item in items if isinstance(item, Article)]
    assert texts[0] == "Peña said the plan was fine."
    assert texts[1:] == ["José said the café in Zürich would open.\n".rstrip("\n")] * 3
    assert [w[:6] for w in warnings] == ["[W003]"]


def test_escape_sequences_in_a_file_name(files: dict[str, Path]) -> None:
    (item,), _ = read(files[hostile.ESCAPE_NAME])
    assert isinstance(item, Article) and item.source == str(files[hostile.ESCAPE_NAME])
    assert json.dumps(item.to_dict()).count("\\u001b") == 2  # kept as data, escaped in JSON
