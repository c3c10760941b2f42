"""Input readers: paths, directories and stdin to a stream of Articles (or InputErrors).

One bad document never stops a batch: it comes out as the :class:`InputError` that says
why, in its place in the stream.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import BinaryIO

from newsift import settings
from newsift.errors import ConfigError, Errors, InputError
from newsift.ingest.base import ReadOptions, ignore_warning
from newsift.ingest.decode import decode_bytes
from newsift.ingest.discover import INPUT_FORMATS, iter_targets
from newsift.ingest.dispatch import read_target
from newsift.model import Article

__all__ = ["INPUT_FORMATS", "decode_bytes", "read_inputs"]


def read_inputs(
    paths: Sequence[str],
    *,
    input_format: str | None = None,
    max_chars: int = settings.DEFAULT_MAX_CHARS,
    stdin: BinaryIO | None = None,
    on_warning: Callable[[str], None] | None = None,
    exclude: Collection[str] = (),
    follow_symlinks: bool = False,
) -> Iterator[Article | InputError]:
    """Read articles from files, directories and stdin, lazily and in order.

    Sources: a file's path as given (joined for files found in a directory), ``path:LINE``
    for JSONL, ``path:ROW`` for CSV (data rows from 1; header not counted), ``path#N`` for
    the N-th HTML page of a WARC file, and ``-`` for stdin.

    Args:
        paths: Files, directories (walked recursively, sorted) or ``-`` for stdin.
        input_format: Read every file and stdin in this format (one of
            :data:`INPUT_FORMATS`); by default files go by suffix, and stdin and files with
            unknown suffixes are sniffed as HTML or plain text.
        max_chars: Longest article text accepted.
        stdin: The stream ``-`` reads (default ``sys.stdin.buffer``).
        on_warning: Receives formatted warnings (skipped files W001, W100, W101; guessed
            encoding W002; cut metadata W102, W103; HTML pages W170–W173).
        follow_symlinks: Follow symbolic links inside directories even where they lead out
            of the directory given (``--follow-symlinks``); by default they are skipped.
        exclude: Directories a directory walk skips (real paths; e.g. the ``--out``
            directory, so that a run never reads the reports of the one before).

    Returns:
        An iterator of :class:`Article` and :class:`InputError` (yielded, never raised).

    Raises:
        ConfigError: An unknown ``input_format`` or a ``max_chars`` below 1 (E024).
        TypeError: ``paths`` is a single string rather than a sequence of them.
    """
    if isinstance(paths, str | bytes):
        raise TypeError("read_inputs() takes a sequence of paths, not a single string")
    if input_format is not None and input_format not in INPUT_FORMATS:
        expected = "one of " + ", ".join(INPUT_FORMATS)
        raise ConfigError(Errors.E024, option="input-format", expected=expected, value=input_format)
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
        expected = "a whole number of at least 1"
        raise ConfigError(Errors.E024, option="max-chars", expected=expected, value=max_chars)
    options = ReadOptions(max_chars=max_chars, warn=on_warning or ignore_warning)
    return _read_all(list(paths), input_format, options, stdin, exclude, follow_symlinks)


def _read_all(
    paths: list[str],
    input_format: str | None,
    options: ReadOptions,
    stdin: BinaryIO | None,
    exclude: Collection[str],
    follow_symlinks: bool,
) -> Iterator[Article | InputError]:
    targets = iter_targets(
        paths, input_format, options.warn, exclude, follow_symlinks=follow_symlinks
    )
    for target in targets:
        if isinstance(target, InputError):
            yield target
        else:
            yield from read_target(target, options, stdin or sys.stdin.buffer)
