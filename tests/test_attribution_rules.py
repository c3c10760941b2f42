"""Attribution rules (``analyzers/attribution/rules.py`` and its source typing): metonymy and
untagged institution names, call signs, documents that "read", role descriptions, hearsay
nouns with their own clause, subjects the parser lost across a paragraph break, and the
typing rules added with them.

Every sentence here is made up for the test.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsift.findings import doc_to_findings
from tests.attribution_support import by_content

#: Every case here is a regression: it once went wrong on real input.
pytestmark = pytest.mark.regression


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "source", "kind"),
    [
        # metonymy and institutions the NER leaves untagged or takes for people
        (
            "In Paris, Downing Street said the talks would resume on Monday.",
            "the talks would resume",
            "Downing Street",
            "named_organization",
        ),
        (
            "The Copper Lantern, the nightclub, said that it was cooperating with police.",
            "cooperating with police",
            "The Copper Lantern",
            "named_organization",
        ),
        (
            "According to the newspaper Varda Voice, grain exports rose in May.",
            "grain exports rose",
            "the newspaper Varda Voice",
            "named_organization",
        ),
        # people the NER typed otherwise, or whose name is a call sign
        (
            "“It is a bold bet,” said Mirela Otsuka, an analyst at Branford Partners.",
            "It is a bold bet",
            "Mirela Otsuka",
            "named_person",
        ),
        (
            "“We hold the bridge at night,” said one gunner, who gave only his call sign, Falcon.",
            "We hold the bridge",
            "one gunner",
            "anonymous",
        ),
        # one person of a group, a group tied to a person
        (
            "As one commentator put it on Sunday, “the league is broken.”",
            "the league is broken",
            "one commentator",
            "anonymous",
        ),
        (
            "Her family said in a statement that they were heartbroken.",
            "they were heartbroken",
            "Her family",
            "anonymous",
        ),
    ],
)
def test_source_types_of_the_third_round(
    nlp: Language, text: str, words: str, source: str, kind: str
) -> None:
    finding = by_content(nlp, text, words)
    assert finding["source"]["text"] == source
    assert finding["source"]["type"] == kind


@pytest.mark.model
def test_a_document_that_reads_a_quotation_speaks_for_its_owner(nlp: Language) -> None:
    text = (
        "The club said so on Monday.\n\n"
        "“We thank the coach for his years of service and wish him well,” read a statement "
        "on the club’s website."
    )
    finding = by_content(nlp, text, "We thank the coach")
    assert finding["source"]["type"] == "named_organization"
    assert finding["cue"]["text"] == "read"


@pytest.mark.model
def test_a_study_published_by_a_university_takes_its_type(nlp: Language) -> None:
    text = (
        "Glaciers could vanish by 2080, according to a study published in May by the "
        "University of Tessaly."
    )
    finding = by_content(nlp, text, "Glaciers could vanish")
    assert finding["source"]["type"] == "named_organization"


@pytest.mark.model
def test_rumours_with_their_own_clause_are_hearsay(nlp: Language) -> None:
    text = "Rumours that the mayor had resigned were dismissed by the council on Friday."
    found = [f for f in doc_to_findings(nlp(text)) if f.kind == "attribution"]
    rumours = [f.to_dict() for f in found if f.to_dict()["source"]["text"] == "Rumours"]
    assert len(rumours) == 1
    assert rumours[0]["content"]["text"].endswith("the mayor had resigned")
    assert rumours[0]["source"]["type"] == "vague"


@pytest.mark.model
def test_the_people_refers_back_to_people_familiar_with_the_matter(nlp: Language) -> None:
    text = (
        "Orvik Foods is in talks to buy a rival, three people familiar with the matter said.\n\n"
        "A deal could be signed within weeks, the people said."
    )
    finding = by_content(nlp, text, "A deal could be signed")
    assert finding["source"]["type"] == "anonymous"


@pytest.mark.model
def test_the_head_of_state_refers_back_to_the_president(nlp: Language) -> None:
    text = (
        "President Ilse Varnholt said on Monday that the economy had recovered.\n\n"
        "The head of state told a meeting of mayors that pensions would rise next year."
    )
    finding = by_content(nlp, text, "pensions would rise")
    assert finding["source"]["type"] == "named_person"
    assert finding["source"]["resolved"] == "Ilse Varnholt"


@pytest.mark.model
def test_an_inverted_one_after_a_quotation_is_the_speaker(nlp: Language) -> None:
    text = "“Every shift runs late,” said one, who works nights at the depot."
    finding = by_content(nlp, text, "Every shift runs late")
    assert finding["source"]["text"] == "one"
    assert finding["source"]["type"] == "anonymous"


@pytest.mark.model
def test_writers_urge_not_those_written_to(nlp: Language) -> None:
    text = (
        "Mayors of several coastal towns have written to ministers urging them to fund the "
        "sea wall."
    )
    finding = by_content(nlp, text, "fund the sea wall")
    assert finding["source"]["type"] == "vague"
    assert "Mayors" in finding["source"]["text"]
