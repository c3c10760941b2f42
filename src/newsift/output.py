"""Where reports go: stdout, one file, or one file per document in a directory."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Protocol, TextIO

from rich.console import Console
from rich.rule import Rule

from newsift.errors import ConfigError, Errors, NewsiftError, OutputError
from newsift.exports import open_export_sink
from newsift.ingest.discover import format_for
from newsift.model import Report
from newsift.render import EXPORT_FORMATS, TerminalOptions, print_report, render

#: File suffix for each format written to files.
SUFFIXES = {"json": ".json", "jsonl": ".jsonl", "md": ".md", "html": ".html"}
#: What each export format writes into its ``--out`` directory.
EXPORT_FILES = {
    "csv": "a CSV table per finding kind, articles.csv, sources.csv and outlets.csv",
    "parquet": "a Parquet table per finding kind, articles, sources and outlets",
    "brat": "NAME.txt and NAME.ann per article, and annotation.conf",
    "labelstudio": "tasks.json and config.xml",
}
_SOURCE_PART = re.compile(r"^(?P<path>.+?)(?P<sep>[:#])(?P<n>\d+)$")
#: Input suffixes dropped from a report's file name (``a.txt`` → ``a.json``).
_INPUT_SUFFIXES = (".gz", ".warc", ".txt", ".text", ".html", ".htm", ".jsonl", ".csv", ".ndjson")


def _reason(error: OSError) -> str:
    """The operating system's words for a failed write (``No space left on device``)."""
    return error.strerror or str(error)


class ReportSink(Protocol):
    """Something reports are written to, one at a time."""

    def write(self, report: Report) -> None: ...

    def close(self) -> None: ...


class TerminalSink:
    """Rich output, a rule between reports."""

    def __init__(self, console: Console, options: TerminalOptions | None = None) -> None:
        self.console = console
        self.options = options
        self.count = 0

    def write(self, report: Report) -> None:
        """Print one report.

        Raises:
            OutputError: Standard output can't take it (E092).
        """
        try:
            if self.count:
                self.console.print(Rule(style="dim"))
            print_report(report, self.console, self.options)
        except OSError as error:
            raise OutputError(Errors.E092, detail=_reason(error)) from None
        self.count += 1

    def close(self) -> None:
        pass


class StreamSink:
    """Reports to a text stream: JSON Lines one per line; other formats one after another.

    JSON is one object when the inputs hold one document (a file), and an array when they
    can hold several (a directory, JSONL, CSV, WARC, several paths) — whatever the number of
    reports that arrive, so scripts can rely on the shape. One file that turns out to hold
    several items (a live blog, a letters page) gives an array too: the first report is held
    until the second shows whether one follows. Arrays are written as reports come, so memory
    does not grow with the batch.
    """

    def __init__(self, stream: TextIO, fmt: str, several: bool = False) -> None:
        self.stream = stream
        self.fmt = fmt
        self.several = several
        self.count = 0
        #: JSON for one input file: its first report, held until the end or a second report.
        self.held: str | None = None

    def write(self, report: Report) -> None:
        """Write one report.

        Raises:
            OutputError: The stream can't take it (disk full, file too large: E040/E092).
        """
        text = render(report, self.fmt)
        if self.fmt == "jsonl":
            self._put(text + "\n")
        elif self.fmt == "json" and self.several:
            self._put(("[\n" if not self.count else ",\n") + text)
        elif self.fmt == "json" and self.held is None and not self.count:
            self.held = text
        elif self.fmt == "json":  # a second item of one file: the output becomes an array
            held, self.held, self.several = self.held, None, True
            self._put("[\n" + (held or "") + ",\n" + text)
        else:
            self._put(text if not self.count else "\n" + text)
        self.count += 1

    def close(self) -> None:
        """End the output (a JSON array's closing bracket).

        Raises:
            OutputError: As for :meth:`write`.
        """
        if self.fmt == "json" and self.several:
            self._put("\n]\n" if self.count else "[]\n")
        elif self.held is not None:
            self._put(self.held + "\n")
            self.held = None
        else:
            self._put("")  # flush

    def _put(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except OSError as error:
            raise self.write_error(error) from None

    def write_error(self, error: OSError) -> NewsiftError:
        """The coded problem for a failed write to this sink's stream."""
        return OutputError(Errors.E092, detail=_reason(error))


class DirectorySink:
    """One ``NAME.<ext>`` per document in a directory, names derived from the input paths."""

    def __init__(self, directory: Path, fmt: str, roots: Sequence[str]) -> None:
        self.directory = directory
        self.fmt = fmt
        self.roots = [Path(r) for r in roots if r != "-"]
        self.used: set[Path] = set()
        directory.mkdir(parents=True, exist_ok=True)

    def write(self, report: Report) -> None:
        """Write one report to its own file, through ``NAME.part``: a report already at that
        path is replaced only by a whole one.

        Raises:
            OutputError: The file can't be written (disk full, file too large: E040); no
                partial file is left.
        """
        path = self._unique(self.directory / self.relative_name(report))
        partial = path.with_name(path.name + ".part")
        text = render(report, self.fmt) + "\n"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(text, encoding="utf-8")
            partial.replace(path)
        except OSError as error:
            raise OutputError(Errors.E040, out=path, detail=_reason(error)) from None
        finally:  # also when a signal stops the run here
            with suppress(OSError):
                partial.unlink(missing_ok=True)

    def relative_name(self, report: Report) -> Path:
        """``sub/a.json`` for ``dir/sub/a.txt``; ``feed-3.json`` for line 3 of ``feed.jsonl``."""
        source = report.article.source or report.article.id
        suffix_part = ""
        match = _SOURCE_PART.match(source)
        if match and (Path(match["path"]).is_file() or match["path"] == "-"):
            source, suffix_part = match["path"], f"-{match['n']}"
        path = Path(source)
        if source == "-":
            base = Path("stdin")
        elif source == "<text>":
            base = Path(report.article.id)
        else:
            base = self._relative(path)
        return base.with_name(report_stem(base.name) + suffix_part + SUFFIXES[self.fmt])

    def _relative(self, path: Path) -> Path:
        """The path below the input directory it came from (never escaping ``--out``)."""
        resolved = path.resolve()
        for root in self.roots:
            if root.is_dir() and resolved.is_relative_to(root.resolve()):
                return resolved.relative_to(root.resolve())
        return Path(path.name)

    def _unique(self, path: Path) -> Path:
        candidate, n = path, 1
        while candidate in self.used:
            n += 1
            candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        self.used.add(candidate)
        return candidate

    def close(self) -> None:
        pass


class FileSink(StreamSink):
    """All reports into one file (one report, a JSON array, or JSON Lines).

    Written to ``NAME.part`` beside the target and renamed when the run ends, so an earlier
    report at that path survives a run that fails, and readers never see half a file.
    """

    def __init__(self, path: Path, fmt: str, several: bool = False) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".part")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            stream = self.partial.open("w", encoding="utf-8")
        except OSError as error:
            raise ConfigError(Errors.E040, out=path, detail=error.strerror or error) from None
        super().__init__(stream, fmt, several)

    def close(self) -> None:
        """Finish the file and put it in place.

        Raises:
            OutputError: It can't be finished or put in place (E040); ``NAME.part`` is
                removed and an earlier report at the path is left as it was.
        """
        try:
            super().close()
            try:
                self.stream.close()
                self.partial.replace(self.path)
            except OSError as error:
                raise self.write_error(error) from None
        except NewsiftError:
            self.discard()
            raise

    def discard(self) -> None:
        """End without a report: remove ``NAME.part`` and leave the target as it was."""
        with suppress(OSError):  # the data that could not be written is being dropped anyway
            self.stream.close()
        with suppress(FileNotFoundError):
            self.partial.unlink()

    def write_error(self, error: OSError) -> NewsiftError:
        return OutputError(Errors.E040, out=self.path, detail=_reason(error))


def infer_format(out: Path | None, stdout_is_tty: bool) -> str:
    """The format when none is given: from --out's suffix, else terminal on a TTY, else JSON."""
    if out is not None:
        by_suffix = {".html": "html", ".htm": "html", ".md": "md", ".jsonl": "jsonl"}
        return by_suffix.get(out.suffix.lower(), "json")
    return "terminal" if stdout_is_tty else "json"


def writes_directory(fmt: str, out: Path, several: bool, out_is_directory: bool = False) -> bool:
    """Whether ``--out`` names a directory of reports (see :func:`open_sink`); an export
    format always writes a directory."""
    if fmt in EXPORT_FORMATS:
        return True
    if fmt == "jsonl":
        return False
    return out_is_directory or out.is_dir() or (several and not out.suffix)


def check_out_target(
    out: Path,
    paths: Sequence[str],
    fmt: str,
    as_directory: bool,
    input_format: str | None = None,
) -> None:
    """Refuse an ``--out`` that would overwrite an input, or be read back as one.

    An ``--out`` directory strictly inside an input directory is allowed: reading skips it
    (see :func:`excluded_from_inputs`).

    Args:
        out: ``--out``.
        paths: The input paths.
        fmt: Output format.
        as_directory: ``--out`` is a directory of reports (:func:`writes_directory`).
        input_format: ``--input-format`` (then every file in an input directory is read).

    Raises:
        ConfigError: ``--out`` is an input (E041), a file inside an input directory that
            would be read as an input there (E090), or a directory that is or holds an
            input directory, or where a report would replace an input file (E091).
    """
    target = out.resolve()
    inputs = [(given, Path(given).resolve()) for given in paths if given != "-"]
    if any(path == target for _, path in inputs):
        raise ConfigError(Errors.E041, out=out)
    for given, path in inputs:
        if as_directory and _overwritten_from(target, path, fmt):
            raise ConfigError(Errors.E091, out=out, source=given)
        if (
            not as_directory
            and path.is_dir()
            and target.is_relative_to(path)
            and _read_in_directory(target.relative_to(path), input_format)
        ):
            raise ConfigError(Errors.E090, out=out, directory=given)


def _overwritten_from(directory: Path, path: Path, fmt: str) -> bool:
    """Whether reports written to ``directory`` can land on the input ``path`` (or on files
    in it): ``directory`` is the input directory or holds it, or the report of the input
    file ``path`` takes its name in ``directory``."""
    if path.is_dir() or fmt in EXPORT_FORMATS:  # brat writes NAME.txt: any input inside
        return path.is_relative_to(directory)
    suffix = SUFFIXES.get(fmt)  # none for the terminal format, which --out refuses (E025)
    return suffix is not None and directory / (report_stem(path.name) + suffix) == path


def _read_in_directory(relative: Path, input_format: str | None) -> bool:
    """Whether the walk of an input directory reads the file at ``relative`` in it."""
    if any(part.startswith(".") for part in relative.parts):
        return False  # hidden files and directories are skipped
    return input_format is not None or format_for(relative.name) is not None


def excluded_from_inputs(out: Path | None, as_directory: bool) -> list[str]:
    """Paths the input walk must skip: an ``--out`` directory (inside an input directory, a
    run would otherwise read the reports of the run before it)."""
    return [str(out.resolve())] if out is not None and as_directory else []


def report_stem(name: str) -> str:
    """A report's file name without the format suffix: the input's name less its input
    suffixes (``feed.warc.gz`` → ``feed``)."""
    stem = name
    for ext in _INPUT_SUFFIXES:
        stem = stem.removesuffix(ext)
    return stem or name


def open_sink(
    fmt: str,
    out: Path | None,
    paths: Sequence[str],
    several: bool,
    console: Console,
    out_is_directory: bool = False,
    input_format: str | None = None,
    options: TerminalOptions | None = None,
) -> ReportSink:
    """Choose where reports go.

    ``--out`` is a directory (one file per document) when it is an existing directory, ends
    with a slash, or has no suffix while the inputs can hold several documents; otherwise it
    is one file.

    Args:
        fmt: Output format.
        out: ``--out``; ``None`` = stdout.
        paths: The input paths (to name per-document files after them).
        several: Whether the inputs can yield more than one report.
        console: The stdout console, for the terminal format.
        out_is_directory: The user wrote ``--out`` with a trailing slash.
        input_format: ``--input-format``, which decides what an input directory's walk reads.
        options: ``--show`` and ``--min-score`` (the latter also filters the exports).

    Raises:
        ConfigError: The terminal format with --out (E025); --out is an input or would
            overwrite or be read as one (E041, E090, E091); several HTML reports into one
            file, or a file where a directory is due (E021); an export format without a
            directory (E181); --out can't be written (E040).
    """
    if fmt in EXPORT_FORMATS:
        check_export_out(fmt, out)
    if out is None:
        if fmt == "terminal":
            return TerminalSink(console, options)
        return StreamSink(sys.stdout, fmt, several)
    if fmt == "terminal":
        raise ConfigError(Errors.E025, format=fmt)
    as_directory = writes_directory(fmt, out, several, out_is_directory)
    check_out_target(out, paths, fmt, as_directory, input_format)
    if fmt in EXPORT_FORMATS:
        try:
            return open_export_sink(fmt, out, options.min_score if options else 0.0)
        except OutputError as error:
            raise ConfigError(Errors.E040, out=out, detail=error.fields.get("detail")) from None
    if fmt == "jsonl":
        if out_is_directory or out.is_dir():
            raise ConfigError(Errors.E040, out=out, detail="--format jsonl writes one file")
        return FileSink(out, fmt, several)
    if as_directory:
        if out.exists() and not out.is_dir():
            raise ConfigError(Errors.E021, out=out, count="several")
        try:
            return DirectorySink(out, fmt, paths)
        except OSError as error:
            raise ConfigError(Errors.E040, out=out, detail=_reason(error)) from None
    if several and fmt == "html":
        raise ConfigError(Errors.E021, out=out, count="several")
    return FileSink(out, fmt, several)


def check_export_out(fmt: str, out: Path | None) -> None:
    """An export format needs ``--out`` naming a directory (existing or not).

    Raises:
        ConfigError: No ``--out``, or it names a file (E181).
    """
    if out is None:
        raise ConfigError(Errors.E181, format=fmt, files=EXPORT_FILES[fmt], detail="")
    if out.exists() and not out.is_dir():
        raise ConfigError(
            Errors.E181, format=fmt, files=EXPORT_FILES[fmt], detail=f"; {out} is a file"
        )
