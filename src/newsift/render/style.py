"""One look per finding kind, shared by every renderer.

Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), chosen to
stay distinguishable under the common colour-vision deficiencies. Colour is never the only
carrier: each kind also has its own underline/border style, a terminal text attribute and
its name written in the legend, and every finding is numbered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class KindStyle:
    """How one kind of finding looks.

    Attributes:
        kind: The finding kind.
        colour: Okabe–Ito colour (hex) for backgrounds and borders.
        css: CSS declarations for a highlight, drawing the kind's own line style
            (``var(--kc)`` is the kind's colour).
        line: The line style in words, for the legend (``solid underline`` …).
        rich: The rich style of a highlight in the terminal.
    """

    kind: str
    colour: str
    css: str
    line: str
    rich: str


def _style(kind: str, colour: str, line: str, css: str, attrs: str) -> KindStyle:
    return KindStyle(kind, colour, css, line, f"{attrs} black on {colour}".strip())


KIND_STYLES: dict[str, KindStyle] = {
    s.kind: s
    for s in (
        _style(
            "attribution",
            "#0072B2",
            "solid underline",
            "border-bottom: 3px solid var(--kc)",
            "bold",
        ),
        _style(
            "technique",
            "#D55E00",
            "wavy underline",
            "text-decoration: underline wavy var(--kc) 2px; text-underline-offset: 4px",
            "italic underline",
        ),
        _style(
            "claim",
            "#E69F00",
            "double underline",
            "border-bottom: 4px double var(--kc)",
            "underline",
        ),
        _style("entity", "#56B4E9", "dotted underline", "border-bottom: 3px dotted var(--kc)", ""),
        _style(
            "place", "#009E73", "dashed underline", "border-bottom: 2px dashed var(--kc)", "italic"
        ),
        _style("time", "#CC79A7", "overline", "border-top: 2px solid var(--kc)", "overline"),
        _style("flag", "#F0E442", "dashed box", "outline: 2px dashed #000", "bold underline"),
    )
}
#: Kinds outside :data:`newsift.model.FINDING_KINDS` still render, in grey.
FALLBACK = _style(
    "other", "#999999", "thin underline", "border-bottom: 1px solid var(--kc)", "underline"
)


def kind_style(kind: str) -> KindStyle:
    """The style of ``kind``; unknown kinds get :data:`FALLBACK` (with their own name)."""
    style = KIND_STYLES.get(kind)
    if style is not None:
        return style
    return KindStyle(kind, FALLBACK.colour, FALLBACK.css, FALLBACK.line, FALLBACK.rich)


def kind_slug(kind: str) -> str:
    """A CSS-class-safe form of a kind name (``k-<slug>``)."""
    return re.sub(r"[^a-z0-9_-]", "-", kind.lower()) or "unknown"
