"""newsift on Spark in local mode: analysis throughput against the CLI, and the copy step.

Usage::

    .venv/bin/python benchmarks/bench_spark.py throughput CORPUS_DIR [--limit 40] [--cores 2]
    .venv/bin/python benchmarks/bench_spark.py copies [--data ../shared/data] [--sizes 10000]

CORPUS_DIR is any folder of .txt articles (e.g. ../shared/data/ptc/articles). Prints JSON.

``throughput``: the same articles (JSONL) analysed

- by ``newsift analyze --workers N`` (N = ``--cores``), a subprocess, run on the whole set
  and on its first article: the difference is the time after start-up, so articles/s after
  start-up = (n - 1) / (t_n - t_1);
- by ``newsift spark`` in ``local[N]``: the session's start, then a first job in which each
  Python worker loads its pipeline (the load time each reports, its pid), then the analysis
  job itself (the ``articles`` and ``findings`` tables written as Parquet), timed alone:
  articles/s after start-up = n / t. Memory per Python worker is its peak RSS (``VmHWM`` in
  ``/proc/PID/status``) read after the analysis.

Per core = articles/s / N. The ratio Spark/CLI is the issue's target (≥ 0.9).

``copies``: ``--sizes`` synthetic articles (``corpus_synth.scale_corpus``: sentences of the
PolNeAR/PTC texts under ``--data``, 15% copies) as Parquet; the sketch pass
(``spark analyze --no-analyze``: reading, checks, language, fingerprints) and the copy step
(``spark copies``: boilerplate, candidates, verification, families, network) timed apart,
with the size of the input and of the tables written.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _load() -> list[float]:
    return [round(x, 1) for x in os.getloadavg()]


def _write_jsonl(path: Path, texts: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for name, text in texts:
            out.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
    return path


def _cli_seconds(path: Path, cores: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsift.cli",
            "analyze",
            str(path),
            "--format",
            "jsonl",
            "--workers",
            str(cores),
        ],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _size(path: Path) -> int:
    """Bytes of a file, or of every file under a directory (a Parquet table)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def throughput(corpus: Path, limit: int, cores: int) -> dict[str, Any]:
    """See the module docstring."""
    from newsift.spark.analyze import analyze_documents, write_table
    from newsift.spark.read import read_documents
    from newsift.spark.session import spark_session
    from newsift.spark.worker import AnalyzeOptions, load_probe

    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))[:limit]]
    words = sum(len(t.split()) for _, t in texts)
    work = Path(tempfile.mkdtemp(prefix="bench-spark-"))
    everything = _write_jsonl(work / "all.jsonl", texts)
    first = _write_jsonl(work / "one.jsonl", texts[:1])
    load_before = _load()
    t_one = _cli_seconds(first, cores)
    t_all = _cli_seconds(everything, cores)
    cli_rate = (len(texts) - 1) / max(t_all - t_one, 1e-6)

    started = time.perf_counter()
    spark = spark_session(f"local[{cores}]", app_name="bench-spark")
    session_s = time.perf_counter() - started
    options = AnalyzeOptions()
    probe_schema = "pid long, cpus int, load_seconds double, peak_rss_bytes long"
    started = time.perf_counter()
    loads = (
        spark.range(cores, numPartitions=cores)
        .mapInArrow(partial(load_probe, options=options), probe_schema)
        .collect()
    )
    warm_s = time.perf_counter() - started
    documents = read_documents(spark, [str(everything)], options.max_chars).persist()
    documents.count()
    started = time.perf_counter()
    articles, findings = analyze_documents(documents, options, partitions=cores * 4)
    write_table(articles, str(work / "out" / "articles"))
    write_table(findings, str(work / "out" / "findings"))
    analysis_s = time.perf_counter() - started
    after = (
        spark.range(cores * 4, numPartitions=cores * 4)
        .mapInArrow(partial(load_probe, options=options), probe_schema)
        .collect()
    )
    peaks = {row["pid"]: row["peak_rss_bytes"] for row in after}
    spark_rate = len(texts) / analysis_s
    n_findings = findings.count()
    out_bytes = {name: _size(work / "out" / name) for name in ("articles", "findings")}
    spark.stop()
    shutil.rmtree(work, ignore_errors=True)
    return {
        "articles": len(texts),
        "words": words,
        "cores": cores,
        "load_average_before": load_before,
        "cli": {
            "one_article_s": round(t_one, 1),
            "all_s": round(t_all, 1),
            "articles_per_s_after_startup": round(cli_rate, 2),
            "per_core": round(cli_rate / cores, 2),
        },
        "spark": {
            "session_start_s": round(session_s, 1),
            "first_job_with_model_load_s": round(warm_s, 1),
            "worker_model_load_s": sorted(round(r["load_seconds"], 1) for r in loads),
            "analysis_s": round(analysis_s, 1),
            "articles_per_s_after_startup": round(spark_rate, 2),
            "per_core": round(spark_rate / cores, 2),
            "python_workers": len(peaks),
            "peak_rss_mb_per_python_worker": sorted(round(b / 2**20) for b in peaks.values()),
        },
        "spark_over_cli_per_core": round(spark_rate / cli_rate, 2),
        "findings": n_findings,
        "output_kb_per_article": {k: round(v / 1024 / len(texts), 1) for k, v in out_bytes.items()},
        "load_average_after": _load(),
    }


def copies(data: Path, size: int, cores: int) -> dict[str, Any]:
    """See the module docstring."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from corpus_synth import read_sources, scale_corpus

    from newsift.spark.analyze import analyze_documents, write_table
    from newsift.spark.copies import run_copies
    from newsift.spark.read import read_documents
    from newsift.spark.session import spark_session
    from newsift.spark.worker import AnalyzeOptions

    work = Path(tempfile.mkdtemp(prefix="bench-spark-copies-"))
    articles = scale_corpus(read_sources(data), size)
    table = pa.Table.from_pylist(
        [
            {
                "id": a.id,
                "text": a.text,
                "outlet": a.outlet,
                "published": a.published.isoformat() if a.published else None,
            }
            for a in articles
        ]
    )
    pq.write_table(table, work / "input.parquet")
    input_mb = _size(work / "input.parquet") / 2**20
    spark = spark_session(f"local[{cores}]", app_name="bench-spark-copies")
    started = time.perf_counter()
    documents = read_documents(spark, [str(work / "input.parquet")], 100_000)
    analysed, _ = analyze_documents(documents, AnalyzeOptions(analyze=False))
    write_table(analysed, str(work / "out" / "articles"))
    sketch_s = time.perf_counter() - started
    started = time.perf_counter()
    outcome = run_copies(str(work / "out" / "articles"), str(work / "out"))
    copies_s = time.perf_counter() - started
    result = {
        "articles": size,
        "cores": cores,
        "load_average_before": _load(),
        "input_parquet_mb": round(input_mb, 1),
        "sketch_pass_s": round(sketch_s, 1),
        "copy_step_s": round(copies_s, 1),
        "edges": outcome.edges,
        "families": outcome.families,
        "outlet_edges": outcome.outlet_edges,
        "articles_table_mb": round(_size(work / "out" / "articles") / 2**20, 1),
        "copies_table_mb": round(_size(work / "out" / "copies") / 2**20, 2),
        "load_average_after": _load(),
    }
    spark.stop()
    shutil.rmtree(work, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("throughput")
    one.add_argument("corpus", type=Path)
    one.add_argument("--limit", type=int, default=40)
    one.add_argument("--cores", type=int, default=2)
    two = sub.add_parser("copies")
    two.add_argument("--data", type=Path, default=Path("../shared/data"))
    two.add_argument("--sizes", default="10000")
    two.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if args.what == "throughput":
        print(json.dumps(throughput(args.corpus, args.limit, args.cores), indent=1))
    else:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            print(json.dumps(copies(args.data, size, args.cores)), flush=True)


if __name__ == "__main__":
    main()
