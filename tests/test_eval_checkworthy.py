"""Check-worthiness: both file formats, the articles file, the metric, ``eval checkworthy``."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsift.cli import app
from newsift.errors import InputNotFoundError, MalformedInputError, NewsiftError
from newsift.eval.checkworthy import binary_scores
from newsift.eval.corpora.checkworthy import read_articles, read_labelled
from newsift.eval.run import evaluate_checkworthy

LABELLED = "Sentence_id\tText\tclass_label\na1\tTax rose 5%.\tYes\na2\tWow.\tNo\n"


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


def test_a_row_without_a_cell_names_the_file_and_row(tmp_path: Path) -> None:
    tsv = write(tmp_path / "ct.tsv", "Sentence_id\tText\tclass_label\na1\tTax rose 5%.\n")
    with pytest.raises(MalformedInputError, match=rf"\[E020\] {tsv}, row 2: .*no class_label"):
        read_labelled(tsv)


def test_articles_file_gives_the_text_of_every_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '{"id": "a1", "text": "One."}\n\n{"text": "Two."}\n')
    assert read_articles(path) == ["One.", "Two."]


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ('{"text": "One."', "E007"),  # not JSON
        ('["One."]', "E019"),  # not an object
        ('{"id": "a2"}', "E008"),  # no text
        ('{"text": 3}', "E008"),  # text not a string
    ],
)
def test_a_bad_articles_line_names_the_file_and_line(tmp_path: Path, line: str, code: str) -> None:
    path = write(tmp_path / "a.jsonl", '{"text": "Fine."}\n' + line + "\n")
    with pytest.raises(MalformedInputError, match=rf"\[{code}\] {path}, line 2"):
        read_articles(path)


@pytest.mark.regression
def test_eval_checkworthy_names_a_missing_articles_file_not_the_labelled_one(
    tmp_path: Path,
) -> None:
    labelled = write(tmp_path / "ct.tsv", LABELLED)
    missing = tmp_path / "articles.jsonl"
    result = CliRunner().invoke(
        app, ["eval", "checkworthy", str(labelled), "--articles", str(missing)]
    )
    assert result.exit_code == 2
    assert f"[E012] {missing}: no such file" in result.output
    assert str(labelled) not in result.output
    assert "Traceback" not in result.output


@pytest.mark.regression
@pytest.mark.parametrize(
    ("line", "code"), [('{"text": "Tax rose 5%."', "E007"), ('{"id": "a1"}', "E008")]
)
def test_eval_checkworthy_reports_a_bad_articles_line_without_a_traceback(
    tmp_path: Path, line: str, code: str
) -> None:
    labelled = write(tmp_path / "ct.tsv", LABELLED)
    articles = write(tmp_path / "articles.jsonl", line + "\n")
    result = CliRunner().invoke(
        app, ["eval", "checkworthy", str(labelled), "--articles", str(articles)]
    )
    assert result.exit_code == 2
    assert f"[{code}] {articles}, line 1" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_eval_checkworthy_names_a_missing_labelled_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.tsv"
    result = CliRunner().invoke(app, ["eval", "checkworthy", str(missing)])
    assert result.exit_code == 2
    assert f"[E012] {missing}: no such file" in result.output


def test_read_labelled_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match=r"\[E012\]"):
        read_labelled(tmp_path / "nope.tsv")


@settings(max_examples=60, deadline=None)
@given(content=st.binary(max_size=200))
def test_readers_fail_only_with_coded_errors(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input"
        path.write_bytes(content)
        for reader in (read_articles, read_labelled):
            try:
                reader(path)
            except NewsiftError as error:
                assert error.code and str(path) in str(error)
