"""The outlet network drawn as SVG, laid out in Python (no script, no library, no CDN).

:func:`layout` places the outlets deterministically: on a circle in name order first, then
a fixed number of force-directed steps (Fruchterman and Reingold, 1991: every pair repels,
linked outlets attract, the step shrinks each round) with no randomness, so the same
network is drawn the same way every time. :func:`network_svg` draws an arrow per copy
relation (from the outlet copied to the outlet that copied), wider for more copies,
labelled with the count and the median lag; every outlet and edge has a ``<title>``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from markupsafe import Markup, escape

from newsift.corpus.model import OutletEdge

#: Drawing size (SVG user units) and the margin kept free for labels.
WIDTH, HEIGHT, MARGIN = 760.0, 520.0, 90.0
#: Force-directed rounds.
ROUNDS = 150


def layout(outlets: Sequence[str], edges: Sequence[OutletEdge]) -> dict[str, tuple[float, float]]:
    """Positions of ``outlets`` inside the drawing, the same for the same input."""
    names = sorted(set(outlets))
    n = len(names)
    if n == 0:
        return {}
    if n == 1:
        return {names[0]: (WIDTH / 2, HEIGHT / 2)}
    angle = 2 * math.pi * np.arange(n) / n - math.pi / 2
    pos = np.column_stack([np.cos(angle), np.sin(angle)])
    index = {name: i for i, name in enumerate(names)}
    links = [
        (index[e.source_outlet], index[e.copy_outlet])
        for e in edges
        if e.source_outlet != e.copy_outlet
    ]
    k = math.sqrt(4.0 / n)  # ideal distance in a 2 x 2 square
    step = 0.2
    for _ in range(ROUNDS):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        force = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(axis=1)
        for i, j in links:
            pull = (pos[i] - pos[j]) * np.linalg.norm(pos[i] - pos[j]) / k
            force[i] -= pull
            force[j] += pull
        length = np.maximum(np.linalg.norm(force, axis=1), 1e-9)
        pos += force / length[:, None] * np.minimum(length, step)[:, None]
        step *= 0.97
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = np.where(high - low < 1e-9, 1.0, high - low)
    unit = (pos - low) / span
    xs = MARGIN + unit[:, 0] * (WIDTH - 2 * MARGIN)
    ys = MARGIN / 2 + unit[:, 1] * (HEIGHT - MARGIN)
    return {name: (round(float(xs[i]), 1), round(float(ys[i]), 1)) for name, i in index.items()}


def lag_label(seconds: float | None) -> str:
    """A short lag: ``45 s``, ``21 min``, ``5.2 h``, ``3.1 d``, ``unknown``."""
    if seconds is None:
        return "lag unknown"
    value = abs(seconds)
    sign = "-" if seconds < 0 else ""
    if value < 60:
        return f"{sign}{value:.0f} s"
    if value < 3600:
        return f"{sign}{value / 60:.0f} min"
    if value < 86400:
        return f"{sign}{value / 3600:.1f} h"
    return f"{sign}{value / 86400:.1f} d"


def _node_radius(name: str, edges: Sequence[OutletEdge]) -> float:
    copies = sum(e.copies for e in edges if name in (e.source_outlet, e.copy_outlet))
    return 7.0 + min(10.0, 2.0 * math.sqrt(copies))


#: Edges labelled on the drawing (the busiest; every edge keeps its hover title and its row
#: in the table beside the drawing).
MAX_LABELS = 40


def _edge(
    edge: OutletEdge, where: dict[str, tuple[float, float]], width: float, labelled: bool
) -> str:
    (x1, y1), (x2, y2) = where[edge.source_outlet], where[edge.copy_outlet]
    lag = lag_label(edge.median_lag_seconds)
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(edge.kinds.items()))
    title = escape(
        f"{edge.copy_outlet} copied {edge.source_outlet} {edge.copies} time(s); median lag "
        f"{lag}; {kinds}"
    )
    label = escape(f"{edge.copies} · {lag}")
    data = f'data-source="{escape(edge.source_outlet)}" data-copy="{escape(edge.copy_outlet)}"'
    if edge.source_outlet == edge.copy_outlet:  # republishing itself: a loop above the node
        path = f"M{x1 - 6:.1f},{y1 - 8:.1f} C{x1 - 30:.1f},{y1 - 50:.1f} {x1 + 30:.1f},"
        path += f"{y1 - 50:.1f} {x1 + 6:.1f},{y1 - 8:.1f}"
        lx, ly = x1, y1 - 44
    else:
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        # Bend to the left of the direction, so A→B and B→A stay apart.
        bend = min(40.0, length / 5)
        cx, cy = (x1 + x2) / 2 - uy * bend, (y1 + y2) / 2 + ux * bend
        sx, sy, ex, ey = x1 + ux * 16, y1 + uy * 16, x2 - ux * 20, y2 - uy * 20
        path = f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"
        lx, ly = (sx + 2 * cx + ex) / 4, (sy + 2 * cy + ey) / 4
    text = (
        f'<text class="net-edge-label" x="{lx:.1f}" y="{ly:.1f}" text-anchor="middle" '
        f'font-size="11" fill="#5a1d17" stroke="#fff" stroke-width="3" paint-order="stroke">'
        f"{label}</text>"
    )
    return (
        f'<g class="net-edge" {data}><path d="{path}" fill="none" stroke="#b03a2e" '
        f'stroke-opacity="0.75" stroke-width="{width:.1f}" marker-end="url(#net-arrow)">'
        f"<title>{title}</title></path>{text if labelled else ''}</g>"
    )


def network_svg(edges: Sequence[OutletEdge]) -> Markup:
    """The outlet network as one ``<svg>`` element (escaped; safe to put in a page)."""
    outlets = sorted({e.source_outlet for e in edges} | {e.copy_outlet for e in edges})
    where = layout(outlets, edges)
    most = max((e.copies for e in edges), default=1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="net" viewBox="0 0 {WIDTH:g} '
        f'{HEIGHT:g}" width="{WIDTH:g}" height="{HEIGHT:g}" role="img" '
        'aria-label="Outlet copy network: an arrow points from the outlet copied to the '
        'outlet that copied it">',
        '<defs><marker id="net-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="12" '
        'markerHeight="12" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M0,0L10,5L0,10z" fill="#b03a2e"/></marker></defs>',
    ]
    busiest = sorted(range(len(edges)), key=lambda i: (-edges[i].copies, i))[:MAX_LABELS]
    labelled = set(busiest)
    parts += [
        _edge(e, where, 1.0 + 5.0 * e.copies / most, i in labelled) for i, e in enumerate(edges)
    ]
    for name in outlets:
        x, y = where[name]
        radius = _node_radius(name, edges)
        below = y < HEIGHT - MARGIN / 2 - 1  # the bottom row is labelled above
        ty = y + radius + 15 if below else y - radius - 6
        parts.append(
            f'<g class="net-node" data-outlet="{escape(name)}"><circle cx="{x:.1f}" '
            f'cy="{y:.1f}" r="{radius:.1f}" fill="#1f4e79"><title>{escape(name)}</title>'
            f'</circle><text x="{x:.1f}" y="{ty:.1f}" text-anchor="middle" font-size="13" '
            f'font-weight="600" stroke="#fff" stroke-width="3" paint-order="stroke">'
            f"{escape(name)}</text></g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
