"""Pronoun sources: "he", "she", "it", "they" resolved to an earlier person or organisation
outside other people's quotations, or to an unnamed person mentioned just before."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span, Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.agreement import (
    FIRST_PERSON,
    PRONOUN_GENDER,
    agrees,
    mention_gender,
    signer,
    token_gender,
)
from newsift.analyzers.attribution.context import Context, token_at
from newsift.analyzers.attribution.sources.names import (
    _entity_at,
    _proper_subject_before,
    person_noun,
)
from newsift.analyzers.attribution.sources.types import SourceDecision


def _resolve_pronoun(context: Context, token: Token) -> tuple[Span | None, str]:
    """The entity a pronoun refers back to: the most recent PERSON ("he", "she") whose
    gender agrees, or ORG ("it"), outside other people's quotations. A "he" or "she" whose
    nearest agreeing candidates in its sentence are two different people is left
    unresolved (:data:`AMBIGUOUS`)."""
    lower = token.lower_
    pool = context.persons if lower in lex.PERSON_PRONOUNS else context.orgs
    best: Span | None = None
    subject: Span | None = None
    for ent in pool:
        if ent.end_char > token.idx:
            break
        if (
            context.quote_of[ent.start] >= 0
            and context.quote_of[ent.start] != context.quote_of[token.i]
        ):
            continue  # names mentioned inside someone else's quotation are not speakers
        if lower in PRONOUN_GENDER and not agrees(lower, mention_gender(ent)):
            continue  # "she" is not the man named just before
        best = ent
        if ent.root.dep_ in ("nsubj", "nsubjpass"):
            subject = ent
    if (
        lower in PRONOUN_GENDER
        and best is not None
        and subject is not None
        and subject is not best
        and best.root.dep_ not in ("nsubj", "nsubjpass")
        and context.text.count("\n", subject.end_char, token.idx) == 0
        and _sentences_between(context, subject.end_char, token.idx) <= 1
    ):
        # "Olena Petrenko fled Kharkiv. She said …": the subject, not the last name
        best = subject
    if best is not None and lower in lex.ORGANIZATION_PRONOUNS:
        # "it" refers back only a little way: within the last three sentences.
        starts = [start for start, _ in context.sentences]
        index = max(0, bisect_right(starts, token.idx) - 1)
        if best.start_char < starts[max(0, index - 3)]:
            best = None
    return best, "PERSON" if lower in lex.PERSON_PRONOUNS else "ORG"


def _sentences_between(context: Context, start: int, end: int) -> int:
    """How many sentence starts lie between two character offsets."""
    starts = [s for s, _ in context.sentences]
    return bisect_right(starts, end) - bisect_right(starts, start)


#: How far back (characters) a pronoun's unnamed antecedent is looked for within its
#: paragraph: news paragraphs are shorter; a paragraph-less text would make the search
#: quadratic.
ANTECEDENT_REACH = 2000


def _unnamed_antecedent(context: Context, token: Token, ent: Span | None) -> Span | None:
    """The indefinite singular person noun subject ("a frontline soldier said") that stands
    between the last PERSON entity (``ent``) and the pronoun ``token``, in the pronoun's
    paragraph: what the pronoun refers to (its noun phrase up to the noun), else None."""
    paragraph = context.text.rfind("\n", 0, token.idx)
    after = max(ent.end_char if ent is not None else -1, paragraph, token.idx - ANTECEDENT_REACH)
    for t in reversed(context.doc[: token.i]):
        if t.idx < after:
            return None
        lemma = t.lemma_.lower()
        if (
            t.dep_ == "nsubj"
            and t.tag_ == "NN"
            and context.quote_of[t.i] < 0
            and person_noun(lemma)
            and any(
                (c.lower_ in ("a", "an", "one") and c.dep_ in ("det", "nummod"))
                # "the woman who found the wallet", "the mother of one of the victims"
                or (c.lower_ == "the" and token_gender(t) is not None)
                for c in t.children
            )
            and _entity_at(context.persons, t) is None
            and agrees(token.lower_, token_gender(t))
        ):
            return context.doc[t.left_edge.i : t.i + 1]
    return None


def _speaks_of_itself_as_it(
    context: Context, head: Token, content: tuple[int, int], strict: bool
) -> bool:
    """Whether the reported clause opens with "its …" or "it" as its subject ("Airvex said it
    did not comment …"): the speaker is a body, not a person. ``strict`` leaves out "it is/
    was …", where "it" is as often the situation a person speaks of."""
    first = token_at(context.doc, content[0])
    if first is not None and first.lower_ == "that" and first.i + 1 < len(context.doc):
        first = context.doc[first.i + 1]
    if first is None or first.i <= head.i:
        return False
    if first.lower_ == "its":
        return first.dep_ == "poss"
    return (
        first.lower_ == "it"
        and first.dep_ in ("nsubj", "nsubjpass")
        and not (strict and first.head.lemma_ == "be")
    )


def _pronoun_source(context: Context, head: Token, lower: str) -> SourceDecision:
    """A pronoun source: resolved to the person or organisation it refers back to, else
    anonymous ("he") or vague ("they")."""
    evidence: dict[str, str] = {}
    if lower in FIRST_PERSON and context.quote_of[head.i] < 0:
        return _first_person(context, head, lower)
    if lower in lex.PERSON_PRONOUNS | lex.ORGANIZATION_PRONOUNS:
        ent, label = _resolve_pronoun(context, head)
        unnamed = _unnamed_antecedent(context, head, ent) if lower in lex.PERSON_PRONOUNS else None
        if unnamed is not None:
            evidence["source_rule"] = (
                "pronoun after an unnamed person ('a soldier said … he added'): anonymous"
            )
            evidence["source_refers_to"] = unnamed.text
            return "anonymous", None, None, evidence
        if ent is not None:
            evidence["source_rule"] = f"pronoun resolved to the most recent {label} entity"
            if label == "PERSON":
                return "named_person", context.full_name(ent), None, evidence
            return "named_organization", ent.text, None, evidence
        if lower in PRONOUN_GENDER and any(
            p.end_char <= head.idx and context.quote_of[p.start] < 0 for p in context.persons
        ):
            # people are named before, but none whose gender agrees: newsift does not guess
            evidence["source_rule"] = (
                f"unresolved: no person named before {lower!r} agrees with it in gender"
            )
            return "unknown", None, None, evidence
        if lower in lex.PERSON_PRONOUNS:
            evidence["source_rule"] = "unresolved personal pronoun: a specific, unnamed person"
            return "anonymous", None, None, evidence
        if head.dep_ == "nsubj" and head.head.lemma_.lower() in lex.SPEECH_VERBS:
            # "“Our doors are open,” it wrote on X.": what speaks as "it" is a body; the
            # name the NER missed is the paragraph's last proper-noun subject.
            evidence["source_rule"] = "'it' that speaks: an institution"
            return "named_organization", _proper_subject_before(context, head), None, evidence
    evidence["source_rule"] = f"unresolved pronoun {lower!r}: an unspecified group"
    return "vague", None, None, evidence


def _first_person(context: Context, head: Token, lower: str) -> SourceDecision:
    """ "I" or "we" outside quotations: the signer of the statement or letter it lies in;
    "we" with no signer is the publisher's own voice (a press release, an editorial); "I"
    with no signer is left unresolved (``unknown``): newsift does not guess."""
    signed = signer(context.text, head.idx)
    if signed is not None:
        evidence = {
            "source_rule": f"first person {lower!r} in a signed statement or letter: its signer",
            "source_refers_to": signed[1],
        }
        return "named_person", signed[1], None, evidence
    if lower in ("we", "us"):
        evidence = {"source_rule": "'we' outside quotations, unsigned: the publisher's own voice"}
        return "named_organization", None, None, evidence
    evidence = {
        "source_rule": f"unresolved: first person {lower!r} outside quotations and no signer "
        "of the text in sight"
    }
    return "unknown", None, None, evidence
