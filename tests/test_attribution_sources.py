"""Source typing and resolution of the attribution analyzer: datelines, surnames, pronouns,
appositions, document sources, split quotes, and complements that must not become sources.

Every sentence here is made up for the test.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsift.analyzers.attribution import extract_attributions
from newsift.analyzers.attribution.extract import _DATELINE
from tests.attribution_support import by_content, findings


@pytest.mark.parametrize(
    "text",
    [
        "KHARKIV — Russian forces",
        "BRUSSELS, March 4 (Wire) — The Commission",
        "KYIV/MOSCOW (Example Wire) – Talks",
        "DONETSK REGION — The brigade",
    ],
)
def test_dateline_is_recognised(text: str) -> None:
    match = _DATELINE.match(text)
    assert match is not None and text[match.end()] != " "


@pytest.mark.parametrize("text", ["A judge said", "US officials — and others", "NATO said"])
def test_dateline_is_not_found_in_ordinary_openings(text: str) -> None:
    assert _DATELINE.match(text) is None


PERSON, ORG, VAGUE = "named_person", "named_organization", "vague"
SOURCE_TYPES = [
    # (text, words of the content, source type)
    ("KHERSON — The Ukrainian military said its troops had crossed the river.", "crossed", ORG),
    ("WARSAW — Poland's health minister, Ewa Nowicka, said hospitals would gain.", "gain", PERSON),
    ("Dorvany's foreign minister, Ana Kirov, said her government was ready.", "ready", PERSON),
    ("The closure was confirmed by its owner, Calder Steel, on Monday.", "closure", ORG),
    ("Voltra, the energy company, called the allegations “complete nonsense.”", "nonsense", ORG),
    ("Acciaio Europa, the steel industry lobby, said tariffs would cost jobs.", "tariffs", ORG),
    ("A mother, who gave her name only as Um Khaled, said they were hungry.", "hungry", PERSON),
    ("A new study by the Karolinska Institute found that walking helps the heart.", "walking", ORG),
    ("Doctors' unions said the plan came too late.", "too late", VAGUE),
    ("Her office said the senator would attend.", "attend", ORG),
    ("Ukraine's air force said it had shot down most of the drones.", "drones", ORG),
    ("Russian state television reported that the village had fallen.", "village", ORG),
    ("State media reported that the president had recovered.", "recovered", ORG),
    ("Police said the road would stay closed until Thursday.", "road", ORG),
    ("Ministry says river crossing held", "river crossing", ORG),
    ("Sources at the club said the coach would stay.", "coach", VAGUE),
    ("It is rumoured that the plant will close.", "plant", VAGUE),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("text", "words", "source_type"), SOURCE_TYPES)
def test_source_type(nlp: Language, text: str, words: str, source_type: str) -> None:
    finding = by_content(nlp, text, words)
    assert finding["label"] == source_type, finding["evidence"]
    assert finding["evidence"]["source_rule"]


@pytest.mark.model
def test_dateline_is_not_the_source(nlp: Language) -> None:
    text = "KHERSON — The Ukrainian military said its troops had crossed the river."
    assert by_content(nlp, text, "crossed")["source"]["text"] == "The Ukrainian military"


@pytest.mark.model
def test_surname_after_the_full_name_is_the_person_whatever_its_entity_label(
    nlp: Language,
) -> None:
    text = (
        "Jan Kowal, head of the nurses' association, said nurses had not been consulted. "
        "“Once again we read about our future in the newspapers,” Kowal said."
    )
    finding = by_content(nlp, text, "Once again")
    assert finding["label"] == "named_person"
    assert finding["source"]["resolved"] == "Jan Kowal"


@pytest.mark.model
def test_surname_starting_a_sentence_is_not_taken_for_a_verb(nlp: Language) -> None:
    text = (
        "“The benefits level off after 7,000 steps,” said lead author Dr. Amira Sayed. "
        "Sayed added that even short walks made a difference."
    )
    assert by_content(nlp, text, "short walks")["label"] == "named_person"


@pytest.mark.model
def test_short_company_name_tagged_as_a_person_stays_the_company(nlp: Language) -> None:
    text = "Kestrel Holdings said it had sold the unit. Kestrel said the proceeds would pay debt."
    assert by_content(nlp, text, "proceeds")["label"] == "named_organization"


@pytest.mark.model
def test_pronoun_refers_to_the_previous_speaker_not_the_last_name(nlp: Language) -> None:
    # "Bergen" is a place the NER may take for a person; the speaker is the nurse.
    text = (
        "Dr. Karin Holm said the rumours were false.\n\n"
        "A nurse in Bergen, who asked not to be named, said patients had cancelled "
        "appointments. “People are scared,” she said."
    )
    finding = by_content(nlp, text, "People are scared")
    assert finding["label"] == "anonymous"
    assert finding["source"]["resolved"] is None


@pytest.mark.model
def test_pronoun_after_a_titled_name_the_ner_missed_is_the_person(nlp: Language) -> None:
    text = (
        "“We expect a recovery,” chief financial officer Ilya Sorin said on a call. "
        "He added that the company would cut spending."
    )
    assert by_content(nlp, text, "cut spending")["label"] == "named_person"


@pytest.mark.model
def test_it_refers_to_the_previous_organisation(nlp: Language) -> None:
    text = (
        "Ukraine's 47th Mechanised Brigade said its soldiers had repelled eleven assaults. "
        "It said the Russians had used armoured vehicles."
    )
    assert by_content(nlp, text, "armoured")["label"] == "named_organization"


@pytest.mark.model
def test_split_quote_content_has_the_two_halves_as_parts(nlp: Language) -> None:
    text = "“We will not stop,” Maria Lopez said, “until the plant is closed.”"
    (finding,) = findings(nlp, text)
    assert (finding["source"]["text"], finding["cue"]["text"]) == ("Maria Lopez", "said")
    assert [p["text"] for p in finding["content"]["parts"]] == [
        "“We will not stop,”",
        "“until the plant is closed.”",
    ]


@pytest.mark.model
def test_quote_continued_after_its_cue_has_parts(nlp: Language) -> None:
    text = "“It was brutal,” Stone told reporters in Kyiv. “Nobody saw it coming.”"
    (finding,) = findings(nlp, text)
    assert [p["text"] for p in finding["content"]["parts"]] == [
        "“It was brutal,”",
        "“Nobody saw it coming.”",
    ]


@pytest.mark.model
def test_single_piece_content_has_no_parts(nlp: Language) -> None:
    (finding,) = findings(nlp, "Maria Lopez said the bridge would reopen in May.")
    assert "parts" not in finding["content"]


@pytest.mark.model
def test_subject_of_a_reported_clause_is_not_a_source(nlp: Language) -> None:
    # The regression: "further help" was taken for the source of "in the coming weeks".
    text = (
        "In Washington, the State Department announced a new aid package on Tuesday, while "
        'officials in Berlin and Paris said further help would follow "in the coming weeks."'
    )
    sources = [f["source"]["text"] for f in findings(nlp, text)]
    assert "further help" not in sources
    assert "officials in Berlin and Paris" in sources


@pytest.mark.model
def test_complement_in_the_next_paragraph_is_not_the_content(nlp: Language) -> None:
    text = (
        "In Washington, the State Department announced a new aid package on Tuesday, while "
        'officials in Berlin and Paris said further help would follow "in the coming weeks."\n\n'
        "Local residents said shelling had intensified over the past two weeks."
    )
    found = [f for f in findings(nlp, text) if f["source"]["text"] == "the State Department"]
    assert [f["content"]["text"] for f in found] == ["a new aid package on Tuesday"]


@pytest.mark.model
def test_told_an_audience_that(nlp: Language) -> None:
    text = (
        "A spokesman for the air force, Yurii Ihnatenko, told a televised briefing that the "
        "attackers had flown low along the river."
    )
    finding = by_content(nlp, text, "flown low")
    assert finding["cue"]["text"] == "told"
    assert finding["label"] == "named_person"


@pytest.mark.model
def test_attributions_keep_their_order_and_are_deterministic(nlp: Language) -> None:
    text = (
        "Marta Kowal, the finance minister, said the deficit would narrow. “We are on track,” "
        "she said. A senior official said the levy was rushed. “It was chaos,” he said."
    )
    first = extract_attributions(nlp(text))
    assert first == extract_attributions(nlp(text))
    assert [a.start for a in first] == sorted(a.start for a in first)
    assert [a.source_type for a in first] == [
        "named_person",
        "named_person",
        "anonymous",
        "anonymous",
    ]


def test_content_starts_after_the_wire_dateline(nlp: Language) -> None:
    text = (
        "KYIV, December 11 (Example Wire) — Ukrainian forces have held the bridgehead, "
        "the Defence Ministry said on Wednesday."
    )
    finding = by_content(nlp, text, "Ukrainian forces")
    assert finding["content"]["text"].startswith("Ukrainian forces have held")
    assert finding["source"]["text"] == "the Defence Ministry"
