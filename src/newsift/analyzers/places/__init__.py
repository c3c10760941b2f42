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

- *misspelt* names: a capitalised word used as a place (after a locative word, "the village
  of", before "region", or in a list a locative word opens: "from A, B and C") that no place
  has, within two edits (one for names under six letters) of a town in a first-level region
  the article names, or of a town of :data:`FUZZY_RECOVER_MIN_POPULATION`+ inhabitants in a
  country it names;
- ALL-CAPS datelines at a line start ("KYIV —", "LOS ANGELES (Reuters)"); demonym adjectives
  tagged NORP ("Russian troops": the country); organisations whose whole name is a country or
  continent ("the EU"); a country, region or big city by its own name at the start of an
  organisation's name ("the Texas Forest Service"); and, one sense per article, every other
  use of a name spaCy tagged as a place once.

Not places: the surname of a person named in full in the article and the name of an
organisation ("Joaquin Phoenix … Phoenix said", "Hamas"), and a name after a title
("President Buhari"), unless a locative word says place.

Readings (:func:`~.resolve.candidates_of`): a demonym reads as its country only; "Donetsk
Oblast" as the regions named "Donetsk"; a container word after the name ("the Donetsk
region", "Mato Grosso state") keeps the regions; a container after a comma ("Paris, Texas")
keeps the readings inside it; without "region" after it, a big city comes before the region
named after it ("Kharkiv").

Resolution (:func:`~.resolve.resolve_names`), for each distinct name, over its readings:
``score = log10(population) + 1.0*min(country votes, 2) + 1.0*min(admin1 votes, 2)``, less 1
when the entry's own name only extends the mention ("Oklahoma City" for "Oklahoma"). The
*votes* come from the article's other place names (a named region counts twice for the
places inside it) and, as half a vote, from the outlet's country (its web address): each
name votes first for the countries and first-level divisions of its prominent readings
(those within a tenth of its most populous one), then, in a second pass, only for its own
best reading, weighted by its confidence. So "Paris" next to "Texas" and "Dallas" is Paris,
Texas; "Paris" alone is Paris, France. Areas outrank towns of the same name by population
("England" the region, "Africa" the continent). The confidence (the finding's score) is the
winning reading's share of ``10**score`` over all readings; ``resolved`` when it is at least
:data:`RESOLVED_CONFIDENCE`, else ``ambiguous`` (best reading given, others suggested).

Names not in the gazetteer are ``unresolved``; suggestions are the nearest names by
Damerau-Levenshtein distance, ranked by where the article points (a town in a region it
names, then in a country it names), then distance, then population, with their admin1 names.
Such a name is also flagged ``unknown_place`` only when it is used as a place (a locative),
is one word of five or more letters, not a demonym, and its nearest suggestion is a town in a
country the article names and, when the article names regions of that country, in one of
them. Any other missing name stays ``unresolved``: a real place the gazetteer lacks.

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
