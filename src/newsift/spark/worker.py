"""What runs in Spark's Python workers: one pipeline per worker, documents to rows.

Public API::

    AnalyzeOptions(only, skip, spacy_model, max_chars, analyze)   # explicit, picklable
    analyze_batches(batches, options) -> Iterator[pyarrow.RecordBatch]   # mapInArrow
    warc_batches(batches, max_chars) -> Iterator[pyarrow.RecordBatch]    # one WARC file each
    load_probe(batches, options) -> Iterator[pyarrow.RecordBatch]        # benchmarks

A Python worker loads the :class:`~newsift.pipeline.Pipeline` the first time one of its
tasks needs it and keeps it in :data:`_PIPELINES` (Spark reuses its Python workers between
tasks, ``spark.python.worker.reuse``, so a worker loads once per job or session, never per
row or per batch; nothing is broadcast). The pipeline keeps to the task's CPUs
(``TaskContext.cpus()``, ``spark.task.cpus``): one core parses and, with more, the others run
the shared encoder's ONNX threads (:class:`newsift.parallel.CoreBudget`), never every core
of the node.

Each document becomes one ``articles`` row with its findings beside it, or an error row with
the code and message ``newsift analyze`` would print; an unexpected exception while
analysing one article is caught (E165) and the task goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import pyarrow as pa

from newsift import settings
from newsift.errors import Errors, InputError, MalformedInputError, NewsiftError
from newsift.ingest.base import ReadOptions, limit_metadata
from newsift.ingest.rows import article_from_row
from newsift.ingest.warc import read_warc
from newsift.language import detect_language, require_supported_language
from newsift.model import Article, Report
from newsift.parallel import ONE_THREAD_ENV, CoreBudget, PipelineOptions, environment
from newsift.pipeline import Pipeline
from newsift.spark import rows, sketch
from newsift.spark.rows import ID_MARK
from newsift.textcheck import check_encodable, check_text

#: Articles analysed (and rows yielded) together: bounds a worker's memory per batch.
CHUNK = 32
#: One pipeline per options, per Python worker process (see the module docstring).
_PIPELINES: dict[PipelineOptions, tuple[Pipeline, float]] = {}


@dataclass(frozen=True)
class AnalyzeOptions:
    """What every worker needs to analyse the same way (plain data: pickled to workers).

    Attributes:
        only: Analyzers to report (empty: all).
        skip: Analyzers to leave out.
        spacy_model: spaCy pipeline name (default: newsift's).
        max_chars: Longest text accepted.
        analyze: ``False`` stores and sketches articles without analysing them (as
            ``newsift corpus add --no-analyze``), for the copy step alone.
    """

    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    spacy_model: str | None = None
    max_chars: int = settings.DEFAULT_MAX_CHARS
    analyze: bool = True

    @property
    def pipeline(self) -> PipelineOptions:
        return PipelineOptions(self.only, self.skip, self.spacy_model, self.max_chars)


def task_cpus() -> int:
    """CPUs Spark gave the running task (``spark.task.cpus``); 1 outside a task."""
    from pyspark import TaskContext

    context = TaskContext.get()
    return max(1, int(context.cpus())) if context is not None else 1


def worker_pipeline(options: PipelineOptions) -> tuple[Pipeline, float]:
    """This worker's pipeline for ``options`` and the seconds its load took (once)."""
    found = _PIPELINES.get(options)
    if found is None:
        budget = CoreBudget(task_cpus())
        started = time.perf_counter()
        threads = dict.fromkeys(ONE_THREAD_ENV, str(budget.cores))
        with environment(threads | budget.environment()):
            pipeline = options.create(encoder_thread=budget.encoder_thread)
        found = (pipeline, time.perf_counter() - started)
        _PIPELINES[options] = found
    return found


def _document_article(document: Mapping[str, Any], max_chars: int) -> Article:
    """The article in an input row, checked as ``newsift analyze`` checks a JSONL row."""
    source = str(document.get("source") or "-")
    row = {k: document.get(k) for k in ("id", "text", "title", "url", "outlet", "published")}
    ident = document.get("id")
    # messages name the file and the row's id ("data.jsonl, id a2"), as Spark has no line
    where, unit = source.split(ID_MARK, 1)[0], "id" if ident else "row"
    article = article_from_row(row, where, ident or "?", max_chars, unit=unit)  # type: ignore[arg-type]
    article = limit_metadata(article, ReadOptions(max_chars=max_chars))
    return article.with_overrides(source=document.get("source") or article.source)


def _published_at(article: Article) -> str | None:
    return article.published_at.isoformat() if article.published_at else None


def _sketched(row: dict[str, Any], document: Mapping[str, Any]) -> dict[str, Any]:
    text = row.get("text")
    if isinstance(text, str) and text:
        row.update(sketch.sketch_columns(text))
        row["content_key"] = sketch.content_key(text)
        row["lines"] = sketch.line_hashes(text)
    else:
        row.update(content_key=None, n_words=None, bands=None, anchors=None, lines=None)
    row["published_month"] = rows.published_month(row)
    row.setdefault("findings", [])
    return row


def _error(
    document: Mapping[str, Any], error: NewsiftError, article: Article | None = None
) -> dict[str, Any]:
    row = rows.error_row(document, error.code or None, error.message, article)
    if article is not None:
        row["published_at"] = _published_at(article)
    return _sketched(row, document)


def _ok(document: Mapping[str, Any], report: Report, article: Article) -> dict[str, Any]:
    row = rows.article_row(document, report)
    row["published_at"] = _published_at(article)
    row = _sketched(row, document)
    month = row["published_month"]
    row["findings"] = [f | {"published_month": month} for f in rows.finding_rows(report)]
    return row


def _stored(document: Mapping[str, Any], article: Article, max_chars: int) -> dict[str, Any]:
    """A row for ``analyze=False``: checked as the analysis would check it, sketched."""
    source = article.source or article.id
    try:
        check_text(article.text, source, max_chars)
        check_encodable(article.text, source)
        language = require_supported_language(article.text, source)
    except InputError as error:
        return _error(document, error, _with_guess(article, error))
    row = rows.stored_row(document, article.with_overrides(language=language))
    row["published_at"] = _published_at(article)
    return _sketched(row, document)


def _with_guess(article: Article, error: InputError) -> Article:
    """The article with its detected language when the error is E013 (as the corpus stores
    it), so the row says which language it is."""
    if error.code != "E013":
        return article
    guess = detect_language(article.text)
    return article.with_overrides(language=guess.code if guess else None)


def _analyse_chunk(
    documents: list[dict[str, Any]], options: AnalyzeOptions
) -> list[dict[str, Any]]:
    out: list[dict[str, Any] | None] = [None] * len(documents)
    todo: list[tuple[int, Article]] = []
    for index, document in enumerate(documents):
        if document.get("error_code"):  # the reader's own error (a corrupt line, a WARC file)
            row = rows.error_row(document, document["error_code"], document["error_message"])
            out[index] = _sketched(row, document)
            continue
        try:
            article = _document_article(document, options.max_chars)
        except InputError as error:
            out[index] = _error(document, error)
            continue
        if options.analyze:
            todo.append((index, article))
        else:
            out[index] = _stored(document, article, options.max_chars)
    if todo:
        for (index, article), result in zip(todo, _analyse(todo, options), strict=True):
            document = documents[index]
            if isinstance(result, Report):
                out[index] = _ok(document, result, article)
            else:
                out[index] = _error(document, result, _with_guess(article, result))
    return [row for row in out if row is not None]


def _analyse(todo: list[tuple[int, Article]], options: AnalyzeOptions) -> list[Report | InputError]:
    pipeline, _ = worker_pipeline(options.pipeline)
    only, skip = list(options.only) or None, list(options.skip) or None
    articles = [article for _, article in todo]
    try:
        return list(pipeline.analyze_stream(articles, only=only, skip=skip))
    except Exception:  # one article broke the batch: find it, analyse the rest alone
        return [_analyse_alone(pipeline, article, options) for article in articles]


def _analyse_alone(
    pipeline: Pipeline, article: Article, options: AnalyzeOptions
) -> Report | InputError:
    only, skip = list(options.only) or None, list(options.skip) or None
    try:
        return pipeline.analyze(article, only=only, skip=skip)
    except InputError as error:
        return error
    except Exception as error:
        detail = f"{type(error).__name__}: {error}"[:300]
        return MalformedInputError(Errors.E165, source=article.source or article.id, detail=detail)


def analyze_batches(
    batches: Iterable[pa.RecordBatch], options: AnalyzeOptions
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body: DOCUMENTS batches in, ANALYSED batches out (see schemas)."""
    from newsift.spark.schemas import ANALYSED, arrow_schema

    schema = arrow_schema(ANALYSED)
    for batch in batches:
        documents = batch.to_pylist()
        for start in range(0, len(documents), CHUNK):
            analysed = _analyse_chunk(documents[start : start + CHUNK], options)
            yield pa.RecordBatch.from_pylist(analysed, schema=schema)


def _warc_rows(path: str, content: bytes, max_chars: int) -> Iterator[dict[str, Any]]:
    options = ReadOptions(max_chars=max_chars)
    for item in read_warc(BytesIO(content), path, options):
        if isinstance(item, InputError):
            source = str(item.fields.get("source", path))
            yield {"source": source, "error_code": item.code, "error_message": item.message}
            continue
        article = limit_metadata(item, options)
        yield {
            "id": article.id,
            "text": article.text,
            "title": article.title,
            "url": article.url,
            "outlet": article.outlet,
            "published": _published_at(article)
            or (article.published.isoformat() if article.published else None),
            "source": article.source,
        }


def warc_batches(batches: Iterable[pa.RecordBatch], max_chars: int) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body over Spark's ``binaryFile`` rows (``path``, ``content``): the pages
    of each WARC file as DOCUMENTS rows, read as ``newsift analyze`` reads them."""
    from newsift.spark.schemas import DOCUMENTS, arrow_schema

    schema = arrow_schema(DOCUMENTS)
    for batch in batches:
        for path, content in zip(
            batch.column("path").to_pylist(), batch.column("content").to_pylist(), strict=True
        ):
            found: list[dict[str, Any]] = []
            for row in _warc_rows(str(path), bytes(content or b""), max_chars):
                found.append(row)
                if len(found) >= CHUNK:
                    yield pa.RecordBatch.from_pylist(found, schema=schema)
                    found = []
            if found:
                yield pa.RecordBatch.from_pylist(found, schema=schema)


def _peak_rss_bytes() -> int:
    """This process's peak resident memory (VmHWM in /proc/self/status), 0 if unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def load_probe(
    batches: Iterable[pa.RecordBatch], options: AnalyzeOptions
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` body: load (or find) this worker's pipeline and say how long the load
    took, with the worker's pid, its CPUs and peak memory (``benchmarks/bench_spark.py``)."""
    for _ in batches:
        pass
    loaded_before = options.pipeline in _PIPELINES
    _, seconds = worker_pipeline(options.pipeline)
    yield pa.RecordBatch.from_pylist(
        [
            {
                "pid": os.getpid(),
                "cpus": task_cpus(),
                "load_seconds": 0.0 if loaded_before else seconds,
                "peak_rss_bytes": _peak_rss_bytes(),
            }
        ],
        schema=pa.schema(
            [
                ("pid", pa.int64()),
                ("cpus", pa.int32()),
                ("load_seconds", pa.float64()),
                ("peak_rss_bytes", pa.int64()),
            ]
        ),
    )
