"""Source typing: one type per source (named person or organisation, anonymous, vague,
unknown), with the rule and lexicon entry that decided it.

:mod:`.names` finds named sources, :mod:`.pronouns` resolves pronouns, and
:func:`~.classify.classify_source` combines them into one decision.
"""

from __future__ import annotations

from newsift.analyzers.attribution.sources.classify import classify_source
from newsift.analyzers.attribution.sources.types import SourceDecision, SourceType

__all__ = ["SourceDecision", "SourceType", "classify_source"]
