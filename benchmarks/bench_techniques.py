"""Speed of the ``techniques`` analyzer alone: milliseconds per article, model loaded once.

Usage::

    .venv/bin/python benchmarks/bench_techniques.py CORPUS_DIR [--limit 100] [--repeat 3]

CORPUS_DIR is any folder of .txt articles (e.g. ../shared/data/ptc/articles). For each
article the script times :meth:`TechniqueModel.predict` (tokenising, the windowed tagger,
span decoding and the span head) and reports the median over ``--repeat`` runs: median
and p95 milliseconds per article, the median scaled to a 700-word article (the issue's
yardstick), and words per second.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from bench_pipeline import read_corpus  # same folder: run as a script

from newsift.analyzers.techniques import TechniqueModel

WORDS = 700


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None, help="onnxruntime threads")
    args = parser.parse_args()
    texts = read_corpus(args.corpus, args.limit)
    started = time.perf_counter()
    model = TechniqueModel.load(threads=args.threads)
    load_seconds = time.perf_counter() - started
    model.predict(texts[0])  # warm-up
    per_article: list[list[float]] = [[] for _ in texts]
    for _ in range(args.repeat):
        for index, text in enumerate(texts):
            start = time.perf_counter()
            model.predict(text)
            per_article[index].append(time.perf_counter() - start)
    medians = [statistics.median(runs) for runs in per_article]
    words = [len(t.split()) for t in texts]
    scaled = [m / w * WORDS for m, w in zip(medians, words, strict=True) if w]
    ordered = sorted(medians)
    print(
        json.dumps(
            {
                "machine": f"{platform.processor() or platform.machine()}, "
                f"{len(os.sched_getaffinity(0))} CPUs",
                "articles": len(texts),
                "median_words": statistics.median(words),
                "load_seconds": round(load_seconds, 2),
                "ms_per_article_p50": round(1000 * statistics.median(medians), 1),
                "ms_per_article_p95": round(1000 * ordered[round(0.95 * (len(ordered) - 1))], 1),
                f"ms_per_{WORDS}_words_p50": round(1000 * statistics.median(scaled), 1),
                "words_per_second": round(sum(words) / sum(medians)),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
