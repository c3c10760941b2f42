"""From command-line paths to the documents to read: files, directory walks, stdin."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass

from newsift.errors import Errors, InputError, InputNotFoundError, NoArticleError, Warnings

INPUT_FORMATS = ("txt", "html", "jsonl", "csv", "warc")
#: File-name suffixes (lower case) and the format each is read as.
SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".warc": "warc",
    ".warc.gz": "warc",
}
#: The path that means standard input.
STDIN = "-"
#: Names of skipped files quoted in a W001 warning.
_EXAMPLES = 3


@dataclass(frozen=True)
class Target:
    """One file (or stdin) to read.

    Attributes:
        source: The name messages and ``Article.source`` use (the path as given or joined).
        path: The file to open; ``None`` for standard input.
        format: One of :data:`INPUT_FORMATS`; ``None`` to sniff HTML or plain text.
    """

    source: str
    path: str | None
    format: str | None


def format_for(name: str) -> str | None:
    """The format a file name's suffix names (case ignored), or ``None``."""
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    return SUFFIX_FORMATS.get(os.path.splitext(lower)[1])


def iter_targets(
    paths: Sequence[str],
    input_format: str | None,
    warn: Callable[[str], None],
    exclude: Collection[str] = (),
) -> Iterator[Target | InputError]:
    """The documents named by ``paths``, in order.

    A directory is walked recursively in sorted path order, skipping hidden files and
    directories (names starting with ``.``) and symbolic links to directories. With no
    ``input_format`` its files of unknown types are skipped and named once in a W001
    warning; with one, every file is read in that format. A file named explicitly with an
    unknown suffix is sniffed. Directories whose real path is in ``exclude`` are skipped.

    Yields:
        A :class:`Target`, or an :class:`InputError`: a missing path (E012), an unreadable
        directory (E018) or a directory with nothing to read (E017).
    """
    for path in paths:
        if path == STDIN:
            yield Target(STDIN, None, input_format)
        elif os.path.isdir(path):
            yield from _walk(path, input_format, warn, frozenset(exclude))
        elif os.path.lexists(path):
            yield Target(path, path, input_format or format_for(path))
        else:
            yield InputNotFoundError(Errors.E012, source=path)


def _walk(
    top: str, input_format: str | None, warn: Callable[[str], None], exclude: frozenset[str]
) -> Iterator[Target | InputError]:
    errors: list[OSError] = []
    found: list[tuple[list[str], Target]] = []
    skipped: list[str] = []
    for dirpath, dirnames, filenames in os.walk(top, onerror=errors.append):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        if exclude:
            dirnames[:] = [
                n for n in dirnames if os.path.realpath(os.path.join(dirpath, n)) not in exclude
            ]
        for name in filenames:
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            relative = os.path.relpath(path, top)
            file_format = input_format or format_for(name)
            if file_format is None:
                skipped.append(relative)
            else:
                found.append((relative.split(os.sep), Target(path, path, file_format)))
    if skipped:
        skipped.sort()
        examples = ", ".join(skipped[:_EXAMPLES]) + (", …" if len(skipped) > _EXAMPLES else "")
        warn(Warnings.W001.format(source=top, count=len(skipped), examples=examples))
    for error in errors:
        yield _unreadable(error, top)
    if not found and not errors:
        yield NoArticleError(Errors.E017, source=top)
    for _, target in sorted(found, key=lambda item: item[0]):
        yield target


def _unreadable(error: OSError, fallback: str) -> InputError:
    source = str(error.filename) if error.filename else fallback
    return InputError(Errors.E018, source=source, detail=error.strerror or str(error))
