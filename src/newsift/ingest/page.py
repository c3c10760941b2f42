"""What newsift reads off an HTML page's tree before the extractor sees it: JSON-LD blocks,
author meta tags, drop caps, sidebars, the size of the main content and the page's
``<article>`` elements."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree, html

from newsift.ingest.blocks import Block
from newsift.ingest.boilerplate import is_byline

#: Class or id words that mark a drop cap (a first letter set in its own element).
_DROPCAP = re.compile(
    r"(?:^|[-_\s])(?:drop-?cap|dropcap|drop_cap|first-?letter|initial-?letter|initial|"
    r"big-?letter|lettrine)(?:$|[-_\s])",
    re.IGNORECASE,
)
#: Class or id words of page parts that are never the article: lists of other stories,
#: share bars, newsletter boxes.
_SIDEBAR = re.compile(
    r"^(?:related|related-(?:posts|stories|articles|content|links)|sidebar|side-bar|teasers?|"
    r"recommended|recommendations|more-stories|most-read|most-popular|popular-posts|"
    r"newsletter(?:-signup|-promo)?|promo|share|sharing|share-bar|social-share|read-more|"
    r"readmore|outbrain|taboola|trending|also-read|more-from|further-reading)$",
    re.IGNORECASE,
)
_SIDEBAR_TAGS = frozenset({"aside", "nav"})
#: Largest share of the page's paragraph text the sidebars removed may hold together: a
#: page whose article sits inside ``<div class="promo">`` must not lose its article.
_SIDEBAR_MAX_SHARE = 0.4
#: Most sidebar candidates looked at on one page.
_MAX_SIDEBAR_CHECKS = 500
_SKIPPED_FOR_MAIN = frozenset(
    {
        "nav",
        "aside",
        "footer",
        "header",
        "form",
        "figure",
        "figcaption",
        "script",
        "style",
        "noscript",
    }
)
_MAIN_CONTAINERS = (
    "//*[@itemprop='articleBody']",
    "//article",
    "//main",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' article-body ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' story-body ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]",
)
#: Author meta tags, best first (``byl`` is "By Jane Doe").
_AUTHOR_META = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
)
_BYLINE_TAGS = ("p", "div", "span", "address", "li", "h4", "h5", "h6")
_BYLINE_CHARS = 160
_MAX_BYLINES = 5
#: Most ``<article>`` elements looked at as separate items.
MAX_ITEMS = 200
_ITEM_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})


@dataclass
class PageParts:
    """What the tree holds besides the text the extractor finds.

    Attributes:
        jsonld: The texts of the page's JSON-LD scripts.
        meta_author: The first author meta tag's content that is a name.
        main_words: Words in the paragraphs of the page's main container (``<article>``,
            ``<main>``, ``itemprop=articleBody`` …); 0 when it has none.
        items: The blocks of each top-level ``<article>`` element, in page order.
        bylines: Byline lines (``By Jane Doe``) taken out of the page, in page order.
        dropcaps: Drop caps joined to their word.
        sidebars: The start of each sidebar element removed.
    """

    jsonld: list[str] = field(default_factory=list)
    meta_author: str | None = None
    main_words: int = 0
    items: list[list[Block]] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    dropcaps: int = 0
    sidebars: list[str] = field(default_factory=list)


def read_parts(tree: html.HtmlElement) -> PageParts:
    """Read ``tree`` and prepare it for the extractor: drop caps joined to the rest of
    their word, sidebars removed (the tree is changed in place)."""
    parts = PageParts(
        jsonld=[script.text_content() for script in _jsonld_scripts(tree)],
        meta_author=_meta_author(tree),
    )
    parts.bylines = take_bylines(tree)
    parts.dropcaps = join_dropcaps(tree)
    parts.sidebars = remove_sidebars(tree)
    parts.main_words = _main_words(tree)
    parts.items = [_item_blocks(article) for article in _top_articles(tree)]
    return parts


def _jsonld_scripts(tree: html.HtmlElement) -> list[html.HtmlElement]:
    return [
        script
        for script in tree.iter("script")
        if (script.get("type") or "").strip().lower() == "application/ld+json"
    ]


def _meta_author(tree: html.HtmlElement) -> str | None:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if key in _AUTHOR_META and key not in found and content:
            found[key] = content
    for key in _AUTHOR_META:
        value = found.get(key)
        if value and not value.startswith(("http://", "https://")) and len(value) <= 200:
            return re.sub(r"^(?i:by)\s+", "", value) or None
    return None


def take_bylines(tree: html.HtmlElement) -> list[str]:
    """Take out the elements that hold only a byline (``By Jane Doe``), which the extractor
    otherwise keeps as text or drops without a trace; returns their texts."""
    found: list[str] = []
    for element in list(tree.iter(*_BYLINE_TAGS)):
        if len(found) >= _MAX_BYLINES or element.getparent() is None or len(element) > 4:
            continue
        text = _capped_text(element, _BYLINE_CHARS)
        if text is not None and is_byline(text):
            found.append(text)
            element.drop_tree()
    return found


def _capped_text(element: html.HtmlElement, limit: int) -> str | None:
    """An element's text, whitespace collapsed, or None when it is longer than ``limit``."""
    size, parts = 0, []
    for part in element.itertext():
        size += len(part)
        if size > limit * 2:
            return None
        parts.append(part)
    text = " ".join("".join(parts).split())
    return text if len(text) <= limit else None


def _hints(element: html.HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def join_dropcaps(tree: html.HtmlElement) -> int:
    """Join each drop cap to the rest of its word (``<span class="dropcap">T</span>urkey``
    → ``Turkey``), also when the letter sits in a block of its own or is hidden from screen
    readers (which the extractor drops). Returns how many were joined."""
    joined = 0
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        letters = _short_text(element)
        if not (1 <= len(letters) <= 2 and letters.isalpha()):
            continue
        if not (_DROPCAP.search(_hints(element)) or _lone_letter_before_word(element)):
            continue
        _merge_into_next_text(element, letters)
        joined += 1
    return joined


def _short_text(element: html.HtmlElement) -> str:
    """The text of a leaf element, or of one holding a single leaf (``""`` otherwise: a
    drop cap is never a large subtree, and reading every subtree's text would be slow)."""
    if len(element) == 0:
        return (element.text or "").strip()
    child = element[0]
    if len(element) == 1 and len(child) == 0 and not (child.tail or "").strip():
        return ((element.text or "") + (child.text or "")).strip()
    return ""


def _lone_letter_before_word(element: html.HtmlElement) -> bool:
    """A capital hidden from screen readers, right before lowercase letters (no space)."""
    tail = element.tail or ""
    return (
        element.get("aria-hidden") == "true"
        and _short_text(element).isupper()
        and (tail[:1].islower())
    )


def _merge_into_next_text(element: html.HtmlElement, letters: str) -> None:
    """Remove ``element`` and put ``letters`` in front of the text that follows it (with
    the space kept after ``A`` and ``I``, words of their own: ``A`` + `` man`` stays
    ``A man``)."""
    tail = element.tail or ""
    if tail.strip():
        element.tail = _join_letters(letters, tail)
    else:
        following = _next_text_element(element)
        if following is not None:
            following.text = _join_letters(letters, following.text or "")
    element.drop_tree()


def _join_letters(letters: str, text: str) -> str:
    rest = text.lstrip()
    spaced = text[:1].isspace() and letters in ("A", "I") and not rest[:1].isupper()
    return letters + (" " if spaced else "") + rest


def _next_text_element(element: html.HtmlElement) -> html.HtmlElement | None:
    """The first element after ``element`` (in document order) whose own text starts with
    a letter: where a block-level drop cap's word goes on."""
    for candidate in element.itersiblings():
        for node in candidate.iter():
            if isinstance(node.tag, str) and (node.text or "").strip():
                return node if (node.text or "").lstrip()[:1].isalpha() else None
    return None


def remove_sidebars(tree: html.HtmlElement) -> list[str]:
    """Remove asides, navigation and boxes of other stories, share and newsletter bars
    (by tag or by a class or id word), as long as all of them together hold at most
    :data:`_SIDEBAR_MAX_SHARE` of the page's paragraph text (a page whose article sits in
    ``<div class="promo">`` boxes keeps them). Returns the start of each one's text."""
    total = _paragraph_chars(tree)
    candidates: list[html.HtmlElement] = []
    stack = [tree]
    while stack and len(candidates) < _MAX_SIDEBAR_CHECKS:
        element = stack.pop()
        if _is_sidebar(element):
            candidates.append(element)  # its descendants go with it
            continue
        stack.extend(child for child in element if isinstance(child.tag, str))
    removed: list[str] = []
    budget = _SIDEBAR_MAX_SHARE * total
    for element in candidates:
        size = _paragraph_chars(element)
        if size > budget:
            continue
        budget -= size
        removed.append(_snippet(element))
        element.drop_tree()
    return removed


def _snippet(element: html.HtmlElement, size: int = 120) -> str:
    text = " ".join(part for part in element.itertext() if part.strip())
    words = " ".join(text[: size * 4].split())
    return words if len(words) <= size else words[: size - 1] + "…"


def _is_sidebar(element: html.HtmlElement) -> bool:
    if element.tag in ("html", "body", "article", "main") or element.getparent() is None:
        return False
    return element.tag in _SIDEBAR_TAGS or any(
        _SIDEBAR.match(word) for word in _hints(element).split()
    )


def _paragraph_chars(element: html.HtmlElement) -> int:
    return sum(len(p.text_content() or "") for p in element.iter("p"))


def _main_words(tree: html.HtmlElement) -> int:
    """Words in the paragraphs of the page's main container (0 when there is none, or
    several ``<article>`` elements)."""
    for path in _MAIN_CONTAINERS:
        found = tree.xpath(path)
        if len(found) == 1:
            return sum(len(text.split()) for text in _paragraph_texts(found[0]))
        if found:
            return 0
    return 0


def _paragraph_texts(container: html.HtmlElement) -> Iterator[str]:
    """The paragraphs of the main container, but those in page furniture or comments."""
    for paragraph in container.iter("p"):
        if not any(
            isinstance(parent.tag, str)
            and (parent.tag in _SKIPPED_FOR_MAIN or "comment" in _hints(parent).lower())
            for parent in paragraph.iterancestors()
        ):
            yield paragraph.text_content() or ""


def _top_articles(tree: html.HtmlElement) -> list[html.HtmlElement]:
    """The ``<article>`` elements not inside another one (copies, page order)."""
    articles = [
        element
        for element in tree.iter("article")
        if not any(parent.tag == "article" for parent in element.iterancestors())
    ]
    return [copy.deepcopy(element) for element in articles[:MAX_ITEMS]]


def _item_blocks(article: html.HtmlElement) -> list[Block]:
    """The headings and paragraphs of one ``<article>`` element, in order (nested blocks
    are read once, through the outermost)."""
    blocks: list[Block] = []
    for element in article.iter(*_ITEM_BLOCK_TAGS):
        if any(parent.tag in _ITEM_BLOCK_TAGS for parent in element.iterancestors()):
            continue
        if any(parent.tag in _SKIPPED_FOR_MAIN for parent in element.iterancestors()):
            continue
        lines = [" ".join(line.split()) for line in _block_text(element).split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            blocks.append(Block(text, heading=element.tag.startswith("h")))
    return blocks


def _block_text(element: html.HtmlElement) -> str:
    """An element's text with ``<br>`` as a line break."""
    element = copy.deepcopy(element)
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return str(etree.tostring(element, method="text", encoding="unicode", with_tail=False))
