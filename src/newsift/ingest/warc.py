"""WARC archives: each successful HTML response record is one article."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from warcio.exceptions import ArchiveLoadFailed

from newsift.errors import (
    EmptyInputError,
    Errors,
    InputError,
    MalformedInputError,
    NoArticleError,
    Warnings,
)
from newsift.ingest.base import ReadOptions, describe, peek, too_large
from newsift.ingest.decode import decode_bytes
from newsift.ingest.html import parse_page
from newsift.ingest.warc_stream import (
    MAX_RECORD_BYTES,
    BoundedArchive,
    DamagedPayloadError,
    DamagedStreamError,
    Limits,
    ReadLimitError,
    content_stream,
)
from newsift.model import Article

#: Media types of the responses read as HTML pages.
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: How an archive warcio reads can start: a WARC header, an ARC file header, gzip data.
#: (warcio would otherwise read any line of five words as an ARC record header.)
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://", b"\x1f\x8b")
#: Room for a page record's headers on top of its body.
_HEADER_ROOM = 1024 * 1024
#: How a message names each read limit.
_LIMIT_DETAILS = {
    "line": "has a header line longer than {limit:,} bytes",
    "headers": "has more than {limit:,} bytes of header lines",
    "record": "holds more than {limit:,} bytes once decompressed",
}


@dataclass
class _Tally:
    """Records read, HTML pages among them, and whether newsift is reading the last one
    (else warcio is looking for the next)."""

    records: int = 0
    pages: int = 0
    reading: bool = False


def read_warc(
    stream: BinaryIO, source: str, options: ReadOptions
) -> Iterator[Article | InputError]:
    """The articles in a WARC file (plain or gzip-compressed), in record order.

    A record is read as a page when it is a ``response`` with a 2xx HTTP status and an
    HTML Content-Type; redirects, errors and other media are skipped. ``url`` is the
    record's ``WARC-Target-URI``. ``published`` comes from the page only: ``WARC-Date`` is
    when the page was crawled, not when it was published.

    Args:
        stream: The bytes.
        source: Where they came from; an article's source is ``source#N``, N counting
            the HTML pages from 1.
        options: Size limit and warning sink.

    Every read is bounded (see :mod:`newsift.ingest.warc_stream`): a header line, a
    record's header lines, and a record's decompressed size (256 MiB, or more when the
    page limit is higher); past a bound the file ends with E100, as no later record can
    be found without reading on.

    Yields:
        An :class:`Article`, or the :class:`InputError` for a page with no article (E006),
        one too large (E030, E005), not text (E003, E004) or with a damaged compressed
        body (E102); for the whole file, E001 (empty), E010 (no HTML page), E011 (corrupt)
        or E100 (a read limit passed), after the articles before it.
    """
    head, buffered = peek(stream)
    if not head:
        yield EmptyInputError(Errors.E001, source=source)
        return
    if not head.lstrip().startswith(_ARCHIVE_STARTS):
        detail = "it does not start with a WARC record header (WARC/1.0 or WARC/1.1)"
        yield MalformedInputError(Errors.E011, source=source, detail=detail)
        return
    tally = _Tally()
    limits = Limits(record_bytes=max(MAX_RECORD_BYTES, options.markup_bytes + _HEADER_ROOM))
    archive = BoundedArchive(buffered, limits)
    try:
        for item in _read_records(archive, source, options, tally):
            yield item
            if isinstance(item, MalformedInputError) and item.code in ("E011", "E100"):
                return  # one message for a damaged file, not E011 and then E010
    except ReadLimitError as error:
        record = tally.records + (0 if tally.reading else 1)
        detail = _LIMIT_DETAILS[error.what].format(limit=error.limit)
        yield MalformedInputError(Errors.E100, source=source, record=record, detail=detail)
        return
    except DamagedStreamError as error:
        record = tally.records + (0 if tally.reading else 1)
        detail = f"the compressed data of record {record} is damaged: {error}"
        yield MalformedInputError(Errors.E011, source=source, detail=detail)
        return
    except ArchiveLoadFailed as error:  # warcio's own message names the problem
        yield MalformedInputError(Errors.E011, source=source, detail=_load_failed(error))
        return
    except Exception:  # warcio raises many types on corrupt data; their text is its internals
        record = tally.records + (0 if tally.reading else 1)
        detail = f"record {record} is damaged or cut short; the file may be truncated"
        yield MalformedInputError(Errors.E011, source=source, detail=detail)
        return
    finally:
        if archive.loader.repaired_uris:
            options.warn(Warnings.W104.format(source=source, count=archive.loader.repaired_uris))
    if not tally.pages:
        yield NoArticleError(Errors.E010, source=source, records=tally.records)


def _load_failed(error: ArchiveLoadFailed) -> str:
    """warcio's reason, in a message's words (its long advice for a WARC compressed as one
    gzip stream is written for a terminal, across several lines)."""
    if "non-chunked gzip" in str(error):
        return (
            "it is compressed as one gzip stream rather than one gzip member per record; "
            "recompress it with `warcio recompress`"
        )
    return describe(error)


def _read_records(
    records: Any, source: str, options: ReadOptions, tally: _Tally
) -> Iterator[Article | InputError]:
    """The pages of a WARC file, counted in ``tally``; an E011 ends them."""
    for record in records:
        tally.records += 1
        tally.reading = True
        if _header_cut_short(record):
            detail = (
                f"the header of record {tally.records} stops before its Content-Length; "
                "the file may be truncated"
            )
            yield MalformedInputError(Errors.E011, source=source, detail=detail)
            return
        charset = _html_page_charset(record)
        if charset is not None:
            tally.pages += 1
            page = f"{source}#{tally.pages}"
            data = _read_payload(record, page, options)
        if _cut_short(record):
            detail = f"the file ends inside record {tally.records}; it may be truncated"
            yield MalformedInputError(Errors.E011, source=source, detail=detail)
            return
        tally.reading = False
        if charset is not None:
            yield from _page_articles(record, page, data, charset or None, options)
    damaged = getattr(records, "err_count", 0)
    if damaged:
        options.warn(Warnings.W030.format(source=source, count=damaged))
    if _unparsed_tail(records):
        detail = (
            f"the data after record {tally.records} is not a whole record; it may be truncated"
            if tally.records
            else "its first record is not whole; the file may be truncated"
        )
        yield MalformedInputError(Errors.E011, source=source, detail=detail)


def _header_cut_short(record: Any) -> bool:
    """Whether a WARC record's header stops before its length (warcio reads it anyway).

    Every WARC record declares a numeric Content-Length; ARC records name it differently
    and are not checked here.
    """
    if getattr(record, "format", "warc") != "warc":
        return False
    length = record.rec_headers.get_header("Content-Length") or ""
    return not length.strip().isdigit()


def _unparsed_tail(iterator: Any) -> bool:
    """Whether bytes were left after the last whole record (warcio stops there silently).

    ``offset`` is where the last record ended; ``fh.tell()`` counts the bytes read, all of
    them once iteration is over (warcio wraps the unseekable stream in a counting reader).
    """
    offset, read = getattr(iterator, "offset", None), getattr(iterator, "fh", None)
    return isinstance(offset, int) and read is not None and offset < int(read.tell())


def _html_page_charset(record: Any) -> str | None:
    """For a 2xx HTML response, its declared charset (``""`` if none); else ``None``."""
    headers = record.http_headers
    if record.rec_type != "response" or headers is None:
        return None
    if not str(headers.get_statuscode() or "").startswith("2"):
        return None
    media_type, _, params = (headers.get_header("Content-Type") or "").partition(";")
    if media_type.strip().lower() not in HTML_MEDIA_TYPES:
        return None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return ""


def _read_payload(record: Any, source: str, options: ReadOptions) -> bytes | InputError:
    """The HTTP body of a record (decompressed), or E030 when it is over the size limit,
    or E102 when its HTTP compression is damaged."""
    limit = options.markup_bytes
    if (record.length or 0) > limit:
        return too_large(source, limit, options.max_chars, size=record.length)
    try:
        data: bytes = content_stream(record).read(limit + 1)
    except DamagedPayloadError as error:
        encoding = record.http_headers.get_header("Content-Encoding") or "?"
        return MalformedInputError(
            Errors.E102, source=source, encoding=encoding.strip(), detail=str(error)
        )
    if len(data) > limit:
        return too_large(source, limit, options.max_chars)
    return data


def _cut_short(record: Any) -> bool:
    """Whether the file ended before the record's declared length (a truncated download).

    Reads the rest of the record, as the iterator would before the next one.
    """
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return bool(getattr(raw, "limit", 0))


def _page_articles(
    record: Any, source: str, data: bytes | InputError, charset: str | None, options: ReadOptions
) -> list[Article | InputError]:
    """The article in one HTML response's body (or its items: see ``parse_page``)."""
    if isinstance(data, InputError):
        return [data]
    try:
        if not data.strip():
            raise NoArticleError(Errors.E006, source=source)
        html = decode_bytes(data, source, options.warn, declared=charset)
        return parse_page(
            html, source, options.max_chars, url=_target_uri(record), warn=options.warn
        )
    except InputError as error:
        return [error]


def _target_uri(record: Any) -> str | None:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    return str(uri).strip().strip("<>") or None if uri else None
