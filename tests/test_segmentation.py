"""Paragraph breaks always end a sentence."""

from __future__ import annotations

from itertools import pairwise

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from newsift.segmentation import MAX_SENTENCE_TOKENS, mark_paragraph_starts, parse_pieces


def test_first_token_after_a_blank_line_starts_a_sentence() -> None:
    doc = spacy.blank("en")('"We hold," he said.\n\nA soldier spoke. "Quiet."\n \n Then rain.')
    starts = [t.text for t in mark_paragraph_starts(doc) if t.is_sent_start]
    assert starts == ['"', "A", "Then"]


def test_closing_quote_stays_with_its_sentence(pipeline) -> None:  # type: ignore[no-untyped-def]
    """Regression: the parser glued a closing quote to the next paragraph's sentence."""
    text = 'He said "We hold every metre."\n\nA frontline serviceman said it was bad.'
    sentences = [s.text.strip() for s in pipeline.nlp(text).sents]
    assert sentences == [
        'He said "We hold every metre."',
        "A frontline serviceman said it was bad.",
    ]


_BLANK = spacy.blank("en")  # a tokenizer only, shared by the examples
_PARTS = ["Word", "two words.", '"Quote."', "\n", "\n\n", " \n \n ", "\n\n\n", " ", "—"]


@given(st.lists(st.sampled_from(_PARTS), max_size=40))
def test_paragraph_starts_are_the_first_words_after_blank_lines(parts: list[str]) -> None:
    """Marked in one array, the starts are exactly the first non-space tokens after a blank
    line (and nothing else changes: other tokens stay undecided for the parser)."""
    doc = mark_paragraph_starts(_BLANK(" ".join(parts)))
    expected, after_break = set(), False
    for token in doc:
        if token.is_space:
            after_break = after_break or token.text.count("\n") >= 2
            continue
        if after_break and token.i > 0:
            expected.add(token.i)
        after_break = "\n\n" in token.whitespace_
    for token in doc[1:]:
        assert token.is_sent_start is (True if token.i in expected else None)


@given(
    st.lists(st.sampled_from([*_PARTS, "A sentence. ", "x" * 30]), max_size=60),
    st.integers(10, 80),
)
def test_parse_pieces_cover_the_text_and_cut_after_whitespace(parts: list[str], size: int) -> None:
    text = "".join(parts)
    pieces = parse_pieces(text, size)
    assert "".join(text[s:e] for s, e in pieces) == text
    assert all(s < e for s, e in pieces) or text == ""
    for (_, end), (start, _) in pairwise(pieces):
        assert end == start
        if text[:end].rstrip() != text[:end]:  # a whitespace cut swallows the whole run
            assert not text[end].isspace()


def test_long_text_is_cut_at_paragraph_breaks() -> None:
    paragraph = "One sentence here. Another one there.\n\n"
    text = paragraph * 10
    pieces = parse_pieces(text, 100)
    assert all(text[s:e].endswith("\n\n") for s, e in pieces)
    assert all(e - s <= 100 for s, e in pieces)


def _starts(text: str) -> list[int]:
    doc = mark_paragraph_starts(spacy.blank("en")(text))
    return [t.i for t in doc if t.is_sent_start and t.i > 0]


@pytest.mark.regression
def test_a_run_on_text_gets_sentences_at_clause_breaks() -> None:
    """A text of run-on clauses without a full stop is cut into sentences of at most about
    MAX_SENTENCE_TOKENS tokens, after a comma where one comes soon (otherwise every rule that
    walks a clause's subtree paid for the whole text at each verb: 31 s for 20,000 chars)."""
    clause = "the minister said that officials told reporters the army shelled the town, "
    doc = mark_paragraph_starts(spacy.blank("en")(clause * 200))
    starts = [t.i for t in doc if t.is_sent_start and t.i > 0]
    assert starts, "a 2,600-token run-on text must get sentence starts"
    bounds = [0, *starts, len(doc)]
    assert max(b - a for a, b in pairwise(bounds)) <= MAX_SENTENCE_TOKENS + 52
    assert all(doc[i - 1].text == "," for i in starts)


def test_texts_with_full_stops_get_no_extra_sentence_starts() -> None:
    sentence = "The minister said that officials told reporters the army shelled the town. "
    assert _starts(sentence * 300) == []


def test_a_run_without_any_clause_break_is_cut_all_the_same() -> None:
    starts = _starts("word " * 1000)
    assert starts and all(b - a <= MAX_SENTENCE_TOKENS + 52 for a, b in pairwise([0, *starts]))
