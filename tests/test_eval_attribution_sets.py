"""newsift's own labelled attribution sets and the MEANTIME speech scorer, on toy findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsift.errors import InputError
from newsift.eval.attribution_sets import SETS, SETS_DIR, SetItem, load_set, score_set
from newsift.eval.meantime_speech import score_speech


def _finding(
    fid: str, content: tuple[int, int], label: str = "named_person", **fields: Any
) -> dict[str, Any]:
    source = {"start": 0, "end": 2, "text": fields.pop("source_text", "He"), "category": "other"}
    source.update(fields.pop("source", {}))
    return {
        "id": fid,
        "label": label,
        "content": {"start": content[0], "end": content[1]},
        "cue": {"start": 3, "end": 7},
        "source": source,
        "evidence": fields.pop("evidence", {}),
        "polarity": fields.pop("polarity", "asserted"),
        "via": fields.pop("via", None),
    }


def test_bundled_sets_load() -> None:
    for name, key in SETS.items():
        assert load_set(SETS_DIR / f"{name}.jsonl", key)


def test_malformed_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "polarity.jsonl"
    path.write_text(json.dumps({"text": "a b", "content": "c", "polarity": "x"}) + "\n")
    with pytest.raises(InputError, match=r"E201.*line 1"):
        load_set(path, "polarity")


def test_wrong_speaker_and_abstention_are_told_apart() -> None:
    text = "He said the plan failed."
    items = [SetItem(text, "the plan failed", "Ana Ruiz")] * 3
    answers = [
        [_finding("a", (8, 24), source={"resolved": "Ana Ruiz"})],
        [_finding("a", (8, 24), label="unknown")],
        [_finding("a", (8, 24), source={"resolved": "Carlos Ruiz"})],
    ]
    calls = iter(answers)
    scores = score_set("speakers", items, lambda _: next(calls))
    assert (scores.correct, scores.abstained, scores.wrong) == (1, 1, 1)


def test_via_is_read_through_the_finding_id() -> None:
    text = "Reuters reported that a complaint said he agreed."
    outer = _finding("o", (17, 49), source_text="Reuters")
    inner = _finding("i", (38, 49), source_text="a complaint", via="o")
    scores = score_set("hearsay", [SetItem(text, "he agreed", "Reuters")], lambda _: [outer, inner])
    assert scores.accuracy == 1.0


def test_meantime_speech_scores() -> None:
    doc = {
        "text": "Ann said it rained .",
        "speech_events": [
            {
                "cue": {"start": 4, "end": 8},
                "sources_arg0": [{"start": 0, "end": 3}],
                "slink_targets": [{"start": 12, "end": 18}],
            },
            {"cue": {"start": 0, "end": 1}, "sources_arg0": [], "slink_targets": []},
        ],
    }
    found = {
        "cue": {"start": 4, "end": 8},
        "source": {"start": 0, "end": 3},
        "content": {"start": 9, "end": 18},
    }
    scores = score_speech([doc], lambda _: [found])
    assert scores.events == 1
    assert scores.cue_recall == scores.source_accuracy == scores.head_accuracy == 1.0
