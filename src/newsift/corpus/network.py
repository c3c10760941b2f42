"""The outlet network: who copies whom, how often, how fast, and how.

Public API::

    outlet_network(articles, edges) -> list[OutletEdge]
    write_csv(outlet_edges, stream)        # one row per outlet edge
    write_graphml(outlet_edges, stream)    # GraphML for Gephi, yEd, networkx

Only determined (``forward``) copy edges between articles with known outlets count;
an outlet copying its own articles is kept (a self-loop: republishing). ``median_lag_seconds``
is the median of ``copy.published - source.published`` over the edges where both are known.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from newsift.corpus.direction import lag_seconds
from newsift.corpus.model import COPY_KINDS, CopyEdge, CorpusArticle, OutletEdge

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

CSV_COLUMNS = ("source_outlet", "copy_outlet", "copies", "median_lag_seconds", "kinds")


def outlet_network(
    articles: Sequence[CorpusArticle], edges: Sequence[CopyEdge]
) -> list[OutletEdge]:
    """Aggregate article copy edges into outlet → outlet edges, sorted by count then names."""
    by_id = {a.id: a for a in articles}
    counts: Counter[tuple[str, str]] = Counter()
    lags: dict[tuple[str, str], list[float]] = defaultdict(list)
    kinds: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for e in edges:
        if e.direction != "forward":
            continue
        src, cp = by_id.get(e.source), by_id.get(e.copy)
        if src is None or cp is None or not src.outlet or not cp.outlet:
            continue
        key = (src.outlet, cp.outlet)
        counts[key] += 1
        kinds[key][e.kind] += 1
        lag = lag_seconds(src, cp)
        if lag is not None:
            lags[key].append(lag)
    out = [
        OutletEdge(
            source_outlet=s,
            copy_outlet=c,
            copies=n,
            median_lag_seconds=statistics.median(lags[(s, c)]) if lags[(s, c)] else None,
            kinds={k: kinds[(s, c)][k] for k in COPY_KINDS if kinds[(s, c)][k]},
        )
        for (s, c), n in counts.items()
    ]
    return sorted(out, key=lambda o: (-o.copies, o.source_outlet, o.copy_outlet))


def write_csv(outlet_edges: Sequence[OutletEdge], stream: TextIO) -> None:
    """Write one CSV row per outlet edge; ``kinds`` as a JSON object."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for o in outlet_edges:
        lag = "" if o.median_lag_seconds is None else f"{o.median_lag_seconds:g}"
        writer.writerow(
            [o.source_outlet, o.copy_outlet, o.copies, lag, json.dumps(o.kinds, sort_keys=True)]
        )


def _xml_text(value: str) -> str:
    """Escaped text with the characters XML 1.0 forbids removed."""
    return escape(_XML_INVALID.sub("", value))


def write_graphml(outlet_edges: Sequence[OutletEdge], stream: TextIO) -> None:
    """Write a directed GraphML graph: outlets as nodes, copy relations as weighted edges.

    Edge data: ``copies`` (int, also the ``weight``), ``median_lag_seconds`` (double, absent
    when unknown) and one ``kind_<kind>`` count per copy kind.
    """
    outlets = sorted(
        {o.source_outlet for o in outlet_edges} | {o.copy_outlet for o in outlet_edges}
    )
    w = stream.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    w('  <key id="label" for="node" attr.name="label" attr.type="string"/>\n')
    w('  <key id="copies" for="edge" attr.name="copies" attr.type="int"/>\n')
    w('  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n')
    w('  <key id="lag" for="edge" attr.name="median_lag_seconds" attr.type="double"/>\n')
    for kind in COPY_KINDS:
        w(f'  <key id="kind_{kind}" for="edge" attr.name="kind_{kind}" attr.type="int"/>\n')
    w('  <graph id="outlets" edgedefault="directed">\n')
    index = {name: f"n{i}" for i, name in enumerate(outlets)}
    for name in outlets:
        w(f'    <node id="{index[name]}"><data key="label">{_xml_text(name)}</data></node>\n')
    for i, o in enumerate(outlet_edges):
        w(
            f'    <edge id="e{i}" source={quoteattr(index[o.source_outlet])} '
            f"target={quoteattr(index[o.copy_outlet])}>"
        )
        w(f'<data key="copies">{o.copies}</data><data key="weight">{o.copies}</data>')
        if o.median_lag_seconds is not None:
            w(f'<data key="lag">{o.median_lag_seconds:g}</data>')
        for name, n in sorted(o.kinds.items()):
            w(f'<data key="kind_{name}">{n}</data>')
        w("</edge>\n")
    w("  </graph>\n</graphml>\n")
