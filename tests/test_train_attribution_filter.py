"""The attribution filter's training and the first-name list build, on toy data."""

from __future__ import annotations

import numpy as np

from newsift.analyzers.attribution.filter import CueFilter
from newsift.train.attribution_filter import Candidates, choose_thresholds, train
from newsift.train.name_gender import derive


def _toy() -> Candidates:
    rows, labels, article = [], [], []
    for i in range(200):
        good = i % 3 != 0
        rows.append(["rule=ccomp" if good else "rule=object", f"quote={i % 2 == 0}"])
        labels.append(int(good))
        article.append(i // 10)
    return Candidates(rows, labels, article, gold=150)


def test_training_is_deterministic_and_separates_the_rules() -> None:
    first = train(_toy(), seed=0, l2=1.0, min_count=1, beta=0.5, keep_quotes=0.9)
    second = train(_toy(), seed=0, l2=1.0, min_count=1, beta=0.5, keep_quotes=0.9)
    assert first.to_dict() == second.to_dict()
    assert first.weights["rule=ccomp"] > first.weights["rule=object"]
    assert first.card["seed"] == 0
    model = CueFilter.from_dict(first.to_dict())
    good = model.probability(["rule=ccomp", "quote=False"])
    bad = model.probability(["rule=object", "quote=False"])
    assert model.keeps(["rule=ccomp", "quote=False"], good)
    assert not model.keeps(["rule=object", "quote=False"], bad)


def test_thresholds_keep_the_quotations_asked_for() -> None:
    probs = np.array([0.9, 0.8, 0.3, 0.2, 0.7, 0.1])
    labels = np.array([1.0, 1.0, 1.0, 0.0, 1.0, 0.0])
    quoted = np.array([False, False, True, True, True, False])
    _, quote_threshold, _, _, kept = choose_thresholds(probs, labels, quoted, 4, 0.5, 1.0)
    assert kept == 1.0 and quote_threshold <= 0.3


def test_first_names_keep_only_clear_genders() -> None:
    data: dict[str, list[object]] = {
        "mary": [33, 100000, 0.98, 3],
        "john": [33, 100000, 0.001, 3],
        "taylor": [30, 100000, 0.36, 3],
        "rare": [1, 10, 0.99, 3],
        "o'neil": [1, 100000, 0.0, 3],
    }
    assert derive(data, min_count=2000, margin=0.08) == {"mary": "f", "john": "m"}
