"""What the attribution rules share about one document, and small parse helpers.

:class:`Context` holds the per-document lookups (quotes, entities, sentences, titles and the
indexes built on first use); :class:`SourceLexicon` the vocabulary taken from the spaCy
pipeline once per analyzer. The helpers turn tokens into character ranges and trim them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsift.analyzers.attribution import lexicon as lex
from newsift.analyzers.attribution.agreement import name_gender
from newsift.text.quotes import Quote

_TRAILING_CONJUNCTION = re.compile(r"\s(?:and|but|or)$")
_TRIM_LEFT = " \t\r\n,;:—–-"
_TRIM_RIGHT = " \t\r\n,;:.—–-"


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


#: Quote marks as tokens: straight, curly and single marks, and the ``''``/``````
#: of some newspapers.
QUOTE_TOKENS: frozenset[str] = frozenset("\"“”‘’'") | {"''", "``"}
#: A first paragraph that is a headline: one line with no sentence-final mark.
HEADLINE = re.compile(r"[^\n]{1,150}(?<![.!?”\"])\n\n")
#: Dependents that are no part of a source's noun phrase: clauses, asides, punctuation.
_PHRASE_CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "case"})


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
    #: memo of the first token of each (lemma, word) that names a specific group
    #: (``nouns._same_group_earlier``; -1 when none does)
    first_specific_group: dict[tuple[str, str], int] = field(default_factory=dict)
    #: full names a title or honorific introduces, whatever the NER made of them
    titled_names: list[Span] = field(default_factory=list)
    text: str = ""  # doc.text, kept: spaCy rebuilds the string from the tokens on each call
    #: end of the headline when it is in title case, else -1 (:func:`title_case_headline_end`)
    title_case_end: int = -1

    # Indexes built on first use. The rules ask "where else in the article does this word
    # occur?" for each source; scanning the whole Doc every time made a 2-million-character
    # article quadratic (hours). Each index is one pass over the Doc.

    @cached_property
    def commas_before(self) -> list[int]:
        """``commas_before[i]``: how many comma tokens precede token ``i`` (one more entry
        at the end), so "is there a comma between tokens a and b?" costs no scan."""
        counts = [0]
        for token in self.doc:
            counts.append(counts[-1] + (token.text == ","))
        return counts

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

    @cached_property
    def people_by_last_word(self) -> dict[str, list[str]]:
        """For each last word of a PERSON mention, the distinct full names (two words or
        more) ending in it, in order of first mention."""
        index: dict[str, list[str]] = {}
        for person in self.persons:
            if len(person) > 1 and person.text not in index.get(person[-1].text, []):
                index.setdefault(person[-1].text, []).append(person.text)
        return index

    def full_name(self, ent: Span) -> str:
        """The longest PERSON mention in the article that ends with this one's last word.

        When different people share the surname ("Rep. Tom Reed", "his wife Jean Reed"), a
        bare "Reed" is not merged with either: it stays as written, unless a title before
        it ("Mrs Reed") leaves one of them.
        """
        names = self.people_by_last_word.get(ent[-1].text, [])
        firsts = {n.split()[0].lower() for n in names if not ent.text.startswith(n)}
        if len(ent) == 1 and len(firsts) > 1 and not any(n.startswith(ent.text) for n in names):
            title = self.doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
            gendered = [n for n in names if name_gender(f"{title} x") == name_gender(n)]
            if title and len(gendered) == 1 and name_gender(f"{title} x") is not None:
                return gendered[0]
            return ent.text
        longest = self.longest_person_by_last_word.get(ent[-1].text, "")
        if len(ent) > 1 and not longest.endswith(ent.text):
            return ent.text  # "Tom Reed" is not "Jean Reed"
        return longest if len(longest) > len(ent.text) else ent.text

    def sentence_of(self, token: Token) -> Span:
        """The sentence of ``token`` (as ``token.sent``, without walking the document again)."""
        return self.sentence_spans[bisect_right(self.sentence_starts, token.i) - 1]

    def in_title_case_headline(self, token: Token) -> bool:
        """Whether ``token`` lies in a headline whose words are capitalised."""
        return token.idx < self.title_case_end
