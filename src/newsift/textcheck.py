"""Checks every article text must pass before analysis, wherever it came from.

Kept free of heavy imports so the readers (``newsift.ingest``) and the pipeline share it.
"""

from __future__ import annotations

import re

from newsift.errors import BinaryInputError, EmptyInputError, Errors, InputTooLargeError

#: Half of a UTF-16 surrogate pair: not a character, and not encodable as UTF-8.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str, source: str, max_chars: int) -> None:
    """Refuse texts there is nothing to analyse in, or too much of.

    Raises:
        EmptyInputError: Empty (E001) or whitespace-only (E002) text.
        InputTooLargeError: More than ``max_chars`` characters (E005).
    """
    if not text:
        raise EmptyInputError(Errors.E001, source=source)
    if text.isspace():
        raise EmptyInputError(Errors.E002, source=source)
    if len(text) > max_chars:
        raise InputTooLargeError(Errors.E005, source=source, size=len(text), limit=max_chars)


def check_encodable(text: str, source: str) -> None:
    """Refuse lone surrogates, which no text encoding can write, and NUL characters (decoded
    files holding NUL bytes are refused as binary, E003; JSON escapes and Python callers can
    still bring either).

    Raises:
        BinaryInputError: E039 (lone surrogates), E042 (NUL characters).
    """
    if _LONE_SURROGATE.search(text):
        raise BinaryInputError(Errors.E039, source=source)
    if "\x00" in text:
        raise BinaryInputError(Errors.E042, source=source)
