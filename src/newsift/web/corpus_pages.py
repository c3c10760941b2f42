"""The web workspace's corpus pages (``newsift serve --db URL``), server-rendered, no script.

* ``GET /corpus`` — the stories (``?sort=size|date|score``, ``&page=N``: 100 a page);
* ``GET /corpus/stories/{story}`` — one story's timeline: members by publication time,
  outlet, how each relates to its copy family;
* ``GET /corpus/network`` — the outlet network as SVG (laid out in Python) and a table;
* ``GET /corpus/articles/{id}`` (or ``/corpus/article?id=``) — an article, its text and its
  "Other coverage"; ``…/report`` opens its stored report in the report view;
* ``GET /corpus/copy/{source}/{copy}`` (or ``/corpus/copy?source=&copy=``) — the two texts
  side by side, the shared passages highlighted in both.

Without ``--db`` every page says how to make and open a corpus. The copy engine runs once per
state of the store (:class:`CorpusSource` keeps the snapshot until the store holds more
articles), in a worker thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from newsift.corpus.coverage import coverage_of
from newsift.corpus.coverage_render import format_lag
from newsift.corpus.network_svg import lag_label, network_svg
from newsift.corpus.snapshot import CorpusSnapshot, take_snapshot
from newsift.corpus.store import CorpusStore
from newsift.errors import ConfigError, Errors, NewsiftError
from newsift.model import Report
from newsift.web.corpus_views import (
    STORY_SORTS,
    article_url,
    copy_sides,
    copy_url,
    report_url,
    shared_quotes,
    story_rows,
    story_url,
    timeline,
)
from newsift.web.pages import render_page

#: Stories listed per page of ``/corpus`` (``?page=N``).
STORIES_PER_PAGE = 100


@dataclass
class CorpusSource:
    """The corpus a server shows: its store, opened at the first page, and the last snapshot
    (kept while the store's article count is unchanged: articles are only ever added)."""

    db: str | None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _store: CorpusStore | None = None
    _snapshot: CorpusSnapshot | None = None
    _count: int = -1

    def _open(self) -> CorpusStore:
        if self.db is None:
            raise ConfigError(Errors.E151)
        if self._store is None:
            self._store = CorpusStore.open(self.db, create=False)
        return self._store

    def snapshot(self) -> CorpusSnapshot:
        """The corpus now (blocking: call it in a worker thread).

        Raises:
            ConfigError: No corpus configured (E151), or it can't be opened (E140-E143).
        """
        with self._lock:
            store = self._open()
            count = store.count()
            if self._snapshot is None or count != self._count:
                self._snapshot, self._count = take_snapshot(store), count
            return self._snapshot

    def report(self, article_id: str) -> dict[str, Any] | None:
        """The stored report of an article (``None`` when it was not analysed)."""
        with self._lock:
            found = self._open().article(article_id)
        return found[1] if found else None

    def close(self) -> None:
        """Release the store's connections."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    body = render_page(name, **context)
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def _problem(error: NewsiftError, status: int) -> HTMLResponse:
    return _page("corpus_message.html.j2", status, error=error, configured=True)


def add_corpus_routes(app: FastAPI, db: str | None) -> CorpusSource:
    """Add the ``/corpus`` pages, reading the corpus at ``db`` (``None``: pages that say how
    to open one). Returns the source, which the caller closes at shutdown."""
    source = CorpusSource(db)

    async def snapshot_or_page(request: Request) -> CorpusSnapshot | HTMLResponse:
        if source.db is None:
            status = 200 if request.url.path == "/corpus" else 404
            error = ConfigError(Errors.E151)
            return _page("corpus_message.html.j2", status, error=error, configured=False)
        try:
            return await anyio.to_thread.run_sync(source.snapshot)
        except NewsiftError as error:
            return _problem(error, 503)

    def unknown(what: str) -> HTMLResponse:
        return _problem(ConfigError(Errors.E144, db=source.db, id=what), 404)

    @app.get("/corpus", include_in_schema=False)
    async def stories(request: Request, sort: str = "size", page: int = 1) -> Response:
        snap = await snapshot_or_page(request)
        if isinstance(snap, HTMLResponse):
            return snap
        sort = sort if sort in STORY_SORTS else "size"
        rows = story_rows(snap, sort)
        pages = max(1, -(-len(rows) // STORIES_PER_PAGE))
        page = min(max(page, 1), pages)
        first = (page - 1) * STORIES_PER_PAGE
        return _page(
            "corpus_stories.html.j2",
            rows=rows[first : first + STORIES_PER_PAGE],
            total=len(rows),
            page=page,
            pages=pages,
            sort=sort,
            sorts=STORY_SORTS,
            snap=snap,
            story_url=story_url,
            unclustered=len(snap.articles) - len({m for s in snap.stories for m in s.members}),
        )

    @app.get("/corpus/stories/{story_id}", include_in_schema=False)
    async def story_page(request: Request, story_id: str) -> Response:
        snap = await snapshot_or_page(request)
        if isinstance(snap, HTMLResponse):
            return snap
        story = snap.story(story_id)
        if story is None:
            return unknown(story_id)
        return _page(
            "corpus_story.html.j2",
            story=story,
            entries=timeline(snap, story),
            article_url=article_url,
            copy_url=copy_url,
        )

    @app.get("/corpus/network", include_in_schema=False)
    async def network_page(request: Request) -> Response:
        snap = await snapshot_or_page(request)
        if isinstance(snap, HTMLResponse):
            return snap
        return _page(
            "corpus_network.html.j2",
            edges=snap.network,
            svg=network_svg(snap.network),
            lag_label=lag_label,
        )

    async def article_page(request: Request, article_id: str) -> Response:
        snap = await snapshot_or_page(request)
        if isinstance(snap, HTMLResponse):
            return snap
        article = snap.by_id.get(article_id)
        if article is None:
            return unknown(article_id)
        return _page(
            "corpus_article.html.j2",
            article=article,
            coverage=coverage_of(snap, article),
            analysed=article.id in snap.analysed,
            articles=snap.by_id,
            article_url=article_url,
            copy_url=copy_url,
            story_url=story_url,
            report_url=report_url,
            lag_label=format_lag,
        )

    @app.get("/corpus/articles/{article_id}", include_in_schema=False)
    async def article_by_path(request: Request, article_id: str) -> Response:
        return await article_page(request, article_id)

    @app.get("/corpus/article", include_in_schema=False)
    async def article_by_query(request: Request, id: str = "") -> Response:
        return await article_page(request, id)

    async def article_report(request: Request, article_id: str) -> Response:
        snap = await snapshot_or_page(request)
        if isinstance(snap, HTMLResponse):
            return snap
        if article_id not in snap.analysed:
            return unknown(article_id)
        data = await anyio.to_thread.run_sync(source.report, article_id)
        if data is None:
            return unknown(article_id)
        key = request.app.state.newsift.store.add(Report.from_dict(data))
        return RedirectResponse(f"/reports/{key}", status_code=303)

    @app.get("/corpus/articles/{article_id}/report", include_in_schema=False)
    async def report_by_path(request: Request, article_id: str) -> Response:
        return await article_report(request, article_id)

    @app.get("/corpus/report", include_in_schema=False)
    async def report_by_query(request: Request, id: str = "") -> Response:
        return await article_report(request, id)

    async def copy_page(request: Request, source_id: str, copy_id: str) -> Response:
        snap = await snapshot_or_page(request)
        if isinstance(snap, HTMLResponse):
            return snap
        left, right = snap.by_id.get(source_id), snap.by_id.get(copy_id)
        if left is None or right is None:
            return unknown(source_id if left is None else copy_id)
        edge = snap.edge(source_id, copy_id)
        if edge is not None and edge.source != source_id:  # undetermined, asked reversed
            left, right = right, left
        if edge is None:
            from newsift.corpus.compare import compare

            found = await anyio.to_thread.run_sync(compare, left, right)
            passages = found.passages
        else:
            passages = edge.passages
        sides = copy_sides(left, right, passages, shared_quotes(edge))
        return _page(
            "corpus_copy.html.j2",
            source=left,
            copy=right,
            edge=edge,
            passages=passages,
            sides=sides,
            article_url=article_url,
            lag_label=format_lag,
        )

    @app.get("/corpus/copy/{source_id}/{copy_id}", include_in_schema=False)
    async def copy_by_path(request: Request, source_id: str, copy_id: str) -> Response:
        return await copy_page(request, source_id, copy_id)

    @app.get("/corpus/copy", include_in_schema=False)
    async def copy_by_query(request: Request, source: str = "", copy: str = "") -> Response:
        return await copy_page(request, source, copy)

    return source
