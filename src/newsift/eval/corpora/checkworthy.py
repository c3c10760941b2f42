"""Check-worthiness sets: ClaimBuster CSV or CLEF CheckThat! TSV, and the articles behind them.

A labelled file is ClaimBuster CSV (``Sentence_id, Text, …, Verdict``; Verdict 1 =
check-worthy, 0 and -1 = not) or a TSV with ``Sentence_id, Text, class_label`` (Yes/No, the
CLEF CheckThat! format). An articles file is JSON lines with a ``text`` per line: the articles
the sentences come from, so that each sentence can be read in its article.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from newsift.errors import (
    Errors,
    InputError,
    InputNotFoundError,
    MalformedInputError,
)

_CLAIMBUSTER = ("Sentence_id", "Text", "Verdict")
_CHECKTHAT = ("Sentence_id", "Text", "class_label")


@dataclass(frozen=True)
class LabelledSentence:
    """One evaluation sentence."""

    sentence_id: str
    text: str
    checkworthy: bool


def _read(path: Path) -> str:
    """The file's text, with a coded error naming ``path`` when it can't be read."""
    if not path.is_file():
        raise InputNotFoundError(Errors.E012, source=path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(Errors.E018, source=path, detail=error) from None


def read_labelled(path: Path) -> list[LabelledSentence]:
    """Read ClaimBuster CSV (Verdict column) or CheckThat! TSV (class_label column).

    Raises:
        InputNotFoundError: No such file (E012).
        InputError: The file can't be read or decoded (E018).
        MalformedInputError: Neither format's columns are present (E037), or a row lacks a
            cell (E020, row named).
    """
    handle = io.StringIO(_read(path), newline="")
    delimiter = "\t" if "\t" in handle.readline() else ","
    handle.seek(0)
    csv.field_size_limit(1_000_000)
    reader = csv.DictReader(handle, delimiter=delimiter)
    try:
        return _labelled_rows(path, reader)
    except csv.Error as error:
        raise MalformedInputError(
            Errors.E020, source=path, line=reader.line_num, detail=error
        ) from None


def _labelled_rows(path: Path, reader: csv.DictReader[str]) -> list[LabelledSentence]:
    columns = set(reader.fieldnames or ())
    if set(_CLAIMBUSTER) <= columns:
        label, yes = "Verdict", "1"
    elif set(_CHECKTHAT) <= columns:
        label, yes = "class_label", "yes"
    else:
        raise MalformedInputError(
            Errors.E037, source=path, columns=", ".join(sorted(columns)) or "none"
        )
    sentences = []
    for row in reader:
        names = ("Sentence_id", "Text", label)
        missing = [name for name in names if not isinstance(row.get(name), str)]
        if missing:
            detail = "no " + ", ".join(missing)
            raise MalformedInputError(Errors.E020, source=path, line=reader.line_num, detail=detail)
        sentence_id, sentence, verdict = (row[name] for name in names)
        sentences.append(LabelledSentence(sentence_id, sentence, verdict.strip().lower() == yes))
    if not sentences:
        raise MalformedInputError(Errors.E037, source=path, columns="none")
    return sentences


def read_articles(path: Path) -> list[str]:
    """The ``text`` of every line of a JSON-lines articles file (blank lines skipped).

    Raises:
        InputNotFoundError: No such file (E012).
        InputError: The file can't be read or decoded (E018).
        MalformedInputError: A line is not JSON (E007), not an object (E019), or has no
            ``text`` string (E008); the line is named.
    """
    texts = []
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise MalformedInputError(
                Errors.E007, source=path, line=number, detail=error.msg
            ) from None
        if not isinstance(record, dict):
            raise MalformedInputError(
                Errors.E019, source=path, line=number, found=type(record).__name__
            )
        if not isinstance(record.get("text"), str):
            raise MalformedInputError(Errors.E008, source=path, unit="line", line=number)
        texts.append(record["text"])
    return texts
