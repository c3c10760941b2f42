"""The ``newsift`` command line. Commands parse and check options, then call plain functions."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

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
from newsift.output import FileSink, ReportSink, infer_format, open_sink
from newsift.parallel import (
    CoreBudget,
    PipelineOptions,
    WorkerPool,
    environment,
    peek_articles,
)
from newsift.pipeline import Pipeline
from newsift.render import FORMATS

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
    """One readable line on stderr per problem."""
    console.print(f"[bold red]error:[/] {problem.message}", markup=True, highlight=False)


def report_warning(console: Console, message: str) -> None:
    """One line on stderr; the exit code is unaffected."""
    console.print(f"[yellow]warning:[/] {message}", markup=True, highlight=False)


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
    items = apply_overrides(
        read_inputs(  # lazy: nothing is read before the first item is asked for
            options.paths,
            input_format=options.input_format,
            max_chars=options.max_chars,
            on_warning=lambda message: report_warning(errors, message),
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
            options.fmt, options.out, options.paths, several, console, options.out_is_directory
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
    spacy_model: Annotated[
        str | None,
        typer.Option(
            help="Installed spaCy English pipeline to use", envvar=settings.SPACY_MODEL_ENV
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Cores to use: a batch runs in this many processes, one per core "
            "(default: every usable core; 1 = this process, on one core)"
        ),
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
        )
        outcome = run_analyze(options, console, errors)
    except NewsiftError as error:
        report_problem(errors, error)
        raise typer.Exit(EXIT_CONFIG) from None
    if outcome.problems:
        errors.print(
            f"{outcome.analysed} analysed, {len(outcome.problems)} could not be analysed.",
            style="bold",
        )
    raise typer.Exit(outcome.exit_code)


@app.command()
def analyzers(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    spacy_model: Annotated[
        str | None,
        typer.Option(
            help="Installed spaCy English pipeline to use", envvar=settings.SPACY_MODEL_ENV
        ),
    ] = None,
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
        table.add_row(
            row["name"], row["version"], ", ".join(row["kinds"]), models, row["description"]
        )
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
    spacy_model: Annotated[
        str | None,
        typer.Option(
            help="Installed spaCy English pipeline to use", envvar=settings.SPACY_MODEL_ENV
        ),
    ] = None,
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
    from newsift.analyzers.claims import score_in_articles, score_sentences, shared_head
    from newsift.eval.checkworthy import evaluate_checkworthy

    try:
        scorer: Callable[[Sequence[str]], Iterable[float]] = score_sentences
        if articles is not None:
            texts = [
                json.loads(line)["text"]
                for line in articles.read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
            scorer = partial(score_in_articles, articles=texts)

        scores = evaluate_checkworthy(file, scorer, shared_head().threshold, write_predictions)
    except (NewsiftError, OSError) as error:
        report_problem(stderr_console(), _as_newsift_error(error, file))
        raise typer.Exit(EXIT_CONFIG) from None
    typer.echo(scores.format())


@eval_app.command("polnear")
def eval_polnear(
    directory: Annotated[Path, typer.Argument(help="A PolNeAR part with text/ and attributions/")],
    spacy_model: Annotated[
        str | None,
        typer.Option(
            help="Installed spaCy English pipeline to use", envvar=settings.SPACY_MODEL_ENV
        ),
    ] = None,
) -> None:
    """Attribution content P/R/F1 (Jaccard >= 0.5), quotation recall, source and cue accuracy."""
    from newsift.eval.polnear import evaluate_polnear, format_scores

    with exit_on_problem():
        nlp = Pipeline.create(only=["attribution"], spacy_model=spacy_model).nlp
        scores = evaluate_polnear(directory, nlp)
    typer.echo(format_scores(scores))


@eval_app.command("sources")
def eval_sources(
    file: Annotated[
        Path | None, typer.Argument(help="Source-type set (JSONL); default: the bundled one")
    ] = None,
) -> None:
    """Source-type accuracy of attributions (named person/organisation, anonymous, vague)."""
    from newsift.eval.sources import DEFAULT_PATH, evaluate_source_types, format_source_scores

    with exit_on_problem():
        scores = evaluate_source_types(file or DEFAULT_PATH)
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
    from newsift.eval.places import evaluate_places

    with exit_on_problem():
        scores = evaluate_places(file, points=points)
    typer.echo(json.dumps(scores.to_dict(), indent=2))
    raise typer.Exit(1 if scores.failures() else 0)


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
    from newsift.eval.ptc import evaluate_ptc_folds, format_ptc, load_ptc

    with exit_on_problem():
        _check_choice("split", split, ("all", "heldout", "validation", "train"))
        models = _technique_models(model or [])
        articles = load_ptc(directory)
        folds = [(m, _split_articles(articles, d, split)) for d, m in models]
        _check_folds(split, [fold for _, fold in folds])
        neutral_texts = (
            [p.read_text(encoding="utf-8") for p in sorted(neutral.rglob("*.txt"))]
            if neutral
            else []
        )
        evaluation = evaluate_ptc_folds(
            folds, neutral_texts=neutral_texts, write_predictions=write_predictions
        )
    typer.echo(format_ptc(evaluation))


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


def _split_articles(articles: list[Any], model_dir: Path, split: str) -> list[Any]:
    """The ``articles`` in ``split`` of the model in ``model_dir`` (all of them for "all")."""
    if split == "all":
        return articles
    meta = json.loads((model_dir / "technique.json").read_text(encoding="utf-8"))
    chosen = set(meta["split"][split])
    return [a for a in articles if a.article_id in chosen]


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
