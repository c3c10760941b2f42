"""Reporting-verb rules (``analyzers/attribution/verbs.py``, ``speakers.py``): statements the
parser hid (subjects parsed as a verb's compound or a participle's noun, a name before an
age, a "that"-clause after a prepositional phrase, headlines ending "…, sources say",
"Rumours of …", stories told, figures a poll "puts") and the typing rules added with them
(names in apposition to a title, company nouns, a company's workers, place names, "the
couple", a lede that withholds a name, "it" that speaks, uncounted sources).

Every sentence here is made up for the test.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.attribution_support import findings_with

#: Every case here is a regression: it once went wrong on real input.
pytestmark = pytest.mark.regression


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "source", "kind"),
    [
        # subjects and contents the parser hid
        (
            "Prices will rise again next month, the newspaper understands.",
            "Prices will rise",
            "the newspaper",
            "named_organization",
        ),
        (
            "The minister is expected to resign within days, the agency notes.",
            "expected to resign",
            "agency",
            "named_organization",
        ),
        (
            "Three hospitals will close by spring, the regional health authority announced "
            "on Monday.",
            "Three hospitals will close",
            "the regional health authority",
            "named_organization",
        ),
        (
            "Outside the court, a man whose brother was killed said the sentence was too short.",
            "the sentence was too short",
            "a man",
            "anonymous",
        ),
        (
            "Crowley had argued throughout the hearing that he acted in self-defence.",
            "he acted in self-defence",
            "Crowley",
            None,
        ),
        (
            "Rumours of a takeover have swirled in the City for weeks.",
            "a takeover",
            "Rumours",
            "vague",
        ),
        (
            "Locals have long told tales of a ghost in the abbey.",
            "tales of a ghost",
            "Locals",
            "vague",
        ),
        (
            "According to a poll by the Harlan Institute, support fell. The poll put the Greens "
            "on 12 per cent.",
            "the Greens on 12 per cent",
            "The poll",
            "named_organization",
        ),
        # headlines that end with their source
        (
            "Tax rises loom for middle earners, experts warn\n\n"
            "LONDON — The chancellor is set to raise taxes.",
            "Tax rises loom",
            "experts",
            "vague",
        ),
        (
            "Council Hid Flood Report From Residents, Insiders Claim\n\n"
            "The council has denied the claims.",
            "Council Hid Flood Report",
            "Insiders",
            "vague",
        ),
        # names in apposition, company nouns and a company's workers
        (
            "“We are not afraid,” the spokesman of the Ministry of Defence, Ivan Petrovsky, "
            "told reporters.",
            "We are not afraid",
            "the spokesman of the Ministry of Defence",
            "named_person",
        ),
        (
            "The grid operator said the outage was caused by a storm.",
            "the outage was caused",
            "The grid operator",
            "named_organization",
        ),
        (
            "A drone operator said the enemy had withdrawn.",
            "the enemy had withdrawn",
            "A drone operator",
            "anonymous",
        ),
        (
            "Vermont-based Halcyon, the software maker, said on Monday it would hire 200 people.",
            "it would hire",
            "Vermont-based Halcyon",
            "named_organization",
        ),
        (
            "Nimbex, the cloud company, cut 300 jobs. A Nimbex engineer said morale was low. "
            "Nimbex said it regretted the cuts.",
            "it regretted the cuts",
            "Nimbex",
            "named_organization",
        ),
        (
            "Library campaigners said they were shocked by the closures.",
            "they were shocked",
            "Library campaigners",
            "vague",
        ),
        (
            "The Vardanian navy said it had intercepted two boats.",
            "intercepted two boats",
            "The Vardanian navy",
            "named_organization",
        ),
        # places, pairs, people tied to a person, uncounted sources
        (
            "Petrograd said the sanctions were illegal.",
            "the sanctions were illegal",
            "Petrograd",
            "named_organization",
        ),
        (
            "Pop singer Mara Quill has ended her engagement to the footballer Ty Brennan. "
            "The couple said they would not comment further on the split.",
            "would not comment further",
            "The couple",
            "named_person",
        ),
        (
            "The striker’s representatives insisted he had not asked to leave.",
            "he had not asked to leave",
            "The striker’s representatives",
            "anonymous",
        ),
        (
            "Sources close to the prime minister say she will resign.",
            "she will resign",
            "Sources close to the prime minister",
            "vague",
        ),
        (
            "Two sources close to the prime minister said she will resign.",
            "she will resign",
            "Two sources close to the prime minister",
            "anonymous",
        ),
        # more forms: figures, stances, "in the words of", "told of", documents
        (
            "Local officials put the death toll at 40.",
            "the death toll at 40",
            "Local officials",
            "vague",
        ),
        (
            "Mayor Lena Ortiz was adamant that the library would stay open.",
            "the library would stay open",
            "Mayor Lena Ortiz",
            "named_person",
        ),
        (
            "In the words of one aid worker, “the camp is a prison.”",
            "the camp is a prison",
            "one aid worker",
            "anonymous",
        ),
        (
            "Witnesses told of hearing gunfire near the station.",
            "hearing gunfire",
            "Witnesses",
            "vague",
        ),
        (
            "In a post on Telegram, the governor of the region, Oleh Sinyuk, wrote that two "
            "people had been injured.",
            "two people had been injured",
            "Oleh Sinyuk",
            "named_person",
        ),
        (
            "The club issued a statement on Monday. “We will rebuild, and we will come back "
            "stronger,” the statement read.",
            "We will rebuild",
            "the statement",
            "named_organization",
        ),
        (
            "The primary requirement is a “lawful source of investment income,” as a Homeland "
            "Security memo put it.",
            "lawful source",
            "a Homeland Security memo",
            "named_organization",
        ),
        # pronouns and descriptions that refer back
        (
            "Police said a man had been arrested. They added that no one else was being sought.",
            "no one else was being sought",
            "They",
            "named_organization",
        ),
        (
            "Coach Pia Lund was sacked on Sunday. The 44-year-old said she was proud of her team.",
            "proud of her team",
            None,
            "named_person",
        ),
        (
            "The 34-year-old told the court he had been framed.",
            "he had been framed",
            None,
            "anonymous",
        ),
    ],
)
def test_statements_and_source_types_of_the_fourth_round(
    nlp: Language, text: str, words: str, source: str | None, kind: str | None
) -> None:
    hits = findings_with(nlp, text, words)
    assert hits, "statement not found"
    finding = hits[0]
    if source is not None:
        assert finding["source"]["text"] == source
    if kind is not None:
        assert finding["source"]["type"] == kind


@pytest.mark.model
def test_a_name_before_an_age_is_the_source(nlp: Language) -> None:
    text = "Speaking at a rally in the capital, Maria Gonzalez, 52, said the reforms had failed."
    hits = findings_with(nlp, text, "the reforms had failed")
    assert hits
    assert all(f["source"]["type"] == "named_person" for f in hits)
    assert any("Gonzalez" in f["source"]["text"] for f in hits)


@pytest.mark.model
def test_a_lede_that_withholds_the_name_the_next_paragraph_gives(nlp: Language) -> None:
    text = (
        "A woman accused of poisoning her neighbour’s dog told a court on Tuesday that she "
        "was innocent.\n\n"
        "Appearing at Harlow Magistrates’ Court, Janet Pryce, 61, said she loved animals."
    )
    finding = findings_with(nlp, text, "she was innocent")[0]
    assert finding["source"]["type"] == "named_person"
    assert finding["source"]["resolved"] == "Janet Pryce"


@pytest.mark.model
def test_an_anonymous_lede_without_a_named_introduction_stays_anonymous(nlp: Language) -> None:
    text = (
        "A soldier on the eastern front said the shelling had eased.\n\n"
        "Ivan Korsak, 34, a medic, said supplies were short."
    )
    finding = findings_with(nlp, text, "the shelling had eased")[0]
    assert finding["source"]["type"] == "anonymous"


@pytest.mark.model
def test_it_that_speaks_is_an_institution(nlp: Language) -> None:
    text = (
        "Kesto, a smaller rival, used the moment to advertise jobs for engineers. "
        "“Come and work with us,” it wrote on X."
    )
    finding = findings_with(nlp, text, "Come and work with us")[0]
    assert finding["source"]["type"] == "named_organization"


@pytest.mark.model
def test_a_particle_parsed_off_a_later_word_does_not_swallow_the_content(
    nlp: Language,
) -> None:
    text = "He spoke to reporters. Polls suggest most Valdorians back higher defence spending."
    finding = findings_with(nlp, text, "Valdorians")[0]
    assert finding["cue"]["text"] == "suggest"
    assert finding["source"]["type"] == "vague"


@pytest.mark.model
def test_an_acronym_before_a_headline_colon_is_an_institution(nlp: Language) -> None:
    text = "WHO: Measles cases triple in Europe\n\nMeasles cases tripled last year."
    finding = findings_with(nlp, text, "Measles cases triple in Europe")[0]
    assert finding["source"]["text"] == "WHO"
    assert finding["source"]["type"] == "named_organization"
