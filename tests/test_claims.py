"""The claims analyzer: check-worthy sentences with their numbers, places, times and links."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift.analyzers.claims import ClaimHead, score_sentences, summarize
from newsift.cli import app
from newsift.encoder import Encoder
from newsift.errors import ModelNotFoundError
from newsift.model import Article, Report
from newsift.pipeline import Pipeline

pytestmark = pytest.mark.model

ARTICLE = (
    "Officials said 12 people were killed when a drone struck a market in Kharkiv on Monday. "
    "What a terrible world we live in! "
    "Will the talks ever succeed? "
    "The ministry reported that 40 drones were shot down overnight."
)


@pytest.fixture(scope="module")
def report(pipeline: Pipeline) -> Report:
    import datetime as dt

    return pipeline.analyze(Article(text=ARTICLE, published=dt.date(2024, 12, 11)))


def test_factual_sentences_are_claims_and_opinions_questions_are_not(report: Report) -> None:
    claims = [f.text for f in report.findings if f.kind == "claim"]
    assert claims[0].startswith("Officials said 12 people were killed")
    assert any(c.startswith("The ministry reported that 40 drones") for c in claims)
    assert not any("terrible" in c or "talks" in c for c in claims)


def test_claim_carries_numbers_places_times_and_evidence(report: Report) -> None:
    claim = next(f for f in report.findings if f.kind == "claim")
    assert claim.label == "check-worthy"
    assert 0.0 < claim.score <= 1.0
    assert claim.score >= claim.evidence["threshold"]
    assert [n["text"] for n in claim.fields["numbers"]] == ["12"]
    ids = {f.id for f in report.findings}
    assert claim.fields["places"] and set(claim.fields["places"]) <= ids
    assert claim.fields["times"] and set(claim.fields["times"]) <= ids


def test_summary_ranks_claims(report: Report) -> None:
    ranked = report.summary["claims"]
    assert [c["score"] for c in ranked] == sorted((c["score"] for c in ranked), reverse=True)
    claims = [f for f in report.findings if f.kind == "claim"]
    assert summarize(claims)["claims"] == ranked


def test_score_sentences_orders_fact_above_opinion() -> None:
    fact, opinion = score_sentences(
        ["Inflation rose to 9.1 percent in June, the highest in 40 years.", "I love this city."]
    )
    assert fact > 0.5 > opinion


def test_missing_model_files_give_an_actionable_error(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=r"\[E036\].*claims.onnx"):
        ClaimHead.load(tmp_path)
    with pytest.raises(ModelNotFoundError, match=r"\[E083\].*technique.onnx"):
        Encoder.load(tmp_path)


def test_eval_checkworthy_command(tmp_path: Path) -> None:
    tsv = tmp_path / "s.tsv"
    tsv.write_text(
        "Sentence_id\tText\tclass_label\n"
        "1\tThe government spent $4 billion on roads last year.\tYes\n"
        "2\tWhat a lovely morning!\tNo\n",
        encoding="utf-8",
    )
    out = tmp_path / "pred.tsv"
    result = CliRunner().invoke(
        app, ["eval", "checkworthy", str(tsv), "--write-predictions", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert "check-worthy F1  1.000" in result.stdout
    assert [line.split("\t")[2] for line in out.read_text().splitlines()] == ["Yes", "No"]


NEWS = (
    "City council approves $4.2 million for road repairs\n\n"
    "The Millbrook city council voted 7 to 2 on Tuesday to spend $4.2 million on road repairs "
    "next year. This development marks a critical juncture for the town's future. "
    "The mayor believes the plan will transform the town. "
    "Work on the first bridge will start in March, the city engineer said. "
    "Critics should be ashamed of their obstruction."
)


def test_opinions_predictions_and_beliefs_are_not_claims_to_check(pipeline: Pipeline) -> None:
    # Issue 17: opinions ("This development marks a critical juncture ...") filled the list.
    report = pipeline.analyze(Article(text=NEWS))
    claims = [f.text for f in report.findings if f.kind == "claim"]
    assert any(c.startswith("The Millbrook city council voted 7 to 2") for c in claims)
    for opinion in ("critical juncture", "believes", "ashamed"):
        assert not any(opinion in c for c in claims), opinion


def test_the_threshold_is_a_calibrated_even_chance(report: Report) -> None:
    claim = next(f for f in report.findings if f.kind == "claim")
    assert claim.evidence["threshold"] == 0.5
    assert claim.evidence["score_is"].startswith("the calibrated probability")
