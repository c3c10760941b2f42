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


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at the first non-space token after whitespace holding a blank line.

    The marks are written in one array: setting ``Token.is_sent_start`` checks the whole Doc
    for a parse on every call, which made a long article with many paragraphs quadratic.
    """
    starts = []
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or token.text.count("\n") >= 2
            continue
        if after_break and token.i > 0:
            starts.append(token.i)
        after_break = "\n\n" in token.whitespace_
    if starts:
        marks = doc.to_array([SENT_START])  # (tokens, 1) uint64; spaCy's stub says float
        marks[starts] = 1
        doc.from_array([SENT_START], cast(Any, marks))
    return doc


@Language.component(FACTORY, assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """spaCy component: ``nlp.add_pipe("newsift_paragraphs", before="parser")``."""
    return mark_paragraph_starts(doc)
