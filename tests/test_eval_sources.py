"""The source-type set loader, matcher and scorer on a tiny hand-made case (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsift
from newsift.cli import app
from newsift.errors import InputNotFoundError, MalformedInputError
from newsift.eval.corpora.sources import (
    DEFAULT_PATH,
    DEV2_PATH,
    DEV3_PATH,
    HELDOUT2_PATH,
    HELDOUT3_PATH,
    HELDOUT4_PATH,
    HELDOUT5_PATH,
    SETS,
    TYPES,
    GoldSource,
    load_source_set,
    parse_article,
    set_path,
)
from newsift.eval.report import format_source_scores
from newsift.eval.run import evaluate_source_types
from newsift.eval.sources import MISSED, PredictedSource, match_sources, score_source_types

TEXT = (
    "Mayor Ana Ruiz said the dam was safe. “It will hold,” she said. "
    "Critics say the dam is old. “Nobody checked it.”"
)
RECORD = {
    "id": "t1",
    "text": TEXT,
    "sources": [
        {"mention": "Mayor Ana Ruiz", "occurrence": 1, "content_hint": "dam was safe",
         "type": "named_person"},
        {"mention": "she", "occurrence": 1, "content_hint": "It will hold", "type": "named_person"},
        {"mention": "Critics", "occurrence": 1, "content_hint": "the dam is old", "type": "vague"},
        {"mention": None, "occurrence": 1, "content_hint": "Nobody checked it", "type": "unknown"},
    ],
}  # fmt: skip


def span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def test_parse_article_resolves_mentions_and_hints() -> None:
    article = parse_article(RECORD)
    assert [g.type for g in article.gold] == ["named_person", "named_person", "vague", "unknown"]
    first = article.gold[0]
    assert first.mention is not None
    assert TEXT[first.mention[0] : first.mention[1]] == "Mayor Ana Ruiz"
    # "she" is matched as a whole word: not the "she" inside another word.
    she = article.gold[1].mention
    assert she is not None and TEXT[she[0] : she[1]] == "she"
    assert article.gold[3].mention is None


@pytest.mark.parametrize(
    "change",
    [
        {"type": "unnamed"},
        {"content_hint": "not in the text"},
        {"mention": "Mayor Bob"},
        {"mention": "she", "occurrence": 2},
    ],
)
def test_parse_article_refuses_bad_items(change: dict[str, object]) -> None:
    record = {**RECORD, "sources": [{**RECORD["sources"][1], **change}]}  # type: ignore[dict-item]
    with pytest.raises(MalformedInputError):
        parse_article(record)


def test_load_source_set(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n\n", encoding="utf-8")
    assert [a.id for a in load_source_set(path)] == ["t1"]
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(MalformedInputError):
        load_source_set(path)
    with pytest.raises(InputNotFoundError):
        load_source_set(tmp_path / "missing.jsonl")


def predictions() -> list[PredictedSource]:
    return [
        PredictedSource(span("the dam was safe"), span("Mayor Ana Ruiz"), "named_person"),
        # A wide content that also covers the next statement: used once only.
        PredictedSource(
            span("“It will hold,” she said. Critics say the dam"), span("she"), "anonymous"
        ),
        PredictedSource(span("the dam is old"), span("Critics"), "anonymous"),
    ]


def test_match_sources_prefers_content_and_source_and_is_one_to_one() -> None:
    gold = parse_article(RECORD).gold
    pred = predictions()
    matches = match_sources(gold, pred)
    assert matches == [pred[0], pred[1], pred[2], None]


def test_match_sources_takes_the_smallest_content_first() -> None:
    gold = [GoldSource("t", None, span("the dam is old"), "vague")]
    wide = PredictedSource(span("Critics say the dam is old. “Nobody"), None, "unknown")
    narrow = PredictedSource(span("the dam is old"), None, "vague")
    assert match_sources(gold, [wide, narrow]) == [narrow]


def test_match_sources_falls_back_to_the_source_mention() -> None:
    gold = [GoldSource("t", span("Critics"), span("Nobody checked it"), "vague")]
    pred = [PredictedSource(span("the dam is old"), span("Critics"), "vague")]
    assert match_sources(gold, pred) == [pred[0]]
    # No mention and no content overlap: unmatched.
    gold = [GoldSource("t", None, span("Nobody checked it"), "unknown")]
    assert match_sources(gold, pred) == [None]


def test_score_source_types_counts_unmatched_as_errors() -> None:
    gold = parse_article(RECORD).gold
    scores = score_source_types(
        (g, p, TEXT) for g, p in zip(gold, match_sources(gold, predictions()), strict=True)
    )
    assert scores.n_gold == 4 and scores.n_matched == 3
    assert scores.accuracy == pytest.approx(1 / 4)
    assert scores.matched_accuracy == pytest.approx(1 / 3)
    assert scores.confusion["named_person"] == {
        "named_person": 1,
        "named_organization": 0,
        "anonymous": 1,
        "vague": 0,
        "unknown": 0,
        MISSED: 0,
    }
    assert scores.confusion["unknown"][MISSED] == 1
    assert scores.precision["named_person"] == 1.0
    assert scores.precision["anonymous"] == 0.0
    assert scores.recall["named_person"] == 0.5
    assert scores.recall["vague"] == 0.0
    assert [(m.gold, m.predicted) for m in scores.misses] == [
        ("named_person", "anonymous"),
        ("vague", "anonymous"),
        ("unknown", None),
    ]
    report = format_source_scores(scores)
    assert "type accuracy (all gold): 0.250" in report
    assert "type accuracy (matched):  0.333" in report
    assert all(t in report for t in TYPES)


def test_the_bundled_set_loads_and_covers_every_type() -> None:
    articles = load_source_set(DEFAULT_PATH)
    gold = [g for a in articles for g in a.gold]
    assert len(gold) >= 80
    assert {g.type for g in gold} == set(TYPES)


@pytest.mark.model
def test_evaluate_on_the_bundled_set() -> None:
    scores = evaluate_source_types(DEFAULT_PATH)
    assert scores.n_gold >= 80
    assert 0.0 <= scores.accuracy <= scores.matched_accuracy <= 1.0
    assert format_source_scores(scores).startswith("gold statements:")


@pytest.mark.parametrize(
    ("path", "n_articles", "n_gold"),
    [
        (DEV2_PATH, 25, 200),
        (DEV3_PATH, 22, 180),
        (HELDOUT2_PATH, 25, 219),
        (HELDOUT3_PATH, 27, 249),
        (HELDOUT4_PATH, 28, 259),
        (HELDOUT5_PATH, 28, 297),
    ],
)
def test_development_set_loads_and_covers_every_type_in_many_articles(
    path: Path, n_articles: int, n_gold: int
) -> None:
    articles = load_source_set(path)
    gold = [g for a in articles for g in a.gold]
    assert len(articles) >= n_articles
    assert len(gold) >= n_gold
    assert {g.type for g in gold} == set(TYPES)
    assert len({a.id for a in articles}) == len(articles)


@pytest.mark.regression
def test_bundled_sets_ship_inside_the_package() -> None:
    # Package code never reaches into the source tree: a wheel has no tests/ or datasets/.
    package = Path(newsift.__file__).resolve().parent
    for name in SETS:
        path = set_path(name)
        assert path.is_relative_to(package / "eval" / "data"), path
        assert path.is_file(), path
    assert set_path("articles") == DEFAULT_PATH


@pytest.mark.model
def test_eval_sources_reads_a_bundled_set_by_name() -> None:
    result = CliRunner().invoke(app, ["eval", "sources", "heldout"])
    assert result.exit_code == 0, result.output
    assert "gold statements: 132" in result.output
