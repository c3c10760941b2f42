"""Open each target and hand its bytes to the reader for its format."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from typing import BinaryIO

from newsift.errors import Errors, InputError, InputNotFoundError
from newsift.ingest.base import ReadOptions, describe, limit_metadata, read_capped, too_large
from newsift.ingest.decode import decode_bytes
from newsift.ingest.discover import Target
from newsift.ingest.html import declared_charset, looks_like_html, parse_html, parse_page
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


#: How a message names each kind of file that is not a regular one.
_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def read_target(
    target: Target, options: ReadOptions, stdin: BinaryIO
) -> Iterator[Article | InputError]:
    """The articles in one file or in stdin; problems come out as InputErrors.

    A file is read only when it is a regular file (E101 otherwise): opening a named pipe
    waits until something writes to it, which may be never. Standard input is read
    whatever it is.

    Raises:
        Nothing for bad content or unreadable files: those are yielded.
    """
    try:
        if target.path is None:
            yield from _read_stream(stdin, target, options, size=None)
        else:
            with _open_regular(target) as stream:
                yield from _read_stream(stream, target, options, size=_file_size(stream))
    except _NotRegular as error:
        yield InputError(Errors.E101, source=target.source, kind=error.kind)
    except FileNotFoundError:
        yield InputNotFoundError(Errors.E012, source=target.source)
    except OSError as error:
        yield InputError(
            Errors.E018, source=target.source, detail=error.strerror or describe(error)
        )


class _NotRegular(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _open_regular(target: Target) -> BinaryIO:
    """Open a regular file for reading, never blocking on a pipe or device.

    Raises:
        _NotRegular: It is something else.
        OSError: It can't be opened.
    """
    assert target.path is not None
    _check_regular(os.stat(target.path).st_mode)  # before opening: a FIFO would block
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(target.path, flags)
    try:
        _check_regular(os.fstat(descriptor).st_mode)  # replaced since the check above
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _check_regular(mode: int) -> None:
    for test, kind in _FILE_KINDS:
        if test(mode):
            raise _NotRegular(kind)
    if not stat.S_ISREG(mode):
        raise _NotRegular("not a regular file")


def _file_size(stream: BinaryIO) -> int | None:
    """The size of a regular file; ``None`` for pipes and devices, whose size is unknown."""
    info = os.fstat(stream.fileno())
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _read_stream(
    stream: BinaryIO, target: Target, options: ReadOptions, size: int | None
) -> Iterator[Article | InputError]:
    reader = STREAM_READERS.get(target.format or "")
    if reader is not None:
        for item in reader(stream, target.source, options):
            yield limit_metadata(item, options) if isinstance(item, Article) else item
        return
    try:
        yield from read_documents(stream, target, options, size)
    except InputError as error:
        yield error


def read_document(
    stream: BinaryIO, target: Target, options: ReadOptions, size: int | None = None
) -> Article:
    """The one article in a plain-text or HTML document (sniffed when its format is None);
    a page of several items (see :func:`read_documents`) comes as one article.

    Raises:
        InputError: The document can't be read or holds no article.
    """
    [article] = _read_document(stream, target, options, size, split=False)
    assert isinstance(article, Article)  # only a split page's items come out as errors
    return article


def read_documents(
    stream: BinaryIO, target: Target, options: ReadOptions, size: int | None = None
) -> list[Article | InputError]:
    """The article in a plain-text or HTML document, or the items of a page that holds
    several (a live blog, a letters page: ``parse_page``).

    Raises:
        InputError: The document can't be read or holds no article.
    """
    return _read_document(stream, target, options, size, split=True)


def _read_document(
    stream: BinaryIO, target: Target, options: ReadOptions, size: int | None, *, split: bool
) -> list[Article | InputError]:
    """The article(s) in a plain-text or HTML document (sniffed when its format is None).

    The byte limit is ``options.text_bytes`` for text and ``options.markup_bytes`` for HTML
    and for documents still to be sniffed; a file known to be larger is refused unread.
    Title, outlet and url are bounded by :func:`~newsift.ingest.base.limit_metadata`.

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
        if split:
            items = parse_page(text, target.source, options.max_chars, warn=options.warn)
        else:
            items = [parse_html(text, target.source, options.max_chars, warn=options.warn)]
    else:
        items = [parse_text(text, target.source, options.max_chars)]
    return [limit_metadata(a, options) if isinstance(a, Article) else a for a in items]
