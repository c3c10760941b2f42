"""The attribution rules: the rule table and one function per trigger.

One ``attribution`` finding per attributed statement, found by rules over spaCy's
dependency parse and a quotation-mark scanner. :data:`RULES` is the table: each rule's
name is the finding's ``evidence.rule``, its precision the finding's score, and its
``content`` what the evidence says it takes as the content; the list below documents the
same names (a test keeps them in step). A token starts a rule through :data:`_TRIGGERS`,
tried in order:

- **Quotes** (``quote-cue``, ``quote-adjacent``, ``quote-unattributed``):
  :func:`~newsift.text.quotes.find_quotes`
  pairs straight, curly and single quote marks (and the ``''`` of some newspapers), carries a
  quote over paragraphs that reopen it (the news convention), and closes a quote mark that
  never pairs at the end of its sentence (never later than its paragraph), so an odd mark
  can't swallow the article. A quote takes the speaker and cue of the reporting verb next to
  it in its sentence; a split quote ("“A,” she said, “B.”") and a quote that goes on right
  after its cue ("“A,” she said. “B.”") are one attribution; a quote with no cue in its
  sentence takes the speaker and cue of the nearest attribution in the adjacent sentence of its
  paragraph (a quote standing as a paragraph of its own takes none), and a statement-like
  quote with none in sight is reported with an ``unknown`` source.
- **Reported speech** (``ccomp``, ``xcomp``, ``object``, ``prep-object``, ``noun-cue``,
  ``quoted-object``): a reporting verb (:mod:`newsift.analyzers.attribution.lexicon`) with a
  ``ccomp`` complement ("X said that …", "X told reporters …", "X said in a statement that
  …"), an ``xcomp`` ("X vowed to …"), an object ("X called the deal “a disaster”"), a
  prepositional object ("X talked about …"); a reporting noun with a possessive source ("X's
  claim that …"); any verb whose object holds a quotation (a mixed quote). Complements are
  widened to whole quotations and cut before the writer's asides (", adding …", ", which …",
  "— and …").
- **Other forms** (``parenthetical``, ``as-clause``, ``according-to``, ``passive-agent``,
  ``impersonal-passive``, ``colon``): "the plan, analysts suggest, is doomed"; "as X put it";
  "according to X, …"; passives with an agent ("… has been confirmed by X", "it was reported
  by X that …"); the impersonal passive ("it is believed that …", "it has emerged that …", a
  vague source with no mention); "X is quoted (by Y) as saying …" (the source is X); a bare
  source before a colon ("Its spokesman, Adrian Kole: “…”", the headline "Minister: …");
  a hearsay noun (``hearsay-noun``: "Rumours that …", "Rumours spread … that …").
  Where the parse fails, surface fallbacks take over: a subjectless reporting verb takes the
  noun phrase set off right before it ("…, two people familiar with the talks said"), and
  ", X said [when]." with no complement takes the clause before the comma.
- Reporting verbs inside a quotation ("“I think …,” she said") are the quoted speaker's, and
  are left out; when two rules find the same content (Jaccard >= 0.5), the more precise
  rule's finding is kept.
- **Sources**: the subject's noun phrase; pronouns resolve to the most recent PERSON (he,
  she) or ORG (it, they; within three sentences) entity before them, outside other people's
  quotations, surnames to the fullest name in the article, and definite descriptions ("the
  senator") to the last person given that title; "he" or "she" after an unnamed indefinite
  person ("a soldier said …") refers to that person (anonymous). A name in apposition ("the
  finance minister, Anna Berg,") or after a title the NER took for an organisation names the
  source; plural person nouns are an unspecified group (vague) unless counted or described by
  their access ("two officials", "people familiar with the talks"); a possessive institution
  ("her office") is named; a bare proper noun that starts an earlier organisation's name is
  its short form, and a capitalised common noun ("Witnesses") is not taken for a name.
  A surname alone after the full name is that person whatever the NER calls it; an
  apposition types its head ("Voltra, the energy company"; "its owner, Calder Steel"; "the
  foreign minister, Ana Kirov"); a document speaks for its author ("a study by the
  University of Tarnow"); "state media" and bare "police" are institutions, "doctors'
  unions" are not; a wire dateline ("KHERSON — ") is never the source. After all rules,
  "he", "she" and "it" take the type of the previous speaker of their kind in the paragraph
  (or the one before), so "she" after "a nurse in Bergen said" stays anonymous.
- **Split quotes** ("“A,” she said, “B.”"): ``content`` runs from the first quotation to the
  last, as PolNeAR annotates it, and ``content_parts`` (the finding's ``content.parts``)
  holds the quoted pieces without the cue and source between them.

The type decision and the resolution of pronouns, surnames and descriptions live in
:mod:`newsift.analyzers.attribution.sources`: its
:func:`~newsift.analyzers.attribution.sources.classify.classify_source` assigns exactly one
source type and says why in the evidence (``source_rule``, ``lexicon``, ``anonymity``); the
rules find the statements (:mod:`.speakers` the source, :mod:`.complements` the content) and
:mod:`.extract` hands it each source's head.

Score: the precision of the rule that produced the finding, measured on PolNeAR *train*
(a finding is right when its content matches a gold content with Jaccard >= 0.5, see
:mod:`newsift.eval.polnear`); :data:`RULES` lists them. It is how often a finding
of that kind is a real attribution with the right content, not a probability for the
particular finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.complements import (
    _OBJECT_DEPS,
    _REPORTING,
    _clause_before_source,
    _complement,
    _nearest_quote,
    _quote_after,
)
from newsift.analyzers.attribution.context import (
    HEADLINE,
    Context,
    _clause,
    _is_passive,
    _subtree_minus,
    _trim,
    char_range,
    token_at,
)
from newsift.analyzers.attribution.sources.names import acronym_institution
from newsift.analyzers.attribution.speakers import (
    _left_source,
    _quoted_as,
    _reading_document,
    _source_of,
)


@dataclass(frozen=True)
class Rule:
    """One attribution rule, as findings, scores and docs name it.

    Attributes:
        name: The finding's ``evidence.rule``.
        precision: Its precision on PolNeAR train (a finding counts as right when its content
            matches a gold content with Jaccard >= 0.5): the finding's score, and the order
            in which findings of the same content are kept.
        content: What it takes as the content: the ``content`` reason in the evidence.
        measured: On how many findings the precision was measured.
    """

    name: str
    precision: float
    content: str
    measured: str


#: Every rule, most precise first. Precisions measured with ``newsift.eval.polnear`` on all
#: 840 train articles (attribution 1.0.0) unless ``measured`` says otherwise; re-measure when
#: the rules change.
RULES: tuple[Rule, ...] = (
    Rule(
        "ccomp",
        0.82,
        "the verb's clausal complement (ccomp), widened to whole quotations",
        "8858 findings on train",
    ),
    Rule("as-clause", 0.78, "the clause an 'as X put it' clause modifies", "55"),
    Rule("according-to", 0.76, "the clause 'according to X' modifies", "383"),
    Rule(
        "impersonal-passive",
        0.75,
        "the clause of an impersonal passive ('it is believed that …') or "
        "of 'it has emerged that …'",
        "107",
    ),
    Rule("quote-cue", 0.61, "the quotation next to a reporting verb in its sentence", "372"),
    Rule(
        "quote-adjacent",
        0.60,
        "a quotation with no cue in its sentence, given to the speaker of the "
        "attribution in the adjacent sentence",
        "1027",
    ),
    Rule("quote-unattributed", 0.57, "a quotation with no speaker in sight", "363"),
    Rule(
        "object",
        0.56,
        "the verb's object and complements ('called the deal a disaster')",
        "3309",
    ),
    Rule("xcomp", 0.53, "the verb's open complement (xcomp: 'vowed to …')", "998"),
    Rule(
        "noun-cue",
        0.49,
        "what a reporting noun with a possessive source governs ('her claim that …')",
        "157",
    ),
    Rule(
        "prep-object",
        0.48,
        "the object of the verb's preposition ('talked about …', 'called for …')",
        "963",
    ),
    Rule("parenthetical", 0.46, "the clause a parenthetical 'X said' interrupts", "554"),
    Rule(
        "passive-agent",
        0.44,
        "the subject or clause of a passive reporting verb with a 'by' agent",
        "100",
    ),
    Rule(
        "colon",
        0.70,
        "the quotation or headline claim a colon introduces after a bare source "
        "('Energy Minister: …')",
        "10 on a 300-article sample of train (attribution 1.1.0)",
    ),
    Rule(
        "quoted-object",
        0.35,
        "a verb's object that holds a quotation (a mixed quote)",
        "736",
    ),
    # Set just above passive-agent, so that in "Rumours that … were dismissed by the club"
    # the rumour's own clause is the statement.
    Rule(
        "hearsay-noun",
        0.45,
        "the that-clause of a hearsay noun ('Rumours that …', 'Rumours spread … that …')",
        "not measured on train (attribution 1.2.0)",
    ),
)
#: Each rule's precision, by name: the finding's score.
RULE_PRECISION: dict[str, float] = {rule.name: rule.precision for rule in RULES}
#: What each rule takes as the content, by name: the ``content`` reason in the evidence.
RULE_CONTENT: dict[str, str] = {rule.name: rule.content for rule in RULES}
#: A headline closing on its source and a reporting verb: "…, sources say", "…, Insiders
#: Reveal" (title case parses badly, so it is read off the string).
_HEADLINE_SOURCE = re.compile(r",\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)\s+([A-Za-z]+)\s*$")
_NOUN_CUE_PREPS = frozenset({"of", "for", "about", "on", "to", "against", "with", "over"})


@dataclass
class _Candidate:
    cue: tuple[int, int]
    source_head: Token | None
    content: tuple[int, int]
    rule: str
    cue_lemma: str
    cue_token: int
    impersonal: bool = False


def _quoted_object(context: Context, verb: Token) -> _Candidate | None:
    """Any verb whose object holds a quotation: "X hailed the vote as “fantastic”"."""
    if context.quote_of[verb.i] >= 0:
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


def _in_the_words_of(context: Context, words: Token) -> _Candidate | None:
    """ "In the words of one aid worker, “…”": the rest of the sentence is the speaker's."""
    doc, text = context.doc, context.text
    if words.head.lower_ != "in" or context.quote_of[words.i] >= 0:
        return None
    source = next(
        (o for p in words.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"),
        None,
    )
    if source is None:
        return None
    after = source.right_edge.i + 1
    if after >= len(doc) or doc[after].text != ",":
        return None
    end = context.sentence_of(words).end_char
    paragraph = text.find("\n", doc[after].idx)
    end = end if paragraph < 0 else min(end, paragraph)
    content = _trim(text, doc[after].idx + 1, end)
    if content[1] <= content[0]:
        return None
    cue = (words.head.idx, words.idx + len(words.text) + len(" of"))
    return _Candidate(cue, source, content, "according-to", "in the words of", words.i)


def _stance_adjective(context: Context, adj: Token) -> _Candidate | None:
    """A stance stated through an adjective with a that-clause: "X was adamant that …", "the
    bank remains confident that …" (the subject of the linking verb is the source)."""
    if context.quote_of[adj.i] >= 0 or adj.dep_ != "acomp":
        return None
    verb = adj.head
    clause = next(
        (
            c
            for host in (adj, verb)
            for c in host.children
            if c.dep_ == "ccomp"
            and c.i > adj.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if clause is None or subject is None or subject.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    rng = char_range(_clause(clause))
    if rng is None:
        return None
    cue = (adj.idx, adj.idx + len(adj.text))
    return _Candidate(cue, subject, _trim(context.text, *rng), "ccomp", adj.lemma_.lower(), adj.i)


def _noun_cue(context: Context, noun: Token) -> _Candidate | None:
    """A reporting noun with a possessive source: "Trump's claim that …", "her support for …"."""
    if context.quote_of[noun.i] >= 0:
        return None
    source = next((c for c in noun.children if c.dep_ == "poss"), None)
    if source is None:
        return None
    parts: list[Token] = []
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            parts = [child]
            break
        if child.dep_ == "prep" and child.lower_ in _NOUN_CUE_PREPS:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                parts = objects
                break
    rng = char_range(t for c in parts for t in _clause(c))
    if rng is None:
        return None
    text = context.text
    cue = (noun.idx, noun.idx + len(noun.text))
    return _Candidate(cue, source, _trim(text, *rng), "noun-cue", noun.lemma_.lower(), noun.i)


def _hearsay_noun(context: Context, noun: Token) -> _Candidate | None:
    """Hearsay that carries its own clause: "Rumours that Ferreira had clashed … were
    dismissed" (the clause hangs on the noun), "Rumours spread quickly in the camps that …"
    (on the verb the noun is subject of, when that verb does not report). The noun is the
    source: unspecified hearsay."""
    if context.quote_of[noun.i] >= 0:
        return None
    hosts = [noun]
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() not in _REPORTING:
        hosts.append(verb)
        # the parser may hang the clause on a noun of the verb's phrase ("in the camps that")
        hosts += [o for p in verb.children if p.dep_ == "prep" for o in p.children]
    if noun.dep_ == "nsubj" and verb.lemma_.lower() in lex.HEARSAY_SPREAD_VERBS:
        # "Rumours of irregular readings have circulated for months"
        of = [
            o
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
            if o.dep_ in ("pobj", "pcomp")
        ]
        rng = char_range(t for o in of for t in o.subtree)
        if rng is not None:
            cue = (noun.idx, noun.idx + len(noun.text))
            content = _trim(context.text, *rng)
            return _Candidate(cue, noun, content, "hearsay-noun", noun.lemma_.lower(), noun.i)
    for host in hosts:
        for child in host.children:
            if (
                child.i > noun.i
                and child.dep_ in ("acl", "ccomp", "advcl", "relcl")
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
            ):
                rng = char_range(_clause(child))
                if rng is None:
                    return None
                content = _trim(context.text, *rng)
                cue = (noun.idx, noun.idx + len(noun.text))
                return _Candidate(cue, noun, content, "hearsay-noun", noun.lemma_.lower(), noun.i)
    return None


def _according_to(context: Context, token: Token, lemma: str) -> list[_Candidate] | None:
    """``according-to``: "according to X, …" takes the clause it modifies."""
    doc, text = context.doc, context.text
    if token.lower_ != "according" or token.i + 1 >= len(doc):
        return None
    to = doc[token.i + 1]
    pobjs = [c for c in to.children if c.dep_ == "pobj"]
    if to.lower_ != "to" or not pobjs:
        return []
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT":
        head = head.head
    rng = _subtree_minus(head, token) if head.i != token.i else None
    if rng is None:
        return []
    cue = (token.idx, to.idx + len(to.text))
    return [_Candidate(cue, pobjs[0], _trim(text, *rng), "according-to", "according to", token.i)]


def _words_of(context: Context, token: Token, lemma: str) -> list[_Candidate] | None:
    """``as-clause``: "in the words of X, …"."""
    if token.lower_ == "words" and (words := _in_the_words_of(context, token)):
        return [words]
    return None


def _stance(context: Context, token: Token, lemma: str) -> list[_Candidate] | None:
    """A stance adjective with its holder ("X is confident that …")."""
    if token.pos_ != "ADJ" or lemma not in lex.STANCE_ADJECTIVES:
        return None
    return _listed(_stance_adjective(context, token))


def _hearsay(context: Context, token: Token, lemma: str) -> list[_Candidate] | None:
    """``hearsay-noun``: "Rumours that …"."""
    if token.pos_ != "NOUN" or lemma not in lex.HEARSAY_CLAUSE_NOUNS:
        return None
    return _listed(_hearsay_noun(context, token))


def _reporting_noun(context: Context, token: Token, lemma: str) -> list[_Candidate] | None:
    """``noun-cue``: a reporting noun with a possessive source ("her claim that …")."""
    if token.pos_ != "NOUN" or lemma not in lex.CUE_NOUNS:
        return None
    return _listed(_noun_cue(context, token))


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
        source = _left_source(token)
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
    return [_Candidate(cue, source, content, rule, lemma, token.i, impersonal)]


#: What a token can start, tried in this order; the first that claims the token (returns a
#: list, possibly empty) decides for it, None passes it on.
_TRIGGERS = (_according_to, _words_of, _stance, _hearsay, _reporting_noun, _reporting_verb)


def _candidates(context: Context) -> list[_Candidate]:
    """The candidates of every token-started rule, in document order."""
    found: list[_Candidate] = []
    for token in context.doc:
        lemma = token.lemma_.lower()
        for trigger in _TRIGGERS:
            claimed = trigger(context, token, lemma)
            if claimed is not None:
                found.extend(claimed)
                break
    return found


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
