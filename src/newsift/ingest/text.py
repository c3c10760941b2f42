"""Plain-text articles: an optional title line, then the body, kept exactly as decoded."""

from __future__ import annotations

import re

from newsift.ingest.base import require_text
from newsift.ingest.describe import plain_article
from newsift.model import Article

#: Longest first line taken as a title.
TITLE_MAX_CHARS = 200
#: One or more blank (whitespace-only) lines, each ending in a newline.
_BLANK_LINES = re.compile(r"(?:[^\S\n]*\n)+")


def normalise_newlines(text: str) -> str:
    """Drop a leading byte-order mark and turn ``\\r\\n`` and ``\\r`` into ``\\n``.

    Nothing else changes. Finding offsets point into ``article.text`` (the report carries
    it); against the raw bytes of a CRLF file they are one short per earlier line break.
    """
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_title(text: str) -> tuple[str | None, str]:
    """Split a headline off the top of a text.

    The first line is the title when all of these hold: it is followed by at least one blank
    line; stripped, it is 1 to 200 characters long and holds a letter or digit; it does not
    end with a single full stop (a headline rarely does, a one-sentence first paragraph
    does; an ellipsis is allowed); and some non-blank text follows. The body then starts at
    the first non-blank line after it; otherwise the whole text is the body.

    Args:
        text: Text with ``\\n`` newlines (see :func:`normalise_newlines`).

    Returns:
        ``(title, body)``; ``body`` is always a suffix of ``text``.
    """
    first, newline, rest = text.partition("\n")
    blank = _BLANK_LINES.match(rest) if newline else None
    if blank is None:
        return None, text
    title = first.strip()
    body = rest[blank.end() :]
    if _is_title(title) and body.strip():
        return title, body
    return None, text


def _is_title(line: str) -> bool:
    single_stop = line.endswith(".") and not line.endswith("...")
    return 0 < len(line) <= TITLE_MAX_CHARS and any(c.isalnum() for c in line) and not single_stop


def parse_text(text: str, source: str, max_chars: int) -> Article:
    """The article in a decoded plain text.

    Args:
        text: The decoded text.
        source: Where it came from (``Article.source``).
        max_chars: Longest body accepted.

    Returns:
        The article; its ``text`` is the body, an exact slice of the normalised text: what
        follows the title, without trailing credit lines (``(Reporting by …)``), which
        ``ingest.removed`` lists.

    Raises:
        EmptyInputError: Nothing but whitespace (E001, E002).
        InputTooLargeError: A body longer than ``max_chars`` (E005).
    """
    title, body = split_title(normalise_newlines(text))
    article = Article(text=require_text(body, source, max_chars), title=title, source=source)
    return plain_article(article)
