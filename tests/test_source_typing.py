"""Source typing keeps no state between articles: the vocabulary taken from the pipeline is
an immutable :class:`~newsift.analyzers.attribution.context.SourceLexicon` held by each analyzer,
and the sentence index and headline facts live in the per-document ``Context``. Reading
one article never changes what the analyzer finds in another, and two pipelines built in
one process agree.

Every sentence here is made up for the test.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import spacy
from spacy.language import Language

from newsift.analyzers.attribution import AttributionAnalyzer, extract_attributions
from newsift.analyzers.attribution.context import SourceLexicon, title_case_headline_end
from newsift.pipeline import load_spacy
from tests.attribution_support import findings

# A title-case headline (its capitalised common nouns are no names), a sentence-initial
# capitalised plural, a surname alone after the full name, a pronoun and an institution.
FIRST = (
    "Harbour Residents Fear Ferry Cuts, Councillors Warn\n\n"
    "Witnesses said the last ferry of the evening left without passengers on Friday. "
    "Councillor Marta Lindqvist said the timetable would be reviewed. "
    "Lindqvist added that “nobody on the island was asked about the changes.” "
    "She said she would raise the matter with the port authority.\n\n"
    "The operator said in a statement that fuel costs had doubled since spring."
)
# Another article, with other names, sentences and no headline.
SECOND = (
    "Two officials familiar with the talks said the agreement was close. "
    "Trade minister Oskar Vell told reporters that “the last details are technical.” "
    "Analysts said markets had already priced in a deal. "
    "Vell said he expected a signing within a month."
)


def _attribution_findings(nlp: Language, text: str) -> list[dict[str, Any]]:
    found = findings(nlp, text)
    assert found, "the test article should produce attribution findings"
    return found


@pytest.mark.model
def test_state_does_not_leak_between_articles(nlp: Language) -> None:
    first = _attribution_findings(nlp, FIRST)
    second = _attribution_findings(nlp, SECOND)
    assert _attribution_findings(nlp, FIRST) == first
    assert _attribution_findings(nlp, SECOND) == second


@pytest.mark.model
def test_two_pipelines_in_one_process_agree(nlp: Language) -> None:
    other = load_spacy()
    other.add_pipe("newsift_attribution", config={"learned_filter": False})  # as the fixture
    # an analyzer on a pipeline without a lemmatizer, built in between, changes nothing
    blank = spacy.blank("en")
    blank.add_pipe("newsift_attribution")
    blank_analyzer = blank.get_pipe("newsift_attribution")
    assert isinstance(blank_analyzer, AttributionAnalyzer)
    assert blank_analyzer.lexicon == SourceLexicon()
    for text in (FIRST, SECOND, FIRST):
        assert _attribution_findings(other, text) == _attribution_findings(nlp, text)
    ours, theirs = nlp.get_pipe("newsift_attribution"), other.get_pipe("newsift_attribution")
    assert isinstance(ours, AttributionAnalyzer) and isinstance(theirs, AttributionAnalyzer)
    assert ours.lexicon == theirs.lexicon
    assert ours.lexicon.common_nouns  # the English model's lemmatizer vocabulary


@pytest.mark.model
def test_extract_attributions_uses_the_analyzers_lexicon(nlp: Language) -> None:
    analyzer = nlp.get_pipe("newsift_attribution")
    assert isinstance(analyzer, AttributionAnalyzer)
    doc = nlp(FIRST)
    assert extract_attributions(doc) == extract_attributions(doc, lexicon=analyzer.lexicon)


def test_source_lexicon_is_immutable() -> None:
    lexicon = SourceLexicon(frozenset({"city", "witness"}), (("ies", "y"), ("es", "")))
    assert lexicon.common_noun_lemma("city") == "city"
    assert lexicon.common_noun_lemma("cities") == "city"
    assert lexicon.common_noun_lemma("witnesses") == "witness"
    assert lexicon.common_noun_lemma("lindqvist") is None
    assert SourceLexicon().common_noun_lemma("city") is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        lexicon.common_nouns = frozenset()  # type: ignore[misc]


def test_title_case_headline_end() -> None:
    assert title_case_headline_end(FIRST) == FIRST.index("\n\n")
    assert title_case_headline_end("Ferry cuts worry harbour residents\n\nText.") == -1
    assert title_case_headline_end(SECOND) == -1


def test_context_indexes_answer_what_the_document_scans_did(nlp: Language) -> None:
    """The per-article indexes (one pass each) give what scanning the Doc gave."""
    from newsift.analyzers.attribution.extract import _context
    from newsift.text.quotes import find_quotes

    doc = nlp(FIRST + "\n\n" + SECOND)
    pipe = nlp.get_pipe("newsift_attribution")
    assert isinstance(pipe, AttributionAnalyzer)
    context = _context(doc, find_quotes(doc.text), pipe.lexicon)
    lindqvist = [t for t in doc if t.text == "Lindqvist"]
    assert [t.i for t in context.same_text_elsewhere(lindqvist[0])] == [lindqvist[1].i]
    assert [t.i for t in context.tokens_by_lemma["say"]] == [
        t.i for t in doc if t.lemma_.lower() == "say"
    ]
    for person in context.persons:
        longest = max((p.text for p in context.persons if p[-1].text == person[-1].text), key=len)
        assert context.full_name(person) == longest
    assert {"Marta", "Lindqvist", "Oskar", "Vell"} <= context.long_person_words
