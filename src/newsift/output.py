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

    Several JSON reports to one stream become a JSON array, written as they come, so the
    output stays valid JSON and memory does not grow with the batch.
    """

    def __init__(self, stream: TextIO, fmt: str) -> None:
        self.stream = stream
        self.fmt = fmt
        self.count = 0

    def write(self, report: Report) -> None:
        text = render(report, self.fmt)
        if self.fmt == "jsonl":
            self.stream.write(text + "\n")
        elif self.fmt == "json":
            self._pending_json(text)
        else:
            self.stream.write(text if not self.count else "\n" + text)
        self.count += 1
        self.stream.flush()

    def _pending_json(self, text: str) -> None:
        # The first report is held back until we know whether a second follows.
        if self.count == 0:
            self._first = text
            return
        if self.count == 1:
            self.stream.write("[\n" + self._first)
        self.stream.write(",\n" + text)

    def close(self) -> None:
        if self.fmt == "json" and self.count == 1:
            self.stream.write(self._first + "\n")
        elif self.fmt == "json" and self.count > 1:
            self.stream.write("\n]\n")
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
        if match and Path(match["path"]).is_file():
            source, suffix_part = match["path"], f"-{match['n']}"
        path = Path(source)
        base = Path(report.article.id) if source in ("-", "<text>") else self._relative(path)
        stem = base.name
        for ext in (".gz", ".warc", ".txt", ".text", ".html", ".htm", ".jsonl", ".csv", ".ndjson"):
            stem = stem.removesuffix(ext)
        return base.with_name((stem or base.name) + suffix_part + SUFFIXES[self.fmt])

    def _relative(self, path: Path) -> Path:
        for root in self.roots:
            if root.is_dir() and path.is_relative_to(root):
                return path.relative_to(root)
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
    """All reports into one file (one report, or JSON Lines)."""

    def __init__(self, path: Path, fmt: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__(path.open("w", encoding="utf-8"), fmt)

    def close(self) -> None:
        super().close()
        self.stream.close()


def infer_format(out: Path | None, stdout_is_tty: bool) -> str:
    """The format when none is given: from --out's suffix, else terminal on a TTY, else JSON."""
    if out is not None:
        by_suffix = {".html": "html", ".htm": "html", ".md": "md", ".jsonl": "jsonl"}
        return by_suffix.get(out.suffix.lower(), "json")
    return "terminal" if stdout_is_tty else "json"


def open_sink(
    fmt: str, out: Path | None, paths: Sequence[str], several: bool, console: Console
) -> ReportSink:
    """Choose where reports go.

    Args:
        fmt: Output format.
        out: ``--out`` (a file, or a directory for several documents); ``None`` = stdout.
        paths: The input paths (to name per-document files after them).
        several: Whether the inputs can yield more than one report.
        console: The stdout console, for the terminal format.

    Raises:
        ConfigError: The terminal format with --out (E025); --out is an existing file but
            several per-document reports are due (E021).
    """
    if out is None:
        return TerminalSink(console) if fmt == "terminal" else StreamSink(sys.stdout, fmt)
    if fmt == "terminal":
        raise ConfigError(Errors.E025, format=fmt)
    if fmt == "jsonl":
        return FileSink(out, fmt)
    wants_directory = several or out.is_dir() or str(out).endswith(("/", "\\"))
    if wants_directory:
        if out.exists() and not out.is_dir():
            raise ConfigError(Errors.E021, out=out, count="several")
        return DirectorySink(out, fmt, paths)
    return FileSink(out, fmt)
