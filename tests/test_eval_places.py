"""The place test set (reader and builder), the places scorer, and ``newsift eval places``."""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsift
from newsift.analyzers.places.gazetteer import Gazetteer, load_gazetteer
from newsift.cli import app
from newsift.errors import InputNotFoundError, MalformedInputError
from newsift.eval.corpora import DATA_DIR
from newsift.eval.corpora.places import (
    DEFAULT_PATH,
    SOURCES,
    GoldArticle,
    GoldMention,
    GoldPoint,
    build_fixture,
    default_fixture,
    is_corpus_file,
    read_fixture,
    read_points,
)
from newsift.eval.places import score_places

KYIV, BAKHMUT, PARIS_FR = 703448, 713174, 2988507
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_build_fixture_computes_exact_offsets(gazetteer: Gazetteer) -> None:
    marked = (
        "# published: 2024-01-01\n"
        "Shelling hit [[Kiev|city:Kyiv@UA]] and [[Bakhmutt|typo:Bakhmut@UA]]."
    )
    [record] = build_fixture(marked, gazetteer)
    assert record["published"] == "2024-01-01"
    for m in record["mentions"]:
        assert record["text"][m["start"] : m["end"]] == m["text"]
    assert [m["geonameid"] for m in record["mentions"]] == [KYIV, BAKHMUT]
    assert [m["type"] for m in record["mentions"]] == ["place", "misspelling"]


def test_build_fixture_refuses_a_real_name_as_misspelling(gazetteer: Gazetteer) -> None:
    with pytest.raises(ValueError, match="real name"):
        build_fixture("[[Kiev|typo:Kyiv@UA]]", gazetteer)


def test_score_places_counts_hits_and_misses(gazetteer: Gazetteer) -> None:
    text = "Kiev and Bakhmutt and Paris"
    article = GoldArticle(
        "a",
        None,
        text,
        (
            GoldMention(0, 4, "Kiev", "place", KYIV),
            GoldMention(9, 17, "Bakhmutt", "misspelling", BAKHMUT),
            GoldMention(22, 27, "Paris", "place", PARIS_FR),
        ),
    )
    predictions = [
        [
            {
                "kind": "place",
                "label": "resolved",
                "start": 0,
                "end": 4,
                "resolution": {"geonameid": KYIV},
                "suggestions": [],
            },
            {
                "kind": "place",
                "label": "unresolved",
                "start": 9,
                "end": 17,
                "resolution": None,
                "suggestions": [{"geonameid": 1}, {"geonameid": BAKHMUT}],
            },
            {"kind": "flag", "label": "unknown_place", "start": 9, "end": 17},
        ]
    ]
    scores = score_places([article], predictions, gazetteer)
    assert scores.resolution_accuracy == 0.5  # Paris has no finding
    assert scores.suggestion_hit_rate == 1.0
    assert scores.flag_rate == 1.0
    assert scores.detection_recall == pytest.approx(2 / 3)
    assert scores.places == 2 and scores.misspellings == 1
    assert scores.failures() == ["resolution_accuracy"]


def test_a_set_is_judged_only_on_the_metrics_it_measures(gazetteer: Gazetteer) -> None:
    only_places = GoldArticle("a", None, "Kiev", (GoldMention(0, 4, "Kiev", "place", KYIV),))
    kyiv = {"kind": "place", "start": 0, "end": 4, "resolution": {"geonameid": KYIV}}
    scores = score_places([only_places], [[kyiv]], gazetteer)
    assert scores.suggestion_hit_rate == 0.0 and scores.failures() == []
    typo = GoldArticle("b", None, "Bakhmutt", (GoldMention(0, 8, "x", "misspelling", BAKHMUT),))
    found = {"kind": "place", "start": 0, "end": 8, "suggestions": [{"geonameid": BAKHMUT}]}
    scores = score_places([typo], [[found]], gazetteer)
    assert scores.resolution_accuracy == 0.0 and scores.failures() == []


def test_bundled_test_set_is_large_and_exact() -> None:
    articles = read_fixture()
    mentions = [m for a in articles for m in a.mentions]
    assert len(mentions) >= 150
    assert Counter(m.type for m in mentions)["misspelling"] >= 15
    for article in articles:
        for m in article.mentions:
            assert article.text[m.start : m.end] == m.text


@pytest.mark.parametrize(("source", "built"), sorted(SOURCES.items()))
def test_bundled_sets_match_their_source(gazetteer: Gazetteer, source: str, built: str) -> None:
    folder = default_fixture().parent
    rebuilt = build_fixture((folder / source).read_text(encoding="utf-8"), gazetteer)
    stored = [json.loads(line) for line in (folder / built).read_text().splitlines() if line]
    assert rebuilt == stored


def test_the_misspelling_set_is_misspellings_only() -> None:
    articles = read_fixture(DATA_DIR / "places" / "misspellings.jsonl")
    mentions = [m for a in articles for m in a.mentions]
    assert len(mentions) >= 50
    assert {m.type for m in mentions} == {"misspelling"}


# --- toponym corpora (their own JSONL) -------------------------------------------------

_CORPUS_TEXT = "Storms hit Lviv.\u2028Then Kyiv."


def _corpus_file(tmp_path: Path) -> Path:
    record = {
        "doc_id": 7,
        "text": _CORPUS_TEXT,
        "toponyms": [
            {"start": 11, "end": 15, "text": "Lviv", "lat": 49.84, "lon": 24.02, "fcode": "PPLA"},
            {"start": 22, "end": 26, "text": "Kyiv", "lat": 50.45, "lon": 30.52, "geonameid": KYIV},
            {"start": 0, "end": 6, "text": "Storms", "lat": None, "lon": None},
            {"start": 1, "end": 3, "text": "xx", "lat": 1.0, "lon": 1.0, "offset_ok": False},
        ],
    }
    path = tmp_path / "corpus.jsonl"
    # ensure_ascii=False writes U+2028 raw, as the LGL and GeoWebNews files do
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_a_corpus_file_is_read_whole_across_line_separators(tmp_path: Path) -> None:
    path = _corpus_file(tmp_path)
    assert is_corpus_file(path) and not is_corpus_file(DEFAULT_PATH)
    [article] = read_fixture(path)
    assert article.id == "7" and article.text == _CORPUS_TEXT
    # toponyms without coordinates or with a broken offset are left out; no id reads as 0
    assert [(m.text, m.type, m.geonameid) for m in article.mentions] == [
        ("Lviv", "place", 0),
        ("Kyiv", "place", KYIV),
    ]
    for m in article.mentions:
        assert article.text[m.start : m.end] == m.text


def test_read_points_gives_each_toponym_its_point_and_feature_code(tmp_path: Path) -> None:
    points = read_points(_corpus_file(tmp_path))
    assert points == {
        "7": {
            (11, 15): GoldPoint(49.84, 24.02, "PPLA"),
            (22, 26): GoldPoint(50.45, 30.52, ""),
            (1, 3): GoldPoint(1.0, 1.0, ""),
        }
    }


def test_read_points_names_a_missing_file_and_a_malformed_line(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="E012"):
        read_points(tmp_path / "none.jsonl")
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc_id": 1, "toponyms": []}\n{"toponyms": []}\n', encoding="utf-8")
    with pytest.raises(MalformedInputError, match=rf"\[E007\] {path}, line 2"):
        read_points(path)


def test_oracle_scores_meet_the_targets(gazetteer: Gazetteer) -> None:
    """Gazetteer-only floor: gold mention names, no spaCy."""
    articles = read_fixture()
    scores = score_places(articles, [[] for _ in articles], gazetteer)
    assert scores.oracle_resolution_accuracy >= 0.95
    assert scores.oracle_suggestion_hit_rate >= 0.95


def test_a_malformed_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text('{"id": "a", "text": "x", "mentions": []}\n{"id": "b"\n', encoding="utf-8")
    with pytest.raises(MalformedInputError, match=rf"\[E007\] {path}, line 2"):
        read_fixture(path)


@pytest.mark.regression
def test_default_set_lies_inside_the_package() -> None:
    # A wheel has no tests/ folder: the default set must be package data.
    package = Path(newsift.__file__).resolve().parent
    assert default_fixture() == DEFAULT_PATH
    assert DEFAULT_PATH.is_relative_to(package)
    assert DEFAULT_PATH.is_file()


@pytest.mark.regression
def test_package_data_ships_every_bundled_set_file() -> None:
    # setuptools puts in the wheel only what [tool.setuptools.package-data] names.
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["newsift"]
    package = Path(newsift.__file__).resolve().parent
    shipped = {p for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    bundled = {p for p in DATA_DIR.rglob("*") if p.is_file()}
    assert bundled and bundled <= shipped
    assert package / "eval" / "gate.json" in shipped


@pytest.mark.model
def test_eval_places_runs_on_the_bundled_set_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no source tree around: as when installed from a wheel
    result = CliRunner().invoke(app, ["eval", "places"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["places"] + scores["misspellings"] >= 150


@pytest.mark.regression
def test_package_code_never_reaches_into_the_source_tree() -> None:
    # `Path(__file__).parents[3] / "tests"` works in a checkout and fails in a wheel.
    package = Path(newsift.__file__).resolve().parent
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "parents[" not in source, path
        assert not re.search(r"[\"'](tests|datasets)[\"']", source), path
