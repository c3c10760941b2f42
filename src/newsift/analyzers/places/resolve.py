"""Place names resolved against the gazetteer, with votes from the other places of the
article, and suggestions for names no place has.

See :mod:`newsift.analyzers.places` for the scoring.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz

from newsift.analyzers.places.gazetteer import (
    Gazetteer,
    Place,
)

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
#: Most candidates of one name considered (the most populous).
MAX_CANDIDATES = 50


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
