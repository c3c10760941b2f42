"""Memory and speed of the batch exports: does memory stay flat as the batch grows?

    python benchmarks/bench_exports.py [--report REPORT.json] [--sizes 500 2000 8000]

Writes the same report (the demo article's, by default analysed once here; or a JSON report
given with ``--report``) N times under a fresh article id and outlet into each export format
(``csv``, ``parquet``, ``brat``, ``labelstudio``), and prints, per format and N, the seconds
taken and the peak of Python memory allocated while writing (tracemalloc), after the report
itself is in memory. Flat peaks across N mean nothing is kept per article.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
import time
import tracemalloc
from pathlib import Path

from newsift.exports import open_export_sink
from newsift.model import Report

ROOT = Path(__file__).resolve().parents[1]


def demo_report() -> Report:
    from newsift import analyze

    title, _, body = (
        (ROOT / "examples" / "article.txt").read_text(encoding="utf-8").partition("\n\n")
    )
    return analyze(body, title=title.strip(), published="2024-12-11")


def measure(report: Report, fmt: str, count: int) -> tuple[float, float]:
    """Seconds and peak MiB allocated to write ``count`` copies of ``report``."""
    with tempfile.TemporaryDirectory() as tmp:
        tracemalloc.start()
        started = time.perf_counter()
        sink = open_export_sink(fmt, Path(tmp) / fmt)
        for i in range(count):
            article = dataclasses.replace(report.article, id=f"a{i}", outlet=f"outlet-{i % 50}")
            sink.write(dataclasses.replace(report, article=article))
        sink.close()
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return seconds, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, help="a JSON report (default: the demo article)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 8000])
    parser.add_argument("--formats", nargs="+", default=["csv", "parquet", "brat", "labelstudio"])
    args = parser.parse_args()
    if args.report:
        report = Report.from_dict(json.loads(args.report.read_text(encoding="utf-8")))
    else:
        report = demo_report()
    print(f"report: {len(report.findings)} findings, {len(report.article.text)} characters")
    print("| format | articles | seconds | articles/s | peak MiB |")
    print("|---|---|---|---|---|")
    for fmt in args.formats:
        for count in args.sizes:
            seconds, peak = measure(report, fmt, count)
            print(f"| {fmt} | {count:,} | {seconds:.1f} | {count / seconds:,.0f} | {peak:.1f} |")


if __name__ == "__main__":
    main()
