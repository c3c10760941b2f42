"""newsift on Spark: the same findings and copy network for millions of articles.

Public API::

    from newsift.spark import analyze_dataframe, copy_edges
    articles, findings = analyze_dataframe(df)     # df: id, text, [title, url, outlet, published]
    edges = copy_edges(articles)                   # the corpus's copy edges, at scale
    families = copy_origins(articles, edges)       # earliest source and tree per family
    network = copy_network(articles, edges)        # outlet -> outlet

Needs the ``spark`` extra (pyspark; ``sh scripts/install-spark.sh``). See docs/spark.md.
"""

from __future__ import annotations

from newsift.spark.analyze import analyze_dataframe, run_analyze
from newsift.spark.copies import copy_edges, copy_network, copy_origins, run_copies
from newsift.spark.worker import AnalyzeOptions

__all__ = [
    "AnalyzeOptions",
    "analyze_dataframe",
    "copy_edges",
    "copy_network",
    "copy_origins",
    "run_analyze",
    "run_copies",
]
