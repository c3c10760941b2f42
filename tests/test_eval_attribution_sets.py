"""newsift's own labelled attribution sets and the MEANTIME speech scorer, on toy findings."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from newsift.errors import InputError
from newsift.eval.attribution_sets import (
    POLNEAR_SPEAKERS,
    SETS,
    SETS_DIR,
    SetItem,
    evaluate_sets,
    load_polnear_speakers,
    load_set,
    score_set,
)
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


# --- speaker items that point into PolNeAR articles (text read at eval time) ------------

_ARTICLE = "Lena Ortiz chairs the board.\nShe said the vote would be held in May.\n"


def _polnear_set(tmp_path: Path, rows: list[dict[str, Any]], text: str = _ARTICLE) -> Path:
    folder = tmp_path / "polnear" / "dev" / "text"
    folder.mkdir(parents=True)
    (folder / "doc1.txt").write_bytes(text.encode("utf-8"))
    path = tmp_path / "speakers_polnear.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _row(**fields: Any) -> dict[str, Any]:
    digest = hashlib.sha256(_ARTICLE.encode("utf-8")).hexdigest()
    row: dict[str, Any] = {"document": "doc1", "sha256": digest, "cue": [33, 37]}
    row["speaker"] = [5, 10]
    row.update(fields)
    return row


def test_polnear_speaker_items_read_their_text_and_label(tmp_path: Path) -> None:
    path = _polnear_set(tmp_path, [_row(), _row(speaker=None)])
    items = load_polnear_speakers(path, tmp_path)
    assert [(i.cue, i.label, i.blind) for i in items] == [
        ((33, 37), "Ortiz", True),
        ((33, 37), None, True),
    ]
    assert items[0].text == _ARTICLE
    # the PolNeAR folder itself, or its dev part, works as well
    assert load_polnear_speakers(path, tmp_path / "polnear" / "dev")[0].label == "Ortiz"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"sha256": "0" * 64}, r"line 1.*not the text labelled"),
        ({"document": "doc2"}, r"line 1.*doc2 is not in"),
        ({"cue": [30, 500]}, r"line 1.*cue span 30-500 outside"),
        ({"cue": None}, r"line 1.*cue is null"),
    ],
)
def test_polnear_speaker_item_problems_are_named(
    tmp_path: Path, fields: dict[str, Any], message: str
) -> None:
    path = _polnear_set(tmp_path, [_row(**fields)])
    with pytest.raises(InputError, match=r"E201.*" + message):
        load_polnear_speakers(path, tmp_path)


def test_item_given_by_cue_is_matched_by_cue() -> None:
    item = SetItem(_ARTICLE, "", "Ortiz", cue=(33, 37), blind=True)
    other = _finding("x", (0, 10), source={"resolved": "Someone Else"})
    other["cue"] = {"start": 0, "end": 4}
    hit = _finding("h", (38, 68), source={"resolved": "Lena Ortiz"})
    hit["cue"] = {"start": 33, "end": 37}
    assert score_set("speakers", [item], lambda _: [other, hit]).correct == 1
    assert score_set("speakers", [item], lambda _: [other]).abstained == 1


def test_blind_items_are_scored_apart(tmp_path: Path) -> None:
    rows = [
        {
            "text": "Police said the road was shut.",
            "content": "road was shut",
            "polarity": "asserted",
        },
        {
            "text": "The firm declined to comment.",
            "content": "to comment",
            "polarity": "declined",
            "blind": True,
        },
    ]
    (tmp_path / "polarity.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))

    def analyze(text: str) -> list[dict[str, Any]]:
        return [_finding("a", (0, len(text)), polarity="asserted")]

    scores = evaluate_sets(analyze, ["polarity"], tmp_path)
    assert [(s.name, s.items, s.correct) for s in scores] == [
        ("polarity", 2, 1),
        ("polarity:blind", 1, 0),
    ]


def test_bundled_polnear_speaker_items_are_well_formed() -> None:
    rows = [json.loads(line) for line in POLNEAR_SPEAKERS.read_text().splitlines()]
    assert len(rows) >= 100
    for row in rows:
        assert set(row) == {"document", "sha256", "cue", "speaker"}
        assert row["cue"][0] < row["cue"][1]
        assert row["speaker"] is None or row["speaker"][0] < row["speaker"][1]
