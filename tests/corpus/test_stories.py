"""Stories: word-vector similarity, clusters within a time window, the pair evaluation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsift.corpus.model import CorpusArticle
from newsift.corpus.stories import (
    find_stories,
    story_id,
    story_similarity,
    term_vector,
    text_similarity,
)
from newsift.errors import InputError
from newsift.eval.stories import evaluate_stories, pearson

FLOOD = (
    "Floodwater from the Arlen River closed the rail line between Valdmere and Port Ossory "
    "on Tuesday, stranding commuters. Northline Rail said the track near Kessel junction "
    "was under water and replacement buses would run from Valdmere station."
)
FLOOD_OWN_WORDS = (
    "Northline Rail stopped its Valdmere to Port Ossory trains after the Arlen River "
    "covered the track at Kessel junction. Commuters queued for replacement buses outside "
    "Valdmere station on Tuesday."
)
MOON = (
    "Astronomers found a small moon orbiting a distant dwarf planet, using archive images "
    "from a telescope in Chile. The moon circles its parent every nine days."
)
UTC = dt.UTC


def article(article_id: str, body: str, hour: int | None = 8, day: int = 3) -> CorpusArticle:
    when = None if hour is None else dt.datetime(2026, 3, day, hour, tzinfo=UTC)
    return CorpusArticle(id=article_id, text=body, published=when)


def test_term_vectors_leave_out_stop_words_and_have_unit_length() -> None:
    vector = term_vector("The river and the river rose.")
    assert set(vector) == {"river", "rose"}
    assert sum(x * x for x in vector.values()) == pytest.approx(1.0)


def test_text_similarity_orders_same_story_above_unrelated() -> None:
    assert text_similarity(FLOOD, FLOOD) == pytest.approx(1.0)
    assert text_similarity(FLOOD, FLOOD_OWN_WORDS) > 0.35 > text_similarity(FLOOD, MOON)


def test_independent_reports_of_one_event_form_a_story_and_unrelated_do_not() -> None:
    stories = find_stories(
        [article("wire", FLOOD), article("gazette", FLOOD_OWN_WORDS), article("moon", MOON)]
    )
    assert [s.members for s in stories] == [("gazette", "wire")]
    assert stories[0].story == story_id(["wire", "gazette"])
    assert 0.35 <= stories[0].score <= 1


def test_reports_further_apart_than_the_window_are_not_one_story() -> None:
    far = [article("wire", FLOOD, day=3), article("gazette", FLOOD_OWN_WORDS, day=10)]
    assert find_stories(far) == []
    assert len(find_stories(far, window=dt.timedelta(days=8))) == 1


def test_an_unknown_publication_time_does_not_exclude() -> None:
    undated = [article("wire", FLOOD), article("gazette", FLOOD_OWN_WORDS, hour=None)]
    assert len(find_stories(undated)) == 1


@pytest.mark.model
def test_story_similarity_uses_the_encoder_and_stays_in_range() -> None:
    same = story_similarity(FLOOD, FLOOD_OWN_WORDS)
    unrelated = story_similarity(FLOOD, MOON)
    assert 0 <= unrelated < same <= 1


def test_pearson() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0


def test_eval_reads_only_the_pairs_in_the_language(tmp_path: Path) -> None:
    rows = [
        {"lang1": "en", "lang2": "en", "text1": FLOOD, "text2": FLOOD_OWN_WORDS,
         "labels": {"Overall": 1.0}},
        {"lang1": "en", "lang2": "en", "text1": FLOOD, "text2": MOON, "labels": {"Overall": 4.0}},
        {"lang1": "en", "lang2": "en", "text1": MOON, "text2": MOON, "labels": {"Overall": 1.0}},
        {"lang1": "de", "lang2": "en", "text1": "x", "text2": "y", "labels": {"Overall": 1.0}},
    ]  # fmt: skip
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    scores = evaluate_stories(path, measures={"text": text_similarity})
    assert scores.pairs == 3
    assert scores.pearson["text"] > 0.9
    assert "Pearson r (text vs. -Overall)" in scores.format()


def test_eval_names_a_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"lang1": "en", "lang2": "en"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"\[E148\] .*pairs.jsonl, line 1: not a story pair"):
        evaluate_stories(path)
