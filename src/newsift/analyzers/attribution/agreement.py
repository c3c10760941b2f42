"""Who a pronoun or "I" can be: gender and number agreement, signers, abstention.

The speaker model behind pronoun sources (:mod:`.pronouns`, and the previous-speaker pass of
:mod:`..extract`) asks these questions:

- **Gender** of a person mention (:func:`mention_gender`): a title before the name ("Mr",
  "Mrs", "Ms", "Sir", "Lady" …), a gendered noun in or beside it ("the woman", "the
  mother", "congresswoman"), or the first name's gender in newsift's first-name list
  (``newsift/data/first_names.tsv``, derived from the ``nomquamgender`` data by
  :mod:`newsift.train.name_gender`; names of mixed use are not in it and give no gender).
  "she" never refers to a man, nor "he" to a woman; a name of unknown gender agrees with
  both.
- **Signers** (:func:`signer_before`, :func:`signer_after`): a statement or letter signed by a
  person ("— Jane Okafor", "Yours faithfully,\\nJane Okafor", "Statement by Governor Jane
  Okafor:"). "I" or "me" outside quotations in a signed text is its signer; with no signer in
  sight newsift does not guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Literal

from spacy.tokens import Span, Token

Gender = Literal["f", "m"]

#: Titles and honorifics that give a person's gender.
TITLE_GENDER: dict[str, Gender] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "madame": "f", "dame": "f",
    "lady": "f", "queen": "f", "princess": "f", "mme": "f", "mlle": "f", "sister": "f",
    "brother": "m", "father": "m", "mother": "f",
}  # fmt: skip
#: Nouns that give the gender of the person they describe ("the woman", "the mother").
NOUN_GENDER: dict[str, Gender] = {
    "man": "m", "boy": "m", "father": "m", "son": "m", "husband": "m", "brother": "m",
    "grandfather": "m", "uncle": "m", "nephew": "m", "king": "m", "gentleman": "m",
    "businessman": "m", "chairman": "m", "congressman": "m", "spokesman": "m",
    "policeman": "m", "fisherman": "m", "councilman": "m", "boyfriend": "m", "widower": "m",
    "woman": "f", "girl": "f", "mother": "f", "daughter": "f", "wife": "f", "sister": "f",
    "grandmother": "f", "aunt": "f", "niece": "f", "queen": "f", "lady": "f",
    "businesswoman": "f", "chairwoman": "f", "congresswoman": "f", "spokeswoman": "f",
    "policewoman": "f", "councilwoman": "f", "girlfriend": "f", "widow": "f", "actress": "f",
}  # fmt: skip
#: Pronoun → the gender it demands.
PRONOUN_GENDER: dict[str, Gender] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
#: First-person pronouns ("I said", "we believe").
FIRST_PERSON: frozenset[str] = frozenset({"i", "me", "we", "us"})

_SIGN_OFF = re.compile(
    r"(?im)^\s*(?:yours(?: sincerely| faithfully| truly)?|sincerely(?: yours)?|regards|"
    r"kind regards|best regards|respectfully(?: yours)?|signed)\s*,?\s*$"
)
_NAME_LINE = re.compile(
    r"(?m)^[ \t]*(?:[-—–]{1,2}[ \t]*)?((?:(?:Dr|Mr|Mrs|Ms|Prof|Sir|Rev)\.?[ \t]+)?"
    r"[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3})[ \t]*(?:,[^\n]{0,80})?[ \t]*$"
)
_DASH_NAME = re.compile(
    r"(?m)^[ \t]*[-—–]{1,2}[ \t]*((?:(?:Dr|Mr|Mrs|Ms|Prof|Sir|Rev)\.?[ \t]+)?"
    r"[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3})[ \t]*(?:,[^\n]{0,80})?[ \t]*$"
)
_STATEMENT_BY = re.compile(
    r"(?i)\b(?:statement|letter|message|remarks|open letter)\s+(?:from|by)\s+"
    r"((?:[A-Z][\w'’.-]+[ \t]+){0,3}?(?-i:[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){1,2}))[ \t]*[:\n]"
)


@lru_cache(maxsize=1)
def first_names() -> Mapping[str, Gender]:
    """The shipped first-name list (name → ``f``/``m``), read once per process (immutable)."""
    path = resources.files("newsift").joinpath("data", "first_names.tsv")
    table: dict[str, Gender] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, gender = line.partition("\t")
        if gender in ("f", "m"):
            table[name] = "f" if gender == "f" else "m"
    return table


def name_gender(name: str) -> Gender | None:
    """The gender of a written name: a title ("Mrs Okafor") or a known first name."""
    words = [w.strip(".,").lower() for w in name.split()]
    if not words:
        return None
    if words[0] in TITLE_GENDER:
        return TITLE_GENDER[words[0]]
    if len(words) >= 2 or name[:1].isupper():
        return first_names().get(words[0])
    return None


def mention_gender(mention: Span) -> Gender | None:
    """The gender of a person mention: a title just before it, a gendered noun in apposition
    or as its head, its first name. None when nothing says."""
    doc = mention.doc
    before = doc[mention.start - 1] if mention.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in TITLE_GENDER:
        return TITLE_GENDER[before.lower_.rstrip(".")]
    for token in mention:
        lower = token.lower_.rstrip(".")
        if lower in TITLE_GENDER and token.i < mention.end - 1:
            return TITLE_GENDER[lower]
        if token.lemma_.lower() in NOUN_GENDER:
            return NOUN_GENDER[token.lemma_.lower()]
    for child in mention.root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in NOUN_GENDER:
            return NOUN_GENDER[child.lemma_.lower()]
    if mention.root.head.dep_ == "appos" or mention.root.dep_ == "appos":
        other = mention.root.head if mention.root.dep_ == "appos" else mention.root
        if other.lemma_.lower() in NOUN_GENDER:
            return NOUN_GENDER[other.lemma_.lower()]
    proper = [t for t in mention if t.pos_ == "PROPN" or t.text[:1].isupper()]
    if len(proper) >= 2:
        return first_names().get(proper[0].lower_)
    return None


def token_gender(token: Token) -> Gender | None:
    """The gender a noun head itself carries ("the woman", "her mother"), else None."""
    return NOUN_GENDER.get(token.lemma_.lower())


def agrees(pronoun: str, gender: Gender | None) -> bool:
    """Whether a pronoun may refer to a mention of this gender (unknown agrees)."""
    wanted = PRONOUN_GENDER.get(pronoun.lower())
    return wanted is None or gender is None or gender == wanted


def _signatures(text: str) -> list[tuple[int, str]]:
    """Every signature in ``text``: (where it starts, the name signed)."""
    found: list[tuple[int, str]] = []
    for match in _SIGN_OFF.finditer(text):
        name = _NAME_LINE.match(text, match.end() + 1) if match.end() < len(text) else None
        if name is not None:
            found.append((name.start(1), name.group(1)))
    for match in _DASH_NAME.finditer(text):
        found.append((match.start(1), match.group(1)))
    return sorted(set(found))


def signer_after(text: str, position: int) -> tuple[int, str] | None:
    """The signature that closes the text or letter ``position`` lies in: the first one
    after it (a letters page signs each letter at its end)."""
    return next(((s, n) for s, n in _signatures(text) if s > position), None)


def signer_before(text: str, position: int) -> tuple[int, str] | None:
    """A statement's header naming its author before ``position`` ("Statement by Governor
    Jane Okafor:"), with no signature between them."""
    best = None
    for match in _STATEMENT_BY.finditer(text, 0, position):
        best = (match.start(1), match.group(1))
    if best is None:
        return None
    if any(best[0] < s < position for s, _ in _signatures(text)):
        return None
    return best


def signer(text: str, position: int) -> tuple[int, str] | None:
    """Who "I" at ``position`` (outside quotations) is: the signer of its statement or
    letter, else None (newsift does not guess)."""
    return signer_after(text, position) or signer_before(text, position)
