"""Source typing: score the ``attribution`` analyzer's ``source_type`` on a hand-labelled set.

The sets (``datasets/source_types/articles.jsonl``, the default, and the larger development
sets ``dev2.jsonl``, ``dev3.jsonl``, ``heldout2.jsonl`` to ``heldout5.jsonl`` (each promoted
to development after one blind measurement); ``heldout.jsonl`` is for checking, never for
tuning; all described in their README) hold short fictional articles, one JSON object a line::

    {"id": "s01", "text": "...", "sources": [{"mention": "the Kremlin" | null,
      "occurrence": 1, "content_hint": "a few words of the content", "type": "anonymous"}]}

One gold item per attributed statement. ``mention`` is an exact substring of the text (its
``occurrence``-th whole-word, case-sensitive match) or null when the text names no source;
``content_hint`` is an exact substring of what is attributed (its first match).

Matching (:func:`match_sources`): each gold item, in order, takes the first still unused
prediction of these, in turn:

1. predictions whose content contains the hint's start and whose source overlaps the
   mention (when there is one);
2. predictions whose content contains the hint's start (the smallest content first);
3. for gold items with a mention, predictions whose source overlaps the mention.

Matching is one-to-one. A gold item left unmatched is an error for ``accuracy`` (over all
gold items) and is left out of ``matched_accuracy`` (over matched items only). Per-type
precision counts over matched items (a prediction no gold item matched is not scored: the
set does not label every attribution a rule may find).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsift.errors import Errors, InputNotFoundError, MalformedInputError

#: The source types, in the order the confusion matrix lists them (as in the analyzer).
TYPES: tuple[str, ...] = ("named_person", "named_organization", "anonymous", "vague", "unknown")
#: Where the bundled set lives, relative to the repository root.
DEFAULT_PATH = Path(__file__).resolve().parents[3] / "datasets" / "source_types" / "articles.jsonl"
#: The second, larger development set (28 articles, 236 statements).
DEV2_PATH = DEFAULT_PATH.with_name("dev2.jsonl")
#: The third development set (24 articles, 202 statements): other genres and sentence forms.
DEV3_PATH = DEFAULT_PATH.with_name("dev3.jsonl")
#: The second held-out set (25 articles, 219 statements), measured blind once (0.890) and
#: then promoted to development on 2026-11-25.
HELDOUT2_PATH = DEFAULT_PATH.with_name("heldout2.jsonl")
#: The third held-out set (27 articles, 249 statements), measured blind once (0.876) and
#: then promoted to development on 2026-11-25.
HELDOUT3_PATH = DEFAULT_PATH.with_name("heldout3.jsonl")
#: The fourth held-out set (28 articles, 259 statements), measured blind once (0.888) and
#: then promoted to development in round 5 of the rules.
HELDOUT4_PATH = DEFAULT_PATH.with_name("heldout4.jsonl")
#: The fifth held-out set (28 articles, 297 statements), measured blind once after round 5
#: (0.902); development data from then on.
HELDOUT5_PATH = DEFAULT_PATH.with_name("heldout5.jsonl")
#: The row/column label of gold items no prediction matched.
MISSED = "missed"

Span = tuple[int, int]


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
class PredictedSource:
    """One predicted attribution: content and source offsets and its source type."""

    content: Span
    source: Span | None
    type: str


@dataclass(frozen=True)
class Miss:
    """A gold item typed wrongly or not matched; ``predicted`` is None when unmatched."""

    article: str
    mention: str | None
    hint: str
    gold: str
    predicted: str | None
    predicted_source: str | None


@dataclass(frozen=True)
class SourceTypeScores:
    """Source typing scores.

    Attributes:
        accuracy: Correctly typed gold items over all gold items (unmatched ones are wrong).
        matched_accuracy: Correctly typed over matched gold items.
        precision: Per predicted type, over matched items.
        recall: Per gold type, over all gold items.
        confusion: ``confusion[gold][predicted]`` counts; ``predicted`` may be ``missed``.
        n_gold: Gold items.
        n_matched: Gold items some prediction matched.
        misses: Every wrongly typed or unmatched gold item.
    """

    accuracy: float
    matched_accuracy: float
    precision: dict[str, float]
    recall: dict[str, float]
    confusion: dict[str, dict[str, int]]
    n_gold: int
    n_matched: int
    misses: list[Miss] = field(default_factory=list)


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


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _contains(content: Span, point: int) -> bool:
    return content[0] <= point < content[1]


def match_sources(
    gold: Sequence[GoldSource], predicted: Sequence[PredictedSource]
) -> list[PredictedSource | None]:
    """The prediction each gold item matches (None when none does); see the module doc."""
    used: set[int] = set()
    matches: list[PredictedSource | None] = []
    for item in gold:
        free = [i for i in range(len(predicted)) if i not in used]
        by_content = sorted(
            (i for i in free if _contains(predicted[i].content, item.hint[0])),
            key=lambda i: predicted[i].content[1] - predicted[i].content[0],
        )
        both = [i for i in by_content if _overlaps(predicted[i].source, item.mention)]
        by_source = [i for i in free if _overlaps(predicted[i].source, item.mention)]
        choice = next(iter(both or by_content or by_source), None)
        if choice is None:
            matches.append(None)
        else:
            used.add(choice)
            matches.append(predicted[choice])
    return matches


def score_source_types(
    pairs: Iterable[tuple[GoldSource, PredictedSource | None, str]],
) -> SourceTypeScores:
    """Scores from ``(gold, matched prediction or None, article text)`` triples."""
    columns = (*TYPES, MISSED)
    confusion = {g: dict.fromkeys(columns, 0) for g in TYPES}
    misses: list[Miss] = []
    n_gold = 0
    for gold, pred, text in pairs:
        n_gold += 1
        predicted = pred.type if pred is not None else MISSED
        confusion[gold.type][predicted] += 1
        if predicted != gold.type:
            source = pred.source if pred is not None else None
            misses.append(
                Miss(
                    article=gold.article,
                    mention=text[gold.mention[0] : gold.mention[1]] if gold.mention else None,
                    hint=text[gold.hint[0] : gold.hint[1]],
                    gold=gold.type,
                    predicted=pred.type if pred is not None else None,
                    predicted_source=text[source[0] : source[1]] if source else None,
                )
            )
    correct = sum(confusion[t][t] for t in TYPES)
    n_matched = n_gold - sum(confusion[t][MISSED] for t in TYPES)
    precision = {}
    recall = {}
    for t in TYPES:
        predicted_as = sum(confusion[g][t] for g in TYPES)
        precision[t] = confusion[t][t] / predicted_as if predicted_as else 0.0
        gold_total = sum(confusion[t].values())
        recall[t] = confusion[t][t] / gold_total if gold_total else 0.0
    return SourceTypeScores(
        accuracy=correct / n_gold if n_gold else 0.0,
        matched_accuracy=correct / n_matched if n_matched else 0.0,
        precision=precision,
        recall=recall,
        confusion=confusion,
        n_gold=n_gold,
        n_matched=n_matched,
        misses=misses,
    )


def predicted_sources(nlp: Language, text: str) -> list[PredictedSource]:
    """The attributions the ``attribution`` analyzer in ``nlp`` writes for ``text``."""
    from newsift.findings import doc_to_findings

    predicted = []
    for finding in doc_to_findings(nlp(text)):
        if finding.kind != "attribution":
            continue
        content, source = finding.fields["content"], finding.fields["source"]
        span = None if source["start"] is None else (source["start"], source["end"])
        predicted.append(PredictedSource((content["start"], content["end"]), span, finding.label))
    return predicted


def load_nlp() -> Language:
    """The pipeline ``newsift analyze --only attribution`` runs (paragraph boundaries included).

    ``newsift eval sources`` scores with this same pipeline, so the scores of the command,
    the tests and the library agree.
    """
    from newsift.pipeline import Pipeline

    return Pipeline.create(only=["attribution"]).nlp


def evaluate_source_types(
    path: Path = DEFAULT_PATH, nlp: Language | None = None
) -> SourceTypeScores:
    """Run the analyzer on every article of the set at ``path`` and score its source types."""
    articles = load_source_set(path)
    if nlp is None:
        nlp = load_nlp()
    pairs: list[tuple[GoldSource, PredictedSource | None, str]] = []
    for article in articles:
        predicted = predicted_sources(nlp, article.text)
        for gold, pred in zip(article.gold, match_sources(article.gold, predicted), strict=True):
            pairs.append((gold, pred, article.text))
    return score_source_types(pairs)


def format_source_scores(scores: SourceTypeScores) -> str:
    """A plain-text report: accuracies, per-type P/R, the confusion matrix, the misses."""
    lines = [
        f"gold statements: {scores.n_gold}, matched: {scores.n_matched}",
        f"type accuracy (all gold): {scores.accuracy:.3f}",
        f"type accuracy (matched):  {scores.matched_accuracy:.3f}",
        "",
        f"{'type':<20}{'P':>7}{'R':>7}{'gold':>6}",
    ]
    for t in TYPES:
        gold_total = sum(scores.confusion[t].values())
        lines.append(f"{t:<20}{scores.precision[t]:>7.3f}{scores.recall[t]:>7.3f}{gold_total:>6}")
    short = {
        "named_person": "person",
        "named_organization": "org",
        "anonymous": "anon",
        "vague": "vague",
        "unknown": "unknown",
        MISSED: MISSED,
    }
    columns = (*TYPES, MISSED)
    lines += ["", "confusion (rows gold, columns predicted):"]
    lines.append(f"{'':<20}" + "".join(f"{short[c]:>9}" for c in columns))
    for g in TYPES:
        lines.append(f"{g:<20}" + "".join(f"{scores.confusion[g][c]:>9}" for c in columns))
    if scores.misses:
        lines += ["", "misses:"]
        for m in scores.misses:
            lines.append(
                f"  {m.article} {m.mention!r} [{m.hint}]: gold {m.gold}, "
                f"predicted {m.predicted or MISSED}"
                + (f" (source {m.predicted_source!r})" if m.predicted_source else "")
            )
    return "\n".join(lines)
