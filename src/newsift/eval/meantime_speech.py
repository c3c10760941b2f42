"""MEANTIME speech links: score the attribution analyzer's cues, sources and content heads.

MEANTIME (Minard et al., LREC 2016; English Wikinews, CC BY 4.0) marks speech and cognition
events (``said``, ``claimed``, ``believes``) with their speaker (the PropBank ``Arg0``
participant) and the heads of the reported events (SLINK targets); it has no content or
quotation spans, so content precision and recall can't be scored. Read from the derived
``meantime.jsonl`` (one document per line, tokens joined by spaces; see its FORMAT.md).

Over the speech events that have a gold speaker:

- **cue recall**: a finding's cue overlaps the event's cue;
- **source accuracy**: of those, the finding's source overlaps one of the gold speaker
  mentions (a finding with no source is wrong);
- **content-head accuracy**: of those with a reported event, the finding's content holds one
  of its heads.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsift.errors import Errors, InputError
from newsift.eval.metrics import ratio


@dataclass(frozen=True)
class SpeechScores:
    """Cue recall, source and content-head accuracy over the gold speech events."""

    events: int
    cue_found: int
    source_correct: int
    heads: int
    head_correct: int

    @property
    def cue_recall(self) -> float:
        """Events whose cue a finding shares."""
        return ratio(self.cue_found, self.events)

    @property
    def source_accuracy(self) -> float:
        """Of the found events, those whose source the finding shares."""
        return ratio(self.source_correct, self.cue_found)

    @property
    def head_accuracy(self) -> float:
        """Of the found events with a reported event, those whose content holds its head."""
        return ratio(self.head_correct, self.heads)

    def to_dict(self) -> dict[str, Any]:
        """Scores and counts as JSON-ready data."""
        return {
            "events": self.events,
            "cue_recall": round(self.cue_recall, 4),
            "source_accuracy": round(self.source_accuracy, 4),
            "content_head_accuracy": round(self.head_accuracy, 4),
            "counts": {
                "cue_found": self.cue_found,
                "source_correct": self.source_correct,
                "heads": self.heads,
                "head_correct": self.head_correct,
            },
        }


def read_meantime(path: Path) -> list[dict[str, Any]]:
    """The documents of ``meantime.jsonl``; a malformed line raises E201 naming it."""
    docs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            _ = doc["text"], doc["speech_events"]
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(Errors.E201.format(source=path, line=number, detail=exc)) from exc
        docs.append(doc)
    return docs


def _overlaps(span: dict[str, Any] | None, start: int, end: int) -> bool:
    return bool(span) and span["start"] is not None and span["start"] < end and start < span["end"]  # type: ignore[index]


def score_speech(
    docs: Iterable[dict[str, Any]], analyze: Callable[[str], list[dict[str, Any]]]
) -> SpeechScores:
    """Run ``analyze`` (text → attribution finding dicts) on each document and score it."""
    events = found = source_ok = heads = head_ok = 0
    for doc in docs:
        findings = analyze(doc["text"])
        for event in doc["speech_events"]:
            if not event["sources_arg0"]:
                continue
            events += 1
            cue = event["cue"]
            match = next(
                (f for f in findings if _overlaps(f.get("cue"), cue["start"], cue["end"])), None
            )
            if match is None:
                continue
            found += 1
            source_ok += any(
                _overlaps(match["source"], s["start"], s["end"]) for s in event["sources_arg0"]
            )
            if event["slink_targets"]:
                heads += 1
                content = match["content"]
                head_ok += any(
                    content["start"] <= t["start"] and t["end"] <= content["end"]
                    for t in event["slink_targets"]
                )
    return SpeechScores(events, found, source_ok, heads, head_ok)
