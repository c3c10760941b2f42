"""Bad and tricky inputs for the readers and the CLI: each case once broke the bad-input
promise (a coded message, the rest of the batch processed)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsift.cli import AnalyzeOptions, run_analyze
from newsift.errors import BinaryInputError, EmptyInputError, InputError, MalformedInputError
from newsift.ingest import read_inputs
from newsift.language import require_supported_language
from newsift.model import Article
from newsift.pipeline import Pipeline

#: Every case here is a regression: it once went wrong on real input.
pytestmark = pytest.mark.regression

ARTICLE = (
    "Officials said on Tuesday that the new bridge would open next month, after years of "
    "delays. The transport minister told reporters the city would review the budget.\n"
)
EARLIER = '{"earlier": "report"}\n'


def _consoles() -> tuple[Console, Console]:
    return Console(file=io.StringIO()), Console(file=io.StringIO())


def _warc(pages: int) -> bytes:
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=False)
    for number in range(pages):
        body = f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.test/{number}",
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
        )
        writer.write_record(record)
    return stream.getvalue()


# --- language: English full of foreign names -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Volodymyr Zelenskyy met Olaf Scholz, Emmanuel Macron, Giorgia Meloni, Pedro Sánchez, "
        "Mateusz Morawiecki and Recep Tayyip Erdoğan in Kyiv; Dmytro Kuleba, Annalena Baerbock, "
        "Antony Blinken, Kaja Kallas, Gabrielius Landsbergis and Krišjānis Kariņš joined in "
        "Chișinău, Vilnius and Rīga.",
        "Present were Jarosław Kaczyński, Beata Szydło, Zbigniew Ziobro, Mariusz Błaszczak, "
        "Andrzej Duda, Mateusz Morawiecki, Radosław Sikorski, Władysław Kosiniak-Kamysz, Szymon "
        "Hołownia and Krzysztof Bosak, among others.",
    ],
)
def test_english_full_of_foreign_names_is_not_refused(text: str) -> None:
    assert require_supported_language(text, "names.txt") == "en"


def test_foreign_text_with_names_is_still_refused() -> None:
    text = (
        "Bundeskanzler Olaf Scholz traf am Dienstag Emmanuel Macron, Giorgia Meloni und Pedro "
        "Sánchez in Berlin. Danach sprachen Annalena Baerbock und Antony Blinken mit "
        "Journalisten über die Lage in der Ukraine."
    )
    with pytest.raises(InputError, match="German"):
        require_supported_language(text, "de.txt")


# --- readers: one readable message per damaged file ------------------------------------------


def test_jsonl_message_does_not_stutter(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "broken\n', encoding="utf-8")
    (error,) = read_inputs([str(path)])
    assert isinstance(error, MalformedInputError) and error.code == "E007"
    assert "at at" not in error.message
    assert "Invalid control character at column" in error.message


def test_warc_cut_inside_the_first_header_gets_a_readable_message(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc(1)[:50])
    (error,) = read_inputs([str(path)])
    assert isinstance(error, MalformedInputError) and error.code == "E011"
    assert "Error" not in error.message and "NoneType" not in error.message
    assert "truncated" in error.message


@pytest.mark.parametrize("size", [200, 300])
def test_truncated_warc_gets_one_message(tmp_path: Path, size: int) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc(1)[:size])
    items = list(read_inputs([str(path)]))
    assert [type(item) for item in items] == [MalformedInputError]
    assert items[0].code == "E011"
    assert "record 0" not in items[0].message


# --- --out FILE: an earlier report survives a failed or interrupted run ----------------------


def test_out_file_kept_when_no_input_could_be_analysed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "report.json"
    out.write_text(EARLIER, encoding="utf-8")
    console, errors = _consoles()
    outcome = run_analyze(AnalyzeOptions(paths=[str(empty)], fmt="json", out=out), console, errors)
    assert outcome.exit_code == 1 and outcome.analysed == 0
    assert out.read_text(encoding="utf-8") == EARLIER
    assert not (tmp_path / "report.json.part").exists()


class _InterruptedPipeline:
    """Yields the first result of a real pipeline, then stops as Ctrl+C would."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def analyze_stream(self, items: Iterable[Article | InputError]) -> Iterator[Any]:
        for result in self.pipeline.analyze_stream(items):
            yield result
            raise KeyboardInterrupt


@pytest.mark.model
def test_out_file_kept_when_the_run_is_interrupted(tmp_path: Path, pipeline: Pipeline) -> None:
    paths = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text(ARTICLE, encoding="utf-8")
        paths.append(str(path))
    out = tmp_path / "reports.json"
    out.write_text(EARLIER, encoding="utf-8")
    console, errors = _consoles()

    def factory(**_: Any) -> Any:
        return _InterruptedPipeline(pipeline)

    with pytest.raises(KeyboardInterrupt):
        run_analyze(
            AnalyzeOptions(paths=paths, fmt="json", out=out, workers=1), console, errors, factory
        )
    assert out.read_text(encoding="utf-8") == EARLIER
    assert not (tmp_path / "reports.json.part").exists()


@pytest.mark.model
def test_out_file_replaced_when_some_inputs_were_analysed(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty.write_bytes(b"")
    out = tmp_path / "reports.json"
    out.write_text(EARLIER, encoding="utf-8")
    console, errors = _consoles()
    outcome = run_analyze(
        AnalyzeOptions(paths=[str(good), str(empty)], fmt="json", out=out, workers=1),
        console,
        errors,
        lambda **_: pipeline,
    )
    assert outcome.analysed == 1 and outcome.exit_code == 1
    reports = json.loads(out.read_text(encoding="utf-8"))
    assert [r["article"]["source"] for r in reports] == [str(good)]


def test_nul_characters_in_text_are_refused_wherever_they_come_from(
    pipeline: Pipeline,
) -> None:
    text = "The minister said \x00 the bridge would open next month after years of delay."
    with pytest.raises(BinaryInputError) as caught:
        pipeline.analyze(Article(text=text, source="feed.jsonl, line 1"))
    assert caught.value.code == "E042"
    assert str(caught.value).startswith("[E042] feed.jsonl, line 1: the text holds NUL")


def test_text_of_only_numbers_and_web_addresses_has_no_words(pipeline: Pipeline) -> None:
    text = "123 456\nhttps://example.com/a/b www.example.org/news editor@example.com\n"
    with pytest.raises(EmptyInputError) as caught:
        pipeline.analyze(Article(text=text, source="-"))
    assert caught.value.code == "E023"
    assert "web addresses" in str(caught.value)
