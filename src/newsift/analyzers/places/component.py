"""The ``newsift_places`` spaCy component: mentions, resolutions and flags as findings.

See :mod:`newsift.analyzers.places` for the rules.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsift.analyzers.base import Analyzer, finding_span, spacy_model_info
from newsift.analyzers.places.gazetteer import (
    load_gazetteer,
)
from newsift.analyzers.places.mentions import find_mentions
from newsift.analyzers.places.resolve import Hint, resolve_names
from newsift.model import Finding, ModelInfo

NAME = "places"
VERSION = "2.1.0"
#: ``doc.user_data`` key of the article's web address (set by the pipeline when known).
URL_KEY = "newsift.url"
#: Country-code top-level domains used as generic ones; they say nothing of the outlet.
GENERIC_TLDS: frozenset[str] = frozenset(["co", "io", "tv", "me", "fm", "ai", "ly", "cc", "ws"])


def outlet_country(url: object) -> str | None:
    """ISO code of the outlet's country from its web address (``.co.uk`` → ``GB``), if any."""
    if not isinstance(url, str) or "://" not in url:
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
    tld = host.rsplit(".", 1)[-1]
    if len(tld) != 2 or not tld.isalpha() or tld in GENERIC_TLDS:
        return None
    return "GB" if tld == "uk" else tld.upper()


class PlaceAnalyzer(Analyzer):
    """Writes ``place`` (and ``unknown_place`` flag) findings to ``doc.spans["newsift.places"]``."""

    analyzer_name = NAME
    version = VERSION

    def __init__(self, nlp: Language, name: str) -> None:
        self.gazetteer = load_gazetteer()
        super().__init__(
            name, [spacy_model_info(nlp), ModelInfo("gazetteer", self.gazetteer.version)]
        )

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_mentions(doc, self.gazetteer)
        hints: dict[str, Hint] = {}
        for m in mentions:
            old = hints.get(m.name, Hint())
            hints[m.name] = Hint(
                area=old.area or m.area,
                container=old.container or m.container,
                locative=old.locative or m.locative,
            )
        resolutions = resolve_names(
            (m.name for m in mentions),
            self.gazetteer,
            hints,
            outlet_country(doc.user_data.get(URL_KEY)),
        )
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
            if unknown is not None and mention.locative:
                flag = finding_span(
                    doc,
                    mention.start,
                    mention.end,
                    label="unknown_place",
                    kind="flag",
                    score=round(unknown.similarity, 3),
                    evidence={
                        "gazetteer": self.gazetteer.version,
                        "rule": "a name used as a place that no place has; a town in the "
                        "region the article points at is within two edits",
                        "close_entry": f"{unknown.matched} ({unknown.place.name}, "
                        f"geonameid {unknown.place.geonameid}, {unknown.place.country}), "
                        f"{unknown.distance} edit{'s' if unknown.distance > 1 else ''}",
                        "score_is": "rapidfuzz ratio of the name and the close entry",
                    },
                    fields={"suggestion": unknown.to_dict()},
                )
                spans.append(flag)
        self.set_findings(doc, spans)
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
