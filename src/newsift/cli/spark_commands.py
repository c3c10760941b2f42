"""``newsift spark``: the analysis and the copy network on a Spark cluster (or local mode).

The commands parse and check their options, then call :func:`newsift.spark.run_analyze` and
:func:`newsift.spark.run_copies`; pyspark is imported only when a command runs, so the rest
of the CLI works without the ``spark`` extra.
"""

from __future__ import annotations

from typing import Annotated

import typer

from newsift import settings
from newsift.analyzers import select_analyzers
from newsift.cli import (
    EXIT_INPUT_PROBLEMS,
    SpacyModelOption,
    _split_names,
    app,
    exit_on_problem,
    report_problem,
    stderr_console,
)
from newsift.errors import InputError
from newsift.spark.session import require_pyspark

spark_app = typer.Typer(
    help="Run the analysis and the copy network on Spark (needs the spark extra).",
    no_args_is_help=True,
)
app.add_typer(spark_app, name="spark")

MasterOption = Annotated[
    str | None,
    typer.Option(
        help="Spark master, e.g. local[2] (default: the one spark-submit gives, else Spark's)"
    ),
]


@spark_app.command("analyze")
def spark_analyze(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Parquet tables or files, JSONL files, WARC files (.warc, .warc.gz); globs "
            "and any Hadoop file system (s3a://, hdfs://) work"
        ),
    ],
    out: Annotated[
        str, typer.Option("--out", "-o", help="Directory for the articles and findings tables")
    ],
    partition_by_month: Annotated[
        bool,
        typer.Option(help="Partition both tables by publication month (published_month)"),
    ] = False,
    master: MasterOption = None,
    only: Annotated[
        list[str] | None, typer.Option(help="Run only these analyzers (comma-separated)")
    ] = None,
    skip: Annotated[list[str] | None, typer.Option(help="Skip these analyzers")] = None,
    analyze: Annotated[
        bool,
        typer.Option(
            "--analyze/--no-analyze",
            help="--no-analyze: only read, check and fingerprint the articles (for "
            "`spark copies`), as `corpus add --no-analyze`",
        ),
    ] = True,
    max_chars: Annotated[
        int, typer.Option(help="Refuse articles longer than this many characters", min=1)
    ] = settings.DEFAULT_MAX_CHARS,
    spacy_model: SpacyModelOption = None,
) -> None:
    """Analyse every article; write OUT/articles and OUT/findings as Parquet.

    Bad documents become rows of the articles table with their error code and message
    (status 'error'); the first ones are printed, and the exit code is 1 when there were any.
    """
    with exit_on_problem():
        only_names, skip_names = _split_names(only), _split_names(skip)
        select_analyzers(only_names, skip_names)  # an unknown name stops before Spark starts
        require_pyspark()
        from newsift.spark import AnalyzeOptions, run_analyze
        from newsift.spark.read import input_kind

        for path in inputs:
            input_kind(path)
        options = AnalyzeOptions(
            only=tuple(only_names),
            skip=tuple(skip_names),
            spacy_model=spacy_model,
            max_chars=max_chars,
            analyze=analyze,
        )
        outcome = run_analyze(
            inputs, out, options, partition_by_month=partition_by_month, master=master
        )
    errors = stderr_console()
    for message in outcome.messages:
        report_problem(errors, InputError(message.replace("{", "{{").replace("}", "}}")))
    more = outcome.errors - len(outcome.messages)
    if more > 0:
        errors.print(f"… and {more:,} more: status = 'error' in {out}/articles")
    errors.print(
        f"{outcome.articles:,} documents: {outcome.analysed:,} analysed "
        f"({outcome.findings:,} findings), {outcome.errors:,} with errors; tables in {out}",
        markup=False,
        highlight=False,
    )
    if outcome.exit_code:
        raise typer.Exit(EXIT_INPUT_PROBLEMS)


@spark_app.command("copies")
def spark_copies(
    articles: Annotated[
        str, typer.Argument(help="The articles table written by `newsift spark analyze`")
    ],
    out: Annotated[
        str, typer.Option("--out", "-o", help="Directory for the copies, origins, network tables")
    ],
    master: MasterOption = None,
) -> None:
    """Copy edges, families (earliest source) and the outlet network, as `newsift corpus`
    finds them; written as Parquet tables OUT/copies, OUT/origins and OUT/network."""
    with exit_on_problem():
        require_pyspark()
        from newsift.spark import run_copies

        outcome = run_copies(articles, out, master=master)
    stderr_console().print(
        f"{outcome.articles:,} articles compared: {outcome.edges:,} copy edges in "
        f"{outcome.families:,} {'family' if outcome.families == 1 else 'families'}, "
        f"{outcome.outlet_edges:,} outlet edges; tables in {out}",
        markup=False,
        highlight=False,
    )
