"""Corpus rows to files: ``--out FILE`` for every format, and Parquet tables.

Parquet tables have the CSV/JSONL columns, typed: passages and trees as Arrow lists of
structs and lists, evidence as a struct of the fields the copy engine writes, an outlet
edge's kinds as a map. :data:`ARROW_SCHEMAS` is the documented schema of each table
(``docs/corpus.md``). A file is written as ``FILE.part`` and renamed when complete, so a
reader never sees half a table.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from newsift.errors import ConfigError, Errors, OutputError

#: Row commands and the formats that only make sense in a file.
FILE_ONLY_FORMATS = frozenset({"parquet"})

_PASSAGE = pa.struct(
    [
        pa.field("source_start", pa.int64(), nullable=False),
        pa.field("source_end", pa.int64(), nullable=False),
        pa.field("copy_start", pa.int64(), nullable=False),
        pa.field("copy_end", pa.int64(), nullable=False),
    ]
)
_EVIDENCE = pa.struct(
    [
        pa.field("shared_words", pa.int64()),
        pa.field("exact_share", pa.float64()),
        pa.field("long_run_share", pa.float64()),
        # [source_start, source_end, copy_start, copy_end] of each shared quotation
        pa.field("shared_quotes", pa.list_(pa.list_(pa.int64(), 4))),
        pa.field("cue", pa.string()),  # null: no attribution cue decided the direction
        pa.field("lag_seconds", pa.float64()),  # null: a publication time is unknown
    ]
)
_IDS = pa.list_(pa.string())

#: The Arrow schema of each ``--format parquet`` table, by command.
ARROW_SCHEMAS: dict[str, pa.Schema] = {
    "copies": pa.schema(
        [
            pa.field("source", pa.string(), nullable=False),
            pa.field("copy", pa.string(), nullable=False),
            pa.field("kind", pa.string(), nullable=False),
            pa.field("direction", pa.string(), nullable=False),
            pa.field("direction_reason", pa.string(), nullable=False),
            pa.field("score", pa.float64(), nullable=False),
            pa.field("containment_source", pa.float64(), nullable=False),
            pa.field("containment_copy", pa.float64(), nullable=False),
            pa.field("passages", pa.list_(_PASSAGE), nullable=False),
            pa.field("evidence", _EVIDENCE, nullable=False),
        ]
    ),
    "origins": pa.schema(
        [
            pa.field("family", pa.string(), nullable=False),
            pa.field("members", _IDS, nullable=False),
            pa.field("earliest", pa.string()),  # null: undetermined
            pa.field("reason", pa.string(), nullable=False),
            pa.field("tree", pa.list_(pa.list_(pa.string(), 2)), nullable=False),
        ]
    ),
    "stories": pa.schema(
        [
            pa.field("story", pa.string(), nullable=False),
            pa.field("members", _IDS, nullable=False),
            pa.field("score", pa.float64(), nullable=False),
        ]
    ),
    "network": pa.schema(
        [
            pa.field("source_outlet", pa.string(), nullable=False),
            pa.field("copy_outlet", pa.string(), nullable=False),
            pa.field("copies", pa.int64(), nullable=False),
            pa.field("median_lag_seconds", pa.float64()),  # null: no edge with both times
            pa.field("kinds", pa.map_(pa.string(), pa.int64()), nullable=False),
        ]
    ),
}


def check_destination(fmt: str, out: Path | None) -> None:
    """Refuse a file-only format without ``--out`` (E150).

    Raises:
        ConfigError: ``fmt`` writes binary data and no ``--out`` was given.
    """
    if fmt in FILE_ONLY_FORMATS and out is None:
        raise ConfigError(Errors.E150, format=fmt)


def check_out_not_store(out: Path | None, db: str) -> None:
    """Refuse an ``--out`` that is the corpus's own SQLite file (E041): writing there would
    replace the store.

    Raises:
        ConfigError: ``out`` is the database file.
    """
    from newsift.corpus.store import engine_url

    url = engine_url(db)
    if out is None or not url.startswith("sqlite:///"):
        return
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    if path and path != ":memory:" and Path(path).resolve() == out.resolve():
        raise ConfigError(Errors.E041, out=out)


def _arrow_value(command: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row as Arrow takes it: a map as key/value pairs, evidence with every field."""
    if command == "network":
        return {**row, "kinds": sorted(row["kinds"].items())}
    if command == "copies":
        names = [f.name for f in _EVIDENCE]
        unknown = set(row["evidence"]) - set(names)
        if unknown:  # a field the schema lacks would be dropped silently
            raise ValueError(f"evidence fields without an Arrow type: {sorted(unknown)}")
        return {**row, "evidence": {name: row["evidence"].get(name) for name in names}}
    return row


def parquet_table(command: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    """The rows of ``corpus COMMAND`` as an Arrow table with :data:`ARROW_SCHEMAS` [command]."""
    schema = ARROW_SCHEMAS[command]
    return pa.Table.from_pylist([_arrow_value(command, r) for r in rows], schema=schema)


@contextmanager
def atomic_file(out: Path) -> Iterator[BinaryIO]:
    """A binary stream to ``out.part``, renamed to ``out`` when the block ends without error
    (removed when it fails).

    Raises:
        OutputError: The file can't be written (E040).
    """
    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("wb") as stream:
            yield stream
        os.replace(partial, out)
    except OSError as error:
        with suppress(OSError):
            partial.unlink()
        raise OutputError(Errors.E040, out=out, detail=error.strerror or str(error)) from None
    except BaseException:
        with suppress(OSError):
            partial.unlink()
        raise


def write_parquet(command: str, rows: Iterable[dict[str, Any]], out: Path) -> int:
    """Write the rows of ``corpus COMMAND`` to ``out`` as Parquet; returns the count.

    Raises:
        OutputError: ``out`` can't be written (E040).
    """
    table = parquet_table(command, rows)
    with atomic_file(out) as stream:
        pq.write_table(table, stream)
    return int(table.num_rows)


@contextmanager
def text_destination(
    out: Path | None, echo: Callable[[str], Any]
) -> Iterator[Callable[[str], Any]]:
    """Where text output goes: ``echo`` (stdout), or ``out``, in UTF-8, written atomically.

    Raises:
        OutputError: ``out`` can't be written (E040).
    """
    if out is None:
        yield echo
        return
    with atomic_file(out) as stream:
        yield lambda text: stream.write(text.encode("utf-8", "backslashreplace"))
