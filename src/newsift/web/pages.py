"""The web pages' templates and what the report page shows.

The report page is the standalone HTML report's view (:func:`newsift.render.reportview.
report_view`, template ``report_view.html.j2``) in the workspace's layout, with export
links; its stylesheet and script are the standalone report's own, served as
``/report.css`` and ``/report.js``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from newsift import __version__
from newsift.model import FINDING_KINDS, Report
from newsift.render.html import make_environment, report_script, report_stylesheet
from newsift.render.reportview import kind_css, report_view
from newsift.render.style import kind_slug
from newsift.render.view import LegendEntry

#: The report's exports, as (path suffix, link text).
EXPORT_LINKS = (("export.json", "JSON"), ("export.md", "Markdown"), ("export.html", "HTML report"))


def report_context(report: Report, report_id: str) -> dict[str, Any]:
    """Everything the report page template needs: the shared view and the export links."""
    return {
        **report_view(report),
        "report_id": report_id,
        "exports": [(f"/reports/{report_id}/{path}", name) for path, name in EXPORT_LINKS],
    }


def report_assets() -> dict[str, str]:
    """The report view's stylesheet and script, by the path the web app serves them at."""
    return {"/report.css": report_stylesheet(), "/report.js": report_script()}


def kinds_stylesheet() -> str:
    """CSS for every standard kind (colour, tint and line style), from render.style."""
    entries = [LegendEntry(e.style, 0) for e in legend_entries_for_all()]
    return kind_css(entries) + "\n"


def legend_entries_for_all() -> list[LegendEntry]:
    """A legend entry for each standard kind (counts unused)."""
    from newsift.render.style import kind_style

    return [LegendEntry(kind_style(kind), 0) for kind in FINDING_KINDS]


@cache
def environment() -> jinja2.Environment:
    """The pages' Jinja2 environment: the HTML report's, over the web templates."""
    env = make_environment("web/templates", "render/templates")
    env.globals["kind_slug"] = kind_slug
    env.globals["version"] = __version__
    return env


def render_page(name: str, **context: Any) -> str:
    """A page template rendered with ``context``."""
    return environment().get_template(name).render(**context)
