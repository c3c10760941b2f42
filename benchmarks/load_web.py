"""Load test of the web API on loopback: latency percentiles and errors under concurrency.

Usage::

    .venv/bin/python benchmarks/load_web.py [--requests 200] [--concurrency 20] [--timeout 300]
        [--text examples/article.txt] [--json]

Starts ``newsift serve``'s app (real pipeline, default analyzers) with uvicorn in a thread on
a free 127.0.0.1 port, sends ``--requests`` ``POST /api/analyze`` requests with the article,
at most ``--concurrency`` at a time (httpx), and reports latency p50/p95/p99, throughput and
errors. Nothing leaves the machine. It stops by itself: the whole run is capped at
``--timeout`` seconds (unfinished requests count as errors), and the exit code is 1 when any
request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from newsift.pipeline import Pipeline
from newsift.web import create_app
from newsift.web.app import DEFAULT_CONCURRENCY
from newsift.web.server import running_server

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0..100) by nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


async def run_load(
    base_url: str, text: str, requests: int, concurrency: int, timeout: float
) -> dict[str, Any]:
    """Send the requests; return latencies (ms), error counts and wall time."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout) as client:

        async def one() -> None:
            async with gate:
                started = time.perf_counter()
                try:
                    response = await client.post("/api/analyze", json={"text": text})
                except httpx.HTTPError as error:
                    errors[type(error).__name__] += 1
                    return
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code == 200:
                    latencies.append(elapsed)
                else:
                    errors[f"HTTP {response.status_code}"] += 1

        started = time.perf_counter()
        tasks = [asyncio.create_task(one()) for _ in range(requests)]
        _, pending = await asyncio.wait(tasks, timeout=timeout)
        for task in pending:
            task.cancel()
        if pending:
            errors["unfinished at --timeout"] += len(pending)
        wall = time.perf_counter() - started
    return {"latencies": latencies, "errors": dict(errors), "wall_s": wall}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=300.0, help="cap on the whole run (s)")
    parser.add_argument("--text", type=Path, default=ROOT / "examples" / "article.txt")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    text = args.text.read_text(encoding="utf-8")
    load_started = time.perf_counter()
    pipeline = Pipeline.create()
    app = create_app(lambda: pipeline, api_token=None)
    with running_server(app) as url:
        startup = time.perf_counter() - load_started
        outcome = asyncio.run(run_load(url, text, args.requests, args.concurrency, args.timeout))
    latencies = outcome["latencies"]
    result = {
        "requests": args.requests,
        "concurrency": args.concurrency,
        "server_analysis_threads": DEFAULT_CONCURRENCY,
        "text_chars": len(text),
        "ok": len(latencies),
        "errors": outcome["errors"],
        "latency_ms": {
            "p50": round(percentile(latencies, 50), 1),
            "p95": round(percentile(latencies, 95), 1),
            "p99": round(percentile(latencies, 99), 1),
            "mean": round(statistics.fmean(latencies), 1) if latencies else 0.0,
            "max": round(max(latencies), 1) if latencies else 0.0,
        },
        "throughput_rps": round(len(latencies) / outcome["wall_s"], 1),
        "wall_s": round(outcome["wall_s"], 2),
        "startup_s": round(startup, 2),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        ),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        lat = result["latency_ms"]
        print(
            f"{result['ok']}/{args.requests} ok, {args.concurrency} at a time, "
            f"{result['text_chars']:,}-char article, {DEFAULT_CONCURRENCY} analysis threads\n"
            f"latency ms: p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}  "
            f"mean {lat['mean']}  max {lat['max']}\n"
            f"throughput {result['throughput_rps']} req/s over {result['wall_s']} s; "
            f"errors: {result['errors'] or 'none'}; start-up {result['startup_s']} s\n"
            f"({result['machine']})"
        )
    return 1 if outcome["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
