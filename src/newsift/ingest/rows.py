"""One row of a JSONL or CSV file (a mapping of field names to values) to an Article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from newsift.errors import EmptyInputError, Errors, InputTooLargeError, MalformedInputError
from newsift.ingest.describe import plain_article
from newsift.model import Article

#: Fields read besides ``text``; all optional, all strings when present.
OPTIONAL_FIELDS = ("title", "url", "outlet", "published", "id", "author")


def json_type(value: object) -> str:
    """How a message names the JSON type of ``value`` (``an array``, ``a number`` …)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object" if isinstance(value, dict) else type(value).__name__


def article_from_row(
    row: Mapping[str, object], source: str, line: int, max_chars: int, unit: str = "line"
) -> Article:
    """The article in one row.

    ``text`` is kept exactly as given, but for trailing credit lines (see
    :func:`~newsift.ingest.describe.plain_article`). Optional fields are stripped; an empty
    one counts as absent. ``published`` takes any ISO 8601 date or date-time (the date as written is
    kept); ``id`` (a string or an integer) replaces the text-hash default.

    Args:
        row: Field names to values (JSON values, or strings and ``None`` for CSV).
        source: The file the row is in.
        line: The row's number (the line for JSONL, the data row for CSV).
        max_chars: Longest text accepted.
        unit: What messages call ``line``: ``"line"`` (JSONL) or ``"row"`` (CSV).

    Returns:
        The article; its ``source`` is ``source:line``.

    Raises:
        MalformedInputError: No string ``text`` (E008), a non-string field (E022) or a bad
            date (E031).
        EmptyInputError: ``text`` holds only whitespace (E032).
        InputTooLargeError: ``text`` is longer than ``max_chars`` (E005).
    """
    text = row.get("text")
    if not isinstance(text, str):
        raise MalformedInputError(Errors.E008, source=source, unit=unit, line=line)
    if not text.strip():
        raise EmptyInputError(Errors.E032, source=source, unit=unit, line=line)
    where = f"{source}:{line}"
    if len(text) > max_chars:
        raise InputTooLargeError(Errors.E005, source=where, size=len(text), limit=max_chars)
    fields = {name: _optional(row, name, source, line, unit) for name in OPTIONAL_FIELDS}
    article = Article(
        text=text,
        id=fields["id"] or "",
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"],
        published=_published(fields["published"], source, line, unit),
        source=where,
        published_at=_published_at(fields["published"]),
        author=fields["author"],
    )
    return plain_article(article)


def _optional(
    row: Mapping[str, object], name: str, source: str, line: int, unit: str
) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    if name == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # datasets often number their articles
    if not isinstance(value, str):
        raise MalformedInputError(
            Errors.E022, source=source, unit=unit, line=line, field=name, found=json_type(value)
        )
    return value.strip() or None


def _published(value: str | None, source: str, line: int, unit: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        raise MalformedInputError(
            Errors.E031, source=source, unit=unit, line=line, value=value
        ) from None


def _published_at(value: str | None) -> dt.datetime | None:
    """The publication time when ``value`` has a time of day (checked by ``_published``)."""
    if value is None or len(value) <= len("YYYY-MM-DD"):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None
