"""Batch throughput with one and several worker processes, and memory of a streamed batch.

Usage::

    .venv/bin/python benchmarks/bench_workers.py CORPUS_DIR [--limit 60] [--repeat 3]
        [--workers 2] [--multiply 10]

CORPUS_DIR is any folder of .txt articles (e.g. ../shared/data/ptc/articles). Prints JSON:

- **throughput**: the same texts analysed by a warm :class:`newsift.parallel.WorkerPool` of
  ``--workers`` one-core processes, by one warm pipeline in this process with no core budget
  (every core: onnxruntime's threads and the encoder thread beside the parse, as for one
  article without ``--workers``), and by ``--workers 1`` (a child process that builds the
  pipeline as ``newsift analyze --workers 1`` does: in-process, one onnxruntime thread, no
  encoder thread). Articles/s and words/s are medians over ``--repeat`` runs. ``speedup`` is
  the pool over ``--workers 1`` (issue 7's target: ≥ 1.7 with 2 workers on 2 cores);
  ``speedup_vs_all_cores_in_process`` is the pool over the unbudgeted in-process pipeline.
- **cli**: wall time of ``newsift analyze`` on the corpus (JSONL in, JSONL out) with 1 and with
  ``--workers`` processes, start-up and model loading included.
- **streaming**: peak RSS of the ``newsift analyze --workers N`` process tree (parent and
  workers, sampled from /proc) over the corpus and over ``--multiply`` times the corpus; the
  largest single process is given too. Batches stream when the two are about equal.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench_pipeline import read_corpus, timed  # same folder: run as a script

from newsift.model import Article
from newsift.parallel import CoreBudget, PipelineOptions, WorkerPool, environment
from newsift.pipeline import Pipeline
from newsift.settings import usable_cores


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 2)


def rates(texts: list[str], seconds: float) -> dict[str, Any]:
    """Median seconds for the texts, as articles/s and words/s."""
    return {
        "s": round(seconds, 2),
        "articles_per_s": rate(len(texts), seconds),
        "words_per_s": round(sum(len(t.split()) for t in texts) / seconds),
    }


def in_process_and_pool(texts: list[str], workers: int, repeat: int) -> dict[str, Any]:
    """One warm unbudgeted in-process pipeline against a warm pool of ``workers`` processes."""
    articles = [Article(text=t, source=f"{i}.txt") for i, t in enumerate(texts)]
    pipeline = Pipeline.create()
    list(pipeline.analyze_stream(articles[:4]))  # warm
    with WorkerPool(workers, PipelineOptions()) as pool:
        pool.warm()
        list(pool.analyze(articles[: 2 * workers]))
        # Alternate the two, so that a change in the machine's load hits both alike.
        ones, severals = [], []
        for _ in range(repeat):
            ones += timed(lambda: list(pipeline.analyze_stream(articles)), 1)
            severals += timed(lambda: list(pool.analyze(articles)), 1)
    return {
        "all_cores_in_process": rates(texts, statistics.median(ones)),
        f"workers_{workers}": rates(texts, statistics.median(severals)),
    }


def workers_1_rate(corpus: Path, limit: int, repeat: int) -> dict[str, Any]:
    """Throughput of ``--workers 1``, measured in a fresh child process (its models must load
    under the one-core budget, which this process's cached sessions would not)."""
    options = ["--workers-1-child", "--limit", str(limit), "--repeat", str(repeat)]
    child = subprocess.run(
        [sys.executable, __file__, str(corpus), *options],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(child.stdout)
    return result


def workers_1_child(corpus: Path, limit: int, repeat: int) -> dict[str, Any]:
    """Time a warm pipeline built as ``newsift analyze --workers 1`` builds it."""
    texts = read_corpus(corpus, limit)
    articles = [Article(text=t, source=f"{i}.txt") for i, t in enumerate(texts)]
    budget = CoreBudget(1)
    with environment(budget.environment()):
        pipeline = PipelineOptions().create(encoder_thread=budget.encoder_thread)
    list(pipeline.analyze_stream(articles[:4]))  # warm
    seconds = timed(lambda: list(pipeline.analyze_stream(articles)), repeat)
    return rates(texts, statistics.median(seconds))


def throughput(directory: Path, texts: list[str], workers: int, repeat: int) -> dict[str, Any]:
    """Every throughput measure, with the two ratios (see the module docstring)."""
    result = in_process_and_pool(texts, workers, repeat)
    result["workers_1"] = workers_1_rate(directory, len(texts), repeat)
    pooled = result[f"workers_{workers}"]["articles_per_s"]
    result["speedup"] = round(pooled / result["workers_1"]["articles_per_s"], 2)
    result["speedup_vs_all_cores_in_process"] = round(
        pooled / result["all_cores_in_process"]["articles_per_s"], 2
    )
    return result


def write_jsonl(path: Path, texts: Iterable[str]) -> int:
    """Write one ``{"id", "text"}`` object per line; return the number of lines."""
    count = 0
    with path.open("w", encoding="utf-8") as f:
        for count, text in enumerate(texts, 1):
            f.write(json.dumps({"id": str(count), "text": text}) + "\n")
    return count


def _children() -> dict[int, list[int]]:
    """Parent pid → child pids, from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_cli(jsonl: Path, workers: int, out: Path) -> dict[str, Any]:
    """Run ``newsift analyze`` on a JSONL file; wall time and peak RSS of its process tree."""
    command = [
        sys.executable,
        "-m",
        "newsift.cli",
        "analyze",
        str(jsonl),
        "--format",
        "jsonl",
        "--out",
        str(out),
        "--workers",
        str(workers),
    ]
    start = time.perf_counter()
    log = out.with_suffix(".stderr")
    with log.open("wb") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    peak_total = peak_one = 0.0
    while process.poll() is None:
        tree, pids, seen = _children(), [process.pid], []
        while pids:
            pid = pids.pop()
            seen.append(pid)
            pids.extend(tree.get(pid, []))
        sizes = [_rss_mb(pid) for pid in seen]
        peak_total, peak_one = max(peak_total, sum(sizes)), max(peak_one, max(sizes))
        time.sleep(0.25)
    wall = time.perf_counter() - start
    if process.returncode not in (0, 1):
        sys.exit(f"newsift analyze failed ({process.returncode}): {log.read_text()[-2000:]}")
    reports = sum(1 for _ in out.open(encoding="utf-8"))
    return {
        "workers": workers,
        "reports": reports,
        "wall_s": round(wall, 1),
        "peak_rss_tree_mb": round(peak_total),
        "peak_rss_largest_process_mb": round(peak_one),
    }


def run(directory: Path, limit: int, repeat: int, workers: int, multiply: int) -> dict[str, Any]:
    """Every measurement, as a dict."""
    texts = read_corpus(directory, limit)
    result: dict[str, Any] = {
        "machine": f"{platform.node()} {platform.processor() or platform.machine()}",
        "python": platform.python_version(),
        "usable_cores": usable_cores(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "articles": len(texts),
        "words_per_article": round(sum(len(t.split()) for t in texts) / len(texts)),
        "repeat": repeat,
        "throughput": throughput(directory, texts, workers, repeat),
    }
    with tempfile.TemporaryDirectory() as tmp:
        once, many = Path(tmp) / "once.jsonl", Path(tmp) / "many.jsonl"
        write_jsonl(once, texts)
        write_jsonl(many, (t for _ in range(multiply) for t in texts))
        outs = [Path(tmp) / f"out-{n}.jsonl" for n in (1, workers, 0)]
        result["cli"] = [run_cli(once, 1, outs[0]), run_cli(once, workers, outs[1])]
        result["cli_reports_identical"] = outs[0].read_bytes() == outs[1].read_bytes()
        result["streaming"] = {
            "multiply": multiply,
            "once": result["cli"][1],
            "many": run_cli(many, workers, outs[2]),
        }
    streaming = result["streaming"]
    streaming["rss_growth"] = round(
        streaming["many"]["peak_rss_tree_mb"] / streaming["once"]["peak_rss_tree_mb"], 2
    )
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=60, help="articles to use")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (median)")
    parser.add_argument("--workers", type=int, default=2, help="processes to compare with one")
    parser.add_argument("--multiply", type=int, default=10, help="corpus copies, streaming check")
    parser.add_argument("--workers-1-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.workers_1_child:
        print(json.dumps(workers_1_child(args.corpus, args.limit, args.repeat)))
        return
    print(
        json.dumps(run(args.corpus, args.limit, args.repeat, args.workers, args.multiply), indent=2)
    )


if __name__ == "__main__":
    main()
