"""brat standoff files (https://brat.nlplab.org/standoff.html) read back: ``NAME.txt`` with
``NAME.ann`` beside it, as ``newsift analyze --format brat`` writes them and people correct
them in brat.

Text-bound (``T``), relation (``R``), attribute (``A``, and the older ``M``) lines and notes
(``#``) are read; event (``E``), normalisation (``N``) and equivalence (``*``) lines are
accepted and ignored. A line that can't be read, offsets outside the text, a covered text
that is not the text at those offsets, or a reference to an undefined annotation is a coded
error naming the file and line (E182, E183): that document is skipped, the others are read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsift.errors import Errors, InputError, MalformedInputError

Fragments = tuple[tuple[int, int], ...]
_ID = re.compile(r"^[TREAMN*#]\d*$")
_OFFSETS = re.compile(r"^\d+ \d+(?:;\d+ \d+)*$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class BratSpan:
    """A text-bound annotation: ``T3\\tPlace 0 4\\tKYIV``."""

    id: str
    type: str
    fragments: Fragments
    line: int


@dataclass(frozen=True)
class BratRelation:
    """A relation: ``R1\\tHasSource Arg1:T4 Arg2:T5``."""

    id: str
    type: str
    arg1: str
    arg2: str
    line: int


@dataclass(frozen=True)
class BratAttribute:
    """An attribute: ``A1\\tLabel T1 check-worthy`` (value ``""`` for a binary one)."""

    id: str
    name: str
    target: str
    value: str
    line: int


@dataclass
class BratDocument:
    """One ``.txt`` and its ``.ann``.

    Attributes:
        name: The file name without suffix.
        text: The text, exactly as in the ``.txt`` file.
        spans: Text-bound annotations by id.
        relations: Relations, in file order.
        attributes: Attributes, in file order.
        metadata: The article's line of ``articles.jsonl``, when the folder has one.
    """

    name: str
    text: str
    spans: dict[str, BratSpan] = field(default_factory=dict)
    relations: list[BratRelation] = field(default_factory=list)
    attributes: list[BratAttribute] = field(default_factory=list)
    metadata: dict[str, object] = field(default_factory=dict)

    def attribute(self, target: str, name: str) -> str | None:
        """The value of attribute ``name`` on annotation ``target`` (the last one given)."""
        values = [a.value for a in self.attributes if a.target == target and a.name == name]
        return values[-1] if values else None


def _bad(source: str, line: int, detail: str) -> MalformedInputError:
    return MalformedInputError(Errors.E182, source=source, line=line, detail=detail)


def _bad_span(start: int, end: int, length: int) -> str:
    """What is wrong with the offsets ``start``-``end`` of a text of ``length`` characters:
    inverted, empty, or past the end."""
    if end < start:
        return f"spans {start}-{end}, which ends before it starts"
    if end == start:
        return f"spans {start}-{end}, which is empty"
    return f"spans {start}-{end}, outside the text's {length} characters"


def _mismatch(source: str, line: int, ident: str, detail: str) -> MalformedInputError:
    return MalformedInputError(Errors.E183, source=source, line=line, id=ident, detail=detail)


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def parse_ann(name: str, text: str, ann: str, source: str) -> BratDocument:
    """Read one ``.ann`` file against its text.

    Args:
        name: The document's name (file stem).
        text: The ``.txt`` file's text.
        ann: The ``.ann`` file's text.
        source: The ``.ann`` path, for messages.

    Raises:
        MalformedInputError: A line can't be read (E182), or does not fit the text or the
            other annotations (E183).
    """
    doc = BratDocument(name, text)
    for number, raw in enumerate(ann.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        ident, tab, rest = line.partition("\t")
        if not tab or not _ID.match(ident):
            raise _bad(source, number, "it does not start with an id such as T1 and a tab")
        kind = ident[0]
        if kind == "T":
            _span_line(doc, ident, rest, source, number)
        elif kind == "R":
            parts = rest.split()
            args = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
            if len(parts) != 3 or set(args) != {"Arg1", "Arg2"}:
                raise _bad(source, number, "a relation needs a type, Arg1:ID and Arg2:ID")
            doc.relations.append(BratRelation(ident, parts[0], args["Arg1"], args["Arg2"], number))
        elif kind in "AM":
            parts = rest.split()
            if len(parts) not in (2, 3):
                raise _bad(source, number, "an attribute needs a name, a target and a value")
            value = parts[2] if len(parts) == 3 else ""
            doc.attributes.append(BratAttribute(ident, parts[0], parts[1], value, number))
    _check_references(doc, source)
    return doc


def _span_line(doc: BratDocument, ident: str, rest: str, source: str, number: int) -> None:
    head, tab, covered = rest.partition("\t")
    type_, _, offsets = head.partition(" ")
    if not tab or not type_ or not _OFFSETS.match(offsets):
        raise _bad(source, number, "a text-bound annotation needs a type, offsets and its text")
    fragments = tuple(
        (int(start), int(end)) for start, end in (pair.split(" ") for pair in offsets.split(";"))
    )
    for start, end in fragments:
        if not start < end <= len(doc.text):
            raise _mismatch(source, number, ident, _bad_span(start, end, len(doc.text)))
    found = " ".join(doc.text[s:e] for s, e in fragments)
    if _squash(found) != _squash(covered):
        raise _mismatch(source, number, ident, f"says {covered!r}, but the text there is {found!r}")
    if ident in doc.spans:
        raise _bad(source, number, f"{ident} is defined twice")
    doc.spans[ident] = BratSpan(ident, type_, fragments, number)


def _check_references(doc: BratDocument, source: str) -> None:
    for relation in doc.relations:
        for arg in (relation.arg1, relation.arg2):
            if arg not in doc.spans:
                raise _mismatch(
                    source, relation.line, relation.id, f"refers to {arg}, which is not defined"
                )
    for attribute in doc.attributes:
        if attribute.target not in doc.spans and not attribute.target.startswith(("R", "E")):
            raise _mismatch(
                source,
                attribute.line,
                attribute.id,
                f"refers to {attribute.target}, which is not defined",
            )


def read_metadata(directory: Path) -> dict[str, dict[str, object]]:
    """``articles.jsonl`` of an exported folder by file name (empty when there is none or a
    line can't be read: metadata only helps to analyse the text again as it was)."""
    path = directory / "articles.jsonl"
    found: dict[str, dict[str, object]] = {}
    if not path.is_file():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            found[entry["name"]] = entry
    return found


def read_document(
    ann_path: Path, name: str | None = None, metadata: dict[str, object] | None = None
) -> BratDocument:
    """One ``NAME.ann`` with the ``NAME.txt`` beside it.

    Args:
        ann_path: The ``.ann`` file.
        name: The document's name (default: the file's stem).
        metadata: Its line of ``articles.jsonl``, if any.

    Raises:
        InputError: The ``.txt`` is missing or unreadable (E184), or the ``.ann`` is
            malformed (E182, E183).
    """
    txt_path = ann_path.with_suffix(".txt")
    try:
        text = txt_path.read_bytes().decode("utf-8")
        ann = ann_path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise MalformedInputError(
            Errors.E184, source=str(ann_path), detail=f"no {txt_path.name} beside it"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise MalformedInputError(
            Errors.E184, source=str(ann_path), detail=f"can't be read as UTF-8 text ({error})"
        ) from None
    doc = parse_ann(name or ann_path.stem, text, ann, str(ann_path))
    doc.metadata = dict(metadata or {})
    return doc


def read_brat_dir(directory: Path) -> Iterator[BratDocument | InputError]:
    """Every document of a brat folder (sorted by name; sub-folders too, the document's name
    then being its path in the folder without suffix), or the coded error of each one that
    can't be read.

    Raises:
        InputError: The folder holds no ``.ann`` file (E185).
    """
    paths = sorted(p for p in directory.rglob("*.ann") if p.is_file())
    if not paths:
        raise MalformedInputError(Errors.E185, source=str(directory))
    metadata = read_metadata(directory)
    for path in paths:
        name = path.relative_to(directory).with_suffix("").as_posix()
        try:
            yield read_document(path, name, metadata.get(name))
        except InputError as error:
            yield error


__all__ = [
    "BratAttribute",
    "BratDocument",
    "BratRelation",
    "BratSpan",
    "Fragments",
    "parse_ann",
    "read_brat_dir",
    "read_document",
    "read_metadata",
]
