"""Surface rules the parse misses: a bare source before a colon (``colon``: "Its
spokesman, Adrian Kole: “…”", the headline "Minister: …") and a headline that closes on
its source and verb ("…, sources say").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.context import (
    HEADLINE,
    Context,
    _trim,
    token_at,
)
from newsift.analyzers.attribution.sources.names import acronym_institution
from newsift.analyzers.attribution.table import _Candidate

#: A headline closing on its source and a reporting verb: "…, sources say", "…, Insiders
#: Reveal" (title case parses badly, so it is read off the string).
_HEADLINE_SOURCE = re.compile(r",\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)\s+([A-Za-z]+)\s*$")


def _colon_source(context: Context, start: int, colon: int) -> Token | None:
    """The head of a noun phrase standing alone before a colon ("Its energy spokesman, Adrian
    Kole: “…”", "Energy Minister: …"), when it can name a source: a person or organisation
    entity, or a person, institution or group noun. None when the phrase has a verb."""
    span = context.doc.char_span(start, colon, alignment_mode="contract")
    if span is None or not 0 < len(span) <= 12:
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in span):
        return None
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    heads = [t for t in roots if t.pos_ in ("NOUN", "PROPN") or acronym_institution(t)]
    if not heads:
        return None
    head = heads[0]
    nouns = lex.ANONYMOUS_NOUNS | lex.PERSON_NOUNS | lex.ORGANIZATION_NOUNS | lex.VAGUE_NOUNS
    named = any(e.label_ in ("PERSON", "ORG") for e in span.ents) or any(
        t.lower_ in lex.NAMED_INSTITUTIONS for t in span
    )
    # "Rovers boss Kehoe: …": a title before an untagged name
    titled = head.pos_ == "PROPN" and any(
        t.i < head.i and t.lemma_.lower() in lex.ANONYMOUS_NOUNS | lex.PERSON_NOUNS for t in span
    )
    return head if named or titled or head.lemma_.lower() in nouns or head.lower_ in nouns else None


def _colon_candidates(context: Context) -> list[_Candidate]:
    """Statements a colon introduces after a bare source: a quotation ("The council's
    planning chair, Cllr Brian Toft: “We have to build …”") and a headline's claim
    ("Energy Minister: Petrol prices will fall by summer"). No reporting verb: the colon is
    the cue."""
    text = context.text
    found: list[_Candidate] = []
    pieces: list[tuple[int, int, int]] = []  # (colon, content start, content end)
    for q in context.quotes:
        colon = text.rfind(":", 0, q.start)
        if colon >= 0 and not text[colon + 1 : q.start].strip():
            pieces.append((colon, q.start, q.end))
    headline = HEADLINE.match(text)
    if headline is not None:
        colon = text.find(": ", 0, headline.end())
        if colon > 0:
            pieces.append((colon, colon + 1, headline.end()))
    for colon, start, end in pieces:
        line = text.rfind("\n", 0, colon) + 1
        ends = [m.end() for m in re.finditer(r"[.!?][”\"’]?\s", text[line:colon])]
        left = line + (ends[-1] if ends else 0)
        head = _colon_source(context, left, colon)
        token = token_at(context.doc, colon)
        if head is None or token is None or context.quote_of[head.i] >= 0:
            continue
        content = _trim(text, start, end)
        if content[1] > content[0]:
            found.append(_Candidate((colon, colon + 1), head, content, "colon", ":", token.i))
    return found


def _headline_candidates(context: Context, found: list[_Candidate]) -> list[_Candidate]:
    """A headline that ends with its source and a reporting verb ("Brava in talks to buy
    rival Tundra, sources say"; "… HIDING the Truth, Insiders Reveal") when no rule found
    that verb's statement: the words before the comma are the content."""
    text = context.text
    headline = HEADLINE.match(text)
    if headline is None:
        return []
    line = text[: headline.end()].rstrip()
    match = _HEADLINE_SOURCE.search(line)
    if match is None:
        return []
    verb = token_at(context.doc, match.start(2))
    source = token_at(context.doc, match.end(1) - 1)
    if verb is None or source is None or any(c.cue_token == verb.i for c in found):
        return []
    word = verb.lower_
    verbs = lex.SPEECH_VERBS | lex.COGNITION_VERBS
    if verb.lemma_.lower() not in verbs and word.rstrip("s") not in verbs:
        return []
    if source.pos_ not in ("NOUN", "PROPN"):
        return []
    start = text.rfind(": ", 0, match.start())
    start = 0 if start < 0 else start + 2
    content = _trim(text, start, match.start())
    if content[1] <= content[0]:
        return []
    cue = (verb.idx, verb.idx + len(verb.text))
    return [_Candidate(cue, source, content, "parenthetical", word.rstrip("s"), verb.i)]
