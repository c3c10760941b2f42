"""TimeML-derived gold for the ``time`` analyzer: one document per JSON line.

The layout of the TimeBank/AQUAINT and MEANTIME conversions: ``doc_id``, ``text``, the
creation date ``dct`` (ISO ``YYYY-MM-DD`` or null) and ``timexes``: ``[{"start", "end",
"text", "type", "value"}]``, character offsets into ``text``, end exclusive. Discontinuous
mentions (``"contiguous": false``) are left out.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsift.errors import Errors, InputNotFoundError, MalformedInputError


@dataclass(frozen=True)
class TimeSpan:
    """One time expression: character span, TIMEX3 type (upper case) and value."""

    start: int
    end: int
    type: str
    value: str | None


@dataclass(frozen=True)
class TimeDocument:
    """One gold document."""

    doc_id: str
    text: str
    dct: dt.date | None
    timexes: tuple[TimeSpan, ...]


def _date_or_none(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def load_time_documents(path: Path) -> list[TimeDocument]:
    """Read a TimeML-derived JSONL file.

    Raises:
        InputNotFoundError: The file does not exist (E012).
        MalformedInputError: A line is not JSON or lacks ``text``/``timexes`` (E095).
    """
    if not path.is_file():
        raise InputNotFoundError(Errors.E012, source=path)
    documents = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = row["text"]
                timexes = tuple(
                    TimeSpan(int(t["start"]), int(t["end"]), str(t["type"]).upper(), t["value"])
                    for t in row["timexes"]
                    if t.get("contiguous", True) is not False
                )
            except (ValueError, KeyError, TypeError) as error:
                raise MalformedInputError(
                    Errors.E095,
                    source=path,
                    line=number,
                    detail=f"{type(error).__name__}: {error}",
                ) from None
            doc_id = str(row.get("doc_id", number))
            documents.append(TimeDocument(doc_id, text, _date_or_none(row.get("dct")), timexes))
    return documents
