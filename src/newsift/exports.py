"""Sinks that write a whole batch into a directory: tables (CSV, Parquet) and annotation-tool
files (brat, Label Studio).

Rows and files are written as reports arrive, so memory does not grow with the batch (only
the per-outlet sums and the set of labels seen are kept). Files that span the batch are
written to ``NAME.part`` and put in place by :meth:`close`; :meth:`discard` removes them,
leaving files of an earlier run as they were.
"""

from __future__ import annotations

import csv
import json
import re
from contextlib import suppress
from pathlib import Path
from typing import IO, Any

from newsift.errors import Errors, OutputError
from newsift.model import Report
from newsift.render import digest
from newsift.render.brat import annotation_conf, report_ann
from newsift.render.labelstudio import labelling_config, region_label, task
from newsift.render.tables import TABLES, ColumnType, Outlets, Row, report_rows, spreadsheet_safe
from newsift.render.words import field

#: Rows a Parquet table holds in memory before writing them as a row group.
PARQUET_ROW_GROUP = 5000
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


class PartFiles:
    """Files in a directory written through ``NAME.part`` and put in place together."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.parts: list[tuple[Path, Path]] = []

    def open(self, name: str, mode: str = "w") -> IO[Any]:
        """Open ``NAME.part`` for writing (text files as UTF-8, newlines as given)."""
        path = self.directory / name
        partial = path.with_name(path.name + ".part")
        self.parts.append((partial, path))
        try:
            if "b" in mode:
                return partial.open(mode)
            return partial.open(mode, encoding="utf-8", newline="")
        except OSError as error:
            raise OutputError(Errors.E040, out=path, detail=_reason(error)) from None

    def commit(self) -> None:
        """Put every file in place."""
        for partial, path in self.parts:
            try:
                partial.replace(path)
            except OSError as error:
                raise OutputError(Errors.E040, out=path, detail=_reason(error)) from None

    def discard(self) -> None:
        """Remove every ``NAME.part``."""
        for partial, _ in self.parts:
            with suppress(OSError):
                partial.unlink(missing_ok=True)


def write_whole(path: Path, text: str) -> None:
    """Write one file through ``NAME.part``, so a file at ``path`` is replaced only by a whole
    one.

    Raises:
        OutputError: It can't be written (E040).
    """
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_text(text, encoding="utf-8", newline="")
        partial.replace(path)
    except OSError as error:
        raise OutputError(Errors.E040, out=path, detail=_reason(error)) from None
    finally:
        with suppress(OSError):
            partial.unlink(missing_ok=True)


def _make_directory(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(Errors.E040, out=directory, detail=_reason(error)) from None


class _CsvTable:
    def __init__(self, stream: IO[str], columns: tuple[tuple[str, ColumnType], ...]) -> None:
        self.stream = stream
        self.names = [name for name, _ in columns]
        self.writer = csv.writer(stream, lineterminator="\r\n")
        self.writer.writerow(self.names)

    def write(self, row: Row) -> None:
        self.writer.writerow([csv_cell(row.get(name)) for name in self.names])

    def close(self) -> None:
        self.stream.close()


def csv_cell(value: object) -> str:
    """A CSV cell: empty for no value, numbers as numbers, text escaped against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return spreadsheet_safe(str(value))


class _ParquetTable:
    def __init__(self, stream: IO[bytes], columns: tuple[tuple[str, ColumnType], ...]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}
        self.pa = pa
        self.schema = pa.schema([(name, types[kind]) for name, kind in columns])
        self.stream = stream
        self.writer = pq.ParquetWriter(stream, self.schema)
        self.rows: list[Row] = []

    def write(self, row: Row) -> None:
        self.rows.append(row)
        if len(self.rows) >= PARQUET_ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            table = self.pa.Table.from_pylist(self.rows, schema=self.schema)
            self.writer.write_table(table)
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()
        self.stream.close()


class TableSink:
    """``--format csv`` / ``parquet``: one table per finding kind, plus ``articles``,
    ``sources`` and ``outlets`` (see :data:`newsift.render.tables.TABLES`)."""

    def __init__(self, directory: Path, fmt: str, min_score: float = 0.0) -> None:
        _make_directory(directory)
        self.files = PartFiles(directory)
        self.min_score = min_score
        self.outlets = Outlets()
        self.tables: dict[str, _CsvTable | _ParquetTable] = {}
        try:
            for name, columns in TABLES.items():
                if fmt == "csv":
                    self.tables[name] = _CsvTable(self.files.open(f"{name}.csv"), columns)
                else:
                    stream = self.files.open(f"{name}.parquet", "wb")
                    self.tables[name] = _ParquetTable(stream, columns)
        except BaseException:
            self.discard()
            raise

    def write(self, report: Report) -> None:
        """Add one report's rows to the tables.

        Raises:
            OutputError: A table can't be written (E040).
        """
        findings = digest.kept(report.findings, self.min_score)
        try:
            for name, row in report_rows(report, findings):
                self.tables[name].write(row)
                if name == "articles":
                    self.outlets.add(row)
        except OSError as error:
            raise OutputError(
                Errors.E040, out=self.files.directory, detail=_reason(error)
            ) from None

    def close(self) -> None:
        """Write the outlet summary and put every table in place."""
        try:
            for row in self.outlets.rows():
                self.tables["outlets"].write(row)
            for table in self.tables.values():
                table.close()
        except OSError as error:
            self.discard()
            raise OutputError(
                Errors.E040, out=self.files.directory, detail=_reason(error)
            ) from None
        self.files.commit()

    def discard(self) -> None:
        """End without tables: close and remove the partial files."""
        for table in self.tables.values():
            with suppress(OSError, ValueError):
                table.stream.close()
        self.files.discard()


class _ArticleNames:
    """A file name per article: its id made safe for file systems, unique in the directory."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, report: Report) -> str:
        base = _UNSAFE_NAME.sub("_", report.article.id).strip("._")[:100] or "article"
        name, n = base, 1
        while name.lower() in self.used:
            n += 1
            name = f"{base}-{n}"
        self.used.add(name.lower())
        return name


def article_metadata(report: Report, name: str) -> str:
    """One line of ``articles.jsonl``: the file name and the article's metadata, so
    ``newsift eval brat`` can analyse the text again as it was."""
    article = report.article
    return json.dumps(
        {
            "name": name,
            "id": article.id,
            "title": article.title,
            "outlet": article.outlet,
            "url": article.url,
            "published": article.published.isoformat() if article.published else None,
        },
        ensure_ascii=False,
    )


class BratSink:
    """``--format brat``: ``NAME.txt`` and ``NAME.ann`` per article, ``annotation.conf`` and
    ``articles.jsonl`` (see :mod:`newsift.render.brat`)."""

    def __init__(self, directory: Path, min_score: float = 0.0) -> None:
        _make_directory(directory)
        self.directory = directory
        self.min_score = min_score
        self.names = _ArticleNames()
        self.labels: dict[str, set[str]] = {}
        self.categories: set[str] = set()
        self.files = PartFiles(directory)
        self.metadata = self.files.open("articles.jsonl")

    def write(self, report: Report) -> None:
        """Write one article's text and annotations.

        Raises:
            OutputError: A file can't be written (E040).
        """
        findings = digest.kept(report.findings, self.min_score)
        name = self.names(report)
        write_whole(self.directory / f"{name}.txt", report.article.text)
        write_whole(self.directory / f"{name}.ann", report_ann(report.article.text, findings))
        for f in findings:
            self.labels.setdefault(f.kind, set()).add(str(f.label))
            category = field(f.fields.get("source"), "category")
            if category:
                self.categories.add(str(category))
        try:
            self.metadata.write(article_metadata(report, name) + "\n")
        except OSError as error:
            raise OutputError(Errors.E040, out=self.directory, detail=_reason(error)) from None

    def close(self) -> None:
        """Write ``annotation.conf`` and put ``articles.jsonl`` in place."""
        try:
            self.metadata.close()
        except OSError as error:
            self.discard()
            raise OutputError(Errors.E040, out=self.directory, detail=_reason(error)) from None
        write_whole(
            self.directory / "annotation.conf", annotation_conf(self.labels, self.categories)
        )
        self.files.commit()

    def discard(self) -> None:
        with suppress(OSError):
            self.metadata.close()
        self.files.discard()


class LabelStudioSink:
    """``--format labelstudio``: ``tasks.json`` (a JSON array of tasks with predictions,
    written as reports come) and ``config.xml`` (the labelling config)."""

    def __init__(self, directory: Path, min_score: float = 0.0, model_version: str = "") -> None:
        _make_directory(directory)
        self.directory = directory
        self.min_score = min_score
        self.model_version = model_version
        self.labels: set[str] = set()
        self.files = PartFiles(directory)
        self.stream = self.files.open("tasks.json")
        self.count = 0

    def write(self, report: Report) -> None:
        """Add one article's task.

        Raises:
            OutputError: ``tasks.json`` can't be written (E040).
        """
        findings = digest.kept(report.findings, self.min_score)
        version = self.model_version or f"newsift {report.newsift_version}"
        entry = task(report, findings, self.count + 1, version)
        self.labels.update(region_label(f) for f in findings)
        text = json.dumps(entry, ensure_ascii=False)
        try:
            self.stream.write(("[\n" if not self.count else ",\n") + text)
        except OSError as error:
            raise OutputError(Errors.E040, out=self.directory, detail=_reason(error)) from None
        self.count += 1

    def close(self) -> None:
        """End the array, write ``config.xml`` and put ``tasks.json`` in place."""
        try:
            self.stream.write("\n]\n" if self.count else "[]\n")
            self.stream.close()
        except OSError as error:
            self.discard()
            raise OutputError(Errors.E040, out=self.directory, detail=_reason(error)) from None
        write_whole(self.directory / "config.xml", labelling_config(self.labels))
        self.files.commit()

    def discard(self) -> None:
        with suppress(OSError):
            self.stream.close()
        self.files.discard()


ExportSink = TableSink | BratSink | LabelStudioSink


def open_export_sink(fmt: str, directory: Path, min_score: float = 0.0) -> ExportSink:
    """The sink of an export format (``csv``, ``parquet``, ``brat``, ``labelstudio``)."""
    if fmt == "brat":
        return BratSink(directory, min_score)
    if fmt == "labelstudio":
        return LabelStudioSink(directory, min_score)
    return TableSink(directory, fmt, min_score)


__all__ = [
    "BratSink",
    "ExportSink",
    "LabelStudioSink",
    "TableSink",
    "csv_cell",
    "open_export_sink",
]
