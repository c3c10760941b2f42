"""HTML pages: the article text and metadata, extracted with trafilatura (never fetched)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from trafilatura import bare_extraction
from trafilatura.settings import Document

from newsift.errors import Errors, MalformedInputError, NoArticleError
from newsift.ingest.base import describe, require_text
from newsift.model import Article

#: htmldate settings: dates from markup only (meta tags, ``<time>``, JSON-LD, the URL). The
#: extensive search also guesses from dates in the running text, which are often the dates
#: of the events reported rather than of publication; time-relative findings resolve
#: against ``published``, so a wrong date is worse than none.
DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_BODY_TAG = re.compile(r"<body[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
#: Bytes searched for a ``<meta charset>`` declaration (HTML requires it in the first 1024).
_CHARSET_SCAN_BYTES = 4096


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


def parse_html(html: str, source: str, max_chars: int, *, url: str | None = None) -> Article:
    """The article in an HTML page.

    trafilatura runs in its balanced mode, which retries with recall settings when a first
    pass finds little text; comments are left out. A first line repeating the title is
    dropped from the text, since ``Article.title`` holds it.

    Args:
        html: The decoded page.
        source: Where it came from (``Article.source``).
        max_chars: Longest text accepted.
        url: The page's address when known (a WARC record's target URI); it is used for
            metadata only, never fetched, and wins over a URL found in the page.

    Returns:
        The article, with title, url, outlet (site name) and published date when found.

    Raises:
        NoArticleError: No text could be extracted (E006).
        MalformedInputError: trafilatura failed on the page (E035).
        InputTooLargeError: The extracted text is longer than ``max_chars`` (E005).
    """
    document = _extract(html, source, url)
    title = _clean(document.title)
    return Article(
        text=require_text(_drop_title_line(document.text or "", title), source, max_chars),
        title=title,
        url=url or _clean(document.url),
        outlet=_clean(document.sitename),
        published=_date(document.date),
        source=source,
    )


def _extract(html: str, source: str, url: str | None) -> Document:
    """trafilatura's document for a page that has text.

    Raises:
        MalformedInputError: trafilatura failed (E035).
        NoArticleError: It found no text (E006).
    """
    try:
        document = bare_extraction(
            html,
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
        raise NoArticleError(Errors.E006, source=source)
    return document


def _drop_title_line(text: str, title: str | None) -> str:
    first, newline, rest = text.partition("\n")
    if title and newline and first.strip() == title and rest.strip():
        return rest
    return text


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
