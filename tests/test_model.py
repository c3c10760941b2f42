"""The data model: serialisation round trips, sub-span helpers, dates."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsift.errors import ConfigError
from newsift.model import (
    Article,
    Finding,
    ModelInfo,
    Report,
    iter_subspans,
    parse_date,
    sort_findings,
    span_dict,
    text_id,
)


def make_report() -> Report:
    text = "Officials said the bridge held."
    finding = Finding(
        kind="attribution",
        label="vague",
        start=0,
        end=31,
        text=text,
        score=0.8,
        analyzer="attribution",
        evidence={"rule": "test"},
        fields={"cue": span_dict(text, 10, 14), "content": span_dict(text, 15, 30)},
    )
    return Report(
        article=Article(text=text, published=dt.date(2024, 12, 11), source="a.txt"),
        findings=[finding],
        summary={"counts": {"attribution": 1}, "labels": {}},
        models=[ModelInfo("m", "1")],
        newsift_version="0.1.0",
    )


def test_report_round_trips_through_json_data() -> None:
    report = make_report()
    assert Report.from_dict(report.to_dict()) == report


def test_kind_specific_fields_sit_beside_common_ones() -> None:
    data = make_report().to_dict()["findings"][0]
    assert data["cue"] == {"start": 10, "end": 14, "text": "said"}
    assert data["id"] == "attribution:0-31:vague"


def test_article_id_defaults_to_text_hash_and_is_stable() -> None:
    assert Article(text="abc").id == Article(text="abc").id == text_id("abc")
    assert Article(text="abc", id="given").id == "given"


def test_with_overrides_ignores_none() -> None:
    article = Article(text="x", outlet="A")
    assert article.with_overrides(outlet=None).outlet == "A"
    assert article.with_overrides(outlet="B").outlet == "B"


def test_span_dict_refuses_offsets_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside"):
        span_dict("abc", 2, 5)


def test_iter_subspans_finds_nested_spans() -> None:
    finding = make_report().to_dict()["findings"][0]
    texts = {span["text"] for span in iter_subspans(finding)}
    assert texts == {"Officials said the bridge held.", "said", "the bridge held"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-11", dt.date(2024, 12, 11)),
        ("2024-12-11T08:00:00Z", dt.date(2024, 12, 11)),
        (dt.date(2024, 1, 2), dt.date(2024, 1, 2)),
        (dt.datetime(2024, 1, 2, 3, 4), dt.date(2024, 1, 2)),
        (None, None),
    ],
)
def test_parse_date_accepts_iso_dates(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected  # type: ignore[arg-type]


def test_parse_date_names_the_bad_value() -> None:
    with pytest.raises(ConfigError, match=r"\[E016\] '11/12/2024'"):
        parse_date("11/12/2024")


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=20))
def test_sorted_findings_are_in_reading_order(pairs: list[tuple[int, int]]) -> None:
    text = "x" * 100
    findings = [
        Finding("entity", "ORG", a, a + b, text[a : a + b], 1.0, "t", {"r": 1}) for a, b in pairs
    ]
    ordered = sort_findings(findings)
    assert [f.start for f in ordered] == sorted(f.start for f in findings)


def test_a_second_finding_on_the_same_span_and_label_gets_its_own_id() -> None:
    first = Finding("attribution", "vague", 0, 9, "Officials", 0.5, "attribution", {})
    second = dataclasses.replace(first, ordinal=2)
    assert first.id == "attribution:0-9:vague"
    assert second.id == "attribution:0-9:vague#2"
    assert Finding.from_dict(second.to_dict()) == second
    assert Finding.from_dict(first.to_dict()) == first


def test_article_from_text_keeps_the_text_and_cleans_the_metadata() -> None:
    article = Article.from_text(
        " Kyiv said so.\r\n", title=" Talks ", url="", outlet=None, published="2024-12-11",
        source="api",
    )  # fmt: skip
    assert article.text == " Kyiv said so.\r\n"  # offsets point into the text as given
    assert (article.title, article.url, article.outlet) == ("Talks", None, None)
    assert article.published == dt.date(2024, 12, 11)
    with pytest.raises(ConfigError, match="E016"):
        Article.from_text("Kyiv.", published="11/12/2024", source="api")
