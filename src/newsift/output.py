"""Where reports go: stdout, one file, or one file per document in a directory."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, TextIO

from rich.console import Console
from rich.rule import Rule

from newsift.errors import ConfigError, Errors
from newsift.model import Report
from newsift.render import print_report, render

#: File suffix for each format written to files.
SUFFIXES = {"json": ".json", "jsonl": ".jsonl", "md": ".md", "html": ".html"}
_SOURCE_PART = re.compile(r"^(?P<path>.+?)(?P<sep>[:#])(?P<n>\d+)$")


class ReportSink(Protocol):
    """Something reports are written to, one at a time."""

    def write(self, report: Report) -> None: ...

    def close(self) -> None: ...


class TerminalSink:
    """Rich output, a rule between reports."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.count = 0

    def write(self, report: Report) -> None:
        if self.count:
            self.console.print(Rule(style="dim"))
        print_report(report, self.console)
        self.count += 1

    def close(self) -> None:
        pass


class StreamSink:
    """Reports to a text stream: JSON Lines one per line; other formats one after another.

    JSON is one object when the inputs hold one document (a file), and an array when they
    can hold several (a directory, JSONL, CSV, WARC, several paths) — whatever the number of
    reports that arrive, so scripts can rely on the shape. Arrays are written as reports
    come, so memory does not grow with the batch.
    """

    def __init__(self, stream: TextIO, fmt: str, several: bool = False) -> None:
        self.stream = stream
        self.fmt = fmt
        self.several = several
        self.count = 0

    def write(self, report: Report) -> None:
        text = render(report, self.fmt)
        if self.fmt == "jsonl":
            self.stream.write(text + "\n")
        elif self.fmt == "json" and self.several:
            self.stream.write(("[\n" if not self.count else ",\n") + text)
        elif self.fmt == "json":
            self.stream.write(text + "\n")
        else:
            self.stream.write(text if not self.count else "\n" + text)
        self.count += 1
        self.stream.flush()

    def close(self) -> None:
        if self.fmt == "json" and self.several:
            self.stream.write("\n]\n" if self.count else "[]\n")
        self.stream.flush()


class DirectorySink:
    """One ``NAME.<ext>`` per document in a directory, names derived from the input paths."""

    def __init__(self, directory: Path, fmt: str, roots: Sequence[str]) -> None:
        self.directory = directory
        self.fmt = fmt
        self.roots = [Path(r) for r in roots if r != "-"]
        self.used: set[Path] = set()
        directory.mkdir(parents=True, exist_ok=True)

    def write(self, report: Report) -> None:
        path = self._unique(self.directory / self.relative_name(report))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(report, self.fmt) + "\n", encoding="utf-8")

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
        stem = base.name
        for ext in (".gz", ".warc", ".txt", ".text", ".html", ".htm", ".jsonl", ".csv", ".ndjson"):
            stem = stem.removesuffix(ext)
        return base.with_name((stem or base.name) + suffix_part + SUFFIXES[self.fmt])

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
        super().close()
        self.stream.close()
        self.partial.replace(self.path)

    def discard(self) -> None:
        """End without a report: remove ``NAME.part`` and leave the target as it was."""
        self.stream.close()
        self.partial.unlink(missing_ok=True)


def infer_format(out: Path | None, stdout_is_tty: bool) -> str:
    """The format when none is given: from --out's suffix, else terminal on a TTY, else JSON."""
    if out is not None:
        by_suffix = {".html": "html", ".htm": "html", ".md": "md", ".jsonl": "jsonl"}
        return by_suffix.get(out.suffix.lower(), "json")
    return "terminal" if stdout_is_tty else "json"


def open_sink(
    fmt: str,
    out: Path | None,
    paths: Sequence[str],
    several: bool,
    console: Console,
    out_is_directory: bool = False,
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

    Raises:
        ConfigError: The terminal format with --out (E025); --out is an input (E041);
            several HTML reports into one file, or a file where a directory is due (E021);
            --out can't be written (E040).
    """
    if out is None:
        return TerminalSink(console) if fmt == "terminal" else StreamSink(sys.stdout, fmt, several)
    if fmt == "terminal":
        raise ConfigError(Errors.E025, format=fmt)
    if any(p != "-" and Path(p).resolve() == out.resolve() for p in paths):
        raise ConfigError(Errors.E041, out=out)
    names_directory = out_is_directory or out.is_dir()
    if fmt == "jsonl":
        if names_directory:
            raise ConfigError(Errors.E040, out=out, detail="--format jsonl writes one file")
        return FileSink(out, fmt, several)
    if names_directory or (several and not out.suffix):
        if out.exists() and not out.is_dir():
            raise ConfigError(Errors.E021, out=out, count="several")
        try:
            return DirectorySink(out, fmt, paths)
        except OSError as error:
            raise ConfigError(Errors.E040, out=out, detail=error.strerror or error) from None
    if several and fmt == "html":
        raise ConfigError(Errors.E021, out=out, count="several")
    return FileSink(out, fmt, several)
