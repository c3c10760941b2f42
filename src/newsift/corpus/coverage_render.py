"""The "Other coverage" section as plain text, Markdown and HTML.

``newsift corpus show`` appends it after the article's report, whatever renders that
report: the section is built here from a :class:`~newsift.corpus.coverage.Coverage` alone,
so the report's renderers stay untouched. Everything from the articles (ids, outlets,
titles) is escaped for its format, and controls are shown, never obeyed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from markupsafe import Markup, escape

from newsift.corpus.coverage import CopyLink, Coverage
from newsift.corpus.model import CorpusArticle
from newsift.render.markdown import cell, table
from newsift.text_safety import safe_line

TITLE = "Other coverage"
_ROLES = {
    "source": "Copied from",
    "copy": "Copied by",
    "undetermined": "Shares text with (direction undetermined)",
}


def format_lag(seconds: float | None) -> str:
    """A publication lag for people: ``21 min``, ``5 h 30 min``, ``2 d 3 h``, ``-4 min``
    (the copy dated before its source), ``unknown``."""
    if seconds is None:
        return "unknown"
    sign = "-" if seconds < 0 else ""
    left = round(abs(seconds))
    if left < 60:
        return f"{sign}{left} s"
    minutes, hours, days = left // 60 % 60, left // 3600 % 24, left // 86400
    if days:
        return f"{sign}{days} d {hours} h"
    if hours:
        return f"{sign}{hours} h {minutes} min" if minutes else f"{sign}{hours} h"
    return f"{sign}{minutes} min"


def format_time(when: dt.datetime | None) -> str:
    """A publication time as stored (ISO 8601, minutes), or ``undated``."""
    if when is None:
        return "undated"
    return when.isoformat(timespec="minutes")


def describe(article_id: str, articles: Mapping[str, CorpusArticle]) -> str:
    """``id (outlet, time)`` for one article, as far as it is known."""
    article = articles.get(article_id)
    if article is None:
        return article_id
    parts = [p for p in (article.outlet, format_time(article.published)) if p]
    return f"{article_id} ({', '.join(parts)})"


def _containment(link: CopyLink) -> str:
    e = link.edge
    return f"{e.containment_source:.2f} of the source, {e.containment_copy:.2f} of the copy"


def _link_line(link: CopyLink, articles: Mapping[str, CorpusArticle]) -> str:
    e = link.edge
    return (
        f"{describe(link.other, articles)}: {e.kind}, lag {format_lag(link.lag_seconds)}, "
        f"containment {_containment(link)}, score {e.score:.2f}; direction: {e.direction_reason}"
    )


def _earliest_line(coverage: Coverage) -> str | None:
    if coverage.family is None:
        return None
    reason = coverage.earliest_reason or ""
    if coverage.earliest is None:
        return f"Earliest source of its copy family: undetermined ({reason})"
    return f"Earliest source of its copy family: {coverage.earliest} ({reason})"


def _is_empty(coverage: Coverage) -> bool:
    return not coverage.links and not coverage.mates


def coverage_text(coverage: Coverage, articles: Mapping[str, CorpusArticle]) -> str:
    """The section as plain text (the ``terminal`` format), one relation per line."""
    lines = ["", TITLE, "=" * len(TITLE)]
    if _is_empty(coverage):
        lines.append("No other article of this corpus copies it, is copied by it, or reports")
        lines.append("the same story.")
        return "\n".join(safe_line(line) for line in lines) + "\n"
    for role, label in _ROLES.items():
        links = [link for link in coverage.links if link.role == role]
        if links:
            lines.append(f"{label} ({len(links)}):")
            lines += [f"  - {_link_line(link, articles)}" for link in links]
    if coverage.mates:
        others = f"{len(coverage.mates)} other article" + ("s" if len(coverage.mates) > 1 else "")
        lines.append(f"Same story, {coverage.story} ({others}):")
        lines += [
            f"  - {describe(m.id, articles)}: similarity {m.similarity:.2f}" for m in coverage.mates
        ]
    earliest = _earliest_line(coverage)
    if earliest:
        lines.append(earliest)
    return "\n".join(safe_line(line) for line in lines) + "\n"


def coverage_markdown(coverage: Coverage, articles: Mapping[str, CorpusArticle]) -> str:
    """The section as Markdown: a heading, a table of copy relations, a table of the story."""
    lines = ["", f"## {TITLE}", ""]
    if _is_empty(coverage):
        lines.append("No other article of this corpus copies it, is copied by it, or reports the")
        lines.append("same story.")
        return "\n".join(lines) + "\n"
    if coverage.links:
        header = ["relation", "article", "kind", "lag", "containment", "score", "direction"]
        rows = [
            [
                cell(_ROLES[link.role]),
                cell(describe(link.other, articles)),
                cell(link.edge.kind),
                cell(format_lag(link.lag_seconds)),
                cell(_containment(link)),
                f"{link.edge.score:.2f}",
                cell(link.edge.direction_reason),
            ]
            for link in coverage.links
        ]
        lines += table(header, ["---", "---", "---", "--:", "---", "--:", "---"], rows)
        lines.append("")
    if coverage.mates:
        lines.append(f"Same story ({cell(coverage.story or '')}):")
        lines.append("")
        rows = [[cell(describe(m.id, articles)), f"{m.similarity:.2f}"] for m in coverage.mates]
        lines += table(["article", "similarity"], ["---", "--:"], rows)
        lines.append("")
    earliest = _earliest_line(coverage)
    if earliest:
        lines.append(cell(earliest))
    return "\n".join(lines).rstrip("\n") + "\n"


_STYLE = (
    "<style>#other-coverage{max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "font-family:system-ui,sans-serif}#other-coverage table{border-collapse:collapse}"
    "#other-coverage td,#other-coverage th{border:1px solid #ccc;padding:.2em .5em;"
    "text-align:left}</style>"
)


def coverage_html(coverage: Coverage, articles: Mapping[str, CorpusArticle]) -> Markup:
    """The section as one HTML ``<section id="other-coverage">`` (its own small style)."""
    parts = [_STYLE, f'<section id="other-coverage"><h2>{TITLE}</h2>']
    if _is_empty(coverage):
        parts.append(
            "<p>No other article of this corpus copies it, is copied by it, or reports the "
            "same story.</p>"
        )
    if coverage.links:
        parts.append(
            "<table><thead><tr><th>relation</th><th>article</th><th>kind</th><th>lag</th>"
            "<th>containment</th><th>score</th><th>direction</th></tr></thead><tbody>"
        )
        for link in coverage.links:
            cells = (
                _ROLES[link.role],
                describe(link.other, articles),
                link.edge.kind,
                format_lag(link.lag_seconds),
                _containment(link),
                f"{link.edge.score:.2f}",
                link.edge.direction_reason,
            )
            row = "".join(f"<td>{escape(safe_line(c))}</td>" for c in cells)
            parts.append(f'<tr data-other="{escape(link.other)}">{row}</tr>')
        parts.append("</tbody></table>")
    if coverage.mates:
        parts.append(f"<h3>Same story ({escape(coverage.story or '')})</h3><ul>")
        for mate in coverage.mates:
            text = f"{describe(mate.id, articles)}: similarity {mate.similarity:.2f}"
            parts.append(f"<li>{escape(safe_line(text))}</li>")
        parts.append("</ul>")
    earliest = _earliest_line(coverage)
    if earliest:
        parts.append(f'<p class="earliest">{escape(safe_line(earliest))}</p>')
    parts.append("</section>")
    return Markup("".join(parts))


def append_html(page: str, section: Markup) -> str:
    """``page`` (a whole HTML report) with ``section`` added after its content, before
    ``</body>`` (at the end when the page has none)."""
    head, marker, tail = page.rpartition("</body>")
    if not marker:
        return page + str(section) + "\n"
    return f"{head}{section}\n{marker}{tail}"
