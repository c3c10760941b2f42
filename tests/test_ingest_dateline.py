"""Datelines: place and agency, offsets into the text, and what is not one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsift.ingest.dateline import find_dateline


@pytest.mark.parametrize(
    ("text", "place", "agency", "written"),
    [
        ("KYIV (Reuters) — Russian forces struck.", "KYIV", "Reuters", "KYIV (Reuters) —"),
        (
            "LOS ANGELES, Dec 4 (AP) - A fire broke out.",
            "LOS ANGELES",
            "AP",
            "LOS ANGELES, Dec 4 (AP) -",
        ),
        ("GAZA CITY — Residents fled.", "GAZA CITY", None, "GAZA CITY —"),
        ("Kyiv, Ukraine (CNN)—Officials said.", "Kyiv, Ukraine", "CNN", "Kyiv, Ukraine (CNN)—"),
        ("BEIRUT, Lebanon (AP) — Israel said.", "BEIRUT, Lebanon", "AP", "BEIRUT, Lebanon (AP) —"),
        ("By Jane Doe\n\nWASHINGTON — The Senate voted.", "WASHINGTON", None, "WASHINGTON —"),
    ],
)
def test_datelines(text: str, place: str, agency: str | None, written: str) -> None:
    dateline = find_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.agency) == (place, agency)
    assert text[dateline.start : dateline.end] == written


@pytest.mark.parametrize(
    "text",
    [
        "NATO - the alliance said.",
        "The mayor — who spoke — said.",
        "Officials in Kyiv said.",
        "ABC-TV reported the fire.",
        "Kyiv — the capital — was quiet.",  # a place in ordinary case needs an agency
        "A first paragraph that runs on for a long while, well past any kicker or byline line."
        "\nPARIS — later.",
    ],
)
def test_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


@given(st.text(max_size=200))
def test_dateline_offsets_lie_in_the_text(text: str) -> None:
    dateline = find_dateline(text)
    if dateline is not None:
        assert 0 <= dateline.start < dateline.end <= len(text)
        assert text[dateline.start : dateline.end].startswith(dateline.place.split(",")[0])


def test_pasted_text_in_the_web_form_gets_its_dateline_and_loses_trailing_credits() -> None:
    from newsift.web.app import form_article

    text = "KYIV (Reuters) - The minister said talks had failed.\n\n(Reporting by Jane Doe)\n"
    article = form_article(text, {"title": "Talks fail"})
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("KYIV", "Reuters")
    assert "Reporting by" not in article.text and text.startswith(article.text.rstrip())
