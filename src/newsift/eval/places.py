"""Score the ``places`` analyzer on a hand-written test set of place mentions.

The set (``tests/fixtures/places/places.jsonl``, built from ``articles.md`` next to it by
:func:`build_fixture`) holds fictional articles we wrote, one JSON object per line:
``{"id", "published", "text", "mentions": [{"start", "end", "text", "type", "geonameid"}]}``
where ``type`` is ``place`` (a real spelling or transliteration; ``geonameid`` is the place
meant) or ``misspelling`` (a name that exists nowhere; ``geonameid`` is the place meant).

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

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsift.analyzers.places import resolve_names
from newsift.analyzers.places.gazetteer import Gazetteer, Place, load_gazetteer
from newsift.errors import Errors, InputNotFoundError
from newsift.eval.toponyms import read_points, score_toponyms

#: The targets the issue sets: metric name → least score.
TARGETS: dict[str, float] = {"resolution_accuracy": 0.90, "suggestion_hit_rate": 0.85}

_MARK = re.compile(r"\[\[([^\]|]+)\|([^\]]+)\]\]")


def default_fixture() -> Path:
    """The bundled test set: ``tests/fixtures/places/places.jsonl`` of the source tree."""
    return Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "places" / "places.jsonl"


@dataclass(frozen=True)
class GoldMention:
    """One annotated mention."""

    start: int
    end: int
    text: str
    type: str  #: ``place`` or ``misspelling``
    geonameid: int


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article."""

    id: str
    published: str | None
    text: str
    mentions: tuple[GoldMention, ...]


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
    toponyms: dict[str, Any] = field(default_factory=dict)  #: :mod:`newsift.eval.toponyms`

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
            "toponyms": self.toponyms,
            "targets": TARGETS,
            "errors": self.errors,
        }

    def failures(self) -> list[str]:
        """Metrics below their target."""
        return [name for name, floor in TARGETS.items() if getattr(self, name) < floor]


def read_fixture(path: Path | None = None) -> list[GoldArticle]:
    """Read a test set (the bundled one by default).

    Raises:
        InputNotFoundError: No such file (E012).
    """
    path = path or default_fixture()
    if not path.is_file():
        raise InputNotFoundError(Errors.E012, source=str(path))
    articles = []
    # Split on newlines only: texts may hold U+2028 and other characters splitlines() breaks at.
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        data = json.loads(line)
        if "toponyms" in data:  # a corpus' own JSONL (GeoVirus): toponyms with coordinates
            articles.append(_from_corpus(data))
            continue
        articles.append(
            GoldArticle(
                id=data["id"],
                published=data.get("published"),
                text=data["text"],
                mentions=tuple(GoldMention(**m) for m in data["mentions"]),
            )
        )
    return articles


def is_corpus_file(path: Path) -> bool:
    """Whether ``path`` is a corpus' own JSONL (records with ``doc_id`` and ``toponyms``)."""
    with path.open(encoding="utf-8") as handle:
        first = handle.readline()
    return '"toponyms"' in first and '"doc_id"' in first


def _from_corpus(data: dict[str, Any]) -> GoldArticle:
    """A corpus record as a test-set article: its toponyms with coordinates, as places.

    A toponym without a GeoNames id gets id 0, which no place has: exact-id accuracy is
    then meaningless for that corpus, and Acc@161 (from the coordinates) is the measure.
    """
    mentions = tuple(
        GoldMention(
            int(t["start"]),
            int(t["end"]),
            t["text"],
            "place",
            int(t.get("geonameid") or 0),
        )
        for t in data["toponyms"]
        if t.get("lat") is not None and t.get("offset_ok", True)
    )
    return GoldArticle(id=str(data["doc_id"]), published=None, text=data["text"], mentions=mentions)


def _gold_place(spec: str, gazetteer: Gazetteer) -> tuple[str, Place]:
    kind, _, target = spec.partition(":")
    if kind in ("country", "state"):
        region = gazetteer.region(*(("US", target) if kind == "state" else (target, "")))
        found = [region] if region else []
    else:
        name, _, where = target.partition("@")
        country, _, admin1 = where.partition("/")
        found = [
            p
            for p in gazetteer.lookup(name)
            if p.type == "city"
            and p.name == name
            and p.country == country
            and (not admin1 or p.admin1_code == admin1)
        ]
    if not found:
        raise ValueError(f"no gazetteer entry for {spec!r}")
    return ("misspelling" if kind == "typo" else "place"), found[0]


def build_fixture(markdown: str, gazetteer: Gazetteer | None = None) -> list[dict[str, Any]]:
    """Turn the marked-up articles (``articles.md``) into test-set records.

    Markup: ``[[text|spec]]`` with spec ``country:CC``, ``state:XX``, ``city:Name@CC[/A1]``,
    ``typo:Name@CC[/A1]`` or ``skip`` (text kept, not annotated). Lines starting with ``#``
    are comments, except ``# published: YYYY-MM-DD``; articles are separated by ``---``.
    """
    gazetteer = gazetteer or load_gazetteer()
    records = []
    for number, block in enumerate(markdown.split("\n---\n"), start=1):
        published = None
        body_lines = []
        for line in block.strip().splitlines():
            if line.startswith("# published:"):
                published = line.split(":", 1)[1].strip()
            elif not line.startswith("#"):
                body_lines.append(line)
        body = "\n".join(body_lines).strip()
        text_parts: list[str] = []
        mentions: list[dict[str, Any]] = []
        position = 0
        length = 0
        for match in _MARK.finditer(body):
            plain = body[position : match.start()]
            text_parts.append(plain)
            length += len(plain)
            surface, spec = match[1], match[2]
            if spec != "skip":
                kind, place = _gold_place(spec, gazetteer)
                if kind == "misspelling" and gazetteer.has_name(surface):
                    raise ValueError(f"{surface!r} is a real name, not a misspelling")
                mentions.append(
                    {
                        "start": length,
                        "end": length + len(surface),
                        "text": surface,
                        "type": kind,
                        "geonameid": place.geonameid,
                    }
                )
            text_parts.append(surface)
            length += len(surface)
            position = match.end()
        text_parts.append(body[position:])
        records.append(
            {
                "id": f"places-{number:02d}",
                "published": published,
                "text": "".join(text_parts),
                "mentions": mentions,
            }
        )
    return records


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
        resolution_accuracy=resolved_ok / places if places else 0.0,
        suggestion_hit_rate=hits / misspellings if misspellings else 0.0,
        suggestion_first_rate=firsts / misspellings if misspellings else 0.0,
        flag_rate=flagged / misspellings if misspellings else 0.0,
        detection_recall=detected / (places + misspellings) if places + misspellings else 0.0,
        oracle_resolution_accuracy=oracle_ok / places if places else 0.0,
        oracle_suggestion_hit_rate=oracle_hits / misspellings if misspellings else 0.0,
        places=places,
        misspellings=misspellings,
        errors=errors,
    )


def evaluate_places(
    path: Path | None = None, pipeline: Any | None = None, points: Path | None = None
) -> PlaceScores:
    """Run the ``places`` analyzer over a test set and score it (``newsift eval places``).

    Args:
        path: A test set in the format above; the bundled one by default.
        pipeline: A :class:`~newsift.pipeline.Pipeline` with the places analyzer; the
            default spaCy model with ``newsift_places`` is loaded when omitted.
        points: The corpus' own JSONL with gold coordinates and feature codes (see
            :func:`newsift.eval.toponyms.read_points`); else gold points come from the
            gazetteer by GeoNames id.

    Raises:
        InputNotFoundError: No such file (E012).
    """
    import newsift.analyzers.places  # noqa: F401  (registers the factory)
    from newsift.findings import doc_to_findings
    from newsift.pipeline import load_spacy

    articles = read_fixture(path)
    if pipeline is not None:
        nlp = pipeline.nlp
    else:
        nlp = load_spacy()
        nlp.add_pipe("newsift_places", name="newsift_places")
    predictions = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc.user_data["newsift.published"] = article.published
        for _, component in nlp.pipeline:
            doc = component(doc)
        predictions.append([f.to_dict() for f in doc_to_findings(doc) if f.analyzer == "places"])
    scores = score_places(articles, predictions)
    if points is None and path is not None and is_corpus_file(path):
        points = path
    gold_points = read_points(points) if points is not None else None
    measures = score_toponyms(articles, predictions, load_gazetteer(), gold_points)
    return replace(scores, toponyms=measures)


#: The marked-up sets next to the bundled one, rebuilt by :func:`main`: the main set and
#: the misspelling set (``newsift eval places tests/fixtures/places/misspellings.jsonl``).
SOURCES: tuple[str, ...] = ("articles", "misspellings")


def main() -> None:
    """Rebuild ``places.jsonl`` and ``misspellings.jsonl`` from their ``.md`` (after editing)."""
    folder = default_fixture().parent
    for source in SOURCES:
        target = folder / ("places.jsonl" if source == "articles" else f"{source}.jsonl")
        records = build_fixture((folder / f"{source}.md").read_text(encoding="utf-8"))
        with target.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count = sum(len(r["mentions"]) for r in records)
        print(f"wrote {len(records)} articles, {count} mentions to {target}")


if __name__ == "__main__":
    main()
