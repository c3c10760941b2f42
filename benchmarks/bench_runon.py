"""How the attribution analyzer's time grows with a run-on text (no full stops).

A text of run-on clauses is one "sentence" to the parser unless newsift starts sentences in it
(:data:`newsift.segmentation.MAX_SENTENCE_TOKENS`); the analyzer's rules walk a clause's
dependency subtree at each reporting verb, so its cost once grew with the square of the
length. This prints the median time of the attribution component alone (parse excluded) for
each length, and its ratio to the shortest, per character.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_runon.py --sizes 10000 20000 40000 80000
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from newsift.model import Article
from newsift.pipeline import Pipeline

WORDS = [
    "the",
    "minister",
    "said",
    "that",
    "officials",
    "told",
    "reporters",
    "the",
    "army",
    "claimed",
    "villagers",
    "reported",
    "shelling",
    "near",
    "the",
    "town",
    "and",
    "he",
    "added",
    "that",
]


def run_on(chars: int, seed: int) -> str:
    """A run-on text of about ``chars`` characters, reporting verbs throughout, no full stop."""
    rng = random.Random(seed)
    words = " ".join(rng.choice(WORDS) for _ in range(chars // 5))
    return "The " + words[:chars] + " end."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000, 80_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    pipeline = Pipeline.create(only=["attribution"])
    base = None
    for size in args.sizes:
        text = run_on(size, args.seed)
        timings = []
        for _ in range(args.repeat):
            doc = pipeline.make_doc(Article(text=text))
            for name, component in pipeline.nlp.pipeline:
                start = time.perf_counter()
                doc = component(doc)
                if name == "newsift_attribution":
                    timings.append(time.perf_counter() - start)
        median = statistics.median(timings)
        per_char = median / size
        base = base or per_char
        print(
            f"{size:>8,} chars  attribution {median:7.2f} s  per-char ratio {per_char / base:5.2f}"
        )


if __name__ == "__main__":
    main()
