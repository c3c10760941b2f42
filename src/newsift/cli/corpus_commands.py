"""``newsift corpus`` and ``newsift compare``: the store, copies, origins, stories, network."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from newsift import settings
from newsift.cli import (
    EXIT_CONFIG,
    EXIT_INPUT_PROBLEMS,
    SpacyModelOption,
    _check_choice,
    app,
    exit_on_problem,
    report_problem,
    report_warning,
    stderr_console,
)
from newsift.cli.eval_commands import eval_app
from newsift.errors import ConfigError, Errors, InputError, NewsiftError
from newsift.ingest import INPUT_FORMATS

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


RowFormat = Annotated[
    str, typer.Option("--format", "-f", help="jsonl, csv or parquet (with --out)")
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", help="Write to this file (written whole, then renamed) instead of stdout"
    ),
]


def _print_rows(
    command: str,
    rows_of: Callable[[Any], Iterable[dict[str, Any]]],
    db: str,
    fmt: str,
    out: Path | None,
) -> None:
    """Open the store, compute the rows and write them to stdout or ``out`` (the corpus loads
    lazily: sqlalchemy and the copy engine are not imported by the other commands)."""
    from newsift.corpus.commands import ROW_FORMATS, check_format
    from newsift.corpus.export import check_out_not_store

    with exit_on_problem():
        check_format(fmt, (*ROW_FORMATS, "parquet"))
        check_out_not_store(out, db)
        _write_table(command, fmt, out, lambda: _rows_from_store(db, rows_of))


def _rows_from_store(
    db: str, rows_of: Callable[[Any], Iterable[dict[str, Any]]]
) -> list[dict[str, Any]]:
    from newsift.corpus.store import CorpusStore

    with CorpusStore.open(db, create=False) as store:
        return list(rows_of(store))


def _write_table(
    command: str,
    fmt: str,
    out: Path | None,
    rows: Callable[[], list[dict[str, Any]]],
) -> None:
    """Rows as JSONL/CSV text (stdout or ``out``) or as a Parquet file (``out`` required:
    E150 without it, checked before the corpus is read)."""
    from newsift.corpus.commands import write_rows
    from newsift.corpus.export import check_destination, text_destination, write_parquet

    check_destination(fmt, out)
    found = rows()
    if fmt == "parquet":
        assert out is not None
        write_parquet(command, found, out)
        return
    with text_destination(out, lambda text: typer.echo(text, nl=False)) as write:
        write_rows(found, fmt, write)


@corpus_app.command("copies")
def corpus_copies_command(
    db: DbOption = settings.CORPUS_DB, fmt: RowFormat = "jsonl", out: OutOption = None
) -> None:
    """One row per copy edge: source, copy, kind, direction, score and the evidence."""
    from newsift.corpus.commands import copy_row, corpus_copies

    _print_rows("copies", lambda store: map(copy_row, corpus_copies(store)), db, fmt, out)


@corpus_app.command("origins")
def corpus_origins_command(
    db: DbOption = settings.CORPUS_DB, fmt: RowFormat = "jsonl", out: OutOption = None
) -> None:
    """One row per copy family: members, earliest source (or null) and derivation tree."""
    from newsift.corpus.commands import corpus_origins, origin_row

    _print_rows("origins", lambda store: map(origin_row, corpus_origins(store)), db, fmt, out)


@corpus_app.command("stories")
def corpus_stories_command(
    db: DbOption = settings.CORPUS_DB, fmt: RowFormat = "jsonl", out: OutOption = None
) -> None:
    """One row per story (articles about the same event, copies and independent reports)."""
    from newsift.corpus.commands import corpus_stories, story_row

    _print_rows("stories", lambda store: map(story_row, corpus_stories(store)), db, fmt, out)


@corpus_app.command("network")
def corpus_network_command(
    db: DbOption = settings.CORPUS_DB,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="csv, graphml, html or parquet (with --out)")
    ] = "csv",
    out: OutOption = None,
) -> None:
    """The outlet-to-outlet copy network: copies, median lag and kinds per edge."""
    from newsift.corpus.commands import (
        NETWORK_FORMATS,
        check_format,
        corpus_network,
        network_row,
        render_network,
    )
    from newsift.corpus.export import check_destination, check_out_not_store, text_destination
    from newsift.corpus.store import CorpusStore

    with exit_on_problem():
        check_format(fmt, (*NETWORK_FORMATS, "parquet"))
        check_destination(fmt, out)
        check_out_not_store(out, db)
        with CorpusStore.open(db, create=False) as store:
            edges = corpus_network(store)
        if fmt in ("csv", "parquet"):
            _write_table("network", fmt, out, lambda: list(map(network_row, edges)))
            return
        with text_destination(out, lambda text: typer.echo(text, nl=False)) as write:
            write(render_network(edges, fmt))


ShowFormat = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="terminal, json, md (markdown) or html (default: from --out's suffix, else "
        "terminal on a TTY, else json)",
    ),
]


def _show_format(fmt: str | None, out: Path | None, is_terminal: bool) -> str:
    """The format ``corpus show`` writes: the one given, else --out's suffix, else terminal
    on a TTY and JSON in a pipe."""
    if fmt is not None:
        return {"markdown": "md"}.get(fmt, fmt)
    if out is not None:
        by_suffix = {".html": "html", ".htm": "html", ".md": "md"}
        return by_suffix.get(out.suffix.lower(), "json")
    return "terminal" if is_terminal else "json"


@corpus_app.command("show")
def corpus_show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="The article's id")],
    db: DbOption = settings.CORPUS_DB,
    fmt: ShowFormat = None,
    out: OutOption = None,
) -> None:
    """The article's report plus "Other coverage": its sources, its copies, its story."""
    from newsift.corpus.coverage_render import coverage_text
    from newsift.corpus.export import check_out_not_store, text_destination
    from newsift.corpus.show import SHOW_FORMATS, render_shown, show
    from newsift.corpus.store import CorpusStore
    from newsift.render import print_report

    console = Console(highlight=False)
    chosen = _show_format(fmt, out, console.is_terminal)
    with exit_on_problem():
        _check_choice("format", chosen, SHOW_FORMATS)
        if chosen == "terminal" and out is not None:
            raise ConfigError(Errors.E025, format=chosen)
        check_out_not_store(out, db)
        with CorpusStore.open(db, create=False) as store:
            shown = show(store, article_id)
        report = shown.report_object()
        if chosen == "terminal" and out is None and report is not None:
            print_report(report, console)  # in colour, as `newsift analyze` prints it
            typer.echo(coverage_text(shown.coverage, shown.articles), nl=False)
            return
        text = render_shown(shown, chosen)
        with text_destination(out, lambda t: typer.echo(t, nl=False)) as write:
            write(text)


@app.command()
def compare(
    first: Annotated[str, typer.Argument(metavar="A", help="An article (.txt, .html, .jsonl)")],
    second: Annotated[str, typer.Argument(metavar="B", help="Another article")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json")] = "json",
    max_chars: Annotated[
        int, typer.Option(help="Refuse articles longer than this many characters", min=1)
    ] = settings.DEFAULT_MAX_CHARS,
    outlet_a: Annotated[
        str | None,
        typer.Option("--outlet-a", help="A's outlet, when the input doesn't name it"),
    ] = None,
    outlet_b: Annotated[
        str | None,
        typer.Option("--outlet-b", help="B's outlet, when the input doesn't name it"),
    ] = None,
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
    typer.echo(json.dumps(compare_pair(a, b, outlet_a, outlet_b), ensure_ascii=False, indent=2))


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
