"""Pages that hold several items rather than one article: a live blog, a page of
``<article>`` posts, a letters page.

Each way of recognising them is conservative, so that an ordinary article with a list of
related posts stays one article:

* ``json-ld-live-blog``: the page's JSON-LD ``LiveBlogPosting`` lists at least two
  ``liveBlogUpdate`` entries with an ``articleBody``.
* ``article-elements``: at least two ``<article>`` elements (not nested in one another)
  each hold at least :data:`MIN_ITEM_WORDS` words of paragraphs, none holds more than
  :data:`MAX_ITEM_SHARE` of their words, and together they hold at least
  :data:`MIN_COVERAGE` of the page's extracted text.
* ``letter-signatures``: letters ending in a signature line (``Jane Doe, Leeds`` or a name
  and a place on two lines): at least two, each with :data:`MIN_ITEM_WORDS` words, little
  text after the last one, and either three or more letters or a page that calls itself
  letters (title, address or a heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsift.ingest.blocks import Block, clean_blocks, word_count

#: Fewest words of paragraphs an item needs (a teaser's blurb has fewer).
MIN_ITEM_WORDS = 20
#: Largest share of the items' words one item may hold (else it is the page's article
#: and the others are teasers).
MAX_ITEM_SHARE = 0.75
#: Smallest share of the page's extracted words the items must cover.
MIN_COVERAGE = 0.6
#: Most words after the last signature of a letters page.
_MAX_TRAILING_WORDS = 30
_SIGNATURE = re.compile(
    r"^(?:(?:Dr|Prof|Professor|Rev|Revd|Sir|Dame|Lady|Lord|Cllr|Mr|Mrs|Ms|Miss|Baroness)\.?\s+)?"
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’.\-]*){1,3}"
    r"(?:\s*(?:,|\n)\s*[A-Z][\w .'’()&\-]{1,50}){1,3}$"
)
_LETTERS_WORD = re.compile(r"\bletters?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Item:
    """One item of a page: its title, author, date (as written) and blocks."""

    blocks: tuple[Block, ...]
    title: str | None = None
    author: str | None = None
    published: str | None = None


def article_element_items(elements: list[list[Block]], page_words: int) -> list[Item]:
    """The items of a page of ``<article>`` posts (see the module doc), or ``[]``."""
    candidates = []
    for blocks in elements:
        cleaned = clean_blocks(blocks).blocks
        words = sum(word_count(b.text) for b in cleaned if not b.heading)
        if words >= MIN_ITEM_WORDS:
            candidates.append((cleaned, words))
    total = sum(words for _, words in candidates)
    if len(candidates) < 2 or total < MIN_COVERAGE * page_words:
        return []
    if max(words for _, words in candidates) > MAX_ITEM_SHARE * total:
        return []
    items = []
    for cleaned, _ in candidates:
        title = cleaned[0].text if cleaned[0].heading else None
        body = tuple(cleaned[1:] if title else cleaned)
        items.append(Item(body, title=" ".join(title.split()) if title else None))
    return items


def is_signature(block: Block) -> bool:
    """A letter's signature: a name and a place (``Jane Doe, Leeds``), nothing more."""
    text = block.text.strip()
    return (
        not block.heading
        and len(text) <= 100
        and text.count("\n") <= 3
        and not text.endswith((".", "!", "?", ":", '"', "”"))
        and bool(_SIGNATURE.match(text))
    )


def letter_items(blocks: list[Block], page_hints: str) -> list[Item]:
    """The letters of a letters page (see the module doc), or ``[]``.

    Args:
        blocks: The page's blocks, boilerplate left out.
        page_hints: Its title, address and headings, where it may call itself letters.
    """
    letters: list[Item] = []
    current: list[Block] = []
    for block in blocks:
        if is_signature(block) and current:
            body = [b for b in current if not b.heading]
            if sum(word_count(b.text) for b in body) < MIN_ITEM_WORDS:
                return []
            heading = next((b.text for b in current if b.heading), None)
            name = re.split(r"\s*[,\n]\s*", block.text.strip(), maxsplit=1)[0]
            letters.append(Item(tuple(body), title=heading, author=name))
            current = []
        else:
            current.append(block)
    trailing = sum(word_count(b.text) for b in current if not b.heading)
    if len(letters) < 2 or trailing > _MAX_TRAILING_WORDS:
        return []
    if len(letters) < 3 and not _LETTERS_WORD.search(page_hints):
        return []
    return letters
