"""Score the ``places`` analyzer on a hand-written test set of place mentions.

The set is read by :mod:`newsift.eval.corpora.places`.

Metrics (what :func:`score_places` computes):

- **Resolution accuracy**: over ``place`` mentions, the share whose finding (the place
  finding with the same start and end) resolves to the gold ``geonameid``. A mention
  without a finding counts as wrong (end to end: spaCy's NER included).
- **Suggestion hit rate**: over ``misspelling`` mentions, the share whose finding lists the
  gold place among its first three ``suggestions``.
- **Suggestion first rate**: over ``misspelling`` mentions, the share whose first suggestion
  is the gold place (the suggestions are ranked by the region the article names).
- **Flag rate**: over ``misspelling`` mentions, the share with an ``unknown_place`` flag.
- **Detection recall**: gold mentions of either type with a place finding at their span.
- **Oracle** variants of the first two: the same, resolving the gold mention names with
  :func:`~newsift.analyzers.places.resolve_names` (no spaCy: isolates the gazetteer).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsift.analyzers.places import resolve_names
from newsift.analyzers.places.gazetteer import Gazetteer, load_gazetteer
from newsift.eval.corpora.places import GoldArticle
from newsift.eval.metrics import ratio
from newsift.eval.toponyms import ToponymScores

#: The targets set for the places analyzer: metric name → least score.
TARGETS: dict[str, float] = {"resolution_accuracy": 0.90, "suggestion_hit_rate": 0.85}


@dataclass(frozen=True)
class PlaceScores:
    """The scores, with the counts behind them and the errors, for reading."""

    resolution_accuracy: float
    suggestion_hit_rate: float
    suggestion_first_rate: float
    flag_rate: float
    detection_recall: float
    oracle_resolution_accuracy: float
    oracle_suggestion_hit_rate: float
    places: int
    misspellings: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    toponyms: ToponymScores | None = None  #: the standard measures (:mod:`~newsift.eval.toponyms`)

    def to_dict(self) -> dict[str, Any]:
        return {
            "resolution_accuracy": round(self.resolution_accuracy, 4),
            "suggestion_hit_rate": round(self.suggestion_hit_rate, 4),
            "suggestion_first_rate": round(self.suggestion_first_rate, 4),
            "flag_rate": round(self.flag_rate, 4),
            "detection_recall": round(self.detection_recall, 4),
            "oracle_resolution_accuracy": round(self.oracle_resolution_accuracy, 4),
            "oracle_suggestion_hit_rate": round(self.oracle_suggestion_hit_rate, 4),
            "places": self.places,
            "misspellings": self.misspellings,
            "toponyms": self.toponyms.to_dict() if self.toponyms is not None else {},
            "targets": TARGETS,
            "errors": self.errors,
        }

    def failures(self) -> list[str]:
        """Metrics below their target, among those the set measures (a set of misspellings
        alone has no resolution accuracy, a toponym corpus no suggestion hit rate)."""
        measured = {"resolution_accuracy": self.places, "suggestion_hit_rate": self.misspellings}
        return [
            name
            for name, floor in TARGETS.items()
            if measured.get(name, 1) and getattr(self, name) < floor
        ]


def score_places(
    articles: Sequence[GoldArticle],
    predictions: Sequence[Iterable[Mapping[str, Any]]],
    gazetteer: Gazetteer | None = None,
) -> PlaceScores:
    """Score predicted findings (as dicts, one list per article) against the gold mentions."""
    gazetteer = gazetteer or load_gazetteer()
    places = misspellings = resolved_ok = hits = firsts = flagged = detected = 0
    oracle_ok = oracle_hits = 0
    errors: list[dict[str, Any]] = []
    for article, findings in zip(articles, predictions, strict=True):
        by_span: dict[tuple[int, int], Mapping[str, Any]] = {}
        flags: set[tuple[int, int]] = set()
        for f in findings:
            if f["kind"] == "place":
                by_span[f["start"], f["end"]] = f
            elif f["kind"] == "flag" and f["label"] == "unknown_place":
                flags.add((f["start"], f["end"]))
        oracle = resolve_names((m.text for m in article.mentions), gazetteer)
        for m in article.mentions:
            finding = by_span.get((m.start, m.end))
            detected += finding is not None
            resolution = (finding or {}).get("resolution") or {}
            suggested = [s["geonameid"] for s in (finding or {}).get("suggestions", [])[:3]]
            o = oracle[m.text]
            if m.type == "place":
                places += 1
                ok = resolution.get("geonameid") == m.geonameid
                resolved_ok += ok
                oracle_ok += o.place is not None and o.place.geonameid == m.geonameid
                if not ok:
                    errors.append(
                        {
                            "article": article.id,
                            "text": m.text,
                            "gold": m.geonameid,
                            "found": resolution.get("geonameid") if finding else "no finding",
                        }
                    )
            else:
                misspellings += 1
                hit = m.geonameid in suggested
                hits += hit
                firsts += suggested[:1] == [m.geonameid]
                flagged += (m.start, m.end) in flags
                oracle_hits += m.geonameid in [s.place.geonameid for s in o.suggestions[:3]]
                if not hit:
                    errors.append(
                        {
                            "article": article.id,
                            "text": m.text,
                            "gold": m.geonameid,
                            "suggested": suggested if finding else "no finding",
                        }
                    )
    return PlaceScores(
        resolution_accuracy=ratio(resolved_ok, places),
        suggestion_hit_rate=ratio(hits, misspellings),
        suggestion_first_rate=ratio(firsts, misspellings),
        flag_rate=ratio(flagged, misspellings),
        detection_recall=ratio(detected, places + misspellings),
        oracle_resolution_accuracy=ratio(oracle_ok, places),
        oracle_suggestion_hit_rate=ratio(oracle_hits, misspellings),
        places=places,
        misspellings=misspellings,
        errors=errors,
    )
