"""The ``newsift`` command line. Commands parse and check options, then call plain functions."""

from __future__ import annotations

import json
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

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
    InputNotFoundError,
    ModelNotFoundError,
    NewsiftError,
)
from newsift.ingest import INPUT_FORMATS, read_inputs
from newsift.model import Article, Report, parse_date
from newsift.output import (
    FileSink,
    ReportSink,
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
from newsift.render import FORMATS
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
    if keep or not isinstance(sink, FileSink):
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
            help="terminal, json, jsonl, md or html (default: terminal on a TTY, else json)",
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
        options = AnalyzeOptions(
            paths=paths,
            fmt=fmt or infer_format(out_path, console.is_terminal),
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


# --- paste below into src/newsift/cli.py (after the `analyzers` command) ---
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
) -> None:
    """Serve the web workspace and the JSON API (http://127.0.0.1:8000/ by default)."""
    from newsift.web.server import serve as run_server

    with exit_on_problem():
        run_server(
            host, port, insecure, max_chars=max_chars, spacy_model=spacy_model, echo=typer.echo
        )


eval_app = typer.Typer(help="Measure analyzers on annotated data with the field's metrics.")
train_app = typer.Typer(help="Train models (needs the train extra: pip install -e '.[train]').")
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")


@eval_app.command("checkworthy")
def eval_checkworthy(
    file: Annotated[Path, typer.Argument(help="ClaimBuster CSV or CheckThat! TSV")],
    write_predictions: Annotated[
        Path | None, typer.Option(help="Write Sentence_id<TAB>score<TAB>Yes|No rows here")
    ] = None,
    articles: Annotated[
        Path | None,
        typer.Option(
            help="JSONL of the articles the sentences come from (a 'text' per line): read "
            "each sentence in its article, as the analyzer does"
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 of the check-worthy class on a labelled sentence file."""
    from newsift.analyzers.claims import shared_head
    from newsift.eval.corpora.checkworthy import read_articles
    from newsift.eval.report import format_binary
    from newsift.eval.run import claims_scorer, evaluate_checkworthy

    with exit_on_problem():
        texts = read_articles(articles) if articles is not None else None
        scorer = claims_scorer(texts)
        scores = evaluate_checkworthy(file, scorer, shared_head().threshold, write_predictions)
    typer.echo(format_binary(scores))


@eval_app.command("polnear")
def eval_polnear(
    directory: Annotated[Path, typer.Argument(help="A PolNeAR part with text/ and attributions/")],
    spacy_model: SpacyModelOption = None,
) -> None:
    """Attribution content P/R/F1 (Jaccard >= 0.5), quotation recall, source and cue accuracy."""
    from newsift.eval.report import format_polnear
    from newsift.eval.run import attribution_nlp, evaluate_polnear

    with exit_on_problem():
        scores = evaluate_polnear(directory, attribution_nlp(spacy_model))
    typer.echo(format_polnear(scores))


@eval_app.command("sources")
def eval_sources(
    file: Annotated[
        str | None,
        typer.Argument(
            help="Source-type set (JSONL), or the name of a bundled one (articles, dev2, dev3, "
            "heldout, heldout2 … heldout5); default: articles"
        ),
    ] = None,
) -> None:
    """Source-type accuracy of attributions (named person/organisation, anonymous, vague)."""
    from newsift.eval.corpora.sources import DEFAULT_PATH, SETS, set_path
    from newsift.eval.report import format_source_scores
    from newsift.eval.run import evaluate_source_types

    path = DEFAULT_PATH if file is None else Path(file)
    if file in SETS and not path.exists():  # a bundled set by name, unless a file has it
        path = set_path(file)
    with exit_on_problem():
        scores = evaluate_source_types(path)
    typer.echo(format_source_scores(scores))


@eval_app.command("places")
def eval_places(
    file: Annotated[
        Path | None, typer.Argument(help="Place test set (JSONL); default: the bundled one")
    ] = None,
    points: Annotated[
        Path | None,
        typer.Option(
            help="The corpus' own JSONL (lgl.jsonl, gwn.jsonl) with gold coordinates and "
            "feature codes, for Acc@161 and the country/region scores"
        ),
    ] = None,
) -> None:
    """Place resolution on a test set: recognition P/R/F1, Acc@161, exact id, flags."""
    from newsift.eval.run import evaluate_places

    with exit_on_problem():
        scores = evaluate_places(file, points=points)
    typer.echo(json.dumps(scores.to_dict(), indent=2))
    raise typer.Exit(1 if scores.failures() else 0)


@eval_app.command("time")
def eval_time(
    files: Annotated[
        list[Path], typer.Argument(help="TimeML-derived JSONL: text, dct, timexes per line")
    ],
    errors: Annotated[
        int, typer.Option(help="Also print the N most frequent value errors (gold <- ours)")
    ] = 0,
    annotated_lines: Annotated[
        int | None,
        typer.Option(
            help="Only the first N lines of each text carry gold (MEANTIME: 6); later "
            "predictions are not scored"
        ),
    ] = None,
    spacy_model: SpacyModelOption = None,
) -> None:
    """TempEval-3 scores of the time analyzer: strict/relaxed extraction, type, value F1."""
    from newsift.eval.report import format_time
    from newsift.eval.run import evaluate_time

    with exit_on_problem():
        pipeline = Pipeline.create(only=["time"], spacy_model=spacy_model)
        for file in files:
            scores = evaluate_time(file, pipeline, annotated_lines)
            typer.echo(f"== {file}")
            typer.echo(format_time(scores, errors))


@eval_app.command("ptc")
def eval_ptc(
    directory: Annotated[
        Path, typer.Argument(help="A PTC folder with articles/, labels-si/ and labels-tc/")
    ],
    write_predictions: Annotated[
        Path | None,
        typer.Option(help="Folder for si.tsv and tc.tsv in the official submission formats"),
    ] = None,
    split: Annotated[
        str,
        typer.Option(
            help="Score all articles, or only the model's heldout/validation/train split "
            "(use heldout on the shared PTC training data)"
        ),
    ] = "all",
    neutral: Annotated[
        Path | None,
        typer.Option(
            help="Folder of neutral .txt articles: report technique findings per 1,000 words"
        ),
    ] = None,
    model: Annotated[
        list[Path] | None,
        typer.Option(
            metavar="DIR",
            help="A technique model folder (default: the shipped model). Give one per "
            "cross-validation fold, with --split heldout, to pool their scores",
        ),
    ] = None,
) -> None:
    """Span identification F1 and technique classification micro-F1 (SemEval-2020 Task 11)."""
    from newsift.eval.corpora.ptc import load_ptc
    from newsift.eval.report import format_ptc
    from newsift.eval.run import (
        attributed_content,
        attribution_nlp,
        evaluate_ptc_folds,
        model_split,
    )

    with exit_on_problem():
        _check_choice("split", split, ("all", "heldout", "validation", "train"))
        models = _technique_models(model or [])
        articles = load_ptc(directory)
        folds = [(m, model_split(articles, d, split)) for d, m in models]
        _check_folds(split, [fold for _, fold in folds])
        neutral_texts = (
            [p.read_text(encoding="utf-8") for p in sorted(neutral.rglob("*.txt"))]
            if neutral
            else []
        )
        evaluation = evaluate_ptc_folds(
            folds,
            neutral_texts=neutral_texts,
            write_predictions=write_predictions,
            attributed=attributed_content(attribution_nlp()),
        )
    typer.echo(format_ptc(evaluation))


@eval_app.command("gate")
def eval_gate(
    pin: Annotated[
        bool, typer.Option("--pin", help="Write the current scores as the new floors")
    ] = False,
    allow_lower: Annotated[
        bool, typer.Option("--allow-lower", help="With --pin: allow a floor to go down")
    ] = False,
    markdown: Annotated[
        bool,
        typer.Option("--markdown", help="Print the pinned floors as the README table; run nothing"),
    ] = False,
    only: Annotated[
        list[str] | None, typer.Option(metavar="NAME", help="Gate only these sets (repeatable)")
    ] = None,
    bundled: Annotated[
        bool, typer.Option("--bundled", help="Gate only the sets shipped in the package")
    ] = False,
    data: Annotated[
        Path, typer.Option(help="Folder holding the third-party corpora (ptc/, polnear/)")
    ] = Path("../shared/data"),
    gate_file: Annotated[
        Path | None, typer.Option("--gate-file", help="Gate file (default: the shipped one)")
    ] = None,
) -> None:
    """Score every gated set and fail when a score falls below its pinned floor."""
    from newsift.eval import gate

    path = gate_file or gate.GATE_FILE
    with exit_on_problem():
        entries = gate.load_entries(path)
        chosen = gate.select(entries, _split_names(only))
    if markdown:
        typer.echo(gate.markdown_table(chosen))
        return
    if bundled:
        chosen = [e for e in chosen if e.bundled]
    console = stderr_console()
    outcomes = []
    for entry in chosen:
        outcome = gate.check_entry(entry, data)
        outcomes.append(outcome)
        if outcome.skipped:
            report_warning(console, outcome.skipped)
            continue
        scores = "  ".join(f"{k} {v:.4f}" for k, v in outcome.scores.items())
        status = "pin" if pin else "pass" if outcome.passed else "FAIL"
        typer.echo(f"{entry.name:<20} {status:<5} {scores}")
    if pin:
        # A set that could not be measured keeps its pins; say why, and fail.
        unmeasured = [m for o in outcomes if not o.scores for m in o.problems]
        refusals = gate.pin_file(path, outcomes, allow_lower)
        for message in unmeasured + refusals:
            report_message(console, message)
        if unmeasured or refusals:
            raise typer.Exit(EXIT_INPUT_PROBLEMS)
        typer.echo(f"pinned {sum(not o.skipped for o in outcomes)} set(s) in {path}")
        return
    problems = [message for outcome in outcomes for message in outcome.problems]
    for message in problems:
        report_message(console, message)
    raise typer.Exit(EXIT_INPUT_PROBLEMS if problems else 0)


def _technique_models(folders: list[Path]) -> list[tuple[Path, Any]]:
    """(folder, loaded model) for each ``--model`` folder; the shipped model if none."""
    from newsift.analyzers.techniques import MODEL_DIR, TechniqueModel, shared_model
    from newsift.settings import onnx_threads

    if not folders:
        return [(MODEL_DIR, shared_model())]
    models = []
    for folder in folders:
        try:
            models.append((folder, TechniqueModel.load(folder, threads=onnx_threads())))
        except ModelNotFoundError as error:  # E083 says "reinstall"; this folder is the user's
            missing = Path(error.fields["path"]).name
            raise ConfigError(Errors.E085, path=folder, name=missing) from None
    return models


def _check_folds(split: str, folds: list[list[Any]]) -> None:
    """Several models pool only over disjoint splits (cross-validation folds).

    Raises:
        ConfigError: ``--split all``, or articles in more than one model's split (E084).
    """
    if len(folds) < 2:
        return
    if split == "all":
        raise ConfigError(Errors.E084, detail="give --split heldout")
    seen = Counter(article.article_id for fold in folds for article in fold)
    repeated = sum(1 for count in seen.values() if count > 1)
    if repeated:
        articles = "1 article is" if repeated == 1 else f"{repeated} articles are"
        detail = f"{articles} in more than one model's {split} split"
        raise ConfigError(Errors.E084, detail=detail)


@train_app.command("claims")
def train_claims(
    data: Annotated[
        Path, typer.Option(help="ClaimBuster folder (crowdsourced.csv, groundtruth.csv)")
    ],
    out: Annotated[Path, typer.Option(help="Where to write claims.onnx and claims.json")],
) -> None:
    """Train the check-worthiness head on ClaimBuster plus newsift's news adapt set."""
    try:
        from newsift.train.claims import train
    except ImportError as error:
        report_problem(stderr_console(), ConfigError(Errors.E038, missing=error.name or str(error)))
        raise typer.Exit(EXIT_CONFIG) from None
    typer.echo(json.dumps(train(data, out), indent=2))


@train_app.command("techniques")
def train_techniques(
    data: Annotated[Path, typer.Option(help="PTC folder (articles/, labels-si/, labels-tc/)")],
    out: Annotated[Path, typer.Option(help="Where to write the ONNX model files and card data")],
    epochs: Annotated[int, typer.Option(help="Training epochs", min=1)] = 5,
    device: Annotated[
        str, typer.Option(help="torch device (cpu; cuda only for experiments)")
    ] = "cpu",
    seed: Annotated[
        int,
        typer.Option(
            help="Seed of the initialisation and data order (the shipped model: 13); the "
            "article split always uses seed 13"
        ),
    ] = 13,
    fold: Annotated[
        int,
        typer.Option(
            help="Cross-validation split, 0-4 (0: the shipped model's split)", min=0, max=4
        ),
    ] = 0,
    bf16: Annotated[
        bool, typer.Option(help="bfloat16 autocast while training (faster on AMX/AVX-512 CPUs)")
    ] = False,
    skip_heldout: Annotated[
        bool, typer.Option(help="Do not score the held-out articles (recipe experiments)")
    ] = False,
    keep_weights: Annotated[
        Path | None, typer.Option(help="Also save the chosen epoch's float32 weights here")
    ] = None,
) -> None:
    """Fine-tune MiniLM on PTC for technique spans and classes (CPU)."""
    try:
        from newsift.train.techniques import train
    except ImportError as error:
        report_problem(stderr_console(), ConfigError(Errors.E038, missing=error.name or str(error)))
        raise typer.Exit(EXIT_CONFIG) from None
    with exit_on_problem():
        meta = train(
            data,
            out,
            epochs,
            device,
            seed=seed,
            bf16=bf16,
            fold=fold,
            score_heldout=not skip_heldout,
            keep_weights=keep_weights,
        )
    typer.echo(json.dumps(meta["scores"], indent=2))


# --- corpus: the store of articles, their copies, origins, stories and outlet network -------
corpus_app = typer.Typer(
    help="A store of analysed articles and the copy network and stories over them.",
    no_args_is_help=True,
)
app.add_typer(corpus_app, name="corpus")

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="Corpus database: a SQLite path or sqlite:///FILE, or postgresql://USER@HOST/DB",
        envvar="NEWSIFT_DB",
    ),
]


def _progress_bar(errors: Console) -> tuple[Callable[[int], None], Callable[[], None]]:
    """An advance function and a stop function for a progress bar on stderr (on a TTY only)."""
    if not errors.is_terminal:
        return (lambda _: None), (lambda: None)
    progress = Progress(
        SpinnerColumn(), TextColumn("adding"), MofNCompleteColumn(), console=errors, transient=True
    )
    task = progress.add_task("add", total=None)
    progress.start()
    return (lambda count: progress.advance(task, count)), progress.stop


@corpus_app.command("add")
def corpus_add(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or directories (.txt .html .jsonl .csv .warc[.gz]); - = stdin"),
    ],
    db: DbOption = settings.CORPUS_DB,
    analyze: Annotated[
        bool,
        typer.Option(
            "--analyze/--no-analyze",
            help="Run the full analysis on English articles (--no-analyze: store and "
            "fingerprint only, fast)",
        ),
    ] = True,
    input_format: Annotated[
        str | None, typer.Option(help="Read every input as txt, html, jsonl, csv or warc")
    ] = None,
    max_chars: Annotated[
        int, typer.Option(help="Refuse articles longer than this many characters", min=1)
    ] = settings.DEFAULT_MAX_CHARS,
    spacy_model: SpacyModelOption = None,
    batch_size: Annotated[
        int,
        typer.Option(help="Articles committed together (a kill loses at most one batch)", min=1),
    ] = settings.CORPUS_BATCH_SIZE,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Cores the analysis may use: N worker processes, one per core (default: "
            "this process, every core; 1 = this process, one core)",
            min=1,
        ),
    ] = None,
) -> None:
    """Add articles to the corpus (same text twice is stored once; a killed run resumes)."""
    from newsift.corpus.commands import AddOptions, run_add

    errors = stderr_console()
    advance, stop = _progress_bar(errors)
    try:
        _check_choice("input-format", input_format, INPUT_FORMATS)
        options = AddOptions(
            paths=paths,
            db=db,
            analyze=analyze,
            input_format=input_format,
            max_chars=max_chars,
            spacy_model=spacy_model,
            batch_size=batch_size,
            workers=workers,
        )
        outcome = run_add(
            options,
            on_problem=lambda problem: report_problem(errors, problem),
            on_warning=lambda message: report_warning(errors, message),
            on_progress=advance,
        )
    except NewsiftError as error:
        stop()
        report_problem(errors, error)
        raise typer.Exit(EXIT_CONFIG) from None
    stop()
    errors.print(outcome.summary(), style="bold" if outcome.problems else None)
    raise typer.Exit(outcome.exit_code)


RowFormat = Annotated[str, typer.Option("--format", "-f", help="jsonl or csv")]


def _print_rows(rows_of: Callable[[Any], Iterable[dict[str, Any]]], db: str, fmt: str) -> None:
    """Open the store, compute the rows and print them (the corpus loads lazily: sqlalchemy
    and the copy engine are not imported by the other commands)."""
    from newsift.corpus.commands import ROW_FORMATS, check_format, write_rows
    from newsift.corpus.store import CorpusStore

    with exit_on_problem():
        check_format(fmt, ROW_FORMATS)
        with CorpusStore.open(db, create=False) as store:
            rows = list(rows_of(store))
    write_rows(rows, fmt, lambda text: typer.echo(text, nl=False))


@corpus_app.command("copies")
def corpus_copies_command(db: DbOption = settings.CORPUS_DB, fmt: RowFormat = "jsonl") -> None:
    """One row per copy edge: source, copy, kind, direction, score and the evidence."""
    from newsift.corpus.commands import copy_row, corpus_copies

    _print_rows(lambda store: map(copy_row, corpus_copies(store)), db, fmt)


@corpus_app.command("origins")
def corpus_origins_command(db: DbOption = settings.CORPUS_DB, fmt: RowFormat = "jsonl") -> None:
    """One row per copy family: members, earliest source (or null) and derivation tree."""
    from newsift.corpus.commands import corpus_origins, origin_row

    _print_rows(lambda store: map(origin_row, corpus_origins(store)), db, fmt)


@corpus_app.command("stories")
def corpus_stories_command(db: DbOption = settings.CORPUS_DB, fmt: RowFormat = "jsonl") -> None:
    """One row per story (articles about the same event, copies and independent reports)."""
    from newsift.corpus.commands import corpus_stories, story_row

    _print_rows(lambda store: map(story_row, corpus_stories(store)), db, fmt)


@corpus_app.command("network")
def corpus_network_command(
    db: DbOption = settings.CORPUS_DB,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, graphml or html")] = "csv",
) -> None:
    """The outlet-to-outlet copy network: copies, median lag and kinds per edge."""
    from newsift.corpus.commands import (
        NETWORK_FORMATS,
        check_format,
        corpus_network,
        network_row,
        render_network,
        write_rows,
    )
    from newsift.corpus.store import CorpusStore

    with exit_on_problem():
        check_format(fmt, NETWORK_FORMATS)
        with CorpusStore.open(db, create=False) as store:
            edges = corpus_network(store)
    if fmt == "csv":
        write_rows(map(network_row, edges), "csv", lambda text: typer.echo(text, nl=False))
    else:
        typer.echo(render_network(edges, fmt), nl=False)


@corpus_app.command("show")
def corpus_show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="The article's id")],
    db: DbOption = settings.CORPUS_DB,
) -> None:
    """The article's report plus "Other coverage": its sources, its copies, its story."""
    from newsift.corpus.commands import show_article
    from newsift.corpus.store import CorpusStore

    with exit_on_problem(), CorpusStore.open(db, create=False) as store:
        shown = show_article(store, article_id)
    typer.echo(json.dumps(shown, ensure_ascii=False, indent=2))


@app.command()
def compare(
    first: Annotated[str, typer.Argument(metavar="A", help="An article (.txt, .html, .jsonl)")],
    second: Annotated[str, typer.Argument(metavar="B", help="Another article")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json")] = "json",
    max_chars: Annotated[
        int, typer.Option(help="Refuse articles longer than this many characters", min=1)
    ] = settings.DEFAULT_MAX_CHARS,
) -> None:
    """One pair: story similarity, copy kind and direction, aligned passages."""
    from newsift.corpus.commands import compare_pair, read_one

    errors = stderr_console()
    try:
        _check_choice("format", fmt, ("json",))
        a, b = read_one(first, max_chars), read_one(second, max_chars)
    except NewsiftError as error:
        report_problem(errors, error)
        raise typer.Exit(
            EXIT_INPUT_PROBLEMS if isinstance(error, InputError) else EXIT_CONFIG
        ) from None
    typer.echo(json.dumps(compare_pair(a, b), ensure_ascii=False, indent=2))


@eval_app.command("stories")
def eval_stories(
    file: Annotated[Path, typer.Argument(help="SemEval-2022 Task 8 pairs (JSONL)")],
    language: Annotated[str, typer.Option(help="Score the pairs in this language")] = "en",
) -> None:
    """Pearson's r of story similarity with the human "same story" scores."""
    from newsift.eval.stories import evaluate_stories

    with exit_on_problem():
        scores = evaluate_stories(file, language)
    typer.echo(scores.format())


# --- end of corpus commands ------------------------------------------------------------------


def _as_newsift_error(error: Exception, path: Path) -> NewsiftError:
    """Turn an OS error on an evaluation file into a coded, readable problem."""
    if isinstance(error, NewsiftError):
        return error
    if isinstance(error, FileNotFoundError):
        return InputNotFoundError(Errors.E012, source=path)
    return InputError(Errors.E018, source=path, detail=str(error))


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

if __name__ == "__main__":  # pragma: no cover
    main()
