"""Story similarity against human "same story" scores (SemEval-2022 Task 8 pairs).

The file holds one pair a line: ``lang1``, ``lang2``, ``text1``, ``text2`` and ``labels``
with ``Overall`` on a 1-4 scale (1 = the same story, 4 = unrelated). The measure is
Pearson's r between newsift's similarity and ``-Overall`` (higher similarity should go with
a lower, closer score), on the pairs whose two articles are in ``language``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsift.corpus.stories import story_similarity, text_similarity
from newsift.errors import Errors, InputNotFoundError, MalformedInputError


@dataclass(frozen=True)
class StoryScores:
    """Pearson's r of each measure on ``pairs`` pairs."""

    pairs: int
    language: str
    pearson: dict[str, float]

    def format(self) -> str:
        """A few readable lines."""
        lines = [f"Story similarity on {self.pairs} {self.language}-{self.language} pairs"]
        lines += [
            f"  Pearson r ({name} vs. -Overall): {value:.3f}"
            for name, value in self.pearson.items()
        ]
        return "\n".join(lines)


def load_pairs(path: Path, language: str) -> list[tuple[str, str, float]]:
    """(text1, text2, Overall) of the pairs whose two articles are in ``language``.

    Raises:
        InputNotFoundError: ``path`` does not exist (E012).
        MalformedInputError: A line is not a JSON pair with texts and labels (E008).
    """
    if not path.is_file():
        raise InputNotFoundError(Errors.E012, source=path)
    pairs = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if row["lang1"] == language and row["lang2"] == language:
                    overall = float(row["labels"]["Overall"])
                    pairs.append((str(row["text1"]), str(row["text2"]), overall))
            except (ValueError, KeyError, TypeError):
                raise MalformedInputError(Errors.E148, source=path, line=number) from None
    return pairs


def pearson(x: list[float], y: list[float]) -> float:
    """Pearson's correlation coefficient (0 when either side is constant)."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def evaluate_stories(
    path: Path,
    language: str = "en",
    measures: dict[str, Callable[[str, str], float]] | None = None,
) -> StoryScores:
    """Score each similarity measure on the ``language`` pairs of ``path``."""
    chosen = measures or {"story_similarity": story_similarity, "text_similarity": text_similarity}
    pairs = load_pairs(path, language)
    gold = [-overall for _, _, overall in pairs]
    scores = {
        name: pearson([measure(a, b) for a, b, _ in pairs], gold)
        for name, measure in chosen.items()
    }
    return StoryScores(pairs=len(pairs), language=language, pearson=scores)
