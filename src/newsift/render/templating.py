"""The Jinja2 environment every newsift page is rendered with (reports, the place map, web).

Everything from the article goes through Jinja2 autoescaping. On top of that every printed
value passes through :func:`finalize`, which writes bidirectional controls (U+202E …) as
visible ``⟨U+202E⟩`` text, so they can't reorder what a reader sees (in attributes and
the page title too); the ``visible`` filter shows them as badges in element content.

It sits below the renderers that use it (``html``, ``placemap``) so that neither imports
the other for it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

#: Bidi embedding/override/isolate controls, and the invisible marks.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_MARKS = re.compile("[\u200e\u200f\u061c]")


def _char_ref(match: re.Match[str]) -> str:
    return f"&#x{ord(match.group()):04X};"


def _shown(match: re.Match[str]) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"


def _badge(match: re.Match[str]) -> str:
    code = f"U+{ord(match.group()):04X}"
    return f'<span class="ctl" title="hidden control character {code}">{code}</span>'


def finalize(value: Any) -> Any:
    """Escape every printed value; bidi controls become visible text, marks references."""
    if isinstance(value, Markup):
        return value
    text = str(escape("" if value is None else value))
    return Markup(_MARKS.sub(_char_ref, _BIDI.sub(_shown, text)))


def visible(value: Any) -> Markup:
    """Escaped text with bidi controls shown as badges (for element content only)."""
    text = str(escape("" if value is None else value))
    return Markup(_MARKS.sub(_char_ref, _BIDI.sub(_badge, text)))


def make_environment(*templates: str) -> jinja2.Environment:
    """A Jinja2 environment over package template folders (the first that has a template
    wins): autoescaping on, undefined is an error, and the ``visible`` filter that shows
    invisible and direction characters."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.PackageLoader("newsift", t) for t in templates]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["visible"] = visible
    return env


@cache
def environment() -> jinja2.Environment:
    """The report templates' environment."""
    return make_environment("render/templates")
