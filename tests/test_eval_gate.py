"""The eval gate: floors pinned with the set's hash, re-pinning rules, the README table."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsift.cli import app
from newsift.eval import gate
from newsift.eval.gate import Entry, Outcome

ROOT = Path(__file__).resolve().parents[1]
README_START = "<!-- eval-gate:start -->"
README_END = "<!-- eval-gate:end -->"


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, dict[str, float]]:
    """A gate file with one shared-data entry of a toy kind whose scores the test sets."""
    data = tmp_path / "data"
    (data / "toy").mkdir(parents=True)
    (data / "toy" / "set.txt").write_text("gold\n", encoding="utf-8")
    scores = {"f1": 0.8, "recall": 0.7}

    def measure(paths: Sequence[Path], options: Mapping[str, str]) -> dict[str, float]:
        return dict(scores)

    monkeypatch.setitem(gate.MEASURES, "toy", measure)
    entry = Entry("toy-set", "toy", ("toy",), bundled=False, about="a toy set")
    gate_file = tmp_path / "gate.json"
    gate.save_entries([entry], gate_file)
    return gate_file, data, scores


def run(gate_file: Path, data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["eval", "gate", "--gate-file", str(gate_file), "--data", str(data), *args]
    )
    return result.exit_code, result.output


def test_pin_then_check_passes(toy: tuple[Path, Path, dict[str, float]]) -> None:
    gate_file, data, _ = toy
    code, output = run(gate_file, data, "--pin")
    assert code == 0, output
    [entry] = gate.load_entries(gate_file)
    assert entry.floors == {"f1": 0.8, "recall": 0.7}
    assert entry.sha256 == gate.content_hash([data / "toy"])
    code, output = run(gate_file, data)
    assert code == 0, output
    assert re.search(r"toy-set\s+pass\s+f1 0\.8000", output)


def test_a_score_below_its_floor_fails_with_set_metric_floor_and_value(
    toy: tuple[Path, Path, dict[str, float]],
) -> None:
    gate_file, data, scores = toy
    run(gate_file, data, "--pin")
    scores["recall"] = 0.65
    code, output = run(gate_file, data)
    assert code == 1
    assert "[E113] eval gate, set toy-set: recall is 0.6500, below its pinned floor 0.7000" in (
        " ".join(output.split())
    )


def test_a_changed_set_fails_until_it_is_pinned_again(
    toy: tuple[Path, Path, dict[str, float]],
) -> None:
    gate_file, data, _ = toy
    run(gate_file, data, "--pin")
    (data / "toy" / "set.txt").write_text("gold, edited\n", encoding="utf-8")
    code, output = run(gate_file, data)
    assert code == 1
    assert "[E114] eval gate, set toy-set: its content changed" in " ".join(output.split())
    assert run(gate_file, data, "--pin")[0] == 0
    assert run(gate_file, data)[0] == 0


def test_pinning_a_lower_floor_needs_allow_lower(
    toy: tuple[Path, Path, dict[str, float]],
) -> None:
    gate_file, data, scores = toy
    run(gate_file, data, "--pin")
    scores["f1"] = 0.75
    before = gate_file.read_text(encoding="utf-8")
    code, output = run(gate_file, data, "--pin")
    assert code == 1
    flat = " ".join(output.split())
    assert (
        "[E115] eval gate, set toy-set: pinning would lower the floor of f1 from 0.8000 to" in flat
    )
    assert gate_file.read_text(encoding="utf-8") == before  # nothing written
    code, output = run(gate_file, data, "--pin", "--allow-lower")
    assert code == 0, output
    assert gate.load_entries(gate_file)[0].floors["f1"] == 0.75


def test_a_higher_score_may_be_pinned_without_the_flag(
    toy: tuple[Path, Path, dict[str, float]],
) -> None:
    gate_file, data, scores = toy
    run(gate_file, data, "--pin")
    scores["f1"] = 0.9
    assert run(gate_file, data, "--pin")[0] == 0
    assert gate.load_entries(gate_file)[0].floors["f1"] == 0.9


def test_shared_data_that_is_absent_is_skipped_with_a_warning(
    toy: tuple[Path, Path, dict[str, float]], tmp_path: Path
) -> None:
    gate_file, data, _ = toy
    run(gate_file, data, "--pin")
    code, output = run(gate_file, tmp_path / "nowhere")
    assert code == 0
    assert "[W113] eval gate, set toy-set: skipped" in " ".join(output.split())
    pinned = gate_file.read_text(encoding="utf-8")
    assert run(gate_file, tmp_path / "nowhere", "--pin")[0] == 0
    assert gate_file.read_text(encoding="utf-8") == pinned  # a skipped set keeps its pins


def test_unknown_set_names_are_refused(toy: tuple[Path, Path, dict[str, float]]) -> None:
    gate_file, data, _ = toy
    code, output = run(gate_file, data, "--only", "nope")
    assert code == 2
    assert "[E117] Unknown eval gate set 'nope'. Known sets: toy-set." in output


def test_a_broken_gate_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "gate.json"
    bad.write_text("{", encoding="utf-8")
    code, output = run(bad, tmp_path)
    assert code == 2
    assert f"[E116] {bad}: not a readable eval gate file" in " ".join(output.split())


def test_pin_keeps_floors_of_skipped_entries() -> None:
    entry = Entry("a", "toy", ("a",), bundled=False, about="", sha256="x", floors={"f1": 0.5})
    entries, refusals = gate.pin([Outcome(entry, skipped="[W113] …")])
    assert entries == [entry] and refusals == []


def test_content_hash_covers_names_and_bytes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("1", encoding="utf-8")
    first = gate.content_hash([tmp_path / "a"])
    (tmp_path / "a" / "x.txt").rename(tmp_path / "a" / "y.txt")
    assert gate.content_hash([tmp_path / "a"]) != first


# --- the shipped gate ---------------------------------------------------------------------


def test_the_shipped_gate_pins_every_bundled_set_with_its_hash() -> None:
    entries = gate.load_entries()
    assert {e.kind for e in entries} >= {"places", "sources", "checkworthy", "polnear", "ptc"}
    for entry in entries:
        assert entry.floors, f"{entry.name} has no floors"
        assert entry.kind in gate.MEASURES
        if entry.bundled:
            assert entry.sha256 == gate.content_hash(entry.resolve(gate.DEFAULT_SHARED))


def test_readme_table_is_the_gate_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(README_START, 1)[1].split(README_END, 1)[0]
    assert section.strip() == gate.markdown_table(gate.load_entries())


def test_markdown_prints_the_pinned_floors() -> None:
    result = CliRunner().invoke(app, ["eval", "gate", "--markdown"])
    assert result.exit_code == 0
    assert result.output.strip() == gate.markdown_table(gate.load_entries())


@pytest.mark.model
def test_the_bundled_sets_pass_the_gate() -> None:
    # The gate's fast part, in every test run: the sets shipped in the package.
    outcomes = gate.check([e for e in gate.load_entries() if e.bundled])
    assert [p for o in outcomes for p in o.problems] == []
    assert all(o.scores for o in outcomes)


def test_gate_file_is_valid_json_with_stable_layout() -> None:
    text = gate.GATE_FILE.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_a_score_within_the_tolerance_passes_and_below_it_fails(
    toy: tuple[Path, Path, dict[str, float]],
) -> None:
    gate_file, data, scores = toy
    run(gate_file, data, "--pin")
    [entry] = gate.load_entries(gate_file)
    gate.save_entries([replace(entry, tolerance=0.005)], gate_file)
    scores["f1"] = 0.796
    assert run(gate_file, data)[0] == 0
    scores["f1"] = 0.794
    code, output = run(gate_file, data)
    assert code == 1
    assert "f1 is 0.7940, below its pinned floor 0.8000 (tolerance 0.005)" in (
        " ".join(output.split())
    )
