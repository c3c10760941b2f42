"""The ``techniques`` analyzer: persuasion-technique spans, named and explained.

Modules: :mod:`.component` (the spaCy component, whose words a span is, the summary),
:mod:`.heads` (the technique model as loaded: token head, span head, thresholds),
:mod:`.model` (span decoding and span features, plain numpy, shared with training) and
:mod:`.glossary` (the 14 techniques, named and explained).
"""

from __future__ import annotations

from newsift.analyzers.techniques.component import (
    NAME,
    VERSION,
    TechniqueAnalyzer,
    labels_for,
    make_technique_analyzer,
    quoted_ranges,
    summarize,
    voice_of,
)
from newsift.analyzers.techniques.heads import (
    MODEL_DIR,
    MODEL_FILES,
    SpanPrediction,
    TechniqueModel,
    shared_model,
)

__all__ = [
    "MODEL_DIR",
    "MODEL_FILES",
    "NAME",
    "VERSION",
    "SpanPrediction",
    "TechniqueAnalyzer",
    "TechniqueModel",
    "labels_for",
    "make_technique_analyzer",
    "quoted_ranges",
    "shared_model",
    "summarize",
    "voice_of",
]
