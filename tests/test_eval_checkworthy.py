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
from newsift.eval.checkworthy import binary_scores, cohen_kappa
from newsift.eval.corpora.checkworthy import read_articles, read_labelled
from newsift.eval.corpora.news_claims import NEWS_CLAIMS_DIR, load_news_claims
from newsift.eval.metrics import expected_calibration_error
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


# --- news-claims: offsets into PolNeAR, checked against the labelled text --------------------

ARTICLE = (
    "Senate passes budget\n\nThe Senate passed the budget 52-48 on Friday. "
    "Critics called it a disgrace."
)


def news_claims_set(
    tmp_path: Path, text: str = ARTICLE, rows: str | None = None
) -> tuple[Path, Path]:
    """A one-article news-claims set in ``tmp_path/set`` over a fake PolNeAR folder."""
    import hashlib

    polnear = tmp_path / "polnear"
    (polnear / "train" / "text").mkdir(parents=True)
    (polnear / "train" / "text" / "doc1.txt").write_text(text, encoding="utf-8")
    labelled = tmp_path / "set"
    labelled.mkdir()
    digest = hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    (labelled / "documents.tsv").write_text(
        f"document\tpublisher\tsplit\tsentences\tsha256\ndoc1\tnyt\ttest\t2\t{digest}\n",
        encoding="utf-8",
    )
    fact, opinion = ARTICLE.index("The Senate"), ARTICLE.index("Critics")
    rows = rows or (
        f"doc1#1\tdoc1\t{fact}\t{ARTICLE.index('.', fact) + 1}\tY\tY\tY\n"
        f"doc1#2\tdoc1\t{opinion}\t{len(ARTICLE)}\tN\tN\tY\n"
    )
    (labelled / "sentences.tsv").write_text(
        "sentence_id\tdocument\tstart\tend\tlabel\tpass1\tpass2\n" + rows, encoding="utf-8"
    )
    return polnear, labelled


def test_news_claims_offsets_slice_the_labelled_sentences(tmp_path: Path) -> None:
    polnear, labelled = news_claims_set(tmp_path)
    (article,) = load_news_claims(polnear, data_dir=labelled)
    sentences = [article.text[s.start : s.end] for s in article.sentences]
    assert sentences == [
        "The Senate passed the budget 52-48 on Friday.",
        "Critics called it a disgrace.",
    ]
    assert [s.checkworthy for s in article.sentences] == [True, False]
    assert [s.second_pass for s in article.sentences] == [True, True]
    assert load_news_claims(polnear, ("train",), data_dir=labelled) == []


def test_news_claims_refuse_a_text_that_is_not_the_labelled_one(tmp_path: Path) -> None:
    polnear, labelled = news_claims_set(tmp_path, text=ARTICLE.replace("52-48", "51-49"))
    with pytest.raises(MalformedInputError, match=r"\[E211\].*doc1.txt"):
        load_news_claims(polnear, data_dir=labelled)


def test_news_claims_name_an_article_missing_from_polnear(tmp_path: Path) -> None:
    polnear, labelled = news_claims_set(tmp_path)
    (polnear / "train" / "text" / "doc1.txt").unlink()
    with pytest.raises(InputNotFoundError, match=r"\[E210\].*doc1"):
        load_news_claims(polnear, data_dir=labelled)


@pytest.mark.parametrize(
    ("row", "detail"),
    [
        ("doc1#1\tdoc1\t0\t9999\tY\tY\tY\n", "outside the text"),
        ("doc1#1\tdoc1\tx\t5\tY\tY\tY\n", "integers"),
        ("doc1#1\tdoc1\t0\t5\tMaybe\tY\tY\n", "not Y or N"),
        ("doc1#1\tdoc1\t0\t5\t\tY\tY\n", "empty"),
    ],
)
def test_a_malformed_news_claims_row_names_the_file_and_line(
    tmp_path: Path, row: str, detail: str
) -> None:
    polnear, labelled = news_claims_set(tmp_path, rows=row)
    with pytest.raises(MalformedInputError, match=rf"\[E212\].*sentences.tsv, line 2.*{detail}"):
        load_news_claims(polnear, data_dir=labelled)


def test_the_bundled_news_claims_set_is_split_by_article_and_labelled_twice() -> None:
    documents = (NEWS_CLAIMS_DIR / "documents.tsv").read_text(encoding="utf-8").splitlines()[1:]
    splits = {line.split("\t")[0]: line.split("\t")[2] for line in documents}
    rows = [
        line.split("\t")
        for line in (NEWS_CLAIMS_DIR / "sentences.tsv").read_text(encoding="utf-8").splitlines()[1:]
    ]
    assert len(splits) >= 60 and len(rows) >= 800
    assert sum(split == "test" for split in splits.values()) >= 20
    assert {row[1] for row in rows} == set(splits)
    assert all(row[4] in "YN" and row[5] in "YN" and row[6] in "YN" for row in rows)
    # Where the two passes agree, the resolved label is theirs.
    assert all(row[4] == row[5] for row in rows if row[5] == row[6])


def test_cohen_kappa() -> None:
    assert cohen_kappa([True, False, True, False], [True, False, True, False]) == 1.0
    assert cohen_kappa([True, True, False, False], [True, False, True, False]) == 0.0
    assert cohen_kappa([True, True, True, False], [True, True, False, False]) == pytest.approx(0.5)


def test_expected_calibration_error_is_the_weighted_gap_per_bin() -> None:
    assert expected_calibration_error(
        [0.9, 0.9, 0.1, 0.1], [True, True, False, False]
    ) == pytest.approx(0.1)
    assert expected_calibration_error([0.75] * 4, [True, True, True, False]) == pytest.approx(0.0)
    assert expected_calibration_error([], []) == 0.0


def test_eval_news_claims_names_a_missing_polnear_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", "news-claims", "--data", str(tmp_path), "--no-flag-rate"]
    )
    assert result.exit_code != 0
    assert "E210" in result.stderr
