"""Outlet boilerplate: lines one outlet repeats across its articles, masked before shingling.

Public API::

    learn_boilerplate(articles, min_articles=5) -> Boilerplate
    iter_lines(text) -> (start, end, normalised line) of each line that may be boilerplate
    Boilerplate.mask(article) -> list[tuple[int, int]]   # character spans to leave out

A site's header ("Subscribe to our newsletter"), footer ("© 2026 Example Media") and
share-bar lines recur verbatim across its articles; two articles of one outlet would look
like copies of each other, and two different stories copied by one farm would share its
footer. A line (text between newlines, compared after lower-casing and collapsing
punctuation, spacing and digits) that appears in at least ``min_articles`` distinct articles of the
same outlet is boilerplate for that outlet. Masking returns character spans, so offsets
into the original text stay valid.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newsift.corpus.model import CorpusArticle

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d")
#: Lines shorter than this (after normalising) are never learnt: "Advertisement" is short but
#: harmless, while a one-word line would mask real words everywhere.
MIN_LINE_CHARS = 12
DEFAULT_MIN_ARTICLES = 5


def normalise_line(line: str) -> str:
    """The form lines are compared in: their words, lower-cased, digits as ``0``.

    Punctuation and spacing are ignored, since sites vary dashes and quote marks between
    templates of one notice.
    """
    return " ".join(_WORD.findall(_DIGITS.sub("0", line.lower())))


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, normalised)`` of each line long enough to be learnt as boilerplate."""
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        norm = normalise_line(raw)
        if len(norm) >= MIN_LINE_CHARS:
            yield pos, end, norm
        pos = end + 1


@dataclass(frozen=True)
class Boilerplate:
    """Per-outlet sets of boilerplate lines (normalised)."""

    lines: dict[str, frozenset[str]] = field(default_factory=dict)
    min_articles: int = DEFAULT_MIN_ARTICLES

    def mask(self, article: CorpusArticle) -> list[tuple[int, int]]:
        """Character spans of ``article``'s boilerplate lines (empty when its outlet has none)."""
        known = self.lines.get(article.outlet or "")
        if not known:
            return []
        return [(start, end) for start, end, norm in iter_lines(article.text) if norm in known]


def learn_boilerplate(
    articles: Iterable[CorpusArticle], min_articles: int = DEFAULT_MIN_ARTICLES
) -> Boilerplate:
    """Learn each outlet's boilerplate lines from its articles.

    Args:
        articles: The corpus (articles without an outlet are skipped).
        min_articles: A line is boilerplate when at least this many distinct articles of one
            outlet contain it.

    Returns:
        The learnt :class:`Boilerplate`.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        if article.outlet:
            counts[article.outlet].update({norm for _, _, norm in iter_lines(article.text)})
    lines = {
        outlet: frozenset(line for line, n in counter.items() if n >= min_articles)
        for outlet, counter in counts.items()
    }
    return Boilerplate({k: v for k, v in lines.items() if v}, min_articles)
