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

from spacy.tokens import Span, Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.context import HEADLINE, Context, char_range, noun_phrase
from newsift.analyzers.attribution.sources.names import (
    _AGE,
    _call_sign,
    _capitalised_common_noun,
    _company_name,
    _earlier_full_name,
    _entity_at,
    _given_name,
    _named_after_lede,
    _named_pair,
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
from newsift.analyzers.attribution.sources.pronouns import _pronoun_source, _speaks_of_itself_as_it
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


def _common_noun_source(
    context: Context, head: Token, span: tuple[int, int], lemma: str, plural: bool
) -> SourceDecision:
    """A common-noun source that no name makes named: a pair or an age referring back, a
    definite title, a specific group or person (anonymous), or a crowd or hearsay (vague)."""
    lower = head.lower_
    evidence: dict[str, str] = {}
    if lemma in lex.PAIR_NOUNS and any(
        c.dep_ == "det" and c.lower_ == "the" for c in head.children
    ):
        pair = _named_pair(context, head)
        if pair is not None:
            evidence["source_rule"] = f"'the {lemma}' refers to the two people named before"
            return "named_person", pair, _role(context, head, span, None), evidence
    if lower == "old" and head.pos_ in ("ADJ", "NOUN"):
        aged = _aged_person(context, head)
        if aged is not None:
            evidence["source_rule"] = aged[1]
            return aged[0], aged[2], _role(context, head, span, None), evidence
    titles = [lemma]
    if lemma == "head":
        # "the head of state" -> the president named earlier
        of = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        titles = [t for o in of for t in lex.ROLE_TITLES.get(f"head of {o.lower_}", ())]
    if any(t in context.titles for t in titles) and any(
        c.dep_ == "det" and c.lower_ == "the" for c in head.children
    ):
        dated = [
            (char, name)
            for title in titles
            for char, name in context.titles.get(title, ())
            if char < head.idx
        ]
        earlier = [name for _, name in sorted(dated)]
        if earlier:
            evidence["source_rule"] = (
                f"description 'the {lemma}' resolved to the last person so titled"
            )
            return "named_person", earlier[-1], _role(context, head, span, None), evidence
    if plural and _same_group_earlier(context, head, lemma):
        evidence["source_rule"] = (
            f"'the {head.lower_}' refers back to a counted group or one described by its access"
        )
        return "anonymous", None, _role(context, head, span, None), evidence
    the = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    if lemma in lex.KIN_GROUP_NOUNS and any(
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
        evidence["source_rule"] = "a person's family or circle ('her family'): specific people"
        return "anonymous", None, _role(context, head, span, None), evidence
    if not plural and _one_person(head, lemma):
        evidence["source_rule"] = "one person of a group ('one pundit', 'said one'): unnamed"
        return "anonymous", None, _role(context, head, span, None), evidence
    if plural and _specific_group(head, lemma):
        evidence["source_rule"] = "a counted group, or one described by its access: unnamed"
        evidence["lexicon"] = f"plural person noun {lemma!r}"
        return "anonymous", None, _role(context, head, span, None), evidence
    group_noun = lemma in lex.VAGUE_NOUNS | lex.ANONYMOUS_NOUNS
    if (plural and group_noun) or lemma in lex.VAGUE_NOUNS - lex.ANONYMOUS_NOUNS:
        evidence["source_rule"] = "unspecified group or hearsay"
        evidence["lexicon"] = f"vague source {lemma!r}"
        return "vague", None, _role(context, head, span, None), evidence
    if lemma in lex.ANONYMOUS_NOUNS:
        evidence["source_rule"] = "unnamed but specific person or official"
        evidence["lexicon"] = f"anonymous source {lemma!r}"
        return "anonymous", None, _role(context, head, span, None), evidence
    if plural:
        evidence["source_rule"] = "plural common noun: an unspecified group"
        return "vague", None, _role(context, head, span, None), evidence
    if person_noun(lemma):
        evidence["source_rule"] = "common noun naming a person, without a name: unnamed"
        return "anonymous", None, _role(context, head, span, None), evidence
    if (
        head.pos_ == "NOUN"
        and lemma
        not in lex.DOCUMENT_NOUNS | lex.ORGANIZATION_NOUNS | lex.MEDIA_NOUNS | lex.CUE_NOUNS
        and any(
            c.lower_ in ("a", "an", "another", "one") and c.dep_ in ("det", "nummod")
            for c in head.children
        )
    ):
        # "a steward at the ground said": someone, unnamed; things that speak ("a video
        # shows", "a statement said") are documents or media, listed apart.
        evidence["source_rule"] = "indefinite singular source ('a steward said'): unnamed"
        return "anonymous", None, _role(context, head, span, None), evidence
    evidence["source_rule"] = "common noun naming no person or body: not an identified source"
    return "vague", None, _role(context, head, span, None), evidence


def classify_source(
    context: Context, head: Token, span: tuple[int, int], content: tuple[int, int]
) -> SourceDecision:
    """Source type, resolved name, role and evidence for a source headed by ``head``.

    The rules run in a fixed order and the first that decides wins: names beside the head
    (a descriptor before a name, a trailing name, a call sign), capitalised plurals and
    anonymity phrases, pronouns (:func:`_pronoun_source`), names and what refers to them
    (:func:`_named_source`), institution nouns (:func:`_institution_noun_source`), untagged
    proper nouns, and last the common nouns (:func:`_common_noun_source`).

    Args:
        context: The document's lookups (built once per document).
        head: The head token of the source's noun phrase.
        span: The source's noun phrase (character offsets).
        content: The reported content (character offsets).

    Returns:
        ``(source type, resolved name or None, role or None, evidence)``.
    """
    lemma = head.lemma_.lower()
    lower = head.lower_
    plural = head.tag_ in ("NNS", "NNPS")
    evidence: dict[str, str] = {}
    anonymity = _anonymity(context, head, content)
    person = _person_entity(context, head, span, lemma)
    descriptor_name = name_after_descriptor(head)
    if descriptor_name is not None:
        noun, org_name = descriptor_name
        evidence["source_rule"] = (
            "a name right after an organisation noun ('the energy regulator X'): the "
            "organisation's name"
        )
        evidence["lexicon"] = f"organization noun {noun.lemma_.lower()!r}"
        role = context.text[span[0] : org_name.start_char].strip(" ,") or None
        return "named_organization", org_name.text, role, evidence
    if (
        person is None
        and head.pos_ == "NOUN"
        and person_noun(lemma)
        and lemma not in lex.PARTY_NOUNS | lex.COMPANY_OR_PERSON_NOUNS
        and not anonymity
    ):
        trailing = _trailing_proper_name(context, head)
        if trailing is not None and not _call_sign(context, head, trailing):
            evidence["source_rule"] = (
                "a full name in apposition at the end of the source's phrase ('the mayor of "
                "X, Name,'): the person named"
            )
            return "named_person", trailing.text, _role(context, head, span, trailing), evidence
    if person is not None and person.start > head.i and _call_sign(context, head, person):
        evidence["source_rule"] = "a call sign or nom de guerre hides the identity: unnamed"
        return "anonymous", None, _role(context, head, span, None), evidence
    org = _organization_entity(context, head)
    if org is not None and len(org) == 1 and person is None and head.text[:1].isupper():
        # the NER tags a capitalised plural at the start of a sentence as a name
        group = lemma if head.tag_ == "NNS" else _capitalised_common_noun(context, head)
        if (
            group is not None
            and group != head.lower_
            and (person_noun(group) or group in lex.VAGUE_NOUNS)
            and not _specific_group(head, group)
        ):
            # "Neighbours said …": a sentence-initial plural the NER took for a name
            evidence["source_rule"] = (
                "a capitalised plural common noun, not a name: an unspecified group"
            )
            evidence["lexicon"] = f"plural person noun {group!r}"
            return "vague", None, _role(context, head, span, None), evidence
    if lemma not in lex.ORGANIZATION_NOUNS and lower in lex.ORGANIZATION_NOUNS:
        lemma = lower  # "media" (lemmatized "medium"), "authorities"
    if anonymity is not None and person is None and org is None:
        evidence["source_rule"] = "anonymity phrase near the source"
        evidence["anonymity"] = anonymity
        return "anonymous", None, _role(context, head, span, None), evidence
    common = _capitalised_common_noun(context, head) if head.pos_ == "PROPN" else None
    if (
        org is not None
        and org.label_ == "NORP"
        and person is None
        and (plural or (common is not None and common != head.lower_))
    ):
        evidence["source_rule"] = "a plural nationality or party ('Democrats'): a group"
        return "vague", None, None, evidence
    if person is None and _one_of(head):
        evidence["source_rule"] = "one member of a group of people ('one of them'): unnamed"
        return "anonymous", None, _role(context, head, span, None), evidence
    if acronym_institution(head):
        evidence["source_rule"] = f"named institution {head.text!r}"
        return "named_organization", None, None, evidence
    if head.pos_ == "PRON" or lower in lex.PERSON_PRONOUNS | lex.GROUP_PRONOUNS:
        return _pronoun_source(context, head, lower)
    named = _named_source(context, head, span, content, lemma, (person, org))
    if named is not None:
        return named
    if lemma in lex.ORGANIZATION_NOUNS:
        institution_source = _institution_noun_source(context, head, lemma, plural)
        if institution_source is not None:
            return institution_source
    if (
        lemma in lex.COMPANY_OR_PERSON_NOUNS
        and not plural
        and any(
            (c.dep_ == "det" and c.lower_ in ("the", "this"))
            or (c.dep_ == "poss" and _definite_possessor(context, c))
            for c in head.children
        )
    ):
        evidence["source_rule"] = "a definite company noun ('the grid operator'): an institution"
        evidence["lexicon"] = f"company or person noun {lemma!r}"
        return "named_organization", None, None, evidence
    if head.pos_ == "PROPN" and _short_org_name(context, head) is not None:
        evidence["source_rule"] = "first word of an earlier organisation name: its short form"
        return "named_organization", _short_org_name(context, head), None, evidence
    common = _capitalised_common_noun(context, head) if head.pos_ == "PROPN" else None
    if common is not None:
        plural = plural or common != head.lower_  # "Neighbours": a plural common noun
        lemma = common
    elif head.pos_ == "PROPN":
        institution = _unnamed_proper_institution(context, head, content)
        if institution is not None:
            evidence["source_rule"] = institution
            return "named_organization", None, None, evidence
        evidence["source_rule"] = "proper noun not tagged as an entity: taken as a name"
        return "named_person", None, None, evidence
    return _common_noun_source(context, head, span, lemma, plural)
