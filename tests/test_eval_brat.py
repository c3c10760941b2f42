"""``newsift eval brat``: brat files read back, scored per kind, malformed lines coded."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsift.cli import app
from newsift.errors import InputError, MalformedInputError
from newsift.eval.brat import (
    BratScores,
    document_items,
    evaluate_brat,
    exact_matches,
    overlap_matches,
)
from newsift.eval.corpora.brat import parse_ann, read_brat_dir
from newsift.exports import BratSink
from newsift.model import Article, Finding, Report, span_dict
from newsift.render.brat import label_from_brat, label_to_brat, report_ann

from .test_render_terminal import TEXT, report

SPLIT = "“We will reopen,” she said, “by the summer.”"


def split_quote_report() -> Report:
    """A split quotation (content in two parts) and a PTC label with a comma."""
    text = SPLIT
    first, second = text.index("We"), text.index("by the")
    content = span_dict(text, first, text.index(",”")) | {
        "parts": [
            span_dict(text, first, text.index(",”")),
            span_dict(text, second, text.index(".”")),
        ]
    }
    findings = [
        Finding(
            "attribution",
            "named_person",
            0,
            len(text),
            text,
            0.8,
            "attribution",
            {},
            {
                "source": span_dict(text, 18, 21) | {"type": "named_person"},
                "cue": span_dict(text, 22, 26),
                "content": content,
            },
        ),
        Finding("technique", "Name_Calling,Labeling", 2, 9, text[2:9], 0.4, "techniques", {}),
    ]
    return Report(Article(text, id="split/quote"), findings, {}, [], "0.1.0")


def export(directory: Path, *reports: Report) -> Path:
    sink = BratSink(directory)
    for rep in reports:
        sink.write(rep)
    sink.close()
    return directory


def perfect(scores: BratScores) -> bool:
    return all(
        (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
        for counts in scores.kinds.values()
        for s in counts.scores()
    )


def test_export_read_back_scores_perfectly(tmp_path: Path) -> None:
    out = export(tmp_path / "brat", report(), split_quote_report())
    scores = evaluate_brat(out, None, predictions=out)
    assert scores.documents == 2 and perfect(scores)
    assert {"attribution", "attribution.source", "attribution.content", "technique"} <= set(
        scores.kinds
    )
    assert scores.kinds["attribution"].gold == 5


def test_labels_with_commas_and_split_contents_survive_the_round_trip(tmp_path: Path) -> None:
    out = export(tmp_path / "brat", split_quote_report())
    (doc,) = [d for d in read_brat_dir(out) if not isinstance(d, InputError)]
    items = document_items(doc)
    assert items["technique"] == [("Name_Calling,Labeling", ((2, 9),))]
    ((_, fragments),) = items["attribution.content"]
    assert len(fragments) == 2
    assert [SPLIT[s:e] for s, e in fragments] == ["We will reopen", "by the summer"]


def test_a_corrected_span_counts_as_overlap_but_not_exact(tmp_path: Path) -> None:
    out = export(tmp_path / "brat", report())
    corrected = tmp_path / "corrected"
    shutil.copytree(out, corrected)
    ann = next(corrected.glob("*.ann"))
    lines = ann.read_text(encoding="utf-8").splitlines()
    start, end = TEXT.index("Lisbon"), TEXT.index("Lisbon") + len("Lisbon")
    moved = "Officials in Lisbon"
    at = TEXT.index(moved)
    lines = [
        f"{line.split(chr(9))[0]}\tPlace {at} {end}\t{moved}"
        if line.split("\t")[1:2] == [f"Place {start} {end}"]
        else line
        for line in lines
    ]
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scores = evaluate_brat(corrected, None, predictions=out)
    exact, overlap = scores.kinds["place"].scores()
    assert (exact.f1, overlap.f1) == (0.0, 1.0)


def test_a_finding_a_person_deleted_lowers_precision_only(tmp_path: Path) -> None:
    out = export(tmp_path / "brat", report())
    corrected = tmp_path / "corrected"
    shutil.copytree(out, corrected)
    ann = next(corrected.glob("*.ann"))
    ids = [
        line.split("\t")[0]
        for line in ann.read_text(encoding="utf-8").splitlines()
        if line.split("\t")[1:2] and line.split("\t")[1].startswith("Technique ")
    ]
    kept = [
        line
        for line in ann.read_text(encoding="utf-8").splitlines()
        if not any(
            line.startswith(i + "\t") or f" {i} " in line or line.endswith(f" {i}") for i in ids
        )
    ]
    ann.write_text("\n".join(kept) + "\n", encoding="utf-8")
    scores = evaluate_brat(corrected, None, predictions=out)
    exact, _ = scores.kinds["technique"].scores()
    assert (exact.precision, exact.recall, scores.kinds["technique"].gold) == (0.0, 0.0, 0)
    assert scores.kinds["claim"].scores()[0].f1 == 1.0


def test_overlap_matches_one_to_one_and_never_below_exact() -> None:
    gold = [("a", ((0, 10),)), ("a", ((20, 30),))]
    predicted = [("a", ((5, 25),))]
    assert exact_matches(gold, predicted) == 0
    assert overlap_matches(gold, predicted) == 1
    assert overlap_matches(gold, [("b", ((0, 10),))]) == 0


@pytest.mark.parametrize(
    ("ann", "code", "line", "detail"),
    [
        ("T1 Claim 0 4\tThe\n", "E182", 1, "does not start with an id"),
        ("T1\tClaim 0 x\tThe \n", "E182", 1, "needs a type, offsets"),
        ("T1\tClaim 0 3\tThe\nR1\tHasCue Arg1:T1\n", "E182", 2, "Arg1:ID and Arg2:ID"),
        ("T1\tClaim 0 3\tThe\nA1\tLabel\n", "E182", 2, "name, a target"),
        ("T1\tClaim 0 9999\tThe\n", "E183", 1, "outside the text's"),
        ("T1\tClaim 5 3\tThe\n", "E183", 1, "spans 5-3, which ends before it starts"),
        ("T1\tClaim 3 3\tThe\n", "E183", 1, "spans 3-3, which is empty"),
        ("T1\tClaim 0 3\tHarbour\n", "E183", 1, "but the text there is 'The'"),
        ("T1\tClaim 0 3\tThe\nR1\tHasCue Arg1:T1 Arg2:T7\n", "E183", 2, "refers to T7"),
        ("T1\tClaim 0 3\tThe\nT1\tClaim 0 3\tThe\n", "E182", 2, "defined twice"),
    ],
)
def test_malformed_ann_lines_are_coded_with_file_and_line(
    ann: str, code: str, line: int, detail: str
) -> None:
    with pytest.raises(MalformedInputError) as error:
        parse_ann("a", TEXT, ann, "corrected/a.ann")
    assert error.value.code == code
    assert f"corrected/a.ann, line {line}:" in error.value.message
    assert detail in error.value.message


def test_a_bad_document_is_reported_and_the_others_scored(tmp_path: Path) -> None:
    out = export(tmp_path / "brat", report(), split_quote_report())
    corrected = tmp_path / "corrected"
    shutil.copytree(out, corrected)
    (corrected / "split_quote.ann").write_text("nonsense\n", encoding="utf-8")
    (corrected / "orphan.ann").write_text("", encoding="utf-8")
    problems: list[InputError] = []
    scores = evaluate_brat(corrected, None, predictions=out, on_problem=problems.append)
    assert sorted(p.code for p in problems) == ["E182", "E184"]
    assert "orphan.txt" in next(p.message for p in problems if p.code == "E184")
    assert scores.documents == 1 and perfect(scores)


def test_a_folder_without_ann_files_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        evaluate_brat(tmp_path, None, predictions=tmp_path)
    assert error.value.code == "E185"


def test_corrected_articles_without_predictions_warn_and_score_as_missed(
    tmp_path: Path,
) -> None:
    corrected = export(tmp_path / "corrected", report(), split_quote_report())
    predictions = export(tmp_path / "predictions", report())
    warnings: list[str] = []
    scores = evaluate_brat(corrected, None, predictions=predictions, on_warning=warnings.append)
    assert len(warnings) == 1 and warnings[0].startswith("[W180]") and "split_quote" in warnings[0]
    assert scores.kinds["technique"].scores()[0].recall == 0.5


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_reading_any_ann_text_raises_only_coded_errors(ann: str) -> None:
    try:
        parse_ann("a", TEXT, ann, "a.ann")
    except InputError as error:
        assert error.code in ("E182", "E183")


@given(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.-]*(?:[,_][A-Za-z0-9][A-Za-z0-9.-]*)*", fullmatch=True)
)
def test_brat_label_values_turn_back_into_labels(label: str) -> None:
    value = label_to_brat(label)
    assert " " not in value and "," not in value and "|" not in value
    assert label_from_brat(value) == label


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), max_size=8))
def test_exported_spans_read_back_at_their_offsets(spans: list[tuple[int, int]]) -> None:
    findings = [
        Finding(
            "claim",
            "check-worthy",
            s,
            min(s + n, len(TEXT)),
            TEXT[s : min(s + n, len(TEXT))],
            0.5,
            "claims",
            {},
        )
        for s, n in spans
    ]
    doc = parse_ann("a", TEXT, report_ann(TEXT, findings), "a.ann")
    assert sorted(f for _, f in document_items(doc).get("claim", [])) == sorted(
        ((f.start, f.end),) for f in findings
    )


@pytest.mark.model
def test_eval_brat_scores_newsifts_own_export_perfectly(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "brat"
    done = runner.invoke(
        app,
        [
            "analyze",
            str(article),
            "--format",
            "brat",
            "--out",
            str(out),
            "--workers",
            "1",
            "--published",
            "2025-03-04",
        ],
    )
    assert done.exit_code == 0, done.stderr
    scored = runner.invoke(app, ["eval", "brat", str(out)])
    assert scored.exit_code == 0, scored.stderr
    rows = [line.split() for line in scored.stdout.splitlines()[2:]]
    assert rows and all(row[3:] == ["1.000"] * 6 for row in rows)


@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1),
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 40)), max_size=6),
)
def test_any_text_and_spans_survive_export_and_reading_back(
    text: str, spans: list[tuple[int, int]]
) -> None:
    # Tabs, line and paragraph separators inside a span must not break the one-line .ann format.
    findings = []
    for s, n in spans:
        start = min(s, len(text) - 1)
        end = min(start + n, len(text))
        findings.append(Finding("place", "resolved", start, end, text[start:end], 1.0, "p", {}))
    doc = parse_ann("a", text, report_ann(text, findings), "a.ann")
    assert sorted(f for _, f in document_items(doc).get("place", [])) == sorted(
        ((f.start, f.end),) for f in findings
    )


def test_only_the_kinds_asked_for_are_scored(tmp_path: Path) -> None:
    corrected = export(tmp_path / "corrected", report())
    predictions = tmp_path / "predictions"
    rep = report()
    export(
        predictions,
        dataclasses.replace(rep, findings=[f for f in rep.findings if f.kind in ("place", "flag")]),
    )
    scores = evaluate_brat(corrected, None, predictions=predictions, kinds={"place", "flag"})
    assert set(scores.kinds) == {"place", "flag"} and perfect(scores)
    scores = evaluate_brat(corrected, None, predictions=predictions, kinds={"attribution"})
    assert set(scores.kinds) == {
        "attribution",
        "attribution.source",
        "attribution.cue",
        "attribution.content",
    }
