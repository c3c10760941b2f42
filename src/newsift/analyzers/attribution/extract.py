"""From a parsed Doc to its attributions: run the rules, pick the best, finish each one.

:func:`extract_attributions` builds the per-document :class:`~.context.Context`, collects the
candidates of every rule (:mod:`.rules`), keeps the most precise one per content, joins
split and continued quotes, hands quotations with no cue to the nearest speaker, and types
each source (:mod:`.sources.classify`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Token

from newsift.analyzers.attribution.agreement import (
    Gender,
    agrees,
    mention_gender,
    name_gender,
    token_gender,
)
from newsift.analyzers.attribution.colons import _colon_candidates, _headline_candidates
from newsift.analyzers.attribution.complements import (
    _clip_to_paragraph,
    _cut_dash_aside,
    _expand_to_quotes,
    _split_partner,
)
from newsift.analyzers.attribution.context import (
    HEADLINE,
    Context,
    SourceLexicon,
    _trim,
    noun_phrase,
    title_case_headline_end,
    token_at,
)
from newsift.analyzers.attribution.filter import AttributionView, CueFilter, features
from newsift.analyzers.attribution.rules import _candidates
from newsift.analyzers.attribution.sources.categories import source_category
from newsift.analyzers.attribution.sources.classify import classify_source
from newsift.analyzers.attribution.sources.names import titled_full_names, titled_name
from newsift.analyzers.attribution.sources.types import SourceType
from newsift.analyzers.attribution.stance import Polarity, Stance, polarity_and_stance
from newsift.analyzers.attribution.table import RULE_CONTENT, RULE_PRECISION, _Candidate
from newsift.text.quotes import QUOTE_CHARS, Quote, find_quotes
from newsift.text.works import is_work_title

#: The :class:`SourceLexicon` the analyzer read each Doc with, while the Doc lives; kept out
#: of ``doc.user_data``, where a live object would make the Doc unserialisable.
_LEXICONS: WeakKeyDictionary[Doc, SourceLexicon] = WeakKeyDictionary()
#: Most characters between a quote's cue (or source) and the quote that continues it.
_CONTINUE_GAP = 30
#: A wire-copy dateline opening the article: "KHARKIV — ", "BRUSSELS, March 4 (Reuters) — ",
#: "KYIV/MOSCOW (AP) – ". The parser often makes the place the subject of the first verb.
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)*(?:,[^\n—–]{1,40}?)?"
    r"(?:\s*\([^()\n]{1,40}\))?\s+(?:—|–|--?)\s+"
)


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
        polarity: ``asserted``, ``negated`` ("did not say that …") or ``declined``
            ("declined to comment") (:mod:`.stance`).
        stance: ``statement``, ``allegation``, ``belief`` or ``intention``.
        via: The index, in the list :func:`extract_attributions` returns, of the
            attribution this one is reported through ("Reuters reported that a complaint
            said …": the complaint's is via Reuters'), else None.
        score: The learned filter's probability that the attribution is real and its
            content right (:mod:`.filter`); None when no filter read it.
        category: What kind of source speaks (:mod:`.sources.categories`).
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
    polarity: Polarity = "asserted"
    stance: Stance = "statement"
    via: int | None = None
    score: float | None = None
    category: str = "other"

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


def doc_lexicon(doc: Doc) -> SourceLexicon:
    """The lexicon of the attribution analyzer that read ``doc``, or the empty lexicon when
    none did."""
    lexicon = _LEXICONS.get(doc)
    return SourceLexicon() if lexicon is None else lexicon


def remember_lexicon(doc: Doc, lexicon: SourceLexicon) -> None:
    """Record the lexicon that reads ``doc``, so that :func:`doc_lexicon` later agrees."""
    _LEXICONS[doc] = lexicon


def extract_attributions(
    doc: Doc,
    *,
    unattributed_quotes: bool = True,
    min_quote_words: int = 4,
    lexicon: SourceLexicon | None = None,
    cue_filter: CueFilter | None = None,
) -> list[Attribution]:
    """Every attribution in ``doc`` (needs a dependency parse and entities).

    Args:
        doc: A parsed spaCy Doc.
        unattributed_quotes: Also report quotations with no speaker in sight (source
            ``unknown``) when they hold at least ``min_quote_words`` words.
        min_quote_words: Shorter unattributed quotations are taken for scare quotes.
        lexicon: The pipeline's vocabulary (:meth:`SourceLexicon.from_nlp`); by default,
            that of the attribution analyzer that read ``doc`` (:func:`doc_lexicon`).
        cue_filter: The learned filter (:func:`~.filter.load_filter`): each attribution's
            score is its probability, and those below its threshold are left out. None
            keeps every rule's attribution, unscored (what the filter is trained on).
    """
    text = doc.text
    found = find_quotes(text)
    # a film's or book's title in quotes ("Parasite") is not something anyone said
    quotes = [q for q in found if not is_work_title(text, q, found)]
    context = _context(doc, quotes, lexicon if lexicon is not None else doc_lexicon(doc))
    candidates = _candidates(context) + _colon_candidates(context)
    candidates += _headline_candidates(context, candidates)
    results, covered = _from_candidates(context, candidates)
    _add_quotes(context, results, covered, unattributed_quotes, min_quote_words)
    results = [_with_stance(doc, text, a) for a in results]  # _distinct reads categories
    results = [_split_parts(context, a) for a in _previous_speakers(context, _distinct(results))]
    results = [_past_dateline_content(context, a) for a in results]
    results = [_with_stance(doc, text, a) for a in results]
    if cue_filter is not None:
        results = _filtered(doc, text, results, cue_filter)
    results.sort(key=lambda a: (a.start, a.end))
    return _with_via(results)


def view(att: Attribution) -> AttributionView:
    """What the learned filter reads of ``att``."""
    return AttributionView(
        rule=att.rule,
        cue=att.cue,
        source=att.source,
        source_type=att.source_type,
        content=att.content,
        polarity=att.polarity,
        stance=att.stance,
    )


def _with_stance(doc: Doc, text: str, att: Attribution) -> Attribution:
    """``att`` with its polarity, stance and source category."""
    polarity, stance = polarity_and_stance(doc, att.cue, att.source)
    cue = token_at(doc, att.cue[0]) if att.cue is not None else None
    category, reason = source_category(
        text[att.source[0] : att.source[1]] if att.source else None,
        att.role,
        att.evidence.get("source_refers_to"),
        att.resolved,
        publisher_voice=att.evidence.get("source_rule", "").startswith("'we' outside"),
        cue_lemma=cue.lemma_.lower() if cue is not None else "",
        source_type=att.source_type,
    )
    return replace(
        att,
        polarity=polarity,
        stance=stance,
        category=category,
        evidence={**att.evidence, "category": reason},
    )


def _filtered(
    doc: Doc, text: str, results: list[Attribution], cue_filter: CueFilter
) -> list[Attribution]:
    """The attributions the filter keeps, each scored with its probability.

    Negated and declined statements ("declined to comment"), the outlet's own voice, the
    links of hearsay chains and first person resolved to a signer or the publisher are kept
    whatever the filter says: PolNeAR, which the filter
    learned from, seldom annotates them, and a fact-checker needs to see them (the sourcing
    profile leaves the first two out)."""
    kept = []
    chained = {i for i, a in enumerate(_with_via(results)) if a.via is not None}
    for index, att in enumerate(results):
        names = features(doc, view(att), text)
        p = cue_filter.probability(names)
        exempt = (
            att.polarity != "asserted"
            or att.category == "outlet"
            # a link of a hearsay chain ("… that a DEA complaint said …") that a document or
            # an outlet speaks: PolNeAR annotates the chain as one statement
            or (index in chained and att.category in ("document", "media", "state_media"))
            or att.evidence.get("source_rule", "").startswith(("first person", "'we' outside"))
        )
        if exempt or cue_filter.keeps(names, p):
            kept.append(replace(att, score=round(p, 4)))
    return kept


def _with_via(results: list[Attribution]) -> list[Attribution]:
    """Each attribution with the one it is reported through (nested hearsay: "Reuters
    reported that a complaint said …"): the attribution with the smallest content that
    holds this one's cue and source, its own cue outside that content."""
    out = []
    for i, inner in enumerate(results):
        best: tuple[int, int] | None = None
        if inner.cue is not None:
            for j, outer in enumerate(results):
                if j == i or outer.cue is None:
                    continue
                s, e = outer.content
                if not (s <= inner.cue[0] and inner.cue[1] <= e):
                    continue
                if inner.source is not None and not (s <= inner.source[0] and inner.source[1] <= e):
                    continue
                if s <= outer.cue[0] < e:
                    continue
                if best is None or e - s < best[0]:
                    best = (e - s, j)
        out.append(inner if best is None else replace(inner, via=best[1]))
    return out


def _from_candidates(
    context: Context, candidates: list[_Candidate]
) -> tuple[list[Attribution], set[int]]:
    """The attributions of the rules' candidates, with their contents widened to whole
    quotations and cut before the writer's asides, and the quotes their contents cover."""
    text = context.text
    results: list[Attribution] = []
    covered: set[int] = set()  # quotes some attribution's content covers
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
    return results, covered


#: The rules whose attribution a quotation with no cue of its own may continue or borrow.
_QUOTE_RULES = frozenset({"quote-cue", "ccomp", "parenthetical", "colon"})


def _add_quotes(
    context: Context,
    results: list[Attribution],
    covered: set[int],
    unattributed_quotes: bool,
    min_quote_words: int,
) -> None:
    """Add the quotations no content covers to ``results`` (in place, in order, so that a
    quote can take the speaker of the one before): continuing the nearest attribution,
    borrowing its speaker (``quote-adjacent``), or with no speaker (``quote-unattributed``)."""
    text = context.text
    for qi, q in enumerate(context.quotes):
        if qi in covered:
            continue
        words = len(text[q.start : q.end].split())
        if words < min_quote_words and not _utterance(text, q):
            continue  # a scare quote or a quoted term, not a statement
        nearest = _nearest_attribution(context, results, q, _QUOTE_RULES)
        merged = _continue_quote(text, nearest, q) if nearest is not None else None
        if nearest is not None and merged is not None:
            results[results.index(nearest)] = merged
        elif nearest is not None:
            results.append(_quote_adjacent(nearest, q))
        elif unattributed_quotes:
            results.append(_quote_unattributed(q, words))


def _quote_adjacent(nearest: Attribution, q: Quote) -> Attribution:
    """A quotation given the speaker and cue of the attribution next to it."""
    return Attribution(
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


def _quote_unattributed(q: Quote, words: int) -> Attribution:
    """A statement-like quotation with no speaker in sight."""
    return Attribution(
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
    people: list[Attribution] = []  # every person speaker so far, in order
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
            kind == "person"
            and previous is not None
            and not agrees(word, _speaker_gender(context, previous))
        ):
            # "she" after a man spoke: the last speaker who agrees in gender, if any
            previous = next(
                (p for p in reversed(people) if agrees(word, _speaker_gender(context, p))), None
            )
            if (
                previous is None
                or previous.source is None
                or not _near_speaker(context, previous.source, att.source, True)
            ):
                if att.source_type in ("named_person", "anonymous") and not agrees(
                    word, name_gender(att.resolved or "")
                ):
                    att = replace(
                        att,
                        source_type="unknown",
                        resolved=None,
                        evidence={
                            **att.evidence,
                            "source_rule": f"unresolved: the speakers before {word!r} do not "
                            "agree with it in gender",
                        },
                    )
                previous = None
        if (
            previous is not None
            and previous.source is not None
            and att.source is not None
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
                role=att.role or previous.role,
                evidence={
                    **att.evidence,
                    "source_rule": f"pronoun {word!r} refers to the previous {what} "
                    f"({previous.source_type})",
                    "source_refers_to": refers_to,
                },
            )
        rule = att.evidence.get("source_rule", "")
        if word not in ("he", "she", "it", "i", "we", "you") and _group_speaker(context, att):
            last["group"] = att  # "Police said … They added": a body or a group, not one person
        if att.source_type == "named_organization":
            last["org"] = att
        elif att.source_type == "named_person" or (
            att.source_type == "anonymous" and not rule.startswith("a counted group")
        ):
            last["person"] = att
            people.append(att)
        resolved_results.append(att)
    return resolved_results


def _speaker_gender(context: Context, att: Attribution) -> Gender | None:
    """The gender of a speaker: its name's (title, first name) or its noun's ("the woman")."""
    if att.source is None:
        return None
    gender = name_gender(att.resolved) if att.resolved else None
    if gender is None:
        span = context.doc.char_span(*att.source, alignment_mode="expand")
        if span is not None and len(span):
            gender = mention_gender(span) or token_gender(span.root)
    return gender


def _group_speaker(context: Context, att: Attribution) -> bool:
    """Whether "they" may refer to this speaker: a body, a group, a plural noun; never one
    named or unnamed person ("The loggers claimed …" is not the victim's)."""
    if att.source is None or att.source_type == "unknown":
        return False
    if att.source_type in ("named_organization", "vague"):
        return True
    span = context.doc.char_span(*att.source, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.tag_ in ("NNS", "NNPS")


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
    # Kept contents by the block their start falls in: a content that overlaps another by
    # half their union starts at most its own length before it, so only the blocks from
    # ``s1 - (e1 - s1)`` to ``e1`` can hold one (no scan of every kept content).
    by_block: dict[int, list[Attribution]] = {}
    ranked = sorted(results, key=lambda a: -RULE_PRECISION.get(a.rule, 0.0))
    for att in ranked:
        s1, e1 = att.content
        nearby = (
            k
            for block in range((2 * s1 - e1) // _BLOCK, e1 // _BLOCK + 1)
            for k in by_block.get(block, ())
        )
        if not any(
            min(e1, e2) - max(s1, s2) >= 0.5 * (max(e1, e2) - min(s1, s2)) and not _nested(att, k)
            for k in nearby
            for s2, e2 in (k.content,)
        ):
            kept.append(att)
            by_block.setdefault(att.content[0] // _BLOCK, []).append(att)
    return kept


#: Character block size of :func:`_distinct`'s index.
_BLOCK = 256


def _nested(a: Attribution, b: Attribution) -> bool:
    """One attribution reports the other: its content holds the other's cue and source,
    ahead of its cue ("Europeans ask why …, experts say"), or after it with a source that
    is not a pronoun ("Reuters reported that a DEA complaint said …": a hearsay chain, each
    link its own finding). "X said he thinks …" is one statement, as PolNeAR annotates it."""
    for outer, inner in ((a, b), (b, a)):
        if inner.cue is None or inner.source is None or outer.cue is None:
            continue
        start, end = outer.content
        if (
            outer.cue[1] <= start
            and start <= inner.source[0]
            and inner.cue[1] <= end
            and inner.source[1] <= end
            and inner.source_type not in ("unknown",)
            and inner.evidence.get("source_refers_to") is None
            and not inner.evidence.get("source_rule", "").startswith(("pronoun", "unresolved"))
            and inner.category in ("document", "media", "state_media")
        ):
            return True
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
    context: Context, results: list[Attribution], quote: Quote, rules: frozenset[str]
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
