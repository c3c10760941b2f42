"""``newsift serve``: check the bind address, load the pipeline, run the app with uvicorn.

The server speaks HTTP/1.1 through :class:`newsift.web.protocol.GuardedH11Protocol`
(header deadline, connection cap), and logs each kind of error at most once per
``settings.WEB_LOG_REPEAT_S`` seconds.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from newsift import __version__, settings
from newsift.errors import ConfigError, Errors
from newsift.web.app import create_app
from newsift.web.logs import repeats_limited
from newsift.web.protocol import ServerLimits, connection_cap, fd_limit, guarded_protocol
from newsift.web.security import TOKEN_ENV, is_loopback, served_hosts

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: File descriptors wanted beyond the connections and the backlog.
FD_HEADROOM = 256


def check_bind(host: str, token: str | None, insecure: bool) -> None:
    """Refuse a non-loopback address without a token, unless ``insecure``.

    Raises:
        ConfigError: The address is reachable from elsewhere and no token is set (E071).
    """
    if not is_loopback(host) and token is None and not insecure:
        raise ConfigError(Errors.E071, host=host)


def server_url(host: str, port: int) -> str:
    """The URL to print for ``host:port`` (IPv6 addresses in brackets)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    insecure: bool = False,
    *,
    max_chars: int = settings.DEFAULT_MAX_CHARS,
    spacy_model: str | None = None,
    echo: Callable[[str], None] = print,
    limits: ServerLimits | None = None,
    db: str | None = None,
) -> None:
    """Serve the web workspace and API until interrupted.

    The pipeline is loaded before the server starts listening, so a missing model is
    reported as a plain error; the app's lifespan then takes it over.

    Args:
        db: The corpus the ``/corpus`` pages show (checked before the server starts).

    Raises:
        ConfigError: Non-loopback ``host`` without ``NEWSIFT_API_TOKEN`` (E071); a corpus
            ``db`` that can't be opened (E140-E143).
        ModelNotFoundError: The spaCy pipeline is not installed (E015).
    """
    token = os.environ.get(TOKEN_ENV) or None
    check_bind(host, token, insecure)
    if db is not None:
        from newsift.corpus.store import CorpusStore

        CorpusStore.open(db, create=False).close()
    from newsift.pipeline import Pipeline

    echo(f"newsift {__version__}: loading the analyzers …")
    pipeline = Pipeline.create(max_chars=max_chars, spacy_model=spacy_model)
    app = create_app(
        lambda: pipeline,
        api_token=token,
        max_chars=max_chars,
        allowed_hosts=served_hosts(host),
        corpus_db=db,
    )
    auth = "token required" if token else "no token"
    echo(f"newsift serving on {server_url(host, port)} ({auth}; Ctrl+C to stop)")
    run_server(app, host, port, limits or ServerLimits())


def run_server(app: FastAPI, host: str, port: int, limits: ServerLimits) -> None:
    """Serve ``app`` on ``host:port`` until interrupted, repeated log lines limited."""
    config = server_config(app, host, port, limits)
    with repeats_limited(settings.WEB_LOG_REPEAT_S):
        uvicorn.Server(config).run()


def server_config(
    app: FastAPI, host: str, port: int, limits: ServerLimits, log_level: str = "info"
) -> uvicorn.Config:
    """uvicorn's settings for ``app``: the guarded h11 protocol and ``limits``.

    The connection cap is lowered, if need be, to leave file descriptors free (the
    process's limit is first raised towards what the cap needs, where that is allowed).
    """
    wanted = limits.max_connections + 2 * limits.backlog + FD_HEADROOM
    cap = connection_cap(limits.max_connections, fd_limit(wanted), limits.backlog)
    if cap != limits.max_connections:
        limits = dataclasses.replace(limits, max_connections=cap)
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        http=guarded_protocol(limits),
        ws="none",
        lifespan="on",
        server_header=False,
        proxy_headers=False,
        timeout_keep_alive=limits.keep_alive,
        backlog=limits.backlog,
        h11_max_incomplete_event_size=limits.max_header_bytes,
        timeout_graceful_shutdown=5,
    )


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port free on ``host`` right now (for tests and the load benchmark)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(
    app: FastAPI,
    host: str = DEFAULT_HOST,
    startup_timeout: float = 120.0,
    limits: ServerLimits | None = None,
) -> Iterator[str]:
    """Run ``app`` as ``serve`` does, in a background thread; yield its base URL; stop it after.

    Raises:
        RuntimeError: The server did not start within ``startup_timeout`` seconds.
    """
    port = free_port(host)
    config = server_config(app, host, port, limits or ServerLimits(), log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="newsift-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the web server did not start on {host}:{port}")
        time.sleep(0.05)
    try:
        with repeats_limited(settings.WEB_LOG_REPEAT_S):
            yield server_url(host, port).rstrip("/")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
