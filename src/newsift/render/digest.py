"""What a report says at a glance, as plain data: sourcing, sources, claims, places, dates,
techniques. Computed from a report's findings (so a ``--min-score`` filter applies to every
section), read by the terminal, Markdown and HTML reports (through :mod:`~newsift.render.prose`
and :mod:`~newsift.render.reportview`) and the tables.

Fields that newer analyzers add (``polarity``, ``stance``, ``via``, ``source.category``,
``sourcing.left_out``) are read with ``.get``, so reports without them still digest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsift.analyzers.sourcing import NAMED_TYPES, profiled
from newsift.model import Finding, Report
from newsift.render.words import field

#: Source types in the order the sourcing profile lists them.
SOURCE_TYPE_ORDER = ("named_person", "named_organization", "anonymous", "vague", "unknown")
_DURATION = re.compile(r"^P(\d+(?:\.\d+)?)([DWMY])$")
_DURATION_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_REFS = {
    "FUTURE_REF": "some time to come",
    "PAST_REF": "some time in the past",
    "PRESENT_REF": "now",
}


def kept(findings: Iterable[Finding], min_score: float = 0.0) -> list[Finding]:
    """The findings scoring at least ``min_score`` (all of them at 0)."""
    return [f for f in findings if min_score <= 0 or _score(f) >= min_score]


def _score(finding: Finding) -> float:
    score = finding.score
    return float(score) if isinstance(score, int | float) else 0.0


@dataclass(frozen=True)
class Sourcing:
    """The sourcing profile: attributions per source type and the named share.

    Attributes:
        counts: Attributions per source type (every type of :data:`SOURCE_TYPE_ORDER`).
        named_share: Named attributions over all (0.0 without any).
        left_out: Attributions the analyzer left out of the profile, per reason.
    """

    counts: dict[str, int]
    named_share: float
    left_out: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def sourcing(report: Report, findings: Sequence[Finding], filtered: bool) -> Sourcing | None:
    """The sourcing profile: the summary's, unless ``filtered`` (then counted from
    ``findings`` by the rules the summary itself uses,
    :func:`newsift.analyzers.sourcing.profiled`: only asserted statements with a resolved
    source count, the rest are left out by reason); ``None`` when the attribution analyzer
    did not run."""
    profile = report.summary.get("sourcing")
    if not isinstance(profile, Mapping):
        return None
    raw = profile.get("counts")
    if not filtered and isinstance(raw, Mapping):
        counts = {str(k): v for k, v in raw.items() if isinstance(v, int)}
        left_out = _left_out(profile.get("left_out"))
    else:
        counted = profiled(findings)
        counts = dict(Counter(str(f.label) for f in counted.counted))
        left_out = _left_out(counted.left_out)
    counts = {t: counts.get(t, 0) for t in SOURCE_TYPE_ORDER} | counts
    total = sum(counts.values())
    named = sum(n for t, n in counts.items() if t in NAMED_TYPES)
    return Sourcing(counts, named / total if total else 0.0, left_out)


def _left_out(value: object) -> dict[str, int]:
    """``sourcing.left_out`` as reason → count, whether given as a mapping or a number (then
    under the reason ``""``: not given)."""
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items() if isinstance(v, int) and v}
    if isinstance(value, int) and not isinstance(value, bool) and value:
        return {"": value}
    return {}


@dataclass(frozen=True)
class Source:
    """One source of an article and the attributions citing it.

    Attributes:
        name: The source as the article first names it (or as resolved).
        type: Source type key (``named_person`` …); ``unknown`` for an unresolved speaker.
        category: The source's category, when the analyzer gives one.
        citations: Attributions citing it.
        start: Start offset of its first mention (``None`` when it has no span).
        end: End offset of its first mention.
        finding_ids: The ids of the attributions citing it.
    """

    name: str
    type: str
    category: str | None
    citations: int
    start: int | None
    end: int | None
    finding_ids: tuple[str, ...]


def sources(findings: Iterable[Finding]) -> list[Source]:
    """The distinct sources, most cited first. Grouped as the sourcing profile groups them:
    by resolved name, else what a pronoun refers to, else the lowercased text."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        if f.kind != "attribution":
            continue
        source = f.fields.get("source")
        text = field(source, "text")
        key = field(source, "resolved") or field(f.evidence, "source_refers_to") or text
        groups.setdefault(str(key or "").lower() if key else "", []).append(f)
    out = []
    for key, group in groups.items():
        first = group[0]
        source = first.fields.get("source")
        start, end = field(source, "start"), field(source, "end")
        name = field(source, "resolved") or field(source, "text") or ""
        out.append(
            Source(
                name=str(name) if key else "",
                type=str(first.label),
                category=_text_or_none(field(source, "category")),
                citations=len(group),
                start=start if isinstance(start, int) else None,
                end=end if isinstance(end, int) else None,
                finding_ids=tuple(f.id for f in group),
            )
        )
    return sorted(out, key=lambda s: (-s.citations, s.name.lower()))


def _text_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def claims(findings: Iterable[Finding]) -> list[Finding]:
    """Claim findings, highest score first (reading order among equals)."""
    return sorted(
        (f for f in findings if f.kind == "claim"), key=lambda f: (-_score(f), f.start, f.end)
    )


@dataclass(frozen=True)
class Place:
    """One place, however often it is mentioned.

    Attributes:
        name: The gazetteer's name when resolved, else the words of its first mention.
        label: The label of its first mention (``resolved``, ``ambiguous`` …).
        country: ISO country code, when resolved.
        lat: Latitude, when resolved.
        lon: Longitude, when resolved.
        geonameid: GeoNames id, when resolved.
        mentions: How often it is mentioned.
    """

    name: str
    label: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    mentions: int


def resolution(finding: Finding) -> Mapping[str, Any]:
    """A place finding's gazetteer entry (empty when unresolved)."""
    value = finding.fields.get("resolution")
    return value if isinstance(value, Mapping) else {}


def places(findings: Iterable[Finding]) -> list[Place]:
    """Places, most mentioned first, grouped by GeoNames id (else by their words)."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        if f.kind == "place":
            entry = resolution(f)
            key = str(entry.get("geonameid") or f.text.lower())
            groups.setdefault(key, []).append(f)
    out = []
    for group in groups.values():
        entry = resolution(group[0])
        out.append(
            Place(
                name=str(entry.get("name") or group[0].text),
                label=str(group[0].label),
                country=_text_or_none(entry.get("country")),
                lat=_number(entry.get("lat")),
                lon=_number(entry.get("lon")),
                geonameid=_integer(entry.get("geonameid")),
                mentions=len(group),
            )
        )
    return sorted(out, key=lambda p: (-p.mentions, p.name.lower()))


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _integer(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def time_value(finding: Finding) -> str | None:
    """A time finding's normalised value (TIMEX3: ``2024-12-11``, ``P3W``), if any."""
    return _text_or_none(finding.fields.get("value"))


def dates(findings: Iterable[Finding]) -> list[Finding]:
    """Time findings: calendar values in time order first, then the rest in reading order."""
    times = [f for f in findings if f.kind == "time"]
    dated = sorted(
        (f for f in times if (time_value(f) or "")[:1].isdigit()),
        key=lambda f: (time_value(f) or "", f.start),
    )
    return dated + [f for f in times if f not in dated]


def describe_time_value(value: str | None) -> str:
    """A TIMEX3 value in words where that helps: ``P3W`` → ``3 weeks``, ``2024-WI`` →
    ``winter 2024``, ``FUTURE_REF`` → ``some time to come``; calendar dates stay as they are."""
    if not value:
        return "not normalised"
    match = _DURATION.match(value)
    if match:
        amount, unit = match.groups()
        word = _DURATION_UNITS[unit] + ("" if amount == "1" else "s")
        return f"{amount} {word}"
    year, _, season = value.partition("-")
    if season in _SEASONS and year.isdigit():
        return f"{_SEASONS[season]} {year}"
    if year == "XXXX":  # no publication date to resolve it against
        return f"{value} (year not known)"
    return _REFS.get(value, value)


@dataclass(frozen=True)
class Technique:
    """One persuasion technique and how often the article uses it.

    Attributes:
        label: The technique's key (PTC class).
        name: Its name in words.
        count: Findings of it.
        quoted: How many of them are in quoted speech (not the writer's own voice).
        explanation: What the technique does, from the analyzer.
        best: The highest score among its findings.
    """

    label: str
    name: str
    count: int
    quoted: int
    explanation: str
    best: float


def techniques(findings: Iterable[Finding]) -> list[Technique]:
    """Techniques used, most frequent first."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        if f.kind == "technique":
            groups.setdefault(str(f.label), []).append(f)
    out = []
    for label, group in groups.items():
        evidence = group[0].evidence
        out.append(
            Technique(
                label=label,
                name=str(field(evidence, "technique") or label.replace("_", " ")),
                count=len(group),
                quoted=sum(1 for f in group if f.fields.get("voice") == "quoted"),
                explanation=str(field(evidence, "explanation") or ""),
                best=max(_score(f) for f in group),
            )
        )
    return sorted(out, key=lambda t: (-t.count, -t.best, t.name))


def word_count(text: str) -> int:
    """Words in a text (runs of letters or digits)."""
    return len(re.findall(r"\w+", text))


__all__ = [
    "Place",
    "Source",
    "Sourcing",
    "Technique",
    "claims",
    "dates",
    "describe_time_value",
    "kept",
    "places",
    "resolution",
    "sources",
    "sourcing",
    "techniques",
    "time_value",
    "word_count",
]
