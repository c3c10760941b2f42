"""What every reader shares: the read options, size guards and stream helpers."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from newsift import settings
from newsift.errors import Errors, InputTooLargeError, Warnings
from newsift.model import Article
from newsift.textcheck import check_text

#: Bytes read ahead to sniff a stream (encoding, binary data) before parsing it.
SNIFF_BYTES = 64 * 1024
#: Longest exception text put in a message's ``detail``.
_DETAIL_CHARS = 200
#: Longest title and outlet name kept (longer ones are cut, with W102): far above any
#: real headline or name, far below what swells a report (a title is shown several times).
MAX_FIELD_CHARS = {"title": 1000, "outlet": 200, "author": 300}
#: Longest url and id kept: a longer one is left out, with W103 (a cut URL leads nowhere;
#: without its id an article takes the default one, a hash of its text).
MAX_LEFT_OUT_CHARS = {"url": 8192, "id": 1000}


def ignore_warning(message: str) -> None:
    """The default warning sink: drop the message."""


@dataclass(frozen=True)
class ReadOptions:
    """Settings every reader needs.

    Attributes:
        max_chars: Longest article text accepted (``--max-chars``).
        warn: Receives formatted :class:`~newsift.errors.Warnings` messages.
    """

    max_chars: int = settings.DEFAULT_MAX_CHARS
    warn: Callable[[str], None] = ignore_warning

    @property
    def text_bytes(self) -> int:
        """Most bytes a plain-text article may take."""
        return self.max_chars * settings.MAX_BYTES_PER_CHAR

    @property
    def markup_bytes(self) -> int:
        """Most bytes an HTML page, WARC record or JSONL line may take."""
        return self.max_chars * settings.MARKUP_FACTOR


def too_large(
    source: str, max_bytes: int, max_chars: int, size: int | None = None
) -> InputTooLargeError:
    """The E030 error for an input over its byte limit (``size`` kept in ``fields`` if known)."""
    return InputTooLargeError(
        Errors.E030, source=source, max_bytes=max_bytes, limit=max_chars, size=size
    )


def require_text(text: str, source: str, max_chars: int) -> str:
    """Return ``text`` if it passes :func:`newsift.textcheck.check_text`.

    Raises:
        InputError: Empty (E001), whitespace-only (E002) or too long (E005).
    """
    check_text(text, source, max_chars)
    return text


def limit_metadata(article: Article, options: ReadOptions) -> Article:
    """``article`` with its title, outlet and author cut to :data:`MAX_FIELD_CHARS` (W102), and a
    url or id longer than :data:`MAX_LEFT_OUT_CHARS` left out (W103); the text is never
    changed."""
    source = article.source or "-"
    changes = {
        name: _cut(getattr(article, name), name, source, options) for name in MAX_FIELD_CHARS
    }
    for name, limit in MAX_LEFT_OUT_CHARS.items():
        value = getattr(article, name)
        if value is not None and len(value) > limit:
            options.warn(
                Warnings.W103.format(source=source, field=name, size=len(value), limit=limit)
            )
            changes[name] = None if name == "url" else ""  # "" = the default id
    if all(getattr(article, name) == value for name, value in changes.items()):
        return article
    return dataclasses.replace(
        article,
        title=changes["title"],
        outlet=changes["outlet"],
        author=changes["author"],
        url=changes.get("url", article.url),
        id=changes.get("id", article.id) or "",
    )


def _cut(value: str | None, name: str, source: str, options: ReadOptions) -> str | None:
    limit = MAX_FIELD_CHARS[name]
    if value is None or len(value) <= limit:
        return value
    options.warn(Warnings.W102.format(source=source, field=name, size=len(value), limit=limit))
    return value[: limit - 1].rstrip() + "…"


def read_capped(stream: BinaryIO, source: str, max_bytes: int, max_chars: int) -> bytes:
    """Read a whole stream, refusing to hold more than ``max_bytes`` of it.

    Raises:
        InputTooLargeError: The stream is longer than ``max_bytes`` (E030).
    """
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(source, max_bytes, max_chars)
    return data


def describe(error: BaseException) -> str:
    """A one-line, bounded description of an exception for a message's ``detail``."""
    text = " ".join(str(error).split())
    if len(text) > _DETAIL_CHARS:
        text = text[: _DETAIL_CHARS - 1] + "…"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class _PrefixedRaw(io.RawIOBase):
    """A raw stream that gives back bytes already read, then the rest of the stream.

    Closing it leaves the underlying stream open (it may be stdin).
    """

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._prefix = memoryview(prefix)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            count = min(len(buffer), len(self._prefix))
            buffer[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def peek(stream: BinaryIO, size: int = SNIFF_BYTES) -> tuple[bytes, io.BufferedReader]:
    """Read the first ``size`` bytes of a stream without losing them.

    Returns:
        The first bytes (fewer at the end of the stream) and a stream that starts again
        at the beginning.
    """
    head = stream.read(size)
    return head, io.BufferedReader(_PrefixedRaw(head, stream))
