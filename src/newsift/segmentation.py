"""Sentence boundaries newsift can be sure of before the parser guesses the rest.

A blank line ends a paragraph, and a paragraph never continues a sentence; spaCy's small
parser sometimes glues a closing quote mark and the next paragraph's first words together
(``metre."\\n\\nA frontline serviceman`` became one sentence starting with the quote mark).
Setting ``is_sent_start`` on the first token after a paragraph break before the parser runs
makes the parser respect it; every sentence-level analyzer benefits.
"""

from __future__ import annotations

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


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at the first non-space token after whitespace holding a blank line,
    and in a run of more than :data:`MAX_SENTENCE_TOKENS` tokens without a sentence end,
    after its next clause break (a comma, semicolon, colon or dash; or anywhere when none
    comes within :data:`_CLAUSE_BREAK_REACH` more tokens).

    The marks are written in one array: setting ``Token.is_sent_start`` checks the whole Doc
    for a parse on every call, which made a long article with many paragraphs quadratic.
    """
    starts = []
    after_break = False
    run = 0  # tokens since the last sentence end or forced start
    for token in doc:
        if token.is_space:
            after_break = after_break or token.text.count("\n") >= 2
            continue
        if after_break and token.i > 0:
            starts.append(token.i)
            run = 0
        elif run > MAX_SENTENCE_TOKENS and token.i > 0:
            previous = doc[token.i - 1].text
            if previous in _CLAUSE_BREAKS or run > MAX_SENTENCE_TOKENS + _CLAUSE_BREAK_REACH:
                starts.append(token.i)
                run = 0
        run = 0 if token.text in _SENTENCE_ENDS else run + 1
        after_break = "\n\n" in token.whitespace_
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
