"""Sentence boundaries newsift can be sure of before the parser guesses the rest.

A blank line ends a paragraph, and a paragraph never continues a sentence; spaCy's small
parser sometimes glues a closing quote mark and the next paragraph's first words together
(``metre."\\n\\nA frontline serviceman`` became one sentence starting with the quote mark).
Setting ``is_sent_start`` on the first token after a paragraph break before the parser runs
makes the parser respect it; every sentence-level analyzer benefits.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "newsift_paragraphs"


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at the first non-space token after whitespace holding a blank line."""
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or token.text.count("\n") >= 2
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = "\n\n" in token.whitespace_
    return doc


@Language.component(FACTORY, assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """spaCy component: ``nlp.add_pipe("newsift_paragraphs", before="parser")``."""
    return mark_paragraph_starts(doc)
