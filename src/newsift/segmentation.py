"""Sentence boundaries newsift can be sure of before the parser guesses the rest.

A blank line ends a paragraph, and a paragraph never continues a sentence; spaCy's small
parser sometimes glues a closing quote mark and the next paragraph's first words together
(``metre."\\n\\nA frontline serviceman`` became one sentence starting with the quote mark).
Setting ``is_sent_start`` on the first token after a paragraph break before the parser runs
makes the parser respect it; every sentence-level analyzer benefits.

Texts mark paragraphs and headings in other ways too (:func:`forced_starts`): JSONL and
scraped text often put one newline between paragraphs, lists put one item per line, and a
heading is a short line without a full stop. A single line break ends a sentence only where
it cannot be a hard wrap inside one: after a sentence end, before a list item, and around a
heading line.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any, cast

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "newsift_paragraphs"


#: Most tokens a run of text without a sentence end may have before a sentence is started
#: for it. News sentences stay far below (PolNeAR's longest is about 150 tokens); a text of
#: run-on clauses without full stops would otherwise be one sentence, and every analyzer
#: that walks a clause's dependency subtree would pay for its whole length at each verb.
MAX_SENTENCE_TOKENS = 200
#: How many more tokens a long run may take to reach a clause break before it is cut anyway.
_CLAUSE_BREAK_REACH = 50
_SENTENCE_ENDS = frozenset({".", "!", "?", "…"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–"})


#: A blank line (or a paragraph separator character), with the spaces around it.
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[^\S\r\n]*(?:\r\n|\r|\n)\s*|[\u2029\x0c]\s*")
#: A line break after a sentence end (closing quotes and brackets allowed after it),
#: before a line that starts like a sentence (possessive, from a run's first mark only:
#: linear on runs of dots).
_LINE_AFTER_END = re.compile(
    r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+[^\S\r\n]*+(?:\r\n|\r|\n)\s*+(?=[\"'“‘(\[]?[A-Z0-9])"
)
#: Longest word looked at before a full stop (``Sept``, ``U.S.A``).
_WORD_BEFORE_CHARS = 12
#: A line break before a list item (``- ``, ``• ``, ``* ``, ``1. ``).
_LINE_BEFORE_ITEM = re.compile(r"(?:\r\n|\r|\n)[^\S\r\n]*(?=(?:[-•*▪►–]|\d{1,2}[.)])\s+\S)")
#: Words before a full stop that is no sentence end (``Mr.``, ``U.S.``).
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt"),
        *("capt", "maj", "prof", "rev", "no", "vs", "inc", "corp", "co", "ltd", "jr", "sr"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    }
)
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")
#: A heading line: at most this many words, no sentence punctuation at its end.
_HEADING_WORDS = 12
#: ... and shorter than this share of the text's usual line length (a hard-wrapped
#: paragraph's lines are all about as long as each other).
_HEADING_SHARE = 0.6
#: A non-blank line, from its first non-space character (group 1).
_LINE = re.compile(r"^[^\S\r\n]*(\S[^\r\n]*)", re.MULTILINE)
_NOT_HEADING_ENDS = (".", ",", ";", ":", "!", "?", "…", '"', "”", "’", "-", "—")


def forced_starts(text: str) -> list[int]:
    """Character offsets where a sentence must start, in order: the first non-space
    character after a blank line, after a line break that follows a sentence end (not an
    abbreviation) and precedes a capital, before a list item line, and at and after a
    heading line (a short line, preceded by a paragraph or sentence end, without end
    punctuation, followed by a line starting with a capital).
    """
    starts = {match.end() for match in _BLANK_LINE.finditer(text)}
    for match in _LINE_AFTER_END.finditer(text):
        if not _abbreviation_before(text, match.start()):
            starts.add(match.end())
    starts.update(match.end() for match in _LINE_BEFORE_ITEM.finditer(text))
    starts.update(_heading_starts(text, starts))
    return sorted(start for start in starts if 0 < start < len(text))


def _abbreviation_before(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` (before a full stop) is an abbreviation."""
    before = text[max(0, end - _WORD_BEFORE_CHARS) : end]
    word = re.split(r"\s", before)[-1].lstrip("\"'“‘([")
    return word.lower() in _ABBREVIATIONS or bool(_INITIALISM.fullmatch(word + "."))


def _heading_starts(text: str, starts: set[int]) -> list[int]:
    """Where the line after each heading line starts (see :func:`forced_starts`)."""
    lines = [(m.start(1), m.group(1).rstrip()) for m in _LINE.finditer(text)]
    if len(lines) < 2:
        return []
    lengths = sorted(len(line) for _, line in lines)
    usual = lengths[int(0.9 * (len(lengths) - 1))] if len(lengths) >= 10 else lengths[-1]
    found = []
    for number, ((first, line), (next_first, next_line)) in enumerate(pairwise(lines)):
        if (
            (number == 0 or first in starts)
            and len(line.split()) <= _HEADING_WORDS
            and len(line) < _HEADING_SHARE * usual
            and not line.endswith(_NOT_HEADING_ENDS)
            and next_line[:1].isupper()
        ):
            found.append(next_first)
    return found


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at every token starting at one of :func:`forced_starts` (after a
    paragraph break, a heading, a list item …), and in a run of more than
    :data:`MAX_SENTENCE_TOKENS` tokens without a sentence end, after its next clause break
    (a comma, semicolon, colon or dash; or anywhere when none comes within
    :data:`_CLAUSE_BREAK_REACH` more tokens).

    The marks are written in one array: setting ``Token.is_sent_start`` checks the whole Doc
    for a parse on every call, which made a long article with many paragraphs quadratic.
    """
    starts = []
    forced = iter(forced_starts(doc.text))
    next_forced = next(forced, None)
    run = 0  # tokens since the last sentence end or forced start
    for token in doc:
        if token.is_space:
            continue
        while next_forced is not None and next_forced < token.idx:
            next_forced = next(forced, None)
        if next_forced == token.idx and token.i > 0:
            starts.append(token.i)
            run = 0
        elif run > MAX_SENTENCE_TOKENS and token.i > 0:
            previous = doc[token.i - 1].text
            if previous in _CLAUSE_BREAKS or run > MAX_SENTENCE_TOKENS + _CLAUSE_BREAK_REACH:
                starts.append(token.i)
                run = 0
        run = 0 if token.text in _SENTENCE_ENDS else run + 1
    if starts:
        marks = doc.to_array([SENT_START])  # (tokens, 1) uint64; spaCy's stub says float
        marks[starts] = 1
        doc.from_array([SENT_START], cast(Any, marks))
    return doc


#: Where a long text may be cut for parsing, best first: after a paragraph break, a line
#: break, a sentence end, any space.
_CUTS = ("\n\n", "\n", ". ", " ")


def parse_pieces(text: str, size: int) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive ``(start, end)`` pieces of at most about ``size``
    characters for parsing, each ending after a whole run of whitespace, at the best break
    in its second half (see :data:`_CUTS`); a text without any is cut at ``size``.

    The pieces cover the text exactly, so joining them gives it back.
    """
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = limit
        for mark in _CUTS:
            found = text.rfind(mark, start + size // 2, limit)
            if found >= 0:
                cut = found + len(mark)
                while cut < len(text) and text[cut].isspace():
                    cut += 1
                break
        pieces.append((start, cut))
        start = cut
    if start < len(text) or not pieces:
        pieces.append((start, len(text)))
    return pieces


@Language.component(FACTORY, assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """spaCy component: ``nlp.add_pipe("newsift_paragraphs", before="parser")``."""
    return mark_paragraph_starts(doc)
