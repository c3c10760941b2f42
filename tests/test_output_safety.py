"""Where reports go, and what is never destroyed or misplaced (regressions from review)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift.cli import app
from newsift.errors import BinaryInputError
from newsift.findings import keep_analyzers
from newsift.model import Article
from newsift.pipeline import Pipeline
from newsift.textcheck import check_encodable

from .test_cli import ARTICLE

pytestmark = pytest.mark.model


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_out_that_is_an_input_is_refused_and_the_input_kept(article_file: Path) -> None:
    code, _, err = run("analyze", str(article_file), "--out", str(article_file))
    assert code == 2 and "[E041]" in err
    assert article_file.read_text(encoding="utf-8") == ARTICLE


def test_a_bad_option_leaves_an_earlier_report_alone(article_file: Path, tmp_path: Path) -> None:
    previous = tmp_path / "prev.json"
    previous.write_text('{"precious": 1}', encoding="utf-8")
    code, _, err = run("analyze", str(article_file), "--out", str(previous), "--only", "bogus")
    assert code == 2 and "[E014]" in err
    assert previous.read_text(encoding="utf-8") == '{"precious": 1}'


@pytest.mark.parametrize("target", ["dir", "slash", "unwritable"])
def test_unwritable_out_is_a_coded_config_error(
    article_file: Path, tmp_path: Path, target: str
) -> None:
    (tmp_path / "existing").mkdir()
    out = {
        "dir": str(tmp_path / "existing"),
        "slash": str(tmp_path / "new") + "/",
        "unwritable": "/proc/no-such/x.jsonl",
    }[target]
    code, _, err = run("analyze", str(article_file), "--format", "jsonl", "--out", out)
    assert code == 2 and "[E040]" in err


def test_out_with_a_suffix_is_a_file_even_for_a_container(tmp_path: Path) -> None:
    feed = tmp_path / "one.jsonl"
    feed.write_text(json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert run("analyze", str(feed), "--out", str(out))[0] == 0
    assert out.is_file()
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 1  # an array: JSONL input


def test_json_shape_follows_the_inputs_not_the_count(tmp_path: Path, article_file: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "only.txt").write_text(ARTICLE, encoding="utf-8")
    assert isinstance(json.loads(run("analyze", str(corpus))[1]), list)
    assert isinstance(json.loads(run("analyze", str(article_file))[1]), dict)


def test_reports_never_land_outside_the_out_directory(tmp_path: Path) -> None:
    d1 = tmp_path / "d1"
    d1.mkdir()
    (d1 / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "keep.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "o2"
    code, _, _ = run("analyze", str(d1), f"{d1}/../keep.txt", "--format", "md", "--out", str(out))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["keep.md", "x.md"]
    assert not (tmp_path / "keep.md").exists()


def test_stdin_rows_get_portable_names(tmp_path: Path) -> None:
    feed = "\n".join(json.dumps({"text": ARTICLE}) for _ in range(2)) + "\n"
    out = tmp_path / "so"
    code, _, _ = run("analyze", "-", "--input-format", "jsonl", "--out", f"{out}/", stdin=feed)
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["stdin-1.json", "stdin-2.json"]


def test_spacy_accepts_every_text_newsift_accepts() -> None:
    """Regression: a 1.1 M-character text crashed the batch (spaCy's own 1 M limit)."""
    pipeline = Pipeline.create(only=["entities"], max_chars=3_000_000)
    assert pipeline.nlp.max_length > 3_000_000


def test_lone_surrogates_are_a_coded_input_error() -> None:
    with pytest.raises(BinaryInputError, match=r"\[E039\]"):
        check_encodable("The mayor said \ud800 on Monday.", "api")


def test_filtered_reports_never_link_to_dropped_findings(pipeline: Pipeline) -> None:
    text = "The mayor said on Monday that Paris would spend $5 million on repairs."
    report = pipeline.analyze(Article(text=text))
    kept = keep_analyzers(report.findings, {"claims", "entities"})
    claims = [f for f in kept if f.kind == "claim"]
    assert claims
    for claim in claims:
        assert claim.fields["attribution"] is None
        assert claim.fields["places"] == [] and claim.fields["times"] == []
