"""The reporting-verb rules: a verb, its source and its content.

``ccomp``, ``xcomp``, ``object``, ``prep-object``, ``quote-cue``, ``parenthetical``, the
passives (``passive-agent``, ``impersonal-passive``) and ``quoted-object``, as steps:
read the cue, find the statement, adjust for the passive, filter, and take the content.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.complements import (
    _OBJECT_DEPS,
    _clause_before_source,
    _complement,
    _nearest_quote,
    _quote_after,
)
from newsift.analyzers.attribution.context import (
    Context,
    _clause,
    _is_passive,
    _trim,
    char_range,
)
from newsift.analyzers.attribution.speakers import (
    _left_source,
    _quoted_as,
    _reading_document,
    _source_of,
)
from newsift.analyzers.attribution.stance import refuses_statement
from newsift.analyzers.attribution.table import _Candidate


def _quoted_object(context: Context, verb: Token) -> _Candidate | None:
    """Any verb whose object holds a quotation: "X hailed the vote as “fantastic”" (not the
    copula or verbs of having: "staff were on 'atypical contracts'")."""
    if context.quote_of[verb.i] >= 0 or verb.lemma_.lower() in lex.NON_REPORTING_VERBS:
        return None
    objects = [c for c in verb.children if c.i > verb.i and c.dep_ in _OBJECT_DEPS]
    if not any(c.dep_ in ("dobj", "prep", "xcomp", "oprd") for c in objects):
        return None
    rng = char_range(t for c in objects for t in _clause(c))
    # The closing mark often hangs on the verb, outside the object: overlap is enough.
    if rng is None or not any(q.start < rng[1] and rng[0] < q.end for q in context.quotes):
        return None
    source = _source_of(verb)
    if source is None or context.quote_of[source.i] >= 0:
        return None
    text = context.text
    cue = (verb.idx, verb.idx + len(verb.text))
    return _Candidate(cue, source, _trim(text, *rng), "quoted-object", verb.lemma_.lower(), verb.i)


def _figure_candidate(context: Context, verb: Token) -> _Candidate | None:
    """A poll or survey that "puts" a figure: "The poll put Civic Union on 31 per cent"
    (the document is the source, what it puts where is the content); anyone who puts a
    number on something: "Officials put the death toll at 40"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    at_figure = any(
        p.dep_ == "prep"
        and p.lower_ == "at"
        and any(t.like_num or t.tag_ == "$" for t in p.subtree)
        for p in verb.children
    )
    if subject.lemma_.lower() not in lex.DOCUMENT_NOUNS and not at_figure:
        return None
    if context.quote_of[verb.i] >= 0 or not any(
        c.dep_ == "dobj" and c.pos_ != "PRON" for c in verb.children
    ):
        return None  # not "as a memo put it"
    if not any(c.dep_ == "prep" and c.lower_ in ("on", "at") for c in verb.children):
        return None
    objects = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "prep")]
    rng = char_range(t for c in objects for t in c.subtree)
    if rng is None:
        return None
    cue = (verb.idx, verb.idx + len(verb.text))
    content = _trim(context.text, *rng)
    return _Candidate(cue, subject, content, "object", verb.lemma_.lower(), verb.i)


def _listed(candidate: _Candidate | None) -> list[_Candidate]:
    return [] if candidate is None else [candidate]


#: Every lemma a reporting verb rule starts from.
_CUE_VERBS = (
    lex.SPEECH_VERBS
    | lex.COGNITION_VERBS
    | lex.XCOMP_VERBS
    | lex.OBJECT_VERBS
    | lex.AS_CLAUSE_VERBS
    | lex.IMPERSONAL_VERBS
    | frozenset().union(*lex.PREPOSITION_VERBS.values())
)


def _cue_reading(context: Context, token: Token, lemma: str) -> tuple[str, Token | None]:
    """The verb's lemma as a cue ("read", "make clear", "go on" or its own) and the document
    that reads ("“…,” read a statement"), if any."""
    clear = next((c for c in token.children if c.lower_ == "clear"), None)
    reader = _reading_document(token) if lemma == "read" else None
    if lemma == "read" and reader is None and _quote_after(context, token) is not None:
        # "A statement from the club read: “…”"
        reader = next(
            (
                c
                for c in token.children
                if c.dep_ == "nsubj" and c.lemma_.lower() in lex.DOCUMENT_NOUNS | lex.MEDIA_NOUNS
            ),
            None,
        )
    if reader is not None:
        return "read", reader  # "“…,” read a statement on the club's website."
    if lemma == "make" and clear is not None and clear.i > token.i:
        return "make clear", None  # "X made (it) clear that …"
    if lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children):
        return "go on", None  # "“…,” she went on."
    return lemma, None


#: What a reporting verb says so far: its source, its content with the rule that found it,
#: the rule, and whether it is impersonal (hearsay with no source).
_Statement = tuple[Token | None, tuple[tuple[int, int], str] | None, str, bool]


def _passive(
    context: Context,
    token: Token,
    lemma: str,
    statement: _Statement,
) -> _Statement:
    """``passive-agent`` and ``impersonal-passive``: a passive reporting verb with a "by"
    agent, "it is believed that …", "X is expected to …"."""
    source, complement, rule, impersonal = statement
    agent = any(c.dep_ == "agent" for c in token.children)
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if agent and complement is None and subject is not None:
        rng = char_range(subject.subtree)
        if rng is not None:
            complement = (_trim(context.text, *rng), "passive-agent")
    elif (
        not agent
        and complement is not None
        and subject is not None
        and subject.lower_ == "it"
        and lemma not in lex.XCOMP_VERBS
    ):
        source, impersonal = None, True
    elif not agent and subject is not None and lemma in lex.RAISING_PASSIVES:
        xcomp = next((c for c in token.children if c.dep_ == "xcomp"), None)
        if xcomp is not None and xcomp.i > token.i:
            # "Trump is expected to win": hearsay with no source in the text.
            rng = char_range([*subject.subtree, *_clause(xcomp)])
            if rng is not None:
                complement = (_trim(context.text, *rng), "impersonal-passive")
                source, impersonal = None, True
    rule = "passive-agent" if agent else ("impersonal-passive" if impersonal else rule)
    return source, complement, rule, impersonal


def _statement(
    context: Context, token: Token, lemma: str, reader: Token | None
) -> tuple[_Statement, bool] | None:
    """The source and content of a reporting verb, and whether the source was found left of
    it by the surface fallback; None when the verb reports nothing here."""
    source = reader or _source_of(token)
    left_source = False
    if source is None and lemma in lex.SPEECH_VERBS:
        source = _left_source(token, context.commas_before)
        left_source = source is not None
    complement = _complement(token, context.text)
    if lemma in lex.IMPERSONAL_VERBS:
        # "It has emerged that …": hearsay with no source; other subjects do not report.
        if source is None or source.lower_ != "it" or complement is None:
            return None
        if complement[1] != "ccomp":
            return None
        complement = (complement[0], "impersonal-passive")
    following = _quote_after(context, token) if lemma in lex.SPEECH_VERBS else None
    if following is not None and (
        complement is None
        or not any(q.start < complement[0][1] and complement[0][0] < q.end for q in context.quotes)
    ):
        complement = (following, "quote-cue")  # 'he said: “…”', the parse aside
    rule = complement[1] if complement else ""
    impersonal = lemma in lex.IMPERSONAL_VERBS
    if impersonal:
        source = None
    statement: _Statement = (source, complement, rule, impersonal)
    if _is_passive(token):
        statement = _passive(context, token, lemma, statement)
    return statement, left_source


def _reports(context: Context, token: Token, statement: _Statement) -> bool:
    """Whether the verb reports someone's statement (not a verb inside a quotation, "you",
    or a cue noun that sums up a statement)."""
    source, complement, rule, impersonal = statement
    if source is None and not impersonal:
        return False
    if context.quote_of[token.i] >= 0 and (complement is None or rule == "parenthetical"):
        return False  # a reporting verb inside someone's quotation reports only by its clause
    if source is not None and source.pos_ == "PRON" and source.lower_ in ("you",):
        return False
    return not (
        source is not None
        and source.lemma_.lower() in lex.CUE_NOUNS
        and complement is not None
        and complement[0][1] <= source.idx
    )  # "…, a claim Ukraine's military denied": "a claim" sums up a statement


def _cue_span(token: Token, lemma: str) -> tuple[int, int]:
    """The cue's characters: the verb, its particle ("point out"), "made (it) clear"."""
    cue = (token.idx, token.idx + len(token.text))
    # a particle next to the verb ("point out"), not one parsed off a later word
    prt = [c for c in token.children if c.dep_ == "prt" and c.i == token.i + 1]
    if prt:
        cue = (cue[0], max(cue[1], prt[0].idx + len(prt[0].text)))
    clear = next((c for c in token.children if c.lower_ == "clear"), None)
    if lemma == "make clear" and clear is not None:
        cue = (cue[0], clear.idx + len(clear.text))
    return cue


def _without_complement(
    context: Context, token: Token, lemma: str, cue: tuple[int, int], source: Token | None
) -> list[_Candidate]:
    """``quote-cue`` and ``parenthetical``: a speech verb with no complement takes the
    nearest quotation, or the clause before its source; another verb a mixed quote."""
    if lemma not in lex.SPEECH_VERBS:
        return _listed(_quoted_object(context, token))
    qi = _nearest_quote(context, token)
    if qi is None:
        before = _clause_before_source(context, token, source)
        if before is None:
            return []
        return [_Candidate(cue, source, before, "parenthetical", lemma, token.i)]
    q = context.quotes[qi]
    if lemma == "go on" and q.start > token.idx:
        return []  # "the piece goes on to call it “…”": a quoted term, not a quote
    return [_Candidate(cue, source, (q.start, q.end), "quote-cue", lemma, token.i)]


def _reporting_verb(context: Context, token: Token, lemma: str) -> list[_Candidate] | None:
    """The verb rules (``ccomp``, ``xcomp``, ``object``, ``prep-object``, ``quote-cue``,
    ``parenthetical``, the passives, ``quoted-object``): a reporting verb, its source and
    its content."""
    if token.pos_ not in ("VERB", "AUX"):
        return []
    lemma, reader = _cue_reading(context, token, lemma)
    if reader is None and lemma in lex.FIGURE_VERBS and lemma not in ("make clear", "go on"):
        figure = _figure_candidate(context, token)
        if figure is not None:
            return [figure]
    if reader is None and lemma not in _CUE_VERBS and lemma not in ("make clear", "go on"):
        return _listed(_quoted_object(context, token))
    if lemma in lex.DECLINE_VERBS and not refuses_statement(token):
        return []  # "refused to leave the city": a refusal to act, not to speak
    if lemma in lex.QUOTED_AS_VERBS and any(
        _quoted_as(t) is token for c in token.children for t in c.children
    ):
        return []  # "X was cited by Y as saying": the cue is "saying", the source X
    found = _statement(context, token, lemma, reader)
    if found is None:
        return []
    statement, left_source = found
    if not _reports(context, token, statement):
        return []
    source, complement, rule, impersonal = statement
    cue = _cue_span(token, lemma)
    if complement is None:
        return _without_complement(context, token, lemma, cue, source)
    content = complement[0]
    if cue[0] <= content[0] < cue[1]:
        content = _trim(context.text, cue[1], content[1])  # "made it clear that …"
    if left_source and source is not None and content[0] < source.left_edge.idx < content[1]:
        # The parser hung the source inside the content: end the content before it.
        content = _trim(context.text, content[0], source.left_edge.idx)
    if content[1] <= content[0]:
        return []
    if rule == "object" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lex.NON_STATEMENT_OBJECTS for c in token.children
    ):
        return []  # "Bennett posted photos": an act, not a statement
    return [_Candidate(cue, source, content, rule, lemma, token.i, impersonal)]
