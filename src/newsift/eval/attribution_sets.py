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

An item may carry ``"blind": true``: it was labelled before newsift ever ran on it, by
someone other than the rules' author; those items are also scored apart (``NAME:blind``).

``speakers_polnear.jsonl`` adds speaker items that point into PolNeAR ``dev`` articles
(third-party text, never stored here): ``{"document": id, "sha256": digest of the article,
"cue": [start, end], "speaker": [start, end] | null}``. The item's attribution is the finding
whose cue overlaps ``cue``; the label is the text at ``speaker`` (the antecedent of a pronoun
source, or the letter's signature for a first-person one; null where a careful reader can't
tell). The texts are read at run time from a PolNeAR folder and checked against the digest,
so that offsets never point at other words than the ones labelled. These items are blind.

An item whose attribution is not found counts as missed (wrong for accuracy; for the
speaker set, an abstention).
"""

from __future__ import annotations

import hashlib
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
#: Speaker items that point into PolNeAR dev articles (read with ``--data``).
POLNEAR_SPEAKERS = SETS_DIR / "speakers_polnear.jsonl"
#: The sets and the field each one labels.
SETS: dict[str, str] = {
    "speakers": "speaker",
    "polarity": "polarity",
    "hearsay": "via",
    "categories": "category",
}


@dataclass(frozen=True)
class SetItem:
    """One labelled item: the text, words of the content (or the cue's span), and the label.

    Attributes:
        text: The text the analyzer reads.
        content: Words of the attribution's content ("" for an item found by its cue).
        label: The expected label (None: no one / direct report).
        cue: The attribution's cue as character offsets, for items that point into an article.
        blind: Labelled before newsift ran on it, by someone other than the rules' author.
    """

    text: str
    content: str
    label: str | None
    cue: tuple[int, int] | None = None
    blind: bool = False


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
        errors: Up to 50 items the analyzer got wrong: text, expected, got.
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
        blind = bool(row.get("blind", False))
        items.append(SetItem(text, content, None if label is None else str(label), blind=blind))
    return items


def polnear_text(data: Path, document: str) -> str | None:
    """The text of PolNeAR dev article ``document`` under ``data``, or None if absent.

    ``data`` is the folder holding ``polnear/``, the PolNeAR folder, or its ``dev`` part.
    """
    for folder in (data / "polnear" / "dev", data / "dev", data):
        path = folder / "text" / f"{document}.txt"
        if path.is_file():
            return path.read_bytes().decode("utf-8")
    return None


def _span(row: dict[str, Any], key: str, length: int) -> tuple[int, int] | None:
    value = row[key]
    if value is None:
        return None
    start, end = (int(x) for x in value)
    if not 0 <= start < end <= length:
        raise ValueError(f"{key} span {start}-{end} outside the text")
    return start, end


def load_polnear_speakers(path: Path, data: Path) -> list[SetItem]:
    """Speaker items pointing into PolNeAR dev, their texts read from ``data``.

    Raises:
        InputError: A malformed line, an article not in ``data``, or an article whose text
            is not the one labelled (E201, naming the line).
    """
    items = []
    texts: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            document, digest = str(row["document"]), str(row["sha256"])
            if document not in texts:
                text = polnear_text(data, document)
                if text is None:
                    raise ValueError(f"PolNeAR dev article {document} is not in {data}")
                found = hashlib.sha256(text.encode("utf-8")).hexdigest()
                if found != digest:
                    raise ValueError(
                        f"{document} is not the text labelled (SHA-256 {found[:12]}…, "
                        f"expected {digest[:12]}…): use the original PolNeAR files"
                    )
                texts[document] = text
            text = texts[document]
            cue = _span(row, "cue", len(text))
            speaker = _span(row, "speaker", len(text))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(Errors.E201.format(source=path, line=number, detail=exc)) from exc
        if cue is None:
            detail = "cue is null"
            raise InputError(Errors.E201.format(source=path, line=number, detail=detail))
        label = None if speaker is None else text[speaker[0] : speaker[1]]
        items.append(SetItem(text, "", label, cue=cue, blind=True))
    return items


def _overlap(span: dict[str, Any] | None, start: int, end: int) -> int:
    if not span or span.get("start") is None or span.get("end") is None:
        return 0
    return max(0, min(end, int(span["end"])) - max(start, int(span["start"])))


def _find(found: Sequence[dict[str, Any]], item: SetItem) -> dict[str, Any] | None:
    """The smallest finding whose content holds the item's content words.

    For an item given by its cue: the finding whose cue overlaps it most.
    """
    if item.cue is not None:
        start, end = item.cue
        best = max(found, key=lambda f: _overlap(f.get("cue"), start, end), default=None)
        return best if best is not None and _overlap(best.get("cue"), start, end) else None
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
    kind = name.partition(":")[0]  # "speakers:blind" is scored as "speakers"
    correct = abstained = wrong = 0
    errors: list[dict[str, Any]] = []
    for item in items:
        found = analyze(item.text)
        by_id = {f["id"]: f for f in found}
        got = _got(kind, _find(found, item), by_id)
        if kind == "speakers" and item.label is None:
            ok = got in ("unknown", "missed")  # no one in the text can be the speaker
        elif kind in ("speakers", "hearsay") and item.label is not None:
            ok = item.label.lower() in got.lower()
        else:
            ok = got == (item.label if item.label is not None else "null")
        if kind == "speakers" and not ok and got in ("unknown", "missed"):
            abstained += 1
        elif not ok:
            wrong += kind == "speakers"
            if len(errors) < 50:
                errors.append(_error(item, got))
        correct += ok
    return SetScores(
        name, len(items), correct, ratio(correct, len(items)), abstained, wrong, errors
    )


def _error(item: SetItem, got: str) -> dict[str, Any]:
    if item.cue is None:
        return {"text": item.text, "expected": item.label, "got": got}
    # An item of a third-party article: offsets and a short window, not the article.
    start, end = item.cue
    window = item.text[max(0, start - 80) : end + 40].replace("\n", " ")
    return {"cue": [start, end], "context": window, "expected": item.label, "got": got}


def load_items(name: str, directory: Path = SETS_DIR, data: Path | None = None) -> list[SetItem]:
    """The items of set ``name``; for ``speakers``, with the PolNeAR items when ``data``."""
    items = load_set(directory / f"{name}.jsonl", SETS[name])
    polnear = directory / POLNEAR_SPEAKERS.name
    if name == "speakers" and data is not None and polnear.is_file():
        items += load_polnear_speakers(polnear, data)
    return items


def evaluate_sets(
    analyze: Callable[[str], list[dict[str, Any]]],
    names: Sequence[str] = tuple(SETS),
    directory: Path = SETS_DIR,
    data: Path | None = None,
) -> list[SetScores]:
    """Score every named set in ``directory``, then each set's blind items apart.

    ``data`` is a folder with PolNeAR dev (see :func:`polnear_text`); without it the
    speaker set leaves out its PolNeAR items.
    """
    cache: dict[str, list[dict[str, Any]]] = {}

    def cached(text: str) -> list[dict[str, Any]]:
        if text not in cache:
            cache[text] = analyze(text)
        return cache[text]

    scores = []
    for name in names:
        items = load_items(name, directory, data)
        scores.append(score_set(name, items, cached))
        blind = [i for i in items if i.blind]
        if blind:
            scores.append(score_set(f"{name}:blind", blind, cached))
    return scores
