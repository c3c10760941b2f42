"""Place names resolved against the gazetteer, with votes from the other places of the
article, and suggestions for names no place has.

See :mod:`newsift.analyzers.places` for the scoring.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz

from newsift.analyzers.places.demonyms import demonym_place
from newsift.analyzers.places.gazetteer import AREA_TYPES, Gazetteer, Place

PlaceLabel = Literal["resolved", "ambiguous", "unresolved"]
#: Endings of demonyms and language names ("Ukrainian", "Chinese"), never unknown places.
DEMONYM_ENDINGS: tuple[str, ...] = ("ian", "ians", "ean", "eans", "ese", "ish", "ic", "i")
#: Least confidence for the label ``resolved``.
RESOLVED_CONFIDENCE = 0.7
#: Weights of the context votes (see the module docstring).
COUNTRY_WEIGHT = 1.0
ADMIN1_WEIGHT = 1.0
#: Penalty (log10 units) for a reading whose own name only extends the mention ("Oklahoma"
#: is an alternate name of Oklahoma City, but the state is meant).
LONGER_NAME_PENALTY = 1.0
#: Penalty (log10 units) for a town that has the name only as an alternate one: a small
#: town once called "Washington" (Watervliet, New York) is not what "Washington" means,
#: even in a story that names New York.
ALTERNATE_NAME_PENALTY = 1.0
#: Most candidates of one name considered (the most populous).
MAX_CANDIDATES = 50
#: Most country votes counted for a reading (log10 units: 2 outweighs a place 100 times
#: bigger abroad: "Dublin" in an Ohio story that names other Ohio towns).
COUNTRY_VOTE_CAP = 2
#: Votes of a named first-level region for the places inside it ("Paris" in a story that
#: names Illinois), against one from a town that merely lies there.
NAMED_REGION_WEIGHT = 2
#: Least population of a city that is meant before the region named like it ("Kharkiv").
CAPITAL_MIN_POPULATION = 100_000
#: Weight of the outlet's country (from its web address) among the context votes.
OUTLET_WEIGHT = 0.5
#: Words that end an area's name ("Donetsk Oblast", "Mato Grosso State"): looked up without.
AREA_SUFFIXES: tuple[str, ...] = (
    " Oblast",
    " oblast",
    " Region",
    " region",
    " Province",
    " province",
    " State",
    " state",
    " Governorate",
    " Prefecture",
    " Krai",
    " Raion",
)


@dataclass(frozen=True)
class Hint:
    """What the article's words say about a name, over all its mentions."""

    area: bool = False  #: a container word follows ("the Donetsk region")
    container: str | None = None  #: the name after a comma ("Paris, Texas")
    locative: bool = False  #: a locative word precedes or a container word follows


def candidates_of(name: str, gazetteer: Gazetteer, hint: Hint | None = None) -> list[Place]:
    """The readings of a name: demonyms their country, area suffixes stripped, containers kept.

    - a demonym ("Ukrainian") reads as its country only, never as a town;
    - "Donetsk Oblast" not in the gazetteer reads as the areas named "Donetsk";
    - with a container word after the name, areas come first ("Mato Grosso state");
    - with a container after a comma ("Paris, Texas"), the readings inside it, when any.
    """
    demonym = demonym_place(name)
    if demonym is not None:
        if demonym.startswith("name:"):
            found = [p for p in gazetteer.lookup(demonym[5:]) if p.type in AREA_TYPES]
        else:
            country = gazetteer.region(demonym)
            found = [country] if country else []
        return found[:1]
    candidates = gazetteer.lookup(name)[:MAX_CANDIDATES]
    if not candidates and name.isupper() and len(name) > 4:  # "CHARLESTON, W.Va."
        candidates = gazetteer.lookup(name.title())[:MAX_CANDIDATES]
    if not candidates:
        for suffix in AREA_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 2:
                stem = gazetteer.lookup(name[: -len(suffix)])
                candidates = [p for p in stem if p.type in AREA_TYPES and p.type != "country"]
                break
    if hint is None or not hint.area:
        candidates = _capital_before_region(candidates)
    if hint is None:
        return candidates
    if hint.area:
        areas = [p for p in candidates if p.type in ("admin1", "admin2")]
        candidates = areas or candidates
    if hint.container:
        inside = [p for p in candidates if _inside(p, hint.container, gazetteer)]
        candidates = inside or candidates
    return candidates


def _capital_before_region(candidates: list[Place]) -> list[Place]:
    """Without "region" after it, "Kharkiv" is the city, not the oblast named after it.

    A first-level region outside the US that holds a city of the same name and of at least
    :data:`CAPITAL_MIN_POPULATION` inhabitants is dropped ("Mato Grosso" stays the state:
    the town that shares an alternate name with it is small). US states keep their own
    rule: "New York" and "Washington" weigh by population.
    """
    cities = {
        (p.country, p.admin1_code)
        for p in candidates
        if p.type == "city" and p.population >= CAPITAL_MIN_POPULATION
    }
    return [
        p
        for p in candidates
        if not (p.type == "admin1" and p.country != "US" and (p.country, p.admin1_code) in cities)
    ]


def _inside(place: Place, container: str, gazetteer: Gazetteer) -> bool:
    """Whether ``place`` lies in a country or region named ``container``."""
    for area in gazetteer.lookup(container):
        if area.type == "country" and place.country == area.country and place is not area:
            return True
        if (
            area.type == "admin1"
            and place.country == area.country
            and place.admin1_code == area.admin1_code
            and place.type not in ("admin1", "country")
        ):
            return True
        if (
            area.type == "admin2"
            and place.country == area.country
            and (place.admin1_code == area.admin1_code and place.type == "city")
        ):
            return True
    return False


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
            "id_source": self.place.id_source,
            "type": self.place.type,
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


def _prominent(candidates: Sequence[Place]) -> list[Place]:
    """Readings of a name within a tenth of its most populous one."""
    if not candidates:
        return []
    top = max(p.population for p in candidates)
    return [p for p in candidates if p.population * 10 >= top]


def resolve_names(
    names: Iterable[str],
    gazetteer: Gazetteer,
    hints: Mapping[str, Hint] | None = None,
    outlet_country: str | None = None,
) -> dict[str, Resolution]:
    """Resolve every distinct name of an article, each in the context of the others.

    ``hints`` say what the words around each name tell (see :class:`Hint`);
    ``outlet_country`` (ISO code of the publishing outlet, when known) is a weak extra vote.

    Two passes: first every other name votes for the countries and admin1 regions of all
    its prominent readings; then each votes only for its first-pass best reading, weighted
    by that reading's confidence (so "Birmingham" in a British story stops voting for
    Alabama once London and Glasgow have made it British).
    """
    distinct = list(dict.fromkeys(names))
    hints = hints or {}
    candidates = {name: candidates_of(name, gazetteer, hints.get(name)) for name in distinct}
    votes: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]] = {}
    for name in distinct:
        countries: Counter[str] = Counter()
        admins: Counter[tuple[str, str]] = Counter()
        prominent = _prominent(candidates[name])
        for country in {p.country for p in prominent}:
            countries[country] += 1
        for admin in {(p.country, p.admin1_code) for p in prominent if p.admin1_code}:
            admins[admin] += 1
        for p in prominent:
            if p.type == "admin1":  # the region itself is named: its towns are meant
                admins[p.country, p.admin1_code] += NAMED_REGION_WEIGHT - 1
        votes[name] = (countries, admins)
    outlet = {outlet_country: OUTLET_WEIGHT} if outlet_country else {}
    first = _resolve_with(distinct, candidates, votes, gazetteer, hints, outlet)
    second_votes: dict[str, tuple[Mapping[str, float], Mapping[tuple[str, str], float]]] = {}
    for name in distinct:
        best = first[name].place
        weight = first[name].confidence
        second_votes[name] = (
            {best.country: weight} if best else {},
            {
                (best.country, best.admin1_code): weight
                * (NAMED_REGION_WEIGHT if best.type == "admin1" else 1)
            }
            if best and best.admin1_code
            else {},
        )
    return _resolve_with(distinct, candidates, second_votes, gazetteer, hints, outlet)


def _resolve_with(
    distinct: Sequence[str],
    candidates: Mapping[str, Sequence[Place]],
    votes: Mapping[str, tuple[Mapping[str, float], Mapping[tuple[str, str], float]]],
    gazetteer: Gazetteer,
    hints: Mapping[str, Hint],
    outlet: Mapping[str, float],
) -> dict[str, Resolution]:
    results: dict[str, Resolution] = {}
    all_countries = {c for name in distinct for c in votes[name][0]}
    for name in distinct:
        country_votes: dict[str, float] = defaultdict(float, outlet)
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
            hint=hints.get(name),
            context_admins={a for other in distinct if other != name for a in votes[other][1]},
            named_regions={
                (p.country, p.admin1_code)
                for other in distinct
                if other != name
                for p in candidates[other][:1]
                if p.type == "admin1"
            },
        )
    return results


def candidate_score(
    place: Place,
    name: str,
    country_votes: Mapping[str, float],
    admin_votes: Mapping[tuple[str, str], float],
    *,
    alternate_only: bool = False,
) -> float:
    """A reading's score: log population plus capped context votes, less
    :data:`ALTERNATE_NAME_PENALTY` for a town that bears the name only as an alternate
    one while another town bears it as its own (``alternate_only``)."""
    score = math.log10(max(place.population, 1))
    score += COUNTRY_WEIGHT * min(country_votes.get(place.country, 0), COUNTRY_VOTE_CAP)
    if name and place.name != name and place.name.startswith(name + " "):
        score -= LONGER_NAME_PENALTY
    elif alternate_only:
        score -= ALTERNATE_NAME_PENALTY
    if place.admin1_code:
        score += ADMIN1_WEIGHT * min(admin_votes.get((place.country, place.admin1_code), 0), 2)
    return score


def _plain(name: str) -> str:
    """A name without accents, case or punctuation ("Brasília" and "BRASILIA" agree)."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if c.isalnum() or c == " ")
    return " ".join(letters.casefold().split())


def resolve_one(
    name: str,
    candidates: Sequence[Place],
    country_votes: Mapping[str, float],
    admin_votes: Mapping[tuple[str, str], float],
    context_countries: set[str],
    gazetteer: Gazetteer,
    *,
    has_context: bool,
    hint: Hint | None = None,
    context_admins: set[tuple[str, str]] | None = None,
    named_regions: set[tuple[str, str]] | None = None,
) -> Resolution:
    """Resolve one name given its readings and the votes of the article's other places."""
    if not candidates:
        admins = context_admins or set()
        suggestions = suggest(name, gazetteer, context_countries, context_admins=admins)
        unknown = _unknown_place(
            name,
            suggestions,
            context_countries,
            named_regions or set(),
            locative=hint is not None and hint.locative,
        )
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
    own = {_plain(name)}
    has_own_town = any(p.type == "city" and _plain(p.name) in own for p in candidates)
    scored = sorted(
        (
            (
                candidate_score(
                    p,
                    name,
                    country_votes,
                    admin_votes,
                    alternate_only=has_own_town and p.type == "city" and _plain(p.name) not in own,
                ),
                p,
            )
            for p in candidates
        ),
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
    name: str,
    gazetteer: Gazetteer,
    context_countries: set[str],
    limit: int = 3,
    context_admins: set[tuple[str, str]] | None = None,
) -> tuple[Suggestion, ...]:
    """Up to ``limit`` known places with a close name, best first.

    Ranked by where the article points (a place in a first-level region it names, then in
    a country it names, then elsewhere), then by edit distance, then by population.
    """
    admins = context_admins or set()
    if len(name) < 4:
        return ()
    max_distance = 2 if len(name) >= 6 else 1
    seen: set[int] = set()
    ranked: list[tuple[tuple[int, int, int, int], Suggestion]] = []
    close = gazetteer.similar(name, max_distance=max_distance, countries=context_countries)
    for matched, place, distance in close:
        if place.geonameid in seen:
            continue
        seen.add(place.geonameid)
        similarity = fuzz.ratio(name, matched) / 100.0
        where = (
            0
            if (place.country, place.admin1_code) in admins and place.type == "city"
            else 1
            if place.country in context_countries
            else 2
        )
        key = (where, distance, -place.population, place.geonameid)
        ranked.append((key, Suggestion(place, matched, similarity, distance)))
    ranked.sort(key=lambda item: item[0])
    return tuple(s for _, s in ranked[:limit])


def _unknown_place(
    name: str,
    suggestions: Sequence[Suggestion],
    context_countries: set[str],
    named_regions: set[tuple[str, str]],
    *,
    locative: bool,
) -> Suggestion | None:
    """The close entry that makes ``name`` look like a misspelt place, if the evidence says so.

    Only for a single capitalised word used as a place ("in Avdeevkka", "near X"), not a
    demonym, whose nearest entry is a town or village where the article points: in a
    first-level region it names when it names one in that country, else in a country it
    names. Any other name missing from the gazetteer stays ``unresolved``.
    """
    if not locative or not suggestions or len(name) < 5 or not name[:1].isupper():
        return None
    if name.endswith(DEMONYM_ENDINGS) or " " in name or demonym_place(name) is not None:
        return None
    best = suggestions[0]
    if best.place.type != "city" or best.place.country not in context_countries:
        return None
    regions = {code for country, code in named_regions if country == best.place.country}
    if regions and best.place.admin1_code not in regions:
        return None
    return best
