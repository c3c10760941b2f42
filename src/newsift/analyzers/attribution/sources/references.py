"""What refers to a name: an apposition that types its head, a document's author, a
headline's bare office, a one-word name the article gives an organisation elsewhere.

Predicates the source rules of :mod:`.classify` read.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.context import HEADLINE, Context
from newsift.analyzers.attribution.sources.names import (
    _company_name,
    _entity_at,
    name_after_descriptor,
    organization_name_end,
    person_noun,
)
from newsift.analyzers.attribution.sources.nouns import (
    _POLL_NOUNS,
)
from newsift.analyzers.attribution.sources.types import SourceType


def _apposition_type(
    context: Context, head: Token, lemma: str
) -> tuple[SourceType, str, str | None] | None:
    """Type a source by what stands in apposition to it: a name after a title ("Dorvany's
    foreign minister, Ana Kirov" — a person even when the NER calls the name an ORG), an
    organisation's name after a description ("its owner, Calder Steel"; "the regulator, the
    MPA"), or a description after a bare name ("Voltra, the energy company")."""
    for appos in head.children:
        if appos.dep_ != "appos":
            continue
        a_lemma = appos.lemma_.lower()
        if head.pos_ == "NOUN" and appos.pos_ == "PROPN" and organization_name_end(appos):
            return (
                "named_organization",
                f"a name ending like an organisation's ({appos.text!r}) in apposition",
                context.doc[appos.left_edge.i : appos.i + 1].text,
            )
        if (
            head.pos_ == "PROPN"
            and appos.pos_ == "NOUN"
            and a_lemma in lex.ORGANIZATION_NOUNS
            and a_lemma not in lex.ANONYMOUS_NOUNS
        ):
            return (
                "named_organization",
                f"a name described as an institution ({a_lemma!r})",
                None,
            )
        if head.pos_ != "NOUN" or appos.pos_ != "PROPN":
            continue
        named = _entity_at(context.persons, appos)
        if named is not None and not _company_name(context.lexicon, head, named):
            continue  # _named_child's case
        ent = _entity_at(context.orgs, appos)
        name = context.doc[appos.left_edge.i : appos.i + 1].text
        between = [
            t
            for t in context.doc[head.i + 1 : appos.i]
            if not any(a.dep_ == "prep" and a.i > head.i for a in t.ancestors if a.i < appos.i)
            and t.dep_ != "prep"
        ]  # not "the spokeswoman of the Foreign Ministry, Irina Zhdanova"
        institution = lemma in lex.ORGANIZATION_NOUNS | lex.COMPANY_OR_PERSON_NOUNS or any(
            t.lower_ in lex.ORGANIZATION_NOUNS and t.lower_ not in lex.ANONYMOUS_NOUNS
            for t in between
        )  # "the business daily Kommersant"
        if not institution and (
            (lemma in lex.ANONYMOUS_NOUNS and (ent is None or ent.label_ != "GPE"))
            or (
                person_noun(lemma)
                and appos.i > appos.left_edge.i
                and (ent is None or (ent.label_ == "GPE" and len(ent) > 1))
            )
        ):
            # "one survivor, Ivanna Tkach" (a full name the NER may tag as a place)
            return "named_person", f"a title with a name in apposition ({lemma!r})", name
        if institution or (ent is not None and ent.label_ == "ORG"):
            return (
                "named_organization",
                "an organisation's name in apposition to a description",
                ent.text if ent is not None else name,
            )
    return None


def _document_author(head: Token) -> Token | None:
    """The author of a document source: "a study by the University of Tarnow" -> University;
    "Orbix's annual report" -> Orbix."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    named = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if named:
        return named[-1]  # "a Homeland Security memo", "a Pentagon report"
    for child in head.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            # "a study published last year by the University of Nordhavn"
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if child.dep_ == "prep" and child.lower_ in ("on", "in"):
            # "a statement on the club's website": the site's owner
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in lex.ORGANIZATION_NOUNS:
                    return next((c for c in pobj.children if c.dep_ == "poss"), None)
    return None


def _earlier_document_author(context: Context, head: Token, lemma: str) -> Token | None:
    """The author of the document a definite one refers back to: "The poll" after "a survey
    by the Novak Institute" (the same noun, or a poll and a survey)."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
        return None
    kinds = {lemma} | (_POLL_NOUNS if lemma in _POLL_NOUNS else set())
    author = None
    earlier = sorted(
        (t for kind in kinds for t in context.tokens_by_lemma.get(kind, ()) if t.i < head.i),
        key=lambda t: t.i,
    )
    for t in earlier:
        if t.pos_ == "NOUN" and context.quote_of[t.i] < 0:
            issuer = None
            if t.dep_ == "dobj" and t.head.lemma_.lower() in ("issue", "release", "publish"):
                # "The club issued a statement …": the statement's issuer
                issuer = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            author = _document_author(t) or issuer or author
    return author


def _headline_office(context: Context, head: Token) -> str | None:
    """The person a headline's bare office refers to: "Skyra boss: engine delays …" then
    "…, chief executive Marco Tellini told reporters". Headlines drop determiners, so a
    singular office noun with none ("X boss", "Energy Minister") is a definite description
    of the holder, whom the story names: the first person in the body given a title of
    office (the same title when the body uses it). None when the body names nobody so."""
    text = context.text
    headline = HEADLINE.match(text)
    lemma = head.lemma_.lower()
    if (
        headline is None
        or head.idx >= headline.end()
        or head.pos_ not in ("NOUN", "PROPN")
        or head.tag_ in ("NNS", "NNPS")
        or lemma not in lex.HEADLINE_OFFICES
        or any(c.dep_ in ("det", "poss", "nummod") for c in head.children)
    ):
        return None
    body = [
        (char, name, title)
        for title, named in context.titles.items()
        for char, name in named
        if char >= headline.end() and title in lex.HEADLINE_OFFICES
    ]
    same = sorted(b for b in body if b[2] == lemma)
    chosen = same or sorted(body)
    return chosen[0][1] if chosen else None


def _org_elsewhere(context: Context, head: Token) -> bool:
    """A lone proper noun that the article elsewhere treats as an organisation: tagged ORG
    there, or described as one ("Lumio, the mobile phone retailer"), and never part of a
    longer person's name. The NER often takes a one-word company name for a person."""
    key = head.text
    if key not in context.org_words:
        context.org_words[key] = _org_elsewhere_uncached(context, head)
    return context.org_words[key]


def _org_elsewhere_uncached(context: Context, head: Token) -> bool:
    if head.text in context.long_person_words:
        return False
    for token in context.same_text_elsewhere(head):
        if name_after_descriptor(token) is not None:
            return True  # "Food delivery app Gobble" earlier, then "Gobble said"
        ent = _entity_at(context.orgs, token)
        if ent is not None and ent.label_ == "ORG" and len(ent) == 1:
            return True
        governor = token.head.lemma_.lower()
        if token.head.pos_ == "NOUN" and (
            # "the mobile operator Zento", "the airline Brava"
            (
                token.dep_ == "appos"
                and governor in lex.ORGANIZATION_NOUNS | lex.COMPANY_OR_PERSON_NOUNS
                and governor not in lex.ANONYMOUS_NOUNS
            )
            # "a Zento engineer", "a senior Tundra pilot": a company's workers
            or (token.dep_ == "compound" and governor in lex.EMPLOYEE_NOUNS)
        ):
            return True
        for appos in token.children:
            a_lemma = appos.lemma_.lower()
            if (
                appos.dep_ == "appos"
                and appos.pos_ == "NOUN"
                and a_lemma in lex.ORGANIZATION_NOUNS
                and a_lemma not in lex.ANONYMOUS_NOUNS
            ):
                return True
    return False
