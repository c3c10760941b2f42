"""The FastAPI application: pages (server-rendered forms, no JS needed) and the JSON API.

* ``GET /`` form → ``POST /analyze`` → 303 → ``GET /reports/{id}`` (the report page);
  exports at ``GET /reports/{id}/export.{json,md,html}`` use :func:`newsift.render.render`.
  Reports are kept for the export links in a small in-memory LRU (:class:`ReportStore`,
  random 128-bit ids, the last 16 by default); articles are never written to disk.
* ``POST /api/analyze`` (JSON or multipart upload) → ``Report.to_dict()``;
  ``GET /api/analyzers``, ``GET /healthz``, ``GET /openapi.json`` and ``GET /docs``
  (a plain page built from the OpenAPI document; nothing is loaded from elsewhere).

The pipeline loads once, in the lifespan; analyses run in worker threads, at most
``max_concurrency`` at a time, with at most ``limits.queue_depth`` more waiting (503 with
``Retry-After`` beyond). Page forms carry a double-submit token; ``/login`` counts failed
attempts per client (429 past the limit). Errors are ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import io
import os
import posixpath
import secrets
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from importlib.resources import files
from typing import Any, Protocol

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from newsift import __version__, settings
from newsift.analyzers import AnalyzerSpec
from newsift.errors import (
    ConfigError,
    Errors,
    InputError,
    InputTooLargeError,
    ModelNotFoundError,
    NewsiftError,
)
from newsift.ingest.base import ReadOptions, limit_metadata
from newsift.ingest.describe import plain_article
from newsift.ingest.discover import Target, format_for
from newsift.ingest.dispatch import read_document
from newsift.ingest.text import normalise_newlines, split_title
from newsift.model import Article, Report, parse_date
from newsift.render import render
from newsift.web.corpus_pages import add_corpus_routes
from newsift.web.limits import AttemptLimiter, WebLimits, WorkQueue
from newsift.web.pages import kinds_stylesheet, render_page, report_assets, report_context
from newsift.web.security import (
    ENVELOPE_BYTES,
    FORM_TOKEN_COOKIE,
    FORM_TOKEN_FIELD,
    SESSION_COOKIE,
    TOKEN_ENV,
    Guard,
    GuardMiddleware,
    error_body,
    form_token_valid,
    form_tokens_match,
    new_form_token,
    session_value,
    token_matches,
)
from newsift.web.store import DEFAULT_STORE_SIZE, ReportStore

#: Analyses running at once by default (spaCy is CPU-bound; more threads only queue).
DEFAULT_CONCURRENCY = max(1, min(4, os.cpu_count() or 1))
#: Upload formats, by the format name :func:`newsift.ingest.discover.format_for` gives.
UPLOAD_FORMATS = ("txt", "html")
#: Export formats: (suffix, media type).
EXPORTS = {
    "json": "application/json; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
_METADATA_FIELDS = ("title", "url", "outlet", "published")
_UNSET = object()
#: POST paths that run an analysis (they take a ticket of the work queue).
ANALYSIS_PATHS = frozenset({"/analyze", "/api/analyze"})
#: Largest /login form: the token field and the form token, with room to spare.
_LOGIN_FORM_BYTES = 16 * 1024


class AnalyzerPipeline(Protocol):
    """What the app needs from a pipeline (:class:`newsift.pipeline.Pipeline` has it)."""

    @property
    def analyzers(self) -> tuple[AnalyzerSpec, ...]: ...

    @property
    def max_chars(self) -> int: ...

    def analyze(
        self,
        article: Article,
        *,
        only: Sequence[str] | None = None,
        skip: Sequence[str] | None = None,
    ) -> Report: ...

    def describe_analyzers(self) -> list[dict[str, Any]]: ...


PipelineFactory = Callable[[], AnalyzerPipeline]


class AnalyzeRequest(BaseModel):
    """``POST /api/analyze`` as JSON (documented here; the body is checked by hand)."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    only: list[str] | str | None = None
    skip: list[str] | str | None = None


_MULTIPART_SCHEMA = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary", "description": ".txt or .html file"},
        "text": {"type": "string", "description": "the article, instead of a file"},
        **{name: {"type": "string"} for name in (*_METADATA_FIELDS, "only", "skip")},
    },
}
_ANALYZE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": AnalyzeRequest.model_json_schema()},
            "multipart/form-data": {"schema": _MULTIPART_SCHEMA},
        },
    }
}


def status_for(error: NewsiftError) -> int:
    """The HTTP status for a newsift error."""
    by_code = {
        "E070": 415,
        "E076": 415,
        "E003": 415,
        "E072": 401,
        "E073": 413,
        "E075": 404,
        "E110": 403,
        "E112": 413,
    }
    if error.code in by_code:
        return by_code[error.code]
    if isinstance(error, InputTooLargeError):
        return 413
    if isinstance(error, ModelNotFoundError):
        return 503
    return 422


def error_json(error: NewsiftError) -> JSONResponse:
    """The JSON error response for a newsift error."""
    return JSONResponse(error_body(error.code, error.message), status_code=status_for(error))


@dataclass
class WebState:
    """What every request shares: the pipeline, the concurrency limit, the report store."""

    pipeline: AnalyzerPipeline
    limiter: anyio.CapacityLimiter
    store: ReportStore
    token: str | None
    max_body: int
    limits: WebLimits
    logins: AttemptLimiter
    form_secret: bytes

    @property
    def max_chars(self) -> int:
        return self.pipeline.max_chars


def _names(value: object, field: str) -> list[str]:
    """``only``/``skip`` as a list of names (a list, or a comma-separated string)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items: Sequence[object] = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        raise ConfigError(Errors.E074, detail=f'"{field}" must be a list of analyzer names')
    if not all(isinstance(v, str) for v in items):
        raise ConfigError(Errors.E074, detail=f'"{field}" must hold analyzer names (strings)')
    return [str(v).strip() for v in items if str(v).strip()]


def _optional_str(data: Mapping[str, Any], field: str) -> str | None:
    value = data.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(Errors.E074, detail=f'"{field}" must be a string')
    return value.strip() or None


async def analyze_article(
    state: WebState, article: Article, only: list[str], skip: list[str]
) -> Report:
    """Analyse in a worker thread (bounded) with the analyzers the selection runs, as the
    CLI does (:meth:`newsift.pipeline.Pipeline.select`).

    Raises:
        ConfigError: Unknown analyzer (E014), or one the app's pipeline lacks (E086).
        InputError: The article can't be analysed.
    """
    analyze = partial(state.pipeline.analyze, only=only, skip=skip)
    return await anyio.to_thread.run_sync(analyze, article, limiter=state.limiter)


def upload_source(upload: UploadFile) -> str:
    """A short, path-free name for an upload (messages and ``Article.source``)."""
    name = posixpath.basename((upload.filename or "upload").replace("\\", "/"))
    return (name or "upload")[:120]


async def read_upload(state: WebState, upload: UploadFile) -> Article:
    """The article in an uploaded .txt or .html file, read exactly as the CLI reads files.

    Raises:
        InputError: Unsupported type (E070), binary or undecodable bytes, no article …
    """
    source = upload_source(upload)
    fmt = format_for(source)
    if fmt not in UPLOAD_FORMATS:
        suffix = posixpath.splitext(source)[1] or "no file-name suffix"
        raise InputError(Errors.E070, source=source, detail=suffix)
    html_limit = state.limits.max_html_bytes
    if fmt == "html" and upload.size is not None and upload.size > html_limit:
        raise InputTooLargeError(Errors.E112, source=source, size=upload.size, limit=html_limit)
    data = await upload.read()
    if fmt == "html" and len(data) > html_limit:
        raise InputTooLargeError(Errors.E112, source=source, size=len(data), limit=html_limit)
    target = Target(source=source, path=None, format=fmt)
    options = ReadOptions(max_chars=state.max_chars)
    return await anyio.to_thread.run_sync(
        read_document, io.BytesIO(data), target, options, limiter=state.limiter
    )


def form_article(text: str, metadata: Mapping[str, str | None]) -> Article:
    """A pasted text: browsers send CRLF newlines; without a title, the CLI's title rule."""
    body = normalise_newlines(text)
    title = metadata.get("title")
    if title is None:
        title, body = split_title(body)
    article = Article.from_text(body, source="pasted text", **{**metadata, "title": title})
    return limit_metadata(plain_article(article), ReadOptions())


async def article_from_form(state: WebState, form: FormData) -> tuple[Article, list[str]]:
    """The article in a form (upload or text) and the problems with its fields, if any.

    Raises:
        NewsiftError: The text or file can't be read, or a field is malformed.
    """
    fields = {
        name: value.strip() or None
        for name in (*_METADATA_FIELDS, "only", "skip")
        if isinstance(value := form.get(name, ""), str)
    }
    published = parse_date(fields.get("published"))  # checked before any file is read
    upload = form.get("file")
    text = form.get("text")
    metadata = {name: fields.get(name) for name in _METADATA_FIELDS}
    if isinstance(upload, UploadFile) and (upload.filename or upload.size):
        article = (await read_upload(state, upload)).with_overrides(
            **{**metadata, "published": published}
        )
    elif isinstance(text, str):
        article = form_article(text, metadata)
    else:
        raise ConfigError(Errors.E074, detail='give the article as "text" or as a "file"')
    return article, [fields.get("only") or "", fields.get("skip") or ""]


def create_app(
    pipeline_factory: PipelineFactory | None = None,
    *,
    api_token: str | object | None = _UNSET,
    max_chars: int = settings.DEFAULT_MAX_CHARS,
    max_concurrency: int = DEFAULT_CONCURRENCY,
    store_size: int = DEFAULT_STORE_SIZE,
    allowed_hosts: frozenset[str] | None = None,
    limits: WebLimits | None = None,
    corpus_db: str | None = None,
) -> FastAPI:
    """Build the web app.

    Args:
        pipeline_factory: Builds the pipeline, once, at start-up (default: all analyzers
            with the default spaCy model and ``max_chars``).
        api_token: Token required by the API and pages; default ``$NEWSIFT_API_TOKEN``
            (unset or empty: none).
        max_chars: Longest article accepted; request bodies over ``max_chars * 4`` bytes
            (plus a small envelope) are refused with 413 before they are read.
        max_concurrency: Analyses running at once.
        store_size: Reports kept in memory for the export links.
        allowed_hosts: Host-header names answered (``None``: any); ``serve`` sets the
            loopback names when bound to loopback, against DNS rebinding.
        limits: Work queue, body deadline, sign-in and upload limits (default: settings).
        corpus_db: The corpus the ``/corpus`` pages show (``newsift serve --db``; ``None``:
            those pages say how to make one).
    """
    if api_token is _UNSET:
        api_token = os.environ.get(TOKEN_ENV)
    token = api_token if isinstance(api_token, str) and api_token else None
    max_body = max_chars * settings.MAX_BYTES_PER_CHAR + ENVELOPE_BYTES
    limits = limits or WebLimits()
    workers = max(1, max_concurrency)
    queue = WorkQueue(workers + max(0, limits.queue_depth))
    logins = AttemptLimiter(limits.login_attempts, limits.login_window)
    form_secret = secrets.token_bytes(32)

    def default_factory() -> AnalyzerPipeline:
        from newsift.pipeline import Pipeline

        return Pipeline.create(max_chars=max_chars)

    factory = pipeline_factory or default_factory

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pipeline = await anyio.to_thread.run_sync(factory)
        app.state.newsift = WebState(
            pipeline=pipeline,
            limiter=anyio.CapacityLimiter(workers),
            store=ReportStore(store_size),
            token=token,
            max_body=max_body,
            limits=limits,
            logins=logins,
            form_secret=form_secret,
        )
        yield
        corpus.close()

    app = FastAPI(
        title="newsift",
        version=__version__,
        summary="Who claims what, on whose authority, with which techniques — with evidence.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    guard = Guard(
        token=token,
        max_body=max_body,
        max_chars=max_chars,
        page=error_page,
        hosts=allowed_hosts,
        body_timeout=limits.body_timeout,
        queue=queue,
        heavy_paths=ANALYSIS_PATHS,
        retry_after=limits.retry_after,
        max_token_chars=limits.max_token_chars,
    )
    app.add_middleware(GuardMiddleware, guard=guard)
    app.mount("/static", StaticFiles(directory=str(files("newsift.web") / "static")), "static")
    _add_error_handlers(app)
    _add_api_routes(app)
    _add_page_routes(app)
    corpus = add_corpus_routes(app, corpus_db)
    return app


def _state(request: Request) -> WebState:
    state: WebState = request.app.state.newsift
    return state


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NewsiftError)
    async def newsift_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, NewsiftError)
        return error_json(error)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: Exception) -> Response:
        return error_json(ConfigError(Errors.E074, detail=str(error).splitlines()[0]))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        return JSONResponse(
            error_body(f"HTTP{error.status_code}", str(error.detail)),
            status_code=error.status_code,
            headers=error.headers,
        )


def _add_api_routes(app: FastAPI) -> None:
    @app.get("/healthz", tags=["service"])
    async def healthz(request: Request) -> dict[str, Any]:
        """Liveness: the pipeline is loaded; its analyzers and the version."""
        state = _state(request)
        return {
            "status": "ok",
            "version": __version__,
            "analyzers": [spec.name for spec in state.pipeline.analyzers],
        }

    @app.get("/api/analyzers", tags=["api"])
    async def analyzers(request: Request) -> list[dict[str, Any]]:
        """The analyzers, their versions, kinds and models (as ``newsift analyzers``)."""
        return _state(request).pipeline.describe_analyzers()

    @app.post("/api/analyze", tags=["api"], openapi_extra=_ANALYZE_BODY)
    async def api_analyze(request: Request) -> JSONResponse:
        """Analyse one article: JSON ``{text, title?, url?, outlet?, published?, only?,
        skip?}`` or a multipart upload (``file``: .txt or .html). Returns the report."""
        state = _state(request)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/json":
            article, only, skip = await _json_article(request)
        elif content_type == "multipart/form-data":
            form = await request.form(max_part_size=state.max_body)
            article, (only_s, skip_s) = await article_from_form(state, form)
            only, skip = _names(only_s, "only"), _names(skip_s, "skip")
        else:
            raise ConfigError(Errors.E076, content_type=content_type or "none")
        report = await analyze_article(state, article, only, skip)
        return JSONResponse(report.to_dict(), headers={"Cache-Control": "no-store"})

    @app.get("/docs", include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        routes = []
        for path, methods in request.app.openapi().get("paths", {}).items():
            for method, operation in methods.items():
                routes.append((method.upper(), path, operation.get("description", "")))
        return HTMLResponse(render_page("docs.html.j2", routes=routes, version=__version__))


async def _json_article(request: Request) -> tuple[Article, list[str], list[str]]:
    try:
        data = await request.json()
    except ValueError as error:
        raise ConfigError(Errors.E074, detail=f"the body is not valid JSON ({error})") from None
    except RecursionError:
        detail = "the JSON is nested too deeply (an article is one flat object)"
        raise ConfigError(Errors.E074, detail=detail) from None
    if not isinstance(data, dict):
        raise ConfigError(Errors.E074, detail="the body must be a JSON object")
    text = data.get("text")
    if not isinstance(text, str):
        raise ConfigError(Errors.E074, detail='"text" (a string) is required')
    meta = {field: _optional_str(data, field) for field in _METADATA_FIELDS}
    article = Article.from_text(text, source="request", **meta)
    article = limit_metadata(plain_article(article), ReadOptions())
    return article, _names(data.get("only"), "only"), _names(data.get("skip"), "skip")


def error_page(message: str, status: int) -> HTMLResponse:
    """A page for an error met before any route runs (too large a form, for instance)."""
    code = message[1:5] if message.startswith("[") else f"HTTP{status}"
    text = message.split("] ", 1)[-1]
    return _html(render_page("error.html.j2", code=code, message=text), status)


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def _add_page_routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    async def home(request: Request) -> HTMLResponse:
        state = _state(request)
        return _form_page(request, "home.html.j2", _home_context(state))

    @app.post("/analyze", include_in_schema=False)
    async def analyze_form(request: Request) -> Response:
        state = _state(request)
        form = await request.form(max_part_size=state.max_body)
        refused = _check_form_token(request, form)
        if refused is not None:
            return refused
        try:
            article, (only, skip) = await article_from_form(state, form)
            report = await analyze_article(
                state, article, _names(only, "only"), _names(skip, "skip")
            )
        except NewsiftError as error:
            values = {k: v for k, v in form.items() if isinstance(v, str)}
            context = _home_context(state, error, values)
            return _form_page(request, "home.html.j2", context, status_for(error))
        report_id = state.store.add(report)
        return RedirectResponse(f"/reports/{report_id}", status_code=303)

    @app.get("/reports/{report_id}", include_in_schema=False)
    async def report_page(request: Request, report_id: str) -> Response:
        state = _state(request)
        report = state.store.get(report_id)
        if report is None:
            error = ConfigError(Errors.E075, size=state.store.size)
            return _form_page(request, "home.html.j2", _home_context(state, error), 404)
        return _html(render_page("report.html.j2", **report_context(report, report_id)))

    @app.get("/reports/{report_id}/export.{fmt}", include_in_schema=False)
    async def export(request: Request, report_id: str, fmt: str) -> Response:
        state = _state(request)
        report = state.store.get(report_id)
        if report is None:
            return error_json(ConfigError(Errors.E075, size=state.store.size))
        if fmt not in EXPORTS:
            return error_json(ConfigError(Errors.E050, format=fmt, formats=", ".join(EXPORTS)))
        body = await anyio.to_thread.run_sync(render, report, fmt, limiter=state.limiter)
        name = f"newsift-{report.article.id}.{fmt}"
        return Response(
            body,
            media_type=EXPORTS[fmt],
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )

    @app.get("/kinds.css", include_in_schema=False)
    async def kinds_css() -> PlainTextResponse:
        return PlainTextResponse(kinds_stylesheet(), media_type="text/css")

    @app.get("/report.css", include_in_schema=False)
    async def report_css() -> PlainTextResponse:
        return PlainTextResponse(report_assets()["/report.css"], media_type="text/css")

    @app.get("/report.js", include_in_schema=False)
    async def report_js() -> PlainTextResponse:
        return PlainTextResponse(report_assets()["/report.js"], media_type="text/javascript")

    @app.get("/login", include_in_schema=False)
    async def login_page(request: Request) -> HTMLResponse:
        context = {"failed": False, "needed": bool(_state(request).token)}
        return _form_page(request, "login.html.j2", context)

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        state = _state(request)
        if state.token is None:
            return RedirectResponse("/", status_code=303)
        client = request.client.host if request.client else "unknown"
        wait = state.logins.retry_after(client)
        if wait is not None:
            return _login_refused(request, state, client, wait)
        form = await request.form(max_fields=8, max_part_size=_LOGIN_FORM_BYTES)
        refused = _check_form_token(request, form)
        if refused is not None:
            return refused
        given = form.get("token")
        failure = _login_failure(given, state)
        if failure is not None:
            state.logins.record_failure(client)
            context = {"failed": True, "needed": True, "message": failure}
            return _form_page(request, "login.html.j2", context, 401)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            session_value(state.token),
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )
        return response


def _form_page(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    """A page with a form: its double-submit token in a hidden field and in a cookie.

    A valid token the browser already holds is kept, so several open tabs all work. The
    cookie is ``SameSite=Lax`` (sent when a link from elsewhere opens the page, so the token
    is not replaced then; never sent with another site's POST).
    """
    secret = _state(request).form_secret
    token = request.cookies.get(FORM_TOKEN_COOKIE)
    if token is not None and form_token_valid(token, secret):
        return _html(render_page(template, form_token=token, **context), status)
    token = new_form_token(secret)
    response = _html(render_page(template, form_token=token, **context), status)
    response.set_cookie(
        FORM_TOKEN_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


def _check_form_token(request: Request, form: FormData) -> Response | None:
    """The 403 page for a form post whose token is missing or not this server's."""
    field = form.get(FORM_TOKEN_FIELD)
    cookie = request.cookies.get(FORM_TOKEN_COOKIE)
    if form_tokens_match(
        cookie, field if isinstance(field, str) else None, _state(request).form_secret
    ):
        return None
    detail = (
        "its form token is missing or does not match this server's (the page may be older "
        "than the server, or cookies are blocked)"
    )
    return error_page(Errors.E110.format(detail=detail), 403)


def _login_failure(given: object, state: WebState) -> str | None:
    """Why a sign-in fails (a message for the form), or ``None`` when the token is right."""
    limit = state.limits.max_token_chars
    if not isinstance(given, str) or not given.strip():
        return "Give the token."
    if len(given) > limit:
        return Errors.E074.format(detail=f"the token is longer than {limit:,} characters")
    if state.token is None or not token_matches(given.strip(), state.token, limit):
        return "That token is not right."
    return None


def _login_refused(request: Request, state: WebState, client: str, wait: int) -> HTMLResponse:
    """429 for a client past its failed sign-ins, with ``Retry-After``."""
    message = Errors.E079.format(
        client=client,
        attempts=state.limits.login_attempts,
        window=f"{state.limits.login_window:g}",
        retry_after=wait,
    )
    context = {"failed": True, "needed": True, "message": message}
    response = _form_page(request, "login.html.j2", context, 429)
    response.headers["Retry-After"] = str(wait)
    return response


def _home_context(
    state: WebState, error: NewsiftError | None = None, values: Mapping[str, str] | None = None
) -> dict[str, Any]:
    return {
        "version": __version__,
        "analyzers": [spec.name for spec in state.pipeline.analyzers],
        "max_chars": state.max_chars,
        "error": error,
        "values": dict(values or {}),
    }
