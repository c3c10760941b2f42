"""Polarity and stance of an attribution's cue, read off the parse around the cue.

- **Polarity** (``asserted`` | ``negated`` | ``declined``): "she did not say the plan had
  failed" reports what someone did *not* say, and "the company denied that …", "rejected
  the claim that …", "dismissed the report as …" what the source denies (``negated``); "he
  declined to comment", "she
  did not respond to the email", "the ministry could not be reached for comment", "Meta had
  not issued an explanation" report that someone gave no statement (``declined``). Neither is
  the source's statement, and the sourcing profile leaves both out. "Refused"/"declined" is
  a declined statement only when what is refused is a speech act ("refused to comment",
  "declined to give details"); "refused to leave the city" is no attribution
  (:func:`refuses_statement`).
- **Stance** (``statement`` | ``allegation`` | ``belief`` | ``intention``): what kind of
  attitude the cue reports. "prosecutors alleged", "she accused him of …", "a complaint said"
  (a legal filing) are allegations, never the accused's own words; "believes", "thinks",
  "fears" are beliefs; "intends", "plans to", "vowed to" intentions.

Pure functions over spaCy tokens; the word lists are in :mod:`.lexicon`.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.context import token_at

Polarity = Literal["asserted", "negated", "declined"]
Stance = Literal["statement", "allegation", "belief", "intention"]

#: Every polarity and stance, in the order the summary lists them.
POLARITIES: tuple[Polarity, ...] = ("asserted", "negated", "declined")
STANCES: tuple[Stance, ...] = ("statement", "allegation", "belief", "intention")


def _negated(token: Token) -> bool:
    """``not``/``never``/``n't`` on the verb, or on the auxiliary chain above an xcomp
    ("could not comment", "did not want to say")."""
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in token.children)


def _governor(token: Token) -> Token | None:
    """The verb ``token`` is the open complement of ("declined to *comment*")."""
    return token.head if token.dep_ == "xcomp" and token.head.i != token.i else None


def _comment_object(token: Token) -> bool:
    """The verb's object or complement asks for a statement ("respond to the email",
    "issued an explanation", "return calls", "comment further")."""
    for child in token.children:
        if child.dep_ in ("dobj", "pobj") and child.lemma_.lower() in lex.REQUEST_NOUNS:
            return True
        if child.dep_ == "prep" and any(
            o.lemma_.lower() in lex.REQUEST_NOUNS for o in child.children if o.dep_ == "pobj"
        ):
            return True
    return False


def _has_statement(token: Token) -> bool:
    """The verb carries what was (not) said: a clause, a quotation, or an open complement
    that is not itself a request for comment ("do not expect the bank to raise rates")."""
    return any(
        c.dep_ in ("ccomp", "parataxis")
        or (c.dep_ == "xcomp" and c.lemma_.lower() not in lex.NO_COMMENT_VERBS)
        for c in token.children
    )


def _reports_no_comment(cue: Token) -> bool:
    """The reported clause says the source gives no statement: "he said he could not comment
    further", "she said she would not discuss the case"."""
    for clause in cue.children:
        if clause.dep_ != "ccomp":
            continue
        lemma = clause.lemma_.lower()
        if lemma in lex.NO_COMMENT_VERBS | {"discuss"} and _negated(clause):
            return not any(c.dep_ == "ccomp" for c in clause.children)
        if lemma in lex.DECLINE_VERBS and any(
            x.dep_ == "xcomp" and x.lemma_.lower() in lex.NO_COMMENT_VERBS | {"discuss"}
            for x in clause.children
        ):
            return True
    return False


def _speech_act(verb: Token) -> bool:
    """``verb`` (what is refused) is a speech act: "comment", "say", "be interviewed",
    "give details" (not "be named", the anonymity formula)."""
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if lemma in ("interview", "draw"):
        return passive  # "declined to be interviewed", "refused to be drawn on …"
    if lemma in ("name", "identify") and passive:
        return False  # "an official who declined to be named"
    if lemma in lex.REFUSED_SPEECH_VERBS:
        return True
    return lemma in ("give", "provide", "offer", "share", "make") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lex.REFUSED_SPEECH_OBJECTS for c in verb.children
    )


def refuses_statement(verb: Token) -> bool:
    """A refusing verb ("declined", "refused") whose open complement is a speech act: it
    reports a declined statement ("refused to comment"); with any other complement
    ("refused to leave the city") it reports none."""
    return any(c.dep_ == "xcomp" and _speech_act(c) for c in verb.children)


def _denies(cue: Token) -> bool:
    """The cue denies what it reports: "denied that …", "denies the allegations", "rejected
    the claim that …", "dismissed the report as propaganda"."""
    lemma = cue.lemma_.lower()
    if lemma in lex.DENIAL_VERBS:
        return True
    return lemma in lex.DENIAL_OBJECT_VERBS and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lex.STATEMENT_NOUNS
        for c in cue.children
    )


def cue_polarity(cue: Token) -> Polarity:
    """``negated``, ``declined`` or ``asserted``, from the cue verb and what governs it.

    Args:
        cue: The cue's head token (the reporting verb or noun).
    """
    lemma = cue.lemma_.lower()
    governor = _governor(cue)
    if governor is not None and governor.lemma_.lower() in lex.DECLINE_VERBS:
        # "declined to comment", "refused to say"; "refused to accept the result" is a
        # stance the source does not hold
        return "declined" if _speech_act(cue) else "negated"
    if lemma in lex.DECLINE_VERBS and any(c.dep_ == "xcomp" for c in cue.children):
        return "declined"  # the cue is "declined" itself, its xcomp the content
    negated = _negated(cue) or (governor is not None and _negated(governor))
    if cue.dep_ in ("xcomp",) and governor is not None and governor.lemma_.lower() == "be":
        negated = negated or _negated(governor)
    if not negated:
        if _reports_no_comment(cue):
            return "declined"
        return "negated" if _denies(cue) else "asserted"  # "the company denied that …"
    if _has_statement(cue):
        return "negated"  # "did not say that …", "has not said whether …"
    if lemma in lex.NO_COMMENT_VERBS or _comment_object(cue) or governor is not None:
        return "declined"  # "did not respond", "could not comment further", "had not issued …"
    return "declined" if not any(c.dep_ == "dobj" for c in cue.children) else "negated"


def cue_stance(cue: Token, source: Token | None) -> Stance:
    """``allegation``, ``belief``, ``intention`` or ``statement``.

    Args:
        cue: The cue's head token.
        source: The source's head token, if any: a legal filing ("a complaint said")
            makes an allegation whatever its verb.
    """
    lemma = cue.lemma_.lower()
    if lemma in lex.ALLEGATION_CUES or any(
        c.lower_ in ("allegedly", "reportedly") and c.dep_ == "advmod" for c in cue.children
    ):
        return "allegation"
    if source is not None and source.lemma_.lower() in lex.ALLEGATION_SOURCES:
        return "allegation"
    if lemma in lex.INTENTION_CUES:
        return "intention"
    if lemma in lex.BELIEF_CUES:
        return "belief"
    return "statement"


def polarity_and_stance(
    doc: Doc, cue: tuple[int, int] | None, source: tuple[int, int] | None
) -> tuple[Polarity, Stance]:
    """The polarity and stance of an attribution with these cue and source offsets (an
    attribution with no cue is an asserted statement)."""
    token = token_at(doc, cue[0]) if cue is not None else None
    if token is None:
        return "asserted", "statement"
    head = token_at(doc, source[0]) if source is not None else None
    if head is not None and source is not None:
        # the noun phrase's head, not its first word ("a DEA complaint" -> "complaint")
        while head.head.i != head.i and source[0] <= head.head.idx < source[1]:
            head = head.head
    return cue_polarity(token), cue_stance(token, head)
