"""Source typing for the ``attribution`` analyzer: which kind of source a statement has.

:func:`classify_source` gives the head of a source's noun phrase exactly one of the
:data:`SourceType` labels (``named_person``, ``named_organization``, ``anonymous``, ``vague``,
``unknown``) together with the name it resolves to, the role the text gives it and the
evidence: the rule that fired (``source_rule``) and the lexicon entry or anonymity formula it
matched. The decisions follow the labelling conventions of
``datasets/source_types/README.md``: a name makes a source named; a specific person the text
does not name is anonymous; an unspecified group or hearsay is vague.

What it resolves: pronouns ("he" to the last person named, "it" to the last organisation
within three sentences, or to an unnamed person spoken of just before), surnames used alone
to the full name given earlier, definite descriptions ("the minister") to the last person so
titled, documents ("a study by X") to their author, appositions in either order ("the
regulator, Powerwatch"; "Voltra, the energy company"), and descriptor nouns before a name
("the ticketing platform Gigzo", "Commission chairwoman Ludmila Voss").

Named sources are found by :mod:`.names` and :mod:`.references`, pronouns resolved by
:mod:`.pronouns`, common nouns typed by :mod:`.nouns`; this module runs the rules in order
(:data:`SOURCE_RULES`) and the first that decides wins. The per-document lookups live in
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
from newsift.analyzers.attribution.context import Context, noun_phrase
from newsift.analyzers.attribution.sources.names import (
    _call_sign,
    _capitalised_common_noun,
    _earlier_full_name,
    _given_name,
    _named_after_lede,
    _organization_entity,
    _person_apposition,
    _person_entity,
    _short_org_name,
    _trailing_proper_name,
    acronym_institution,
    name_after_descriptor,
    person_noun,
)
from newsift.analyzers.attribution.sources.nouns import (
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
from newsift.analyzers.attribution.sources.references import (
    _apposition_type,
    _document_author,
    _earlier_document_author,
    _headline_office,
    _org_elsewhere,
)
from newsift.analyzers.attribution.sources.types import SourceDecision


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


def _earlier_surname(source: _Source) -> SourceDecision | None:
    """A surname of a person named in full earlier in the article."""
    if source.person is not None:
        return None
    full = _earlier_full_name(source.context, source.head)
    if full is None:
        return None
    evidence = {"source_rule": "surname of a person named in full earlier in the article"}
    return "named_person", source.context.full_name(full), None, evidence


def _place_for_government(source: _Source) -> SourceDecision | None:
    """A place name standing for its government ("Kyiv said …")."""
    person, head = source.person, source.head
    if source.org is not None:
        return None
    if person is not None and not (len(person) == 1 and person.start == head.i):
        return None
    if not _place_name(source.context, head):
        return None
    evidence = {"source_rule": "a place name standing for its government (metonymy)"}
    return "named_organization", None, None, evidence


def _headline_office_holder(source: _Source) -> SourceDecision | None:
    """A headline's bare office ("Skyra boss: …") refers to its holder, named in the story."""
    if source.person is not None or source.org is not None:
        return None
    holder = _headline_office(source.context, source.head)
    if not holder:
        return None
    evidence = {
        "source_rule": "a headline's bare office ('Skyra boss: …') refers to its holder, "
        "named in the story",
        "lexicon": f"headline office {source.noun!r}",
    }
    return "named_person", holder, source.role(), evidence


def _lede_description(source: _Source) -> SourceDecision | None:
    """A lede's description of the person the next paragraph names."""
    if source.person is not None or source.org is not None:
        return None
    named = _named_after_lede(source.context, source.head)
    if not named:
        return None
    evidence = {
        "source_rule": "a lede's description of the person the next paragraph names ('A man "
        "accused of …' then 'Name, 47, said')"
    }
    return "named_person", named, source.role(), evidence


def _apposition(source: _Source) -> SourceDecision | None:
    """An apposition that types its head ("Voltra, the energy company")."""
    described = _apposition_type(source.context, source.head, source.noun)
    if described is None or (source.person is not None and described[0] != "named_organization"):
        return None
    kind, why, resolved = described
    return kind, resolved, source.role(), {"source_rule": why}


def _given_name_phrase(source: _Source) -> SourceDecision | None:
    """The source phrase gives a name ("who gave her name as …")."""
    if source.person is not None or source.org is not None or source.head.pos_ != "NOUN":
        return None
    given = _given_name(source.head)
    if given is None:
        return None
    evidence = {"source_rule": "the source phrase gives a name ('who gave her name as …')"}
    return "named_person", given, source.role(), evidence


def _document_for_author(source: _Source) -> SourceDecision | None:
    """A document speaks for its author ("a study by the University of Tarnow")."""
    context, head, noun = source.context, source.head, source.noun
    if noun not in lex.DOCUMENT_NOUNS or source.person is not None or source.org is not None:
        return None
    author = _document_author(head) or _earlier_document_author(context, head, noun)
    if author is None:
        return None
    kind, resolved, _, inner = classify_source(context, author, noun_phrase(author), source.content)
    evidence = {**inner, "source_rule": f"a {noun} speaks for its author: {inner['source_rule']}"}
    return kind, resolved, source.role(), evidence


def _title_before_name(source: _Source) -> SourceDecision | None:
    """A title before a proper noun the NER tagged ORG ("chief financial officer Anna Berg")."""
    head = source.head
    if source.person is not None or source.org is None or head.pos_ != "PROPN":
        return None
    title = [
        c
        for c in head.children
        if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in lex.ANONYMOUS_NOUNS
    ]
    if not title:
        return None
    evidence = {
        "source_rule": "a title before a proper noun: a named person",
        "lexicon": f"title {title[0].lemma_.lower()!r}",
    }
    return "named_person", None, source.role(), evidence


def _organization_elsewhere(source: _Source) -> SourceDecision | None:
    """A one-word name the article elsewhere gives an organisation."""
    person, org, head = source.person, source.org, source.head
    if (
        head.pos_ != "PROPN"
        or (person is not None and not (len(person) == 1 and person.start == head.i))
        or (org is not None and len(org) != 1)
        or not _org_elsewhere(source.context, head)
    ):
        return None
    evidence = {"source_rule": "a one-word name the article elsewhere gives an organisation"}
    return "named_organization", None, None, evidence


def _described_as_a_person(source: _Source) -> SourceDecision | None:
    """A name described as a person in apposition, whatever the NER tagged it."""
    org, head = source.org, source.head
    if (
        source.person is not None
        or org is None
        or org.label_ not in ("ORG", "GPE")
        or head.pos_ != "PROPN"
        or org[-1].lower_ in lex.ORGANIZATION_NOUNS
        or _person_apposition(head) is None
    ):
        return None
    # "Keiko Tanabe, an analyst at Harlow Securities" with the name tagged ORG; "Yonas, a
    # 24-year-old from Eritrea" with the name tagged as a place.
    evidence = {"source_rule": "a name described as a person in apposition"}
    return "named_person", None, source.role(), evidence


def _company_calling_itself_it(source: _Source) -> SourceDecision | None:
    """A one-word company the NER took for a person ("Airvex said it did not comment")."""
    person, context, head = source.person, source.context, source.head
    if (
        person is None
        or len(person) != 1
        or person.start != head.i
        or context.full_name(person) != person.text
        or not _speaks_of_itself_as_it(context, head, source.content, strict=True)
    ):
        return None
    evidence = {"source_rule": "a one-word name whose statement calls it 'it': an institution"}
    return "named_organization", None, None, evidence


def _person_entity_source(source: _Source) -> SourceDecision | None:
    """A PERSON entity (or a titled name), resolved to the fullest name in the article."""
    person, span = source.person, source.span
    if person is None:
        return None
    evidence = {
        "source_rule": "source is a PERSON entity"
        if person.label_ == "PERSON"
        else "a title before a proper noun: a named person"  # titled_name
    }
    name = source.context.full_name(person)
    inside = span[0] <= person.start_char < span[1]
    resolved = name if name != person.text or not inside else None
    return "named_person", resolved, source.role(person), evidence


def _named_entity_source(source: _Source) -> SourceDecision | None:
    """An organisation, nationality or place entity, or a named institution ("Parliament")."""
    org, head = source.org, source.head
    if org is None and not (head.lower_ in lex.NAMED_INSTITUTIONS and head.pos_ == "PROPN"):
        return None
    evidence = {
        "source_rule": f"source is a named entity ({org.label_})"
        if org is not None
        else f"named institution {head.lower_!r}"
    }
    return "named_organization", None, source.role(org), evidence


#: The rules of a source that a name makes named, or that refers to a name, in the order they
#: run within :data:`SOURCE_RULES`.
NAMED_RULES: tuple[Callable[[_Source], SourceDecision | None], ...] = (
    _earlier_surname,
    _place_for_government,
    _headline_office_holder,
    _lede_description,
    _apposition,
    _given_name_phrase,
    _document_for_author,
    _title_before_name,
    _organization_elsewhere,
    _described_as_a_person,
    _company_calling_itself_it,
    _person_entity_source,
    _named_entity_source,
)


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
    *NAMED_RULES,
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
    what refers to them (:data:`NAMED_RULES`), institution nouns
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
