"""Safe defaults for every response: security headers, the optional token, the body limit.

One ASGI middleware does all three, before any route runs:

* every response gets a strict Content-Security-Policy (only this server's own scripts and
  styles; no inline script), ``X-Content-Type-Options``, ``Referrer-Policy`` and
  ``frame-ancestors 'none'``;
* with an API token configured, ``/api/*`` needs ``Authorization: Bearer <token>``, and the
  pages need the header or the session cookie the ``/login`` form sets (``/healthz``,
  ``/login`` and ``/static`` stay open);
* a request body over the limit is refused with 413 before it is read past the limit.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

from starlette.responses import JSONResponse, RedirectResponse, Response

from newsift.errors import Errors

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Environment variable holding the API token (unset or empty: no token needed).
TOKEN_ENV = "NEWSIFT_API_TOKEN"
#: Name of the session cookie the login form sets.
SESSION_COOKIE = "newsift_session"
#: Room for the JSON or multipart envelope around an article's bytes.
ENVELOPE_BYTES = 64 * 1024

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
#: Paths anyone may fetch, token or not.
PUBLIC_PATHS = frozenset({"/healthz", "/login", "/kinds.css"})
PUBLIC_PREFIXES = ("/static/",)
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def error_body(code: str, message: str) -> dict[str, Any]:
    """The JSON every error response carries."""
    return {"error": {"code": code, "message": message}}


def error_response(message: str, status: int, headers: dict[str, str] | None = None) -> Response:
    """A JSON error response from a catalogue message (``[E072] …``)."""
    code = message[1:5] if message.startswith("[") else f"HTTP{status}"
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def session_value(token: str) -> str:
    """What the session cookie holds: a keyed hash of the token, never the token itself."""
    return hmac.new(token.encode(), b"newsift-session-v1", hashlib.sha256).hexdigest()


def token_matches(given: str | None, token: str) -> bool:
    """Constant-time comparison of a presented token with the configured one."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def host_name(header: str) -> str:
    """The host in a Host header, without its port (``[::1]:8000`` → ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


def served_hosts(bind: str) -> frozenset[str] | None:
    """Host names to accept when bound to ``bind``: loopback names, else any (``None``)."""
    if not is_loopback(bind):
        return None
    return frozenset({"127.0.0.1", "localhost", "::1", host_name(bind)})


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Guard:
    """The middleware's settings.

    Attributes:
        token: The API token, or ``None`` when none is needed.
        max_body: Most request-body bytes accepted.
        max_chars: Longest article (for the 413 message).
    """

    token: str | None
    max_body: int
    max_chars: int
    page: Callable[[str, int], Response] | None = None
    hosts: frozenset[str] | None = None

    def error(self, scope: Scope, message: str, status: int) -> Response:
        """JSON for the API; an HTML page for a page's form post (when ``page`` is set)."""
        if self.page is not None and not str(scope["path"]).startswith("/api/"):
            return self.page(message, status)
        return error_response(message, status)


class GuardMiddleware:
    """Security headers, token check and body limit (see the module docstring)."""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        denied = self._check_host(headers) or self._check_token(scope, headers)
        if denied is not None:
            await denied(scope, receive, send)
            return
        if scope["method"] in _BODY_METHODS:
            replay = await self._read_body(scope, receive, send, headers)
            if replay is None:
                return
            receive = replay
        await self.app(scope, receive, send)

    def _check_host(self, headers: dict[str, str]) -> Response | None:
        """Refuse Host headers other than the served names (DNS-rebinding defence)."""
        hosts = self.guard.hosts
        if hosts is None:
            return None
        host = host_name(headers.get("host", ""))
        if host in hosts:
            return None
        allowed = ", ".join(sorted(hosts))
        return error_response(Errors.E077.format(host=host, allowed=allowed), 400)

    def _check_token(self, scope: Scope, headers: dict[str, str]) -> Response | None:
        token = self.guard.token
        path: str = scope["path"]
        if token is None or path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            return None
        scheme, _, given = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and token_matches(given.strip(), token):
            return None
        if not path.startswith("/api/"):
            cookie = SimpleCookie()
            try:
                cookie.load(headers.get("cookie", ""))
            except Exception:  # a malformed cookie header is no session
                cookie = SimpleCookie()
            morsel = cookie.get(SESSION_COOKIE)
            if morsel is not None and token_matches(morsel.value, session_value(token)):
                return None
            if scope["method"] == "GET" and "text/html" in headers.get("accept", ""):
                return RedirectResponse("/login", status_code=303)
        return error_response(Errors.E072, 401, {"WWW-Authenticate": 'Bearer realm="newsift"'})

    async def _read_body(
        self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str]
    ) -> Receive | None:
        """Read the whole body (at most ``max_body`` bytes) and return a receive replaying it.

        Returns ``None`` when a response has been sent already (too large, client gone).
        """
        limit = self.guard.max_body
        too_large = self.guard.error(
            scope, Errors.E073.format(limit=limit, max_chars=self.guard.max_chars), 413
        )
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                detail = "the Content-Length header is not a number"
                bad = self.guard.error(scope, Errors.E074.format(detail=detail), 400)
                await bad(scope, receive, send)
                return None
            if int(declared) > limit:
                await too_large(scope, receive, send)
                return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body: bytes = message.get("body", b"")
            size += len(body)
            if size > limit:
                await too_large(scope, receive, send)
                return None
            chunks.append(body)
            if not message.get("more_body", False):
                break
        data = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": data, "more_body": False}
            return await receive()

        return replay


def _with_security_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return wrapped
