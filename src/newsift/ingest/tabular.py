"""CSV files: a header row naming the columns, then one article per row."""

from __future__ import annotations

import csv
import io
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
    Warnings,
)
from newsift.ingest.base import ReadOptions, peek, too_large
from newsift.ingest.decode import UNDECODABLE, LineDecoder, bom_encoding, mark_undecodable
from newsift.ingest.rows import article_from_row
from newsift.model import Article

#: What stands in for a line longer than the limit (skipped, never held): a lone surrogate,
#: which no decoding produces.
_TOO_LONG = "\ud800"
#: Physical line ends, as the csv module expects them (``newline=""``: kept, not changed).
_LINE_END = re.compile(rb"\r\n|\r|\n")
#: Bytes read at a time.
_CHUNK = 1 << 16


def read_csv(stream: BinaryIO, source: str, options: ReadOptions) -> Iterator[Article | InputError]:
    """The articles in a CSV stream (Excel dialect: commas, double quotes), in order.

    Column names are matched after stripping spaces and lower-casing (``Text`` is
    ``text``). Rows are numbered from 1 for the first data record: the header and blank
    lines are not counted, so ``path:ROW`` is the ROW-th article row. Cell text is kept
    exactly, line breaks inside quoted cells included.

    Each line is decoded on its own, as :class:`~newsift.ingest.decode.LineDecoder`
    says: a file that starts as UTF-8 has stray bytes elsewhere read as windows-1252 (W003,
    as the plain-text reader does); one that doesn't is read in the encoding guessed from
    its first 64 KiB (W002). A UTF-16 or UTF-32 file (with a byte-order mark) is decoded
    as a whole. A line longer than ``options.markup_bytes`` is skipped without being held.

    Args:
        stream: The bytes.
        source: Where they came from; an article's source is ``source:ROW``.
        options: Size limit and warning sink.

    Yields:
        An :class:`Article`, or the :class:`InputError` for a row that can't be read
        (E005, E008, E020, E022, E030, E031, E032, E033 for bytes the encoding can't
        decode); for the whole stream, E001, E003, E004, E009 (no ``text`` column) or
        E034 (no data rows).
    """
    head, buffered = peek(stream)
    if not head:
        yield EmptyInputError(Errors.E001, source=source)
        return
    _allow_fields_of(options.max_chars)
    bom = bom_encoding(head)
    if bom is not None:
        lines = _wide_lines(buffered, bom, options.markup_bytes)
        yield from _read_rows(csv.reader(lines), source, bom.upper(), options)
        return
    try:
        decoder = LineDecoder(head, source, options.warn)
    except InputError as error:
        yield error
        return
    decoded = (
        _TOO_LONG + "\n" if line is None else decoder.decode(line)
        for line in _byte_lines(buffered, options.markup_bytes)
    )
    yield from _read_rows(csv.reader(decoded), source, decoder.encoding, options)
    if decoder.stray:
        options.warn(Warnings.W003.format(source=source, count=decoder.stray))


def _byte_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The physical lines of a byte stream, each with its line end (``\\r\\n``, ``\\r``
    or ``\\n``); a line longer than ``max_bytes`` comes out as ``None``, and is never
    held whole."""
    parts: list[bytes] = []
    size = 0
    skipping = False
    carry = b""
    while True:
        chunk = stream.read(_CHUNK)
        data = carry + chunk
        carry = b""
        if chunk and data.endswith(b"\r"):
            data, carry = data[:-1], b"\r"  # it may be half of a \r\n
        start = 0
        for match in _LINE_END.finditer(data):
            piece = data[start : match.end()]
            start = match.end()
            if skipping or size + len(piece) - len(match.group()) > max_bytes:
                yield None
            else:
                yield b"".join([*parts, piece])
            parts, size, skipping = [], 0, False
        rest = data[start:]
        if rest and not skipping:
            parts.append(rest)
            size += len(rest)
            if size > max_bytes:
                parts, size, skipping = [], 0, True
        if not chunk and not carry:
            break
    if skipping:
        yield None
    elif parts:
        yield b"".join(parts)


def _wide_lines(stream: BinaryIO, encoding: str, max_chars: int) -> Iterator[str]:
    """The lines of a UTF-16 or UTF-32 stream (its BOM dropped), undecodable bytes (a
    truncated last character, a lone surrogate) marked; an over-long line is skipped."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors=mark_undecodable(), newline="")
    while line := text.readline(max_chars + 1):
        if len(line) <= max_chars or line.endswith(("\n", "\r")):
            yield line
            continue
        while (rest := text.readline(_CHUNK)) and not rest.endswith(("\n", "\r")):
            pass
        yield _TOO_LONG + ("\n" if rest else "")


def _allow_fields_of(max_chars: int) -> None:
    """Let the csv module read a text of ``max_chars`` (longer ones then get E005).

    The limit is process-wide, so it is only ever raised, never lowered.
    """
    csv.field_size_limit(max(csv.field_size_limit(), max_chars + 1))


def _read_rows(
    reader: Iterator[list[str]], source: str, encoding: str, options: ReadOptions
) -> Iterator[Article | InputError]:
    max_chars = options.max_chars
    header: list[str] | None = None
    row = 0
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as error:
            detail = _csv_detail(error, max_chars)
            if header is None:
                line = "1 (the header)"
                yield MalformedInputError(Errors.E020, source=source, line=line, detail=detail)
                return
            row += 1
            yield MalformedInputError(Errors.E020, source=source, line=row, detail=detail)
            continue
        if cells is None:
            break
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            cells[0] = cells[0].removeprefix("\ufeff")
            header = [name.strip().lower() for name in cells]
            if "text" not in header:
                columns = ", ".join(repr(name) for name in cells)
                yield MalformedInputError(Errors.E009, source=source, columns=columns)
                return
            continue
        row += 1
        if any(_TOO_LONG in cell for cell in cells):
            yield too_large(f"{source}:{row}", options.markup_bytes, max_chars)
        elif any(UNDECODABLE in cell for cell in cells):
            yield BinaryInputError(Errors.E033, source=source, line=row, encoding=encoding)
        else:
            yield _row_article(header, cells, source, row, max_chars)
    if header is None or not row:
        found = "a header" if header else "blank lines"
        yield NoArticleError(Errors.E034, source=source, found=found)


def _csv_detail(error: csv.Error, max_chars: int) -> str:
    if "field limit" in str(error):
        return f"a cell is longer than {max_chars:,} characters, the --max-chars limit"
    return str(error)


def _row_article(
    header: list[str], cells: list[str], source: str, row: int, max_chars: int
) -> Article | InputError:
    extra = cells[len(header) :]
    if any(cell.strip() for cell in extra):
        detail = (
            f"it has {len(cells)} cells but the header names {len(header)} columns; a comma "
            "inside a cell must be quoted"
        )
        return MalformedInputError(Errors.E020, source=source, line=row, detail=detail)
    try:
        row_fields = dict(zip(header, cells, strict=False))
        return article_from_row(row_fields, source, row, max_chars, unit="row")
    except InputError as error:
        return error
