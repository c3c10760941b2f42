"""The PolNeAR loader and scorer, on tiny brat files written here (never the real corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsift.errors import InputNotFoundError
from newsift.eval.corpora.polnear import AttributionSpans, GoldArticle, load_polnear, parse_ann
from newsift.eval.polnear import has_quotation, match_attributions, score_polnear
from newsift.eval.report import format_polnear
from newsift.eval.run import doc_attributions, evaluate_polnear
from newsift.pipeline import load_spacy

TEXT = "Mayor Ana Ruiz said the dam was safe. “It will hold,” she said, “for decades.”\n"
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678
ANN = (
    "T1\tSource 0 14\tMayor Ana Ruiz\n"
    "T2\tCue 15 19\tsaid\n"
    "T3\tContent 20 36\tthe dam was safe\n"
    "T4\tAttribution 15 19\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 38 53;64 78\t“It will hold,” “for decades.”\n"
    "T6\tSource 54 57\tshe\n"
    "T7\tCue 58 62\tsaid\n"
    "T8\tAttribution 58 62\tsaid\n"
    "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
    "#1\tAnnotatorNotes T5\ta note\n"
    "a continuation line of a span text that held a newline\n"
    "T9\tCue 0 5\tMayor\n"
    "E3\tAttribution-no-source:T9 Cue:T9\n"
)


def write_part(root: Path) -> Path:
    part = root / "dev"
    (part / "text").mkdir(parents=True)
    (part / "attributions").mkdir()
    (part / "text" / "ruiz_dam.txt").write_bytes(TEXT.encode("utf-8"))
    (part / "attributions" / "ruiz_dam_aaaa.ann").write_text(ANN, encoding="utf-8")
    # A second annotator's file for the same article: only the first (by name) is read.
    (part / "attributions" / "ruiz_dam_bbbb.ann").write_text("", encoding="utf-8")
    return part


def test_text_offsets_of_the_fixture() -> None:
    assert TEXT[0:14] == "Mayor Ana Ruiz" and TEXT[20:36] == "the dam was safe"
    assert TEXT[38:53] == "“It will hold,”" and TEXT[64:78] == "“for decades.”"
    assert TEXT[54:57] == "she" and TEXT[58:62] == "said"


def test_parse_ann_joins_discontinuous_spans_and_skips_what_has_no_content() -> None:
    attributions, skipped = parse_ann(ANN)
    assert skipped == 1
    assert attributions == [
        AttributionSpans(content=((20, 36),), cue=((15, 19),), source=((0, 14),)),
        AttributionSpans(content=((38, 53), (64, 78)), cue=((58, 62),), source=((54, 57),)),
    ]


def test_load_polnear_reads_one_annotator_per_article(tmp_path: Path) -> None:
    (article,) = load_polnear(write_part(tmp_path))
    assert article.name == "ruiz_dam" and article.annotator == "aaaa"
    assert article.text == TEXT and len(article.attributions) == 2


def test_load_polnear_refuses_a_folder_that_is_not_a_part(tmp_path: Path) -> None:
    write_part(tmp_path)
    with pytest.raises(InputNotFoundError) as error:
        load_polnear(tmp_path)
    assert error.value.code == "E060"


def test_load_polnear_refuses_a_part_without_annotations(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    with pytest.raises(InputNotFoundError) as error:
        load_polnear(tmp_path)
    assert error.value.code == "E061"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('he said "no"', True),
        ("“no”", True),
        ("‘no’", True),
        ("don’t and voters’ choice", False),
        ("don't", False),
        ("the ‘90s", False),
        ("Trump‘s plan", False),
    ],
)
def test_has_quotation(text: str, expected: bool) -> None:
    assert has_quotation(text) is expected


def spans(
    content: tuple[int, int],
    cue: tuple[int, int] | None = None,
    source: tuple[int, int] | None = None,
) -> AttributionSpans:
    return AttributionSpans((content,), (cue,) if cue else (), (source,) if source else ())


def test_matching_needs_jaccard_one_half_and_is_one_to_one() -> None:
    gold = [spans((0, 100))]
    # Jaccard 0.9 and 0.6: both qualify, the better one wins, the other stays unmatched.
    predicted = [spans((0, 60)), spans((0, 90)), spans((0, 40))]
    assert match_attributions(gold, predicted) == [(0, 1, 0.9)]
    assert match_attributions(gold, [spans((0, 49))]) == []


def test_greedy_matching_takes_the_best_pair_first() -> None:
    gold = [spans((0, 10)), spans((0, 12))]
    predicted = [spans((0, 12))]
    assert match_attributions(gold, predicted) == [(1, 0, 1.0)]


def test_scores_on_hand_made_gold_and_predictions() -> None:
    text = "x" * 200 + '"' + "q" * 98 + '"'
    gold = GoldArticle(
        name="a",
        text=text,
        annotator="t",
        attributions=(
            spans((0, 100), cue=(100, 104), source=(110, 115)),
            spans((120, 180), cue=(181, 185), source=(186, 190)),
            spans((200, 300), cue=(301, 305), source=(306, 310)),  # a quotation
            spans((0, 10), cue=(12, 14)),  # no source in gold
        ),
    )
    predicted = {
        "a": [
            spans((0, 90), cue=(100, 104), source=(112, 113)),  # match, source and cue right
            spans((120, 180), cue=(170, 171)),  # match, no source: wrong; cue wrong
            spans((400, 500)),  # no match
        ]
    }
    scores = score_polnear([gold], predicted)
    assert scores.counts["matched"] == 2
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(2 / 4)
    assert scores.f1 == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))
    assert scores.quote_recall == 0.0 and scores.counts["gold_quotes"] == 1
    assert scores.source_accuracy == pytest.approx(1 / 2)
    assert scores.cue_accuracy == pytest.approx(1 / 2)
    table = format_polnear(scores)
    assert "content F1" in table and "quotation recall" in table and "0.571" in table


def test_scores_without_predictions_are_zero() -> None:
    gold = GoldArticle("a", "text", (spans((0, 4)),), "t")
    scores = score_polnear([gold], {})
    assert (scores.precision, scores.recall, scores.f1) == (0.0, 0.0, 0.0)
    assert scores.to_dict()["counts"]["gold"] == 1


@pytest.mark.model
def test_doc_attributions_leave_out_missing_sources() -> None:
    import newsift.analyzers.attribution  # noqa: F401  (registers the factory)

    nlp = load_spacy()
    nlp.add_pipe("newsift_attribution", config={"learned_filter": False})
    # An impersonal passive (a cue, no source) and a quote standing alone (neither).
    text = "It is believed that the dam will hold.\n\n“Nobody crosses this bridge again.”"
    found = doc_attributions(nlp(text))
    assert [a.source for a in found] == [(), ()]
    assert found[0].cue and not found[1].cue


@pytest.mark.model
def test_evaluate_polnear_end_to_end(tmp_path: Path) -> None:
    import newsift.analyzers.attribution  # noqa: F401  (registers the factory)

    nlp = load_spacy()
    nlp.add_pipe("newsift_attribution")
    scores = evaluate_polnear(write_part(tmp_path), nlp)
    assert scores.counts["gold"] == 2
    assert scores.recall == 1.0 and scores.quote_recall == 1.0
    assert scores.source_accuracy == 1.0 and scores.cue_accuracy == 1.0


def test_calibration_error_is_the_gap_between_scores_and_hits() -> None:
    from newsift.eval.polnear import expected_calibration_error

    assert expected_calibration_error([]) == 0.0
    assert expected_calibration_error([(0.85, True)] * 17 + [(0.85, False)] * 3) == pytest.approx(
        0.0
    )
    assert expected_calibration_error([(0.95, False), (0.95, False)]) == pytest.approx(0.95)
