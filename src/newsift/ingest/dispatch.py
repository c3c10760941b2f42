"""Open each target and hand its bytes to the reader for its format."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from typing import BinaryIO

from newsift.errors import Errors, InputError, InputNotFoundError
from newsift.ingest.base import ReadOptions, describe, read_capped, too_large
from newsift.ingest.decode import decode_bytes
from newsift.ingest.discover import Target
from newsift.ingest.html import declared_charset, looks_like_html, parse_html
from newsift.ingest.jsonl import read_jsonl
from newsift.ingest.tabular import read_csv
from newsift.ingest.text import parse_text
from newsift.ingest.warc import read_warc
from newsift.model import Article

StreamReader = Callable[[BinaryIO, str, ReadOptions], Iterator[Article | InputError]]
#: Formats holding many articles, read as streams.
STREAM_READERS: dict[str, StreamReader] = {
    "jsonl": read_jsonl,
    "csv": read_csv,
    "warc": read_warc,
}


def read_target(
    target: Target, options: ReadOptions, stdin: BinaryIO
) -> Iterator[Article | InputError]:
    """The articles in one file or in stdin; problems come out as InputErrors.

    Raises:
        Nothing for bad content or unreadable files: those are yielded.
    """
    try:
        if target.path is None:
            yield from _read_stream(stdin, target, options, size=None)
        else:
            with open(target.path, "rb") as stream:
                yield from _read_stream(stream, target, options, size=_file_size(stream))
    except FileNotFoundError:
        yield InputNotFoundError(Errors.E012, source=target.source)
    except OSError as error:
        yield InputError(
            Errors.E018, source=target.source, detail=error.strerror or describe(error)
        )


def _file_size(stream: BinaryIO) -> int | None:
    """The size of a regular file; ``None`` for pipes and devices, whose size is unknown."""
    info = os.fstat(stream.fileno())
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _read_stream(
    stream: BinaryIO, target: Target, options: ReadOptions, size: int | None
) -> Iterator[Article | InputError]:
    reader = STREAM_READERS.get(target.format or "")
    if reader is not None:
        yield from reader(stream, target.source, options)
        return
    try:
        yield read_document(stream, target, options, size)
    except InputError as error:
        yield error


def read_document(
    stream: BinaryIO, target: Target, options: ReadOptions, size: int | None = None
) -> Article:
    """The one article in a plain-text or HTML document (sniffed when its format is None).

    The byte limit is ``options.text_bytes`` for text and ``options.markup_bytes`` for HTML
    and for documents still to be sniffed; a file known to be larger is refused unread.

    Raises:
        InputError: The document can't be read or holds no article.
    """
    limit = options.text_bytes if target.format == "txt" else options.markup_bytes
    if size is not None and size > limit:
        raise too_large(target.source, limit, options.max_chars, size=size)
    data = read_capped(stream, target.source, limit, options.max_chars)
    declared = declared_charset(data) if target.format != "txt" else None
    text = decode_bytes(data, target.source, options.warn, declared=declared)
    if target.format == "html" or (target.format is None and looks_like_html(text)):
        return parse_html(text, target.source, options.max_chars)
    return parse_text(text, target.source, options.max_chars)
