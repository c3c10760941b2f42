"""The real server on a loopback port: load, slow and idle clients, the connection cap, the queue.

Every test starts uvicorn as ``newsift serve`` does (the guarded h11 protocol) on a free port
of 127.0.0.1 in a background thread, sends a bounded number of requests with deadlines, and
stops the server when done. Nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import select
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from newsift.model import Article, Report
from newsift.pipeline import Pipeline
from newsift.web import create_app
from newsift.web.limits import WebLimits
from newsift.web.protocol import ServerLimits
from newsift.web.security import GuardMiddleware
from newsift.web.server import free_port, running_server
from tests.browser.fakes import FakePipeline

#: A short English news text: the load test measures the server, not long analyses.
SHORT_TEXT = (
    "The mayor of Kyiv said on Monday that the city would spend $5 million on two new "
    "bridges over the Dnipro, officials told reporters after the council meeting."
)


def address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    assert parts.hostname == "127.0.0.1" and parts.port is not None
    return parts.hostname, parts.port


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0..100) by nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))]


@contextmanager
def fake_server(
    server: ServerLimits | None = None, web: WebLimits | None = None, **app_options: Any
) -> Iterator[str]:
    """The app with the model-free pipeline, served on loopback; yields its base URL."""
    app = create_app(FakePipeline, api_token=None, max_chars=10_000, limits=web, **app_options)
    with running_server(app, startup_timeout=30, limits=server) as url:
        yield url


def closed_by_peer(sock: socket.socket) -> bool:
    """Whether the server has closed ``sock`` (reads end-of-file or a reset)."""
    try:
        return sock.recv(4096) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True
    except BlockingIOError:
        return False


def watch_until_closed(
    sockets: list[socket.socket], started: float, each_round: Callable[[int], None]
) -> dict[int, float]:
    """Seconds after ``started`` at which the server closed each socket (by index).

    Calls ``each_round`` about every 0.1 s; gives up 8 s after ``started``.
    """
    deadline = 8.0
    closed: dict[int, float] = {}
    step = 0
    while len(closed) < len(sockets) and time.monotonic() - started < deadline:
        each_round(step)
        step += 1
        live = [s for i, s in enumerate(sockets) if i not in closed]
        readable, _, _ = select.select(live, [], [], 0.1)
        for sock in readable:
            if closed_by_peer(sock):
                closed[sockets.index(sock)] = time.monotonic() - started
    return closed


@pytest.mark.regression
def test_idle_and_slow_clients_are_closed_by_the_header_timeout() -> None:
    """Regression: idle sockets and headers sent byte by byte held connections for ever."""
    limits = ServerLimits(header_timeout=1.0, keep_alive=1, max_connections=64)
    with fake_server(limits) as url:
        host, port = address(url)
        opened = time.monotonic()
        idle = [socket.create_connection((host, port), timeout=5) for _ in range(30)]
        slow = [socket.create_connection((host, port), timeout=5) for _ in range(5)]
        sockets = idle + slow
        for sock in sockets:
            sock.setblocking(False)
        # A normal client is served meanwhile.
        assert httpx.get(f"{url}/healthz", timeout=5).status_code == 200
        request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 2000

        def trickle(step: int) -> None:
            for sock in slow:
                with contextlib.suppress(OSError):  # closed already: the watcher sees it
                    sock.send(request[step : step + 1])

        try:
            closed = watch_until_closed(sockets, opened, each_round=trickle)
            assert sorted(closed) == list(range(len(sockets))), "some sockets were never closed"
            assert max(closed.values()) < 1.0 + 2.0
            assert min(closed.values()) > 0.9  # the deadline, not something sooner
            # The server is still there for everyone else.
            assert httpx.get(f"{url}/healthz", timeout=5).status_code == 200
            # A kept-alive connection left idle after its response is closed too.
            with socket.create_connection((host, port), timeout=5) as kept:
                kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                answered = time.monotonic()
                assert kept.recv(4096).startswith(b"HTTP/1.1 200 ")
                while kept.recv(4096):
                    pass
                assert time.monotonic() - answered < 1.0 + 2.0
        finally:
            for sock in sockets:
                sock.close()


@pytest.mark.regression
def test_connections_over_the_cap_are_refused_at_once(caplog: pytest.LogCaptureFixture) -> None:
    """Regression: idle sockets used up the file descriptors and locked every client out."""
    limits = ServerLimits(header_timeout=1.5, keep_alive=1, max_connections=8)
    caplog.set_level(logging.WARNING, logger="newsift.web")
    with fake_server(limits) as url:
        host, port = address(url)
        held = [socket.create_connection((host, port), timeout=5) for _ in range(8)]
        time.sleep(0.2)  # let the server accept them
        try:
            for _ in range(4):
                with socket.create_connection((host, port), timeout=5) as extra:
                    started = time.monotonic()
                    answer = extra.recv(4096)
                    assert time.monotonic() - started < 1.0
                    assert answer.startswith(b"HTTP/1.1 503 ")
                    assert b"retry-after: 5\r\n" in answer.lower()
                    body = json.loads(answer.partition(b"\r\n\r\n")[2])
                    assert body["error"]["code"] == "E078"
                    assert "8 connections are open" in body["error"]["message"]
            # Once the idle sockets have timed out, clients are served again.
            time.sleep(2.0)
            assert httpx.get(f"{url}/healthz", timeout=5).status_code == 200
        finally:
            for sock in held:
                sock.close()
    refusals = [r for r in caplog.records if r.getMessage().startswith("Refused a connection")]
    assert len(refusals) == 1  # the repeats are counted, not logged


@pytest.mark.regression
def test_slow_request_body_times_out_with_408() -> None:
    """Regression: a body that never finished arriving held the request open for ever."""
    with fake_server(web=WebLimits(body_timeout=1.0)) as url:
        host, port = address(url)
        head = (
            "POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        )
        with socket.create_connection((host, port), timeout=5) as sock:
            started = time.monotonic()
            sock.sendall(head.encode() + b'{"text": "Kyiv')
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
            elapsed = time.monotonic() - started
        assert 0.8 < elapsed < 4.0
        status, _, rest = answer.partition(b"\r\n")
        assert status.startswith(b"HTTP/1.1 408 ")
        body = json.loads(rest.partition(b"\r\n\r\n")[2])
        assert body["error"]["code"] == "E111"
        assert "1 seconds" in body["error"]["message"]


class GatedPipeline(FakePipeline):
    """Analyses wait for ``gate``; ``started`` tells the test one is running."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.started = threading.Event()

    def analyze(self, article: Article, **selection: Any) -> Report:
        self.started.set()
        assert self.gate.wait(timeout=20)
        return super().analyze(article, **selection)


@pytest.mark.regression
def test_full_work_queue_answers_503_with_retry_after() -> None:
    """Regression: analyses queued without bound, stalling every request behind them."""
    pipeline = GatedPipeline()
    web = WebLimits(queue_depth=1, retry_after=7)
    app = create_app(lambda: pipeline, api_token=None, max_chars=10_000, limits=web,
                     max_concurrency=1)  # fmt: skip
    guard = next(m.kwargs["guard"] for m in app.user_middleware if m.cls is GuardMiddleware)
    body = {"text": SHORT_TEXT}
    with running_server(app, startup_timeout=30) as url, ThreadPoolExecutor(2) as pool:
        admitted = [pool.submit(httpx.post, f"{url}/api/analyze", json=body, timeout=30)]
        assert pipeline.started.wait(timeout=10)
        admitted.append(pool.submit(httpx.post, f"{url}/api/analyze", json=body, timeout=30))
        deadline = time.monotonic() + 10
        while guard.queue.taken < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        try:
            busy = httpx.post(f"{url}/api/analyze", json=body, timeout=5)
            assert busy.status_code == 503
            assert busy.headers["retry-after"] == "7"
            assert busy.json()["error"]["code"] == "E078"
            health = httpx.get(f"{url}/healthz", timeout=5)  # not queued behind the analyses
            assert health.status_code == 200
        finally:
            pipeline.gate.set()
        assert [f.result().status_code for f in admitted] == [200, 200]
        assert guard.queue.taken == 0
        assert httpx.post(f"{url}/api/analyze", json=body, timeout=10).status_code == 200


def run_load(url: str, requests: int, concurrency: int) -> dict[str, Any]:
    """``requests`` analyses of the short text, ``concurrency`` at a time; figures back."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    with httpx.Client(base_url=url, limits=limits, timeout=30) as client:

        def one(_: int) -> None:
            started = time.perf_counter()
            try:
                response = client.post("/api/analyze", json={"text": SHORT_TEXT})
            except httpx.HTTPError as error:
                errors[type(error).__name__] += 1
                return
            if response.status_code != 200:
                errors[f"HTTP {response.status_code}"] += 1
                return
            latencies.append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(one, range(requests)))
        wall = time.perf_counter() - started
    return {"latencies": latencies, "errors": dict(errors), "wall_s": wall}


@pytest.mark.model
def test_loopback_load_200_requests_20_concurrent(pipeline: Pipeline) -> None:
    """200 analyses, 20 at a time, on the real server: no errors, bounded time."""
    app = create_app(lambda: pipeline, api_token=None)
    with running_server(app) as url:
        probes: list[float] = []
        done = threading.Event()

        def probe() -> None:  # a cheap request while the analyses run
            while not done.is_set():
                started = time.perf_counter()
                httpx.get(f"{url}/healthz", timeout=30).raise_for_status()
                probes.append((time.perf_counter() - started) * 1000)
                done.wait(0.25)

        prober = threading.Thread(target=probe, daemon=True)
        prober.start()
        try:
            outcome = run_load(url, requests=200, concurrency=20)
        finally:
            done.set()
            prober.join(timeout=30)
    latencies = outcome["latencies"]
    print(
        f"\nload: {len(latencies)}/200 ok, 20 concurrent, errors {outcome['errors'] or 'none'}; "
        f"p50 {percentile(latencies, 50):.0f} ms, p95 {percentile(latencies, 95):.0f} ms, "
        f"mean {statistics.fmean(latencies):.0f} ms, wall {outcome['wall_s']:.1f} s; "
        f"/healthz meanwhile p50 {percentile(probes, 50):.0f} ms, max {max(probes):.0f} ms"
    )
    assert outcome["errors"] == {}
    assert len(latencies) == 200
    assert outcome["wall_s"] < 60


#: Serves the model-free app as ``newsift serve`` does, in a process allowed 448 descriptors.
FD_STARVED_SERVER = """
import resource, sys
resource.setrlimit(resource.RLIMIT_NOFILE, (448, 448))
from newsift.web import create_app
from newsift.web.protocol import ServerLimits
from newsift.web.server import run_server
from tests.browser.fakes import FakePipeline
app = create_app(FakePipeline, api_token=None, max_chars=10_000)
limits = ServerLimits(header_timeout=3.0, keep_alive=1, backlog=64)  # cap 448 - 64 - 2 * 64
run_server(app, "127.0.0.1", int(sys.argv[1]), limits)
"""
#: Sockets the test opens: more than the server has descriptors.
IDLE_SOCKETS = 600


def start_server_process(script: str, port: int) -> subprocess.Popen[bytes]:
    """Run ``script`` (given ``port``) with this checkout on the path; wait until it serves."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)])}
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(port)],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return process
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("the server process did not start") from None
            time.sleep(0.2)


def read_until_closed(sockets: list[socket.socket], deadline: float) -> dict[int, bytes]:
    """What the server sent on each socket (by index) before closing it, within ``deadline``."""
    received = {i: b"" for i in range(len(sockets))}
    closed: dict[int, bytes] = {}
    started = time.monotonic()
    while len(closed) < len(sockets) and time.monotonic() - started < deadline:
        live = [s for i, s in enumerate(sockets) if i not in closed]
        readable, _, _ = select.select(live, [], [], 0.1)
        for sock in readable:
            index = sockets.index(sock)
            try:
                data = sock.recv(4096)
            except (ConnectionResetError, BrokenPipeError):
                data = b""
            if data:
                received[index] += data
            else:
                closed[index] = received[index]
    return closed


@pytest.mark.regression
@pytest.mark.skipif(sys.platform != "linux", reason="descriptor limits as on Linux")
def test_many_idle_sockets_never_exhaust_file_descriptors() -> None:
    """Regression: 1,100 idle sockets used up the descriptors; every accept then failed and
    logged "Too many open files" (500k lines a minute) and no client was served."""
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < IDLE_SOCKETS + 100:
        if hard != resource.RLIM_INFINITY and hard < IDLE_SOCKETS + 100:
            pytest.skip(f"this test needs {IDLE_SOCKETS + 100} file descriptors")
        resource.setrlimit(resource.RLIMIT_NOFILE, (IDLE_SOCKETS + 100, hard))
    port = free_port()
    server = start_server_process(FD_STARVED_SERVER, port)
    idle: list[socket.socket] = []
    try:
        for _ in range(IDLE_SOCKETS):
            sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            sock.setblocking(False)
            idle.append(sock)
        # Each socket is answered 503 at once (over the cap) or closed by the header deadline.
        answers = read_until_closed(idle, deadline=10.0)
        assert len(answers) == IDLE_SOCKETS, "some sockets were left open"
        refused = sum(answer.startswith(b"HTTP/1.1 503 ") for answer in answers.values())
        assert refused > 0
        assert all(a == b"" or a.startswith(b"HTTP/1.1 503 ") for a in answers.values())
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
    finally:
        for sock in idle:
            sock.close()
        server.terminate()
        log = server.communicate(timeout=20)[0].decode("utf-8", "replace")
    assert "Too many open files" not in log
    assert 1 <= log.count("Refused a connection") <= 3, log[-2000:]  # one per 10 s at most
