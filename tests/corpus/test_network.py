"""The outlet network and its CSV and GraphML exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

from newsift.corpus.model import CopyEdge, CorpusArticle, Passage
from newsift.corpus.network import outlet_network, write_csv, write_graphml

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def art(id: str, outlet: str | None, minutes: float | None) -> CorpusArticle:
    when = None if minutes is None else T0 + dt.timedelta(minutes=minutes)
    return CorpusArticle(id=id, text="x", outlet=outlet, published=when)


def edge(source: str, copy: str, kind: str = "verbatim", direction: str = "forward") -> CopyEdge:
    return CopyEdge(
        source=source,
        copy=copy,
        kind=kind,  # type: ignore[arg-type]
        containment_source=1.0,
        containment_copy=1.0,
        passages=(Passage(0, 1, 0, 1),),
        direction=direction,  # type: ignore[arg-type]
        direction_reason="timestamps",
        score=1.0,
    )


ARTICLES = [
    art("w1", "Coast Wire", 0),
    art("w2", "Coast Wire", 0),
    art("w3", "Coast Wire", None),
    art("f1", "Farm & <Daily>", 10),
    art("f2", "Farm & <Daily>", 30),
    art("f3", "Farm & <Daily>", 5),
    art("s1", "State TV", 60),
    art("n1", None, 0),
]
EDGES = [
    edge("w1", "f1"),
    edge("w2", "f2", "excerpt"),
    edge("w3", "f3", "rewrite"),  # no lag: w3 undated
    edge("w1", "s1", "rewrite"),
    edge("w2", "s1", "rewrite", direction="undetermined"),  # not counted
    edge("w1", "n1"),  # no outlet: not counted
]


def test_outlet_edges_count_lag_and_kinds() -> None:
    net = outlet_network(ARTICLES, EDGES)
    assert [(o.source_outlet, o.copy_outlet, o.copies) for o in net] == [
        ("Coast Wire", "Farm & <Daily>", 3),
        ("Coast Wire", "State TV", 1),
    ]
    farm = net[0]
    assert farm.median_lag_seconds == 20 * 60  # median of 10 and 30 minutes
    assert farm.kinds == {"verbatim": 1, "rewrite": 1, "excerpt": 1}
    assert net[1].median_lag_seconds == 3600


def test_csv_rows() -> None:
    out = io.StringIO()
    write_csv(outlet_network(ARTICLES, EDGES), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["source_outlet"] == "Coast Wire"
    assert rows[0]["copies"] == "3"
    assert rows[0]["median_lag_seconds"] == "1200"
    assert json.loads(rows[0]["kinds"]) == {"excerpt": 1, "rewrite": 1, "verbatim": 1}


def test_graphml_is_valid_xml_with_escaped_names() -> None:
    out = io.StringIO()
    net = outlet_network(ARTICLES, EDGES) + outlet_network(
        [art("a", "Bad\x01Name", 0), art("b", "Coast Wire", 5)], [edge("a", "b")]
    )
    write_graphml(net, out)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(out.getvalue())
    labels = sorted(n.find("g:data", ns).text or "" for n in root.iter(f"{{{ns['g']}}}node"))  # type: ignore[union-attr]
    assert labels == ["BadName", "Coast Wire", "Farm & <Daily>", "State TV"]
    edges = list(root.iter(f"{{{ns['g']}}}edge"))
    assert len(edges) == 3
    data = {d.get("key"): d.text for d in edges[0]}
    assert data["copies"] == "3"
    assert data["kind_excerpt"] == "1"
    assert data["lag"] == "1200"


def test_empty_network() -> None:
    assert outlet_network([], []) == []
    out = io.StringIO()
    write_graphml([], out)
    assert ET.fromstring(out.getvalue()).tag.endswith("graphml")
