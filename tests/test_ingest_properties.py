"""Invariants of the readers on arbitrary input (Hypothesis)."""

from __future__ import annotations

import importlib.util
import io
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsift.errors import InputError
from newsift.ingest import INPUT_FORMATS, decode_bytes, read_inputs
from newsift.ingest.base import ReadOptions
from newsift.ingest.jsonl import read_jsonl
from newsift.ingest.text import normalise_newlines, parse_text, split_title
from newsift.model import Article

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Text with the characters that matter to the readers: newlines of every kind, blanks,
#: full stops, a BOM, and anything else.
TEXTISH = st.text(
    alphabet=st.one_of(st.sampled_from("\n\r \t.\ufeffAb1…"), st.characters()), max_size=300
)


@FAST
@given(st.binary(max_size=512))
def test_decode_bytes_returns_text_or_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "prop.txt")
    except InputError as error:
        assert error.code in {"E001", "E002", "E003", "E004"}
        assert "prop.txt" in error.message
    else:
        assert isinstance(text, str) and text.strip()


@FAST
@given(st.binary(max_size=512), st.sampled_from([None, *INPUT_FORMATS]))
def test_read_inputs_never_raises_on_stdin_bytes(data: bytes, input_format: str | None) -> None:
    items = list(read_inputs(["-"], stdin=io.BytesIO(data), input_format=input_format))
    assert items and all(isinstance(item, Article | InputError) for item in items)


@FAST
@given(TEXTISH)
def test_txt_body_is_an_exact_suffix(text: str) -> None:
    normalised = normalise_newlines(text)
    title, body = split_title(normalised)
    assert normalised.endswith(body)
    head = normalised[: len(normalised) - len(body)]
    if title is None:
        assert head == ""
    else:
        first, *blank = head.split("\n")
        assert first.strip() == title and blank and not any(line.strip() for line in blank)
    try:
        parsed = parse_text(text, "prop.txt", 10_000)
    except InputError as error:
        assert error.code in {"E001", "E002"}
    else:
        assert parsed.text == body and parsed.title == title
        assert normalised[len(normalised) - len(parsed.text) :] == parsed.text


JSON_LINE = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda key, value: f'{{"{key}": {value}}}',
        st.sampled_from(["text", "title", "published", "id", "outlet", "x"]),
        st.sampled_from(['"a"', "1", "null", "[]", "{}", '"2024-02-30"', '"  "', "true"]),
    ),
)


@FAST
@given(st.lists(JSON_LINE, max_size=8))
def test_jsonl_reader_never_raises(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    items = list(read_jsonl(io.BytesIO(data), "prop.jsonl", ReadOptions(max_chars=1000)))
    assert all(isinstance(item, Article | InputError) for item in items)
    for item in items:
        if isinstance(item, Article):
            assert item.source is not None and item.source.startswith("prop.jsonl:")
        else:
            assert "prop.jsonl" in item.message


def _load_fuzzer() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("newsift_fuzz", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.fuzz
def test_readers_survive_a_short_fuzzing_run(tmp_path: Path) -> None:
    """``benchmarks/fuzz.py`` for a few seconds with a fixed seed (the long run and its
    figures are in docs/benchmarks.md); NEWSIFT_FUZZ_SECONDS sets the budget."""
    fuzz = _load_fuzzer()
    budget = os.environ.get("NEWSIFT_FUZZ_SECONDS", "30")
    args = fuzz.parse_args(["--seed", "7", "--budget", budget, "--crashes", str(tmp_path)])
    summary = fuzz.run(args)
    assert summary["failures"] == 0, summary["failure_samples"]
    assert set(summary["by_target"]) == set(fuzz.TARGETS)
    assert summary["peak_rss_mb"] < 1024
