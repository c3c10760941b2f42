"""newsift on Spark: the same findings and copy network for millions of articles.

Public API::

    from newsift.spark import analyze_dataframe, copy_edges
    articles, findings = analyze_dataframe(df)     # df: id, text, [title, url, outlet, published]
    edges = copy_edges(articles)                   # the corpus's copy edges, at scale
    families = copy_origins(articles, edges)       # earliest source and tree per family
    network = copy_network(articles, edges)        # outlet -> outlet

Needs the ``spark`` extra (pyspark and Java 17: ``sh scripts/install-spark.sh``); see
docs/spark.md. The names are imported on first use, so ``newsift.spark.session`` can say
what is missing (E160) where pyspark is not installed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsift.spark.analyze import analyze_dataframe, run_analyze
    from newsift.spark.copies import copy_edges, copy_network, copy_origins, run_copies
    from newsift.spark.worker import AnalyzeOptions

_EXPORTS = {
    "AnalyzeOptions": "newsift.spark.worker",
    "analyze_dataframe": "newsift.spark.analyze",
    "run_analyze": "newsift.spark.analyze",
    "copy_edges": "newsift.spark.copies",
    "copy_network": "newsift.spark.copies",
    "copy_origins": "newsift.spark.copies",
    "run_copies": "newsift.spark.copies",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsift.spark' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "AnalyzeOptions",
    "analyze_dataframe",
    "copy_edges",
    "copy_network",
    "copy_origins",
    "run_analyze",
    "run_copies",
]
