"""PolNeAR: load the attribution corpus (brat standoff) and score newsift's attributions on it.

PolNeAR (Newell, Margolin & Ruths, "An Attribution Relations Corpus for Political News",
LREC 2018) annotates each attribution with a **source**, a **cue** and a **content**. A part
of the corpus (``train/`` or ``dev/``) holds ``text/NAME.txt`` and
``attributions/NAME_<annotator>.ann``; fragments of a discontinuous span are joined by ``;``.
The corpus is third-party data: it is read from a path given at run time, never bundled.

Scoring (what :func:`score_polnear` computes):

- **Content precision, recall, F1.** Each span is a *set of character offsets* (the union
  of its fragments; ``Content2`` fragments join the content). A predicted attribution matches
  a gold one when the Jaccard index of their content sets is at least 0.5. Matching is
  one-to-one and *greedy by best Jaccard*: all candidate pairs are sorted by Jaccard
  (descending; ties by position) and taken in turn when neither side is matched yet.
- **Quotation recall.** Recall over gold attributions whose content holds a quotation mark:
  a double quote (``"`` ``“`` ``”``) or an opening single curly quote ``‘`` used as one: not
  after a letter or digit (``Trump‘s`` is a mistyped apostrophe) nor before a digit
  (``‘90s``). The closing ``’`` alone does not count: it is the apostrophe in ``don’t`` and
  ``voters’``; straight ``'`` does not count for the same reason.
- **Source accuracy.** Over matched pairs whose gold attribution has a source: the predicted
  source overlaps the gold source by at least one character. A prediction without a source is
  wrong.
- **Cue accuracy.** Over matched pairs whose gold attribution has a cue: the spans overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsift.errors import Errors, InputNotFoundError

#: Character fragments of one span: ``((start, end), …)``; empty when absent.
Fragments = tuple[tuple[int, int], ...]

#: Least Jaccard index of content character sets for a predicted and a gold attribution to
#: match (the issue's definition).
MATCH_JACCARD = 0.5

#: The targets the issue sets on PolNeAR ``dev``: metric name → least score.
TARGETS: dict[str, float] = {
    "quote_recall": 0.90,
    "f1": 0.60,
    "source_accuracy": 0.80,
    "cue_accuracy": 0.85,
}

_ROLES = {"Content": "content", "Content2": "content", "Cue": "cue", "Source": "source"}
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_QUOTATION = re.compile(r"[\"“”]|(?<![^\W_])‘(?!\d)")


@dataclass(frozen=True)
class AttributionSpans:
    """One attribution as character fragments (gold or predicted).

    Attributes:
        content: What is attributed.
        cue: The reporting verb or phrase (empty when none).
        source: Who it is attributed to (empty when none).
    """

    content: Fragments
    cue: Fragments = ()
    source: Fragments = ()


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


@dataclass(frozen=True)
class PolnearScores:
    """Scores of predicted against gold attributions (see the module docstring).

    ``counts`` holds ``articles``, ``gold``, ``predicted``, ``matched``, ``gold_quotes``,
    ``matched_quotes``, ``source_pairs``, ``source_correct``, ``cue_pairs`` and
    ``cue_correct``.
    """

    precision: float
    recall: float
    f1: float
    quote_recall: float
    source_accuracy: float
    cue_accuracy: float
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Scores and counts as JSON-ready data."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "quote_recall": self.quote_recall,
            "source_accuracy": self.source_accuracy,
            "cue_accuracy": self.cue_accuracy,
            "counts": dict(self.counts),
        }


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


def has_quotation(text: str) -> bool:
    """Whether ``text`` holds a quotation mark as :func:`score_polnear` defines it."""
    return _QUOTATION.search(text) is not None


def _chars(fragments: Fragments) -> frozenset[int]:
    return frozenset(i for start, end in fragments for i in range(start, end))


def _overlap(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match_attributions(
    gold: Sequence[AttributionSpans], predicted: Sequence[AttributionSpans]
) -> list[tuple[int, int, float]]:
    """One-to-one matches ``(gold index, predicted index, jaccard)``, greedy by best Jaccard."""
    gold_sets = [_chars(g.content) for g in gold]
    pred_sets = [_chars(p.content) for p in predicted]
    candidates: list[tuple[float, int, int]] = []
    for gi, gs in enumerate(gold_sets):
        for pi, ps in enumerate(pred_sets):
            if not gs or not ps or not _overlap(gold[gi].content, predicted[pi].content):
                continue
            jaccard = len(gs & ps) / len(gs | ps)
            if jaccard >= MATCH_JACCARD:
                candidates.append((-jaccard, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matches = []
    for negative, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            matches.append((gi, pi, -negative))
    return matches


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def score_polnear(
    gold: Sequence[GoldArticle], predicted: Mapping[str, Sequence[AttributionSpans]]
) -> PolnearScores:
    """Score predictions against the gold articles (see the module docstring).

    Args:
        gold: Articles from :func:`load_polnear`.
        predicted: Predicted attributions by article name; a missing name predicts nothing.
    """
    counts = dict.fromkeys(
        (
            "articles",
            "gold",
            "predicted",
            "matched",
            "gold_quotes",
            "matched_quotes",
            "source_pairs",
            "source_correct",
            "cue_pairs",
            "cue_correct",
        ),
        0,
    )
    for article in gold:
        preds = list(predicted.get(article.name, ()))
        counts["articles"] += 1
        counts["gold"] += len(article.attributions)
        counts["predicted"] += len(preds)
        quoted = [
            has_quotation("".join(article.text[s:e] for s, e in g.content))
            for g in article.attributions
        ]
        counts["gold_quotes"] += sum(quoted)
        for gi, pi, _ in match_attributions(article.attributions, preds):
            g, p = article.attributions[gi], preds[pi]
            counts["matched"] += 1
            counts["matched_quotes"] += quoted[gi]
            if g.source:
                counts["source_pairs"] += 1
                counts["source_correct"] += _overlap(g.source, p.source)
            if g.cue:
                counts["cue_pairs"] += 1
                counts["cue_correct"] += _overlap(g.cue, p.cue)
    precision = _ratio(counts["matched"], counts["predicted"])
    recall = _ratio(counts["matched"], counts["gold"])
    return PolnearScores(
        precision=precision,
        recall=recall,
        f1=2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        quote_recall=_ratio(counts["matched_quotes"], counts["gold_quotes"]),
        source_accuracy=_ratio(counts["source_correct"], counts["source_pairs"]),
        cue_accuracy=_ratio(counts["cue_correct"], counts["cue_pairs"]),
        counts=counts,
    )


def doc_attributions(doc: Doc) -> list[AttributionSpans]:
    """The attributions newsift's ``attribution`` analyzer wrote to ``doc``, as spans."""
    from newsift.findings import doc_to_findings

    spans = []
    for finding in doc_to_findings(doc):
        if finding.kind != "attribution":
            continue
        parts: dict[str, Fragments] = {}
        for key in ("content", "cue", "source"):
            value = finding.fields.get(key)
            if value is not None and value.get("start") is not None:
                parts[key] = ((value["start"], value["end"]),)
            else:
                parts[key] = ()
        spans.append(AttributionSpans(parts["content"], parts["cue"], parts["source"]))
    return spans


def predict_polnear(
    gold: Iterable[GoldArticle], nlp: Language, *, batch_size: int = 16
) -> dict[str, list[AttributionSpans]]:
    """Run ``nlp`` (with the ``newsift_attribution`` component) over the gold articles' texts."""
    articles = list(gold)
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    return {a.name: doc_attributions(doc) for a, doc in zip(articles, docs, strict=True)}


def evaluate_polnear(directory: Path, nlp: Language) -> PolnearScores:
    """Load a PolNeAR part, run ``nlp`` over it and score the attributions it finds.

    Args:
        directory: ``…/polnear/dev`` or ``…/polnear/train``.
        nlp: A spaCy pipeline with the ``newsift_attribution`` component, e.g.
            ``nlp = spacy.load("en_core_web_sm"); nlp.add_pipe("newsift_attribution")``.
    """
    gold = load_polnear(directory)
    return score_polnear(gold, predict_polnear(gold, nlp))


def format_scores(scores: PolnearScores) -> str:
    """A small text table of the scores, with the issue's targets and whether each is met."""
    c = scores.counts
    rows = [
        ("content precision", scores.precision, None),
        ("content recall", scores.recall, None),
        ("content F1", scores.f1, "f1"),
        ("quotation recall", scores.quote_recall, "quote_recall"),
        ("source accuracy", scores.source_accuracy, "source_accuracy"),
        ("cue accuracy", scores.cue_accuracy, "cue_accuracy"),
    ]
    lines = [
        f"PolNeAR attributions: {c.get('articles', 0)} articles, {c.get('gold', 0)} gold, "
        f"{c.get('predicted', 0)} predicted, {c.get('matched', 0)} matched "
        f"(content Jaccard >= {MATCH_JACCARD}, one-to-one, greedy)",
        f"{'metric':<18} {'score':>6}  {'target':>6}  met",
    ]
    for label, value, key in rows:
        target = TARGETS.get(key or "")
        if target is None:
            lines.append(f"{label:<18} {value:>6.3f}")
        else:
            met = "yes" if value >= target else "no"
            lines.append(f"{label:<18} {value:>6.3f}  {target:>6.2f}  {met}")
    return "\n".join(lines)
