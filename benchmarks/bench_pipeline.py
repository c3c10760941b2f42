"""Speed and memory of the full newsift pipeline, as a ratio to spaCy's own parse.

Usage::

    .venv/bin/python benchmarks/bench_pipeline.py CORPUS_DIR [--repeat 5] [--limit 200]

CORPUS_DIR is any folder of .txt articles (e.g. ../shared/data/ptc/articles). Reports medians
over ``--repeat`` runs: batch throughput of spaCy's ``nlp.pipe`` alone and of newsift's full
pipeline on the same texts in the same process (their ratio is the headline number: it holds
across machines), single-article latency p50/p95 with the pipeline warm, time per pipeline
component, peak RSS, and cold start (process start to first report).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from newsift.errors import InputError
from newsift.model import Article
from newsift.pipeline import Pipeline, load_spacy


def read_corpus(directory: Path, limit: int) -> list[str]:
    """The texts of up to ``limit`` .txt files, sorted by name."""
    paths = sorted(directory.rglob("*.txt"))[:limit]
    if not paths:
        sys.exit(f"{directory}: no .txt files")
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return runs


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def component_times(pipeline: Pipeline, texts: list[str]) -> dict[str, float]:
    """Seconds spent in each spaCy/newsift component over all texts (one pass)."""
    totals: dict[str, float] = defaultdict(float)
    for text in texts:
        start = time.perf_counter()
        doc = pipeline.make_doc(Article(text=text))
        totals["tokenizer"] += time.perf_counter() - start
        for name, proc in pipeline.nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            totals[name] += time.perf_counter() - start
    return dict(totals)


def cold_start(sample: str) -> float:
    """Seconds from process start to the first JSON report of one article."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(sample)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "newsift.cli", "analyze", f.name, "--format", "json"],
        check=True,
        capture_output=True,
    )
    Path(f.name).unlink()
    return time.perf_counter() - start


def cli_peak_rss(texts: list[str]) -> float:
    """Peak RSS (MB) of one ``newsift analyze`` process over every text, models loaded.

    This is the memory a user's run needs; the benchmark's own process holds a second spaCy
    pipeline (the baseline) and every report of the repeated runs, so it reads higher.
    """
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for index, text in enumerate(texts):
            (corpus / f"{index:05d}.txt").write_text(text, encoding="utf-8")
        out = Path(tmp) / "out.jsonl"
        command = ["newsift.cli", "analyze", str(corpus), "--workers", "1", "--out", str(out)]
        # A small wrapper process measures its child: a child forked straight from this big
        # process would report this process's size as its own peak.
        probe = (
            "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        result = subprocess.run(
            [sys.executable, "-c", probe, sys.executable, "-m", *command, "--format", "jsonl"],
            check=True,
            capture_output=True,
            text=True,
        )
    return int(result.stdout.split()[-1]) / 1024


def run(directory: Path, repeat: int, limit: int) -> dict[str, Any]:
    """Every measurement, as a dict."""
    texts = read_corpus(directory, limit)
    words = sum(len(t.split()) for t in texts)
    articles = [Article(text=t, source=str(i)) for i, t in enumerate(texts)]

    spacy_nlp = load_spacy()
    pipeline = Pipeline.create()
    list(spacy_nlp.pipe(texts[:5]))  # warm both
    list(pipeline.analyze_stream(articles[:5]))

    spacy_runs = timed(lambda: list(spacy_nlp.pipe(texts)), repeat)
    full_runs = timed(lambda: list(pipeline.analyze_stream(articles)), repeat)

    def analyze_one(article: Article) -> None:
        with contextlib.suppress(InputError):  # a refused file still counts as a call
            pipeline.analyze(article)

    # Each article's latency is the median of ``repeat`` calls, like every other figure here.
    latencies = [
        statistics.median(timed(partial(analyze_one, article), repeat)) for article in articles
    ]
    per_700_words = [
        s / max(len(a.text.split()), 1) * 700 for s, a in zip(latencies, articles, strict=True)
    ]
    lengths = sorted(float(len(a.text.split())) for a in articles)

    spacy_s, full_s = statistics.median(spacy_runs), statistics.median(full_runs)
    return {
        "machine": f"{platform.node()} {platform.processor() or platform.machine()}",
        "python": platform.python_version(),
        "articles": len(texts),
        "words_per_article": round(words / len(texts)),
        "repeat": repeat,
        "spacy_parse_s": round(spacy_s, 3),
        "full_pipeline_s": round(full_s, 3),
        "ratio_to_spacy": round(full_s / spacy_s, 2),
        "articles_per_s": round(len(texts) / full_s, 1),
        "words_per_s": round(words / full_s),
        "latency_p50_ms": round(1000 * percentile(latencies, 50), 1),
        "latency_p95_ms": round(1000 * percentile(latencies, 95), 1),
        "words_p50_p95": [int(percentile(lengths, 50)), int(percentile(lengths, 95))],
        "latency_per_700_words_p50_p95_ms": [
            round(1000 * percentile(per_700_words, 50), 1),
            round(1000 * percentile(per_700_words, 95), 1),
        ],
        "component_ms_per_article": {
            name: round(1000 * s / len(texts), 2)
            for name, s in component_times(pipeline, texts).items()
        },
        "peak_rss_mb_benchmark_process": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        ),
        "peak_rss_mb_cli": round(cli_peak_rss(texts)),
        "cold_start_s": round(statistics.median(cold_start(texts[0]) for _ in range(3)), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles")
    parser.add_argument("--repeat", type=int, default=5, help="runs per batch measurement")
    parser.add_argument("--limit", type=int, default=200, help="at most this many articles")
    args = parser.parse_args()
    print(json.dumps(run(args.corpus, args.repeat, args.limit), indent=2))


if __name__ == "__main__":
    main()
