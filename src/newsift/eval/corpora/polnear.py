"""PolNeAR: the attribution corpus in brat standoff, read into plain records.

PolNeAR (Newell, Margolin & Ruths, "An Attribution Relations Corpus for Political News",
LREC 2018) annotates each attribution with a **source**, a **cue** and a **content**. A part
of the corpus (``train/`` or ``dev/``) holds ``text/NAME.txt`` and
``attributions/NAME_<annotator>.ann``; fragments of a discontinuous span are joined by ``;``.
The corpus is third-party data: it is read from a path given at run time, never bundled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newsift.errors import Errors, InputNotFoundError

#: Character fragments of one span: ``((start, end), …)``; empty when absent.
Fragments = tuple[tuple[int, int], ...]

_ROLES = {"Content": "content", "Content2": "content", "Cue": "cue", "Source": "source"}
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass(frozen=True)
class AttributionSpans:
    """One attribution as character fragments (gold or predicted).

    Attributes:
        content: What is attributed.
        cue: The reporting verb or phrase (empty when none).
        source: Who it is attributed to (empty when none).
        score: A prediction's score (its calibrated probability), None for gold.
    """

    content: Fragments
    cue: Fragments = ()
    source: Fragments = ()
    score: float | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One PolNeAR article with its gold attributions.

    Attributes:
        name: File name without extension (``breitbart_2016-09-12_…``).
        text: The article text the offsets point into.
        attributions: The annotated attributions that have a content.
        annotator: Which annotator's file was read (one per article: the first by name).
        skipped: Annotation relations without a content, left out.
    """

    name: str
    text: str
    attributions: tuple[AttributionSpans, ...]
    annotator: str
    skipped: int = 0


def _read_text(path: Path) -> str:
    # Offsets count characters of the file as it is: no newline translation.
    return path.read_bytes().decode("utf-8")


def _parse_fragments(value: str) -> Fragments:
    pairs = (part.split() for part in value.split(";"))
    return tuple((int(start), int(end)) for start, end in pairs)


def parse_ann(ann: str) -> tuple[list[AttributionSpans], int]:
    """Attributions in a brat ``.ann`` text, and how many relations had no content.

    Lines that are neither text-bound annotations (``T``) nor events (``E``) are ignored
    (annotator notes, and the continuation lines of span texts that hold a newline).
    """
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[str] = []
    for line in ann.splitlines():
        if match := _T_LINE.match(line):
            spans[match.group(1)] = (match.group(2), _parse_fragments(match.group(3)))
        elif match := _E_LINE.match(line):
            events.append(match.group(2))
    attributions: list[AttributionSpans] = []
    skipped = 0
    for event in events:
        parts: dict[str, list[tuple[int, int]]] = {"content": [], "cue": [], "source": []}
        for argument in event.split():
            role, _, ref = argument.partition(":")
            kind = _ROLES.get(role)
            if kind is not None and ref in spans:
                parts[kind].extend(spans[ref][1])
        if not parts["content"]:
            skipped += 1
            continue
        attributions.append(
            AttributionSpans(
                content=tuple(sorted(parts["content"])),
                cue=tuple(sorted(parts["cue"])),
                source=tuple(sorted(parts["source"])),
            )
        )
    return attributions, skipped


def load_polnear(directory: Path) -> list[GoldArticle]:
    """Every article of a PolNeAR part (``train/`` or ``dev/``), sorted by name.

    Args:
        directory: The part's folder, holding ``text/`` and ``attributions/``.

    Raises:
        InputNotFoundError: The folders are missing (E060) or there is no ``.ann`` file (E061).
    """
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputNotFoundError(Errors.E060, source=str(directory))
    chosen: dict[str, tuple[str, Path]] = {}
    for ann_path in sorted(ann_dir.glob("*.ann")):
        name, _, annotator = ann_path.stem.rpartition("_")
        if name and name not in chosen and (text_dir / f"{name}.txt").is_file():
            chosen[name] = (annotator, ann_path)
    if not chosen:
        raise InputNotFoundError(Errors.E061, source=str(directory))
    articles = []
    for name, (annotator, ann_path) in sorted(chosen.items()):
        attributions, skipped = parse_ann(_read_text(ann_path))
        articles.append(
            GoldArticle(
                name=name,
                text=_read_text(text_dir / f"{name}.txt"),
                attributions=tuple(attributions),
                annotator=annotator,
                skipped=skipped,
            )
        )
    return articles
