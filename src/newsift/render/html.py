"""The ``html`` format: one self-contained page per report, around the shared report view.

The page is the web report page's view (:mod:`newsift.render.reportview`, template
``report_view.html.j2``) with the same stylesheet (``templates/report.css``) and script
(``templates/report.js``) inlined. Its Content-Security-Policy allows exactly that style
and that script by their SHA-256 hashes, and nothing else: no other script, no inline
handler, no request anywhere (offline by construction).

Everything from the article goes through the autoescaping environment of
:mod:`newsift.render.templating`, which also makes bidirectional controls visible.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files

from markupsafe import Markup

from newsift.model import Report
from newsift.render.pieces import article_pieces as article_pieces
from newsift.render.reportview import report_view
from newsift.render.templating import environment
from newsift.render.templating import make_environment as make_environment

#: The standalone page's policy; ``{style}`` and ``{script}`` are ``'sha256-…'`` sources.
CSP_TEMPLATE = (
    "default-src 'none'; style-src {style}; script-src {script}; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


@cache
def report_stylesheet() -> str:
    """The report view's stylesheet (the web page links it, the standalone page inlines it)."""
    return (files("newsift.render") / "templates" / "report.css").read_text("utf-8")


@cache
def report_script() -> str:
    """The report view's script (the web page links it, the standalone page inlines it)."""
    return (files("newsift.render") / "templates" / "report.js").read_text("utf-8")


def csp_hash(source: str) -> str:
    """``'sha256-…'``: the CSP source that allows exactly this inline style or script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (inline CSS and JS, no external URL)."""
    context = report_view(report)
    style = report_stylesheet() + "\n" + str(context["kind_css"]) + "\n"
    script = report_script()
    csp = CSP_TEMPLATE.format(style=csp_hash(style), script=csp_hash(script))
    return (
        environment()
        .get_template("report.html.j2")
        .render(**context, csp=Markup(csp), style=Markup(style), script=Markup(script))
    )
