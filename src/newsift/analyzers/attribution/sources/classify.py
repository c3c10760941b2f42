"""Source typing for the ``attribution`` analyzer: which kind of source a statement has.

:func:`classify_source` gives the head of a source's noun phrase exactly one of the
:data:`SourceType` labels (``named_person``, ``named_organization``, ``anonymous``, ``vague``,
``unknown``) together with the name it resolves to, the role the text gives it and the
evidence: the rule that fired (``source_rule``) and the lexicon entry or anonymity formula it
matched. The decisions follow the labelling conventions of ``datasets/source_types/README.md``
: a name makes a source named; a specific person the text does not
name is anonymous; an unspecified group or hearsay is vague.

What it resolves: pronouns ("he" to the last person named, "it" to the last organisation
within three sentences, or to an unnamed person spoken of just before), surnames used alone
to the full name given earlier, definite descriptions ("the minister") to the last person so
titled, documents ("a study by X") to their author, appositions in either order ("the
regulator, Powerwatch"; "Voltra, the energy company"), and descriptor nouns before a name
("the ticketing platform Gigzo", "Commission chairwoman Ludmila Voss").

Named sources are found by :mod:`.names` and pronouns resolved by :mod:`.pronouns`; this
module combines them into one decision. The per-document lookups live in
:class:`~newsift.analyzers.attribution.context.Context`, built once per document by the
analyzer; the vocabulary taken from the spaCy pipeline in
:class:`~newsift.analyzers.attribution.context.SourceLexicon`, built once per
analyzer and immutable. Nothing is kept at module level between documents, so a result never
depends on what the process read before, and analyzers may run in threads. Word lists are in
:mod:`newsift.analyzers.attribution.lexicon`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.context import HEADLINE, Context, noun_phrase
from newsift.analyzers.attribution.sources.names import (
    _call_sign,
    _capitalised_common_noun,
    _company_name,
    _earlier_full_name,
    _entity_at,
    _given_name,
    _named_after_lede,
    _organization_entity,
    _person_apposition,
    _person_entity,
    _short_org_name,
    _trailing_proper_name,
    acronym_institution,
    name_after_descriptor,
    organization_name_end,
    person_noun,
)
from newsift.analyzers.attribution.sources.nouns import (
    _POLL_NOUNS,
    _anonymity,
    _common_noun_source,
    _definite_possessor,
    _institution_noun_source,
    _one_of,
    _place_name,
    _role,
    _specific_group,
    _unnamed_proper_institution,
)
from newsift.analyzers.attribution.sources.pronouns import _pronoun_source, _speaks_of_itself_as_it
from newsift.analyzers.attribution.sources.types import SourceDecision, SourceType


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


def _named_source(
    context: Context,
    head: Token,
    span: tuple[int, int],
    content: tuple[int, int],
    lemma: str,
    names: tuple[Span | None, Span | None],
) -> SourceDecision | None:
    """A source that a name makes named, or that refers to a name: a surname, a place,
    a headline's office, a lede's description, an apposition, a document's author, an
    entity. ``lemma`` is the head's; ``names`` are the source's PERSON and organisation
    entities. None when no name decides."""
    lower = head.lower_
    person, org = names
    evidence: dict[str, str] = {}
    if person is None and (full := _earlier_full_name(context, head)) is not None:
        evidence["source_rule"] = "surname of a person named in full earlier in the article"
        return "named_person", context.full_name(full), None, evidence
    if (
        org is None
        and (person is None or (len(person) == 1 and person.start == head.i))
        and _place_name(context, head)
    ):
        evidence["source_rule"] = "a place name standing for its government (metonymy)"
        return "named_organization", None, None, evidence
    if person is None and org is None and (holder := _headline_office(context, head)):
        evidence["source_rule"] = (
            "a headline's bare office ('Skyra boss: …') refers to its holder, named in the story"
        )
        evidence["lexicon"] = f"headline office {lemma!r}"
        return "named_person", holder, _role(context, head, span, None), evidence
    if person is None and org is None and (named := _named_after_lede(context, head)):
        evidence["source_rule"] = (
            "a lede's description of the person the next paragraph names ('A man accused of "
            "…' then 'Name, 47, said')"
        )
        return "named_person", named, _role(context, head, span, None), evidence
    described = _apposition_type(context, head, lemma)
    if described is not None and (person is None or described[0] == "named_organization"):
        kind, why, resolved = described
        evidence["source_rule"] = why
        return kind, resolved, _role(context, head, span, None), evidence
    if person is None and org is None and head.pos_ == "NOUN":
        given = _given_name(head)
        if given is not None:
            evidence["source_rule"] = "the source phrase gives a name ('who gave her name as …')"
            return "named_person", given, _role(context, head, span, None), evidence
    if lemma in lex.DOCUMENT_NOUNS and person is None and org is None:
        author = _document_author(head) or _earlier_document_author(context, head, lemma)
        if author is not None:
            author_span = noun_phrase(author)
            kind, resolved, _, inner = classify_source(context, author, author_span, content)
            evidence.update(inner)
            evidence["source_rule"] = f"a {lemma} speaks for its author: {inner['source_rule']}"
            return kind, resolved, _role(context, head, span, None), evidence
    if person is None and org is not None and head.pos_ == "PROPN":
        title = [
            c
            for c in head.children
            if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in lex.ANONYMOUS_NOUNS
        ]
        if title:
            # "chief financial officer Anna Berg" tagged ORG: a title before a name.
            evidence["source_rule"] = "a title before a proper noun: a named person"
            evidence["lexicon"] = f"title {title[0].lemma_.lower()!r}"
            return "named_person", None, _role(context, head, span, None), evidence
    if (
        head.pos_ == "PROPN"
        and (person is None or (len(person) == 1 and person.start == head.i))
        and (org is None or len(org) == 1)
        and _org_elsewhere(context, head)
    ):
        evidence["source_rule"] = "a one-word name the article elsewhere gives an organisation"
        return "named_organization", None, None, evidence
    if (
        person is None
        and org is not None
        and org.label_ in ("ORG", "GPE")
        and head.pos_ == "PROPN"
        and org[-1].lower_ not in lex.ORGANIZATION_NOUNS
        and _person_apposition(head) is not None
    ):
        # "Keiko Tanabe, an analyst at Harlow Securities" with the name tagged ORG; "Yonas, a
        # 24-year-old from Eritrea" with the name tagged as a place.
        evidence["source_rule"] = "a name described as a person in apposition"
        return "named_person", None, _role(context, head, span, None), evidence
    if (
        person is not None
        and len(person) == 1
        and person.start == head.i
        and context.full_name(person) == person.text
        and _speaks_of_itself_as_it(context, head, content, strict=True)
    ):
        # "Airvex said it did not comment": a one-word company the NER took for a person.
        evidence["source_rule"] = "a one-word name whose statement calls it 'it': an institution"
        return "named_organization", None, None, evidence
    if person is not None:
        evidence["source_rule"] = (
            "source is a PERSON entity"
            if person.label_ == "PERSON"
            else "a title before a proper noun: a named person"  # titled_name
        )
        name = context.full_name(person)
        inside = span[0] <= person.start_char < span[1]
        resolved = name if name != person.text or not inside else None
        return "named_person", resolved, _role(context, head, span, person), evidence
    if org is not None or (lower in lex.NAMED_INSTITUTIONS and head.pos_ == "PROPN"):
        evidence["source_rule"] = (
            f"source is a named entity ({org.label_})"
            if org is not None
            else f"named institution {lower!r}"
        )
        return "named_organization", None, _role(context, head, span, org), evidence
    return None


@dataclass(frozen=True)
class _Source:
    """What every source rule reads about one source."""

    context: Context
    head: Token
    span: tuple[int, int]  #: the source's noun phrase
    content: tuple[int, int]  #: the reported content
    lemma: str  #: the head's lemma
    noun: str  #: the lemma, or the word when that is an organisation noun ("media")
    plural: bool
    anonymity: str | None  #: an anonymity phrase near the source
    person: Span | None  #: the PERSON entity the head lies in
    org: Span | None  #: the ORG, NORP or GPE entity the head lies in

    @classmethod
    def of(
        cls, context: Context, head: Token, span: tuple[int, int], content: tuple[int, int]
    ) -> _Source:
        lemma = head.lemma_.lower()
        noun = lemma
        if lemma not in lex.ORGANIZATION_NOUNS and head.lower_ in lex.ORGANIZATION_NOUNS:
            noun = head.lower_  # "media" (lemmatized "medium"), "authorities"
        return cls(
            context,
            head,
            span,
            content,
            lemma,
            noun,
            head.tag_ in ("NNS", "NNPS"),
            _anonymity(context, head, content),
            _person_entity(context, head, span, lemma),
            _organization_entity(context, head),
        )

    def role(self, name: Span | None = None) -> str | None:
        """The role the text gives the source (:func:`_role`)."""
        return _role(self.context, self.head, self.span, name)


def _descriptor_name(source: _Source) -> SourceDecision | None:
    """A name right after an organisation noun ("the energy regulator Powerwatch")."""
    descriptor_name = name_after_descriptor(source.head)
    if descriptor_name is None:
        return None
    noun, org_name = descriptor_name
    evidence = {
        "source_rule": "a name right after an organisation noun ('the energy regulator X'): "
        "the organisation's name",
        "lexicon": f"organization noun {noun.lemma_.lower()!r}",
    }
    role = source.context.text[source.span[0] : org_name.start_char].strip(" ,") or None
    return "named_organization", org_name.text, role, evidence


def _trailing_full_name(source: _Source) -> SourceDecision | None:
    """A full name in apposition closing a person noun's phrase ("the mayor of X, Name,")."""
    head, lemma = source.head, source.lemma
    if (
        source.person is not None
        or head.pos_ != "NOUN"
        or not person_noun(lemma)
        or lemma in lex.PARTY_NOUNS | lex.COMPANY_OR_PERSON_NOUNS
        or source.anonymity
    ):
        return None
    trailing = _trailing_proper_name(source.context, head)
    if trailing is None or _call_sign(source.context, head, trailing):
        return None
    evidence = {
        "source_rule": "a full name in apposition at the end of the source's phrase ('the "
        "mayor of X, Name,'): the person named"
    }
    return "named_person", trailing.text, source.role(trailing), evidence


def _call_sign_person(source: _Source) -> SourceDecision | None:
    """A call sign or nom de guerre after the head hides who the person is."""
    person = source.person
    if person is None or person.start <= source.head.i:
        return None
    if not _call_sign(source.context, source.head, person):
        return None
    evidence = {"source_rule": "a call sign or nom de guerre hides the identity: unnamed"}
    return "anonymous", None, source.role(), evidence


def _capitalised_plural(source: _Source) -> SourceDecision | None:
    """A sentence-initial plural the NER took for a name ("Neighbours said …")."""
    head, org = source.head, source.org
    if org is None or len(org) != 1 or source.person is not None or not head.text[:1].isupper():
        return None
    # the NER tags a capitalised plural at the start of a sentence as a name
    group = source.lemma if head.tag_ == "NNS" else _capitalised_common_noun(source.context, head)
    if (
        group is None
        or group == head.lower_
        or not (person_noun(group) or group in lex.VAGUE_NOUNS)
        or _specific_group(head, group)
    ):
        return None
    evidence = {
        "source_rule": "a capitalised plural common noun, not a name: an unspecified group",
        "lexicon": f"plural person noun {group!r}",
    }
    return "vague", None, source.role(), evidence


def _anonymity_phrase(source: _Source) -> SourceDecision | None:
    """An anonymity phrase near a source with no name ("who asked not to be named")."""
    if source.anonymity is None or source.person is not None or source.org is not None:
        return None
    evidence = {"source_rule": "anonymity phrase near the source", "anonymity": source.anonymity}
    return "anonymous", None, source.role(), evidence


def _plural_nationality(source: _Source) -> SourceDecision | None:
    """A plural nationality or party ("Democrats"): a group."""
    org, head = source.org, source.head
    if org is None or org.label_ != "NORP" or source.person is not None:
        return None
    common = _capitalised_common_noun(source.context, head) if head.pos_ == "PROPN" else None
    if not (source.plural or (common is not None and common != head.lower_)):
        return None
    evidence = {"source_rule": "a plural nationality or party ('Democrats'): a group"}
    return "vague", None, None, evidence


def _one_of_a_group(source: _Source) -> SourceDecision | None:
    """One member of a group of people ("one of them")."""
    if source.person is not None or not _one_of(source.head):
        return None
    evidence = {"source_rule": "one member of a group of people ('one of them'): unnamed"}
    return "anonymous", None, source.role(), evidence


def _acronym(source: _Source) -> SourceDecision | None:
    """An acronym of an institution ("NATO", "the FBI")."""
    if not acronym_institution(source.head):
        return None
    evidence = {"source_rule": f"named institution {source.head.text!r}"}
    return "named_organization", None, None, evidence


def _pronoun(source: _Source) -> SourceDecision | None:
    """A pronoun, resolved to what it refers to (:func:`_pronoun_source`)."""
    head = source.head
    if head.pos_ != "PRON" and head.lower_ not in lex.PERSON_PRONOUNS | lex.GROUP_PRONOUNS:
        return None
    return _pronoun_source(source.context, head, head.lower_)


def _named(source: _Source) -> SourceDecision | None:
    """A name and what refers to it (:func:`_named_source`)."""
    return _named_source(
        source.context,
        source.head,
        source.span,
        source.content,
        source.noun,
        (source.person, source.org),
    )


def _institution(source: _Source) -> SourceDecision | None:
    """An institution noun that names one body (:func:`_institution_noun_source`)."""
    if source.noun not in lex.ORGANIZATION_NOUNS:
        return None
    return _institution_noun_source(source.context, source.head, source.noun, source.plural)


def _definite_company(source: _Source) -> SourceDecision | None:
    """A definite company noun ("the grid operator"): an institution."""
    noun, head = source.noun, source.head
    if noun not in lex.COMPANY_OR_PERSON_NOUNS or source.plural:
        return None
    if not any(
        (c.dep_ == "det" and c.lower_ in ("the", "this"))
        or (c.dep_ == "poss" and _definite_possessor(source.context, c))
        for c in head.children
    ):
        return None
    evidence = {
        "source_rule": "a definite company noun ('the grid operator'): an institution",
        "lexicon": f"company or person noun {noun!r}",
    }
    return "named_organization", None, None, evidence


def _short_form(source: _Source) -> SourceDecision | None:
    """The first word of an earlier organisation's name, standing for it."""
    if source.head.pos_ != "PROPN":
        return None
    short = _short_org_name(source.context, source.head)
    if short is None:
        return None
    evidence = {"source_rule": "first word of an earlier organisation name: its short form"}
    return "named_organization", short, None, evidence


def _proper_or_common(source: _Source) -> SourceDecision:
    """The last rule, which always decides: an untagged proper noun is a name (or an
    institution), anything else a common noun (:func:`_common_noun_source`)."""
    context, head = source.context, source.head
    common = _capitalised_common_noun(context, head) if head.pos_ == "PROPN" else None
    if common is not None:
        plural = source.plural or common != head.lower_  # "Neighbours": a plural common noun
        return _common_noun_source(context, head, source.span, common, plural)
    if head.pos_ == "PROPN":
        institution = _unnamed_proper_institution(context, head, source.content)
        if institution is not None:
            return "named_organization", None, None, {"source_rule": institution}
        evidence = {"source_rule": "proper noun not tagged as an entity: taken as a name"}
        return "named_person", None, None, evidence
    return _common_noun_source(context, head, source.span, source.noun, source.plural)


#: The source rules, in the order they run; the first that decides wins, and
#: :func:`_proper_or_common` decides when none does.
SOURCE_RULES: tuple[Callable[[_Source], SourceDecision | None], ...] = (
    _descriptor_name,
    _trailing_full_name,
    _call_sign_person,
    _capitalised_plural,
    _anonymity_phrase,
    _plural_nationality,
    _one_of_a_group,
    _acronym,
    _pronoun,
    _named,
    _institution,
    _definite_company,
    _short_form,
)


def classify_source(
    context: Context, head: Token, span: tuple[int, int], content: tuple[int, int]
) -> SourceDecision:
    """Source type, resolved name, role and evidence for a source headed by ``head``.

    The rules (:data:`SOURCE_RULES`) run in a fixed order and the first that decides wins:
    names beside the head (a descriptor before a name, a trailing name, a call sign),
    capitalised plurals and anonymity phrases, pronouns (:func:`_pronoun_source`), names and
    what refers to them (:func:`_named_source`), institution nouns
    (:func:`_institution_noun_source`), untagged proper nouns, and last the common nouns
    (:func:`_common_noun_source`).

    Args:
        context: The document's lookups (built once per document).
        head: The head token of the source's noun phrase.
        span: The source's noun phrase (character offsets).
        content: The reported content (character offsets).

    Returns:
        ``(source type, resolved name or None, role or None, evidence)``.
    """
    source = _Source.of(context, head, span, content)
    for rule in SOURCE_RULES:
        decision = rule(source)
        if decision is not None:
            return decision
    return _proper_or_common(source)
