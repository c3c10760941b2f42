"""Safe defaults for every request: security headers, the token, cross-site posts, limits.

One ASGI middleware does all of it, before any route runs:

* every response gets a strict Content-Security-Policy (only this server's own scripts and
  styles; no inline script), ``X-Content-Type-Options``, ``Referrer-Policy`` and
  ``frame-ancestors 'none'``;
* with an API token configured, ``/api/*`` needs ``Authorization: Bearer <token>``, and the
  pages need the header or the session cookie the ``/login`` form sets (``/healthz``,
  ``/login`` and ``/static`` stay open);
* a POST a browser marks as coming from another site (``Sec-Fetch-Site``, else an ``Origin``
  that is not this server) is refused with 403 (E110); the page forms also carry a
  double-submit token (:func:`new_form_token`), checked by their routes;
* an analysis that finds the work queue full is answered 503 with ``Retry-After`` (E078)
  before its body is read;
* a request body over the limit is refused with 413 before it is read past the limit, and
  one that takes longer than ``body_timeout`` to arrive gets 408 (E111).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

import anyio
from starlette.responses import JSONResponse, RedirectResponse, Response

from newsift import settings
from newsift.errors import Errors
from newsift.web.limits import WorkQueue

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Environment variable holding the API token (unset or empty: no token needed).
TOKEN_ENV = "NEWSIFT_API_TOKEN"
#: Name of the session cookie the login form sets.
SESSION_COOKIE = "newsift_session"
#: The double-submit token of the page forms: a cookie, and a hidden field of the same value.
FORM_TOKEN_COOKIE = "newsift_form"
FORM_TOKEN_FIELD = "form_token"
#: ``Sec-Fetch-Site`` values of requests made by this server's own pages (or typed by hand).
_OWN_SITE = frozenset({"same-origin", "none"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
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
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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


def token_matches(
    given: str | None, token: str, max_chars: int = settings.WEB_MAX_TOKEN_CHARS
) -> bool:
    """Constant-time comparison of a presented token with the configured one.

    A token longer than ``max_chars`` is refused without being compared.
    """
    if given is None or len(given) > max_chars:
        return False
    return hmac.compare_digest(given.encode(), token.encode())


def new_form_token(secret: bytes) -> str:
    """A fresh double-submit token: a random nonce and its keyed hash."""
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_form_signature(nonce, secret)}"


def form_token_valid(value: str | None, secret: bytes) -> bool:
    """Whether ``value`` is a token this server made (with ``secret``)."""
    if not value or len(value) > 128:
        return False
    nonce, _, signature = value.partition(".")
    return hmac.compare_digest(signature.encode(), _form_signature(nonce, secret).encode())


def form_tokens_match(cookie: str | None, field: str | None, secret: bytes) -> bool:
    """The double-submit check: the form's field equals the cookie, and the server made it."""
    if cookie is None or field is None or not form_token_valid(cookie, secret):
        return False
    return hmac.compare_digest(cookie.encode(), field.encode())


def _form_signature(nonce: str, secret: bytes) -> str:
    return hmac.new(secret, b"newsift-form-v1:" + nonce.encode(), hashlib.sha256).hexdigest()[:32]


def cookie_value(header: str, name: str) -> str | None:
    """The value of cookie ``name`` in a Cookie header (``None``: absent or malformed)."""
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(header)
    except Exception:  # a malformed cookie header holds no cookie
        return None
    morsel = cookie.get(name)
    return None if morsel is None else morsel.value


def cross_site(headers: dict[str, str], scheme: str) -> str | None:
    """Why a browser's request comes from another site, or ``None`` when it does not.

    ``Sec-Fetch-Site`` decides where the browser sends it (every current browser does);
    otherwise an ``Origin`` naming another host or port does. ``Origin: null`` decides
    nothing: browsers send it for this server's own forms too, under ``no-referrer``.
    Clients that are not browsers send neither and pass.
    """
    site = headers.get("sec-fetch-site", "").strip().lower()
    if site:
        if site in _OWN_SITE:
            return None
        return f"the browser says it came from another page's site (Sec-Fetch-Site: {site[:20]})"
    origin = headers.get("origin", "").strip()
    if not origin or origin == "null":
        return None
    if _origin_key(origin) != _host_key(headers.get("host", ""), scheme):
        return f"it came from another origin ({origin[:100]!r})"
    return None


def _origin_key(origin: str) -> tuple[str, str, int | None]:
    try:
        parts = urlsplit(origin)
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return ("", "", None)
    return (parts.scheme, (parts.hostname or "").lower(), port)


def _host_key(host: str, scheme: str) -> tuple[str, str, int | None]:
    return _origin_key(f"{scheme}://{host.strip()}")


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
        page: Renders an error page for a page's form post.
        hosts: Host-header names answered (``None``: any).
        body_timeout: Seconds a request body may take to arrive.
        queue: Tickets for the analyses (``heavy_paths``); ``None``: no bound.
        heavy_paths: POST paths that run an analysis.
        retry_after: Seconds a 503 asks the client to wait.
        max_token_chars: Longest bearer token compared.
    """

    token: str | None
    max_body: int
    max_chars: int
    page: Callable[[str, int], Response] | None = None
    hosts: frozenset[str] | None = None
    body_timeout: float = settings.WEB_BODY_TIMEOUT_S
    queue: WorkQueue | None = None
    heavy_paths: frozenset[str] = frozenset()
    retry_after: int = settings.WEB_RETRY_AFTER_S
    max_token_chars: int = settings.WEB_MAX_TOKEN_CHARS

    def error(
        self, scope: Scope, message: str, status: int, headers: dict[str, str] | None = None
    ) -> Response:
        """JSON for the API; an HTML page for a page's form post (when ``page`` is set)."""
        if self.page is not None and not str(scope["path"]).startswith("/api/"):
            response = self.page(message, status)
            response.headers.update(headers or {})
            return response
        return error_response(message, status, headers)


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
        denied = (
            self._check_host(headers)
            or self._check_token(scope, headers)
            or self._check_site(scope, headers)
        )
        if denied is not None:
            await denied(scope, receive, send)
            return
        queue = self.guard.queue
        heavy = scope["method"] == "POST" and scope["path"] in self.guard.heavy_paths
        if queue is None or not heavy:
            await self._forward(scope, receive, send, headers)
            return
        if not queue.try_enter():
            retry = self.guard.retry_after
            detail = f"{queue.capacity} analyses are running or waiting, the most it takes"
            message = Errors.E078.format(detail=detail, retry_after=retry)
            busy = self.guard.error(scope, message, 503, {"Retry-After": str(retry)})
            await busy(scope, receive, send)
            return
        try:
            await self._forward(scope, receive, send, headers)
        finally:
            queue.leave()

    async def _forward(
        self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str]
    ) -> None:
        """Read the body (if any, bounded in size and time), then run the app."""
        if scope["method"] in _BODY_METHODS:
            replay = await self._read_body(scope, receive, send, headers)
            if replay is None:
                return
            receive = replay
        await self.app(scope, receive, send)

    def _check_site(self, scope: Scope, headers: dict[str, str]) -> Response | None:
        """Refuse state-changing requests a browser sends on behalf of another site."""
        if scope["method"] in _SAFE_METHODS:
            return None
        reason = cross_site(headers, str(scope.get("scheme", "http")))
        if reason is None:
            return None
        return self.guard.error(scope, Errors.E110.format(detail=reason), 403)

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
        limit = self.guard.max_token_chars
        if scheme.lower() == "bearer" and token_matches(given.strip(), token, limit):
            return None
        if not path.startswith("/api/"):
            session = cookie_value(headers.get("cookie", ""), SESSION_COOKIE)
            if token_matches(session, session_value(token)):
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
        outcome = "late"
        with anyio.move_on_after(self.guard.body_timeout):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return None
                body: bytes = message.get("body", b"")
                size += len(body)
                if size > limit:
                    outcome = "too large"
                    break
                chunks.append(body)
                if not message.get("more_body", False):
                    outcome = "complete"
                    break
        if outcome == "too large":
            await too_large(scope, receive, send)
            return None
        if outcome == "late":
            text = Errors.E111.format(timeout=self.guard.body_timeout)
            late = self.guard.error(scope, text, 408, {"Connection": "close"})
            await late(scope, receive, send)
            return None
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
