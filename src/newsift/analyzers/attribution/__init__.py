"""The ``attribution`` analyzer: who is said to have said, claimed or believed what.

Modules, along the way a statement is found:

- :mod:`.component`: the ``newsift_attribution`` spaCy component and the summary;
- :mod:`.extract`: from a parsed Doc to its attributions (context, candidates, the best per
  content, split and continued quotes, source types);
- :mod:`.table`: the rule table (each rule's name, precision and content reason), which the
  score, the evidence and the docs read;
- :mod:`.rules`: what a token can start, one function per trigger; :mod:`.verbs` the
  reporting-verb rules, :mod:`.colons` the surface rules around colons and headlines;
  :mod:`.speakers` finds the source and :mod:`.complements` the content;
- :mod:`.context`: the per-document lookups the rules share;
- :mod:`.sources`: the source type of each speaker (names, pronouns, nouns, classify);
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
from newsift.analyzers.attribution.table import RULE_CONTENT, RULE_PRECISION, RULES, Rule
from newsift.text.quotes import QUOTE_CHARS, Quote, find_quotes

__all__ = [
    "DEFAULT_CONFIG",
    "LEXICON_KEY",
    "NAME",
    "QUOTE_CHARS",
    "RULES",
    "RULE_CONTENT",
    "RULE_PRECISION",
    "SOURCE_TYPES",
    "VERSION",
    "Attribution",
    "AttributionAnalyzer",
    "Quote",
    "Rule",
    "attribution_fields",
    "doc_lexicon",
    "extract_attributions",
    "find_quotes",
    "make_attribution_analyzer",
    "summarize",
]
