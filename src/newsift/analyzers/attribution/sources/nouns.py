"""Common-noun sources: institutions, groups, people described but not named.

An institution noun names one body when it is definite, named or state media; a common
noun is a pair or an age referring back, a definite title, a specific group or person
(anonymous), or a crowd or hearsay (vague).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.context import Context, char_range
from newsift.analyzers.attribution.sources.names import (
    _AGE,
    _capitalised_common_noun,
    _entity_at,
    _named_pair,
    person_noun,
)
from newsift.analyzers.attribution.sources.pronouns import _speaks_of_itself_as_it
from newsift.analyzers.attribution.sources.types import SourceDecision, SourceType

#: Documents that are one another when referred back to ("The poll" after "a survey by …").
_POLL_NOUNS = frozenset({"poll", "survey"})


def _role(context: Context, head: Token, span: tuple[int, int], ent: Span | None) -> str | None:
    """The title or description the text gives the source."""
    text = context.text
    appos = [c for c in head.children if c.dep_ == "appos"]
    if ent is not None:
        if not (span[0] <= ent.start_char < span[1]):
            return text[span[0] : span[1]]  # "the finance minister, Anna Berg": the title
        if appos and not (span[0] <= appos[0].idx < span[1]):
            a = appos[0]  # "Valery Gerasimov, Chief of the General Staff, said"
            return text[a.left_edge.idx : a.right_edge.idx + len(a.right_edge.text)]
        outside = [
            t
            for t in context.doc.char_span(*span, alignment_mode="expand") or []
            if not (ent.start <= t.i < ent.end) and t.dep_ not in ("det", "punct", "case")
        ]
        if outside and (rng := char_range(outside)) is not None:
            return text[rng[0] : rng[1]].strip(" ,") or None  # "Putin's spokesman"
        return None
    if head.pos_ == "PRON":
        return None
    return text[span[0] : span[1]]


def _anonymity(context: Context, head: Token, content: tuple[int, int]) -> str | None:
    sent = context.sentence_of(head)
    text = context.text
    # The sentence, kept to the source's paragraph (the parser may run paragraphs together).
    first = max(sent.start_char, text.rfind("\n", 0, head.idx) + 1)
    last = text.find("\n", head.idx)
    last = sent.end_char if last < 0 else min(sent.end_char, last)
    pieces = [text[first : min(content[0], last)]]
    if content[1] < last:
        pieces.append(text[max(content[1], first) : last])
    outside = " ".join(pieces).lower()
    return next((p for p in lex.ANONYMITY_PHRASES if p in outside), None)


def _specific_group(head: Token, lemma: str) -> bool:
    """A plural source that is a specific set of people: officials counted ("two officials";
    "100,000 people", "10 voters" stay a vague crowd) or people described by their access
    ("people familiar with the talks", "aides close to the mayor")."""
    if not (
        lemma in lex.ANONYMOUS_NOUNS or lemma == "people" or lemma.endswith(lex.PERSON_SUFFIXES)
    ):
        return False  # "two reports", "three polls": not people
    counted = any(c.dep_ == "nummod" for c in head.children)
    if lemma in lex.ANONYMOUS_NOUNS - lex.VAGUE_NOUNS and counted:
        return True
    if lemma in ("source", "insider") and not counted:
        return False  # "Sources close to the dressing room": uncounted sources stay vague
    return any(t.lemma_.lower() in lex.ACCESS_WORDS for t in head.subtree if t.i != head.i)


def _definite_possessor(context: Context, token: Token) -> bool:
    """A possessor that picks out one institution: a pronoun ("her office"), a name ("the
    Kremlin's", "Ukraine's") or a definite phrase ("the club's"); not a generic plural
    ("doctors' unions")."""
    if token.pos_ == "PRON" or (
        token.pos_ == "PROPN" and _capitalised_common_noun(context, token) is None
    ):
        return True
    if _entity_at(context.orgs, token) is not None or _entity_at(context.persons, token):
        return True
    return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in token.children)


def _one_of(head: Token) -> bool:
    """ "One of them", "one of the people", "one of the officials": one specific member of a
    group of people, unnamed."""
    if head.lower_ not in ("one", "another"):
        return False
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (
                    pobj.lower_ in ("them", "us", "those")
                    or pobj.lemma_.lower() == "people"
                    or person_noun(pobj.lemma_.lower())
                ):
                    return True
    return False


def _unnamed_proper_institution(
    context: Context, head: Token, content: tuple[int, int]
) -> str | None:
    """Why a proper noun the NER left untagged names an institution or a seat of power, not
    a person: it takes "the" ("The Velvet Room"), ends in a place word ("Downing Street"),
    or its statement speaks of it as "it"/"its" ("Médecins Sans Frontières said its teams
    …"). None when nothing says so."""
    if any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) and not any(
        c.dep_ == "compound" and c.pos_ == "NOUN" and person_noun(c.lemma_.lower())
        for c in head.children
    ):
        return "a proper name with 'the': an institution or venue, not a person"
    if head.lower_ in lex.PLACE_WORDS and head.text[:1].isupper():
        return "an address or seat of power standing for its occupant (metonymy)"
    if _speaks_of_itself_as_it(context, head, content, strict=False):
        return "its statement speaks of it as 'it': an institution, not a person"
    return None


def _aged_person(context: Context, head: Token) -> tuple[SourceType, str, str | None] | None:
    """ "The 47-year-old told the court": the person named earlier with that age ("Adrian
    Pettifer, 47,"), else an unnamed person described by age. None when ``head`` is not
    the "old" of an "N-year-old" noun phrase."""
    text = context.text
    match = _AGE.search(text, head.left_edge.idx, head.idx + len(head.text))
    if match is None:
        return None
    doc = context.doc
    for ent in reversed(context.persons):
        if ent.start_char >= head.idx or ent.end + 2 >= len(doc):
            continue
        if doc[ent.end].text == "," and doc[ent.end + 1].text == match.group(1):
            name = context.full_name(ent)
            return "named_person", "an age that refers back to the person given it", name
    if head.left_edge.lower_ == "the":
        # "Coach Pia Lund was sacked. The 44-year-old said …": the person named just before
        para = text.rfind("\n\n", 0, head.idx)
        para = text.rfind("\n\n", 0, para) if para > 0 else 0
        for ent in reversed(context.persons):
            if para <= ent.start_char < head.idx and context.quote_of[ent.start] < 0:
                name = context.full_name(ent)
                return "named_person", "'the N-year-old' refers back to the person named", name
    return "anonymous", "a person described by age ('the 34-year-old'): unnamed", None


def _place_name(context: Context, head: Token) -> bool:
    """A lone capitalised word with a place name's ending ("Vostrograd", "Annapolis") that is
    no part of a longer person's name in the article."""
    word = head.text
    return (
        word[:1].isupper()
        and word[1:].islower()
        and word.lower().endswith(lex.PLACE_SUFFIXES)
        and word not in context.long_person_words
    )


def _same_group_earlier(context: Context, head: Token, lemma: str) -> bool:
    """ "the people", "the officials": a definite plural that refers back to an earlier
    group of the same noun that was counted or described by its access ("three people
    familiar with the matter")."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return False
    return any(
        t.i < head.i
        and t.lower_ == head.lower_
        and t.tag_ in ("NNS", "NNPS")
        and _specific_group(t, lemma)
        for t in context.tokens_by_lemma.get(lemma, ())
    )


def _one_person(head: Token, lemma: str) -> bool:
    """A single person picked out of a group: "one pundit", "a commentator" (a person noun
    of the vague list, singular and indefinite), or "one" standing alone as the source
    ("said one, who lives …")."""
    if lemma in ("one", "another") and head.pos_ in ("NUM", "PRON", "NOUN"):
        return not any(c.dep_ == "prep" for c in head.children)
    return (
        lemma in lex.VAGUE_NOUNS
        and lemma not in lex.HEARSAY_NOUNS
        and head.tag_ == "NN"
        and any(
            c.lower_ in ("a", "an", "one", "another") and c.dep_ in ("det", "nummod")
            for c in head.children
        )
    )


def _institution_noun_source(
    context: Context, head: Token, lemma: str, plural: bool
) -> SourceDecision | None:
    """An institution noun that names one body: definite ("the ministry", "her office"),
    named ("the Defence Ministry") or state media. None when it is generic."""
    lower = head.lower_
    evidence: dict[str, str] = {}
    # A name inside a prepositional phrase does not make a generic plural a named body:
    # "Anti-vaccine groups on Telegram" are unspecified groups; "authorities in Kyiv" are
    # the institutions of one place.
    in_prep = (
        {t.i for c in head.children if c.dep_ == "prep" for t in c.subtree}
        if plural and lemma not in lex.INSTITUTION_PLURALS
        else set()
    )
    named_modifier = any(
        (_entity_at(context.orgs, t) is not None or t.pos_ == "PROPN")
        and _capitalised_common_noun(context, t) is None
        for t in head.subtree
        if t.i != head.i and t.i not in in_prep
    )
    # "the media" is hearsay; "Russian state media" and "the Defence Ministry" are named;
    # a definite possessive makes the institution definite too ("her office", "the club's
    # board"), a generic one does not ("doctors' unions"); "police" is the local force.
    modifiers = list(head.children)
    if head.dep_ == "compound" and head.head.pos_ in ("VERB", "AUX"):
        modifiers += [c for c in head.head.children if c.i < head.i]  # "the agency notes"
    definite = (
        lemma not in ("media", "press")
        and any(
            (c.dep_ == "det" and c.lower_ in ("the", "this"))
            or (c.dep_ == "poss" and _definite_possessor(context, c))
            for c in modifiers
        )
    ) or lower == "police"
    # A bare capitalised institution is a name: "Ministry says …" (a headline), "Parliament".
    definite = definite or (
        (head.pos_ == "PROPN" or head.text[:1].isupper())
        and not plural
        and lemma not in ("media", "press")
    )
    state = lemma in lex.STATE_OUTLETS and any(
        c.lower_ == "state" and c.dep_ in ("compound", "amod", "nmod") for c in head.children
    )
    if named_modifier or definite or state:
        evidence["source_rule"] = "institution noun, definite or named"
        evidence["lexicon"] = f"organization noun {lemma!r}"
        return "named_organization", None, None, evidence
    return None


@dataclass(frozen=True)
class _Common:
    """A common-noun source: what its rules read."""

    context: Context
    head: Token
    span: tuple[int, int]
    lemma: str
    plural: bool

    def definite(self) -> bool:
        """Whether the head has "the"."""
        return any(c.dep_ == "det" and c.lower_ == "the" for c in self.head.children)

    def decide(self, kind: SourceType, why: str, lexicon: str | None = None) -> SourceDecision:
        """A decision with no resolved name, the phrase's role and this evidence."""
        evidence = {"source_rule": why}
        if lexicon is not None:
            evidence["lexicon"] = lexicon
        return kind, None, _role(self.context, self.head, self.span, None), evidence


def _the_pair(source: _Common) -> SourceDecision | None:
    """'the couple' refers to the two people named before."""
    if source.lemma not in lex.PAIR_NOUNS or not source.definite():
        return None
    pair = _named_pair(source.context, source.head)
    if pair is None:
        return None
    why = f"'the {source.lemma}' refers to the two people named before"
    return (
        "named_person",
        pair,
        _role(source.context, source.head, source.span, None),
        {"source_rule": why},
    )


def _aged(source: _Common) -> SourceDecision | None:
    """A person described by age ("the 47-year-old"), referring back."""
    head = source.head
    if head.lower_ != "old" or head.pos_ not in ("ADJ", "NOUN"):
        return None
    aged = _aged_person(source.context, head)
    if aged is None:
        return None
    role = _role(source.context, head, source.span, None)
    return aged[0], aged[2], role, {"source_rule": aged[1]}


def _last_so_titled(source: _Common) -> SourceDecision | None:
    """A definite description ("the senator") resolved to the last person so titled."""
    context, head, lemma = source.context, source.head, source.lemma
    titles = [lemma]
    if lemma == "head":
        # "the head of state" -> the president named earlier
        of = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        titles = [t for o in of for t in lex.ROLE_TITLES.get(f"head of {o.lower_}", ())]
    if not any(t in context.titles for t in titles) or not source.definite():
        return None
    dated = [
        (char, name)
        for title in titles
        for char, name in context.titles.get(title, ())
        if char < head.idx
    ]
    earlier = [name for _, name in sorted(dated)]
    if not earlier:
        return None
    why = f"description 'the {lemma}' resolved to the last person so titled"
    return (
        "named_person",
        earlier[-1],
        _role(context, head, source.span, None),
        {"source_rule": why},
    )


def _group_named_before(source: _Common) -> SourceDecision | None:
    """'the officials' after a counted group or one described by its access."""
    if not source.plural or not _same_group_earlier(source.context, source.head, source.lemma):
        return None
    return source.decide(
        "anonymous",
        f"'the {source.head.lower_}' refers back to a counted group or one described by its access",
    )


def _family_or_circle(source: _Common) -> SourceDecision | None:
    """A person's family or circle ("her family", "the striker's representatives")."""
    context, head, lemma = source.context, source.head, source.lemma
    the = source.definite()
    if lemma not in lex.KIN_GROUP_NOUNS or not any(
        (
            c.dep_ == "poss"
            and (
                c.lower_ in ("his", "her")
                or _entity_at(context.persons, c) is not None
                # "the striker's representatives": one person described; "the Halden family"
                or (
                    c.pos_ == "NOUN"
                    and c.tag_ == "NN"
                    and person_noun(c.lemma_.lower())
                    and any(d.dep_ == "det" and d.lower_ == "the" for d in c.children)
                )
            )
        )
        or (c.dep_ == "compound" and c.pos_ == "PROPN" and lemma == "family" and the)
        for c in head.children
    ):
        return None
    return source.decide("anonymous", "a person's family or circle ('her family'): specific people")


def _one_of_them(source: _Common) -> SourceDecision | None:
    """One person of a group ("one pundit", "said one")."""
    if source.plural or not _one_person(source.head, source.lemma):
        return None
    return source.decide("anonymous", "one person of a group ('one pundit', 'said one'): unnamed")


def _specific(source: _Common) -> SourceDecision | None:
    """A counted group, or one described by its access ("two officials")."""
    if not source.plural or not _specific_group(source.head, source.lemma):
        return None
    return source.decide(
        "anonymous",
        "a counted group, or one described by its access: unnamed",
        f"plural person noun {source.lemma!r}",
    )


def _vague_noun(source: _Common) -> SourceDecision | None:
    """An unspecified group or hearsay ("experts", "rumours")."""
    lemma = source.lemma
    group_noun = lemma in lex.VAGUE_NOUNS | lex.ANONYMOUS_NOUNS
    if not ((source.plural and group_noun) or lemma in lex.VAGUE_NOUNS - lex.ANONYMOUS_NOUNS):
        return None
    return source.decide("vague", "unspecified group or hearsay", f"vague source {lemma!r}")


def _anonymous_noun(source: _Common) -> SourceDecision | None:
    """An unnamed but specific person or official ("a spokesperson")."""
    if source.lemma not in lex.ANONYMOUS_NOUNS:
        return None
    return source.decide(
        "anonymous",
        "unnamed but specific person or official",
        f"anonymous source {source.lemma!r}",
    )


def _plural_group(source: _Common) -> SourceDecision | None:
    """Any other plural common noun: an unspecified group."""
    if not source.plural:
        return None
    return source.decide("vague", "plural common noun: an unspecified group")


def _person_word(source: _Common) -> SourceDecision | None:
    """A common noun naming a person, without a name."""
    if not person_noun(source.lemma):
        return None
    return source.decide("anonymous", "common noun naming a person, without a name: unnamed")


def _indefinite_someone(source: _Common) -> SourceDecision | None:
    """An indefinite singular person ("a steward at the ground said"): someone, unnamed."""
    head, lemma = source.head, source.lemma
    if (
        head.pos_ != "NOUN"
        or lemma in lex.DOCUMENT_NOUNS | lex.ORGANIZATION_NOUNS | lex.MEDIA_NOUNS | lex.CUE_NOUNS
        or not any(
            c.lower_ in ("a", "an", "another", "one") and c.dep_ in ("det", "nummod")
            for c in head.children
        )
    ):
        return None
    # Things that speak ("a video shows", "a statement said") are documents or media,
    # listed apart.
    return source.decide("anonymous", "indefinite singular source ('a steward said'): unnamed")


#: The common-noun rules, in the order they run; the first that decides wins, and a noun
#: none decides on is no identified source (vague).
COMMON_NOUN_RULES: tuple[Callable[[_Common], SourceDecision | None], ...] = (
    _the_pair,
    _aged,
    _last_so_titled,
    _group_named_before,
    _family_or_circle,
    _one_of_them,
    _specific,
    _vague_noun,
    _anonymous_noun,
    _plural_group,
    _person_word,
    _indefinite_someone,
)


def _common_noun_source(
    context: Context, head: Token, span: tuple[int, int], lemma: str, plural: bool
) -> SourceDecision:
    """A common-noun source that no name makes named: a pair or an age referring back, a
    definite title, a specific group or person (anonymous), or a crowd or hearsay (vague)."""
    source = _Common(context, head, span, lemma, plural)
    for rule in COMMON_NOUN_RULES:
        decision = rule(source)
        if decision is not None:
            return decision
    return source.decide("vague", "common noun naming no person or body: not an identified source")
