"""Standard toponym measures for the ``places`` analyzer on real-news gold (LGL, GeoWebNews).

Gold: the articles of a test set (:mod:`newsift.eval.corpora.places`: ``mentions`` with
``start``, ``end``, ``geonameid``), optionally with gold points read from the corpus' own JSONL
(:func:`~newsift.eval.corpora.places.read_points`: each gold toponym's coordinates and
GeoNames feature code). Without them, a gold toponym's point and type come from the gazetteer
by GeoNames id, where it has the id. Nothing here reads a file or prints.

Measures (:func:`score_toponyms`):

- **Recognition** precision, recall and F1: a predicted ``place`` finding is right when its
  span is exactly a gold toponym's span (strict match; gold sets that leave toponyms out,
  as LGL's ``newsift_places.jsonl`` leaves out the ones without a GeoNames id, understate
  precision).
- **Acc@161**: over gold toponyms with a point, the share whose finding (same span) is
  resolved within 161 km (100 miles) of it; a toponym without a finding, or unresolved,
  counts as a miss (end to end). ``acc161_found`` is the same over found toponyms only,
  the convention of the GeoWebNews paper.
- **Exact id**: the share of gold toponyms resolved to the gold GeoNames id.
- **Countries** and **first-level regions**: Acc@161 over gold toponyms whose feature code is
  a country (``PCL*``) or a first-level division (``ADM1``), found ones only: it measures
  resolution, not recognition.
- **unknown_place rate**: the share of gold toponyms carrying an ``unknown_place`` flag
  (every one is a real place, so every flag is wrong).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsift.analyzers.places.gazetteer import Gazetteer
from newsift.eval.corpora.places import GoldArticle, GoldPoint, Span
from newsift.eval.metrics import Prf, ratio

#: Acc@161: 161 km is 100 miles, the distance the geoparsing literature scores at.
ACC_KM = 161.0
#: Mean Earth radius (km) for great-circle distances.
EARTH_RADIUS_KM = 6371.0088

#: Gold points per article id and span.
Points = Mapping[str, Mapping[Span, GoldPoint]]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class ToponymScores:
    """The standard measures (see the module docstring), with the counts behind them.

    Attributes:
        recognition: Strict-span recognition P/R/F1 of ``place`` findings.
        acc161: Share of gold toponyms with a point resolved within 161 km (end to end).
        acc161_found: The same over found toponyms only.
        exact_id: Share of gold toponyms resolved to the gold GeoNames id.
        countries_acc161: Acc@161 over found country toponyms.
        countries: How many found country toponyms.
        admin1_acc161: Acc@161 over found first-level-region toponyms.
        admin1: How many found first-level-region toponyms.
        unknown_place_rate: Share of gold toponyms flagged ``unknown_place``.
        toponyms: Gold ``place`` mentions.
        with_point: Gold toponyms with a point.
    """

    recognition: Prf
    acc161: float
    acc161_found: float
    exact_id: float
    countries_acc161: float
    countries: int
    admin1_acc161: float
    admin1: int
    unknown_place_rate: float
    toponyms: int
    with_point: int

    def to_dict(self) -> dict[str, Any]:
        r = self.recognition
        return {
            "recognition": {
                "precision": round(r.precision, 4),
                "recall": round(r.recall, 4),
                "f1": round(r.f1, 4),
                "predicted": int(r.predicted),
                "gold": int(r.gold),
            },
            "acc161": round(self.acc161, 4),
            "acc161_found": round(self.acc161_found, 4),
            "exact_id": round(self.exact_id, 4),
            "countries_acc161": round(self.countries_acc161, 4),
            "countries": self.countries,
            "admin1_acc161": round(self.admin1_acc161, 4),
            "admin1": self.admin1,
            "unknown_place_rate": round(self.unknown_place_rate, 4),
            "toponyms": self.toponyms,
            "with_point": self.with_point,
        }


_TYPE_FCODES = {"country": "PCLI", "admin1": "ADM1", "admin2": "ADM2", "continent": "CONT"}


def _gold_point(
    article: str,
    span: Span,
    geonameid: int,
    points: Points | None,
    gazetteer: Gazetteer,
) -> GoldPoint | None:
    if points is not None:
        found = points.get(article, {}).get(span)
        if found is not None:
            if not found.fcode and geonameid in gazetteer:  # a corpus without feature codes
                kind = gazetteer.place(geonameid).type
                return GoldPoint(found.lat, found.lon, _TYPE_FCODES.get(kind, "PPL"))
            return found
    if geonameid in gazetteer:
        place = gazetteer.place(geonameid)
        return GoldPoint(place.lat, place.lon, _TYPE_FCODES.get(place.type, "PPL"))
    return None


def score_toponyms(
    articles: Sequence[GoldArticle],
    predictions: Sequence[Iterable[Mapping[str, Any]]],
    gazetteer: Gazetteer,
    points: Points | None = None,
) -> ToponymScores:
    """The standard measures (see the module docstring) of predicted findings as dicts.

    Only ``place`` mentions of ``articles`` count.
    """
    predicted = true_positive = gold_count = 0
    with_point = within = found_with_point = found_within = exact = flagged = 0
    by_class = {"country": [0, 0], "admin1": [0, 0]}  # [found, within 161 km]
    for article, findings in zip(articles, predictions, strict=True):
        places: dict[Span, Mapping[str, Any]] = {}
        flags: set[Span] = set()
        for f in findings:
            if f["kind"] == "place":
                places[f["start"], f["end"]] = f
            elif f["kind"] == "flag" and f["label"] == "unknown_place":
                flags.add((f["start"], f["end"]))
        gold = [m for m in article.mentions if m.type == "place"]
        gold_spans = {(m.start, m.end) for m in gold}
        predicted += len(places)
        true_positive += len(gold_spans & set(places))
        gold_count += len(gold_spans)
        for m in gold:
            span = (m.start, m.end)
            finding = places.get(span)
            resolution = (finding or {}).get("resolution") or {}
            flagged += span in flags
            exact += resolution.get("geonameid") == m.geonameid
            point = _gold_point(str(article.id), span, m.geonameid, points, gazetteer)
            if point is None:
                continue
            with_point += 1
            close = bool(resolution) and (
                distance_km(point.lat, point.lon, resolution["lat"], resolution["lon"]) <= ACC_KM
            )
            within += close
            if finding is not None:
                found_with_point += 1
                found_within += close
                kind = (
                    "country"
                    if point.fcode.startswith("PCL")
                    else "admin1"
                    if point.fcode == "ADM1"
                    else None
                )
                if kind is not None:
                    by_class[kind][0] += 1
                    by_class[kind][1] += close
    mentions = sum(1 for a in articles for m in a.mentions if m.type == "place")
    return ToponymScores(
        recognition=Prf.from_counts(true_positive, predicted, gold_count),
        acc161=ratio(within, with_point),
        acc161_found=ratio(found_within, found_with_point),
        exact_id=ratio(exact, mentions),
        countries_acc161=ratio(by_class["country"][1], by_class["country"][0]),
        countries=by_class["country"][0],
        admin1_acc161=ratio(by_class["admin1"][1], by_class["admin1"][0]),
        admin1=by_class["admin1"][0],
        unknown_place_rate=ratio(flagged, mentions),
        toponyms=mentions,
        with_point=with_point,
    )
