"""HTML pages: the article text and metadata, extracted with trafilatura (never fetched),
checked against the page's structured data, with boilerplate left out.

The page is read in steps: its tree (JSON-LD, author meta tags, drop caps joined, sidebars
removed: :mod:`newsift.ingest.page`), trafilatura's extraction as blocks (headings and
paragraphs, joined by blank lines so that no sentence crosses one), boilerplate lines left
out (:mod:`newsift.ingest.boilerplate`), the text checked against the JSON-LD
``articleBody`` and the page's main content (W170, W171), and pages of several items split
(:mod:`newsift.ingest.items`, W173).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from lxml import html as lxml_html
from trafilatura import bare_extraction
from trafilatura.settings import Document
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from newsift.errors import Errors, InputError, MalformedInputError, NoArticleError, Warnings
from newsift.ingest.base import describe, ignore_warning, require_text
from newsift.ingest.blocks import (
    Block,
    Cleaned,
    body_blocks,
    byline_name,
    clean_blocks,
    join_blocks,
    word_count,
)
from newsift.ingest.describe import describe_article
from newsift.ingest.items import Item, article_element_items, letter_items
from newsift.ingest.jsonld import LdArticle, StructuredData, read_structured_data
from newsift.ingest.page import PageParts, read_parts
from newsift.model import (
    MAX_REMOVED_SHOWN,
    Article,
    IngestInfo,
    IngestNotice,
    RemovedText,
)

#: htmldate settings: dates from markup only (meta tags, ``<time>``, JSON-LD, the URL). The
#: extensive search also guesses from dates in the running text, which are often the dates
#: of the events reported rather than of publication; time-relative findings resolve
#: against ``published``, so a wrong date is worse than none.
DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}
#: The extracted text is "much shorter" than a reference when it has less than this share
#: of the reference's words.
SHORT_SHARE = 0.5
#: Fewest words of JSON-LD ``articleBody`` (or of main content) worth comparing with.
MIN_REFERENCE_WORDS = 50
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_BODY_TAG = re.compile(r"<body[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
#: Bytes searched for a ``<meta charset>`` declaration (HTML requires it in the first 1024).
_CHARSET_SCAN_BYTES = 4096
#: Longest removed piece kept in ``article.ingest.removed``.
_REMOVED_CHARS = 300

Warn = Callable[[str], None]


def looks_like_html(text: str) -> bool:
    """Whether a text of unknown type is an HTML page.

    True when it starts (after whitespace or a BOM) with ``<!doctype html`` or ``<html``,
    or contains a ``<body`` tag.
    """
    return bool(_HTML_START.match(text.removeprefix("\ufeff")) or _BODY_TAG.search(text))


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:_CHARSET_SCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def parse_html(
    html: str,
    source: str,
    max_chars: int,
    *,
    url: str | None = None,
    warn: Warn = ignore_warning,
) -> Article:
    """The article in an HTML page, as one article even when the page holds several items
    (see :func:`parse_page` for those).

    Raises:
        NoArticleError: No text could be extracted (E006).
        MalformedInputError: trafilatura failed on the page (E035).
        InputTooLargeError: The extracted text is longer than ``max_chars`` (E005).
    """
    [article] = _read_page(html, source, max_chars, url, warn, split=False)
    assert isinstance(article, Article)  # only items come out as errors
    return article


def parse_page(
    html: str,
    source: str,
    max_chars: int,
    *,
    url: str | None = None,
    warn: Warn = ignore_warning,
) -> list[Article | InputError]:
    """The article(s) in an HTML page: one, or one per item of a live blog, a page of
    posts or a letters page (ids and sources ending ``#1``, ``#2`` …).

    trafilatura runs in its balanced mode, which retries with recall settings when a first
    pass finds little text; comments are left out. A first line repeating the title is
    dropped from the text, since ``Article.title`` holds it. Title, date, outlet and author
    come from the markup, and from the JSON-LD where the markup has none.

    Args:
        html: The decoded page.
        source: Where it came from (``Article.source``).
        max_chars: Longest text accepted.
        url: The page's address when known (a WARC record's target URI); it is used for
            metadata only, never fetched, and wins over a URL found in the page.
        warn: Receives the page's warnings (W170–W173), which its articles also keep in
            ``ingest.notices``.

    Returns:
        The articles; an item that can't be analysed (too long) comes as its error.

    Raises:
        NoArticleError: No text could be extracted (E006).
        MalformedInputError: trafilatura failed on the page (E035).
        InputTooLargeError: The page's text is longer than ``max_chars`` (E005).
    """
    return _read_page(html, source, max_chars, url, warn, split=True)


def _read_page(
    html: str, source: str, max_chars: int, url: str | None, warn: Warn, *, split: bool
) -> list[Article | InputError]:
    tree = _load(html, source)
    parts = read_parts(tree)
    data = read_structured_data(parts.jsonld)
    notices: list[IngestNotice] = []

    def notice(template: str, **fields: Any) -> None:
        message = template.format(source=source, **fields)
        notices.append(IngestNotice(message[1:5], message))
        warn(message)

    if data.skipped:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(data.skipped.items()))
        notice(Warnings.W172, count=sum(data.skipped.values()), reason=reasons)
    main = data.main_for(title=None)
    document = _extract(tree, source, url, fallback=bool(main and main.body))
    title = _clean(document.title if document else None) or (main.headline if main else None)
    main = data.main_for(title)
    cleaned = clean_blocks(_drop_title_block(_blocks(document), title))
    cleaned.removed[:0] = [("byline", line) for line in parts.bylines] + [
        ("sidebar", snippet) for snippet in parts.sidebars
    ]
    cleaned.byline = cleaned.byline or next(iter(parts.bylines), None)
    cleaned, text_from = _cross_check(cleaned, main, parts, title, notice)
    if not cleaned.blocks:
        raise NoArticleError(Errors.E006, source=source)
    page = Article(
        text=join_blocks(cleaned.blocks),  # checked below unless it is split into items
        title=title,
        url=url or _clean(document.url if document else None),
        outlet=(main and main.publisher) or _clean(document.sitename if document else None),
        published=_date(document.date if document else None) or _date(main and main.published),
        source=source,
        author=_author(main, parts, cleaned, document),
    )
    items, how = _items(data, parts, cleaned, page, url) if split else ([], None)
    if not items:
        require_text(page.text, source, max_chars)
        info = _info(text_from, notices, cleaned.removed)
        return [describe_article(dataclasses.replace(page, ingest=info))]
    notice(Warnings.W173, count=len(items), how=how)
    return [
        _item_article(page, item, number, len(items), how or "", notices, max_chars)
        for number, item in enumerate(items, start=1)
    ]


def _cross_check(
    cleaned: Cleaned,
    main: LdArticle | None,
    parts: PageParts,
    title: str | None,
    notice: Callable[..., None],
) -> tuple[Cleaned, str]:
    """The text to analyse and where it came from: the extracted text, or the JSON-LD
    ``articleBody`` when the extraction is much shorter (W170); an extraction much shorter
    than the page's main content is flagged (W171)."""
    extracted = word_count(join_blocks(cleaned.blocks))
    if main and main.body and _much_shorter(extracted, word_count(main.body)):
        body = clean_blocks(_drop_title_block(body_blocks(main.body), title))
        notice(Warnings.W170, extracted=extracted, body=word_count(join_blocks(body.blocks)))
        return Cleaned(body.blocks, cleaned.removed + body.removed, cleaned.byline), "json-ld"
    if _much_shorter(extracted, parts.main_words):
        notice(Warnings.W171, extracted=extracted, main=parts.main_words)
    return cleaned, "extracted"


def _load(html: str, source: str) -> lxml_html.HtmlElement:
    try:
        tree = load_html(html)
    except Exception as error:  # a parser bug must cost one document, not the batch
        raise MalformedInputError(
            Errors.E035, source=source, format="HTML", detail=describe(error)
        ) from error
    if tree is None:
        raise NoArticleError(Errors.E006, source=source)
    return tree


def _extract(
    tree: lxml_html.HtmlElement, source: str, url: str | None, *, fallback: bool
) -> Document | None:
    """trafilatura's document for a page that has text (None when it has none but the
    JSON-LD has a body to fall back on).

    Raises:
        MalformedInputError: trafilatura failed (E035).
        NoArticleError: It found no text, and there is no fallback (E006).
    """
    try:
        document = bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=dict(DATE_PARAMS),
        )
    except Exception as error:  # a parser bug must cost one document, not the batch
        raise MalformedInputError(
            Errors.E035, source=source, format="HTML", detail=describe(error)
        ) from error
    if not isinstance(document, Document) or not (document.text or "").strip():
        if fallback:
            return document if isinstance(document, Document) else None
        raise NoArticleError(Errors.E006, source=source)
    return document


def _blocks(document: Document | None) -> list[Block]:
    """The extracted text as blocks: each top-level element of trafilatura's body (a
    heading, a paragraph, a list with one item per line, a quote, a table)."""
    if document is None:
        return []
    body = document.body
    if body is None or not len(body):
        return [Block(line) for line in (document.text or "").split("\n") if line.strip()]
    blocks = []
    for element in body:
        wrapper = lxml_html.Element("body")
        wrapper.append(copy.deepcopy(element))
        text = xmltotxt(wrapper, False).strip()
        if text:
            blocks.append(Block(text, heading=element.tag == "head"))
    return blocks


def _drop_title_block(blocks: list[Block], title: str | None) -> list[Block]:
    if title and len(blocks) > 1 and " ".join(blocks[0].text.split()) == title:
        return blocks[1:]
    return blocks


def _much_shorter(words: int, reference: int) -> bool:
    return reference >= MIN_REFERENCE_WORDS and words < SHORT_SHARE * reference


def _author(
    main: LdArticle | None, parts: PageParts, cleaned: Cleaned, document: Document | None
) -> str | None:
    """Best first: the JSON-LD author, an author meta tag, the byline line, trafilatura's."""
    return (
        (main.author if main else None)
        or parts.meta_author
        or byline_name(cleaned.byline)
        or _clean(document.author if document else None)
    )


def _info(
    text_from: str,
    notices: list[IngestNotice],
    removed: list[tuple[str, str]],
    **item: Any,
) -> IngestInfo:
    shown = tuple(
        RemovedText(rule, text if len(text) <= _REMOVED_CHARS else text[: _REMOVED_CHARS - 1] + "…")
        for rule, text in removed[:MAX_REMOVED_SHOWN]
    )
    return IngestInfo(
        text_from=text_from,
        notices=tuple(notices),
        removed=shown,
        removed_count=len(removed),
        **item,
    )


def _items(
    data: StructuredData, parts: PageParts, cleaned: Cleaned, page: Article, url: str | None
) -> tuple[list[Item], str | None]:
    """The page's items and how they were recognised, or ``([], None)``."""
    for article in data.articles:
        updates = [u for u in article.updates if u.body and u.body.strip()]
        if article.type == "LiveBlogPosting" and len(updates) >= 2:
            return [
                Item(
                    tuple(clean_blocks(body_blocks(u.body or "")).blocks),
                    title=u.headline,
                    author=u.author,
                    published=u.published,
                )
                for u in updates
            ], "json-ld-live-blog"
    items = article_element_items(parts.items, word_count(page.text))
    if items:
        return items, "article-elements"
    hints = " ".join(
        [page.title or "", url or page.url or "", *(b.text for b in cleaned.blocks if b.heading)]
    )
    items = letter_items(cleaned.blocks, hints)
    return (items, "letter-signatures") if items else ([], None)


def _item_article(
    page: Article,
    item: Item,
    number: int,
    count: int,
    how: str,
    notices: list[IngestNotice],
    max_chars: int,
) -> Article | InputError:
    source = f"{page.source}#{number}"
    try:
        text = require_text(join_blocks(list(item.blocks)), source, max_chars)
    except InputError as error:
        return error
    article = Article(
        text=text,
        id=f"{page.id}#{number}",
        title=item.title or (f"{page.title} ({number}/{count})" if page.title else None),
        url=page.url,
        outlet=page.outlet,
        published=_date(item.published) or page.published,
        source=source,
        author=item.author or (None if how == "letter-signatures" else page.author),
        ingest=IngestInfo(
            text_from="json-ld" if how == "json-ld-live-blog" else "extracted",
            notices=tuple(notices),
            item=number,
            items=count,
            items_from=how,
        ),
    )
    return describe_article(article)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
