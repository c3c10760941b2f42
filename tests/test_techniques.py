"""The ``techniques`` analyzer: windows, span decoding, offsets, findings, eval and errors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from newsift.analyzers.techniques import (
    MODEL_DIR,
    TechniqueModel,
    quoted_ranges,
    shared_model,
    voice_of,
)
from newsift.analyzers.techniques import model as tm
from newsift.analyzers.techniques.glossary import GLOSSARY, TECHNIQUES, explain
from newsift.analyzers.techniques.heads import SpanPrediction
from newsift.analyzers.techniques.reporting import Calibration, outside_titles, title_ranges
from newsift.cli import app
from newsift.encoder import MODEL_DIR as ENCODER_DIR
from newsift.encoder import Encoder, Reading
from newsift.encoder import windows as ew
from newsift.errors import ModelNotFoundError
from newsift.model import Article, Finding
from newsift.pipeline import Pipeline

from .reportcheck import check_report
from .test_eval_ptc import write_ptc

LOADED = (
    "The corrupt, treacherous elites have once again betrayed our great nation. "
    "These shameless traitors will stop at nothing to destroy everything we love!\n\n"
    "Wake up, patriots: the globalist swamp wants you silent."
)


def pieces_for(text: str) -> ew.Pieces:
    return ew.tokenize(shared_model().tokenizer, text)


@given(st.integers(1, 3000))
def test_every_piece_is_owned_by_a_window_that_contains_it(n: int) -> None:
    starts = ew.window_starts(n)
    owners = ew.owner_windows(n, starts)
    assert starts[0] == 0 and starts[-1] + ew.CONTENT >= n
    for piece in range(n):
        start = starts[int(owners[piece])]
        assert start <= piece < start + ew.CONTENT


def test_run_windows_gives_each_piece_its_own_state() -> None:
    n = 700  # several overlapping windows
    pieces = ew.Pieces(
        ids=np.arange(1000, 1000 + n, dtype=np.int64),
        offsets=np.stack([np.arange(n), np.arange(n) + 1], axis=1).astype(np.int64),
    )

    def forward(ids: ew.IntArray, mask: ew.IntArray) -> tuple[ew.FloatArray, ew.FloatArray]:
        states = np.repeat(ids[..., None].astype(np.float32), ew.HIDDEN, axis=2)
        logits = np.repeat(ids[..., None].astype(np.float32), ew.N_TOKEN_OUTPUTS, axis=2)
        return states, logits

    states, logits = ew.run_windows(forward, pieces, batch_size=2)
    assert np.array_equal(states[:, 0], pieces.ids.astype(np.float32))
    assert np.array_equal(logits[:, 3], pieces.ids.astype(np.float32))


def test_a_span_may_cross_a_sentence_boundary() -> None:
    text = "They lied again. Shameful lies, every day."
    pieces = pieces_for(text)
    probs = np.zeros(len(pieces), dtype=np.float32)
    inside = (pieces.offsets[:, 0] >= text.index("lied")) & (
        pieces.offsets[:, 1] <= text.index(", every")
    )
    probs[inside] = 0.9
    ((start, end, score, _, _),) = tm.decode_spans(text, pieces, probs, 0.5)
    assert text[start:end] == "lied again. Shameful lies"
    assert score == pytest.approx(0.9)


def test_decoded_spans_are_widened_to_whole_words() -> None:
    text = "An unbelievably outrageous decision."
    pieces = pieces_for(text)
    probs = np.zeros(len(pieces), dtype=np.float32)
    probs[1] = 0.8  # the second word piece of "unbelievably"
    ((start, end, *_),) = tm.decode_spans(text, pieces, probs, 0.5)
    assert text[start:end] in {"unbelievably", "unbelievably outrageous"}


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("the church-goers said", 11, 16, "church-goers"),
        ("Assange's gun barrels", 7, 21, "Assange's gun barrels"),
        ("it won’t destroy us", 5, 16, "won’t destroy"),
        ("a thief, who had enriched himself", 7, 20, "who had enriched"),
        ("they were “going to die” he said", 10, 24, "“going to die”"),
        ("odd — dashes", 3, 6, ""),
        ("the non‑binary option", 4, 7, "non‑binary"),
        ("so-called 'fake news' again", 10, 21, "'fake news'"),
    ],
)
def test_spans_keep_whole_words_and_drop_edge_punctuation(
    text: str, start: int, end: int, expected: str
) -> None:
    a, b = tm.widen_to_words(text, start, end)
    assert text[a:b] == expected


@given(st.text(alphabet="ab -’,“”. ", max_size=30), st.data())
def test_widened_spans_never_cut_a_word_or_start_with_a_comma(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    a, b = tm.widen_to_words(text, start, end)
    assert 0 <= a <= b <= len(text)
    if a < b:
        assert text[a] not in ",;:.-’ " and text[b - 1] not in ",;:-“ "
        assert not (a > 0 and text[a - 1].isalnum() and text[a].isalnum())
        assert not (b < len(text) and text[b - 1].isalnum() and text[b].isalnum())


@pytest.mark.parametrize(
    "text",
    [
        "  Tabs\tand  double  spaces:\tthe  disgraceful,  corrupt  regime lies.  ",
        "Crème brûlée?\u00a0No — the “evil” regime’s lies! 🚀🚀 Naïve cowards.\r\nAgain.",
        "Ｆｕｌｌwidth and combining e\u0301 marks: the treacherous traitors betrayed us.",
    ],
)
def test_predicted_spans_slice_the_text_exactly(text: str) -> None:
    model = shared_model()
    for prediction in model.predict(text, threshold=0.0):
        assert 0 <= prediction.start < prediction.end <= len(text)
        assert text[prediction.start : prediction.end].strip()
        assert len(prediction.technique_probabilities) == len(TECHNIQUES)
        assert sum(prediction.technique_probabilities) == pytest.approx(1.0, abs=1e-4)


def test_findings_carry_label_score_evidence_and_explanation(
    pipeline: Pipeline, schema_validator: Draft202012Validator
) -> None:
    analyzer = pipeline.nlp.get_pipe("newsift_techniques")
    report = pipeline.analyze(Article(text=LOADED, source="loaded.txt"))
    check_report(report.to_dict(), schema_validator)
    techniques = [f for f in report.findings if f.kind == "technique"]
    assert techniques, "loaded, name-calling text should light up"
    for finding in techniques:
        assert finding.label in TECHNIQUES
        assert finding.text == LOADED[finding.start : finding.end]
        assert 0.0 < finding.score <= 1.0
        assert finding.evidence["model"].startswith("newsift-techniques")
        assert finding.evidence["explanation"] == explain(finding.label)
        assert len(finding.evidence["runners_up"]) == 3
        assert finding.evidence["threshold"] == analyzer.threshold
    listed = {t["label"] for t in report.summary["techniques"]}
    assert listed == {f.label for f in techniques}


def test_glossary_explains_every_technique_in_one_sentence() -> None:
    assert tuple(GLOSSARY) == TECHNIQUES
    for entry in GLOSSARY.values():
        assert entry.explanation.endswith(".") and entry.explanation.count(". ") == 0


def test_a_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    for name in ("technique.onnx", "tokenizer.json"):
        shutil.copy(ENCODER_DIR / name, tmp_path / name)
    shutil.copy(MODEL_DIR / "technique.json", tmp_path / "technique.json")
    with pytest.raises(
        ModelNotFoundError, match=r"E083.*span_head\.onnx.*newsift train techniques"
    ):
        TechniqueModel.load(tmp_path)


def test_eval_ptc_scores_and_writes_official_files(tmp_path: Path) -> None:
    data, out = tmp_path / "ptc", tmp_path / "out"
    text = "Title line\n\n" + LOADED + "\nOfficials met on Tuesday to discuss the budget.\n"
    start = text.index("corrupt")
    gold = [
        ("Loaded_Language", start, start + 7),
        ("Name_Calling,Labeling", start, start + 7),
        ("Name_Calling,Labeling", text.index("shameless"), text.index(" will stop")),
    ]
    write_ptc(data, "42", text, gold)
    result = CliRunner().invoke(app, ["eval", "ptc", str(data), "--write-predictions", str(out)])
    assert result.exit_code == 0, result.output
    assert "SI  (span identification" in result.output
    assert "TC  (technique classification" in result.output
    rows = [line.split("\t") for line in (out / "tc.tsv").read_text().splitlines()]
    assert len(rows) == len(gold)  # one row per gold row, as the official TC task asks
    assert sorted((r[0], int(r[2]), int(r[3])) for r in rows) == sorted(
        ("42", s, e) for _, s, e in gold
    )
    assert all(r[1] in TECHNIQUES for r in rows)
    for line in (out / "si.tsv").read_text().splitlines():
        article_id, s, e = line.split("\t")
        assert article_id == "42" and 0 <= int(s) < int(e) <= len(text)


def _model_with_split(folder: Path, split: dict[str, list[str]]) -> Path:
    """The shipped model's files under ``folder``, with its own article split."""
    folder.mkdir()
    for name in ("technique.onnx", "tokenizer.json"):
        (folder / name).symlink_to(ENCODER_DIR / name)
    (folder / "span_head.onnx").symlink_to(MODEL_DIR / "span_head.onnx")
    meta = json.loads((MODEL_DIR / "technique.json").read_text(encoding="utf-8"))
    (folder / "technique.json").write_text(json.dumps({**meta, "split": split}), "utf-8")
    return folder


def test_eval_ptc_pools_cross_validation_folds(tmp_path: Path) -> None:
    data = tmp_path / "ptc"
    text = "Title line\n\n" + LOADED + "\n"
    start = text.index("corrupt")
    write_ptc(data, "1", text, [("Loaded_Language", start, start + 7)])
    write_ptc(data, "2", "Budget talks\n\nOfficials met on Tuesday to discuss the budget.\n", [])
    one = {"heldout": ["1"], "validation": [], "train": ["2"]}
    two = {"heldout": ["2"], "validation": [], "train": ["1"]}
    models = [_model_with_split(tmp_path / name, split) for name, split in (("a", one), ("b", two))]
    runner = CliRunner()
    pooled = runner.invoke(
        app,
        ["eval", "ptc", str(data), "--split", "heldout"]
        + [arg for m in models for arg in ("--model", str(m))],
    )
    assert pooled.exit_code == 0, pooled.output
    assert "PTC articles scored: 2, pooled over 2 models" in pooled.output
    assert "thresholds 0.45/0.45" in pooled.output
    whole = runner.invoke(app, ["eval", "ptc", str(data)])  # the same model on both articles
    scores = _scores(pooled.output)
    assert len(scores) >= 6 and scores == _scores(whole.output)
    assert re.search(r"\d+ of \d+ predicted spans \(\d+%\) touch no gold span", whole.output)


def _scores(output: str) -> list[str]:
    """The precision, recall and F1 figures of ``newsift eval ptc`` output."""
    return re.findall(r"\b[PRF]1? [01]\.\d{3}", output)


def test_eval_ptc_refuses_folds_that_overlap_or_cover_everything(tmp_path: Path) -> None:
    data = tmp_path / "ptc"
    write_ptc(data, "1", "Title\n\n" + LOADED + "\n", [])
    split = {"heldout": ["1"], "validation": [], "train": []}
    models = [_model_with_split(tmp_path / name, split) for name in ("a", "b")]
    flags = [arg for m in models for arg in ("--model", str(m))]
    overlap = CliRunner().invoke(app, ["eval", "ptc", str(data), "--split", "heldout", *flags])
    assert overlap.exit_code == 2
    assert "[E084]" in overlap.output and "1 article is in more than one" in overlap.output
    everything = CliRunner().invoke(app, ["eval", "ptc", str(data), *flags])
    assert everything.exit_code == 2 and "give --split heldout" in everything.output


def test_eval_ptc_names_a_model_folder_that_is_not_one(tmp_path: Path) -> None:
    data = tmp_path / "ptc"
    write_ptc(data, "1", "Title\n\n" + LOADED + "\n", [])
    (tmp_path / "typo").mkdir()
    result = CliRunner().invoke(app, ["eval", "ptc", str(data), "--model", str(tmp_path / "typo")])
    assert result.exit_code == 2
    assert f"[E085] --model {tmp_path / 'typo'}: not a technique model folder" in result.output
    assert "technique.onnx is missing" in result.output


def test_eval_ptc_on_a_folder_without_articles_exits_with_a_coded_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "ptc", str(tmp_path)])
    assert result.exit_code == 2
    assert "E081" in result.output


def test_voice_separates_quoted_words_from_the_writers_own() -> None:
    text = 'He said: "These traitors are vermin." Critics called it shameful.'
    quoted = quoted_ranges(text)
    inside = text.index("traitors")
    outside = text.index("shameful")
    assert voice_of(inside, inside + len("traitors are vermin"), quoted) == "quoted"
    assert voice_of(outside, outside + len("shameful"), quoted) == "author"


def test_techniques_in_a_quote_are_marked_as_quoted(pipeline: Pipeline) -> None:
    text = (
        "The senator spoke at a rally on Tuesday.\n\n"
        "“The corrupt, treacherous elites have once again betrayed our great nation. These "
        "shameless traitors will stop at nothing,” he told the crowd."
    )
    report = pipeline.analyze(Article(text=text))
    techniques = [f for f in report.findings if f.kind == "technique"]
    assert techniques
    assert all(f.fields["voice"] == "quoted" for f in techniques)
    assert all(t["quoted"] == t["count"] for t in report.summary["techniques"])


def test_the_article_is_read_once_for_every_learned_analyzer(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One encoder, several heads: techniques and claims share one reading of the text."""
    calls: list[str] = []
    original = Encoder.read

    def counting(self: Encoder, text: str) -> Reading:
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(Encoder, "read", counting)
    report = pipeline.analyze(
        Article(text=LOADED + "\n\nThe ministry said 40 drones were shot down.")
    )
    assert {f.kind for f in report.findings} >= {"technique", "claim"}
    assert len(calls) == 1


def test_train_techniques_passes_the_recipe_options_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsift.train.techniques as trainer

    calls: list[tuple[tuple[object, ...], dict[str, object]]] = []

    def fake_train(*args: object, **kwargs: object) -> dict[str, object]:
        calls.append((args, kwargs))
        return {"scores": {"validation_int8": {}}}

    monkeypatch.setattr(trainer, "train", fake_train)
    weights = tmp_path / "w.pt"
    result = CliRunner().invoke(
        app,
        [
            *("train", "techniques", "--data", str(tmp_path), "--out", str(tmp_path / "m")),
            *("--fold", "2", "--seed", "7", "--bf16", "--skip-heldout"),
            *("--keep-weights", str(weights)),
        ],
    )
    assert result.exit_code == 0, result.output
    ((args, kwargs),) = calls
    assert args == (tmp_path, tmp_path / "m", 5, "cpu")
    assert kwargs == {
        "seed": 7,
        "bf16": True,
        "fold": 2,
        "score_heldout": False,
        "keep_weights": weights,
    }
    too_far = CliRunner().invoke(
        app, ["train", "techniques", "--data", str(tmp_path), "--out", str(tmp_path), "--fold", "5"]
    )
    assert too_far.exit_code == 2 and len(calls) == 1


def test_the_encoder_token_head_has_a_column_per_technique() -> None:
    """The encoder reads 15 token outputs: in a span, then one per glossary technique."""
    assert 1 + len(TECHNIQUES) == ew.N_TOKEN_OUTPUTS
    encoder = Encoder.load()
    reading = encoder.read("Only a fool would believe the corrupt elite.")
    assert reading.logits.shape[1] == ew.N_TOKEN_OUTPUTS


def test_the_shipped_heads_read_the_shipped_encoder() -> None:
    """``--model src/newsift/models/techniques`` (the shipped heads) works without copying the
    encoder there: the heads' folder has none, and reads the one in models/encoder."""
    assert not (MODEL_DIR / "technique.onnx").exists()
    assert (ENCODER_DIR / "technique.onnx").is_file()
    model = TechniqueModel.load(MODEL_DIR)
    assert model.predict(LOADED) == shared_model().predict(LOADED)


# --- what a report shows: titles of works, calibrated scores ---------------------------------


def _span(text: str, words: str, probability: float = 0.9) -> SpanPrediction:
    start = text.index(words)
    return SpanPrediction(start, start + len(words), probability, (1.0,) + (0.0,) * 13)


def test_a_span_on_a_film_title_is_dropped_and_one_beside_it_keeps_its_own_words() -> None:
    text = 'The horrifying thriller "Midnight Harbor" opened on Friday with shameless hype.'
    on_title = _span(text, '"Midnight Harbor"')
    mostly_title = _span(text, 'thriller "Midnight Harbor"')
    beside = _span(text, 'horrifying thriller "Midnight')
    elsewhere = _span(text, "shameless hype")
    kept = outside_titles(text, [on_title, mostly_title, beside, elsewhere])
    assert [text[p.start : p.end] for p in kept] == ["horrifying thriller", "shameless hype"]
    assert kept[0].span_probability == beside.span_probability


def test_spans_in_quoted_speech_are_not_taken_for_titles() -> None:
    text = '"These Traitors Will Pay," the minister said on Friday.'
    speech = _span(text, "These Traitors Will Pay")
    assert title_ranges(text) == []
    assert outside_titles(text, [speech]) == [speech]


@given(st.text(alphabet=' "abcdefgh.,Film', min_size=1, max_size=60), st.data())
def test_spans_kept_beside_titles_slice_the_text_and_touch_no_title(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    titles = title_ranges(text)
    for kept in outside_titles(text, [SpanPrediction(start, end, 0.9, (1.0,) + (0.0,) * 13)]):
        assert 0 <= kept.start < kept.end <= len(text)
        assert all(kept.end <= t_start or kept.start >= t_end for t_start, t_end in titles)


def test_calibration_is_monotone_never_certain_and_the_identity_when_unfitted() -> None:
    calibration = Calibration(slope=0.8, intercept=-0.5)
    scores = [calibration(raw / 20) for raw in range(21)]
    assert scores == sorted(scores)
    assert all(0.0 < score < 1.0 for score in scores)
    assert Calibration()(0.37) == 0.37
    assert not Calibration().fitted


def test_the_shipped_scores_are_calibrated() -> None:
    model = shared_model()
    assert model.calibration.fitted, "models/techniques/calibration.json is shipped"
    assert model.calibration(0.9) < 0.9, "raw scores overstate how often findings are right"


# --- articles written in the style of issue 17 ------------------------------------------------

STYLE = Path(__file__).resolve().parent / "fixtures" / "techniques"


def _techniques(pipeline: Pipeline, name: str) -> tuple[str, list[Finding]]:
    text = (STYLE / f"{name}.txt").read_text(encoding="utf-8")
    report = pipeline.analyze(Article(text=text, source=f"{name}.txt"))
    return text, [f for f in report.findings if f.kind == "technique"]


def test_a_neutral_wire_report_stays_quiet(pipeline: Pipeline) -> None:
    _, findings = _techniques(pipeline, "neutral_wire")
    assert findings == []
    text = (STYLE / "neutral_wire.txt").read_text(encoding="utf-8")
    model = shared_model()
    assert model.report(text, model.span_threshold) == []  # even at the benchmark threshold


def test_an_entertainment_wire_shows_no_technique_on_film_titles(pipeline: Pipeline) -> None:
    text, findings = _techniques(pipeline, "entertainment_wire")
    assert findings == []
    model = shared_model()
    titles = title_ranges(text)
    assert len(titles) == 9
    reading = model.encoder.read(text)

    def on_a_title(start: int, end: int) -> bool:
        return any(start < t_end and end > t_start for t_start, t_end in titles)

    # The model alone reads "Killers", "Evil Dead", "Bad Boys" as name calling ...
    raw = model.predict(text, model.span_threshold, reading)
    assert sum(on_a_title(p.start, p.end) for p in raw) >= 5
    # ... a report never shows them, at any threshold.
    for threshold in (model.span_threshold, model.report_threshold):
        assert not any(on_a_title(p.start, p.end) for p in model.report(text, threshold, reading))


def test_a_state_media_war_report_shows_its_loaded_language_and_fear(pipeline: Pipeline) -> None:
    # Written with loaded language, an appeal to authority, a false dilemma ("This is not
    # aggression, but a necessary response ...", "either we stop the fascists now, or ...")
    # and flag-waving. The shipped encoder finds the loaded language and reads the dilemma
    # as an appeal to fear; the appeal to authority and the flag-waving it misses (issue 17:
    # they need the retrained encoder).
    text, findings = _techniques(pipeline, "state_media")
    labels = {f.label for f in findings}
    assert "Loaded_Language" in labels
    loaded = [f for f in findings if f.label == "Loaded_Language" and f.fields["voice"] == "author"]
    assert any("neo-Nazi thugs" in f.text for f in loaded)
    dilemma = text.index("There is no other choice")
    assert any(
        f.label == "Appeal_to_fear-prejudice" and f.start <= dilemma < f.end for f in findings
    )
    for finding in findings:
        assert 0.0 < finding.score < 1.0
        assert finding.evidence["score_is"].startswith("the probability that the finding is right")
