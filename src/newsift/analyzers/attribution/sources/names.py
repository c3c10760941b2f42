"""Named sources: people and organisations by name, title, apposition or earlier mention.

Predicates and finders over the parse and the document's entities that
:func:`~newsift.analyzers.attribution.sources.classify.classify_source` combines.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.context import HEADLINE, Context, SourceLexicon


def titled_name(ent: Span, lexicon: SourceLexicon) -> bool:
    """An ORG or GPE entity of two or more proper nouns right after a person's title
    ("regional governor Oleh Kiper", "Col. Petro Savchuk"): a person's name the small NER
    mislabelled, unless it ends in an institution word ("Defence Ministry"). The apposition
    case needs ``lexicon``'s common nouns, and is skipped when it has none."""
    if ent.label_ not in ("ORG", "GPE") or len(ent) < 2 or ent.start == 0:
        return False
    if not all(t.tag_ == "NNP" for t in ent) or ent[-1].lower_ in lex.ORGANIZATION_NOUNS:
        return False
    title = ent.doc[ent.start - 1]
    if title.tag_ == "NNP":  # "President Ilse Varnholt": a capitalised title from the lists
        return title.lower_ in lex.ANONYMOUS_NOUNS | lex.PERSON_NOUNS
    if title.tag_ == "NN" and person_noun(title.lemma_.lower()):
        return True
    # "the official spokeswoman of the Foreign Ministry, Irina Zhdanova": a name set off in
    # apposition to a person's title, none of whose words is a common noun ("its owner,
    # Calder Steel" is a company).
    root = ent.root
    if root.dep_ != "appos" or not lexicon.common_nouns:
        return False
    # the title is what the name stands in apposition to, or an apposition of the same
    # word right before it ("Telegram, the governor of the region, Oleh Sinyuk")
    titles = [root.head] + [
        s for s in root.head.children if s.dep_ == "appos" and s.right_edge.i == ent.start - 2
    ]
    return any(
        t.pos_ == "NOUN"
        and t.lemma_.lower() not in lex.ORGANIZATION_NOUNS
        and person_noun(t.lemma_.lower())
        for t in titles
    ) and not any(lexicon.common_noun_lemma(t.lower_) is not None for t in ent)


def person_noun(lemma: str) -> bool:
    """Whether a common noun names a person: a title, an occupation, a relation; not an
    institution whose name ends like one ("newspaper", "broadcaster", "retailer")."""
    return (
        lemma in lex.ANONYMOUS_NOUNS
        or lemma in lex.PERSON_NOUNS
        or (
            lemma.endswith(lex.PERSON_SUFFIXES)
            and lemma not in lex.ORGANIZATION_NOUNS | lex.DOCUMENT_NOUNS | lex.MEDIA_NOUNS
        )  # not "statement", "document"
    )


def _entity_at(spans: list[Span], token: Token) -> Span | None:
    for ent in spans:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _named_child(context: Context, head: Token, span: tuple[int, int]) -> Span | None:
    """A name standing next to a title head: "Chief of Staff General Valery Gerasimov", or in
    apposition after it, set off by commas: "the finance minister, Anna Berg, said"."""
    for child in head.children:
        ent = _entity_at(context.persons, child)
        if ent is not None and _company_name(context.lexicon, head, ent):
            continue
        if ent is not None and (
            child.dep_ == "appos"
            or (
                child.dep_ == "compound"
                and span[0] <= ent.start_char
                and ent.end_char <= span[1]
                and all(t.pos_ == "PROPN" for t in ent)  # not "Library campaigners"
                # "Library users", "The Qaradeshi army": a name modifying a plural or an
                # institution, not a title before a name
                and head.tag_ not in ("NNS", "NNPS")
                and head.lemma_.lower() not in lex.ORGANIZATION_NOUNS
            )
        ):
            return ent
    return None


def _proper_subject_before(context: Context, token: Token) -> str | None:
    """The last proper-noun subject before ``token`` in its paragraph, outside quotations."""
    start = context.text.rfind("\n", 0, token.idx)
    for t in reversed(context.doc[: token.i]):
        if t.idx < start:
            break
        if t.dep_ == "nsubj" and t.pos_ == "PROPN" and context.quote_of[t.i] < 0:
            return t.text
    return None


def _company_name(lexicon: SourceLexicon, head: Token, ent: Span) -> bool:
    """A name after a company noun that ends in a plural common noun or a company word: "The
    developer, Halstow Homes", "The drug's maker, Halvern Pharma" (the NER may call it a
    person)."""
    if organization_name_end(ent[-1]) and ent[-1].pos_ == "PROPN":
        return True  # "The drug's maker, Halvern Pharma"; "The building's owner, X Estates"
    return (
        head.lemma_.lower() in lex.COMPANY_OR_PERSON_NOUNS | lex.ORGANIZATION_NOUNS
        and lexicon.common_noun_lemma(ent[-1].lower_) not in (None, ent[-1].lower_)
    )


def _short_org_name(context: Context, head: Token) -> str | None:
    """The earlier ORG entity whose first word a bare proper noun is ("Acme" after "Acme
    Foods"): the company's short name, unless a person of the article bears the word ("Trump"
    with "Trump Tower" and "Donald Trump")."""
    if any(i != head.i for i in context.person_words.get(head.text, ())):
        return None
    for ent in context.orgs:
        if ent.start >= head.i:
            break
        if ent.label_ == "ORG" and len(ent) > 1 and ent[0].text == head.text:
            return ent.text
    return None


def _capitalised_common_noun(context: Context, head: Token) -> str | None:
    """A proper-noun tag on what is a common noun capitalised: a plural the lemmatizer reduces
    to a lowercase noun ("Neighbours" -> "neighbour"), or a sentence-initial word that is a
    common noun of the lemmatizer's vocabulary and is never capitalised inside a sentence
    in the article. Returns the noun's lemma, or None."""
    lemma: str | None = head.lemma_
    if not (head.lemma_.islower() and head.lemma_ != head.lower_):  # not inflected as a noun
        start = context.sentence_of(head).start
        while start < head.i and (head.doc[start].is_punct or head.doc[start].is_space):
            start += 1
        lemma = (
            context.lexicon.common_noun_lemma(head.lower_)
            if start == head.i or context.in_title_case_headline(head)
            else None
        )
    doc = head.doc
    if lemma is None or any(
        t.i > context.sentence_of(t).start
        and not doc[t.i - 1].is_punct
        and not doc[t.i - 1].is_space
        for t in context.same_text_elsewhere(head)
    ):
        return None
    return lemma


def _name_word(token: Token) -> bool:
    """A capitalised proper-noun word that can be part of a person's name ("Emil", "O'Hara")."""
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.text[-1:].isalpha()


def _title_word(token: Token) -> bool:
    """An honorific or a title noun that introduces a name ("Dr", "governor", "Chief")."""
    return token.lower_.rstrip(".") in lex.HONORIFICS or person_noun(token.lemma_.lower())


def organization_name_end(token: Token) -> bool:
    """Whether a name ending with ``token`` is an organisation's ("Halvern Pharma", "Kestrel
    Holdings", "Save the Fields Campaign"): a company designator or an institution noun."""
    lower = token.lower_.rstrip(".")
    return lower in lex.ORGANIZATION_NAME_WORDS or lower in lex.ORGANIZATION_NOUNS


def titled_full_names(doc: Doc) -> list[Span]:
    """Full names (two or more proper nouns) right after a title or honorific, whatever the
    NER made of them: "Dr Emil Haugen" (tagged ORG), "Central bank governor Ana Petric" (only
    "Petric" tagged, as ORG). A surname used alone later refers back to them.

    Args:
        doc: A parsed document.

    Returns:
        The name spans (without the title), in text order.
    """
    names: list[Span] = []
    i = 0
    while i < len(doc):
        if not _name_word(doc[i]):
            i += 1
            continue
        end = i
        while end < len(doc) and _name_word(doc[end]):
            end += 1
        first = i
        while first < end and _title_word(doc[first]):
            first += 1  # "Dr", "Chief Executive": titles written in capitals
        titled = first > i or (i > 0 and doc[i - 1].pos_ == "NOUN" and _title_word(doc[i - 1]))
        if titled and end - first >= 2 and not organization_name_end(doc[end - 1]):
            names.append(doc[first:end])
        i = end
    return names


def _earlier_full_name(context: Context, head: Token) -> Span | None:
    """The earlier PERSON mention of two or more words that ends with this word: a surname
    used alone after the full name ("Kowal said" after "Jan Kowal"), whatever the NER and
    tagger make of the lone surname (an ORG, a place, even a verb: "Sayed" as "say")."""
    if not head.text[:1].isupper() or head.lower_ in lex.PERSON_PRONOUNS | lex.GROUP_PRONOUNS:
        return None
    ent = _entity_at(context.orgs, head)
    if ent is not None and len(ent) > 1:
        return None  # "Kowal Holdings": a longer name of its own
    for person in context.persons:
        if person.start >= head.i:
            break
        if len(person) > 1 and person[-1].text == head.text:
            return person
    for name in context.titled_names:
        if name.end > head.i:
            break
        if name[-1].text == head.text:
            return name  # "Dr Emil Haugen" tagged ORG, then "Haugen said"
    return None


def _given_name(head: Token) -> str | None:
    """A name the source's own phrase gives: "a mother of four, who gave her name only as Um
    Khaled", "another woman, who gave only her first name, Mira"."""
    tokens = list(head.subtree)
    for t in tokens:
        if t.lemma_.lower() == "name" and t.pos_ == "NOUN":
            names = [u for u in tokens if u.i > t.i and u.pos_ == "PROPN"]
            if names:
                return " ".join(u.text for u in names)
    return None


def _named_after_lede(context: Context, head: Token) -> str | None:
    """The name a news lede withholds and the next paragraph gives: "A man accused of
    defrauding investors told a jury …" then "…, Adrian Pettifer, 47, said …". The source is
    an indefinite singular person noun with a description (a participle or relative clause)
    in the article's first paragraph, and the next paragraph's first sentence introduces a
    full name with an age."""
    if head.pos_ != "NOUN" or head.tag_ != "NN" or not person_noun(head.lemma_.lower()):
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return None
    if not any(c.dep_ in ("acl", "relcl") and c.i > head.i for c in head.children):
        return None
    text = context.text
    before = text[: head.idx]
    headline = HEADLINE.match(text)
    offset = headline.end() if headline is not None and headline.end() <= head.idx else 0
    if "\n" in before[offset:]:
        return None  # not in the first paragraph of the body
    para = text.find("\n\n", head.idx)
    if para < 0:
        return None
    starts = [start for start, _ in context.sentences]
    first = bisect_right(starts, para + 2) - 1
    sent_end = context.sentences[first][1] if first >= 0 else para
    doc = context.doc
    for ent in context.persons:
        if (
            para < ent.start_char < sent_end
            and len(ent) > 1
            and ent.end + 2 < len(doc)
            and doc[ent.end].text == ","
            and doc[ent.end + 1].like_num
            and doc[ent.end + 2].text == ","
        ):
            return ent.text
    return None


def _closes_phrase_after_comma(head: Token, ent: Span) -> bool:
    """``ent`` ends ``head``'s phrase (punctuation aside), set off by a comma, in apposition
    somewhere below ``head``: "A spokesman for the command, Col. Petro Savchuk,"."""
    last = head.right_edge.i
    while last > head.i and head.doc[last].is_punct:
        last -= 1
    return (
        head.i < ent.start
        and ent.end - 1 == last
        and ent.root.dep_ == "appos"
        and ent.root.left_edge.i > 0
        and head.doc[ent.root.left_edge.i - 1].text == ","
        and any(a.i == head.i for a in ent.root.ancestors)
    )


def _trailing_name(context: Context, head: Token) -> Span | None:
    """A name set off by a comma at the end of a person noun's phrase, wherever the parser
    hung it: "A spokesman for Ukraine's eastern command, Col. Petro Savchuk, said" (the parser
    makes the name an apposition of "command", not of "spokesman")."""
    for ent in context.persons:
        if _closes_phrase_after_comma(head, ent) and not _company_name(context.lexicon, head, ent):
            return ent
    return None


def name_after_descriptor(head: Token) -> tuple[Token, Span] | None:
    """An organisation noun right before a name in one noun phrase, and the name: "the energy
    regulator Powerwatch", "The ticketing platform Gigzo", "Food delivery app Gobble", "the
    campaign group Save Fenwick Fields" (a close apposition: the noun says what kind of
    body the name names). The noun must be lowercase, so that capitalised titles ("Chief of
    Staff Valery Gerasimov") are not taken for one; a person noun right before the name
    ("Rovers manager Sean Kilbride", "Agency head Giorgio Fenzi") is a title, not this.

    Returns:
        ``(descriptor noun, name span)``, or None.
    """
    doc = head.doc
    if head.pos_ == "NOUN":
        descriptor = head
        names = [
            c
            for c in head.children
            if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" and c.left_edge.i == head.i + 1
        ]
        if not names:
            return None
        start, end = head.i + 1, names[0].i + 1
    elif head.pos_ == "PROPN":
        start = head.i
        while start > head.left_edge.i and _name_word(doc[start - 1]):
            start -= 1
        if start == 0:
            return None
        descriptor = doc[start - 1]
        if not any(a.i == head.i for a in descriptor.ancestors):
            return None
        end = head.i + 1
    else:
        return None
    lemma = descriptor.lemma_.lower()
    if (
        descriptor.pos_ != "NOUN"
        or not descriptor.is_lower
        or descriptor.tag_ in ("NNS", "NNPS")
        or lemma not in lex.ORGANIZATION_NOUNS
        or lemma in lex.NOT_NAME_DESCRIPTORS | lex.ANONYMOUS_NOUNS
        or not all(_name_word(t) for t in doc[start:end])
    ):
        return None
    return descriptor, doc[start:end]


def _trailing_proper_name(context: Context, head: Token) -> Span | None:
    """A full name set off by a comma at the end of a person noun's phrase that the NER
    tagged as an organisation or a place: "The mayor of Valmore, Sandro Bellini, said"
    (the parser hangs the name on "Valmore"). Names ending like a company's ("the owner of
    the site, Kestrel Holdings") are left out."""
    for ent in context.orgs:
        if (
            len(ent) >= 2
            and all(_name_word(t) for t in ent)
            and not organization_name_end(ent[-1])
            and _closes_phrase_after_comma(head, ent)
        ):
            return ent
    return None


def _person_apposition(head: Token) -> Token | None:
    """What describes a proper-noun source as a person in apposition: a person noun ("Keiko
    Tanabe, an analyst at …") or an age ("Yonas, a 24-year-old from Eritrea"). None if
    nothing does."""
    for appos in head.children:
        if appos.dep_ != "appos":
            continue
        a_lemma = appos.lemma_.lower()
        if (
            appos.pos_ == "NOUN"
            and person_noun(a_lemma)
            and a_lemma not in lex.COMPANY_OR_PERSON_NOUNS
        ):
            return appos
        if _AGE.search(head.doc.text, appos.left_edge.idx, appos.idx + len(appos.text)):
            return appos
    return None


def _call_sign(context: Context, head: Token, person: Span) -> bool:
    """The name after a source is a call sign ("one soldier, who gave only his call sign,
    Bison"): it hides who speaks."""
    between = context.text[head.idx : person.start_char].lower()
    return any(p in between for p in lex.CALL_SIGN_PHRASES)


def _named_pair(context: Context, head: Token) -> str | None:
    """ "the couple", "the pair": the two people named last before it (in its paragraph or
    the one before), joined with "and"; None when fewer than two are."""
    text = context.text
    para = text.rfind("\n\n", 0, head.idx)
    para = text.rfind("\n\n", 0, para) if para > 0 else 0
    names: list[str] = []
    for ent in reversed(context.persons):
        if ent.start_char >= head.idx or context.quote_of[ent.start] >= 0:
            continue
        if ent.start_char < para:
            break
        name = context.full_name(ent)
        if len(ent) > 1 and all(name not in n and n not in name for n in names):
            names.append(name)
        if len(names) == 2:
            return f"{names[1]} and {names[0]}"
    return None


_AGE = re.compile(r"(\d{1,3})-year-old$")


def acronym_institution(token: Token) -> bool:
    """An institution's acronym in capitals ("WHO", "UN"), whatever the tagger made of it."""
    return token.text.isupper() and len(token.text) > 1 and token.lower_ in lex.NAMED_INSTITUTIONS


def _person_entity(context: Context, head: Token, span: tuple[int, int], lemma: str) -> Span | None:
    """The PERSON entity (or titled name) the source is: the head's own, unless it is a
    plural noun or a company's short name, else a name next to the head or set off at the
    end of its phrase."""
    person = _entity_at(context.persons, head)
    if person is not None and head.tag_ == "NNS" and (len(person) == 1 or head.is_lower):
        person = None  # "Campaigners", "Library campaigners": a plural noun, not a name
    if person is not None and len(person) == 1 and _short_org_name(context, head) is not None:
        person = None  # "Kestrel said" after "Kestrel Holdings": the company's short name
    person = person or _named_child(context, head, span)
    if person is None and head.pos_ == "NOUN" and person_noun(lemma):
        person = _trailing_name(context, head)
    return person


def _organization_entity(context: Context, head: Token) -> Span | None:
    """The ORG, NORP or GPE entity the head lies in, unless it is a counted common noun."""
    org = _entity_at(context.orgs, head)
    if (
        org is not None
        and len(org) == 1
        and head.pos_ == "NOUN"
        and any(c.lower_ in ("a", "an", "one", "another") for c in head.children)
    ):
        org = None  # "One GP in Leeds": a counted common noun the NER tagged ORG
    return org
