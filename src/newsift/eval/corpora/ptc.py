"""PTC (SemEval-2020 Task 11, Propaganda Techniques Corpus): reader and article split.

Layout of a PTC folder: ``articles/articleID.txt``, ``labels-si/articleID.task1-SI.labels``
(``ID<TAB>start<TAB>end``) and ``labels-tc/articleID.task2-TC.labels``
(``ID<TAB>technique<TAB>start<TAB>end``); offsets are characters, end exclusive.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsift.errors import Errors, InputError

Span = tuple[int, int]
_ARTICLE_ID = re.compile(r"article(\d+)\.txt$")


@dataclass(frozen=True)
class TechniqueSpan:
    """One gold TC row: a technique on the characters ``start:end``."""

    technique: str
    start: int
    end: int


@dataclass(frozen=True)
class PtcArticle:
    """An article with its gold spans (empty tuples when the folder has no labels)."""

    article_id: str
    text: str
    si: tuple[Span, ...] = ()
    tc: tuple[TechniqueSpan, ...] = ()
    labelled: bool = False  #: the folder has label files for it (possibly empty: no spans)


def _read_rows(path: Path, width: int) -> list[list[str]]:
    if not path.is_file():
        return []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != width:
            raise InputError(Errors.E080, path=path, line=number, width=width)
        rows.append(cells)
    return rows


def load_ptc(directory: Path) -> list[PtcArticle]:
    """Every article of a PTC folder, sorted by id, with its SI and TC labels.

    Raises:
        InputError: The folder has no ``articles/`` (E081) or a label file is malformed (E080).
    """
    articles_dir = directory / "articles"
    if not articles_dir.is_dir():
        raise InputError(Errors.E081, path=directory)
    articles = []
    for path in sorted(articles_dir.glob("article*.txt")):
        match = _ARTICLE_ID.search(path.name)
        if match is None:
            continue
        article_id = match.group(1)
        # newline="" keeps "\r" characters: PTC offsets count every character of the file.
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        si_path = directory / "labels-si" / f"article{article_id}.task1-SI.labels"
        tc_path = directory / "labels-tc" / f"article{article_id}.task2-TC.labels"
        si, tc = _read_rows(si_path, 3), _read_rows(tc_path, 4)
        articles.append(
            PtcArticle(
                article_id=article_id,
                text=text,
                si=tuple(sorted((int(row[1]), int(row[2])) for row in si)),
                tc=tuple(
                    sorted(
                        (TechniqueSpan(row[1], int(row[2]), int(row[3])) for row in tc),
                        key=lambda span: (span.start, span.end, span.technique),
                    )
                ),
                labelled=si_path.is_file() or tc_path.is_file(),
            )
        )
    return articles


def split_articles(
    article_ids: Iterable[str],
    heldout_share: float = 0.2,
    validation_share: float = 0.1,
    seed: int = 13,
    fold: int = 0,
) -> dict[str, list[str]]:
    """A fixed split by article: ``train``, ``validation`` (model selection), ``heldout`` (scores).

    The ids are sorted and shuffled with ``seed``, so the split depends only on the set of ids.
    ``fold`` (0 to ``round(1 / heldout_share) - 1``) picks which block of the shuffled ids is
    held out, for cross-validation: every article is held out in exactly one fold, and fold 0
    is the split the shipped model was trained on. Validation is the next block after it.
    """
    ids = sorted(article_ids)
    random.Random(seed).shuffle(ids)
    n_heldout = round(len(ids) * heldout_share)
    n_validation = round(len(ids) * validation_share)
    folds = round(1 / heldout_share)
    if not 0 <= fold < folds:
        raise ValueError(f"fold must be between 0 and {folds - 1}, not {fold}")
    start = fold * n_heldout
    end = len(ids) if fold == folds - 1 else start + n_heldout
    rest = ids[end:] + ids[:start]
    return {
        "heldout": sorted(ids[start:end]),
        "validation": sorted(rest[:n_validation]),
        "train": sorted(rest[n_validation:]),
    }
