"""The TempEval-3 scorer of ``newsift eval time``: extraction, type and value measures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsift.errors import MalformedInputError
from newsift.eval.corpora.timex import TimeDocument, TimeSpan, load_time_documents
from newsift.eval.timex import annotated_prefix, score_time

TEXT = "On Monday the firm said profit rose in the third quarter.\nLater text here."
GOLD = TimeDocument(
    "d1",
    TEXT,
    None,
    (TimeSpan(3, 9, "DATE", "1989-10-23"), TimeSpan(39, 56, "DATE", "1989-Q3")),
)


def test_exact_predictions_score_one() -> None:
    scores = score_time([GOLD], [list(GOLD.timexes)])
    assert scores.strict.f1 == scores.relaxed.f1 == scores.value.f1 == 1.0
    assert scores.type_accuracy == 1.0


def test_overlap_counts_as_relaxed_only_and_wrong_values_lower_value_f1() -> None:
    predicted = [TimeSpan(0, 9, "DATE", "1989-10-23"), TimeSpan(43, 56, "DATE", "1989")]
    scores = score_time([GOLD], [predicted])
    assert scores.strict.f1 == 0.0
    assert scores.relaxed.f1 == 1.0
    assert scores.value.precision == scores.value.recall == 0.5


def test_each_gold_span_matches_one_prediction() -> None:
    predicted = [TimeSpan(3, 6, "DATE", "1989-10-23"), TimeSpan(6, 9, "DATE", "1989-10-23")]
    scores = score_time([GOLD], [predicted])
    assert scores.relaxed.recall == 0.5
    assert scores.relaxed.precision == 0.5


def test_predictions_after_the_annotated_lines_are_not_scored() -> None:
    predicted = [*GOLD.timexes, TimeSpan(58, 63, "DATE", "FUTURE_REF")]
    assert score_time([GOLD], [predicted], annotated_lines=1).relaxed.precision == 1.0
    assert score_time([GOLD], [predicted]).relaxed.predicted == 3
    assert annotated_prefix(TEXT, 1) == TEXT.index("\n")
    assert annotated_prefix(TEXT, 9) == len(TEXT)


def test_reader_takes_the_timeml_jsonl_layout(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    row = {
        "doc_id": "d1",
        "dct": "1989-10-26",
        "text": TEXT,
        "timexes": [{"start": 3, "end": 9, "text": "Monday", "type": "DATE", "value": "X"}],
    }
    path.write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    (doc,) = load_time_documents(path)
    assert doc.dct is not None and doc.dct.isoformat() == "1989-10-26"
    assert doc.timexes == (TimeSpan(3, 9, "DATE", "X"),)


def test_reader_names_the_file_and_line_of_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "x", "timexes": []}\n{"text": "no timexes"}\n', encoding="utf-8")
    with pytest.raises(MalformedInputError, match=r"\[E095\].*gold\.jsonl, line 2"):
        load_time_documents(path)
