"""Source typing (``analyzers/attribution/sources/``): a name
after an organisation noun ("the energy regulator X"), a name ending like a company's in
apposition, a surname alone after a titled full name the NER mislabelled, a full name in
apposition at the end of a title's phrase ("The mayor of X, Name,") and the pronoun after it,
a capitalised plural the NER took for a name ("Neighbours"), a generic plural named only in a
prepositional phrase ("groups on Facebook"), a first name described by an age in apposition,
and a headline's bare office ("X boss: …").

Every sentence here is made up for the test.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsift.analyzers.attribution.sources.names import titled_full_names
from newsift.analyzers.attribution.speakers import _source_of
from tests.attribution_support import ORG, PERSON, VAGUE, findings_with

#: Every case here is a regression: it once went wrong on real input.
pytestmark = pytest.mark.regression

DESCRIPTOR = "a name right after an organisation noun"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "source", "kind", "rule"),
    [
        # an organisation noun right before a name: the name is the organisation's
        (
            "Grocery app Snackly said on Monday that a glitch had exposed thousands of orders.",
            "a glitch had exposed",
            "Grocery app Snackly",
            ORG,
            DESCRIPTOR,
        ),
        (
            "The water regulator Aquastat announced that bills would fall next year.",
            "bills would fall",
            "The water regulator Aquastat",
            ORG,
            DESCRIPTOR,
        ),
        (
            "The hiking channel Trail Talk wrote that the path had been closed for weeks.",
            "the path had been closed",
            "The hiking channel Trail Talk",
            ORG,
            DESCRIPTOR,
        ),
        # ... and the bare name later in the article
        (
            "Grocery app Snackly said on Monday that a glitch had exposed thousands of orders. "
            "Snackly said no card details were taken.",
            "no card details",
            "Snackly",
            ORG,
            "a one-word name the article elsewhere gives an organisation",
        ),
        # a name ending like a company's, in apposition to a person-or-company noun
        (
            "The building’s owner, Marlowe Estates, said it would repair the roof.",
            "it would repair the roof",
            "The building’s owner",
            ORG,
            "a name ending like an organisation's ('Estates') in apposition",
        ),
        # a surname alone after the full name a title introduced
        (
            "Harbour master Ines Varga said the storm had passed. Varga added that the port "
            "would reopen.",
            "the port would reopen",
            "Varga",
            PERSON,
            "surname of a person named in full earlier in the article",
        ),
        # a capitalised plural at the start of a sentence is a group, not a name
        (
            "Commuters said the trains had been late all week.",
            "the trains had been late",
            "Commuters",
            VAGUE,
            "a capitalised plural common noun, not a name: an unspecified group",
        ),
        # a generic plural is not named by a platform in its prepositional phrase
        (
            "Anti-hunting groups on Facebook said the ban was unpopular.",
            "the ban was unpopular",
            "Anti-hunting groups on Facebook",
            VAGUE,
            "unspecified group",
        ),
        # a headline's bare office refers to the holder the story names
        (
            "Harbour boss: ferries will run all winter\n\n"
            "DOVERTON — Ferries will run all winter, chief executive Lena Brandt told "
            "reporters on Monday.",
            "ferries will run all winter",
            "Harbour boss",
            PERSON,
            "a headline's bare office",
        ),
    ],
)
def test_source_types_of_the_fifth_round(
    nlp: Language, text: str, words: str, source: str, kind: str, rule: str
) -> None:
    hits = findings_with(nlp, text, words)
    assert hits, "statement not found"
    finding = hits[0]
    assert finding["source"]["text"] == source
    assert finding["source"]["type"] == kind
    assert rule in finding["evidence"]["source_rule"]


@pytest.mark.model
def test_a_descriptor_names_the_organisation_and_says_which_noun(nlp: Language) -> None:
    finding = findings_with(
        nlp, "The water regulator Aquastat announced that bills would fall.", "bills would fall"
    )[0]
    assert finding["source"]["resolved"] == "Aquastat"
    assert finding["source"]["role"] == "The water regulator"
    assert finding["evidence"]["lexicon"] == "organization noun 'regulator'"


@pytest.mark.model
def test_a_title_is_not_an_organisation_descriptor(nlp: Language) -> None:
    # "manager" (a person noun) and "head" before the name are titles, not descriptors
    text = "Rovers manager Tom Hallett said the squad was ready."
    finding = findings_with(nlp, text, "the squad was ready")[0]
    assert finding["source"]["type"] == PERSON
    assert DESCRIPTOR not in finding["evidence"]["source_rule"]


@pytest.mark.model
def test_a_full_name_after_the_office_and_the_pronoun_after_it(nlp: Language) -> None:
    text = (
        "The mayor of Brindle, Oskar Lindqvist, said the bridge was safe. He said it had "
        "been inspected in May."
    )
    first = findings_with(nlp, text, "the bridge was safe")[0]
    assert first["source"]["type"] == PERSON
    assert first["source"]["resolved"] == "Oskar Lindqvist"
    second = findings_with(nlp, text, "inspected in May")[0]
    assert second["source"]["text"] == "He"
    assert second["source"]["type"] == PERSON


@pytest.mark.model
def test_a_first_name_described_by_an_age_is_a_named_person(nlp: Language) -> None:
    text = (
        "Amir, a 31-year-old from Aleppo who gave only his first name, said the boat had capsized."
    )
    finding = findings_with(nlp, text, "the boat had capsized")[0]
    assert finding["source"]["text"] == "Amir"
    assert finding["source"]["type"] == PERSON


@pytest.mark.model
def test_titled_full_names_whatever_the_ner_calls_them(nlp: Language) -> None:
    doc = nlp(
        "Central bank governor Ana Dervic said rates would hold. Lead author Dr Emil Sandvik "
        "agreed. Its owner Calder Holdings did not comment."
    )
    names = [span.text for span in titled_full_names(doc)]
    assert "Ana Dervic" in names
    assert "Emil Sandvik" in names  # the honorific is left out
    assert not any("Holdings" in name for name in names)  # a company's name


def test_an_active_subject_wins_over_a_by_phrase_the_parser_gave_the_same_verb() -> None:
    # The parse the small model gives "Ordinary Dravanians interviewed by the agency said …"
    # in a longer article: "interviewed" as the root with both a subject and an agent, and
    # "said" as its conjunct. The "by" phrase belongs to a reduced relative clause.
    words = [
        "Ordinary",
        "Dravanians",
        "interviewed",
        "by",
        "the",
        "agency",
        "said",
        "they",
        "were",
        "proud",
        ".",
    ]
    heads = [1, 2, 2, 2, 5, 3, 2, 8, 6, 8, 2]
    deps = [
        "amod",
        "nsubj",
        "ROOT",
        "agent",
        "det",
        "pobj",
        "conj",
        "nsubj",
        "ccomp",
        "acomp",
        "punct",
    ]
    pos = ["ADJ", "PROPN", "VERB", "ADP", "DET", "NOUN", "VERB", "PRON", "AUX", "ADJ", "PUNCT"]
    tags = ["JJ", "NNPS", "VBN", "IN", "DT", "NN", "VBD", "PRP", "VBD", "JJ", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    source = _source_of(doc[6])
    assert source is not None
    assert source.text == "Dravanians"
