"""The ``attribution`` analyzer: who is said to have said, claimed or believed what.

Modules, along the way a statement is found:

- :mod:`.component`: the ``newsift_attribution`` spaCy component and the summary;
- :mod:`.extract`: from a parsed Doc to its attributions (context, candidates, the best per
  content, split and continued quotes, source types);
- :mod:`.rules`: the rule table (each rule's name, precision and content) and one function
  per trigger; :mod:`.speakers` finds the source and :mod:`.complements` the content;
- :mod:`.context`: the per-document lookups the rules share;
- :mod:`.sources`: the source type of each speaker (names, pronouns, classify);
- :mod:`.lexicon`: the word lists (reporting verbs, nouns, titles).

The quotation scanner lives in :mod:`newsift.text.quotes`, below every analyzer.
"""

from __future__ import annotations

from newsift.analyzers.attribution.component import (
    DEFAULT_CONFIG,
    NAME,
    SOURCE_TYPES,
    VERSION,
    AttributionAnalyzer,
    attribution_fields,
    make_attribution_analyzer,
    summarize,
)
from newsift.analyzers.attribution.extract import (
    LEXICON_KEY,
    Attribution,
    doc_lexicon,
    extract_attributions,
)
from newsift.analyzers.attribution.rules import RULE_CONTENT, RULE_PRECISION
from newsift.text.quotes import QUOTE_CHARS, Quote, find_quotes

__all__ = [
    "DEFAULT_CONFIG",
    "LEXICON_KEY",
    "NAME",
    "QUOTE_CHARS",
    "RULE_CONTENT",
    "RULE_PRECISION",
    "SOURCE_TYPES",
    "VERSION",
    "Attribution",
    "AttributionAnalyzer",
    "Quote",
    "attribution_fields",
    "doc_lexicon",
    "extract_attributions",
    "find_quotes",
    "make_attribution_analyzer",
    "summarize",
]
