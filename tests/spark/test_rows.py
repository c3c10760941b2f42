"""The Spark rows and sketches, without Spark: the report survives the two tables, and the
sketches are the corpus's."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from newsift.corpus.boilerplate import Boilerplate, iter_lines, learn_boilerplate
from newsift.corpus.candidates import CandidateParams, band_keys
from newsift.corpus.fingerprint import fingerprint
from newsift.corpus.model import CorpusArticle
from newsift.model import Article, Finding, ModelInfo, Report
from newsift.spark import rows, sketch
from tests.corpus.texts import WIRE

TEXT = 'The mayor said: "We are on budget." Officials in Leeds agreed on Monday.'


def _report() -> Report:
    article = Article(TEXT, id="m1", title="Trams", outlet="Leeds Post", source="x.jsonl:1")
    quote = Finding(
        kind="attribution",
        label="named_person",
        start=0,
        end=35,
        text=TEXT[:35],
        score=0.9,
        analyzer="attribution",
        evidence={"rule": "colon_quote", "why": ["a colon before a quote"]},
        fields={"source": {"start": 0, "end": 9, "text": "The mayor"}, "cue": None},
    )
    place = Finding("place", "resolved", 50, 55, "Leeds", 0.8, "places", {"geonames": 2644688})
    summary = {"counts": {"attribution": 1, "place": 1}, "sourcing": {"counts": {"vague": 1}}}
    return Report(article, [quote, place], summary, [ModelInfo("m", "1")], "0.1.0")


def test_the_report_survives_the_tables() -> None:
    report = _report()
    article = rows.article_row({}, report)
    findings = rows.finding_rows(report)
    assert [f["position"] for f in findings] == [0, 1]
    assert (
        findings[0]["fields"]
        == '{"source": {"start": 0, "end": 9, "text": "The mayor"}, "cue": null}'
    )
    assert rows.report_from_rows(article, list(reversed(findings))) == report.to_dict()
    assert article["n_findings"] == 2 and article["n_place"] == 1 and article["n_claim"] is None
    assert article["sourcing_vague"] == 1 and article["status"] == "ok"


def test_an_error_row_keeps_the_document() -> None:
    document = {"id": "d", "text": "Bonjour", "source": "f.jsonl#id=d", "published": "2024-05-02"}
    row = rows.error_row(document, "E013", "[E013] f.jsonl#id=d: …")
    assert row["status"] == "error" and row["error_code"] == "E013" and row["text"] == "Bonjour"
    assert row["summary"] is None and row["n_findings"] is None
    assert rows.published_month(row) == "2024-05"


def test_band_keys_are_the_candidate_index_keys() -> None:
    columns = sketch.sketch_columns(WIRE)
    fp = fingerprint(WIRE)
    keys = band_keys(fp.hashvalues.astype(np.uint64)[None, :], CandidateParams())[0]
    assert columns["bands"] == keys.view(np.int64).tolist()
    assert columns["anchors"] == fp.anchors.view(np.int64).tolist()
    assert columns["n_words"] == fp.n_words and len(columns["bands"]) == 32


def test_masked_spans_are_the_boilerplate_mask() -> None:
    footer = "Subscribe to our newsletter for the latest news."
    articles = [
        CorpusArticle(
            id=f"a{i}", text=f"Story {'abcde'[i] * 4} about the port.\n{footer}", outlet="P"
        )
        for i in range(5)
    ]
    learnt: Boilerplate = learn_boilerplate(articles)
    mask = learnt.mask(articles[0])
    assert mask and sketch.masked_spans(articles[0].text, sketch.line_hashes(footer)) == mask
    masked = sketch.sketch_columns(articles[0].text, mask)
    assert masked["n_words"] == fingerprint(articles[0].text, mask).n_words


@given(st.text(alphabet=st.sampled_from("ab \n.\u00e9"), max_size=300))
def test_every_candidate_line_is_hashed_once(text: str) -> None:
    hashes = sketch.line_hashes(text)
    assert hashes == sorted(set(hashes))
    spans = [(start, end) for start, end, _ in iter_lines(text)]
    assert sketch.masked_spans(text, hashes) == spans
    assert all(0 <= s <= e <= len(text) for s, e in spans)
