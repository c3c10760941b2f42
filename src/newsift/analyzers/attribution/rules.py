"""The attribution rules, one function per trigger, and what each rule finds.

One ``attribution`` finding per attributed statement, found by rules over spaCy's
dependency parse and a quotation-mark scanner. :data:`~.table.RULES` is the table: each
rule's name is the finding's ``evidence.rule``, its precision the finding's score, and its
``content`` what the evidence says it takes as the content; the list below documents the
same names (a test keeps them in step). A token starts a rule through :data:`_TRIGGERS`,
tried in order (the verb rules are in :mod:`.verbs`); the rules around colons and
headlines read the text itself (:mod:`.colons`):

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
:mod:`newsift.eval.polnear`); :data:`~.table.RULES` lists them. It is how often a finding
of that kind is a real attribution with the right content, not a probability for the
particular finding.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.complements import (
    _REPORTING,
)
from newsift.analyzers.attribution.context import (
    Context,
    _clause,
    _subtree_minus,
    _trim,
    char_range,
)
from newsift.analyzers.attribution.table import _Candidate
from newsift.analyzers.attribution.verbs import _listed, _reporting_verb

_NOUN_CUE_PREPS = frozenset({"of", "for", "about", "on", "to", "against", "with", "over"})


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
