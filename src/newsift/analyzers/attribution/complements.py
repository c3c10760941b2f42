"""What is said: the content of a reporting verb.

The verb's complement (ccomp, xcomp, object, prepositional object), widened to whole
quotations and cut before the writer's asides; the nearest quotation of a cue; the clause
before a parenthetical source.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.context import (
    Context,
    _clause,
    _in_quote,
    _subtree_minus,
    _trim,
    char_range,
)

#: What may stand between a cue and the second half of a split quote: the source, a comma.
_SPLIT_GAP = re.compile(r"^[^.\n]{0,40}[,:]\s*$")
_QUOTE_LEAD = re.compile(r"\s*[,:]?\s*$")
_DASH_AFTER_QUOTE = re.compile(r"[”\"],?\s+(?:—|–|--|-)\s")
#: Verbs whose "that"-clause may follow a prepositional phrase and be parsed as a relative
#: clause of its noun ("insisted throughout the trial that he acted on advice").
_THAT_AFTER_PREP_VERBS = frozenset(
    {"insist", "say", "claim", "argue", "maintain", "admit", "deny", "testify", "stress"}
)
_REPORTING = lex.SPEECH_VERBS | lex.COGNITION_VERBS | lex.OBJECT_VERBS
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd", "prep", "xcomp", "ccomp", "attr", "acomp"})


def _complement(verb: Token, text: str) -> tuple[tuple[int, int], str] | None:
    """What a reporting verb attributes, and the rule that found it (None when nothing)."""
    # A complement in another paragraph is the parser running across the break.
    ccomps = [
        c
        for c in verb.children
        if c.dep_ == "ccomp" and "\n" not in text[min(verb.idx, c.idx) : max(verb.idx, c.idx)]
    ]
    if ccomps:
        # One complement: the closest before the verb ("“…,” he said"), else the first after.
        quoted = [c for c in ccomps if _in_quote(c)]
        before = [c for c in quoted or ccomps if c.i < verb.i]
        chosen = before[-1] if before else (quoted or ccomps)[0]
        tokens = _clause(chosen)
        if chosen.i > verb.i:
            # "X said A, but B": the parser hangs the second clause on the verb.
            for conj in verb.children:
                if (
                    conj.dep_ == "conj"
                    and conj.i > chosen.i
                    and conj.lemma_.lower() not in _REPORTING
                    and (
                        any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in conj.children)
                        or conj.tag_ == "MD"
                        or any(c.tag_ == "MD" for c in conj.children)
                    )
                ):
                    tokens += _clause(conj)
        rng = char_range(tokens)
        if rng is not None:
            return _trim(text, *rng), "ccomp"
    lemma = verb.lemma_.lower()
    if lemma in lex.SPEECH_VERBS:
        clause = _that_clause_in_prep(verb) or _that_clause_after_audience(verb)
        if clause is not None and (rng := char_range(_clause(clause))) is not None:
            return _trim(text, *rng), "ccomp"
    if lemma in lex.XCOMP_VERBS:
        for c in verb.children:
            if c.dep_ == "xcomp":
                rng = char_range(c.subtree)
                if rng is not None:
                    return _trim(text, *rng), "xcomp"
    if lemma in lex.SPEECH_VERBS | lex.OBJECT_VERBS:
        for c in verb.children:
            if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i and lemma != "continue":
                # "denies targeting civilians", "described hearing loud bangs"
                rng = char_range(c.subtree)
                if rng is not None:
                    return _trim(text, *rng), "xcomp"
    if lemma in lex.SPEECH_VERBS:
        for c in verb.children:
            if c.dep_ == "dobj" and c.i > verb.i and c.lemma_.lower() in lex.STORY_NOUNS:
                # "Villagers have long told stories of a sunken boat"
                rng = char_range(c.subtree)
                if rng is not None:
                    return _trim(text, *rng), "object"
    if lemma in lex.OBJECT_VERBS and any(c.dep_ == "dobj" for c in verb.children):
        objects = [
            c
            for c in verb.children
            if c.i > verb.i
            and (c.dep_ in _OBJECT_DEPS or (c.dep_ == "prt" and c.i > verb.i + 1))
            and "\n" not in text[verb.idx : c.idx]
        ]
        rng = char_range(t for c in objects for t in _clause(c))
        if rng is not None:
            return _trim(text, *rng), "object"
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.i > verb.i
            and lemma in lex.PREPOSITION_VERBS.get(child.lower_, ())
            and any(c.dep_ in ("pobj", "pcomp") for c in child.children)
        ):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            rng = char_range(t for c in objects for t in _clause(c))
            if rng is not None:
                return _trim(text, *rng), "prep-object"
        if child.dep_ == "advcl" and child.i > verb.i:
            # "called for the drug to be offered", "appealed for anyone to come forward": the
            # parser makes the preposition the mark of an infinitive clause.
            mark = next((c for c in child.children if c.dep_ == "mark"), None)
            if mark is not None and lemma in lex.PREPOSITION_VERBS.get(mark.lower_, ()):
                rng = char_range(t for t in child.subtree if t.i != mark.i)
                if rng is not None:
                    return _trim(text, *rng), "prep-object"
    if verb.dep_ == "parataxis" or (
        verb.dep_ == "advcl" and not any(c.dep_ == "mark" for c in verb.children)
    ):
        rng = _subtree_minus(verb.head, verb)
        if rng is not None:
            return _trim(text, *rng), "parenthetical"
    if (
        verb.dep_ == "advcl"
        and lemma in lex.AS_CLAUSE_VERBS
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    ):
        rng = _subtree_minus(verb.head, verb)
        if rng is not None:
            return _trim(text, *rng), "as-clause"
    return None


def _clause_before_source(
    context: Context, verb: Token, source: Token | None
) -> tuple[int, int] | None:
    """The clause before ", X said [when, where]." when the parser found no complement: the
    sentence from its start (after a dateline) to the comma before the source ("MOSCOW — The
    economy … grew stronger, the ministry said in a report published on Monday")."""
    if source is None or source.i > verb.i or context.quote_of[verb.i] >= 0:
        return None
    doc, text = context.doc, context.text
    comma = source.left_edge.i - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    sent = context.sentence_of(verb)
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return None
    start = sent.start_char
    if not text[start : doc[comma].idx].strip():
        # the segmenter broke the sentence before ", the ministry said": take the one before
        k = bisect_right([s for s, _ in context.sentences], start) - 1
        start = context.sentences[k - 1][0] if k > 0 else start
    start = max(start, context.dateline_end)
    start = max(start, text.rfind("\n", 0, doc[comma].idx) + 1)
    words = text[start : doc[comma].idx].split()
    if len(words) < 4:
        return None
    return _trim(text, start, doc[comma].idx)


def _that_clause_in_prep(verb: Token) -> Token | None:
    """The that-clause the parser hangs on a noun in the verb's prepositional phrase: "said
    in a statement that …", "wrote in a letter to members that …"."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for clause in prep.children:
            if (
                clause.dep_ in ("ccomp", "pcomp")
                and clause.i > prep.i
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
            ):
                return clause  # "saying in an interview that …" hung on the preposition
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for clause in noun.children:
                if (
                    clause.dep_ in ("acl", "ccomp", "relcl")
                    and clause.i > noun.i
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
                ):
                    return clause
                first = clause.left_edge
                if (
                    clause.dep_ == "relcl"
                    and first.lower_ == "that"
                    and first.i == noun.i + 1
                    and first.dep_ not in ("nsubj", "nsubjpass")
                    and any(
                        c.dep_ in ("nsubj", "nsubjpass") and c.i != first.i for c in clause.children
                    )
                    and verb.lemma_.lower() in _THAT_AFTER_PREP_VERBS
                ):
                    # "insisted throughout the trial that he acted …": "that" parsed as the
                    # object of a relative clause on "trial"
                    return clause
    return None


def _that_clause_after_audience(verb: Token) -> Token | None:
    """The that-clause the parser takes for a relative clause of the audience: "told a
    televised briefing that the attackers had flown low", "told a meeting of governors that
    wages would rise". Taken only when "that" is not the clause's subject and the clause has
    a subject of its own (a true relative clause, "told the story that made him famous",
    has "that" as its subject)."""
    if verb.lemma_.lower() not in lex.AUDIENCE_VERBS:
        return None
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "dative") or obj.i < verb.i:
            continue
        for clause in obj.subtree:
            if clause.dep_ != "relcl":
                continue
            first = clause.left_edge
            if (
                first.lower_ == "that"
                and first.dep_ not in ("nsubj", "nsubjpass")
                and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.i != first.i for c in clause.children
                )
            ):
                return clause
    return None


def _quote_after(context: Context, verb: Token) -> tuple[int, int] | None:
    """The quotation that opens right after a speech verb ('said, “…”', 'said: “…”')."""
    text = context.text
    end = verb.idx + len(verb.text)
    for q in context.quotes:
        if q.start >= end:
            return (q.start, q.end) if _QUOTE_LEAD.match(text, end, q.start) else None
    return None


def _nearest_quote(context: Context, verb: Token) -> int | None:
    """The quote next to a reporting verb in its sentence (closest first)."""
    sent = context.sentence_of(verb)
    text = context.text
    best: tuple[int, int] | None = None
    for qi, q in enumerate(context.quotes):
        if q.end <= sent.start_char or q.start >= sent.end_char:
            continue
        distance = verb.idx - q.end if q.end <= verb.idx else q.start - verb.idx
        between = text[q.end : verb.idx] if q.end <= verb.idx else text[verb.idx : q.start]
        if distance < 0 or "\n" in between:
            continue
        if best is None or distance < best[0]:
            best = (distance, qi)
    return best[1] if best else None


def _expand_to_quotes(context: Context, content: tuple[int, int]) -> tuple[int, int]:
    start, end = content
    for q in context.quotes:
        if q.start < end and start < q.end:
            if q.start <= start and end <= q.end:
                return q.start, q.end  # content inside one quotation: the whole quotation
            start, end = min(start, q.start), max(end, q.end)
    return start, end


def _clip_to_paragraph(
    text: str, content: tuple[int, int], cue: tuple[int, int]
) -> tuple[int, int]:
    """Keep a parsed clause within the cue's paragraph (the parser may run across breaks)."""
    para_start = text.rfind("\n", 0, cue[0]) + 1
    para_end = text.find("\n", cue[1])
    para_end = len(text) if para_end < 0 else para_end
    start, end = max(content[0], para_start), min(content[1], para_end)
    return _trim(text, start, end) if start < end else content


def _cut_dash_aside(text: str, content: tuple[int, int]) -> tuple[int, int]:
    """End a content at a dash right after a quotation: "“the next Washington” – a man who …"."""
    match = _DASH_AFTER_QUOTE.search(text, content[0], content[1])
    return (content[0], match.start() + 1) if match else content


def _split_partner(context: Context, content: tuple[int, int], cue: tuple[int, int]) -> int:
    """End of a quotation that resumes right after the cue ("“A,” he said, “B.”")."""
    text = context.text
    if content[1] > cue[0] or "\n" in text[content[1] : cue[0]]:
        return content[1]
    for q in context.quotes:
        if q.start >= cue[1]:
            gap = text[cue[1] : q.start]
            span = context.doc.char_span(cue[1], q.start, alignment_mode="contract")
            verbs = [t for t in span or [] if t.pos_ in ("VERB", "AUX") or t.lower_ == "that"]
            if _SPLIT_GAP.match(gap) and not verbs:
                return q.end
            break
    return content[1]
