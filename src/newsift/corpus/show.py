"""``newsift corpus show ID``: the article's report, then its "Other coverage".

The report is rendered by the project's report renderers (:func:`newsift.render.render`) as
they are; the section is appended after it (:mod:`newsift.corpus.coverage_render`). An
article stored without a report (``--no-analyze``, or a language the analysis does not
read) is shown with its metadata and text instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from newsift.corpus.coverage import Coverage, coverage_dict, coverage_of
from newsift.corpus.coverage_render import (
    append_html,
    coverage_html,
    coverage_markdown,
    coverage_text,
    format_time,
)
from newsift.corpus.model import CorpusArticle
from newsift.corpus.snapshot import CorpusSnapshot, take_snapshot
from newsift.corpus.store import CorpusStore
from newsift.errors import ConfigError, Errors
from newsift.model import Report
from newsift.text_safety import safe_line, safe_lines

#: ``corpus show --format``: the report formats that hold one article (``markdown`` is
#: accepted for ``md``).
SHOW_FORMATS = ("terminal", "json", "md", "html")
FORMAT_ALIASES = {"markdown": "md"}


@dataclass(frozen=True)
class Shown:
    """One article as ``corpus show`` shows it."""

    article: CorpusArticle
    report: dict[str, Any] | None
    coverage: Coverage
    articles: Mapping[str, CorpusArticle]

    def report_object(self) -> Report | None:
        """The stored report as a :class:`~newsift.model.Report`, if there is one."""
        return Report.from_dict(self.report) if self.report is not None else None


def show_in(
    snapshot: CorpusSnapshot, article: CorpusArticle, report: dict[str, Any] | None
) -> Shown:
    """The article, its report and its coverage in ``snapshot``."""
    return Shown(article, report, coverage_of(snapshot, article), snapshot.by_id)


def show(store: CorpusStore, article_id: str) -> Shown:
    """The article with this id (or content key), its report and its other coverage.

    Raises:
        ConfigError: No article with this id (E144).
    """
    found = store.article(article_id)
    if found is None:
        raise ConfigError(Errors.E144, db=store.url, id=article_id)
    article, report = found
    return show_in(take_snapshot(store), article, report)


def article_dict(article: CorpusArticle) -> dict[str, Any]:
    """The article's metadata (no text) as ``corpus show --format json`` prints it."""
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
    }


def shown_dict(shown: Shown) -> dict[str, Any]:
    """``{"id", "article", "report", "other_coverage"}`` (the report null when not analysed)."""
    return {
        "id": shown.article.id,
        "article": article_dict(shown.article),
        "report": shown.report,
        "other_coverage": coverage_dict(shown.coverage),
    }


def _unanalysed_lines(article: CorpusArticle) -> list[str]:
    language = article.language or "unknown"
    return [
        f"{article.title or article.id}",
        f"id {article.id} · {article.outlet or 'outlet unknown'} · "
        f"{format_time(article.published)} · language {language}",
        f"Not analysed (added with --no-analyze, or language {language} is not one the "
        "analysis reads); stored and fingerprinted for the copy and story layers.",
    ]


def _unanalysed_text(article: CorpusArticle) -> str:
    head = "\n".join(safe_line(line) for line in _unanalysed_lines(article))
    return f"{head}\n\n{safe_lines(article.text)}\n"


def _unanalysed_markdown(article: CorpusArticle) -> str:
    from newsift.render.markdown import blockquote, inline
    from newsift.render.markdown import escape as md_escape

    title, meta, note = _unanalysed_lines(article)
    body = blockquote([md_escape(line, line_start=True) for line in article.text.split("\n")])
    return "\n".join([f"# {inline(title)}", "", inline(meta), "", inline(note), "", *body]) + "\n"


def _unanalysed_html(article: CorpusArticle) -> str:
    title, meta, note = (escape(safe_line(line)) for line in _unanalysed_lines(article))
    lang = escape(article.language or "und")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{title}</title></head><body><main><h1>{title}</h1><p>{meta}</p><p>{note}</p>"
        f'<div lang="{lang}" style="white-space:pre-wrap">{escape(safe_lines(article.text))}'
        "</div></main></body></html>\n"
    )


def render_shown(shown: Shown, fmt: str) -> str:
    """The article's report in ``fmt`` (one of :data:`SHOW_FORMATS`) with "Other coverage"
    after it. ``terminal`` is plain text here; the CLI prints the report in colour on a
    terminal and this section after it.

    Raises:
        ConfigError: An unknown format (E024).
    """
    import json

    from newsift.render import render

    fmt = FORMAT_ALIASES.get(fmt, fmt)
    if fmt not in SHOW_FORMATS:
        raise ConfigError(
            Errors.E024, option="format", expected="one of " + ", ".join(SHOW_FORMATS), value=fmt
        )
    if fmt == "json":
        return json.dumps(shown_dict(shown), ensure_ascii=False, indent=2) + "\n"
    report = shown.report_object()
    coverage, articles = shown.coverage, shown.articles
    if fmt == "html":
        page = render(report, "html") if report else _unanalysed_html(shown.article)
        return append_html(page, coverage_html(coverage, articles))
    if fmt == "md":
        head = render(report, "md") if report else _unanalysed_markdown(shown.article)
        return head.rstrip("\n") + "\n" + coverage_markdown(coverage, articles)
    head = render(report, "terminal") if report else _unanalysed_text(shown.article)
    return head.rstrip("\n") + "\n" + coverage_text(coverage, articles)
