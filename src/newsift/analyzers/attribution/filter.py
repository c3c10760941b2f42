"""The learned filter over the rules' attributions: rules propose, a small model scores.

Every attribution the rules find is described by a few sparse features (the rule, the cue
lemma, the cue's place in the parse, the source's kind, whether the content holds a
quotation, its length); a logistic regression trained on PolNeAR *train*
(:mod:`newsift.train.attribution_filter`) turns them into the probability that the
attribution is real and has the right content (a gold content matches it with Jaccard
>= 0.5). That probability is the finding's score; attributions below the model's threshold
are left out (precision before recall).

The weights ship as a small JSON file (``models/attribution/filter.json``) with the data,
seed and threshold they were trained with; nothing here learns or keeps state.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Doc

from newsift.analyzers.attribution.context import token_at
from newsift.errors import ConfigError, Errors
from newsift.text.quotes import QUOTE_CHARS

#: Where the shipped weights live, inside the package.
FILTER_RESOURCE = ("models", "attribution", "filter.json")

_LENGTH_BUCKETS = (3, 8, 20, 40)


@dataclass(frozen=True)
class AttributionView:
    """What the filter reads of one attribution (offsets into ``doc.text``)."""

    rule: str
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    source_type: str
    content: tuple[int, int]
    polarity: str = "asserted"
    stance: str = "statement"


def _bucket(words: int) -> str:
    for i, bound in enumerate(_LENGTH_BUCKETS):
        if words <= bound:
            return str(i)
    return str(len(_LENGTH_BUCKETS))


def features(doc: Doc, att: AttributionView, text: str | None = None) -> list[str]:
    """The sparse features of ``att``: names the model's weights are keyed by.

    Args:
        doc: The parsed article.
        att: The attribution.
        text: ``doc.text``, when the caller holds it (spaCy rebuilds it on each access).
    """
    text = doc.text if text is None else text
    content = text[att.content[0] : att.content[1]]
    quoted = any(ch in content for ch in QUOTE_CHARS)
    words = len(content.split())
    cue = token_at(doc, att.cue[0]) if att.cue is not None else None
    lemma = cue.lemma_.lower() if cue is not None else "-"
    source_text = text[att.source[0] : att.source[1]].lower() if att.source else ""
    first = content.split(maxsplit=1)[0].lower().strip("\"“”‘’'") if content.strip() else ""
    out = [
        f"rule={att.rule}",
        f"lemma={lemma}",
        f"rule_lemma={att.rule}|{lemma}",
        f"type={att.source_type}",
        f"quote={quoted}",
        f"rule_quote={att.rule}|{quoted}",
        f"len={_bucket(words)}",
        f"rule_len={att.rule}|{_bucket(words)}",
        f"first={first if first in ('that', 'to', 'about', 'for', 'on', 'the', 'a') else 'x'}",
        f"polarity={att.polarity}",
        f"stance={att.stance}",
        f"source={'pron' if source_text in _PRONOUNS else ('none' if not att.source else 'np')}",
    ]
    if cue is not None:
        out += [
            f"dep={cue.dep_}",
            f"tag={cue.tag_}",
            f"neg={any(c.dep_ == 'neg' for c in cue.children)}",
            f"cue_after={att.cue[0] >= att.content[1]}" if att.cue else "cue_after=-",
        ]
    return out


_PRONOUNS = frozenset({"he", "she", "it", "they", "i", "we", "you"})


@dataclass(frozen=True)
class CueFilter:
    """A logistic regression over :func:`features`, and the least probability kept.

    Attributes:
        weights: Feature name → weight (features the model never saw weigh nothing).
        bias: The intercept.
        threshold: Attributions with a lower probability are left out.
        quote_threshold: The same for attributions whose content holds a quotation (lower:
            a quotation is what a fact-checker looks for first, so fewer are dropped).
        card: What it was trained on, with which seed, and how it scored (for the evidence
            and the docs).
    """

    weights: Mapping[str, float]
    bias: float
    threshold: float
    card: Mapping[str, Any]
    quote_threshold: float | None = None

    def keeps(self, names: list[str], probability: float) -> bool:
        """Whether an attribution with these features and probability is kept."""
        quoted = "quote=True" in names and self.quote_threshold is not None
        least = (
            self.quote_threshold if quoted and self.quote_threshold is not None else self.threshold
        )
        return probability >= least

    def probability(self, names: list[str]) -> float:
        """P(the attribution is real and its content right) for its feature names."""
        z = self.bias + sum(self.weights.get(n, 0.0) for n in names)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CueFilter:
        """The filter from its JSON form (what :meth:`to_dict` writes)."""
        try:
            return cls(
                weights={str(k): float(v) for k, v in data["weights"].items()},
                bias=float(data["bias"]),
                threshold=float(data["threshold"]),
                card=dict(data.get("card", {})),
                quote_threshold=(
                    None if data.get("quote_threshold") is None else float(data["quote_threshold"])
                ),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(Errors.E200.format(detail=repr(exc))) from exc

    def to_dict(self) -> dict[str, Any]:
        """The filter as JSON-ready data."""
        return {
            "bias": self.bias,
            "threshold": self.threshold,
            "quote_threshold": self.quote_threshold,
            "card": dict(self.card),
            "weights": dict(sorted(self.weights.items())),
        }


def load_filter() -> CueFilter:
    """The shipped filter (read once per analyzer)."""
    path = resources.files("newsift").joinpath(*FILTER_RESOURCE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(Errors.E200.format(detail=repr(exc))) from exc
    return CueFilter.from_dict(data)
