"""The outlet network drawn as SVG: a deterministic layout inside the drawing, escaped names."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from newsift.corpus.model import OutletEdge
from newsift.corpus.network_svg import HEIGHT, MAX_LABELS, WIDTH, layout, network_svg


def outlet_edge(source: str, copy: str, copies: int = 1) -> OutletEdge:
    return OutletEdge(source, copy, copies, 60.0 * copies, {"verbatim": copies})


names = st.text(min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(names, names, st.integers(1, 9)), min_size=1, max_size=12))
def test_layout_is_deterministic_and_inside_the_drawing(
    pairs: list[tuple[str, str, int]],
) -> None:
    edges = [outlet_edge(a, b, n) for a, b, n in pairs]
    outlets = sorted({a for a, _, _ in pairs} | {b for _, b, _ in pairs})
    where = layout(outlets, edges)
    assert where == layout(list(reversed(outlets)), edges)  # input order does not matter
    assert set(where) == set(outlets)
    for x, y in where.values():
        assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT
    if len(outlets) > 1:
        closest = min(math.dist(where[a], where[b]) for a, b in itertools.combinations(outlets, 2))
        assert closest > 1.0  # no two outlets drawn on one spot


def test_svg_is_well_formed_and_escapes_names() -> None:
    edges = [outlet_edge("<Wire & Co>", 'Farm "1"', 3), outlet_edge('Farm "1"', 'Farm "1"')]
    svg = str(network_svg(edges))
    root = ET.fromstring(svg)  # well-formed XML
    nodes = root.findall(".//{http://www.w3.org/2000/svg}g[@class='net-node']")
    assert sorted(n.get("data-outlet") for n in nodes) == ["<Wire & Co>", 'Farm "1"']
    assert "<Wire" not in svg and "&lt;Wire &amp; Co&gt;" in svg
    assert "3 · 3 min" in svg  # count and median lag on the edge


def test_only_the_busiest_edges_are_labelled() -> None:
    edges = [outlet_edge(f"s{i}", f"c{i}", copies=i + 1) for i in range(MAX_LABELS + 5)]
    svg = str(network_svg(edges))
    assert svg.count('class="net-edge-label"') == MAX_LABELS
    assert svg.count("<title>") == len(edges) + 2 * len(edges)  # every edge and outlet titled
