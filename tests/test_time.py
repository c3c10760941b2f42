"""The time analyzer: normalisation table, relative resolution, flags, offsets, summary."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from newsift.analyzers.timex import (
    PUBLISHED_KEY,
    TimeMention,
    TimeValue,
    inconsistent_pairs,
    normalize,
    published_date,
    summarize,
)
from newsift.analyzers.timex.mentions import dateline_date
from newsift.findings import doc_to_findings
from newsift.model import Finding

#: A Wednesday.
PUB = dt.date(2023, 12, 13)


@pytest.mark.parametrize(
    ("text", "published", "tense", "label", "value"),
    [
        # absolute and partial dates
        ("December 11, 2023", None, "none", "date", "2023-12-11"),
        ("Dec. 11, 2023", None, "none", "date", "2023-12-11"),
        ("11 December 2023", None, "none", "date", "2023-12-11"),
        ("2023-12-11", None, "none", "date", "2023-12-11"),
        ("December 11", None, "none", "date", "XXXX-12-11"),
        ("December 11", PUB, "past", "date", "2023-12-11"),
        # a tense reaches about ten months either way; beyond it the nearest date wins
        ("December 20", PUB, "past", "date", "2023-12-20"),
        ("December 2", PUB, "past", "date", "2023-12-02"),
        ("Dec. 18", dt.date(2019, 12, 30), "past", "date", "2019-12-18"),
        ("Dec. 18", dt.date(2019, 12, 30), "none", "date", "2019-12-18"),
        ("Feb. 9", dt.date(2020, 1, 20), "past", "date", "2020-02-09"),
        ("Jan. 14", dt.date(2000, 1, 15), "future", "date", "2000-01-14"),
        ("June 30", PUB, "past", "date", "2023-06-30"),
        ("June 30", PUB, "future", "date", "2024-06-30"),
        ("December 20", PUB, "future", "date", "2023-12-20"),
        ("January 3", PUB, "none", "date", "2024-01-03"),
        ("March 2022", None, "none", "date", "2022-03"),
        ("in March", PUB, "past", "date", "2023-03"),
        # a bare month: a past tense its last occurrence begun, a future tense its next (#16)
        ("in March", dt.date(2020, 1, 2), "past", "date", "2019-03"),
        ("in January", dt.date(2020, 1, 2), "past", "date", "2020-01"),
        ("in March", dt.date(2024, 4, 10), "future", "date", "2025-03"),
        ("in April", dt.date(2024, 4, 10), "future", "date", "2024-04"),
        ("in March", dt.date(2020, 1, 2), "none", "date", "2020-03"),
        # a bare season likewise; untensed, the publication year
        ("the spring", dt.date(2024, 11, 22), "future", "date", "2025-SP"),
        ("the spring", dt.date(2024, 4, 10), "future", "date", "2024-SP"),
        ("the summer", dt.date(2024, 3, 5), "past", "date", "2023-SU"),
        ("the summer", dt.date(2024, 7, 5), "past", "date", "2024-SU"),
        ("the winter", dt.date(2024, 1, 15), "past", "date", "2023-WI"),
        ("the winter", dt.date(2024, 1, 15), "future", "date", "2023-WI"),
        ("the autumn", dt.date(2024, 11, 22), "none", "date", "2024-FA"),
        ("last summer", dt.date(2024, 3, 5), "future", "date", "2023-SU"),
        # a weekday: the last one (today included) in the past, the next in the future
        ("Friday", dt.date(2024, 11, 22), "past", "date", "2024-11-22"),
        ("Thursday", dt.date(2024, 11, 22), "future", "date", "2024-11-28"),
        ("Saturday", dt.date(2024, 11, 22), "past", "date", "2024-11-16"),
        ("2022", None, "none", "date", "2022"),
        ("the 1990s", None, "none", "date", "199"),
        # weekdays against the publication date (a Wednesday)
        ("on Wednesday", PUB, "past", "date", "2023-12-13"),
        ("Monday", PUB, "past", "date", "2023-12-11"),
        ("Friday", PUB, "future", "date", "2023-12-15"),
        ("last Wednesday", PUB, "none", "date", "2023-12-06"),
        ("next Monday", PUB, "none", "date", "2023-12-18"),
        ("Wednesday", None, "none", "date", "XXXX-WXX-3"),
        ("Tuesday night", PUB, "past", "time", "2023-12-12TNI"),
        # deictic and relative periods
        ("yesterday", PUB, "none", "date", "2023-12-12"),
        ("tomorrow", PUB, "none", "date", "2023-12-14"),
        ("yesterday", None, "none", "date", "PAST_REF"),
        ("last month", PUB, "none", "date", "2023-11"),
        ("last month", dt.date(2024, 1, 5), "none", "date", "2023-12"),
        ("last month", None, "none", "date", "PAST_REF"),
        ("this year", PUB, "none", "date", "2023"),
        ("next week", PUB, "none", "date", "2023-W51"),
        ("two days ago", PUB, "none", "date", "2023-12-11"),
        ("three years ago", PUB, "none", "date", "2020"),
        # durations: digits, fractions, words, adjectival, ordinal
        ("2.5 years", None, "none", "duration", "P2.5Y"),
        ("18 months", None, "none", "duration", "P18M"),
        ("18-month", None, "none", "duration", "P18M"),
        ("two-year", None, "none", "duration", "P2Y"),
        ("eighteen months", None, "none", "duration", "P18M"),
        ("a year and a half", None, "none", "duration", "P1.5Y"),
        ("two and a half years", None, "none", "duration", "P2.5Y"),
        ("half a year", None, "none", "duration", "P0.5Y"),
        ("the past three years", None, "none", "duration", "P3Y"),
        ("more than 500 days", None, "none", "duration", "P500D"),
        ("six hours", None, "none", "duration", "PT6H"),
        ("two decades", None, "none", "duration", "P20Y"),
        ("the third year", None, "none", "duration", "P3Y"),
        ("a third straight week", None, "none", "duration", "P3W"),
        # seasons (TIMEX3 codes)
        ("last summer", PUB, "none", "date", "2022-SU"),
        ("spring 2023", None, "none", "date", "2023-SP"),
        ("the winter", None, "none", "date", "XXXX-WI"),
        # times and sets
        ("3:30 p.m.", None, "none", "time", "T15:30"),
        ("3:30 p.m.", PUB, "none", "time", "2023-12-13T15:30"),
        ("this morning", PUB, "none", "time", "2023-12-13TMO"),
        ("every Monday", None, "none", "set", "XXXX-WXX-1"),
        ("every two weeks", None, "none", "set", "P2W"),
        ("weekly", None, "none", "set", "P1W"),
        ("every night", None, "none", "set", "XXXX-XX-XXTNI"),
        # quarters and halves, against the publication date and the tense
        ("the third quarter", dt.date(1989, 10, 26), "past", "date", "1989-Q3"),
        ("fourth-quarter", dt.date(1989, 10, 26), "none", "date", "1989-Q4"),
        ("the fourth quarter", dt.date(2024, 2, 10), "past", "date", "2023-Q4"),
        ("the 1988 second quarter", None, "none", "date", "1988-Q2"),
        ("the year-ago quarter", dt.date(1989, 10, 26), "none", "date", "1988-Q3"),
        ("the latest quarter", dt.date(1989, 11, 2), "none", "date", "1989-Q3"),
        ("the final quarter of 2009", None, "none", "date", "2009-Q4"),
        ("the third quarter of this year", dt.date(2009, 11, 3), "past", "date", "2009-Q3"),
        ("the first half", PUB, "none", "date", "2023-H1"),
        # months, weekends and references
        ("last June", dt.date(1989, 10, 27), "none", "date", "1989-06"),
        ("last December", PUB, "none", "date", "2022-12"),
        ("next January", PUB, "none", "date", "2024-01"),
        ("October of next year", dt.date(2009, 5, 15), "none", "date", "2010-10"),
        ("the weekend", dt.date(1990, 8, 13), "past", "date", "1990-W32-WE"),
        ("early next year", dt.date(1989, 10, 27), "none", "date", "1990"),
        ("earlier this month", PUB, "past", "date", "2023-12"),
        ("late yesterday", PUB, "none", "date", "2023-12-12"),
        ("last night", PUB, "none", "time", "2023-12-12TNI"),
        ("by the end of the year", PUB, "future", "date", "2023"),
        ("year-end", PUB, "none", "date", "2023"),
        ("now", PUB, "none", "date", "PRESENT_REF"),
        ("the near future", PUB, "none", "date", "FUTURE_REF"),
        ("recently", PUB, "none", "date", "PAST_REF"),
        ("in recent years", PUB, "none", "date", "PAST_REF"),
        ("nineteen ninety-six", None, "none", "date", "1996"),
        ("the year two thousand", None, "none", "date", "2000"),
        ("the '70s", None, "none", "date", "197"),
        ("since '82", dt.date(2008, 10, 27), "none", "date", "1982"),
        ("two weeks ago", dt.date(1998, 3, 22), "none", "date", "1998-03-08"),
        ("nearly four years ago", dt.date(1998, 2, 27), "none", "date", "1994"),
        ("next week's", PUB, "none", "date", "2023-W51"),
        ("an Aug. 10, 1988", None, "none", "date", "1988-08-10"),
        ("April 3 , 2009", None, "none", "date", "2009-04-03"),
        # times in UTC, vague and qualified durations
        ("14:58 UTC", dt.date(2008, 9, 20), "none", "time", "2008-09-20T14:58Z"),
        ("0800 GMT", None, "none", "time", "T08:00Z"),
        ("several years", None, "none", "duration", "PXY"),
        ("the coming years", None, "none", "duration", "PXY"),
        ("a couple of years", None, "none", "duration", "P2Y"),
        ("the first nine months of the year", None, "none", "duration", "P9M"),
        ("at least the past 18 months", None, "none", "duration", "P18M"),
        ("six straight days", None, "none", "duration", "P6D"),
        ("two consecutive quarters", None, "none", "duration", "P2Q"),
        ("the past decade", None, "none", "duration", "P10Y"),
        # a month without a year or a tense: up to eight months back before ahead
        ("March", dt.date(1989, 10, 30), "none", "date", "1989-03"),
        ("Aug. 6", dt.date(1998, 2, 6), "none", "date", "1997-08-06"),
        ("January", dt.date(2006, 8, 19), "none", "date", "2006-01"),
        ("May 3", dt.date(2024, 2, 10), "none", "date", "2024-05-03"),
        # numbers in words and fractions; modifiers; "later" keeps a length
        ("the last twenty-four hours", None, "none", "duration", "PT24H"),
        ("almost a hundred years", None, "none", "duration", "P100Y"),
        ("2 1/2 years", None, "none", "duration", "P2.5Y"),
        ("barely a month", None, "none", "duration", "P1M"),
        ("an additional year", None, "none", "duration", "P1Y"),
        ("Three days later", None, "none", "duration", "P3D"),
        # a clock time on a named day, noon and midnight
        ("10 p.m. Wednesday", PUB, "past", "time", "2023-12-13T22:00"),
        ("noon Thursday", dt.date(1998, 2, 13), "past", "time", "1998-02-12T12:00"),
        ("5 p.m. EST, Nov. 6", dt.date(1989, 10, 30), "future", "time", "1989-11-06T17:00"),
        ("midnight Friday", dt.date(1989, 10, 30), "past", "time", "1989-10-27T24:00"),
        ("16:00 UTC today", dt.date(2009, 6, 1), "none", "time", "2009-06-01T16:00Z"),
        ("noon", None, "none", "time", "T12:00"),
        # centuries, decades in words, months of a named year, quarters as sets
        ("the 20th century", None, "none", "date", "19"),
        ("the 11th century", None, "none", "date", "10"),
        ("the nineteenth century", None, "none", "date", "18"),
        ("the nineties", None, "none", "date", "199"),
        ("June last year", dt.date(1998, 2, 19), "none", "date", "1997-06"),
        ("January this year", dt.date(1998, 2, 19), "none", "date", "1998-01"),
        ("every quarter", None, "none", "set", "P1Q"),
        ("each July", None, "none", "set", "XXXX-07"),
        # numeric dates: month first, unless the first number cannot be a month
        ("7/8/07", dt.date(2007, 7, 10), "none", "date", "2007-07-08"),
        ("12/25/2008", None, "none", "date", "2008-12-25"),
        ("25/12/2008", None, "none", "date", "2008-12-25"),
        ("the last half of 1989", None, "none", "date", "1989-H2"),
        ("just last month", dt.date(1998, 2, 27), "none", "date", "1998-01"),
    ],
)
def test_normalisation_table(
    text: str, published: dt.date | None, tense: str, label: str, value: str
) -> None:
    result = normalize(text, published, tense)  # type: ignore[arg-type]
    assert result is not None, text
    assert (result.label, result.value) == (label, value)


@pytest.mark.parametrize(
    "text",
    [
        "may",
        "hello",
        "25",
        "the quarter",
        "that year",
        "may next year",
        "52 years old",
        "2/30/2008",
    ],
)
def test_unnormalisable_expressions_give_none(text: str) -> None:
    assert normalize(text, PUB) is None


def test_earliest_day_of_values() -> None:
    from newsift.analyzers.timex.mentions import _earliest

    assert _earliest("2025-03-03") == dt.date(2025, 3, 3)
    assert _earliest("2025") == dt.date(2025, 1, 1)
    assert _earliest("199") == dt.date(1990, 1, 1)
    assert _earliest("2025-WI") == dt.date(2024, 12, 1)


def test_ordinal_duration_is_a_range() -> None:
    value = normalize("its third year")
    assert value is not None and value.ordinal
    assert value.months == (24.0, 36.0)


def test_inconsistent_pairs_needs_the_same_event_and_disjoint_ranges() -> None:
    def mention(start: int, text: str) -> TimeMention:
        return TimeMention(start, start + len(text), text, normalize(text), "test", "none")

    siege_18 = mention(0, "18-month")
    third_year = mention(40, "third year")
    two_years = mention(80, "two years")
    assert inconsistent_pairs([(siege_18, "siege"), (third_year, "siege")])
    assert not inconsistent_pairs([(siege_18, "siege"), (third_year, "war")])
    assert not inconsistent_pairs([(two_years, "siege"), (third_year, "siege")])  # 24 in (24, 36]
    about = TimeMention(
        0, 5, "about", TimeValue("duration", "P2Y", months=(18.0, 30.0)), "t", "none"
    )
    assert not inconsistent_pairs([(about, "siege"), (third_year, "siege")])


def test_published_date_reads_user_data() -> None:
    doc = spacy.blank("en")("text")
    assert published_date(doc) is None
    doc.user_data[PUBLISHED_KEY] = "2024-02-14"
    assert published_date(doc) == dt.date(2024, 2, 14)
    doc.user_data[PUBLISHED_KEY] = "not a date"
    assert published_date(doc) is None


def test_summary_timeline_is_sorted_by_value() -> None:
    def finding(start: int, text: str, value: str | None) -> Finding:
        return Finding(
            "time", "date", start, start + len(text), text, 1.0, "time", {}, {"value": value}
        )

    timeline = summarize(
        [
            finding(0, "December 11", "2023-12-11"),
            finding(20, "2022", "2022"),
            finding(30, "recent years", None),
        ]
    )["timeline"]
    assert [t["value"] for t in timeline] == ["2022", "2023-12-11"]
    assert timeline[0] == {"text": "2022", "value": "2022", "start": 20, "end": 24}


def test_blank_pipeline_finds_pattern_durations() -> None:
    import newsift.analyzers.timex  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("newsift_time")
    text = "The siege has lasted 2.5 years and talks happen every Monday."
    findings = doc_to_findings(nlp(text))
    values = {f.text: f.fields["value"] for f in findings if f.kind == "time"}
    assert values == {"2.5 years": "P2.5Y", "every Monday": "XXXX-WXX-1"}
    for f in findings:
        assert text[f.start : f.end] == f.text


# --- with the real model --------------------------------------------------------------


@pytest.fixture(scope="module")
def time_nlp() -> Language:
    import newsift.analyzers.timex  # noqa: F401
    from newsift.pipeline import load_spacy

    nlp = load_spacy()
    nlp.add_pipe("newsift_time")
    return nlp


def _run(nlp: Language, text: str, published: str | None) -> list[Finding]:
    doc: Doc = nlp.make_doc(text)
    doc.user_data[PUBLISHED_KEY] = published
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [f for f in doc_to_findings(doc) if f.analyzer == "time"]


@pytest.mark.model
def test_relative_dates_resolve_against_publication(time_nlp: Language) -> None:
    text = "On Wednesday, officials said the army withdrew last month after 2.5 years."
    findings = _run(time_nlp, text, "2024-02-14")
    values = {f.text: (f.label, f.fields["value"]) for f in findings if f.kind == "time"}
    assert values["Wednesday"] == ("date", "2024-02-14")
    assert values["last month"] == ("date", "2024-01")
    assert values["2.5 years"] == ("duration", "P2.5Y")
    assert all(f.fields["anchor"] == "2024-02-14" for f in findings if f.kind == "time")


@pytest.mark.model
def test_future_date_in_past_tense_is_flagged(time_nlp: Language) -> None:
    text = "Talks took place on March 3, 2025, officials said."
    flags = [f for f in _run(time_nlp, text, "2024-02-14") if f.kind == "flag"]
    assert [(f.label, f.text) for f in flags] == [("future_date_in_past_tense", "March 3, 2025")]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The election was scheduled for May 5, 2026.",
        "Officials said talks would take place on March 3, 2025.",
        "The ministry will publish the figures on March 3, 2025.",
        "Talks took place on March 3, 2023, officials said.",
    ],
)
def test_no_future_flag_for_plans_modals_or_past_dates(time_nlp: Language, text: str) -> None:
    assert not [f for f in _run(time_nlp, text, "2024-02-14") if f.kind == "flag"]


@pytest.mark.model
def test_inconsistent_durations_are_flagged(time_nlp: Language) -> None:
    text = (
        "Officials said the 18-month siege had exhausted the city. "
        "The siege, now in its third year, has killed thousands."
    )
    findings = _run(time_nlp, text, "2024-02-14")
    [flag] = [f for f in findings if f.kind == "flag"]
    assert flag.label == "inconsistent_durations"
    assert flag.text == "third year"
    assert flag.fields["event"] == "siege"
    other = flag.fields["other"]
    assert text[other["start"] : other["end"]] == other["text"] == "18-month"
    # the duration finding on the same characters keeps its own payload
    assert any(f.kind == "time" and f.text == "third year" for f in findings)


@pytest.mark.model
def test_consistent_durations_are_not_flagged(time_nlp: Language) -> None:
    text = "The two-year war goes on. The war, now in its third year, has displaced millions."
    assert not [f for f in _run(time_nlp, text, None) if f.kind == "flag"]


@pytest.mark.model
def test_no_publication_date_gives_partial_values(time_nlp: Language) -> None:
    findings = _run(time_nlp, "Kyiv said on December 11 it had shot down drones.", None)
    values = {f.text: f.fields["value"] for f in findings if f.kind == "time"}
    assert values["December 11"] == "XXXX-12-11"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "published", "expression", "value", "tense"),
    [
        # issue #16: a past-tense event is never placed after the publication date ...
        ("The suspect was arrested in March.", "2020-01-02", "March", "2019-03", "past"),
        # ... nor a future-tense one before it
        (
            "They said the case would be filed in the spring.",
            "2024-11-22",
            "the spring",
            "2025-SP",
            "future",
        ),
        ("Prosecutors will appeal on Thursday.", "2024-11-22", "Thursday", "2024-11-28", "future"),
        ("The court met on Saturday.", "2024-11-22", "Saturday", "2024-11-16", "past"),
        # an infinitive after an adjective takes the tense of the adjective's verb
        (
            "The outage made it difficult for the firm to meet demand into the summer.",
            "1989-10-26",
            "the summer",
            "1989-SU",
            "past",
        ),
    ],
)
def test_tense_picks_the_side_of_the_publication_date(
    time_nlp: Language, text: str, published: str, expression: str, value: str, tense: str
) -> None:
    findings = [f for f in _run(time_nlp, text, published) if f.kind == "time"]
    [finding] = [f for f in findings if f.text == expression]
    assert (finding.fields["value"], finding.evidence["tense"]) == (value, tense)
    assert finding.fields["anchor"] == published


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        'The documentary "20 Days in Mariupol" won the Oscar.',
        "She starred in \u201cSix Months Later\u201d, the film about the flood.",
        'The album "1999" was released by Prince.',
    ],
)
def test_no_time_inside_a_quoted_work_title(time_nlp: Language, text: str) -> None:
    findings = _run(time_nlp, text, "2024-11-22")
    assert not [f for f in findings if f.kind == "time"]


@pytest.mark.model
def test_time_outside_the_title_and_in_quoted_speech_stays(time_nlp: Language) -> None:
    text = (
        'The documentary "20 Days in Mariupol" premiered on Friday. '
        '"We waited 20 days for water," she said.'
    )
    findings = [f for f in _run(time_nlp, text, "2024-11-22") if f.kind == "time"]
    values = {f.text: f.fields["value"] for f in findings}
    assert values == {"Friday": "2024-11-22", "20 days": "P20D"}
    assert text.index("20 days") == next(f.start for f in findings if f.text == "20 days")


def _period(value: str) -> tuple[dt.date, dt.date]:
    """First day and the day after the last of a month ("2019-03") or season ("2025-SP",
    winter from December of its year) value."""
    year, part = value.split("-")
    starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
    month, length = (int(part), 1) if part.isdigit() else (starts[part], 3)
    after = int(year) * 12 + month - 1 + length
    return dt.date(int(year), month, 1), dt.date(after // 12, after % 12 + 1, 1)


@settings(max_examples=200, deadline=None)
@given(
    published=st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31)),
    word=st.sampled_from(
        ["January", "March", "June", "December", "the spring", "summer", "the autumn", "winter"]
    ),
    tense=st.sampled_from(["past", "future"]),
)
def test_tensed_month_or_season_is_the_nearest_on_the_tense_side(
    published: dt.date, word: str, tense: str
) -> None:
    value = normalize(word, published, tense)  # type: ignore[arg-type]
    assert value is not None
    start, end = _period(value.value)
    if tense == "past":  # begun by the publication date, and the latest such
        assert start <= published < start.replace(year=start.year + 1)
    else:  # not over at the publication date, and the first such
        assert end > published >= end.replace(year=end.year - 1)


_PIECES = st.sampled_from(
    [
        "December 11",
        "on Wednesday",
        "2.5 years",
        "last month",
        " ",
        ". ",
        ", ",
        "the ",
        "18-month siege",
        "third year",
        "3:30 p.m.",
        "every Monday",
        "Kyiv",
        "\n",
        "2025",
    ]
)


@pytest.mark.model
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=15))
def test_offsets_are_exact(time_nlp: Language, pieces: list[str]) -> None:
    text = "".join(pieces)
    if not text:
        return
    first = _run(time_nlp, text, "2024-02-14")
    for f in first:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.text
        other = f.fields.get("other")
        if other:
            assert text[other["start"] : other["end"]] == other["text"]
    assert [f.to_dict() for f in _run(time_nlp, text, "2024-02-14")] == [f.to_dict() for f in first]


@pytest.mark.model
def test_an_age_after_a_name_is_not_a_date(time_nlp: Language) -> None:
    text = "“We hear explosions every night,” said Olena Petrenko, 54, a schoolteacher."
    assert "54" not in [f.text for f in _run(time_nlp, text, "2024-12-11") if f.kind == "time"]


def _times(findings: list[Finding]) -> dict[str, str | None]:
    return {f.text: f.fields.get("value") for f in findings if f.kind == "time"}


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The 25-year-old nurse was hired last week.",
        "Staff on zero-hours contracts walked out.",
        "A 20-second clip of the strike went viral.",
        "The film \u201c1917\u201d won three awards.",
    ],
)
def test_ages_compound_adjectives_and_titles_are_not_times(time_nlp: Language, text: str) -> None:
    times = _times(_run(time_nlp, text, "2020-01-20"))
    assert not {t for t in times if t not in ("last week",)}, times


@pytest.mark.model
def test_partial_dates_take_the_year_of_the_article(time_nlp: Language) -> None:
    text = "The ceasefire collapsed on Dec. 18, officials said."
    assert _times(_run(time_nlp, text, "2019-12-30"))["Dec. 18"] == "2019-12-18"
    text = "The ministry announced that elections will take place on Feb. 9."
    assert _times(_run(time_nlp, text, "2020-01-20"))["Feb. 9"] == "2020-02-09"


@pytest.mark.model
def test_range_ends_are_two_expressions(time_nlp: Language) -> None:
    text = "He bought the shares between 1985 and 1987, the filing shows."
    assert _times(_run(time_nlp, text, "1989-10-27")) == {"1985": "1985", "1987": "1987"}


@pytest.mark.model
def test_a_year_earlier_follows_the_quarter_the_report_names(time_nlp: Language) -> None:
    text = (
        "Acme Corp. said net income in the third quarter rose to $5 million from "
        "$3 million a year earlier."
    )
    times = _times(_run(time_nlp, text, "1989-10-26"))
    assert times["the third quarter"] == "1989-Q3"
    assert times["a year earlier"] == "1988-Q3"


@pytest.mark.model
def test_a_part_of_the_day_after_a_weekday_is_not_a_second_time(time_nlp: Language) -> None:
    text = "Protesters gathered in the square on Friday night to demand his return."
    times = _times(_run(time_nlp, text, "2000-01-08"))
    assert times.get("Friday") == "2000-01-07"
    assert "night" not in times


@pytest.mark.model
def test_last_year_in_a_quarter_report_is_the_calendar_year(time_nlp: Language) -> None:
    text = (
        "Acme Corp. said third-quarter profit rose 8%. Last year, the company lost money "
        "on its steel business."
    )
    assert _times(_run(time_nlp, text, "1989-10-26"))["Last year"] == "1988"


@pytest.mark.model
def test_a_period_and_its_end_date_are_two_expressions(time_nlp: Language) -> None:
    text = "Acme earned $5 million in the quarter ended Sept. 30, up from $4 million."
    times = _times(_run(time_nlp, text, "1989-11-01"))
    assert times["Sept. 30"] == "1989-09-30"
    assert times["the quarter"] == "1989-Q3"
    text = "Revenue for the fiscal year ended March 31 was $76 million."
    times = _times(_run(time_nlp, text, "1989-11-01"))
    assert times["March 31"] == "1989-03-31"
    assert times["the fiscal year"] == "P1Y"


@pytest.mark.model
def test_a_purpose_clause_takes_the_main_verbs_past(time_nlp: Language) -> None:
    text = "The government staged celebrations to mark the country's entry into NATO on Friday."
    assert _times(_run(time_nlp, text, "1999-03-13"))["Friday"] == "1999-03-12"
    text = "The minister plans to visit the border on Friday."
    assert _times(_run(time_nlp, text, "1999-03-13"))["Friday"] == "1999-03-19"


@pytest.mark.model
def test_a_plan_in_the_past_perfect_points_back(time_nlp: Language) -> None:
    text = "The offer had been scheduled to expire at midnight Friday."
    assert _times(_run(time_nlp, text, "1989-10-30"))["midnight Friday"] == "1989-10-27T24:00"


@pytest.mark.model
def test_a_clock_time_and_the_day_after_it_are_one_time(time_nlp: Language) -> None:
    text = "Negotiations broke off at noon Thursday, police said."
    times = _times(_run(time_nlp, text, "1998-02-13"))
    assert times == {"noon Thursday": "1998-02-12T12:00"}


@pytest.mark.model
def test_ages_in_years_old_are_not_durations(time_nlp: Language) -> None:
    text = "Mr. Reupke, 52 years old, will leave the company."
    assert not _times(_run(time_nlp, text, "1989-11-02"))


@pytest.mark.model
def test_that_year_and_the_following_year_follow_the_named_date(time_nlp: Language) -> None:
    text = (
        "The plant opened in 1995. Sales doubled that year, and the following year the "
        "company hired 300 people."
    )
    times = _times(_run(time_nlp, text, "1998-04-18"))
    assert times["that year"] == "1995"
    assert times["the following year"] == "1996"


@pytest.mark.model
def test_a_modal_points_a_partial_date_ahead(time_nlp: Language) -> None:
    text = "The transaction should be completed in October, the company said."
    assert _times(_run(time_nlp, text, "2009-06-05"))["October"] == "2009-10"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Car sales fall\nFebruary 03 , 2009\nSales of cars fell.", dt.date(2009, 2, 3)),
        ("KYIV \u2014 3 March 2022\nAir raid sirens sounded.", dt.date(2022, 3, 3)),
        ("Title\n\nThe war began on March 3, 2022, officials said.", None),
        ("Markets\nStocks fell on Tuesday.", None),
    ],
)
def test_dateline_date_is_a_full_date_opening_a_first_line(
    text: str, expected: dt.date | None
) -> None:
    assert dateline_date(text) == expected


@pytest.mark.model
def test_without_a_publication_date_the_dateline_anchors(time_nlp: Language) -> None:
    text = "Car sales fall\nFebruary 03, 2009\nSales of cars fell 35% in January, makers said."
    findings = _run(time_nlp, text, None)
    january = next(f for f in findings if f.kind == "time" and f.text == "January")
    assert january.fields["value"] == "2009-01"
    assert january.fields["anchor"] == "2009-02-03"
    assert "dateline" in january.evidence["rule"]


@pytest.mark.model
def test_later_that_year_follows_the_named_year(time_nlp: Language) -> None:
    text = "The company was founded in 1998. Later that year it opened a second plant."
    assert _times(_run(time_nlp, text, "2000-01-28"))["Later that year"] == "1998"


@pytest.mark.model
def test_each_before_a_month_or_weekday_makes_a_set(time_nlp: Language) -> None:
    text = "Orangemen march each July, and a third flight departs each Thursday."
    times = _times(_run(time_nlp, text, "1998-03-22"))
    assert times["each July"] == "XXXX-07"
    assert times["each Thursday"] == "XXXX-WXX-4"
