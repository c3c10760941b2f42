"""Paragraph breaks always end a sentence."""

from __future__ import annotations

from itertools import pairwise

import spacy
from hypothesis import given
from hypothesis import strategies as st

from newsift.segmentation import mark_paragraph_starts, parse_pieces


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
