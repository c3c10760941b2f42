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
)
from newsift.ingest.base import ReadOptions, peek
from newsift.ingest.decode import stream_encoding
from newsift.ingest.rows import article_from_row
from newsift.model import Article

#: What ``surrogateescape`` decoding turns bytes the encoding can't decode into.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def read_csv(stream: BinaryIO, source: str, options: ReadOptions) -> Iterator[Article | InputError]:
    """The articles in a CSV stream (Excel dialect: commas, double quotes), in order.

    Column names are matched after stripping spaces and lower-casing (``Text`` is
    ``text``). Rows are numbered from 1 for the first data record: the header and blank
    lines are not counted, so ``path:ROW`` is the ROW-th article row. The encoding is
    judged from the first 64 KiB (W002 when it is a guess). Cell text is kept exactly,
    line breaks inside quoted cells included.

    Args:
        stream: The bytes.
        source: Where they came from; an article's source is ``source:ROW``.
        options: Size limit and warning sink.

    Yields:
        An :class:`Article`, or the :class:`InputError` for a row that can't be read
        (E005, E008, E020, E022, E031, E032); for the whole stream, E001, E003, E004, E009
        (no ``text`` column) or E034 (no data rows); E033 for a row with bytes the
        encoding can't decode.
    """
    head, buffered = peek(stream)
    if not head:
        yield EmptyInputError(Errors.E001, source=source)
        return
    try:
        encoding = stream_encoding(head, source, options.warn)
    except InputError as error:
        yield error
        return
    _allow_fields_of(options.max_chars)
    # Undecodable bytes become lone surrogates, caught per row, so one bad row costs one row.
    text = io.TextIOWrapper(buffered, encoding=encoding, errors="surrogateescape", newline="")
    name = "UTF-8" if encoding == "utf-8-sig" else encoding
    yield from _read_rows(csv.reader(text), source, name, options.max_chars)


def _allow_fields_of(max_chars: int) -> None:
    """Let the csv module read a text of ``max_chars`` (longer ones then get E005).

    The limit is process-wide, so it is only ever raised, never lowered.
    """
    csv.field_size_limit(max(csv.field_size_limit(), max_chars + 1))


def _read_rows(
    reader: Iterator[list[str]], source: str, encoding: str, max_chars: int
) -> Iterator[Article | InputError]:
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
            header = [name.strip().lower() for name in cells]
            if "text" not in header:
                columns = ", ".join(repr(name) for name in cells)
                yield MalformedInputError(Errors.E009, source=source, columns=columns)
                return
            continue
        row += 1
        if any(_UNDECODABLE.search(cell) for cell in cells):
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
        return article_from_row(dict(zip(header, cells, strict=False)), source, row, max_chars)
    except InputError as error:
        return error
