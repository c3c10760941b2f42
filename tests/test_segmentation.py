"""Paragraph breaks always end a sentence."""

from __future__ import annotations

import spacy

from newsift.segmentation import mark_paragraph_starts


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
