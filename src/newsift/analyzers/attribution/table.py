"""The attribution rule table: each rule's name, precision and content reason.

One table feeds the finding's ``evidence.rule`` (the name), its score (the precision) and
its ``evidence.content`` (what the rule takes as the content); :mod:`.rules` documents the
same names. A :class:`_Candidate` is what a rule proposes before the best one per content
is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass(frozen=True)
class Rule:
    """One attribution rule, as findings, scores and docs name it.

    Attributes:
        name: The finding's ``evidence.rule``.
        precision: Its precision on PolNeAR train (a finding counts as right when its content
            matches a gold content with Jaccard >= 0.5): the finding's score, and the order
            in which findings of the same content are kept.
        content: What it takes as the content: the ``content`` reason in the evidence.
        measured: On how many findings the precision was measured.
    """

    name: str
    precision: float
    content: str
    measured: str


#: Every rule, most precise first. Precisions measured with ``newsift.eval.polnear`` on all
#: 840 train articles (attribution 1.0.0) unless ``measured`` says otherwise; re-measure when
#: the rules change.
RULES: tuple[Rule, ...] = (
    Rule(
        "ccomp",
        0.82,
        "the verb's clausal complement (ccomp), widened to whole quotations",
        "8858 findings on train",
    ),
    Rule("as-clause", 0.78, "the clause an 'as X put it' clause modifies", "55"),
    Rule("according-to", 0.76, "the clause 'according to X' modifies", "383"),
    Rule(
        "impersonal-passive",
        0.75,
        "the clause of an impersonal passive ('it is believed that …') or "
        "of 'it has emerged that …'",
        "107",
    ),
    Rule("quote-cue", 0.61, "the quotation next to a reporting verb in its sentence", "372"),
    Rule(
        "quote-adjacent",
        0.60,
        "a quotation with no cue in its sentence, given to the speaker of the "
        "attribution in the adjacent sentence",
        "1027",
    ),
    Rule("quote-unattributed", 0.57, "a quotation with no speaker in sight", "363"),
    Rule(
        "object",
        0.56,
        "the verb's object and complements ('called the deal a disaster')",
        "3309",
    ),
    Rule("xcomp", 0.53, "the verb's open complement (xcomp: 'vowed to …')", "998"),
    Rule(
        "noun-cue",
        0.49,
        "what a reporting noun with a possessive source governs ('her claim that …')",
        "157",
    ),
    Rule(
        "prep-object",
        0.48,
        "the object of the verb's preposition ('talked about …', 'called for …')",
        "963",
    ),
    Rule("parenthetical", 0.46, "the clause a parenthetical 'X said' interrupts", "554"),
    Rule(
        "passive-agent",
        0.44,
        "the subject or clause of a passive reporting verb with a 'by' agent",
        "100",
    ),
    Rule(
        "colon",
        0.70,
        "the quotation or headline claim a colon introduces after a bare source "
        "('Energy Minister: …')",
        "10 on a 300-article sample of train (attribution 1.1.0)",
    ),
    Rule(
        "quoted-object",
        0.35,
        "a verb's object that holds a quotation (a mixed quote)",
        "736",
    ),
    # Set just above passive-agent, so that in "Rumours that … were dismissed by the club"
    # the rumour's own clause is the statement.
    Rule(
        "hearsay-noun",
        0.45,
        "the that-clause of a hearsay noun ('Rumours that …', 'Rumours spread … that …')",
        "not measured on train (attribution 1.2.0)",
    ),
)
#: Each rule's precision, by name: the finding's score.
RULE_PRECISION: dict[str, float] = {rule.name: rule.precision for rule in RULES}
#: What each rule takes as the content, by name: the ``content`` reason in the evidence.
RULE_CONTENT: dict[str, str] = {rule.name: rule.content for rule in RULES}


@dataclass
class _Candidate:
    cue: tuple[int, int]
    source_head: Token | None
    content: tuple[int, int]
    rule: str
    cue_lemma: str
    cue_token: int
    impersonal: bool = False
