"""newsift's own labelled attribution sets: speakers, polarity, hearsay chains, categories.

Each set is a JSON Lines file in ``newsift/eval/data/attribution_sets/`` of short texts
written for newsift (no corpus text). One line is one item:

- ``text``: the text; ``content``: words that lie in the attribution's content (the item's
  attribution is the finding whose content holds them; the smallest such finding);
- ``speakers.jsonl``: ``speaker``, the name (or words) the source must resolve to, where the
  source is a pronoun or first person (null: no one in the text can be the speaker). A
  finding whose source is ``unknown``, or a pronoun resolved to no one, *abstains* (not
  wrong); one that resolves to someone else is a **wrong speaker**;
- ``polarity.jsonl``: ``polarity`` (``asserted`` | ``negated`` | ``declined``);
- ``hearsay.jsonl``: ``via``, words in the source of the attribution this one is reported
  through, or null when it is reported directly;
- ``categories.jsonl``: ``category`` (see :mod:`~newsift.analyzers.attribution.sources.categories`).

An item whose attribution is not found counts as missed (wrong for accuracy; for the
speaker set, an abstention).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.errors import Errors, InputError
from newsift.eval.corpora import DATA_DIR
from newsift.eval.metrics import ratio

#: Where the sets live in the source tree.
SETS_DIR = DATA_DIR / "attribution_sets"
#: The sets and the field each one labels.
SETS: dict[str, str] = {
    "speakers": "speaker",
    "polarity": "polarity",
    "hearsay": "via",
    "categories": "category",
}


@dataclass(frozen=True)
class SetItem:
    """One labelled item: the text, words of the content, and the label."""

    text: str
    content: str
    label: str | None


@dataclass(frozen=True)
class SetScores:
    """How the analyzer did on one set.

    Attributes:
        name: The set's name.
        items: How many items.
        correct: Items whose label the analyzer gave.
        accuracy: ``correct / items``.
        abstained: (speakers) items whose source is left ``unknown``, or not found.
        wrong: (speakers) items given to someone else.
        errors: Up to 20 items the analyzer got wrong: text, expected, got.
    """

    name: str
    items: int
    correct: int
    accuracy: float
    abstained: int = 0
    wrong: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Scores as JSON-ready data."""
        return {
            "set": self.name,
            "items": self.items,
            "correct": self.correct,
            "accuracy": round(self.accuracy, 4),
            "abstained": self.abstained,
            "abstention_rate": round(ratio(self.abstained, self.items), 4),
            "wrong": self.wrong,
            "wrong_rate": round(ratio(self.wrong, self.items), 4),
            "errors": self.errors,
        }


def load_set(path: Path, key: str) -> list[SetItem]:
    """Read one set (JSON Lines); a malformed line raises E201 naming it."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text, content = str(row["text"]), str(row["content"])
            label = row[key]
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(Errors.E201.format(source=path, line=number, detail=exc)) from exc
        if content not in text:
            detail = f"content {content!r} is not in the text"
            raise InputError(Errors.E201.format(source=path, line=number, detail=detail))
        items.append(SetItem(text, content, None if label is None else str(label)))
    return items


def _find(found: Sequence[dict[str, Any]], item: SetItem) -> dict[str, Any] | None:
    """The smallest finding whose content holds the item's content words."""
    start = item.text.index(item.content)
    end = start + len(item.content)
    hits = [
        f
        for f in found
        if f["content"]["start"] is not None
        and f["content"]["start"] <= start + 1
        and end - 1 <= f["content"]["end"]
    ]
    if not hits:
        hits = [f for f in found if f["content"]["start"] < end and start < f["content"]["end"]]
    return min(hits, key=lambda f: f["content"]["end"] - f["content"]["start"], default=None)


_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "him", "her", "me", "us"})


def _speaker_of(finding: dict[str, Any]) -> str:
    source = finding["source"]
    return " ".join(
        str(x)
        for x in (
            source.get("resolved"),
            finding["evidence"].get("source_refers_to"),
            source.get("text"),
        )
        if x
    )


def _got(name: str, finding: dict[str, Any] | None, by_id: dict[str, dict[str, Any]]) -> str:
    if finding is None:
        return "missed"
    if name == "speakers":
        source = finding["source"]
        unresolved = not source.get("resolved") and not finding["evidence"].get("source_refers_to")
        pronoun = str(source.get("text") or "").lower() in _PRONOUNS
        if finding["label"] == "unknown" or (unresolved and pronoun):
            return "unknown"  # abstained: left unknown, or a pronoun resolved to no one
        return _speaker_of(finding)
    if name == "polarity":
        return str(finding["polarity"])
    if name == "categories":
        return str(finding["source"]["category"])
    via = by_id.get(finding["via"]) if finding["via"] else None
    return "null" if via is None else str(via["source"]["text"])


def score_set(
    name: str, items: Sequence[SetItem], analyze: Callable[[str], list[dict[str, Any]]]
) -> SetScores:
    """Run ``analyze`` (text → attribution finding dicts) over a set and score it."""
    correct = abstained = wrong = 0
    errors: list[dict[str, Any]] = []
    for item in items:
        found = analyze(item.text)
        by_id = {f["id"]: f for f in found}
        got = _got(name, _find(found, item), by_id)
        if name == "speakers" and item.label is None:
            ok = got in ("unknown", "missed")  # no one in the text can be the speaker
        elif name in ("speakers", "hearsay") and item.label is not None:
            ok = item.label.lower() in got.lower()
        else:
            ok = got == (item.label if item.label is not None else "null")
        if name == "speakers" and not ok and got in ("unknown", "missed"):
            abstained += 1
        elif not ok:
            wrong += name == "speakers"
            if len(errors) < 20:
                errors.append({"text": item.text, "expected": item.label, "got": got})
        correct += ok
    return SetScores(
        name, len(items), correct, ratio(correct, len(items)), abstained, wrong, errors
    )


def evaluate_sets(
    analyze: Callable[[str], list[dict[str, Any]]],
    names: Sequence[str] = tuple(SETS),
    directory: Path = SETS_DIR,
) -> list[SetScores]:
    """Score every named set in ``directory``."""
    return [score_set(n, load_set(directory / f"{n}.jsonl", SETS[n]), analyze) for n in names]
