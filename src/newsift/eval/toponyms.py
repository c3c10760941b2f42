"""Standard toponym measures for the ``places`` analyzer on real-news gold (LGL, GeoWebNews).

Gold: a test set in the ``newsift eval places`` format (``mentions`` with ``start``, ``end``,
``geonameid``), optionally with the corpus' own JSONL (``--points``: records with ``doc_id``
and ``toponyms`` carrying ``start``, ``end``, ``lat``, ``lon``, ``fcode``), which gives each
gold toponym its coordinates and GeoNames feature code. Without it, a gold toponym's point
and type come from the gazetteer by GeoNames id, where it has the id.

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

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsift.analyzers.places.gazetteer import Gazetteer
from newsift.errors import Errors, InputNotFoundError

#: Acc@161: 161 km is 100 miles, the distance the geoparsing literature scores at.
ACC_KM = 161.0
#: Mean Earth radius (km) for great-circle distances.
EARTH_RADIUS_KM = 6371.0088

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldPoint:
    """A gold toponym's coordinates and GeoNames feature code."""

    lat: float
    lon: float
    fcode: str


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def read_points(path: Path) -> dict[str, dict[Span, GoldPoint]]:
    """Gold points by article id and span from a corpus JSONL (``lgl.jsonl``, ``gwn.jsonl``).

    Raises:
        InputNotFoundError: No such file (E012).
    """
    if not path.is_file():
        raise InputNotFoundError(Errors.E012, source=str(path))
    points: dict[str, dict[Span, GoldPoint]] = {}
    # Split on newlines only: texts may hold U+2028 and other characters splitlines() breaks at.
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        record = json.loads(line)
        spans = points.setdefault(str(record["doc_id"]), {})
        for toponym in record.get("toponyms", []):
            if toponym.get("lat") is None or toponym.get("lon") is None:
                continue
            spans[int(toponym["start"]), int(toponym["end"])] = GoldPoint(
                float(toponym["lat"]), float(toponym["lon"]), str(toponym.get("fcode") or "")
            )
    return points


_TYPE_FCODES = {"country": "PCLI", "admin1": "ADM1", "admin2": "ADM2", "continent": "CONT"}


def _gold_point(
    article: str,
    span: Span,
    geonameid: int,
    points: Mapping[str, Mapping[Span, GoldPoint]] | None,
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


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def score_toponyms(
    articles: Sequence[Any],
    predictions: Sequence[Iterable[Mapping[str, Any]]],
    gazetteer: Gazetteer,
    points: Mapping[str, Mapping[Span, GoldPoint]] | None = None,
) -> dict[str, Any]:
    """The standard measures (see the module docstring) of predicted findings as dicts.

    ``articles`` are :class:`~newsift.eval.places.GoldArticle` records (``id``, ``mentions``
    with ``start``, ``end``, ``type``, ``geonameid``); only ``place`` mentions count.
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
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    mentions = sum(1 for a in articles for m in a.mentions if m.type == "place")
    return {
        "recognition": {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "predicted": predicted,
            "gold": gold_count,
        },
        "acc161": _ratio(within, with_point),
        "acc161_found": _ratio(found_within, found_with_point),
        "exact_id": _ratio(exact, mentions),
        "countries_acc161": _ratio(by_class["country"][1], by_class["country"][0]),
        "countries": by_class["country"][0],
        "admin1_acc161": _ratio(by_class["admin1"][1], by_class["admin1"][0]),
        "admin1": by_class["admin1"][0],
        "unknown_place_rate": _ratio(flagged, mentions),
        "toponyms": mentions,
        "with_point": with_point,
    }
