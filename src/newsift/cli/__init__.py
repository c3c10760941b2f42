"""The ``newsift`` command line. Commands parse and check options, then call plain functions."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table
from rich.text import Text

from newsift import __version__, settings
from newsift.analyzers import ANALYZERS, select_analyzers
from newsift.errors import (
    ConfigError,
    Errors,
    InputError,
    NewsiftError,
)
from newsift.exports import BratSink, LabelStudioSink, TableSink
from newsift.ingest import INPUT_FORMATS, read_inputs
from newsift.model import FINDING_KINDS, Article, Report, parse_date
from newsift.output import (
    FileSink,
    ReportSink,
    check_export_out,
    check_out_target,
    excluded_from_inputs,
    infer_format,
    open_sink,
    writes_directory,
)
from newsift.parallel import (
    CoreBudget,
    PipelineOptions,
    WorkerPool,
    environment,
    peek_articles,
)
from newsift.pipeline import Pipeline
from newsift.render import DEFAULT_SHOW, EXPORT_FORMATS, FORMATS, TerminalOptions
from newsift.text_safety import safe_line

#: ``--spacy-model``, the same on every command that loads a pipeline.
SpacyModelOption = Annotated[
    str | None,
    typer.Option(help="Installed spaCy English pipeline to use", envvar=settings.SPACY_MODEL_ENV),
]

app = typer.Typer(
    name="newsift",
    help="Read news articles and show, with evidence, who claims what, on whose authority.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Exit codes: 1 = some input could not be analysed; 2 = bad option or missing model.
EXIT_INPUT_PROBLEMS = 1
EXIT_CONFIG = 2
_CONTAINER_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".warc", ".warc.gz")
T = TypeVar("T")


@dataclass
class AnalyzeOptions:
    """Everything ``newsift analyze`` needs, already checked."""

    paths: list[str]
    fmt: str
    out: Path | None
    only: list[str] = field(default_factory=list)
    out_is_directory: bool = False
    skip: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    max_chars: int = settings.DEFAULT_MAX_CHARS
    input_format: str | None = None
    spacy_model: str | None = None
    #: Cores to use (``--workers``): N worker processes for a batch of two articles or more,
    #: one per core, else this process within N cores; None (the command's default) = every
    #: usable core. The pipeline factory is used only in this process.
    workers: int | None = 1
    #: Follow symbolic links in input directories out of them (``--follow-symlinks``).
    follow_symlinks: bool = False
    #: What the terminal report highlights and lists (``--show``) and the weakest finding
    #: the terminal report and the exports keep (``--min-score``).
    view: TerminalOptions = field(default_factory=TerminalOptions)


@dataclass
class BatchOutcome:
    """How a batch went: reports written and problems reported."""

    analysed: int = 0
    problems: list[NewsiftError] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_INPUT_PROBLEMS if self.problems else 0


def stderr_console() -> Console:
    """Console for messages and progress (never mixed into the report on stdout)."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def report_problem(console: Console, problem: NewsiftError) -> None:
    """One readable line on stderr per problem.

    Messages carry file names and text from the inputs: they are printed as plain text
    (never read as rich markup or emoji codes), with control characters shown, not sent.
    """
    console.print(_message_line("error:", "bold red", problem.message))


def report_message(console: Console, message: str) -> None:
    """One error line on stderr for a coded message that is not an exception."""
    console.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False)


def report_warning(console: Console, message: str) -> None:
    """One line on stderr, as plain as :func:`report_problem`'s; the exit code is unaffected."""
    console.print(_message_line("warning:", "yellow", message))


def _message_line(prefix: str, style: str, message: str) -> Text:
    return Text.assemble((prefix, style), " ", safe_line(message))


def may_yield_several(paths: list[str], input_format: str | None) -> bool:
    """Whether these inputs can produce more than one report."""
    if len(paths) > 1 or input_format in ("jsonl", "csv", "warc"):
        return True
    path = Path(paths[0])
    return path.is_dir() or path.name.lower().endswith(_CONTAINER_SUFFIXES)


def apply_overrides(
    items: Iterable[Article | InputError], published: str | None, outlet: str | None
) -> Iterator[Article | InputError]:
    """Replace publication date and outlet on every article (``--published``, ``--outlet``)."""
    date = parse_date(published)
    for item in items:
        yield (
            item
            if isinstance(item, InputError)
            else item.with_overrides(published=date, outlet=outlet)
        )


def with_progress(items: Iterable[T], console: Console, enabled: bool) -> Iterator[T]:
    """Show a progress bar on stderr once a second document starts, if ``enabled``."""
    if not enabled:
        yield from items
        return
    progress = Progress(
        SpinnerColumn(),
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    )
    task = None
    try:
        for count, item in enumerate(items):
            if count == 1:
                progress.start()
                task = progress.add_task("analyse", total=None, completed=1)
            yield item
            if task is not None:
                progress.advance(task)
    finally:
        progress.stop()


def run_analyze(
    options: AnalyzeOptions,
    console: Console,
    errors: Console,
    pipeline_factory: Callable[..., Pipeline] = Pipeline.create,
) -> BatchOutcome:
    """Analyse every input, write every report, and report every problem; never stop early.

    Raises:
        NewsiftError: A configuration problem that stops the run before it starts
            (unknown analyzer, bad date, missing model, impossible --out).
    """
    parse_date(options.published)  # check before loading models
    several = may_yield_several(options.paths, options.input_format)
    out_directory = options.out is not None and writes_directory(
        options.fmt, options.out, several, options.out_is_directory
    )
    if options.fmt in EXPORT_FORMATS:
        check_export_out(options.fmt, options.out)
    if options.out is not None:  # before any input is read
        check_out_target(
            options.out, options.paths, options.fmt, out_directory, options.input_format
        )
    items = apply_overrides(
        read_inputs(  # lazy: nothing is read before the first item is asked for
            options.paths,
            input_format=options.input_format,
            max_chars=options.max_chars,
            on_warning=lambda message: report_warning(errors, message),
            exclude=excluded_from_inputs(options.out, out_directory),
            follow_symlinks=options.follow_symlinks,
        ),
        options.published,
        options.outlet,
    )
    with ExitStack() as stack:
        pool: WorkerPool | None = None
        workers = options.workers or settings.usable_cores()
        if workers > 1 and several:
            select_analyzers(options.only, options.skip)  # a bad name stops the run before input
            # Worker processes only for two articles or more: one keeps the latency path.
            items, ahead = peek_articles(items, wanted=2)
            if ahead > 1:
                pool = stack.enter_context(
                    WorkerPool(
                        workers,
                        PipelineOptions(
                            only=tuple(options.only),
                            skip=tuple(options.skip),
                            spacy_model=options.spacy_model,
                            max_chars=options.max_chars,
                        ),
                    )
                )
                pool.start()  # a model that can't be loaded stops the run here
        if pool is None:
            budget = CoreBudget(options.workers)
            with environment(budget.environment()):  # the models load with the budget's threads
                pipeline = pipeline_factory(
                    only=options.only,
                    skip=options.skip,
                    spacy_model=options.spacy_model,
                    max_chars=options.max_chars,
                    encoder_thread=budget.encoder_thread,
                )
            results = pipeline.analyze_stream(items)
        else:
            results = pool.analyze(items)
        # Only once every option is known to be good: an output file is never touched otherwise.
        sink = open_sink(
            options.fmt,
            options.out,
            options.paths,
            several,
            console,
            options.out_is_directory,
            options.input_format,
            options.view,
        )
        outcome = BatchOutcome()
        show_progress = errors.is_terminal and several
        completed = False
        try:
            for result in with_progress(results, errors, show_progress):
                if isinstance(result, Report):
                    sink.write(result)
                    outcome.analysed += 1
                else:
                    report_problem(errors, result)
                    outcome.problems.append(result)
            completed = True
        finally:
            finish_sink(sink, keep=completed and outcome.analysed > 0)
    return outcome


def finish_sink(sink: ReportSink, keep: bool) -> None:
    """Close ``sink``; an ``--out`` file is put in place only when ``keep`` is true.

    An interrupted run (Ctrl+C, a crash) or one in which no input could be analysed leaves
    an earlier report at the ``--out`` path as it was, rather than replacing it with a
    partial or empty one: the reports were written to ``NAME.part``, which is removed.
    """
    if keep or not isinstance(sink, FileSink | TableSink | BratSink | LabelStudioSink):
        sink.close()
    else:
        sink.discard()


class StopSignal(KeyboardInterrupt):
    """A stop signal other than Ctrl-C (SIGTERM), raised where Ctrl-C raises
    :class:`KeyboardInterrupt`, so that both stop a run the same way: worker processes
    stopped, ``NAME.part`` removed, an earlier report left as it was."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM stops it as Ctrl-C does (see :class:`StopSignal`)."""

    owner = os.getpid()

    def stop(signum: int, _frame: object) -> None:
        if os.getpid() != owner:  # a forked worker, before it set its own handlers
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
        raise StopSignal(signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: signals stay as they are
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def exit_code_of(stop: KeyboardInterrupt) -> int:
    """The shell's code for a run stopped by a signal: 128 + its number (130 for Ctrl-C)."""
    return 128 + (stop.signum if isinstance(stop, StopSignal) else signal.SIGINT)


@contextmanager
def exit_on_problem() -> Iterator[None]:
    """Report a :class:`NewsiftError` on stderr and exit with :data:`EXIT_CONFIG`."""
    try:
        yield
    except NewsiftError as error:
        report_problem(stderr_console(), error)
        raise typer.Exit(EXIT_CONFIG) from None


def _split_names(values: list[str] | None) -> list[str]:
    """``--only a,b --only c`` → ``[a, b, c]``."""
    return [name.strip() for value in values or [] for name in value.split(",") if name.strip()]


#: Formats ``--min-score`` applies to; ``--show`` applies to the terminal alone.
MIN_SCORE_FORMATS = ("terminal", *EXPORT_FORMATS)


def view_options(fmt: str, show: list[str] | None, min_score: float | None) -> TerminalOptions:
    """``--show`` and ``--min-score``, checked against the format they are given with.

    Raises:
        ConfigError: An unknown kind or a score outside 0..1 (E024); an option the format
            does not use (E180).
    """
    kinds = _split_names(show)
    if kinds and fmt != "terminal":
        raise ConfigError(Errors.E180, option="show", applies="terminal", format=fmt)
    if min_score is not None and fmt not in MIN_SCORE_FORMATS:
        raise ConfigError(
            Errors.E180, option="min-score", applies=", ".join(MIN_SCORE_FORMATS), format=fmt
        )
    if min_score is not None and not 0 <= min_score <= 1:
        raise ConfigError(
            Errors.E024, option="min-score", expected="a score from 0 to 1", value=min_score
        )
    known: tuple[str, ...] = (*FINDING_KINDS, "all", "none")
    for kind in kinds:
        _check_choice("show", kind, known)
    chosen: frozenset[str] = DEFAULT_SHOW
    if "all" in kinds:
        chosen = frozenset(FINDING_KINDS)
    elif kinds:
        chosen = frozenset(k for k in kinds if k != "none")
    return TerminalOptions(show=chosen, min_score=min_score or 0.0)


def _check_choice(option: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise ConfigError(
            Errors.E024, option=option, expected="one of " + ", ".join(choices), value=value
        )


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or directories (.txt .html .jsonl .csv .warc[.gz]); - = stdin"),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="terminal, json, jsonl, md or html (default: terminal on a TTY, else json); "
            "csv, parquet, brat or labelstudio write a directory (--out DIR) for a batch",
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option("--out", "-o", help="Output file, or directory (DIR/) for one per input"),
    ] = None,
    only: Annotated[
        list[str] | None, typer.Option(help="Run only these analyzers (comma-separated)")
    ] = None,
    skip: Annotated[list[str] | None, typer.Option(help="Skip these analyzers")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD, overrides metadata")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name, overrides metadata")] = None,
    max_chars: Annotated[
        int, typer.Option(help="Refuse articles longer than this many characters", min=1)
    ] = settings.DEFAULT_MAX_CHARS,
    input_format: Annotated[
        str | None, typer.Option(help="Read every input as txt, html, jsonl, csv or warc")
    ] = None,
    spacy_model: SpacyModelOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Cores to use: a batch runs in this many processes, one per core "
            "(default: every usable core; 1 = this process, on one core)"
        ),
    ] = None,
    follow_symlinks: Annotated[
        bool,
        typer.Option("--follow-symlinks", help="Follow links in input directories out of them"),
    ] = False,
    show: Annotated[
        list[str] | None,
        typer.Option(
            help="Terminal: kinds to highlight and list (comma-separated: attribution, "
            "technique, claim, entity, place, time, flag, all, none; default: all but entity)"
        ),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option(help="Terminal and exports: leave out findings scoring below this (0-1)"),
    ] = None,
) -> None:
    """Analyse articles and write one evidence report per article."""
    errors = stderr_console()
    console = Console(highlight=False)
    try:
        _check_choice("format", fmt, FORMATS)
        _check_choice("input-format", input_format, INPUT_FORMATS)
        if workers is not None and workers < 1:
            raise ConfigError(
                Errors.E024,
                option="workers",
                expected="a whole number of at least 1",
                value=workers,
            )
        out_path = Path(out) if out else None
        chosen = fmt or infer_format(out_path, console.is_terminal)
        options = AnalyzeOptions(
            paths=paths,
            fmt=chosen,
            out=out_path,
            out_is_directory=out is not None and out.endswith(("/", os.sep)),
            only=_split_names(only),
            skip=_split_names(skip),
            published=published,
            outlet=outlet,
            max_chars=max_chars,
            input_format=input_format,
            spacy_model=spacy_model,
            workers=workers,
            follow_symlinks=follow_symlinks,
            view=view_options(chosen, show, min_score),
        )
        with stop_signals_interrupt():
            outcome = run_analyze(options, console, errors)
    except NewsiftError as error:
        report_problem(errors, error)
        raise typer.Exit(EXIT_CONFIG) from None
    except KeyboardInterrupt as stop:
        name = stop.args[0] if isinstance(stop, StopSignal) else "SIGINT"
        errors.print(f"Stopped by {name}; the run did not finish.", markup=False)
        raise typer.Exit(exit_code_of(stop)) from None
    if outcome.problems:
        errors.print(
            f"{outcome.analysed} analysed, {len(outcome.problems)} could not be analysed.",
            style="bold",
            markup=False,
        )
    raise typer.Exit(outcome.exit_code)


@app.command()
def analyzers(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    spacy_model: SpacyModelOption = None,
) -> None:
    """List the analyzers, their versions and the models they use."""
    with exit_on_problem():
        _check_choice("format", fmt, ("table", "json"))
        pipeline = Pipeline.create(spacy_model=spacy_model)
    rows = pipeline.describe_analyzers()
    if fmt == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title=f"newsift {__version__} analyzers")
    for column in ("name", "version", "finds", "models", "description"):
        table.add_column(column)
    for row in rows:
        models = ", ".join(f"{m['name']} {m['version']}" for m in row["models"])
        cells = (row["name"], row["version"], ", ".join(row["kinds"]), models, row["description"])
        table.add_row(*(Text(safe_line(str(value))) for value in cells))  # plug-ins' text
    Console().print(table)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=0, max=65535)] = 8000,
    insecure: Annotated[
        bool,
        typer.Option("--insecure", help="Allow a non-loopback --host without NEWSIFT_API_TOKEN"),
    ] = False,
    max_chars: Annotated[
        int, typer.Option(help="Refuse articles longer than this many characters", min=1)
    ] = settings.DEFAULT_MAX_CHARS,
    spacy_model: SpacyModelOption = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="A corpus (newsift corpus add … --db) to browse under /corpus: stories, "
            "timelines, the outlet network, copies side by side",
            envvar="NEWSIFT_DB",
        ),
    ] = None,
) -> None:
    """Serve the web workspace and the JSON API (http://127.0.0.1:8000/ by default)."""
    from newsift.web.server import serve as run_server

    with exit_on_problem():
        run_server(
            host,
            port,
            insecure,
            max_chars=max_chars,
            spacy_model=spacy_model,
            echo=typer.echo,
            db=db,
        )


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"newsift {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show version"),
    ] = None,
) -> None:
    """newsift: who claims what, on whose authority, with which techniques — with evidence."""


def main() -> None:
    """Entry point of the ``newsift`` script."""
    app()


__all__ = ["ANALYZERS", "app", "main", "run_analyze"]


# The command groups register themselves on ``app`` when imported.
from newsift.cli import corpus_commands, eval_commands, spark_commands  # noqa: E402, F401
