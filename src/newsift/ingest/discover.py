"""From command-line paths to the documents to read: files, directory walks, stdin."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field

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
    *,
    follow_symlinks: bool = False,
) -> Iterator[Target | InputError]:
    """The documents named by ``paths``, in order.

    A directory is walked recursively in sorted path order, skipping hidden files and
    directories (names starting with ``.``). With no ``input_format`` its files of unknown
    types are skipped and named once in a W001 warning; with one, every file is read in
    that format. A file named explicitly with an unknown suffix is sniffed.

    Inside a directory, named pipes, sockets and devices are skipped (W100): reading one
    could wait for ever. Symbolic links are not followed out of the directory given
    (W101), nor into directories, unless ``follow_symlinks`` is true; then every link is
    followed, each directory read once however many links lead to it. A path named on
    the command line is always read, link or not.
    Directories whose real path is in ``exclude`` are skipped.

    Yields:
        A :class:`Target`, or an :class:`InputError`: a missing path (E012), an unreadable
        directory (E018) or a directory with nothing to read (E017).
    """
    for path in paths:
        if path == STDIN:
            yield Target(STDIN, None, input_format)
        elif os.path.isdir(path):
            yield from _walk(path, input_format, warn, frozenset(exclude), follow_symlinks)
        elif os.path.lexists(path):
            yield Target(path, path, input_format or format_for(path))
        else:
            yield InputNotFoundError(Errors.E012, source=path)


@dataclass
class _Skipped:
    """What a directory walk left out, by reason (paths relative to the directory)."""

    unknown: list[str] = field(default_factory=list)
    special: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def warn(self, top: str, warn: Callable[[str], None]) -> None:
        for template, names in (
            (Warnings.W001, self.unknown),
            (Warnings.W100, self.special),
            (Warnings.W101, self.outside),
        ):
            if names:
                warn(template.format(source=top, count=len(names), examples=_examples(names)))


def _examples(names: list[str]) -> str:
    names = sorted(names)
    return ", ".join(names[:_EXAMPLES]) + (", …" if len(names) > _EXAMPLES else "")


def _walk(
    top: str,
    input_format: str | None,
    warn: Callable[[str], None],
    exclude: frozenset[str],
    follow_symlinks: bool,
) -> Iterator[Target | InputError]:
    errors: list[OSError] = []
    found: list[tuple[list[str], Target]] = []
    skipped = _Skipped()
    root = os.path.realpath(top)
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(
        top, onerror=errors.append, followlinks=follow_symlinks
    ):
        real = os.path.realpath(dirpath)
        if real in seen:  # a link back to a directory already read (a cycle, perhaps)
            dirnames[:] = []
            continue
        seen.add(real)
        kept = []
        for name in dirnames:
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            if os.path.islink(path) and not follow_symlinks:
                if not _inside(os.path.realpath(path), root):
                    skipped.outside.append(os.path.relpath(path, top))
                continue
            if exclude and os.path.realpath(path) in exclude:
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            relative = os.path.relpath(path, top)
            file_format = input_format or format_for(name)
            if (
                not follow_symlinks
                and os.path.islink(path)
                and not _inside(os.path.realpath(path), root)
            ):
                skipped.outside.append(relative)
            elif file_format is None:
                skipped.unknown.append(relative)
            elif _special(path):
                skipped.special.append(relative)
            else:
                found.append((relative.split(os.sep), Target(path, path, file_format)))
    skipped.warn(top, warn)
    for error in errors:
        yield _unreadable(error, top)
    if not found and not errors:
        yield NoArticleError(Errors.E017, source=top)
    for _, target in sorted(found, key=lambda item: item[0]):
        yield target


def _inside(path: str, root: str) -> bool:
    """Whether the real path ``path`` is ``root`` or below it."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _special(path: str) -> bool:
    """Whether ``path`` exists and is not a regular file (a named pipe, socket, device)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False  # missing or unreadable: opening it says which


def _unreadable(error: OSError, fallback: str) -> InputError:
    source = str(error.filename) if error.filename else fallback
    return InputError(Errors.E018, source=source, detail=error.strerror or str(error))
