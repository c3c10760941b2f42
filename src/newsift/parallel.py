"""Batch analysis in worker processes, streamed and in input order (``analyze --workers N``).

The parent reads the inputs (lazily, as :func:`newsift.ingest.read_inputs` yields them) and
writes the reports; each worker process loads the :class:`~newsift.pipeline.Pipeline` once and
analyses chunks of articles. At most ``max_pending`` chunks (and reader problems waiting for
their turn) are in flight at a time, so memory stays flat however many articles a batch
holds, and results come out in input order, the same reports as one process would give.

``--workers N`` is a budget of N cores. Each worker is one core's worth of work: one
onnxruntime thread (``NEWSIFT_ONNX_THREADS``), one OpenMP/BLAS thread and no encoder thread,
so N workers keep N cores busy and leave the others free, and several newsift jobs (or other
programs) can share a machine without oversubscribing it. ``--workers 1`` runs in the calling
process with one onnxruntime thread and no encoder thread (:class:`CoreBudget`; numpy's
BLAS is already loaded there and keeps its own threads, which newsift's analyzers barely
use). Workers start with
the ``forkserver`` method, not ``fork``: a forked child of a process that already loaded the
models (a test session, a notebook, the web app) inherits its cached ONNX sessions, built with
the parent's thread count and thread pools, so the worker's thread limit would be silently
ignored. The fork server imports :mod:`newsift.pipeline` once, so workers don't re-import
spaCy: two workers were ready in 1.9 s against 1.5 s with ``fork`` and 2.4 s with ``spawn``.

A worker that dies (killed for memory, a crash in native code) takes no batch down: the
pool is started afresh, and each article of the chunks that were in flight is analysed
again alone, one at a time, so the article that kills a worker is known for certain; if it
kills the fresh worker too it is reported (E093) and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from types import TracebackType
from typing import Any

from newsift import settings
from newsift.errors import ConfigError, Errors, InputError, NewsiftError
from newsift.model import Article, Report
from newsift.pipeline import Pipeline

#: Articles sent to a worker at once (parsed together by ``nlp.pipe``): small, so that work
#: spreads evenly over the workers to the end of a batch.
CHUNK_SIZE = 4
#: Chunks (and reader problems) in flight per worker: one being analysed, one queued.
PENDING_PER_WORKER = 2
#: How worker processes start (see the module docstring).
START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
#: Thread-count variables of OpenMP and the BLAS libraries numpy may use.
ONE_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
#: A worker's environment: one core's worth of threads.
WORKER_ENV = dict.fromkeys(ONE_THREAD_ENV, "1") | {settings.ONNX_THREADS_ENV: "1"}


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables while the block runs, then restore them."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@dataclass(frozen=True)
class CoreBudget:
    """How an in-process pipeline keeps to ``--workers N`` cores (None: no budget given, as
    for one article without ``--workers``: every core, for the shortest wait).

    spaCy's parse takes one of the N cores and the encoder, reading in a thread beside it,
    the other N - 1: the pipeline's ONNX sessions get N - 1 intra-op threads (unless the user
    set ``NEWSIFT_ONNX_THREADS``). On one core there is no encoder thread (it would only
    compete with the parse for that core) and one ONNX thread. With no budget the encoder
    gets every core but one (:func:`newsift.settings.encoder_threads`), and no encoder thread
    where only one core is usable.

    The thread counts take effect where the models are loaded, once per process (they are
    cached): a long-lived process (a notebook, the web app) keeps the count of its first load.
    Each ``newsift analyze`` is a fresh process, so there the budget always applies.
    """

    cores: int | None

    def __post_init__(self) -> None:
        if self.cores is not None and self.cores < 1:
            raise ValueError("cores must be at least 1")

    @property
    def encoder_thread(self) -> bool:
        """Whether the encoder reads in a thread beside the parse: only with a second core."""
        return (self.cores or settings.usable_cores()) > 1

    def environment(self) -> dict[str, str]:
        """The variables to set while the pipeline loads its models."""
        if self.cores is None or settings.onnx_threads() is not None:
            return {}
        return {settings.ONNX_THREADS_ENV: str(settings.encoder_threads(self.cores))}


@dataclass(frozen=True)
class PipelineOptions:
    """What every worker needs to build the same :class:`Pipeline` (explicit, picklable)."""

    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    spacy_model: str | None = None
    max_chars: int = settings.DEFAULT_MAX_CHARS

    def create(self, encoder_thread: bool = True) -> Pipeline:
        """Load the pipeline (see :meth:`Pipeline.create` for what it raises)."""
        return Pipeline.create(
            only=list(self.only),
            skip=list(self.skip),
            spacy_model=self.spacy_model,
            max_chars=self.max_chars,
            encoder_thread=encoder_thread,
        )


@dataclass(frozen=True)
class _Problem:
    """A :class:`NewsiftError` as plain data, rebuilt in the parent with the same message.

    Exceptions with keyword-only constructors don't survive pickling as they are; this
    carries the type, the formatted message, the code and the template's fields.
    """

    kind: type[NewsiftError]
    message: str
    code: str
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, error: NewsiftError) -> _Problem:
        plain = (str, int, float, bool, type(None))
        fields = {k: v if isinstance(v, plain) else str(v) for k, v in error.fields.items()}
        return cls(type(error), error.message, error.code, fields)

    def rebuild(self) -> NewsiftError:
        error = self.kind.__new__(self.kind)
        Exception.__init__(error, self.message)
        error.code, error.fields = self.code, dict(self.fields)
        return error


# Worker side: one pipeline per process, loaded by the pool's initializer.
_pipeline: Pipeline | None = None
_load_problem: _Problem | None = None


def _init_worker(options: PipelineOptions) -> None:
    """Limit threads to one core, then load the pipeline; a load failure is kept for the
    parent to raise."""
    global _pipeline, _load_problem
    # Ctrl-C reaches the whole process group: the parent stops the workers itself. SIGTERM
    # keeps its default (the pool stops workers with it), whatever a forking parent set.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ.update(WORKER_ENV)
    try:
        # A one-core worker has no idle core for the encoder thread to use (2 workers on 2
        # cores: 5.8 against 5.6 articles/s without it).
        _pipeline = options.create(encoder_thread=False)
    except NewsiftError as error:
        _load_problem = _Problem.of(error)


def _ready() -> _Problem | None:
    """Run in a worker once its pipeline is loaded: the load problem, if any."""
    return _load_problem


def _analyze_chunk(articles: list[Article]) -> list[Report | _Problem]:
    """Analyse a chunk in a worker; problems come back as data, in place."""
    if _pipeline is None:
        assert _load_problem is not None
        return [_load_problem]
    return [
        item if isinstance(item, Report) else _Problem.of(item)
        for item in _pipeline.analyze_stream(articles, batch_size=len(articles))
    ]


def peek_articles(
    items: Iterable[Article | InputError], wanted: int, max_items: int = 1000
) -> tuple[Iterator[Article | InputError], int]:
    """Read ahead until ``wanted`` articles (or ``max_items`` items) are seen.

    Returns:
        An iterator over every item, those read ahead first, and the number of articles
        read ahead (less than ``wanted`` only when the inputs hold fewer).
    """
    iterator = iter(items)
    ahead: list[Article | InputError] = []
    articles = 0
    for item in iterator:
        ahead.append(item)
        articles += isinstance(item, Article)
        if articles >= wanted or len(ahead) >= max_items:
            break
    return chain(ahead, iterator), articles


class WorkerPool:
    """``workers`` one-core processes, each with its own pipeline; use as a context manager.

    Args:
        workers: Number of processes (at least 1).
        options: How every worker builds its pipeline.
        chunk_size: Articles per task.
        max_pending: Tasks and reader problems held at once (default 2 per worker).
        start_method: ``forkserver`` (default where available), ``spawn`` or ``fork``.
    """

    def __init__(
        self,
        workers: int,
        options: PipelineOptions,
        *,
        chunk_size: int = CHUNK_SIZE,
        max_pending: int | None = None,
        start_method: str = START_METHOD,
    ) -> None:
        if workers < 1 or chunk_size < 1:
            raise ValueError("workers and chunk_size must be at least 1")
        self.workers = workers
        self.options = options
        self.chunk_size = chunk_size
        self.max_pending = max(1, max_pending or PENDING_PER_WORKER * workers)
        self.start_method = start_method
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close(abort=kind is not None)

    def start(self) -> WorkerPool:
        """Start every worker and wait until the first has loaded its pipeline.

        Raises:
            NewsiftError: The pipeline can't be loaded (e.g. a missing model, E015), before
                any article is sent.
            ConfigError: A worker died while loading it, e.g. for lack of memory (E094).
        """
        if self._executor is None:
            context = multiprocessing.get_context(self.start_method)
            if self.start_method == "forkserver":
                context.set_forkserver_preload(["newsift.pipeline"])
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.options,),
            )
            # One probe per worker starts them all now (spawned children start lazily), in
            # an environment that limits OpenMP/BLAS threads before numpy is first imported.
            processes: list[Any] = []
            try:
                with environment(dict.fromkeys(ONE_THREAD_ENV, "1")):
                    probes = []
                    for _ in range(self.workers):
                        probes.append(self._executor.submit(_ready))
                        # a worker that dies while the others start breaks the pool at once
                        processes = list((self._executor._processes or {}).values())
                problem = probes[0].result()
            except BrokenProcessPool:
                self.close(abort=True)
                detail = _how_it_ended([p.exitcode for p in processes])
                raise ConfigError(Errors.E094, detail=detail, workers=self.workers) from None
            if problem is not None:
                raise problem.rebuild()
        return self

    def warm(self) -> None:
        """Start, and return only once every worker has loaded its pipeline (benchmarks)."""
        executor = self.start()._executor
        assert executor is not None
        pids: set[int] = set()
        while len(pids) < self.workers:
            pids.update(f.result() for f in [executor.submit(os.getpid) for _ in range(2)])

    def analyze(self, items: Iterable[Article | InputError]) -> Iterator[Report | InputError]:
        """Analyse a stream in the workers, in input order; problems pass through in place.

        Reader problems stay in the parent; an article a worker refuses comes back as its
        :class:`InputError`, as :meth:`Pipeline.analyze_stream` gives it, and so does an
        article that kills its worker twice (E093).
        """
        self.start()
        pending: deque[_Entry] = deque()
        chunk: list[Article] = []

        def flush() -> None:
            if chunk:
                pending.append(self._submit(chunk.copy()))
                chunk.clear()

        for item in items:
            if isinstance(item, InputError):
                flush()
                pending.append(item)
            else:
                chunk.append(item)
                if len(chunk) >= self.chunk_size:
                    flush()
            while len(pending) >= self.max_pending:
                yield from self._next_results(pending)
        flush()
        while pending:
            yield from self._next_results(pending)

    def _submit(self, chunk: list[Article]) -> _Task:
        assert self._executor is not None
        return _Task(chunk, self._executor.submit(_analyze_chunk, chunk))

    def _next_results(self, pending: deque[_Entry]) -> Iterator[Report | InputError]:
        """The results of the first pending entry, in order; a load failure raises."""
        entry = pending.popleft()
        if isinstance(entry, InputError):
            yield entry
            return
        if isinstance(entry, _Task):
            try:
                entry = entry.future.result()
            except BrokenProcessPool:
                pending.appendleft(entry)
                self._recover(pending)
                entry = pending.popleft()
                assert isinstance(entry, list)
        for result in entry:
            if isinstance(result, Report):
                yield result
            else:
                error = result.rebuild()
                if not isinstance(error, InputError):
                    raise error
                yield error

    def _recover(self, pending: deque[_Entry]) -> None:
        """After a worker died: start a fresh pool, and settle every chunk in flight.

        Chunks finished before the death keep their results; each article of the others is
        analysed again alone, one at a time (nothing else runs meanwhile, so a second death
        is that article's doing).
        """
        self._restart()
        for index in range(len(pending)):
            entry = pending[index]
            if isinstance(entry, _Task):
                try:
                    pending[index] = entry.future.result()
                except (BrokenProcessPool, CancelledError):  # cancelled: by the restart
                    pending[index] = [item for a in entry.chunk for item in self._alone(a)]

    def _alone(self, article: Article) -> list[Report | _Problem]:
        """``article`` analysed on its own in the pool; E093 if its worker dies again."""
        task = self._submit([article])
        assert self._executor is not None
        workers = list((self._executor._processes or {}).values())
        try:
            return task.future.result()
        except BrokenProcessPool:
            self._restart()
            detail = _how_it_ended([p.exitcode for p in workers])
            source = article.source or article.id
            return [_Problem.of(InputError(Errors.E093, source=source, detail=detail))]

    def _restart(self) -> None:
        """Replace a broken pool by a fresh one (its workers load the pipeline again)."""
        self.close(abort=True)
        self.start()

    def close(self, abort: bool = False) -> None:
        """Stop the workers: after their current task, or at once if ``abort`` (Ctrl-C,
        SIGTERM, an error, a worker that died)."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if abort:
            processes = list((executor._processes or {}).values())
            executor.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join()
        executor.shutdown(wait=True, cancel_futures=True)


def _how_it_ended(exit_codes: list[int | None]) -> str:
    """How a pool's dead worker ended, in words (E093), from its workers' exit codes."""
    codes = [code for code in exit_codes if code not in (None, 0)]
    codes = [code for code in codes if code != -signal.SIGTERM] or codes  # the pool's stops
    if not codes:
        return "no exit status"
    if codes[0] == -signal.SIGKILL:
        return "killed by SIGKILL, as a process is when memory runs out"
    if codes[0] < 0:
        return f"killed by {signal.Signals(-codes[0]).name}"
    return f"exit status {codes[0]}"


@dataclass
class _Task:
    """A chunk sent to a worker, kept to be analysed again if the worker dies."""

    chunk: list[Article]
    future: Future[list[Report | _Problem]]


#: What waits for its turn in :meth:`WorkerPool.analyze`: a reader problem, a chunk in a
#: worker, or a chunk's results once settled after a worker died.
_Entry = InputError | _Task | list[Report | _Problem]


def analyze_parallel(
    items: Iterable[Article | InputError],
    workers: int,
    options: PipelineOptions | None = None,
) -> Iterator[Report | InputError]:
    """Analyse a stream in ``workers`` processes: :meth:`Pipeline.analyze_stream`'s results.

    The workers stop when the stream ends, when the caller stops iterating, or on an error.

    Raises:
        NewsiftError: The pipeline can't be loaded (on the first ``next``).
    """
    with WorkerPool(workers, options or PipelineOptions()) as pool:
        yield from pool.analyze(items)
