"""Titles of works in quotes: "Parasite," "The Marvelous Mrs Maisel", "1917".

News puts the titles of films, books, shows, songs and reports in quotation marks, the same
marks it uses for what people say. A title is neither a statement (attribution) nor the
outlet's loaded language (techniques), so both analyzers ask :func:`is_work_title` before they
take a quotation.

The test is conservative, on the string alone (a leaf module, no parser): the quoted words are
short and in title case (small function words aside), are not followed by a speech verb
("'Yes,' she said"), and either sit next to a word that names a kind of work ("the film",
"directed", "won best picture for") or beside other quoted titles in a list. A quotation that
ends a sentence inside its marks or holds a clause in lower case is never a title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsift.text.quotes import Quote

#: A title is at most this many words; longer quotations are speech or text.
MAX_TITLE_WORDS = 9
#: How far (characters) before or after the quotation a kind-of-work word may stand.
CONTEXT_CHARS = 60

# Words that stay lower case inside English titles ("The Lord of the Rings").
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "the",
        "to",
        "vs",
        "via",
        "with",
    ]
)
_WORD = re.compile(r"[^\W_][\w'’.&-]*", re.UNICODE)
_WORK_KIND = re.compile(
    r"\b(?:film|films|movie|movies|picture|documentary|series|show|shows|sitcom|drama|"
    r"comedy|thriller|musical|opera|play|novel|novels|book|books|memoir|biography|album|"
    r"albums|song|songs|single|track|ep|podcast|episode|episodes|season|franchise|game|"
    r"video game|poem|painting|exhibition|titled|entitled|starred|"
    r"starring|stars|directed|director|wrote|written|author|sang|sings|released|premiere|"
    r"premiered|streaming|best picture|oscar|oscars|emmy|emmys|grammy|grammys|golden globe|"
    r"bafta|award|awards|nominated|nomination|sequel|remake|trailer|box office|"
    r"bestseller|best-selling|hit)\b",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(
    r"^\W{0,3}\s*(?:(?:he|she|they|it|we|i|the\s+\w+|[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s+)?"
    r"(?:said|says|say|told|tells|asked|asks|added|adds|wrote|writes|replied|replies|"
    r"explained|explains|insisted|insists|argued|argues|noted|notes|stated|states|"
    r"declared|declares|claimed|claims|warned|warns|shouted|shouts|tweeted|posted)\b",
    re.IGNORECASE,
)
_SENTENCE_INSIDE = re.compile(r"[.!?][\"”’']?\s+\S")


def _inner(text: str, quote: Quote) -> str:
    """The quoted words without their marks and trailing comma or full stop."""
    inner = text[quote.start + 1 : quote.end - 1 if quote.paired else quote.end]
    return inner.strip().rstrip(",.;:").strip()


def _title_case(words: Sequence[str]) -> bool:
    """Every word capitalised or a number, small function words (not the first) aside."""
    if not words:
        return False
    for position, word in enumerate(words):
        if word[0].isdigit() or word[0].isupper():
            continue
        if position > 0 and word.lower() in _SMALL_WORDS:
            continue
        return False
    return True


def looks_like_title(text: str, quote: Quote) -> bool:
    """The quoted words alone have a title's shape: short, title case, one phrase."""
    inner = _inner(text, quote)
    words = _WORD.findall(inner)
    if not words or len(words) > MAX_TITLE_WORDS or _SENTENCE_INSIDE.search(inner):
        return False
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1 and not words[0].isdigit():
        return False  # "NO", "STOP": shouted words, not titles
    return _title_case(words)


def _speech_follows(text: str, quote: Quote) -> bool:
    return bool(_SPEECH_AFTER.match(text[quote.end : quote.end + CONTEXT_CHARS]))


def _kind_nearby(text: str, quote: Quote) -> bool:
    before = text[max(0, quote.start - CONTEXT_CHARS) : quote.start]
    after = text[quote.end : quote.end + CONTEXT_CHARS // 2]
    # Only the clause next to the title counts: stop at a sentence end before it.
    before = re.split(r"[.!?]\s", before)[-1]
    after = re.split(r"[.!?]\s", after)[0]
    return bool(
        _WORK_KIND.search(before)
        or _WORK_KIND.search(after)
        or "(19" in after[:4]
        or "(20" in after[:4]
    )


def _listed_with_titles(text: str, quote: Quote, others: Sequence[Quote]) -> bool:
    """Beside another title-shaped quotation, joined by a comma, "and" or "or" only."""
    for other in others:
        if other is quote or not looks_like_title(text, other):
            continue
        lo, hi = (other.end, quote.start) if other.end <= quote.start else (quote.end, other.start)
        if hi - lo <= 8 and re.fullmatch(r"[\s,;]*(?:and|or|&)?[\s,;]*", text[lo:hi]):
            return True
    return False


def is_work_title(text: str, quote: Quote, quotes: Sequence[Quote] = ()) -> bool:
    """Whether ``quote`` (a quotation of ``text``) is the title of a film, book, show or song.

    ``quotes`` are the article's other quotations (from :func:`~newsift.text.quotes.find_quotes`),
    used to recognise lists of titles. Conservative: when in doubt, not a title.
    """
    if not looks_like_title(text, quote) or _speech_follows(text, quote):
        return False
    return _kind_nearby(text, quote) or _listed_with_titles(text, quote, quotes)


def work_titles(text: str, quotes: Sequence[Quote]) -> list[Quote]:
    """The quotations of ``text`` that are titles of works, in reading order."""
    return [quote for quote in quotes if is_work_title(text, quote, quotes)]
