"""The check-worthiness scorer: both file formats, the metric, the predictions file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from newsift.errors import MalformedInputError
from newsift.eval.checkworthy import binary_scores, evaluate_checkworthy, read_labelled


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_claimbuster_csv_counts_only_verdict_1_as_checkworthy(tmp_path: Path) -> None:
    csv_file = write(
        tmp_path / "cb.csv",
        "Sentence_id,Text,Speaker,Verdict\n"
        '1,"Unemployment fell to 4 percent.",A,1\n'
        '2,"I like apples.",B,-1\n'
        '3,"We met in 1990.",C,0\n',
    )
    assert [s.checkworthy for s in read_labelled(csv_file)] == [True, False, False]


def test_checkthat_tsv_reads_yes_and_no(tmp_path: Path) -> None:
    tsv = write(
        tmp_path / "ct.tsv", "Sentence_id\tText\tclass_label\na1\tTax rose 5%.\tYes\na2\tWow.\tNo\n"
    )
    sentences = read_labelled(tsv)
    assert [(s.sentence_id, s.checkworthy) for s in sentences] == [("a1", True), ("a2", False)]


def test_unknown_columns_are_named(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.csv", "id,sentence\n1,hello\n")
    with pytest.raises(MalformedInputError, match=r"\[E037\].*found: id, sentence"):
        read_labelled(bad)


def test_binary_scores() -> None:
    scores = binary_scores([True, True, False, False], [True, False, True, False])
    assert (scores.precision, scores.recall, scores.f1) == (0.5, 0.5, 0.5)
    assert binary_scores([False], [False]).f1 == 0.0


def test_predictions_file_has_one_row_per_sentence(tmp_path: Path) -> None:
    tsv = write(
        tmp_path / "ct.tsv",
        "Sentence_id\tText\tclass_label\na1\tTax rose 5%.\tYes\na2\tWow.\tNo\na3\tIt fell.\tYes\n",
    )

    def scorer(texts: Sequence[str]) -> list[float]:
        return [0.9 if any(c.isdigit() for c in t) else 0.1 for t in texts]

    out = tmp_path / "pred" / "out.tsv"
    scores = evaluate_checkworthy(tsv, scorer, 0.5, out)
    assert out.read_text().splitlines() == ["a1\t0.9000\tYes", "a2\t0.1000\tNo", "a3\t0.1000\tNo"]
    assert (scores.true_positives, scores.false_negatives) == (1, 1)
