"""The ``attribution`` analyzer: who is said to have said, claimed or believed what.

One ``attribution`` finding per attributed statement, found by rules over spaCy's
dependency parse and a quotation-mark scanner (each rule's name is the finding's
``evidence.rule``; :data:`RULE_CONTENT` says what each takes as the content):

- **Quotes** (``quote-cue``, ``quote-adjacent``, ``quote-unattributed``): :func:`find_quotes`
  pairs straight, curly and single quote marks (and the ``''`` of some newspapers), carries a
  quote over paragraphs that reopen it (the news convention), and closes a quote mark that
  never pairs at the end of its sentence (never later than its paragraph), so an odd mark
  can't swallow the article. A quote takes the speaker and cue of the reporting verb next to
  it in its sentence; a split quote ("“A,” she said, “B.”") and a quote that goes on right
  after its cue ("“A,” she said. “B.”") are one attribution; a quote with no cue in its
  sentence takes the speaker and cue of the nearest attribution in the adjacent sentence of its
  paragraph (a quote standing as a paragraph of its own takes none), and a statement-like
  quote with none in sight is reported with an ``unknown`` source.
- **Reported speech** (``ccomp``, ``xcomp``, ``object``, ``prep-object``, ``noun-cue``,
  ``quoted-object``): a reporting verb (:mod:`newsift.analyzers.attribution_lexicon`) with a
  ``ccomp`` complement ("X said that …", "X told reporters …", "X said in a statement that
  …"), an ``xcomp`` ("X vowed to …"), an object ("X called the deal “a disaster”"), a
  prepositional object ("X talked about …"); a reporting noun with a possessive source ("X's
  claim that …"); any verb whose object holds a quotation (a mixed quote). Complements are
  widened to whole quotations and cut before the writer's asides (", adding …", ", which …",
  "— and …").
- **Other forms** (``parenthetical``, ``as-clause``, ``according-to``, ``passive-agent``,
  ``impersonal-passive``, ``colon``): "the plan, analysts suggest, is doomed"; "as X put it";
  "according to X, …"; passives with an agent ("… has been confirmed by X", "it was reported
  by X that …"); the impersonal passive ("it is believed that …", "it has emerged that …", a
  vague source with no mention); "X is quoted (by Y) as saying …" (the source is X); a bare
  source before a colon ("Its spokesman, Adrian Kole: “…”", the headline "Minister: …").
  Where the parse fails, surface fallbacks take over: a subjectless reporting verb takes the
  noun phrase set off right before it ("…, two people familiar with the talks said"), and
  ", X said [when]." with no complement takes the clause before the comma.
- Reporting verbs inside a quotation ("“I think …,” she said") are the quoted speaker's, and
  are left out; when two rules find the same content (Jaccard >= 0.5), the more precise
  rule's finding is kept.
- **Sources**: the subject's noun phrase; pronouns resolve to the most recent PERSON (he,
  she) or ORG (it, they; within three sentences) entity before them, outside other people's
  quotations, surnames to the fullest name in the article, and definite descriptions ("the
  senator") to the last person given that title; "he" or "she" after an unnamed indefinite
  person ("a soldier said …") refers to that person (anonymous). A name in apposition ("the
  finance minister, Anna Berg,") or after a title the NER took for an organisation names the
  source; plural person nouns are an unspecified group (vague) unless counted or described by
  their access ("two officials", "people familiar with the talks"); a possessive institution
  ("her office") is named; a bare proper noun that starts an earlier organisation's name is
  its short form, and a capitalised common noun ("Witnesses") is not taken for a name.
  A surname alone after the full name is that person whatever the NER calls it; an
  apposition types its head ("Voltra, the energy company"; "its owner, Calder Steel"; "the
  foreign minister, Ana Kirov"); a document speaks for its author ("a study by the
  University of Tarnow"); "state media" and bare "police" are institutions, "doctors'
  unions" are not; a wire dateline ("KHERSON — ") is never the source. After all rules,
  "he", "she" and "it" take the type of the previous speaker of their kind in the paragraph
  (or the one before), so "she" after "a nurse in Bergen said" stays anonymous.
- **Split quotes** ("“A,” she said, “B.”"): ``content`` runs from the first quotation to the
  last, as PolNeAR annotates it, and ``content_parts`` (the finding's ``content.parts``)
  holds the quoted pieces without the cue and source between them.

The type decision and the resolution of pronouns, surnames and descriptions live in
:mod:`newsift.analyzers.source_typing`: its :func:`~newsift.analyzers.source_typing.classify_source`
assigns exactly one source type and says why in the evidence (``source_rule``, ``lexicon``,
``anonymity``); this module finds the statements and hands it each source's head.

Score: the precision of the rule that produced the finding, measured on PolNeAR *train*
(a finding is right when its content matches a gold content with Jaccard >= 0.5, see
:mod:`newsift.eval.polnear`); :data:`RULE_PRECISION` lists them. It is how often a finding
of that kind is a real attribution with the right content, not a probability for the
particular finding.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from weakref import WeakKeyDictionary

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsift.analyzers import attribution_lexicon as lex
from newsift.analyzers.base import (
    finding_span,
    register_extensions,
    spacy_model_info,
    spans_key,
)
from newsift.analyzers.source_typing import (
    HEADLINE,
    QUOTE_TOKENS,
    Context,
    SourceLexicon,
    SourceType,
    acronym_institution,
    after_comma,
    char_range,
    classify_source,
    noun_phrase,
    person_noun,
    title_case_headline_end,
    titled_full_names,
    titled_name,
    token_at,
)
from newsift.errors import ConfigError, Errors
from newsift.model import Finding, ModelInfo, span_dict

NAME = "attribution"
VERSION = "1.3.0"
#: The :class:`SourceLexicon` the analyzer read each Doc with, while the Doc lives; kept out
#: of ``doc.user_data``, where a live object would make the Doc unserialisable.
_LEXICONS: WeakKeyDictionary[Doc, SourceLexicon] = WeakKeyDictionary()

#: The source types, in the order the summary lists them.
SOURCE_TYPES: tuple[SourceType, ...] = (
    "named_person",
    "named_organization",
    "anonymous",
    "vague",
    "unknown",
)

#: Precision of each rule on PolNeAR train (a finding counts as right when its content
#: matches a gold content with Jaccard >= 0.5): the finding's score, and the order in which
#: findings of the same content are kept. Measured with ``newsift.eval.polnear`` on all 840
#: train articles (attribution 1.0.0); re-measure when the rules change.
RULE_PRECISION: dict[str, float] = {
    "ccomp": 0.82,  # 8858 findings on train
    "as-clause": 0.78,  # 55
    "according-to": 0.76,  # 383
    "impersonal-passive": 0.75,  # 107
    "quote-cue": 0.61,  # 372
    "quote-adjacent": 0.60,  # 1027
    "quote-unattributed": 0.57,  # 363
    "object": 0.56,  # 3309
    "xcomp": 0.53,  # 998
    "noun-cue": 0.49,  # 157
    "prep-object": 0.48,  # 963
    "parenthetical": 0.46,  # 554
    "passive-agent": 0.44,  # 100
    "colon": 0.70,  # 10 on a 300-article sample of train (attribution 1.1.0)
    "quoted-object": 0.35,  # 736
    # Not measured on train (attribution 1.2.0): set just above passive-agent, so that in
    # "Rumours that … were dismissed by the club" the rumour's own clause is the statement.
    "hearsay-noun": 0.45,
}

#: What each rule takes as the content: the ``content`` reason in a finding's evidence.
RULE_CONTENT: dict[str, str] = {
    "quote-cue": "the quotation next to a reporting verb in its sentence",
    "quote-adjacent": "a quotation with no cue in its sentence, given to the speaker of the "
    "attribution in the adjacent sentence",
    "quote-unattributed": "a quotation with no speaker in sight",
    "ccomp": "the verb's clausal complement (ccomp), widened to whole quotations",
    "xcomp": "the verb's open complement (xcomp: 'vowed to …')",
    "object": "the verb's object and complements ('called the deal a disaster')",
    "quoted-object": "a verb's object that holds a quotation (a mixed quote)",
    "prep-object": "the object of the verb's preposition ('talked about …', 'called for …')",
    "noun-cue": "what a reporting noun with a possessive source governs ('her claim that …')",
    "parenthetical": "the clause a parenthetical 'X said' interrupts",
    "as-clause": "the clause an 'as X put it' clause modifies",
    "according-to": "the clause 'according to X' modifies",
    "passive-agent": "the subject or clause of a passive reporting verb with a 'by' agent",
    "impersonal-passive": "the clause of an impersonal passive ('it is believed that …') or "
    "of 'it has emerged that …'",
    "colon": "the quotation or headline claim a colon introduces after a bare source "
    "('Energy Minister: …')",
    "hearsay-noun": "the that-clause of a hearsay noun ('Rumours that …', 'Rumours spread "
    "… that …')",
}

#: Default configuration of the spaCy component (kept here, in one place).
DEFAULT_CONFIG: dict[str, Any] = {
    "unattributed_quotes": True,
    "min_quote_words": 4,
}

# Quote marks: what opens, what closes, and which straight marks do both.
_DOUBLE_OPEN, _DOUBLE_CLOSE, _SINGLE_OPEN, _SINGLE_CLOSE = "“", "”", "‘", "’"
_STRAIGHT_DOUBLE, _STRAIGHT_SINGLE = '"', "'"
_WIDE = "\x00"  # stands in for the second mark of '' while scanning
QUOTE_CHARS = frozenset("\"“”‘’'")
#: Most characters between a quote's cue (or source) and the quote that continues it.
_CONTINUE_GAP = 30
#: What may stand between a cue and the second half of a split quote: the source, a comma.
_SPLIT_GAP = re.compile(r"^[^.\n]{0,40}[,:]\s*$")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_QUOTE_LEAD = re.compile(r"\s*[,:]?\s*$")
_DASH_AFTER_QUOTE = re.compile(r"[”\"],?\s+(?:—|–|--|-)\s")
_TRAILING_CONJUNCTION = re.compile(r"\s(?:and|but|or)$")
_TRIM_LEFT = " \t\r\n,;:—–-"
_TRIM_RIGHT = " \t\r\n,;:.—–-"
#: A wire-copy dateline opening the article: "KHARKIV — ", "BRUSSELS, March 4 (Reuters) — ",
#: "KYIV/MOSCOW (AP) – ". The parser often makes the place the subject of the first verb.
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)*(?:,[^\n—–]{1,40}?)?"
    r"(?:\s*\([^()\n]{1,40}\))?\s+(?:—|–|--?)\s+"
)
#: A headline closing on its source and a reporting verb: "…, sources say", "…, Insiders
#: Reveal" (title case parses badly, so it is read off the string).
_HEADLINE_SOURCE = re.compile(r",\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)\s+([A-Za-z]+)\s*$")
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
_OBJECT_PRONOUNS = frozenset({"them", "him", "her", "it", "us"})
_SUBJECT_DEPS = frozenset({"nsubj"})
#: Verbs whose "that"-clause may follow a prepositional phrase and be parsed as a relative
#: clause of its noun ("insisted throughout the trial that he acted on advice").
_THAT_AFTER_PREP_VERBS = frozenset(
    {"insist", "say", "claim", "argue", "maintain", "admit", "deny", "testify", "stress"}
)
_REPORTING = lex.SPEECH_VERBS | lex.COGNITION_VERBS | lex.OBJECT_VERBS
_NOUN_CUE_PREPS = frozenset({"of", "for", "about", "on", "to", "against", "with", "over"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd", "prep", "xcomp", "ccomp", "attr", "acomp"})


@dataclass(frozen=True)
class Quote:
    """A quotation: ``text[start:end]`` runs from its opening mark through its closing one.

    ``paired`` is false when no closing mark was found and the quote was closed at the end
    of its sentence or paragraph.
    """

    start: int
    end: int
    paired: bool = True


@dataclass(frozen=True)
class Attribution:
    """One attributed statement; offsets are character offsets into ``doc.text``.

    Attributes:
        content: What is attributed, ``(start, end)``.
        cue: The reporting verb or phrase, or None (a quotation with no speaker in sight).
        source: The source mention, or None (no source in the text, or an impersonal
            passive such as "it is believed").
        source_type: One of :data:`SOURCE_TYPES`.
        role: The title or description the text gives the source, if any.
        resolved: The named entity a pronoun or description refers to (or the full name
            of a surname), if it could be resolved within the article.
        rule: The rule that found it (a key of :data:`RULE_PRECISION`).
        evidence: Why: the matched cue lemma, source rule and lexicon entries.
        content_parts: For a split quotation ("“A,” she said, “B.”"), the quoted pieces
            without the cue and source between them (``content`` runs from the first to
            the last, as PolNeAR annotates it); empty when the content is one piece.
    """

    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    source_type: SourceType
    role: str | None
    resolved: str | None
    rule: str
    evidence: Mapping[str, str] = field(default_factory=dict)
    content_parts: tuple[tuple[int, int], ...] = ()

    @property
    def start(self) -> int:
        """Start of the whole attribution: cue, source and content."""
        return min(s for s, _ in self._parts())

    @property
    def end(self) -> int:
        """End of the whole attribution."""
        return max(e for _, e in self._parts())

    def _parts(self) -> list[tuple[int, int]]:
        return [p for p in (self.content, self.cue, self.source) if p is not None]


# --------------------------------------------------------------------------- quotes


def _is_space(text: str, i: int) -> bool:
    return i < 0 or i >= len(text) or text[i].isspace()


def _opens(text: str, i: int) -> bool:
    """A straight mark at ``i`` opens a quote: after space/start/bracket, before a non-space."""
    before_ok = i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-/"
    return before_ok and not _is_space(text, i + 1)


def _closes(text: str, i: int) -> bool:
    """A straight or curly single mark at ``i`` closes a quote (not an apostrophe)."""
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _is_space(text, i - 1) and not after.isalnum()


def _unpaired_end(text: str, start: int, limit: int) -> int:
    """Where a quote with no closing mark ends: its first sentence end, at most ``limit``."""
    match = _SENTENCE_END.search(text, start + 1, limit)
    end = match.end() if match else limit
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def find_quotes(text: str) -> list[Quote]:
    """Quotations in ``text``, in order, never overlapping.

    Double marks (``"`` ``“`` ``”``) nest single ones; single marks (``‘ ’`` and ``'``)
    quote at the top level only when they pair within the paragraph, so apostrophes
    ("don't", "voters’") are never taken for quote marks. A quote still open at a paragraph
    break continues when the next paragraph opens with a quote mark of the same kind (the
    multi-paragraph convention); otherwise it is unpaired and ends at its first sentence end.
    """
    quotes: list[Quote] = []
    open_at = -1
    kind = ""  # "double" or "single" while a quote is open
    continuation = -1  # index of a reopening mark that continues a multi-paragraph quote
    # Two straight single marks ('') stand for a double one (the New York Times' style).
    scan = text.replace("''", _STRAIGHT_DOUBLE + _WIDE)
    n = len(scan)

    def close_unpaired(limit: int) -> None:
        nonlocal open_at, kind
        if kind == "double":
            quotes.append(Quote(open_at, _unpaired_end(text, open_at, limit), paired=False))
        open_at, kind = -1, ""

    i = 0
    while i < n:
        ch = scan[i]
        after = i + 2 if scan[i + 1 : i + 2] == _WIDE else i + 1  # just past the mark
        if ch == "\n" and open_at >= 0:
            j = i
            while j < n and scan[j].isspace():
                j += 1
            reopen = j < n and (
                (kind == "double" and scan[j] in (_DOUBLE_OPEN, _STRAIGHT_DOUBLE))
                or (kind == "single" and scan[j] in (_SINGLE_OPEN, _STRAIGHT_SINGLE))
            )
            if reopen and j > i:
                continuation = j
            else:
                close_unpaired(i)
        elif i == continuation:
            pass
        elif ch in (_DOUBLE_OPEN, _DOUBLE_CLOSE, _STRAIGHT_DOUBLE):
            if kind == "single":
                open_at, kind = -1, ""  # a lone single mark was an apostrophe after all
            if kind == "double":
                if ch == _DOUBLE_OPEN and not _is_space(scan, i - 1) and _is_space(scan, after):
                    ch = _DOUBLE_CLOSE  # a mistyped closing mark: “… here,“ she said
                if ch == _DOUBLE_OPEN or (
                    ch == _STRAIGHT_DOUBLE and _is_space(scan, i - 1) and not _is_space(scan, after)
                ):
                    close_unpaired(i)  # an opening mark while one is open: that one is unpaired
                    open_at, kind = i, "double"
                else:
                    quotes.append(Quote(open_at, after))
                    open_at, kind = -1, ""
            elif ch == _DOUBLE_OPEN or (ch == _STRAIGHT_DOUBLE and not _is_space(scan, after)):
                open_at, kind = i, "double"
        elif ch in (_SINGLE_OPEN, _STRAIGHT_SINGLE, _SINGLE_CLOSE) and kind != "double":
            if kind == "single":
                if ch != _SINGLE_OPEN and _closes(scan, i):
                    quotes.append(Quote(open_at, i + 1))
                    open_at, kind = -1, ""
            elif (
                ch in (_SINGLE_OPEN, _STRAIGHT_SINGLE)
                and _opens(scan, i)
                and not scan[i + 1].isdigit()
            ):
                open_at, kind = i, "single"
        i = after if ch == _STRAIGHT_DOUBLE else i + 1
    if open_at >= 0:
        close_unpaired(n)
    return quotes


# --------------------------------------------------------------------------- helpers


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip surrounding spaces and clause punctuation, keeping quote marks."""
    while start < end and text[start] in _TRIM_LEFT:
        start += 1
    while end > start and text[end - 1] in _TRIM_RIGHT:
        end -= 1
    match = _TRAILING_CONJUNCTION.search(text, start, end)
    if match is not None and match.start() > start:
        return _trim(text, start, match.start())
    return start, end


def _subtree_minus(head: Token, removed: Token) -> tuple[int, int] | None:
    """The span of ``head``'s clause with ``removed``'s subtree cut off at an edge."""
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head.i != head.i:
        head = head.head
    gone = {t.i for t in removed.subtree}
    kept = [
        t
        for t in _clause(head)
        if t.i not in gone and not t.is_space and (not t.is_punct or t.text in QUOTE_TOKENS)
    ]
    if not kept:
        return None
    lo, hi = kept[0].i, kept[-1].i
    doc = head.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _clause(head: Token) -> list[Token]:
    """A complement's tokens, without a trailing aside set off by a comma or a dash.

    The asides are the writer's, not the source's: ", adding that …", ", which …",
    "— and he …".
    """
    cut: set[int] = set()
    for child in head.children:
        if child.dep_ == "conj" and child.lemma_.lower() in lex.SPEECH_VERBS:
            cut.update(t.i for t in child.subtree)  # "… and insisted that …": its own cue
    for token in head.subtree:
        if token.i <= head.i or token.i in cut:
            continue
        aside = (
            (token.dep_ in ("advcl", "parataxis") and token.tag_ == "VBG")
            or token.dep_ in ("relcl", "acl")
            or (token.dep_ == "conj" and _after_dash(token.left_edge))
        )
        if aside and (after_comma(token.left_edge) or _after_dash(token.left_edge)):
            cut.update(t.i for t in token.subtree)
    return [t for t in head.subtree if t.i not in cut]


def _in_quote(token: Token) -> bool:
    """Whether a quote mark lies in the subtree of ``token`` (a quoted complement)."""
    return any(t.text in QUOTE_TOKENS for t in token.subtree)


def _after_dash(token: Token) -> bool:
    """Whether a dash precedes ``token`` (possibly followed by a conjunction)."""
    i = token.i - 1
    while i >= 0 and token.doc[i].lower_ in ("and", "but", "or"):
        i -= 1
    return i >= 0 and token.doc[i].text in ("—", "–", "-", "--")


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _context(doc: Doc, quotes: list[Quote], lexicon: SourceLexicon) -> Context:
    """The per-document lookups of the rules, built once for ``doc``.

    Args:
        doc: A parsed spaCy Doc.
        quotes: The quotations of ``doc.text`` (:func:`find_quotes`).
        lexicon: The pipeline's vocabulary (:class:`SourceLexicon`).

    Returns:
        A context that belongs to ``doc`` alone.
    """
    quote_of = [-1] * len(doc)
    qi = 0
    for token in doc:
        while qi < len(quotes) and quotes[qi].end <= token.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].start <= token.idx < quotes[qi].end:
            quote_of[token.i] = qi
    # A PERSON entity with no capitalised word ("a frontline serviceman") is the small NER's
    # mistake for a common noun, not a name.
    persons = [
        e
        for e in doc.ents
        if (e.label_ == "PERSON" and any(t.text[:1].isupper() for t in e))
        or titled_name(e, lexicon)
    ]
    orgs = [
        e for e in doc.ents if e.label_ in ("ORG", "NORP", "GPE") and not titled_name(e, lexicon)
    ]
    text = doc.text
    sentence_spans = list(doc.sents)
    sentences = [(sent.start_char, sent.end_char) for sent in sentence_spans] or [(0, len(text))]
    dateline = _DATELINE.match(text)
    headline = HEADLINE.match(text)
    if dateline is None and headline is not None:
        dateline = _DATELINE.match(text, headline.end())  # "Title\n\nMOSCOW — …"
    context = Context(
        doc=doc,
        quotes=quotes,
        quote_of=quote_of,
        persons=persons,
        orgs=orgs,
        titles={},
        sentences=sentences,
        sentence_spans=sentence_spans,
        sentence_starts=[sent.start for sent in sentence_spans],
        lexicon=lexicon,
        dateline_end=dateline.end() if dateline else 0,
        text=text,
        title_case_end=title_case_headline_end(text),
    )
    context.titled_names = titled_full_names(doc)
    for ent in persons:
        name = context.full_name(ent)
        titles = [t for t in doc[max(0, ent.start - 3) : ent.start] if t.pos_ in ("NOUN", "PROPN")]
        titles += [c for c in ent.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        for title in titles:
            context.titles.setdefault(title.lemma_.lower(), []).append((ent.start_char, name))
    return context


# --------------------------------------------------------------------------- rules


@dataclass
class _Candidate:
    cue: tuple[int, int]
    source_head: Token | None
    content: tuple[int, int]
    rule: str
    cue_lemma: str
    cue_token: int
    impersonal: bool = False


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


def _left_source(verb: Token) -> Token | None:
    """The noun phrase right before a subjectless reporting verb, set off by a comma, that
    the parser hung elsewhere: "… the village of Ostrivka, the Russian Defence Ministry
    claimed on Friday" (the ministry made an apposition of the village), "… jets from
    Airvex, two people familiar with the negotiations said"."""
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
        if head.head.i < i and any(doc[j].text == "," for j in range(head.head.i, i)):
            break
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


def _quoted_object(context: Context, verb: Token) -> _Candidate | None:
    """Any verb whose object holds a quotation: "X hailed the vote as “fantastic”"."""
    if context.quote_of[verb.i] >= 0:
        return None
    objects = [c for c in verb.children if c.i > verb.i and c.dep_ in _OBJECT_DEPS]
    if not any(c.dep_ in ("dobj", "prep", "xcomp", "oprd") for c in objects):
        return None
    rng = char_range(t for c in objects for t in _clause(c))
    # The closing mark often hangs on the verb, outside the object: overlap is enough.
    if rng is None or not any(q.start < rng[1] and rng[0] < q.end for q in context.quotes):
        return None
    source = _source_of(verb)
    if source is None or context.quote_of[source.i] >= 0:
        return None
    text = context.text
    cue = (verb.idx, verb.idx + len(verb.text))
    return _Candidate(cue, source, _trim(text, *rng), "quoted-object", verb.lemma_.lower(), verb.i)


def _figure_candidate(context: Context, verb: Token) -> _Candidate | None:
    """A poll or survey that "puts" a figure: "The poll put Civic Union on 31 per cent"
    (the document is the source, what it puts where is the content); anyone who puts a
    number on something: "Officials put the death toll at 40"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    at_figure = any(
        p.dep_ == "prep"
        and p.lower_ == "at"
        and any(t.like_num or t.tag_ == "$" for t in p.subtree)
        for p in verb.children
    )
    if subject.lemma_.lower() not in lex.DOCUMENT_NOUNS and not at_figure:
        return None
    if context.quote_of[verb.i] >= 0 or not any(
        c.dep_ == "dobj" and c.pos_ != "PRON" for c in verb.children
    ):
        return None  # not "as a memo put it"
    if not any(c.dep_ == "prep" and c.lower_ in ("on", "at") for c in verb.children):
        return None
    objects = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "prep")]
    rng = char_range(t for c in objects for t in c.subtree)
    if rng is None:
        return None
    cue = (verb.idx, verb.idx + len(verb.text))
    content = _trim(context.text, *rng)
    return _Candidate(cue, subject, content, "object", verb.lemma_.lower(), verb.i)


def _in_the_words_of(context: Context, words: Token) -> _Candidate | None:
    """ "In the words of one aid worker, “…”": the rest of the sentence is the speaker's."""
    doc, text = context.doc, context.text
    if words.head.lower_ != "in" or context.quote_of[words.i] >= 0:
        return None
    source = next(
        (o for p in words.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"),
        None,
    )
    if source is None:
        return None
    after = source.right_edge.i + 1
    if after >= len(doc) or doc[after].text != ",":
        return None
    end = context.sentence_of(words).end_char
    paragraph = text.find("\n", doc[after].idx)
    end = end if paragraph < 0 else min(end, paragraph)
    content = _trim(text, doc[after].idx + 1, end)
    if content[1] <= content[0]:
        return None
    cue = (words.head.idx, words.idx + len(words.text) + len(" of"))
    return _Candidate(cue, source, content, "according-to", "in the words of", words.i)


def _stance_adjective(context: Context, adj: Token) -> _Candidate | None:
    """A stance stated through an adjective with a that-clause: "X was adamant that …", "the
    bank remains confident that …" (the subject of the linking verb is the source)."""
    if context.quote_of[adj.i] >= 0 or adj.dep_ != "acomp":
        return None
    verb = adj.head
    clause = next(
        (
            c
            for host in (adj, verb)
            for c in host.children
            if c.dep_ == "ccomp"
            and c.i > adj.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if clause is None or subject is None or subject.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    rng = char_range(_clause(clause))
    if rng is None:
        return None
    cue = (adj.idx, adj.idx + len(adj.text))
    return _Candidate(cue, subject, _trim(context.text, *rng), "ccomp", adj.lemma_.lower(), adj.i)


def _noun_cue(context: Context, noun: Token) -> _Candidate | None:
    """A reporting noun with a possessive source: "Trump's claim that …", "her support for …"."""
    if context.quote_of[noun.i] >= 0:
        return None
    source = next((c for c in noun.children if c.dep_ == "poss"), None)
    if source is None:
        return None
    parts: list[Token] = []
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            parts = [child]
            break
        if child.dep_ == "prep" and child.lower_ in _NOUN_CUE_PREPS:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                parts = objects
                break
    rng = char_range(t for c in parts for t in _clause(c))
    if rng is None:
        return None
    text = context.text
    cue = (noun.idx, noun.idx + len(noun.text))
    return _Candidate(cue, source, _trim(text, *rng), "noun-cue", noun.lemma_.lower(), noun.i)


def _hearsay_noun(context: Context, noun: Token) -> _Candidate | None:
    """Hearsay that carries its own clause: "Rumours that Ferreira had clashed … were
    dismissed" (the clause hangs on the noun), "Rumours spread quickly in the camps that …"
    (on the verb the noun is subject of, when that verb does not report). The noun is the
    source: unspecified hearsay."""
    if context.quote_of[noun.i] >= 0:
        return None
    hosts = [noun]
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() not in _REPORTING:
        hosts.append(verb)
        # the parser may hang the clause on a noun of the verb's phrase ("in the camps that")
        hosts += [o for p in verb.children if p.dep_ == "prep" for o in p.children]
    if noun.dep_ == "nsubj" and verb.lemma_.lower() in lex.HEARSAY_SPREAD_VERBS:
        # "Rumours of irregular readings have circulated for months"
        of = [
            o
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
            if o.dep_ in ("pobj", "pcomp")
        ]
        rng = char_range(t for o in of for t in o.subtree)
        if rng is not None:
            cue = (noun.idx, noun.idx + len(noun.text))
            content = _trim(context.text, *rng)
            return _Candidate(cue, noun, content, "hearsay-noun", noun.lemma_.lower(), noun.i)
    for host in hosts:
        for child in host.children:
            if (
                child.i > noun.i
                and child.dep_ in ("acl", "ccomp", "advcl", "relcl")
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
            ):
                rng = char_range(_clause(child))
                if rng is None:
                    return None
                content = _trim(context.text, *rng)
                cue = (noun.idx, noun.idx + len(noun.text))
                return _Candidate(cue, noun, content, "hearsay-noun", noun.lemma_.lower(), noun.i)
    return None


def _candidates(context: Context) -> list[_Candidate]:
    doc, text = context.doc, context.text
    verbs = (
        lex.SPEECH_VERBS
        | lex.COGNITION_VERBS
        | lex.XCOMP_VERBS
        | lex.OBJECT_VERBS
        | lex.AS_CLAUSE_VERBS
        | lex.IMPERSONAL_VERBS
        | frozenset().union(*lex.PREPOSITION_VERBS.values())
    )
    found: list[_Candidate] = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.lower_ == "according" and token.i + 1 < len(doc):
            to = doc[token.i + 1]
            pobjs = [c for c in to.children if c.dep_ == "pobj"]
            if to.lower_ == "to" and pobjs:
                head = token.head
                while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT":
                    head = head.head
                rng = _subtree_minus(head, token) if head.i != token.i else None
                if rng is not None:
                    cue = (token.idx, to.idx + len(to.text))
                    found.append(
                        _Candidate(
                            cue,
                            pobjs[0],
                            _trim(text, *rng),
                            "according-to",
                            "according to",
                            token.i,
                        )
                    )
            continue
        if token.lower_ == "words" and (words := _in_the_words_of(context, token)):
            found.append(words)
            continue
        if token.pos_ == "ADJ" and lemma in lex.STANCE_ADJECTIVES:
            stance = _stance_adjective(context, token)
            if stance is not None:
                found.append(stance)
            continue
        if token.pos_ == "NOUN" and lemma in lex.HEARSAY_CLAUSE_NOUNS:
            hearsay = _hearsay_noun(context, token)
            if hearsay is not None:
                found.append(hearsay)
            continue
        if token.pos_ == "NOUN" and lemma in lex.CUE_NOUNS:
            nominal = _noun_cue(context, token)
            if nominal is not None:
                found.append(nominal)
            continue
        if token.pos_ not in ("VERB", "AUX"):
            continue
        clear = next((c for c in token.children if c.lower_ == "clear"), None)
        reader = _reading_document(token) if lemma == "read" else None
        if lemma == "read" and reader is None and _quote_after(context, token) is not None:
            # "A statement from the club read: “…”"
            reader = next(
                (
                    c
                    for c in token.children
                    if c.dep_ == "nsubj"
                    and c.lemma_.lower() in lex.DOCUMENT_NOUNS | lex.MEDIA_NOUNS
                ),
                None,
            )
        if reader is not None:
            lemma = "read"  # "“…,” read a statement on the club's website."
        elif lemma == "make" and clear is not None and clear.i > token.i:
            lemma = "make clear"  # "X made (it) clear that …"
        elif lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children):
            lemma = "go on"  # "“…,” she went on."
        elif lemma in lex.FIGURE_VERBS and (figure := _figure_candidate(context, token)):
            found.append(figure)
            continue
        elif lemma not in verbs:
            mixed = _quoted_object(context, token)
            if mixed is not None:
                found.append(mixed)
            continue
        if lemma in lex.QUOTED_AS_VERBS and any(
            _quoted_as(t) is token for c in token.children for t in c.children
        ):
            continue  # "X was cited by Y as saying": the cue is "saying", the source X
        source = reader or _source_of(token)
        left_source = False
        if source is None and lemma in lex.SPEECH_VERBS:
            source = _left_source(token)
            left_source = source is not None
        complement = _complement(token, text)
        if lemma in lex.IMPERSONAL_VERBS:
            # "It has emerged that …": hearsay with no source; other subjects do not report.
            if source is None or source.lower_ != "it" or complement is None:
                continue
            if complement[1] != "ccomp":
                continue
            complement = (complement[0], "impersonal-passive")
        following = _quote_after(context, token) if lemma in lex.SPEECH_VERBS else None
        if following is not None and (
            complement is None
            or not any(
                q.start < complement[0][1] and complement[0][0] < q.end for q in context.quotes
            )
        ):
            complement = (following, "quote-cue")  # 'he said: “…”', the parse aside
        rule = complement[1] if complement else ""
        impersonal = lemma in lex.IMPERSONAL_VERBS
        if impersonal:
            source = None
        if _is_passive(token):
            agent = any(c.dep_ == "agent" for c in token.children)
            subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            if agent and complement is None and subject is not None:
                rng = char_range(subject.subtree)
                if rng is not None:
                    complement = (_trim(text, *rng), "passive-agent")
            elif (
                not agent
                and complement is not None
                and subject is not None
                and subject.lower_ == "it"
                and lemma not in lex.XCOMP_VERBS
            ):
                source, impersonal = None, True
            elif not agent and subject is not None and lemma in lex.RAISING_PASSIVES:
                xcomp = next((c for c in token.children if c.dep_ == "xcomp"), None)
                if xcomp is not None and xcomp.i > token.i:
                    # "Trump is expected to win": hearsay with no source in the text.
                    rng = char_range([*subject.subtree, *_clause(xcomp)])
                    if rng is not None:
                        complement = (_trim(text, *rng), "impersonal-passive")
                        source, impersonal = None, True
            rule = "passive-agent" if agent else ("impersonal-passive" if impersonal else rule)
        if source is None and not impersonal:
            continue
        if context.quote_of[token.i] >= 0 and (complement is None or rule == "parenthetical"):
            continue  # a reporting verb inside someone's quotation reports only by its clause
        if source is not None and source.pos_ == "PRON" and source.lower_ in ("you",):
            continue
        if (
            source is not None
            and source.lemma_.lower() in lex.CUE_NOUNS
            and complement is not None
            and complement[0][1] <= source.idx
        ):
            continue  # "…, a claim Ukraine's military denied": "a claim" sums up a statement

        cue = (token.idx, token.idx + len(token.text))
        # a particle next to the verb ("point out"), not one parsed off a later word
        prt = [c for c in token.children if c.dep_ == "prt" and c.i == token.i + 1]
        if prt:
            cue = (cue[0], max(cue[1], prt[0].idx + len(prt[0].text)))
        if lemma == "make clear" and clear is not None:
            cue = (cue[0], clear.idx + len(clear.text))
        if complement is None:
            if lemma not in lex.SPEECH_VERBS:
                mixed = _quoted_object(context, token)
                if mixed is not None:
                    found.append(mixed)
                continue
            qi = _nearest_quote(context, token)
            if qi is None:
                before = _clause_before_source(context, token, source)
                if before is not None:
                    found.append(_Candidate(cue, source, before, "parenthetical", lemma, token.i))
                continue
            q = context.quotes[qi]
            if lemma == "go on" and q.start > token.idx:
                continue  # "the piece goes on to call it “…”": a quoted term, not a quote
            found.append(_Candidate(cue, source, (q.start, q.end), "quote-cue", lemma, token.i))
            continue
        content = complement[0]
        if cue[0] <= content[0] < cue[1]:
            content = _trim(text, cue[1], content[1])  # "made it clear that …"
        if left_source and source is not None and content[0] < source.left_edge.idx < content[1]:
            # The parser hung the source inside the content: end the content before it.
            content = _trim(text, content[0], source.left_edge.idx)
        if content[1] <= content[0]:
            continue
        found.append(_Candidate(cue, source, content, rule, lemma, token.i, impersonal))
    return found


def _colon_source(context: Context, start: int, colon: int) -> Token | None:
    """The head of a noun phrase standing alone before a colon ("Its energy spokesman, Adrian
    Kole: “…”", "Energy Minister: …"), when it can name a source: a person or organisation
    entity, or a person, institution or group noun. None when the phrase has a verb."""
    span = context.doc.char_span(start, colon, alignment_mode="contract")
    if span is None or not 0 < len(span) <= 12:
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in span):
        return None
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    heads = [t for t in roots if t.pos_ in ("NOUN", "PROPN") or acronym_institution(t)]
    if not heads:
        return None
    head = heads[0]
    nouns = lex.ANONYMOUS_NOUNS | lex.PERSON_NOUNS | lex.ORGANIZATION_NOUNS | lex.VAGUE_NOUNS
    named = any(e.label_ in ("PERSON", "ORG") for e in span.ents) or any(
        t.lower_ in lex.NAMED_INSTITUTIONS for t in span
    )
    # "Rovers boss Kehoe: …": a title before an untagged name
    titled = head.pos_ == "PROPN" and any(
        t.i < head.i and t.lemma_.lower() in lex.ANONYMOUS_NOUNS | lex.PERSON_NOUNS for t in span
    )
    return head if named or titled or head.lemma_.lower() in nouns or head.lower_ in nouns else None


def _colon_candidates(context: Context) -> list[_Candidate]:
    """Statements a colon introduces after a bare source: a quotation ("The council's
    planning chair, Cllr Brian Toft: “We have to build …”") and a headline's claim
    ("Energy Minister: Petrol prices will fall by summer"). No reporting verb: the colon is
    the cue."""
    text = context.text
    found: list[_Candidate] = []
    pieces: list[tuple[int, int, int]] = []  # (colon, content start, content end)
    for q in context.quotes:
        colon = text.rfind(":", 0, q.start)
        if colon >= 0 and not text[colon + 1 : q.start].strip():
            pieces.append((colon, q.start, q.end))
    headline = HEADLINE.match(text)
    if headline is not None:
        colon = text.find(": ", 0, headline.end())
        if colon > 0:
            pieces.append((colon, colon + 1, headline.end()))
    for colon, start, end in pieces:
        line = text.rfind("\n", 0, colon) + 1
        ends = [m.end() for m in re.finditer(r"[.!?][”\"’]?\s", text[line:colon])]
        left = line + (ends[-1] if ends else 0)
        head = _colon_source(context, left, colon)
        token = token_at(context.doc, colon)
        if head is None or token is None or context.quote_of[head.i] >= 0:
            continue
        content = _trim(text, start, end)
        if content[1] > content[0]:
            found.append(_Candidate((colon, colon + 1), head, content, "colon", ":", token.i))
    return found


def _headline_candidates(context: Context, found: list[_Candidate]) -> list[_Candidate]:
    """A headline that ends with its source and a reporting verb ("Brava in talks to buy
    rival Tundra, sources say"; "… HIDING the Truth, Insiders Reveal") when no rule found
    that verb's statement: the words before the comma are the content."""
    text = context.text
    headline = HEADLINE.match(text)
    if headline is None:
        return []
    line = text[: headline.end()].rstrip()
    match = _HEADLINE_SOURCE.search(line)
    if match is None:
        return []
    verb = token_at(context.doc, match.start(2))
    source = token_at(context.doc, match.end(1) - 1)
    if verb is None or source is None or any(c.cue_token == verb.i for c in found):
        return []
    word = verb.lower_
    verbs = lex.SPEECH_VERBS | lex.COGNITION_VERBS
    if verb.lemma_.lower() not in verbs and word.rstrip("s") not in verbs:
        return []
    if source.pos_ not in ("NOUN", "PROPN"):
        return []
    start = text.rfind(": ", 0, match.start())
    start = 0 if start < 0 else start + 2
    content = _trim(text, start, match.start())
    if content[1] <= content[0]:
        return []
    cue = (verb.idx, verb.idx + len(verb.text))
    return [_Candidate(cue, source, content, "parenthetical", word.rstrip("s"), verb.i)]


def doc_lexicon(doc: Doc) -> SourceLexicon:
    """The lexicon of the attribution analyzer that read ``doc``, or the empty lexicon when
    none did."""
    lexicon = _LEXICONS.get(doc)
    return SourceLexicon() if lexicon is None else lexicon


def extract_attributions(
    doc: Doc,
    *,
    unattributed_quotes: bool = True,
    min_quote_words: int = 4,
    lexicon: SourceLexicon | None = None,
) -> list[Attribution]:
    """Every attribution in ``doc`` (needs a dependency parse and entities).

    Args:
        doc: A parsed spaCy Doc.
        unattributed_quotes: Also report quotations with no speaker in sight (source
            ``unknown``) when they hold at least ``min_quote_words`` words.
        min_quote_words: Shorter unattributed quotations are taken for scare quotes.
        lexicon: The pipeline's vocabulary (:meth:`SourceLexicon.from_nlp`); by default,
            that of the attribution analyzer that read ``doc`` (:func:`doc_lexicon`).
    """
    text = doc.text
    context = _context(doc, find_quotes(text), lexicon if lexicon is not None else doc_lexicon(doc))
    results: list[Attribution] = []
    covered: set[int] = set()  # quotes some attribution's content covers
    candidates = _candidates(context) + _colon_candidates(context)
    candidates += _headline_candidates(context, candidates)
    reported = [c.content for c in candidates if c.rule != "quoted-object"]
    for cand in candidates:
        content = cand.content
        if cand.rule == "quoted-object" and any(
            s <= cand.cue[0] and cand.cue[1] <= e for s, e in reported
        ):
            # "officials said further help would follow “in the coming weeks”": the verb of
            # a reported clause is not a cue, and its subject ("further help") no source.
            continue
        inner = context.quote_of[cand.cue_token] >= 0
        if inner:
            # A reporting verb inside a quotation ("I think …") belongs to the quoted speaker;
            # on a 150-article sample of PolNeAR train, 4 of 340 such findings matched a
            # gold attribution, so they are left out.
            continue
        if cand.rule != "quote-cue":
            content = _expand_to_quotes(context, _clip_to_paragraph(text, content, cand.cue))
            content = _cut_dash_aside(text, content)
        in_quote = [
            qi
            for qi, q in enumerate(context.quotes)
            if content[0] <= q.start and q.end <= content[1]
        ]
        if in_quote and content == (
            context.quotes[in_quote[0]].start,
            context.quotes[in_quote[-1]].end,
        ):
            content = (content[0], _split_partner(context, content, cand.cue))
        covered.update(
            qi
            for qi, q in enumerate(context.quotes)
            if content[0] <= q.start and q.end <= content[1]
        )
        results.append(_finish(context, cand, content))
    quote_rules = {"quote-cue", "ccomp", "parenthetical", "colon"}
    for qi, q in enumerate(context.quotes):
        if qi in covered:
            continue
        words = len(text[q.start : q.end].split())
        if words < min_quote_words and not _utterance(text, q):
            continue  # a scare quote or a quoted term, not a statement
        nearest = _nearest_attribution(context, results, q, quote_rules)
        merged = _continue_quote(text, nearest, q) if nearest is not None else None
        if nearest is not None and merged is not None:
            results[results.index(nearest)] = merged
            continue
        if nearest is not None:
            results.append(
                Attribution(
                    content=(q.start, q.end),
                    cue=nearest.cue,
                    source=nearest.source,
                    source_type=nearest.source_type,
                    role=nearest.role,
                    resolved=nearest.resolved,
                    rule="quote-adjacent",
                    evidence={
                        **nearest.evidence,
                        "rule": "quote-adjacent",
                        "content": RULE_CONTENT["quote-adjacent"],
                    },
                )
            )
        elif unattributed_quotes:
            results.append(
                Attribution(
                    content=(q.start, q.end),
                    cue=None,
                    source=None,
                    source_type="unknown",
                    role=None,
                    resolved=None,
                    rule="quote-unattributed",
                    evidence={
                        "rule": "quote-unattributed",
                        "content": f"a quotation of {words} words"
                        + ("" if q.paired else " (its closing mark is missing)"),
                        "cue": "none: no reporting verb in its or the adjacent sentences",
                        "source_rule": "no source in the text",
                    },
                )
            )
    results = [_split_parts(context, a) for a in _previous_speakers(context, _distinct(results))]
    results = [_past_dateline_content(context, a) for a in results]
    results.sort(key=lambda a: (a.start, a.end))
    return results


def _past_dateline_content(context: Context, att: Attribution) -> Attribution:
    """Content that starts in the wire dateline ("KYIV, Dec 11 (Wire) — …") starts after it."""
    start, end = att.content
    if start < context.dateline_end < end:
        return replace(att, content=(context.dateline_end, end))
    return att


def _split_parts(context: Context, att: Attribution) -> Attribution:
    """``att`` with its ``content_parts`` set when its content is a quotation split by its
    own cue and source ("“A,” she said, “B.”", "“A,” he told reporters. “B.”")."""
    if att.cue is None:
        return att
    start, end = att.content
    block = (
        min(att.cue[0], att.source[0]) if att.source else att.cue[0],
        max(att.cue[1], att.source[1]) if att.source else att.cue[1],
    )
    if not (start < block[0] and block[1] < end):
        return att
    inside = [q for q in context.quotes if start <= q.start and q.end <= end]
    before = [q for q in inside if q.end <= block[0]]
    after = [q for q in inside if q.start >= block[1]]
    if not before or not after:
        return att
    return replace(att, content_parts=((start, before[-1].end), (after[0].start, end)))


def _previous_speakers(context: Context, results: list[Attribution]) -> list[Attribution]:
    """Resolve "he", "she" and "it" sources to the previous speaker of their kind.

    News copy introduces a speaker and goes on with a pronoun ("A nurse in Bergen said … “…,”
    she said"); the antecedent is the last source of the right kind (a person, named or not;
    an organisation), not the last name mentioned, which is often someone the speaker talked
    about. The previous speaker counts when it is in the pronoun's paragraph, or in the
    paragraph before with no other person named in between; otherwise the entity-based
    resolution of :func:`classify_source` stands.
    """
    text = context.text
    last: dict[str, Attribution] = {}  # "person" / "org" -> the latest such speaker
    resolved_results: list[Attribution] = []
    for att in sorted(results, key=lambda a: a.source[0] if a.source else a.start):
        if att.source is None:
            resolved_results.append(att)
            continue
        word = text[att.source[0] : att.source[1]].lower()
        kind = (
            "person"
            if word in ("he", "she")
            else "org"
            if word == "it"
            else "group"
            if word == "they"
            else None
        )
        previous = last.get(kind) if kind is not None else None
        if (
            previous is not None
            and previous.source is not None
            and _near_speaker(context, previous.source, att.source, kind == "person")
        ):
            resolved = previous.resolved
            if resolved is None and previous.source_type == "named_person":
                resolved = text[previous.source[0] : previous.source[1]]
            what = {"person": "speaker", "org": "organisation"}.get(kind or "", "speakers")
            refers_to = (
                previous.evidence.get("source_refers_to")
                or (text[previous.source[0] : previous.source[1]])
            )
            att = replace(
                att,
                source_type=previous.source_type,
                resolved=resolved if previous.source_type != "anonymous" else None,
                evidence={
                    **att.evidence,
                    "source_rule": f"pronoun {word!r} refers to the previous {what} "
                    f"({previous.source_type})",
                    "source_refers_to": refers_to,
                },
            )
        rule = att.evidence.get("source_rule", "")
        if word not in ("he", "she", "it", "i", "we", "you") and att.source_type != "unknown":
            last["group"] = att  # "Police said … They added": any non-pronoun speaker
        if att.source_type == "named_organization":
            last["org"] = att
        elif att.source_type == "named_person" or (
            att.source_type == "anonymous" and not rule.startswith("a counted group")
        ):
            last["person"] = att
        resolved_results.append(att)
    return resolved_results


def _near_speaker(
    context: Context, previous: tuple[int, int], pronoun: tuple[int, int], person: bool
) -> bool:
    """Whether a previous speaker is close enough to be a pronoun's antecedent: in its
    paragraph, or in the paragraph before with no person (for "he"/"she") named between
    them outside quotations."""
    text = context.text
    if previous[0] >= pronoun[0]:
        return False
    breaks = text.count("\n\n", previous[1], pronoun[0])
    if breaks == 0:
        return True
    if breaks > 1 or not person:
        return False
    return not any(
        previous[1] <= ent.start_char < pronoun[0] and context.quote_of[ent.start] < 0
        for ent in context.persons
    )


def _distinct(results: list[Attribution]) -> list[Attribution]:
    """Drop an attribution whose content mostly repeats that of a more precise rule's.

    Two rules often find the same statement (a verb's object and its quotation); one
    statement is one finding. Contents overlapping with a Jaccard index of 0.5 or more count
    as the same, the threshold PolNeAR scoring uses to match contents.
    """
    kept: list[Attribution] = []
    ranked = sorted(results, key=lambda a: -RULE_PRECISION.get(a.rule, 0.0))
    for att in ranked:
        s1, e1 = att.content
        if not any(
            min(e1, e2) - max(s1, s2) >= 0.5 * (max(e1, e2) - min(s1, s2)) and not _nested(att, k)
            for k in kept
            for s2, e2 in (k.content,)
        ):
            kept.append(att)
    return kept


def _nested(a: Attribution, b: Attribution) -> bool:
    """One attribution reports the other, named before it: its content, ahead of its cue,
    holds the other's cue and source ("Europeans ask why …, experts say"). Contents after the
    cue ("X said he thinks …") are one statement, as PolNeAR annotates them."""
    for outer, inner in ((a, b), (b, a)):
        if inner.cue is None or inner.source is None or outer.cue is None:
            continue
        start, end = outer.content
        if (
            end <= outer.cue[0]
            and start <= inner.source[0]
            and inner.cue[1] <= end
            and inner.source[1] <= end
        ):
            return True
    return False


def _utterance(text: str, quote: Quote) -> bool:
    """A short quotation that stands as a sentence of its own ("“Really?” she asked.")."""
    before = text[: quote.start].rstrip()
    inner = text[quote.start : quote.end].rstrip("".join(QUOTE_CHARS))
    return (not before or before[-1] in ".!?:\n") and inner[-1:] in (",", ".", "!", "?")


def _continue_quote(text: str, att: Attribution, quote: Quote) -> Attribution | None:
    """``att`` with its content run on to ``quote``, when the quote goes on with its words.

    The news pattern ("“A,” he said. “B.”"): a quotation, its cue and source, and right
    after them the next quotation of the same speaker; PolNeAR annotates both quotations as
    one content.
    """
    if att.cue is None or quote.start < att.content[1]:
        return None
    body = text[att.content[0] : att.content[1]]
    after_cue = max(att.cue[1], att.source[1] if att.source else 0)
    if not (
        body[:1] in QUOTE_CHARS
        and att.content[1] <= att.cue[0]
        and after_cue <= quote.start
        and len(text[after_cue : quote.start]) <= _CONTINUE_GAP
        and "\n" not in text[att.content[0] : quote.end]
    ):
        return None
    return replace(att, content=(att.content[0], quote.end))


def _nearest_attribution(
    context: Context, results: list[Attribution], quote: Quote, rules: set[str]
) -> Attribution | None:
    bounds = context.sentences
    starts = [start for start, _ in bounds]
    first = max(0, bisect_right(starts, quote.start) - 1)
    last = max(0, bisect_right(starts, max(quote.start, quote.end - 1)) - 1)
    lo = bounds[max(0, first - 1)][0]
    hi = bounds[min(len(bounds) - 1, last + 1)][1]
    best: tuple[int, Attribution] | None = None
    for att in results:
        if att.rule not in rules or att.cue is None:
            continue
        if not (lo <= att.cue[0] < hi):
            continue
        between = (
            context.text[att.cue[1] : quote.start]
            if att.cue[1] <= quote.start
            else context.text[quote.end : att.cue[0]]
        )
        if "\n" in between:
            continue  # a quote standing as its own paragraph: no speaker from another one
        distance = quote.start - att.end if att.end <= quote.start else att.start - quote.end
        distance = abs(distance)
        if best is None or distance < best[0]:
            best = (distance, att)
    return best[1] if best else None


def _past_dateline(context: Context, head: Token) -> Token | None:
    """The real source when the parser took the dateline's place for it: another subject of
    the same verb ("KHERSON — The Ukrainian military said": two subjects), or the apposition
    the parser hung on the place ("WARSAW — Poland's health minister, Ewa Nowicka, said")."""
    end = context.dateline_end
    if head.dep_ in ("nsubj", "nsubjpass"):
        for sibling in head.head.children:
            if sibling.dep_ == head.dep_ and sibling.idx >= end:
                return sibling
    frontier = [head]
    while frontier:
        token = frontier.pop(0)
        for child in token.children:
            if child.dep_ == "appos":
                if child.idx >= end:
                    return child
                frontier.append(child)
    return None


def _finish(context: Context, cand: _Candidate, content: tuple[int, int]) -> Attribution:
    text = context.text
    evidence: dict[str, str] = {
        "rule": cand.rule,
        "content": RULE_CONTENT[cand.rule],
        "cue": f"reporting {'phrase' if ' ' in cand.cue_lemma else 'verb'} {cand.cue_lemma!r}",
    }
    if cand.source_head is None:
        evidence["source_rule"] = (
            "impersonal or hearsay passive ('it is believed', 'is expected to'): no source named"
        )
        return Attribution(content, cand.cue, None, "vague", None, None, cand.rule, evidence)
    head = cand.source_head
    if head.idx < context.dateline_end:
        head = _past_dateline(context, head) or head
    span = noun_phrase(head)
    if head.pos_ == "ADJ":
        # "Current and former employees": the parser made the first adjective the head.
        head = next(
            (c for c in head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), head
        )
    if any(q.start < span[1] and span[0] < q.end for q in context.quotes) or (
        cand.rule not in ("quote-cue", "ccomp") and span[0] < content[1] and content[0] < span[1]
    ):
        span = (head.idx, head.idx + len(head.text))  # the parse ran into the content
    source_type, resolved, role, source_evidence = classify_source(context, head, span, content)
    evidence.update(source_evidence)
    if role is not None:
        role = role.strip() or None
    return Attribution(
        content=content,
        cue=cand.cue,
        source=_trim(text, *span) if text[span[0] : span[1]].strip() else span,
        source_type=source_type,
        role=role,
        resolved=resolved,
        rule=cand.rule,
        evidence=evidence,
    )


# --------------------------------------------------------------------------- component


def attribution_fields(text: str, att: Attribution) -> dict[str, Any]:
    """The finding's ``source``, ``cue`` and ``content`` fields (offsets into ``text``)."""
    if att.source is not None:
        source: dict[str, Any] = span_dict(text, *att.source)
    else:
        source = {"start": None, "end": None, "text": None}
    source.update({"type": att.source_type, "resolved": att.resolved, "role": att.role})
    content = span_dict(text, *att.content)
    if att.content_parts:
        # A split quotation: the pieces without the cue between them ("“A,” she said, “B.”").
        content["parts"] = [span_dict(text, *part) for part in att.content_parts]
    return {
        "source": source,
        "cue": span_dict(text, *att.cue) if att.cue is not None else None,
        "content": content,
    }


class AttributionAnalyzer:
    """Writes ``attribution`` findings to ``doc.spans["newsift.attribution"]``."""

    analyzer_name = NAME
    version = VERSION

    def __init__(
        self, nlp: Language, name: str, unattributed_quotes: bool, min_quote_words: int
    ) -> None:
        register_extensions()
        #: built once from the pipeline, immutable, shared by every document (and thread)
        self.lexicon = SourceLexicon.from_nlp(nlp)
        self.name = name
        self.unattributed_quotes = unattributed_quotes
        self.min_quote_words = min_quote_words
        self._model = spacy_model_info(nlp)

    def models(self) -> list[ModelInfo]:
        return [self._model]

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and not doc.has_annotation("DEP"):
            raise ConfigError(Errors.E062)
        text = doc.text
        spans = []
        # what read the document, so that extract_attributions(doc) later agrees with it
        _LEXICONS[doc] = self.lexicon
        for att in extract_attributions(
            doc,
            unattributed_quotes=self.unattributed_quotes,
            min_quote_words=self.min_quote_words,
            lexicon=self.lexicon,
        ):
            evidence = {
                **att.evidence,
                "model": f"{self._model.name} {self._model.version} parser and ner",
                "score_is": "precision of this rule on PolNeAR train (content Jaccard >= 0.5)",
            }
            spans.append(
                finding_span(
                    doc,
                    att.start,
                    att.end,
                    label=att.source_type,
                    kind="attribution",
                    score=RULE_PRECISION.get(att.rule, 0.5),
                    evidence=evidence,
                    fields=attribution_fields(text, att),
                )
            )
        doc.spans[spans_key(NAME)] = spans
        return doc


@Language.factory(
    "newsift_attribution",
    assigns=["doc.spans"],
    requires=["token.dep", "token.head", "doc.ents"],
    default_config=DEFAULT_CONFIG,
)
def make_attribution_analyzer(
    nlp: Language, name: str, unattributed_quotes: bool, min_quote_words: int
) -> AttributionAnalyzer:
    """spaCy factory: ``nlp.add_pipe("newsift_attribution")``."""
    return AttributionAnalyzer(nlp, name, unattributed_quotes, min_quote_words)


def summarize(findings: list[Finding]) -> dict[str, Any]:
    """``summary.sourcing``: counts by source type, the named share, and distinct sources
    (a pronoun is counted with the source it refers to)."""
    attributions = [f for f in findings if f.kind == "attribution"]
    counts = Counter(f.label for f in attributions)
    named = counts["named_person"] + counts["named_organization"]
    groups: dict[str, dict[str, Any]] = {}
    for f in attributions:
        source = f.fields.get("source") or {}
        if not source.get("text"):
            continue
        resolved = source.get("resolved")
        # A pronoun counts with what it refers to: a named entity ("he" -> "Olena Petrenko")
        # or an unnamed person earlier in the paragraph ("him" -> "a frontline serviceman").
        refers_to = f.evidence.get("source_refers_to")
        key = str(resolved or refers_to or source["text"]).lower()
        group = groups.setdefault(
            key,
            {"text": source["text"], "resolved": resolved, "type": f.label, "citations": 0},
        )
        group["citations"] += 1
    return {
        "sourcing": {
            "counts": {t: counts.get(t, 0) for t in SOURCE_TYPES},
            "named_share": round(named / len(attributions), 3) if attributions else 0.0,
            "sources": sorted(
                groups.values(), key=lambda g: (-g["citations"], str(g["text"]).lower())
            ),
        }
    }
