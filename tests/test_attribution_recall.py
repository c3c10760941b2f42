"""Second round of the attribution analyzer: statement forms it used to miss (colon quotes,
headlines, "quoted as saying", "went on", "it has emerged", sources the parser hung elsewhere)
and the typing rules added with them.

Every sentence here is made up for the test.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.attribution_support import ANON, ORG, PERSON, VAGUE, by_content, findings

FORMS = [
    # (text, words of the content, source words, source type)
    (
        "Its transport spokesman, Aldo Fenn: “The minister has promised new trams for a decade.”",
        "new trams", "spokesman", PERSON,
    ),
    ("Health Minister: Clinics will open on Sundays\n\nThe minister said more staff were hired.",
     "Clinics will open", "Minister", PERSON),
    ("Marta Vell, 40, is quoted as saying in an interview that she would “never run again.”",
     "never run again", "Marta Vell", PERSON),
    ("The ministry's chief, Ivo Dren, was cited by state radio as saying the report was false.",
     "report was false", "chief", PERSON),
    ("“We cannot cope,” said Petra Lind. “The roads are full,” she went on.",
     "roads are full", "she", PERSON),
    ("It has emerged that the mayor was warned about the bridge in May.",
     "warned about the bridge", None, VAGUE),
    ("The army has taken the town of Orlik, the Dorvanian Defence Ministry claimed on Friday.",
     "taken the town", "Defence Ministry", ORG),
    ("The firm is buying 30 ferries from Kellmar, two people familiar with the talks said.",
     "30 ferries", "two people", ANON),
    ("Tarvik Steel, a metals group, which argued that the tariff was illegal, lost the case.",
     "tariff was illegal", "Tarvik Steel", ORG),
    ("Some parent groups have called for the school to be reopened.",
     "school to be reopened", "parent groups", VAGUE),
    ("Neighbours described hearing loud bangs after midnight.", "loud bangs", "Neighbours", VAGUE),
    ("OSLAND — Prices fell for a third month, the national statistics office said on Monday.",
     "Prices fell", "statistics office", ORG),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("text", "words", "source", "source_type"), FORMS)
def test_statement_form_is_found_with_its_source(
    nlp: Language, text: str, words: str, source: str | None, source_type: str
) -> None:
    finding = by_content(nlp, text, words)
    assert finding["label"] == source_type, finding["evidence"]
    if source is None:
        assert finding["source"]["text"] is None
    else:
        assert source in finding["source"]["text"]


TYPES = [
    # (text, words of the content, source type)
    ("The match was stopped twice, and a steward at the ground said seats were broken.",
     "seats were broken", ANON),
    ("Two staff members spoke to us. One of them described the mood as “grim.”", "grim", ANON),
    ("According to Brenlow's annual report, the company cut 900 jobs in 2023.", "900 jobs", ORG),
    ("Democrats insisted the seat would remain in their hands.", "remain in their", VAGUE),
    ("Library campaigners claim the council did not consult the public.", "consult", VAGUE),
    ("A spokesman for the eastern command, Col. Petro Savchuk, said the line held.",
     "line held", PERSON),
    ("Regional governor Oleh Kiper wrote on Telegram that the port was hit. "
     "The attacks, Kiper warned, were aimed at “starving the world.”", "starving", PERSON),
    ("Customers of Lumio, the phone retailer, were affected. Lumio said it had informed the "
     "regulator.", "informed the regulator", ORG),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("text", "words", "source_type"), TYPES)
def test_source_type_second_round(nlp: Language, text: str, words: str, source_type: str) -> None:
    finding = by_content(nlp, text, words)
    assert finding["label"] == source_type, finding["evidence"]


@pytest.mark.model
def test_nested_statement_before_its_cue_keeps_both_sources(nlp: Language) -> None:
    text = "Ordinary voters increasingly ask why they must pay, experts say."
    found = findings(nlp, text)
    sources = {f["source"]["text"] for f in found}
    assert "experts" in sources and "Ordinary voters" in sources


@pytest.mark.model
def test_scare_quote_after_went_on_is_not_a_statement(nlp: Language) -> None:
    text = "The column went on to call the plan “a revolution in miniature” and more."
    assert not any(
        f["evidence"].get("cue") == "reporting phrase 'go on'" for f in findings(nlp, text)
    )


@pytest.mark.model
def test_topic_label_before_a_colon_is_no_source(nlp: Language) -> None:
    text = "SHOCKING: Doctors hate this simple morning habit\n\nThe habit is drinking water."
    assert not any(f["evidence"]["rule"] == "colon" for f in findings(nlp, text))
