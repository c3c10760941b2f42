"""Time and memory of story clustering (:func:`newsift.corpus.stories.find_stories`).

Synthetic corpus: each article is 12 sentences drawn (seeded) from a folder of real news
texts (PolNeAR's or PTC's ``*.txt``), published at a steady ``--per-day`` rate (so a larger
corpus covers a longer period, as a growing crawl does; the articles within one story window
stay as many). The texts themselves never leave ``--data``; only the timings are reported.

    python benchmarks/bench_stories.py --data ../shared/data/ptc/articles --sizes 10000 30000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import resource
import time
from pathlib import Path

from newsift.corpus.model import CorpusArticle
from newsift.corpus.stories import find_stories

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def corpus(data: Path, size: int, seed: int, per_day: int) -> list[CorpusArticle]:
    """``size`` articles of 12 sentences each, drawn from the texts under ``data``."""
    rng = random.Random(seed)
    sentences = [
        s.strip()
        for path in sorted(data.rglob("*.txt"))
        for s in _SENTENCE.split(path.read_text(encoding="utf-8", errors="replace"))
        if len(s.split()) >= 6
    ]
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return [
        CorpusArticle(
            id=f"b{n}",
            text=" ".join(rng.choice(sentences) for _ in range(12)),
            published=start + dt.timedelta(seconds=rng.randrange(size * 86400 // per_day)),
        )
        for n in range(size)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of .txt news texts")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-day", type=int, default=1000, help="articles published a day")
    args = parser.parse_args()
    for size in args.sizes:
        articles = corpus(args.data, size, args.seed, args.per_day)
        began = time.perf_counter()
        stories = find_stories(articles)
        seconds = time.perf_counter() - began
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{size:>7} articles: {seconds:7.1f} s ({size / seconds:,.0f} articles/s), "
            f"{len(stories)} stories, peak RSS {peak:,.0f} MB"
        )


if __name__ == "__main__":
    main()
