"""Source typing for the ``attribution`` analyzer: which kind of source a statement has.

:func:`classify_source` gives the head of a source's noun phrase exactly one of the
:data:`SourceType` labels (``named_person``, ``named_organization``, ``anonymous``, ``vague``,
``unknown``) together with the name it resolves to, the role the text gives it and the
evidence: the rule that fired (``source_rule``) and the lexicon entry or anonymity formula it
matched. The decisions follow the labelling conventions of ``datasets/source_types/README.md``
(issue 3's definitions): a name makes a source named; a specific person the text does not
name is anonymous; an unspecified group or hearsay is vague.

What it resolves: pronouns ("he" to the last person named, "it" to the last organisation
within three sentences, or to an unnamed person spoken of just before), surnames used alone
to the full name given earlier, definite descriptions ("the minister") to the last person so
titled, documents ("a study by X") to their author, appositions in either order ("the
regulator, Powerwatch"; "Voltra, the energy company"), and descriptor nouns before a name
("the ticketing platform Gigzo", "Commission chairwoman Ludmila Voss").

The per-document lookups live in :class:`Context`, built once per document by the analyzer;
the vocabulary taken from the spaCy pipeline in :class:`SourceLexicon`, built once per
analyzer and immutable. Nothing is kept at module level between documents, so a result never
depends on what the process read before, and analyzers may run in threads. Word lists are in
:mod:`newsift.analyzers.attribution_lexicon`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsift.analyzers import attribution_lexicon as lex

if TYPE_CHECKING:
    from newsift.analyzers.attribution import Quote

SourceType = Literal["named_person", "named_organization", "anonymous", "vague", "unknown"]

#: Quote marks as tokens: straight, curly and single marks, and the ``''``/``````
#: of some newspapers.
QUOTE_TOKENS: frozenset[str] = frozenset("\"“”‘’'") | {"''", "``"}
#: A first paragraph that is a headline: one line with no sentence-final mark.
HEADLINE = re.compile(r"[^\n]{1,150}(?<![.!?”\"])\n\n")
#: Dependents that are no part of a source's noun phrase: clauses, asides, punctuation.
_PHRASE_CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "case"})
#: Documents that are one another when referred back to ("The poll" after "a survey by …").
_POLL_NOUNS = frozenset({"poll", "survey"})


# --------------------------------------------------------------------------- parse helpers


def char_range(tokens: Iterable[Token]) -> tuple[int, int] | None:
    items = list(tokens)
    if not items:
        return None
    return min(t.idx for t in items), max(t.idx + len(t.text) for t in items)


def noun_phrase(head: Token) -> tuple[int, int]:
    """The noun phrase headed by ``head``, without relative clauses, appositions and asides."""
    cut: set[int] = set()
    for child in head.children:
        if child.dep_ in _PHRASE_CUT_DEPS and (child.dep_ != "appos" or after_comma(child)):
            cut.update(t.i for t in child.subtree)
    keep = {t.i for t in head.subtree} - cut
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = head.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def after_comma(token: Token) -> bool:
    """Whether a comma or dash precedes ``token`` (quote marks between them skipped)."""
    i = token.i - 1
    while i >= 0 and token.doc[i].text in QUOTE_TOKENS:
        i -= 1
    return i >= 0 and token.doc[i].text in (",", "—", "–", "-", "--")


def token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


@dataclass(frozen=True)
class SourceLexicon:
    """The vocabulary the source rules take from the spaCy pipeline, built once per analyzer.

    ``common_nouns`` are the common nouns of the English rule lemmatizer's vocabulary (its
    ``lemma_index`` table): a sentence-initial capitalised word in it ("Witnesses",
    "Research") is not taken for an untagged name. ``noun_rules`` are the lemmatizer's
    plural-suffix rules for nouns (``("ies", "y")``: "cities" -> "city"), in its order. A
    pipeline without a rule lemmatizer gives the empty lexicon, which those rules then skip.
    """

    common_nouns: frozenset[str] = frozenset()
    noun_rules: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_nlp(cls, nlp: Language) -> SourceLexicon:
        """The lexicon of ``nlp``'s lemmatizer tables (empty when it has none).

        Args:
            nlp: The pipeline the attribution analyzer is added to.

        Returns:
            An immutable lexicon, to be shared by every document the analyzer reads.
        """
        if "lemmatizer" not in nlp.pipe_names:
            return cls()
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index"):
            return cls()
        nouns = frozenset(lookups.get_table("lemma_index").get("noun", ()))
        rules: tuple[tuple[str, str], ...] = ()
        if lookups.has_table("lemma_rules"):
            table_rules = lookups.get_table("lemma_rules").get("noun", ())
            rules = tuple((str(old), str(new)) for old, new in table_rules)
        return cls(nouns, rules)

    def common_noun_lemma(self, word: str) -> str | None:
        """The lemma of ``word`` (lowercase) when it is a common noun of the vocabulary.

        Args:
            word: A lowercase word.

        Returns:
            The word itself or its singular by the first noun rule that gives a known
            noun; None when neither is in the vocabulary.
        """
        if word in self.common_nouns:
            return word
        for old, new in self.noun_rules:
            if (
                word.endswith(old)
                and (form := word[: len(word) - len(old)] + new) in self.common_nouns
            ):
                return form
        return None


def title_case_headline_end(text: str) -> int:
    """The end of ``text``'s headline (a first line followed by a blank line) when its words
    are capitalised ("Globalist Health Chiefs HIDING the Truth, Insiders Reveal"), else -1.

    Args:
        text: The article's text.

    Returns:
        The character offset of the blank line after the headline, or -1.
    """
    end = text.find("\n\n")
    words = [w for w in text[: max(end, 0)].split() if w[:1].isalpha() and len(w) > 3]
    title = (
        end > 0
        and "\n" not in text[:end]
        and len(words) >= 3
        and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)
    )
    return end if title else -1


@dataclass
class Context:
    """Per-document lookups shared by the rules, built once per document by the analyzer.

    Everything in it belongs to one document (the memo ``org_words`` included), so nothing
    the rules learn from one article reaches the next.
    """

    doc: Doc
    quotes: list[Quote]
    quote_of: list[int]  # per token: index of the quote it lies in, or -1
    persons: list[Span]
    orgs: list[Span]
    titles: dict[str, list[tuple[int, str]]]  # title lemma -> [(char, full name)]
    sentences: list[tuple[int, int]]  # (start_char, end_char) of each sentence
    #: the sentence spans (``doc.sents`` once: ``Token.sent`` walks the whole document on
    #: every call, which made it the analyzer's main cost) and the first token of each
    sentence_spans: list[Span]
    sentence_starts: list[int]
    lexicon: SourceLexicon  # the pipeline's vocabulary (shared, immutable)
    dateline_end: int = 0  # end of the wire dateline ("KHARKIV — "), 0 when there is none
    org_words: dict[str, bool] = field(default_factory=dict)  # memo of _org_elsewhere
    #: full names a title or honorific introduces, whatever the NER made of them
    titled_names: list[Span] = field(default_factory=list)
    text: str = ""  # doc.text, kept: spaCy rebuilds the string from the tokens on each call
    #: end of the headline when it is in title case, else -1 (:func:`title_case_headline_end`)
    title_case_end: int = -1

    # Indexes built on first use. The rules ask "where else in the article does this word
    # occur?" for each source; scanning the whole Doc every time made a 2-million-character
    # article quadratic (hours). Each index is one pass over the Doc.

    @cached_property
    def tokens_by_text(self) -> dict[str, list[Token]]:
        """Every token of the article, by its text, in document order."""
        index: dict[str, list[Token]] = {}
        for token in self.doc:
            index.setdefault(token.text, []).append(token)
        return index

    @cached_property
    def tokens_by_lemma(self) -> dict[str, list[Token]]:
        """Every token of the article, by its lower-cased lemma, in document order."""
        index: dict[str, list[Token]] = {}
        for token in self.doc:
            index.setdefault(token.lemma_.lower(), []).append(token)
        return index

    @cached_property
    def person_words(self) -> dict[str, list[int]]:
        """Token indices of each word inside a PERSON mention (as in :attr:`persons`)."""
        index: dict[str, list[int]] = {}
        for person in self.persons:
            for token in person:
                index.setdefault(token.text, []).append(token.i)
        return index

    @cached_property
    def long_person_words(self) -> frozenset[str]:
        """Words that are part of a person's name of two or more words."""
        return frozenset(t.text for person in self.persons if len(person) > 1 for t in person)

    def same_text_elsewhere(self, token: Token) -> list[Token]:
        """The article's other tokens with ``token``'s text."""
        return [t for t in self.tokens_by_text.get(token.text, ()) if t.i != token.i]

    @cached_property
    def longest_person_by_last_word(self) -> dict[str, str]:
        """For each last word of a PERSON mention, the longest mention ending in it (the
        first of equal length)."""
        index: dict[str, str] = {}
        for person in self.persons:
            last, text = person[-1].text, person.text
            if len(text) > len(index.get(last, "")):
                index[last] = text
        return index

    def full_name(self, ent: Span) -> str:
        """The longest PERSON mention in the article that ends with this one's last word."""
        longest = self.longest_person_by_last_word.get(ent[-1].text, "")
        return longest if len(longest) > len(ent.text) else ent.text

    def sentence_of(self, token: Token) -> Span:
        """The sentence of ``token`` (as ``token.sent``, without walking the document again)."""
        return self.sentence_spans[bisect_right(self.sentence_starts, token.i) - 1]

    def in_title_case_headline(self, token: Token) -> bool:
        """Whether ``token`` lies in a headline whose words are capitalised."""
        return token.idx < self.title_case_end


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


# --------------------------------------------------------------------------- sources


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


def _resolve_pronoun(context: Context, token: Token) -> tuple[Span | None, str]:
    lower = token.lower_
    pool = context.persons if lower in lex.PERSON_PRONOUNS else context.orgs
    best: Span | None = None
    for ent in pool:
        if ent.end_char > token.idx:
            break
        if (
            context.quote_of[ent.start] >= 0
            and context.quote_of[ent.start] != context.quote_of[token.i]
        ):
            continue  # names mentioned inside someone else's quotation are not speakers
        best = ent
    if best is not None and lower in lex.ORGANIZATION_PRONOUNS:
        # "it" refers back only a little way: within the last three sentences.
        starts = [start for start, _ in context.sentences]
        index = max(0, bisect_right(starts, token.idx) - 1)
        if best.start_char < starts[max(0, index - 3)]:
            best = None
    return best, "PERSON" if lower in lex.PERSON_PRONOUNS else "ORG"


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


def _unnamed_antecedent(context: Context, token: Token, ent: Span | None) -> Span | None:
    """The indefinite singular person noun subject ("a frontline soldier said") that stands
    between the last PERSON entity (``ent``) and the pronoun ``token``, in the pronoun's
    paragraph: what the pronoun refers to (its noun phrase up to the noun), else None."""
    paragraph = context.text.rfind("\n", 0, token.idx)
    after = max(ent.end_char if ent is not None else -1, paragraph)
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
                c.lower_ in ("a", "an", "one") and c.dep_ in ("det", "nummod") for c in t.children
            )
            and _entity_at(context.persons, t) is None
        ):
            return context.doc[t.left_edge.i : t.i + 1]
    return None


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


def _call_sign(context: Context, head: Token, person: Span) -> bool:
    """The name after a source is a call sign ("one soldier, who gave only his call sign,
    Bison"): it hides who speaks."""
    between = context.text[head.idx : person.start_char].lower()
    return any(p in between for p in lex.CALL_SIGN_PHRASES)


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


def acronym_institution(token: Token) -> bool:
    """An institution's acronym in capitals ("WHO", "UN"), whatever the tagger made of it."""
    return token.text.isupper() and len(token.text) > 1 and token.lower_ in lex.NAMED_INSTITUTIONS


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


#: What :func:`classify_source` decides: source type, resolved name, role and evidence.
SourceDecision = tuple[SourceType, str | None, str | None, dict[str, str]]


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


def _pronoun_source(context: Context, head: Token, lower: str) -> SourceDecision:
    """A pronoun source: resolved to the person or organisation it refers back to, else
    anonymous ("he") or vague ("they")."""
    evidence: dict[str, str] = {}
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
