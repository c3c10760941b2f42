"""newsift's own place test set: fictional articles with their place mentions annotated.

The set (``places/places.jsonl`` under :data:`~newsift.eval.corpora.DATA_DIR`, built from
``articles.md`` next to it by :func:`build_fixture`) holds fictional articles we wrote, one
JSON object per line:
``{"id", "published", "text", "mentions": [{"start", "end", "text", "type", "geonameid"}]}``
where ``type`` is ``place`` (a real spelling or transliteration; ``geonameid`` is the place
meant) or ``misspelling`` (a name that exists nowhere; ``geonameid`` is the place meant).
``misspellings.jsonl`` (from ``misspellings.md``) is a second set in the same format: misspelt
villages and towns in lists, after motion verbs and next to the region they lie in.

Toponym corpora (GeoWebNews, LGL, GeoVirus: see ``../shared/data/places/*/FORMAT.md``) come in
their own JSONL, one article per line: ``{"doc_id", "text", "toponyms": [{"start", "end",
"text", "lat", "lon", "geonameid", "fcode"}]}``. :func:`read_fixture` reads that format too
(its toponyms with coordinates become ``place`` mentions), and :func:`read_points` reads the
gold coordinates and feature codes from it.

Lines are split on ``"\n"`` only: corpus texts hold U+2028 and other characters at which
``str.splitlines()`` would break a record in two.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsift.analyzers.places.gazetteer import Gazetteer, Place, load_gazetteer
from newsift.errors import Errors, InputNotFoundError, MalformedInputError
from newsift.eval.corpora import DATA_DIR

#: The bundled test set, inside the package.
DEFAULT_PATH = DATA_DIR / "places" / "places.jsonl"

_MARK = re.compile(r"\[\[([^\]|]+)\|([^\]]+)\]\]")


#: The marked-up sets next to the bundled one (source ``.md`` → built ``.jsonl``), rebuilt
#: by :func:`main`.
SOURCES: dict[str, str] = {"articles.md": "places.jsonl", "misspellings.md": "misspellings.jsonl"}

Span = tuple[int, int]


def default_fixture() -> Path:
    """The bundled test set (:data:`DEFAULT_PATH`)."""
    return DEFAULT_PATH


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
class GoldPoint:
    """A gold toponym's coordinates and GeoNames feature code (``""`` when the corpus has none)."""

    lat: float
    lon: float
    fcode: str


def _lines(path: Path) -> list[tuple[int, str]]:
    """The non-blank lines of ``path`` with their numbers, split on ``"\n"`` only.

    Raises:
        InputNotFoundError: No such file (E012).
    """
    if not path.is_file():
        raise InputNotFoundError(Errors.E012, source=str(path))
    lines = path.read_text(encoding="utf-8").split("\n")
    return [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]


def read_fixture(path: Path | None = None) -> list[GoldArticle]:
    """Read a test set (the bundled one by default), or a toponym corpus' own JSONL.

    Raises:
        InputNotFoundError: No such file (E012).
        MalformedInputError: A line is not JSON or not a well-formed record (E007).
    """
    path = path or DEFAULT_PATH
    articles = []
    for number, line in _lines(path):
        try:
            data = json.loads(line)
            if "toponyms" in data:
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
        except (ValueError, KeyError, TypeError) as exc:
            raise MalformedInputError(
                Errors.E007, source=str(path), line=number, detail=exc
            ) from exc
    return articles


def is_corpus_file(path: Path) -> bool:
    """Whether ``path`` is a toponym corpus' own JSONL (records with ``doc_id`` and ``toponyms``).

    Raises:
        InputNotFoundError: No such file (E012).
    """
    if not path.is_file():
        raise InputNotFoundError(Errors.E012, source=str(path))
    with path.open(encoding="utf-8") as handle:  # breaks at \n and \r only, never at U+2028
        first = handle.readline()
    return '"toponyms"' in first and '"doc_id"' in first


def _from_corpus(data: dict[str, Any]) -> GoldArticle:
    """A corpus record as a test-set article: its toponyms with coordinates, as places.

    A toponym without a GeoNames id gets id 0, which no place has: exact-id accuracy is
    then meaningless for that corpus, and Acc@161 (from the coordinates) is the measure.
    Toponyms the corpus marks ``offset_ok: false`` (their span is not their text) are left out.
    """
    mentions = tuple(
        GoldMention(
            int(t["start"]),
            int(t["end"]),
            str(t["text"]),
            "place",
            int(t.get("geonameid") or 0),
        )
        for t in data["toponyms"]
        if t.get("lat") is not None and t.get("offset_ok", True)
    )
    return GoldArticle(id=str(data["doc_id"]), published=None, text=data["text"], mentions=mentions)


def read_points(path: Path) -> dict[str, dict[Span, GoldPoint]]:
    """Gold points by article id and span from a corpus JSONL (``lgl.jsonl``, ``gwn.jsonl``).

    Toponyms without coordinates are left out.

    Raises:
        InputNotFoundError: No such file (E012).
        MalformedInputError: A line is not JSON or not a well-formed record (E007).
    """
    points: dict[str, dict[Span, GoldPoint]] = {}
    for number, line in _lines(path):
        try:
            record = json.loads(line)
            spans = points.setdefault(str(record["doc_id"]), {})
            for toponym in record.get("toponyms", []):
                if toponym.get("lat") is None or toponym.get("lon") is None:
                    continue
                spans[int(toponym["start"]), int(toponym["end"])] = GoldPoint(
                    float(toponym["lat"]),
                    float(toponym["lon"]),
                    str(toponym.get("fcode") or ""),
                )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise MalformedInputError(
                Errors.E007, source=str(path), line=number, detail=exc
            ) from exc
    return points


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


def main() -> None:
    """Rebuild every set of :data:`SOURCES` from its ``.md`` (run after editing one)."""
    folder = DEFAULT_PATH.parent
    for source, built in SOURCES.items():
        target = folder / built
        records = build_fixture((folder / source).read_text(encoding="utf-8"))
        with target.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count = sum(len(r["mentions"]) for r in records)
        print(f"wrote {len(records)} articles, {count} mentions to {target}")


if __name__ == "__main__":
    main()
