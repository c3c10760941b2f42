"""The ``places`` analyzer: where an article points, and place names that exist nowhere.

Mentions (:func:`~.mentions.find_mentions`):

- spaCy ``GPE``, ``LOC`` and ``FAC`` entities, without a leading "the" or a trailing
  possessive (the span is trimmed too, so "the United States's" gives "United States");
- *recovered* names the small English model mislabels (it tags "Bakhmut" as ORG,
  "Avdiivka" or "Kherson" as PERSON in some sentences). A window of one to five tokens
  ("Bakhmut", "Kryvyi Rih", "Rostov-on-Don") that is capitalised at both ends, not inside a
  GPE/LOC/FAC entity, not the start of a sentence, not next to another capitalised proper
  noun ("Paris Hilton", "Kyiv Post"), not after a title (:data:`TITLES`), not a common word
  or first name (:data:`COMMON_WORDS`), not inside a multi-token entity with a preposition
  or article ("Bank of Odesa"), and whose text is exactly a gazetteer name. It is kept when

  * it is a country, a US state or a place of :data:`RECOVER_MIN_POPULATION`+ inhabitants,
    by that place's own name, or by an alternate name after a locative word
    (:data:`LOCATIVES`: "near", "in", "occupied" …) or in a list with a known place
    ("Google" is an alternate name of Topeka, and stays a company); or
  * after a locative word or in a list with a known place, it names a place of
    :data:`LOCATIVE_MIN_POPULATION`+ inhabitants in a country the article's places are in;

- *misspelt* names: a capitalised proper noun after a locative word that no place has, but
  that is within two edits (one for names under six letters) of a place of
  :data:`FUZZY_RECOVER_MIN_POPULATION`+ inhabitants in a country the article's places are in.

Resolution (:func:`~.resolve.resolve_names`), for each distinct name, over every gazetteer entry of
that name: ``score = log10(population) + 1.0*min(country votes, 2) + 1.0*min(admin1
votes, 2)``, less 1 when the entry's own name only extends the mention ("Oklahoma City"
for "Oklahoma"). The *votes* come from the article's other place names: each votes first
for the countries and first-level divisions of its prominent readings (those within a tenth
of its most populous one), then, in a second pass, only for its own best reading, weighted
by its confidence. So "Paris" next to "Texas" and "Dallas" is Paris, Texas; "Paris" alone
is Paris, France. The confidence (the finding's score) is the winning reading's share of
``10**score`` over all readings; ``resolved`` when it is at least
:data:`RESOLVED_CONFIDENCE`, else ``ambiguous`` (best reading given, others suggested).

Names not in the gazetteer are ``unresolved``; suggestions are the nearest names by
Damerau-Levenshtein distance, ranked by distance, then by being in a country the article
mentions, then population. Such a name is also flagged ``unknown_place`` when it is a
GPE/LOC entity or a misspelt name found as above, five or more letters, not a demonym
("Ukrainian"), and its nearest suggestion is not a country and lies in a country the
article's other places are in (or, when the article has no other place, is one edit away
and has 100,000+ inhabitants).

Modules: :mod:`.mentions` (finding the names), :mod:`.resolve` (scoring and suggestions),
:mod:`.gazetteer` (the index, read-only at run time; built by :mod:`newsift.train.gazetteer`)
and :mod:`.component` (the spaCy component and the summary).
"""

from __future__ import annotations

from newsift.analyzers.places.component import (
    NAME,
    VERSION,
    PlaceAnalyzer,
    make_place_analyzer,
    summarize,
)
from newsift.analyzers.places.mentions import Mention, find_mentions, trim_name
from newsift.analyzers.places.resolve import Resolution, Suggestion, resolve_names, suggest

__all__ = [
    "NAME",
    "VERSION",
    "Mention",
    "PlaceAnalyzer",
    "Resolution",
    "Suggestion",
    "find_mentions",
    "make_place_analyzer",
    "resolve_names",
    "suggest",
    "summarize",
    "trim_name",
]
