"""newsift spark copies: the corpus's copy edges, families and outlet network, row for row."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsift.cli import app
from newsift.corpus.boilerplate import learn_boilerplate
from newsift.corpus.candidates import CandidateParams, candidate_pairs
from newsift.corpus.commands import (
    AddOptions,
    copy_row,
    corpus_copies,
    corpus_network,
    corpus_origins,
    load_articles,
    network_row,
    origin_row,
    run_add,
)
from newsift.corpus.copies import CopyParams, fingerprint_all
from newsift.corpus.store import CorpusStore
from tests.corpus.texts import OWN_TEXT, SAME_STORY, UNRELATED, WIRE, paragraphs, reword
from tests.spark.conftest import write_jsonl

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "corpus" / "articles.jsonl"
FOOTER = "Subscribe to Farm Daily for the latest farming news every single morning."
WEATHER = (
    "Frost is expected across the northern valleys tonight, and growers are advised to cover "
    "young plants and to bring animals in from the high pastures before the temperature falls."
)


def _when(hours: float) -> str:
    return (dt.datetime(2026, 4, 1, 6, 0, tzinfo=dt.UTC) + dt.timedelta(hours=hours)).isoformat()


def fixture_rows() -> list[dict[str, Any]]:
    """A wire story and its copies of every kind, a same-story report, an outlet with a
    footer on five articles (boilerplate), a duplicate text, a copy with no date."""
    wire = paragraphs(WIRE)

    def farm(text: str) -> str:
        return f"{text}\n\n{FOOTER}"

    return [
        {"id": "wire", "outlet": "Wire Service", "published": _when(0), "text": WIRE},
        {"id": "wire-dup", "outlet": "Mirror Site", "published": _when(5), "text": WIRE},
        {"id": "farm-copy", "outlet": "Farm Daily", "published": _when(1), "text": farm(WIRE)},
        {"id": "rewrite", "outlet": "Rewrite Post", "published": _when(2), "text": reword(WIRE)},
        {
            "id": "excerpt",
            "outlet": "Snippet News",
            "published": _when(3),
            "text": "\n\n".join(wire[:3]),
        },
        {"id": "partial", "outlet": "Local Times", "text": "\n\n".join([*wire[:2], OWN_TEXT])},
        {"id": "same-story", "outlet": "Other Paper", "published": _when(1), "text": SAME_STORY},
        {"id": "farm-1", "outlet": "Farm Daily", "published": _when(9), "text": farm(UNRELATED)},
        {"id": "farm-2", "outlet": "Farm Daily", "published": _when(10), "text": farm(OWN_TEXT)},
        {"id": "farm-3", "outlet": "Farm Daily", "published": _when(11), "text": farm(WEATHER)},
        {"id": "farm-4", "outlet": "Farm Daily", "published": _when(12), "text": farm(SAME_STORY)},
    ]


@pytest.fixture(scope="session")
def corpus_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("copies")
    example = [json.loads(line) for line in EXAMPLE.read_text(encoding="utf-8").splitlines()]
    return write_jsonl(folder / "corpus.jsonl", example + fixture_rows())


@pytest.fixture(scope="session")
def expected(corpus_input: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What `newsift corpus` finds on the same input (stored without analysis)."""
    db = str(tmp_path_factory.mktemp("db") / "corpus.db")
    run_add(AddOptions([str(corpus_input)], db=db, analyze=False))
    with CorpusStore.open(db) as store:
        articles = load_articles(store)
        params = CopyParams()
        boilerplate = learn_boilerplate(articles, params.boilerplate_min_articles)
        return {
            "copies": [copy_row(e) for e in corpus_copies(store)],
            "origins": [origin_row(f) for f in corpus_origins(store)],
            "network": [network_row(n) for n in corpus_network(store)],
            "ids": [a.id for a in articles],
            "fingerprints": fingerprint_all(articles, boilerplate, params.fingerprint),
        }


@pytest.fixture(scope="session")
def tables(spark: Any, corpus_input: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newsift.spark import AnalyzeOptions, run_analyze

    out = tmp_path_factory.mktemp("spark-copies") / "out"
    run_analyze([str(corpus_input)], str(out), AnalyzeOptions(analyze=False))
    result = CliRunner().invoke(app, ["spark", "copies", str(out / "articles"), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "copy edges in" in result.stderr
    return out


def test_copy_edges_are_the_corpus_edges(tables: Path, expected: dict[str, Any]) -> None:
    rows = pq.read_table(tables / "copies").to_pylist()
    for row in rows:
        row["evidence"] = json.loads(row["evidence"])
    assert rows == expected["copies"]
    kinds = {row["kind"] for row in rows}
    assert {"verbatim", "rewrite", "excerpt", "partial"} <= kinds
    pairs = {frozenset((r["source"], r["copy"])) for r in rows}
    assert {"wire", "farm-copy"} in pairs and {"wire", "rewrite"} in pairs
    assert not any("same-story" in p and ("wire" in p or "farm-copy" in p) for p in pairs)
    assert not any("wire-dup" in p for p in pairs)  # the same text twice is stored once


def test_origins_and_network_are_the_corpus(tables: Path, expected: dict[str, Any]) -> None:
    origins = pq.read_table(tables / "origins").to_pylist()
    assert origins == expected["origins"] and len(origins) >= 2
    network = pq.read_table(tables / "network").to_pylist()
    for row in network:
        row["kinds"] = json.loads(row["kinds"])
    assert network == expected["network"]


def test_candidates_with_small_buckets_match_the_corpus(
    spark: Any, tables: Path, expected: dict[str, Any]
) -> None:
    """Bucket caps below the buckets' sizes: the first-and-neighbour pairs and the dropped
    rare keys are the corpus's."""
    from newsift.spark.copies import candidate_frame, corpus_frame

    small = CandidateParams(bucket_cap=2, rare_cap=3)
    params = CopyParams(candidates=small)
    corpus = corpus_frame(spark.read.parquet(str(tables / "articles")), params)
    got = {(r["a"], r["b"]) for r in candidate_frame(corpus, params).collect()}
    ids = expected["ids"]
    want = {(ids[i], ids[j]) for i, j in candidate_pairs(expected["fingerprints"], small)}
    assert got == want and len(want) > 5


def test_components_follow_chains(spark: Any) -> None:
    from newsift.spark.copies import components

    links = spark.createDataFrame(
        [("a", "b"), ("c", "b"), ("c", "d"), ("x", "y")], "a string, b string"
    )
    found = {r["node"]: r["component"] for r in components(links).collect()}
    assert found == {"a": "a", "b": "a", "c": "a", "d": "a", "x": "x", "y": "x"}


def test_a_table_without_sketches_is_refused(spark: Any, tmp_path: Path) -> None:
    from newsift.errors import ConfigError
    from newsift.spark.copies import copy_edges

    frame = spark.createDataFrame([("a", "text")], "id string, text string")
    with pytest.raises(ConfigError, match=r"\[E163\].*bands"):
        copy_edges(frame)
