"""The HTTP protocol ``newsift serve`` speaks: uvicorn's h11 protocol, bounded in time and count.

uvicorn bounds the idle time between requests (``timeout_keep_alive``) but not the time a
client takes to send a request's headers: a socket opened and left silent, or fed one byte a
second, stays open for ever, and 1,100 of them used up the process's file descriptors. Its
``limit_concurrency`` answers 503 only once a request has arrived, so silent sockets are never
refused either. :func:`guarded_protocol` adds the two missing bounds:

* a **header deadline**: a request's headers must be complete within ``header_timeout``
  seconds of the connection opening or of the previous response ending, else the connection
  is closed (while a request is being answered the deadline does not apply; the body has
  its own limit in :class:`newsift.web.security.GuardMiddleware`);
* a **connection cap**: a connection over ``max_connections`` is answered 503 and closed as
  soon as it is accepted, and the cap is kept below the file-descriptor limit (less room
  for the connections asyncio accepts in one go), so accepting never fails with EMFILE.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import ClassVar

from uvicorn.protocols.http.h11_impl import H11Protocol

from newsift import settings
from newsift.errors import Errors

logger = logging.getLogger("newsift.web")

#: File descriptors kept free for everything but client sockets (models, logs, threads).
FD_RESERVE = 64


@dataclass(frozen=True)
class ServerLimits:
    """Bounds on the server's connections (defaults in :mod:`newsift.settings`).

    Attributes:
        header_timeout: Seconds a request's headers may take (see the module docstring).
        keep_alive: Seconds an idle keep-alive connection is kept.
        max_connections: Connections open at once; more are refused with 503.
        backlog: Connections the kernel queues before they are accepted.
        max_header_bytes: Largest request line plus headers.
        retry_after: Seconds a refused client is asked to wait.
    """

    header_timeout: float = settings.WEB_HEADER_TIMEOUT_S
    keep_alive: int = settings.WEB_KEEP_ALIVE_S
    max_connections: int = settings.WEB_MAX_CONNECTIONS
    backlog: int = settings.WEB_BACKLOG
    max_header_bytes: int = settings.WEB_MAX_HEADER_BYTES
    retry_after: int = settings.WEB_RETRY_AFTER_S


def connection_cap(requested: int, fd_limit: int | None, backlog: int) -> int:
    """The connections to allow: ``requested``, but within the file-descriptor limit.

    asyncio accepts up to ``backlog`` connections in one go before any of them reaches the
    protocol (and the cap), and the sockets of a refused batch close only on the loop's next
    turn: room for two batches and ``FD_RESERVE`` more descriptors is kept free.
    """
    if fd_limit is None:
        return max(1, requested)
    return max(1, min(requested, fd_limit - FD_RESERVE - 2 * backlog))


def fd_limit(wanted: int) -> int | None:
    """The process's file-descriptor limit, first raised towards ``wanted`` if allowed.

    Returns ``None`` where the platform has no such limit (not Unix).
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return None if soft == resource.RLIM_INFINITY else int(soft)


def refusal(max_connections: int, retry_after: int) -> bytes:
    """The raw 503 answer (E078, as JSON) for a connection over the cap."""
    detail = f"{max_connections} connections are open, the most it allows"
    message = Errors.E078.format(detail=detail, retry_after=retry_after)
    body = json.dumps({"error": {"code": "E078", "message": message}}).encode()
    head = (
        "HTTP/1.1 503 Service Unavailable\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        f"retry-after: {retry_after}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header deadline and a connection cap (``limits``)."""

    limits: ClassVar[ServerLimits] = ServerLimits()
    _deadline: asyncio.TimerHandle | None = None
    _refused: bool = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        super().connection_made(transport)
        if len(self.connections) > self.limits.max_connections:
            self._refused = True
            logger.warning(
                "Refused a connection: %d are open, the most allowed.", self.limits.max_connections
            )
            transport.write(refusal(self.limits.max_connections, self.limits.retry_after))
            transport.close()
            return
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.limits.header_timeout, self._deadline_passed)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _deadline_passed(self) -> None:
        """Close the connection unless a request on it is being answered."""
        self._deadline = None
        answering = self.cycle is not None and not self.cycle.response_complete
        if answering or self.transport.is_closing():
            return
        logger.info(
            "Closed a connection that sent no complete request within %g s.",
            self.limits.header_timeout,
        )
        self.transport.close()


def guarded_protocol(limits: ServerLimits) -> type[GuardedH11Protocol]:
    """A :class:`GuardedH11Protocol` class bound to ``limits`` (uvicorn's ``http=``)."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"limits": limits})
