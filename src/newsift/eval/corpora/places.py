"""newsift's own place test set: fictional articles with their place mentions annotated.

The set (``places/places.jsonl`` under :data:`~newsift.eval.corpora.DATA_DIR`, built from
``articles.md`` next to it by :func:`build_fixture`) holds fictional articles we wrote, one
JSON object per line:
``{"id", "published", "text", "mentions": [{"start", "end", "text", "type", "geonameid"}]}``
where ``type`` is ``place`` (a real spelling or transliteration; ``geonameid`` is the place
meant) or ``misspelling`` (a name that exists nowhere; ``geonameid`` is the place meant).
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


def read_fixture(path: Path | None = None) -> list[GoldArticle]:
    """Read a test set (the bundled one by default).

    Raises:
        InputNotFoundError: No such file (E012).
        MalformedInputError: A line is not JSON or not a well-formed record (E007).
    """
    path = path or DEFAULT_PATH
    if not path.is_file():
        raise InputNotFoundError(Errors.E012, source=str(path))
    articles = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
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
    """Rebuild ``places.jsonl`` from ``articles.md`` (run after editing the articles)."""
    target = DEFAULT_PATH
    records = build_fixture((target.parent / "articles.md").read_text(encoding="utf-8"))
    with target.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    count = sum(len(r["mentions"]) for r in records)
    print(f"wrote {len(records)} articles, {count} mentions to {target}")


if __name__ == "__main__":
    main()
