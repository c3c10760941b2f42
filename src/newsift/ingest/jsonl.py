"""JSON Lines: one article object per line; a bad line costs that line only."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from newsift.errors import (
    BinaryInputError,
    EmptyInputError,
    Errors,
    InputError,
    MalformedInputError,
    NoArticleError,
)
from newsift.ingest.base import ReadOptions, peek, too_large
from newsift.ingest.decode import binary_kind
from newsift.ingest.rows import article_from_row, json_type
from newsift.model import Article

#: A ``\\uD800``–``\\uDFFF`` escape: JSON can spell lone surrogates, which no text holds.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
#: The digit limit in the ValueError for a number too long to convert.
_DIGIT_LIMIT = re.compile(r"\((\d+) digits\)")
#: Bytes read at a time while skipping the rest of an over-long line.
_SKIP_CHUNK = 1 << 20


def read_jsonl(
    stream: BinaryIO, source: str, options: ReadOptions
) -> Iterator[Article | InputError]:
    """The articles in a JSON Lines stream, in order.

    Lines are UTF-8 (RFC 8259); blank lines are skipped; line numbers are 1-based and count
    every line. A line longer than ``options.markup_bytes`` is refused (E030) without being
    held in memory.

    Args:
        stream: The bytes.
        source: Where they came from; an article's source is ``source:LINE``.
        options: Size limit and warning sink.

    Yields:
        An :class:`Article`, or the :class:`InputError` for a line that can't be read
        (E005, E007, E008, E019, E022, E030, E031, E032); for the whole stream, E001
        (empty), E003 (binary) or E034 (blank lines only).
    """
    head, stream = peek(stream)
    if not head:
        yield EmptyInputError(Errors.E001, source=source)
        return
    kind = binary_kind(head)
    if kind:
        yield BinaryInputError(Errors.E003, source=source, detail=kind)
        return
    rows = 0
    for number, line in enumerate(_lines(stream, options.markup_bytes), start=1):
        if line is None:
            rows += 1
            yield too_large(f"{source}:{number}", options.markup_bytes, options.max_chars)
        elif line.strip():
            rows += 1
            yield parse_line(line, source, number, options.max_chars)
    if not rows:
        yield NoArticleError(Errors.E034, source=source, found="blank lines")


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Each line of the stream, or ``None`` for one longer than ``max_bytes`` (skipped)."""
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield None


def parse_line(line: bytes, source: str, number: int, max_chars: int) -> Article | InputError:
    """The article on one JSONL line, or the error that says why there is none.

    Args:
        line: The line's bytes (a UTF-8 BOM is allowed on any line).
        source: The file it is in.
        number: Its 1-based line number.
        max_chars: Longest text accepted.
    """
    try:
        value = _load(line, source, number)
        if not isinstance(value, dict):
            raise MalformedInputError(
                Errors.E019, source=source, line=number, found=json_type(value)
            )
        return article_from_row(value, source, number, max_chars)
    except InputError as error:
        return error


def _number_detail(error: ValueError) -> str:
    """The user's words for the one ValueError json raises that is not a JSONDecodeError:
    a number with more digits than Python converts (4,300 by default)."""
    limit = _DIGIT_LIMIT.search(str(error))
    if limit:
        return f"a number has more than {int(limit.group(1)):,} digits"
    return "a value can't be read as a number"


def _load(line: bytes, source: str, number: int) -> object:
    try:
        text = line.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        detail = f"the bytes are not UTF-8, at byte {error.start + 1}"
        raise MalformedInputError(Errors.E007, source=source, line=number, detail=detail) from None
    try:
        value = json.loads(text)
        if _SURROGATE_ESCAPE.search(text):
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        return value
    except UnicodeEncodeError:
        detail = "a \\u escape names half of a UTF-16 surrogate pair, which is not a character"
    except json.JSONDecodeError as error:
        # Some of json's messages end in " at" ("Invalid control character at").
        detail = f"{error.msg.removesuffix(' at')} at column {error.colno}"
    except RecursionError:
        detail = "arrays or objects nested too deeply"
    except ValueError as error:  # Python's own text here tells programmers what to call
        detail = _number_detail(error)
    raise MalformedInputError(Errors.E007, source=source, line=number, detail=detail)
