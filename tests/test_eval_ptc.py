"""The PTC loader and the two official scorers (SemEval-2020 Task 11), on hand-made data."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsift.errors import InputError
from newsift.eval.corpora.ptc import PtcArticle, TechniqueSpan, load_ptc, split_articles
from newsift.eval.ptc import (
    TECHNIQUES,
    SiMisses,
    finding_is_right,
    merge_spans,
    score_si,
    score_tc,
    si_misses,
)
from newsift.eval.run import (
    attributed_content,
    attribution_nlp,
    finding_rates,
    model_split,
    write_si,
    write_tc,
)

spans = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 40)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=12,
)


def write_ptc(root: Path, article_id: str, text: str, tc: list[tuple[str, int, int]]) -> None:
    """A one-article PTC folder in the official layout (text written for this test)."""
    for name in ("articles", "labels-si", "labels-tc"):
        (root / name).mkdir(parents=True, exist_ok=True)
    (root / "articles" / f"article{article_id}.txt").write_text(text, encoding="utf-8")
    (root / "labels-tc" / f"article{article_id}.task2-TC.labels").write_text(
        "".join(f"{article_id}\t{t}\t{s}\t{e}\n" for t, s, e in tc), encoding="utf-8"
    )
    (root / "labels-si" / f"article{article_id}.task1-SI.labels").write_text(
        "".join(f"{article_id}\t{s}\t{e}\n" for s, e in merge_spans((s, e) for _, s, e in tc)),
        encoding="utf-8",
    )


def test_fourteen_classes_spelled_as_in_the_corpus() -> None:
    assert len(TECHNIQUES) == 14
    assert "Name_Calling,Labeling" in TECHNIQUES
    assert "Whataboutism,Straw_Men,Red_Herring" in TECHNIQUES


@given(spans)
def test_merged_spans_are_sorted_disjoint_and_cover_the_same_characters(
    items: list[tuple[int, int]],
) -> None:
    merged = merge_spans(items)
    covered = {i for s, e in items for i in range(s, e)}
    assert {i for s, e in merged for i in range(s, e)} == covered
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(merged))


@given(spans)
def test_a_perfect_prediction_scores_one(items: list[tuple[int, int]]) -> None:
    if not items:
        return
    assert score_si({"1": items}, {"1": items}).f1 == pytest.approx(1.0)


def test_si_gives_partial_credit_by_characters() -> None:
    # Gold 0-10; prediction 5-15 covers half of gold, and half of it is gold.
    score = score_si({"1": [(5, 15)]}, {"1": [(0, 10)]})
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.5)
    # Overlapping gold spans are merged before scoring: one gold span 0-20.
    merged = score_si({"1": [(0, 20)]}, {"1": [(0, 10), (5, 20)]})
    assert merged.f1 == pytest.approx(1.0)


def test_si_sums_over_every_gold_span_a_prediction_touches() -> None:
    score = score_si({"1": [(0, 30)]}, {"1": [(0, 10), (20, 30)]})
    assert score.precision == pytest.approx(20 / 30)
    assert score.recall == pytest.approx(1.0)


def test_si_counts_missed_articles_against_recall() -> None:
    score = score_si({}, {"1": [(0, 10)]})
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_si_misses_count_spans_that_touch_nothing() -> None:
    predicted = {"1": [(0, 5), (10, 20), (18, 25), (40, 45)], "2": [(0, 3)]}
    gold = {"1": [(12, 14), (30, 35), (44, 50)], "3": [(0, 9)]}
    # "1": (10, 25) once merged and (40, 45) touch gold, (0, 5) does not; (30, 35) untouched.
    # "2" has no gold (ignored, as score_si ignores it); "3" has no prediction.
    assert si_misses(predicted, gold) == SiMisses(
        false_spans=1, predicted=3, missed_spans=2, gold=4
    )


@given(spans, spans)
def test_si_misses_agree_with_the_score(
    predicted: list[tuple[int, int]], gold: list[tuple[int, int]]
) -> None:
    misses = si_misses({"1": predicted}, {"1": gold})
    score = score_si({"1": predicted}, {"1": gold})
    assert (misses.predicted, misses.gold) == (score.predicted, score.gold)
    if misses.false_spans == misses.predicted:  # nothing touches: no credit either way
        assert score.precision == 0.0 and score.recall == 0.0


def test_tc_compares_label_multisets_per_span() -> None:
    gold = [
        ("1", "Loaded_Language", 0, 5),
        ("1", "Name_Calling,Labeling", 0, 5),
        ("1", "Doubt", 10, 20),
    ]
    predicted = [
        ("1", "Loaded_Language", 0, 5),
        ("1", "Loaded_Language", 0, 5),
        ("1", "Doubt", 10, 20),
    ]
    scores = score_tc(predicted, gold)
    assert scores.micro.f1 == pytest.approx(2 / 3)
    assert scores.per_technique["Doubt"].f1 == pytest.approx(1.0)
    assert scores.per_technique["Name_Calling,Labeling"].recall == 0.0


def test_loader_keeps_offsets_exact_with_crlf_and_unicode(tmp_path: Path) -> None:
    text = "Café “owners” rage\r\n\r\nA shameful, disgraceful plan.\r\n"
    start = text.index("shameful")
    write_ptc(tmp_path, "7", text, [("Loaded_Language", start, start + 8)])
    (article,) = load_ptc(tmp_path)
    assert article.article_id == "7"
    assert article.text[article.tc[0].start : article.tc[0].end] == "shameful"
    assert article.si == ((start, start + 8),)


def test_malformed_label_rows_name_the_file_and_line(tmp_path: Path) -> None:
    write_ptc(tmp_path, "7", "Some text.", [])
    bad = tmp_path / "labels-tc" / "article7.task2-TC.labels"
    bad.write_text("7\tDoubt\t0\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"E080.*article7\.task2-TC\.labels, line 1"):
        load_ptc(tmp_path)


def test_a_folder_without_articles_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="E081"):
        load_ptc(tmp_path)


def test_split_is_by_article_disjoint_and_stable() -> None:
    ids = [str(1000 + i) for i in range(100)]
    first = split_articles(ids)
    assert first == split_articles(reversed(ids))
    assert len(first["heldout"]) == 20 and len(first["validation"]) == 10
    assert not set(first["heldout"]) & set(first["train"])
    assert sorted(first["heldout"] + first["validation"] + first["train"]) == sorted(ids)


@given(st.integers(10, 400))
def test_cross_validation_folds_hold_out_every_article_once(n: int) -> None:
    ids = [str(5000 + i) for i in range(n)]
    folds = [split_articles(ids, fold=k) for k in range(5)]
    assert folds[0] == split_articles(ids)  # fold 0 is the default (shipped) split
    held_out = [i for fold in folds for i in fold["heldout"]]
    assert sorted(held_out) == sorted(ids)
    for fold in folds:
        parts = [set(fold[name]) for name in ("heldout", "validation", "train")]
        assert sum(map(len, parts)) == n and set.union(*parts) == set(ids)
        assert len(fold["validation"]) == round(n * 0.1)


def test_a_fold_outside_the_range_is_refused() -> None:
    with pytest.raises(ValueError, match="fold must be between 0 and 4"):
        split_articles(["1", "2", "3"], fold=5)


def test_submission_files_use_the_official_formats(tmp_path: Path) -> None:
    write_si(tmp_path / "si.tsv", {"2": [(4, 9)], "1": [(0, 3)]})
    write_tc(tmp_path / "tc.tsv", [("1", "Doubt", 0, 3)])
    assert (tmp_path / "si.tsv").read_text() == "1\t0\t3\n2\t4\t9\n"
    assert (tmp_path / "tc.tsv").read_text() == "1\tDoubt\t0\t3\n"


class _OneSpanModel:
    """A stand-in technique model that finds one span, whatever the threshold."""

    def __init__(self, start: int, end: int) -> None:
        from newsift.analyzers.techniques import SpanPrediction

        probabilities = tuple(1.0 if t == "Loaded_Language" else 0.0 for t in TECHNIQUES)
        self.prediction = SpanPrediction(start, end, 0.9, probabilities)
        self.encoder = self

    def read(self, text: str) -> None:
        return None

    def predict(self, text: str, threshold: float, reading: object) -> list[object]:
        return [self.prediction]

    def report(self, text: str, threshold: float, reading: object) -> list[object]:
        return self.predict(text, threshold, reading)


@pytest.mark.regression
def test_author_voice_rate_leaves_out_attributed_content_as_reports_do() -> None:
    # A report marks a technique inside a minister's reported words `voice: quoted`, even
    # without quotation marks; the rate must count it the same way.
    text = "The minister said the reform was a catastrophic betrayal of every family."
    start = text.index("catastrophic")
    model = _OneSpanModel(start, start + len("catastrophic betrayal"))
    content = (text.index("the reform"), len(text) - 1)
    [rate] = finding_rates(model, [text], [0.5], attributed=lambda _: [content])  # type: ignore[arg-type]
    assert (rate.findings, rate.author_voice) == (1, 0)
    [unattributed] = finding_rates(model, [text], [0.5], attributed=lambda _: [])  # type: ignore[arg-type]
    assert (unattributed.findings, unattributed.author_voice) == (1, 1)


@pytest.mark.model
def test_attributed_content_is_what_the_attribution_analyzer_finds() -> None:
    text = "The minister said the reform was a catastrophic betrayal of every family."
    [(start, end)] = attributed_content(attribution_nlp())(text)
    assert text[start:end].startswith("the reform was a catastrophic betrayal")


def test_a_finding_is_right_when_half_its_characters_carry_its_technique() -> None:
    article = PtcArticle(
        "1",
        "x" * 100,
        si=((10, 20),),
        tc=(TechniqueSpan("Loaded_Language", 10, 20), TechniqueSpan("Doubt", 40, 60)),
    )
    assert finding_is_right(10, 20, "Loaded_Language", article)
    assert finding_is_right(5, 20, "Loaded_Language", article)  # 10 of 15 characters
    assert finding_is_right(0, 20, "Loaded_Language", article)  # 10 of 20: half is enough
    assert not finding_is_right(0, 21, "Loaded_Language", article)
    assert not finding_is_right(10, 20, "Doubt", article)  # the wrong technique
    assert not finding_is_right(70, 90, "Doubt", article)


def test_the_dev_split_is_the_official_development_list(tmp_path: Path) -> None:
    for article_id in ("111", "222", "333"):
        write_ptc(tmp_path, article_id, "Some text.", [])
    (tmp_path / "official-dev-ids.txt").write_text("222\n333\n", encoding="utf-8")
    articles = load_ptc(tmp_path)
    assert [a.article_id for a in model_split(articles, tmp_path, "dev", tmp_path)] == [
        "222",
        "333",
    ]
