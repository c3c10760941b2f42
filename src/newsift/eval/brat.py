"""Score newsift's findings against brat annotations people corrected (``newsift eval brat``).

Both sides are brat documents: the corrected folder, and newsift's predictions (the text
analysed again, written with the exporter's own :func:`~newsift.render.brat.report_ann`, or
a folder of an earlier export). Each text-bound annotation becomes an item of one scored
kind: a finding kind (``claim``, ``place`` …, with its ``Label``) or an attribution role
(``attribution.source``, ``attribution.cue``, ``attribution.content``: the span alone).
Per kind, precision, recall and F1 are given twice:

- **exact**: same label and the very same character offsets (every fragment);
- **overlap**: same label and spans that share at least one character, matched one to
  one, first come first served in reading order.

Counts are summed over documents (micro-averaged).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from newsift.errors import InputError, Warnings
from newsift.eval.corpora.brat import BratDocument, Fragments, parse_ann, read_brat_dir
from newsift.eval.metrics import Prf
from newsift.model import Article, Report, parse_date
from newsift.pipeline import Pipeline
from newsift.render.brat import KIND_OF_TYPE, LABEL_ATTRIBUTE, ROLES, label_from_brat, report_ann

#: Scored kind of each role type, through the relation that ties it to its attribution.
ROLE_KINDS = {type_: f"attribution.{key}" for key, type_, _ in ROLES}
#: Kinds in the order the scores are shown.
KIND_ORDER = (
    "attribution",
    "attribution.source",
    "attribution.cue",
    "attribution.content",
    "technique",
    "claim",
    "entity",
    "place",
    "time",
    "flag",
)

Item = tuple[str, Fragments]


def document_items(doc: BratDocument) -> dict[str, list[Item]]:
    """The scored items of a document, per kind: ``(label, fragments)``, in reading order.

    Annotations of types newsift does not write (a type a person added) are not scored.
    """
    items: dict[str, list[Item]] = {}
    for span in sorted(doc.spans.values(), key=lambda s: (s.fragments, s.id)):
        if span.type in KIND_OF_TYPE:
            kind = KIND_OF_TYPE[span.type]
            label = label_from_brat(doc.attribute(span.id, LABEL_ATTRIBUTE) or "")
        elif span.type in ROLE_KINDS:
            kind, label = ROLE_KINDS[span.type], ""
        else:
            continue
        items.setdefault(kind, []).append((label, span.fragments))
    return items


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def exact_matches(gold: Iterable[Item], predicted: Iterable[Item]) -> int:
    """Items in both lists (as multisets)."""
    return sum((Counter(gold) & Counter(predicted)).values())


def overlap_matches(gold: list[Item], predicted: list[Item]) -> int:
    """Gold items matched one to one with a predicted item of the same label sharing a
    character; exact matches are paired first, so overlap never scores below exact."""
    left_gold = Counter(gold)
    left_predicted = Counter(predicted)
    common = left_gold & left_predicted
    matched = sum(common.values())
    rest_gold = list((left_gold - common).elements())
    rest_predicted = list((left_predicted - common).elements())
    used = [False] * len(rest_predicted)
    for label, fragments in sorted(rest_gold, key=lambda item: item[1]):
        for i, (other_label, other) in enumerate(rest_predicted):
            if not used[i] and other_label == label and _overlaps(fragments, other):
                used[i] = True
                matched += 1
                break
    return matched


@dataclass
class KindCounts:
    """Running counts of one kind."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0

    def scores(self) -> tuple[Prf, Prf]:
        """``(exact, overlap)`` precision, recall and F1."""
        return (
            Prf.from_counts(self.exact, self.predicted, self.gold),
            Prf.from_counts(self.overlap, self.predicted, self.gold),
        )


@dataclass
class BratScores:
    """Scores per kind over the documents compared.

    Attributes:
        documents: Documents compared.
        kinds: Counts per scored kind.
    """

    documents: int = 0
    kinds: dict[str, KindCounts] = field(default_factory=dict)

    def add(
        self,
        gold: BratDocument,
        predicted: BratDocument | None,
        kinds: Collection[str] | None = None,
    ) -> None:
        """Compare one document (``None``: newsift predicted nothing for it), on ``kinds``
        only when given (finding kinds; ``attribution`` brings its parts)."""
        self.documents += 1
        gold_items = document_items(gold)
        predicted_items = document_items(predicted) if predicted is not None else {}
        for kind in {*gold_items, *predicted_items}:
            if kinds is not None and kind.split(".")[0] not in kinds:
                continue
            g, p = gold_items.get(kind, []), predicted_items.get(kind, [])
            counts = self.kinds.setdefault(kind, KindCounts())
            counts.gold += len(g)
            counts.predicted += len(p)
            counts.exact += exact_matches(g, p)
            counts.overlap += overlap_matches(g, p)

    def ordered(self) -> list[tuple[str, KindCounts]]:
        """The kinds in :data:`KIND_ORDER`, any other after them."""
        rank = {k: i for i, k in enumerate(KIND_ORDER)}
        return sorted(self.kinds.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))

    def to_dict(self) -> dict[str, object]:
        """JSON-ready scores."""
        out: dict[str, object] = {"documents": self.documents}
        for kind, counts in self.ordered():
            exact, overlap = counts.scores()
            out[kind] = {
                "gold": counts.gold,
                "predicted": counts.predicted,
                "exact": _prf(exact),
                "overlap": _prf(overlap),
            }
        return out


def _prf(scores: Prf) -> Mapping[str, float]:
    return {
        "precision": round(scores.precision, 4),
        "recall": round(scores.recall, 4),
        "f1": round(scores.f1, 4),
    }


def format_brat_scores(scores: BratScores) -> str:
    """The scores as a text table, one row per kind."""
    header = (
        f"{'kind':<20} {'gold':>5} {'pred':>5}   {'exact P':>7} {'R':>6} {'F1':>6}   "
        f"{'overlap P':>9} {'R':>6} {'F1':>6}"
    )
    lines = [f"brat: {scores.documents} document(s)", header]
    for kind, counts in scores.ordered():
        exact, overlap = counts.scores()
        lines.append(
            f"{kind:<20} {counts.gold:>5} {counts.predicted:>5}   "
            f"{exact.precision:>7.3f} {exact.recall:>6.3f} {exact.f1:>6.3f}   "
            f"{overlap.precision:>9.3f} {overlap.recall:>6.3f} {overlap.f1:>6.3f}"
        )
    return "\n".join(lines)


def article_of(doc: BratDocument) -> Article:
    """The article a brat document holds, with the metadata the export kept beside it."""
    meta = doc.metadata

    def text(key: str) -> str | None:
        value = meta.get(key)
        return value if isinstance(value, str) and value else None

    try:
        published = parse_date(text("published"))
    except ValueError:  # a date a person mistyped in articles.jsonl: analyse without it
        published = None
    return Article(
        doc.text,
        id=text("id") or doc.name,
        title=text("title"),
        outlet=text("outlet"),
        url=text("url"),
        published=published,
        source=doc.name,
    )


def as_brat(report: Report, name: str) -> BratDocument:
    """newsift's findings in a report as the brat document the exporter writes."""
    text = report.article.text
    return parse_ann(name, text, report_ann(text, report.findings), f"newsift:{name}")


def analysed(docs: list[BratDocument], pipeline: Pipeline) -> Iterator[BratDocument | InputError]:
    """newsift's current predictions for each document (or why it could not analyse it)."""
    reports = pipeline.analyze_stream(article_of(doc) for doc in docs)
    for doc, result in zip(docs, reports, strict=True):
        yield result if isinstance(result, InputError) else as_brat(result, doc.name)


def evaluate_brat(
    corrected: Path,
    pipeline: Pipeline | None,
    predictions: Path | None = None,
    on_problem: Callable[[InputError], None] = lambda problem: None,
    on_warning: Callable[[str], None] = lambda message: None,
    kinds: Collection[str] | None = None,
) -> BratScores:
    """Score predictions against a folder of corrected brat files.

    Args:
        corrected: The corrected folder (``NAME.txt`` + ``NAME.ann``).
        pipeline: Analyses the texts again for newsift's current predictions (unused when
            ``predictions`` is given).
        predictions: A folder of brat predictions to score instead (an earlier export).
        on_problem: Called with each document that can't be read or analysed (it is skipped).
        on_warning: Called with each warning (W180: corrected documents without predictions).
        kinds: Score only these finding kinds (all by default): those of the analyzers
            chosen with ``--only``/``--skip``, so kinds left unpredicted are not counted as
            missed.

    Raises:
        InputError: A folder holds no ``.ann`` file (E185).
    """
    docs: list[BratDocument] = []
    for item in read_brat_dir(corrected):
        if isinstance(item, InputError):
            on_problem(item)
        else:
            docs.append(item)
    scores = BratScores()
    if predictions is not None:
        given: dict[str, BratDocument] = {}
        for item in read_brat_dir(predictions):
            if isinstance(item, InputError):
                on_problem(item)
            else:
                given[item.name] = item
        missing = [doc.name for doc in docs if doc.name not in given]
        if missing:
            on_warning(
                Warnings.W180.format(
                    source=corrected,
                    count=len(missing),
                    predictions=predictions,
                    examples=", ".join(missing[:3]),
                )
            )
        for doc in docs:
            scores.add(doc, given.get(doc.name), kinds)
        return scores
    if pipeline is None:
        raise ValueError("a pipeline is needed to predict")
    for doc, predicted in zip(docs, analysed(docs, pipeline), strict=True):
        if isinstance(predicted, InputError):
            on_problem(predicted)
        else:
            scores.add(doc, predicted, kinds)
    return scores


__all__ = [
    "BratScores",
    "KindCounts",
    "article_of",
    "as_brat",
    "document_items",
    "evaluate_brat",
    "exact_matches",
    "format_brat_scores",
    "overlap_matches",
]
