"""Paragraph breaks always end a sentence."""

from __future__ import annotations

import re
import time
from itertools import pairwise

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from newsift.pipeline import add_paragraph_boundaries, load_spacy
from newsift.segmentation import (
    MAX_SENTENCE_TOKENS,
    forced_starts,
    mark_paragraph_starts,
    parse_pieces,
)


@pytest.fixture(scope="module")
def spacy_parser() -> Language:
    """The English model with newsift's paragraph component before its parser."""
    nlp = load_spacy()
    add_paragraph_boundaries(nlp)
    return nlp


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
def test_paragraph_starts_are_the_forced_starts(parts: list[str]) -> None:
    """Marked in one array, the starts are exactly the tokens at :func:`forced_starts`,
    which include every first non-space token after a blank line (and nothing else
    changes: other tokens stay undecided for the parser)."""
    doc = mark_paragraph_starts(_BLANK(" ".join(parts)))
    forced = set(forced_starts(doc.text))
    after_blank, after_break = set(), False
    for token in doc:
        if token.is_space:
            after_break = after_break or token.text.count("\n") >= 2
            continue
        if after_break and token.i > 0:
            after_blank.add(token.idx)
        after_break = False
    assert after_blank <= forced
    for token in doc[1:]:
        assert token.is_sent_start is (True if token.idx in forced else None)


@pytest.mark.parametrize(
    ("text", "first_words"),
    [
        ("One paragraph.\nAnother one.", ["One", "Another"]),  # JSONL: one newline apart
        ("What it means\nThe deal was signed after months of talks.", ["What", "The"]),  # heading
        ("Items:\n- first one\n- second one", ["Items", "-", "-"]),  # list items
        ("He met the\nminister today.", ["He"]),  # a hard wrap inside a sentence
        ("He met Mr.\nSmith today.", ["He"]),  # an abbreviation before the wrap
        ("Talks with the U.S.\nOfficials went on.", ["Talks"]),
    ],
)
def test_single_line_breaks_end_sentences_only_where_they_must(
    text: str, first_words: list[str]
) -> None:
    doc = mark_paragraph_starts(_BLANK(text))
    assert [doc[0].text] + [t.text for t in doc[1:] if t.is_sent_start] == first_words


_WORDS = st.sampled_from(
    ["the", "minister", "said", "that", "officials", "told", "reporters", "army", "town"]
)
_SENTENCE = st.builds(
    lambda first, rest, end: " ".join([first, *rest]) + end,
    st.sampled_from(["The", "Officials", "He", '"We', "Police", "A"]),
    st.lists(_WORDS, min_size=1, max_size=12),
    st.sampled_from([".", "", ",", ' said."', ":", " —"]),
)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=3).map(" ".join)
_HEADING = st.lists(
    st.sampled_from(["Market", "Talks", "Outlook", "Why", "it", "matters"]), min_size=1, max_size=4
).map(" ".join)
_BLOCKS = st.lists(
    st.tuples(st.booleans(), st.one_of(_PARAGRAPH, _HEADING)), min_size=2, max_size=5
)


def _html(blocks: list[tuple[bool, str]]) -> str:
    body = "".join(f"<h2>{text}</h2>" if heading else f"<p>{text}</p>" for heading, text in blocks)
    return f"<html><body><article><h1>Title</h1>{body}</article></body></html>"


@settings(max_examples=25)
@given(_BLOCKS, st.sampled_from(["txt", "jsonl", "html"]))
def test_sentences_never_cross_a_paragraph_or_a_heading(
    spacy_parser: Language, blocks: list[tuple[bool, str]], fmt: str
) -> None:
    """Whatever the input format, no sentence of the parsed article runs across the break
    between two of its paragraphs or headings."""
    if fmt == "html":
        from newsift.ingest.html import parse_html

        text = parse_html(_html(blocks), "page.html", 100_000).text
    elif fmt == "jsonl":
        from newsift.ingest.rows import article_from_row

        row = {"text": "\n\n".join(block for _, block in blocks)}
        text = article_from_row(row, "in.jsonl", 1, 100_000).text
    else:
        text = "\n\n".join(block for _, block in blocks)
    breaks = [m.end() for m in re.finditer(r"\n\s*\n\s*", text)]
    for sentence in spacy_parser(text).sents:
        start, end = sentence.start_char, sentence.end_char
        crossing = [b for b in breaks if start < b < end]
        assert not crossing, f"{sentence.text!r} crosses a paragraph break"


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


@pytest.mark.regression
@pytest.mark.parametrize(
    "text",
    ["x" * 200_000, "x." * 100_000, ("." * 1000 + "\n") * 200, "a\n" * 100_000],
)
def test_forced_starts_take_linear_time(text: str) -> None:
    """Runs without spaces or of dots made a lazy pattern quadratic (9 s for 20,000 x's)."""
    started = time.perf_counter()
    forced_starts(text)
    assert time.perf_counter() - started < 2.0
