"""The bundled source-type sets load, cover every type, and stay above pinned accuracy floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsift.eval.sources import (
    DEFAULT_PATH,
    DEV2_PATH,
    DEV3_PATH,
    HELDOUT2_PATH,
    HELDOUT3_PATH,
    HELDOUT4_PATH,
    HELDOUT5_PATH,
    TYPES,
    evaluate_source_types,
    load_source_set,
)


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


@pytest.mark.model
@pytest.mark.parametrize(
    ("path", "floor"),
    [
        (DEFAULT_PATH, 0.95),
        (DEV2_PATH, 0.95),
        (DEV3_PATH, 0.95),
        (HELDOUT2_PATH, 0.95),
        (HELDOUT3_PATH, 0.95),
        (HELDOUT4_PATH, 0.95),
        # Measured blind once at 0.902 and not tuned on since: a floor against regressions.
        (HELDOUT5_PATH, 0.89),
    ],
)
def test_source_type_accuracy_floor_on_the_development_sets(path: Path, floor: float) -> None:
    # Development sets (the rules were written on them): a regression gate, not evidence of
    # accuracy on new text; that is what heldout.jsonl is for (heldout2.jsonl to
    # heldout5.jsonl were each measured blind once, 0.890, 0.876, 0.888 and 0.902, then
    # promoted to development).
    scores = evaluate_source_types(path)
    assert scores.accuracy >= floor, scores.misses
