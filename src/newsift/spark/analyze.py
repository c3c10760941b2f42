"""``newsift spark analyze``: the one pipeline over a DataFrame, two Parquet tables out.

Public API::

    analyze_dataframe(df, options=AnalyzeOptions(), partitions=None) -> (articles, findings)
    run_analyze(paths, out, options, partition_by_month=False, master=None) -> AnalyzeOutcome

One pass: the documents are spread over ``partitions`` (by default
:data:`PARTITIONS_PER_SLOT` per task slot, and more when that would put more than
:data:`ROWS_PER_PARTITION` documents in one: a failed or slow task then costs little, and the
last tasks of a stage are short), each Python worker analyses its share with its one
pipeline (:mod:`newsift.spark.worker`) and writes an article row with its findings beside it
and the copy engine's sketches. That result is persisted, and both tables are read from it:
no article is analysed twice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from newsift.errors import ConfigError, Errors
from newsift.spark.read import documents_from, read_documents
from newsift.spark.schemas import ANALYSED, DOCUMENTS
from newsift.spark.session import spark_session, task_slots
from newsift.spark.worker import AnalyzeOptions, analyze_batches

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: Partitions per task slot (several, so the slots stay busy to the end of the stage).
PARTITIONS_PER_SLOT = 4
#: Most documents per partition (about five minutes of one core at 7 articles/s).
ROWS_PER_PARTITION = 2_000
#: Error messages a run prints before it only counts them.
SHOWN_ERRORS = 20
#: Output table names under ``--out``.
ARTICLES_TABLE, FINDINGS_TABLE = "articles", "findings"


def partition_count(slots: int, documents: int) -> int:
    """Partitions for ``documents`` over ``slots`` task slots (see the module docstring)."""
    return max(1, slots * PARTITIONS_PER_SLOT, math.ceil(documents / ROWS_PER_PARTITION))


def analyze_documents(
    documents: DataFrame, options: AnalyzeOptions, partitions: int | None = None
) -> tuple[DataFrame, DataFrame]:
    """Analyse DOCUMENTS rows; the ``articles`` and ``findings`` frames (lazy, persisted)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    spark = documents.sparkSession
    if partitions is None:
        documents = documents.persist(StorageLevel.MEMORY_AND_DISK)
        partitions = partition_count(task_slots(spark), documents.count())
    analysed = (
        documents.repartition(partitions)
        .mapInArrow(partial(analyze_batches, options=options), ANALYSED)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    articles = analysed.drop("findings")
    findings = analysed.select(F.explode("findings").alias("finding")).select("finding.*")
    return articles, findings


def analyze_dataframe(
    df: DataFrame, options: AnalyzeOptions | None = None, partitions: int | None = None
) -> tuple[DataFrame, DataFrame]:
    """Analyse a DataFrame of articles: ``id``, ``text`` and optionally ``title``, ``url``,
    ``outlet``, ``published`` (ISO 8601), ``source``.

    Args:
        df: The articles.
        options: Analyzer selection, size limit; ``analyze=False`` only sketches them for
            the copy step.
        partitions: How many partitions to analyse in (default: see the module docstring).

    Returns:
        ``(articles, findings)``: lazy DataFrames with the schemas
        :data:`~newsift.spark.schemas.ARTICLES` and :data:`~newsift.spark.schemas.FINDINGS`,
        computed once (persisted) whichever is used first.
    """
    documents = df if set(DOCUMENTS.names) <= set(df.columns) else documents_from(df)
    return analyze_documents(documents, options or AnalyzeOptions(), partitions)


@dataclass
class AnalyzeOutcome:
    """What a run wrote: counts, and the first error messages."""

    articles: int = 0
    analysed: int = 0
    errors: int = 0
    findings: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every document was analysed, else 1 (the rest was written)."""
        return 1 if self.errors else 0


def table_exists(spark: SparkSession, path: str) -> bool:
    """Whether ``path`` exists on its file system (local, HDFS, S3 …)."""
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    return bool(hadoop_path.getFileSystem(conf).exists(hadoop_path))


def check_out(spark: SparkSession, out: str, tables: Sequence[str]) -> None:
    """Refuse an ``--out`` that already holds one of ``tables`` (E164), before any work."""
    for table in tables:
        if table_exists(spark, f"{out.rstrip('/')}/{table}"):
            raise ConfigError(Errors.E164, out=out, table=table)


def write_table(frame: DataFrame, path: str, by_month: bool = False) -> None:
    """Write ``frame`` as Parquet at ``path`` (never over an existing table), partitioned
    by ``published_month`` when asked."""
    writer = frame.write.mode("errorifexists")
    if by_month:
        writer = writer.partitionBy("published_month")
    writer.parquet(path)


def run_analyze(
    paths: Sequence[str],
    out: str,
    options: AnalyzeOptions | None = None,
    *,
    partition_by_month: bool = False,
    master: str | None = None,
) -> AnalyzeOutcome:
    """Read ``paths``, analyse every document, write ``OUT/articles`` and ``OUT/findings``.

    Raises:
        ConfigError: E160 (no Spark), E162 (an input format it does not read), E164 (a
            table exists already).
    """
    from pyspark.sql import functions as F

    options = options or AnalyzeOptions()
    spark = spark_session(master)
    check_out(spark, out, (ARTICLES_TABLE, FINDINGS_TABLE))
    documents = read_documents(spark, paths, options.max_chars)
    articles, findings = analyze_documents(documents, options)
    base = out.rstrip("/")
    write_table(articles, f"{base}/{ARTICLES_TABLE}", partition_by_month)
    write_table(findings, f"{base}/{FINDINGS_TABLE}", partition_by_month)
    counts = articles.groupBy("status").count().collect()
    by_status = {row["status"]: int(row["count"]) for row in counts}
    errors = articles.where(F.col("status") == "error")
    shown = errors.select("error_message").limit(SHOWN_ERRORS).collect()
    return AnalyzeOutcome(
        articles=sum(by_status.values()),
        analysed=by_status.get("ok", 0),
        errors=by_status.get("error", 0),
        findings=int(articles.agg(F.sum("n_findings")).collect()[0][0] or 0),
        messages=[str(row["error_message"]) for row in shown],
    )
