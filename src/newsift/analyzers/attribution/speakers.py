"""Who speaks: the source token of a reporting verb.

The subject of the verb, followed through relative clauses, conjunctions and passives; the
document that "reads"; the noun phrase set off before a subjectless verb when the parse fails.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.context import QUOTE_TOKENS, _in_quote, _is_passive
from newsift.analyzers.attribution.sources.names import person_noun

_RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
_OBJECT_PRONOUNS = frozenset({"them", "him", "her", "it", "us"})
_SUBJECT_DEPS = frozenset({"nsubj"})


def _source_of(verb: Token, depth: int = 0) -> Token | None:
    """The source token of a reporting verb: its subject, its agent, or a shared subject.

    A verb without a subject of its own shares that of the verb it hangs on: "… and told
    reporters", "…, adding that", "by calling him …" (up to three steps up). "X is quoted
    (by Y) as saying …" reports X's words, not Y's.
    """
    quoted = _quoted_as(verb)
    if quoted is not None:
        return next((c for c in quoted.children if c.dep_ == "nsubjpass"), None)
    # A verb with an active subject has no agent of its own: in "Villagers interviewed by
    # the agency said …" the parser makes "interviewed" the root, and its "by" phrase
    # belongs to a reduced relative clause on the subject.
    active = any(c.dep_ == "nsubj" for c in verb.children) and not _is_passive(verb)
    for child in verb.children:
        if child.dep_ == "agent" and not active:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if len(subjects) > 1 and subjects[-1].i < verb.i:
        last = subjects[-1]
        if last.left_edge.i > 0 and verb.doc[last.left_edge.i - 1].text == ",":
            return last  # "A sacked B after …, the club confirmed": two subjects parsed
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            if child.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                antecedent = verb.head
                if antecedent.dep_ == "appos" and antecedent.head.pos_ == "PROPN":
                    return antecedent.head  # "NetRights, a rights group, which argued …"
                return antecedent
            return _past_scene(child)
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in lex.RAISING_PASSIVES and _is_passive(head):
        # "The minister is understood to have told colleagues that …": the minister told
        subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if subject is not None and subject.lower_ != "it":
            return subject
    if verb.dep_ == "pcomp" and head.pos_ == "ADP":
        head = head.head  # "by calling him …"
    if (
        depth < 3
        and verb.dep_ in ("conj", "advcl", "xcomp", "pcomp")
        and head.pos_ in ("VERB", "AUX")
        and head.i != verb.i
    ):
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
            return None
        return _source_of(head, depth + 1)
    after = verb.i + 1
    if (
        after < len(verb.doc)
        and verb.i >= 2
        and verb.doc[after].head.i == verb.i
        and verb.doc[after].dep_ in ("attr", "dobj")
        and verb.doc[after].pos_ in ("NOUN", "PROPN", "NUM", "PRON")
        and verb.doc[verb.i - 1].text in QUOTE_TOKENS
        and verb.lemma_.lower() in lex.SPEECH_VERBS
    ):
        return verb.doc[after]  # "“…,” said one, who …": an inverted subject parsed as object
    compounds = [
        c
        for c in verb.children
        if c.dep_ == "compound" and c.i == verb.i - 1 and c.pos_ in ("NOUN", "PROPN")
    ]
    if compounds and verb.tag_ in ("VBZ", "VBD", "VBP"):
        return compounds[0]  # "…, the agency notes.": the subject parsed as the verb's compound
    if verb.dep_ in ("acl", "advcl") and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        governor = head.head.head if head.head.pos_ == "ADP" else head.head
        if (
            depth < 3
            and head.dep_ in ("pobj", "dobj", "dative")
            and governor.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "dobj" and c.lower_ in _OBJECT_PRONOUNS for c in verb.children)
        ):
            # "… have written to congressional leaders urging them to …": the leaders are
            # the ones urged; the writers urge.
            return _source_of(governor, depth + 1)
        return head  # "Smith, saying that …"
    return None


def _past_scene(subject: Token) -> Token:
    """The person in apposition to a bare scene the parser took for the subject: "Outside
    court, a woman whose home was flooded said …" ("court" is the subject, "woman" its
    apposition)."""
    if (
        subject.pos_ != "NOUN"
        or not subject.is_lower
        or any(c.dep_ in ("det", "poss", "nummod") for c in subject.children)
    ):
        return subject
    for appos in subject.children:
        if (
            appos.dep_ == "appos"
            and appos.pos_ == "NOUN"
            and person_noun(appos.lemma_.lower())
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in appos.children)
        ):
            return appos
    return subject


def _reading_document(verb: Token) -> Token | None:
    """The document a quotation "reads" ("“…,” read a statement on the club's website"; "the
    letter reads: “…”"): the inverted subject or the subject of "read", when it is a
    document or a message and the verb has a quoted complement."""
    children = list(verb.children)
    if not any(c.dep_ == "ccomp" for c in children) or not any(
        c.text in QUOTE_TOKENS or _in_quote(c) for c in children if c.dep_ in ("punct", "ccomp")
    ):
        return None
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in ("nsubj", "dobj")
            and c.lemma_.lower() in lex.DOCUMENT_NOUNS | lex.MEDIA_NOUNS
        ),
        None,
    )


def _quoted_as(verb: Token) -> Token | None:
    """The passive verb of "X is quoted as saying", "X was cited by Y as saying" when
    ``verb`` is its "saying", else None."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.dep_ != "prep":
        return None
    passive = prep.head
    if passive.lemma_.lower() in lex.QUOTED_AS_VERBS and _is_passive(passive):
        return passive
    return None


def _left_source(verb: Token, commas_before: Sequence[int]) -> Token | None:
    """The noun phrase right before a subjectless reporting verb, set off by a comma, that
    the parser hung elsewhere: "… the village of Ostrivka, the Russian Defence Ministry
    claimed on Friday" (the ministry made an apposition of the village), "… jets from
    Airvex, two people familiar with the negotiations said". ``commas_before`` is the
    document's comma count before each token (:attr:`Context.commas_before`)."""
    doc = verb.doc
    i = verb.i - 1
    age = -1
    closed = False  # the phrase is set off by a comma before the verb too
    if i >= 3 and doc[i].text == "," and doc[i - 1].like_num and doc[i - 2].text == ",":
        age, i = i - 1, i - 3  # "…, Adrian Pettifer, 47, said": the name before the age
    elif i >= 2 and doc[i].text == "," and doc[i - 1].pos_ == "PROPN":
        closed, i = True, i - 1  # "In a post on Telegram, the governor, Oleh Sinyuk, wrote"
    if i < 1 or doc[i].is_punct:
        return None
    brk = next(
        (j for j in range(i, max(-1, i - 9), -1) if doc[j].is_space and "\n" in doc[j].text),
        None,
    )
    if brk is not None:
        # The paragraph opens with a bare noun phrase and the verb: the parser ran the
        # previous paragraph into it ("… wrote on X.\n\nAnti-doping experts said …").
        phrase = doc[brk + 1 : verb.i]
        if (
            0 < len(phrase) <= 8
            and phrase[-1].pos_ in ("NOUN", "PROPN")
            and not any(
                t.pos_ in ("VERB", "AUX") or (t.is_punct and t.text not in "-–’'") for t in phrase
            )
        ):
            return phrase[-1]
    head = doc[i]
    while head.head.i < verb.i and head.head.i != head.i and doc[head.head.i].text != ",":
        if head.head.i < i and commas_before[i] > commas_before[head.head.i]:
            break  # a comma between the phrase and its head: the phrase ends there
        head = head.head
    # "…, the country's heritage agency announced on Tuesday.": the verb parsed as a
    # participle on the noun phrase that is its subject.
    participle = (
        verb.dep_ == "acl"
        and verb.head.i == head.i
        and verb.tag_ in ("VBD", "VBN")
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)
    )
    if head.pos_ not in ("NOUN", "PROPN") or (
        head.dep_ not in ("appos", "conj", "npadvmod") and not participle
    ):
        return None
    if closed and (head.dep_ != "appos" or head.right_edge.i != i):
        return None
    start = head.left_edge.i
    right = head.right_edge.i
    if participle:
        right = max(
            (t.i for t in head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)),
            default=right,
        )
    if (
        start < 1
        or doc[start - 1].text != ","
        or right not in (verb.i - 1, age, i if closed else -1)
    ):
        return None
    return head
