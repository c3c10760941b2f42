"""newsift's own source-type sets: fictional articles with each attributed statement's source type.

The sets (``source_types/`` under :data:`~newsift.eval.corpora.DATA_DIR`: ``articles.jsonl``,
the default, and the larger development sets ``dev2.jsonl``, ``dev3.jsonl``,
``heldout2.jsonl`` to ``heldout5.jsonl`` (each promoted to development after one blind
measurement); ``heldout.jsonl`` is for checking, never for tuning; all described in their
README) hold short fictional articles, one JSON object a line::

    {"id": "s01", "text": "...", "sources": [{"mention": "the Kremlin" | null,
      "occurrence": 1, "content_hint": "a few words of the content", "type": "anonymous"}]}

One gold item per attributed statement. ``mention`` is an exact substring of the text (its
``occurrence``-th whole-word, case-sensitive match) or null when the text names no source;
``content_hint`` is an exact substring of what is attributed (its first match).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsift.errors import Errors, InputNotFoundError, MalformedInputError
from newsift.eval.corpora import DATA_DIR

#: The source types, in the order the confusion matrix lists them (as in the analyzer).
TYPES: tuple[str, ...] = ("named_person", "named_organization", "anonymous", "vague", "unknown")
#: The bundled sets, by name: ``newsift eval sources NAME`` reads ``NAME.jsonl``.
SETS: tuple[str, ...] = (
    "articles",
    "dev2",
    "dev3",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
)
#: The default set (24 articles, 104 statements).
DEFAULT_PATH = DATA_DIR / "source_types" / "articles.jsonl"
#: The second, larger development set (28 articles, 236 statements).
DEV2_PATH = DEFAULT_PATH.with_name("dev2.jsonl")
#: The third development set (24 articles, 202 statements): other genres and sentence forms.
DEV3_PATH = DEFAULT_PATH.with_name("dev3.jsonl")
#: The blind held-out set (132 statements): for checking, never for tuning.
HELDOUT_PATH = DEFAULT_PATH.with_name("heldout.jsonl")
#: The second held-out set (25 articles, 219 statements), measured blind once (0.890), then
#: development data.
HELDOUT2_PATH = DEFAULT_PATH.with_name("heldout2.jsonl")
#: The third held-out set (27 articles, 249 statements), measured blind once (0.876), then
#: development data.
HELDOUT3_PATH = DEFAULT_PATH.with_name("heldout3.jsonl")
#: The fourth held-out set (28 articles, 259 statements), measured blind once (0.888), then
#: development data.
HELDOUT4_PATH = DEFAULT_PATH.with_name("heldout4.jsonl")
#: The fifth held-out set (28 articles, 297 statements), measured blind once (0.902), then
#: development data.
HELDOUT5_PATH = DEFAULT_PATH.with_name("heldout5.jsonl")

Span = tuple[int, int]


def set_path(name: str) -> Path:
    """The path of the bundled set ``name`` (one of :data:`SETS`)."""
    return DEFAULT_PATH.with_name(f"{name}.jsonl")


@dataclass(frozen=True)
class GoldSource:
    """One labelled attributed statement, with character offsets resolved.

    Attributes:
        article: Id of its article.
        mention: Offsets of the source mention, or None (no source in the text).
        hint: Offsets of the content hint.
        type: The gold source type.
    """

    article: str
    mention: Span | None
    hint: Span
    type: str


@dataclass(frozen=True)
class LabelledArticle:
    """One article of the set and its gold items."""

    id: str
    text: str
    gold: tuple[GoldSource, ...]


def _occurrence(text: str, needle: str, occurrence: int) -> Span | None:
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    found = [m.span() for m in re.finditer(pattern, text)]
    return found[occurrence - 1] if 0 < occurrence <= len(found) else None


def parse_article(record: dict[str, Any], source: str = "-", line: int = 0) -> LabelledArticle:
    """One JSON record of the set as a :class:`LabelledArticle` (offsets resolved).

    Raises:
        MalformedInputError: A field is missing, a type unknown, or a mention or hint is
            not in the text (E007).
    """
    try:
        article_id = str(record["id"])
        text = record["text"]
        items = record["sources"]
        gold: list[GoldSource] = []
        for item in items:
            kind = item["type"]
            if kind not in TYPES:
                raise ValueError(f"unknown source type {kind!r}")
            hint_text = item["content_hint"]
            start = text.find(hint_text)
            if not hint_text or start < 0:
                raise ValueError(f"content_hint {hint_text!r} is not in the text")
            mention: Span | None = None
            if item.get("mention"):
                mention = _occurrence(text, item["mention"], int(item.get("occurrence", 1)))
                if mention is None:
                    raise ValueError(f"mention {item['mention']!r} is not in the text")
            gold.append(GoldSource(article_id, mention, (start, start + len(hint_text)), kind))
    except (KeyError, TypeError, ValueError) as exc:
        raise MalformedInputError(Errors.E007, source=source, line=line, detail=exc) from exc
    return LabelledArticle(article_id, text, tuple(gold))


def load_source_set(path: Path = DEFAULT_PATH) -> list[LabelledArticle]:
    """Read the labelled set (JSON lines; blank lines skipped).

    Raises:
        InputNotFoundError: No such file (E012).
        MalformedInputError: A line is not JSON or not a well-formed record (E007).
    """
    if not path.is_file():
        raise InputNotFoundError(Errors.E012, source=str(path))
    articles = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MalformedInputError(
                Errors.E007, source=str(path), line=number, detail=exc
            ) from exc
        articles.append(parse_article(record, str(path), number))
    return articles
