"""Inputs of ``newsift spark analyze`` as one DataFrame of documents.

Public API::

    input_kind(path) -> "parquet" | "jsonl" | "warc"      # E162 for anything else
    read_documents(spark, paths, max_chars) -> DataFrame  # schema: schemas.DOCUMENTS
    documents_from(df) -> DataFrame                       # a user's DataFrame, as documents

- Parquet and JSONL are read with an explicit schema (:data:`~newsift.spark.schemas.INPUT`,
  the corpus's fields as strings; missing columns are null, others ignored). A JSONL line
  Spark can't parse into that schema becomes an error row (E161), and the job goes on.
- WARC files are read one task per file (Spark's ``binaryFile`` source, so any Hadoop file
  system works), their HTML responses extracted by newsift's own WARC reader, as
  ``newsift analyze`` extracts them.

A document's ``source`` is its file and, for Parquet and JSONL rows, the row's id
(``file#id=…``); WARC pages keep the CLI's ``file#N``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsift.errors import ConfigError, Errors
from newsift.spark.rows import ID_MARK
from newsift.spark.schemas import CORRUPT, DOCUMENTS, INPUT, INPUT_FIELDS, JSONL_INPUT

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

_SUFFIXES = {
    ".parquet": "parquet",
    ".jsonl": "jsonl",
    ".json": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".json.gz": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
}


def input_kind(path: str) -> str:
    """How a path (or glob) is read, by its suffix; a path without one is a Parquet table.

    Raises:
        ConfigError: E162 for a suffix newsift spark does not read.
    """
    name = path.rstrip("/").rsplit("/", 1)[-1].lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIXES[suffix]
    if "." not in name.lstrip(".") or name.endswith("*"):
        return "parquet"
    raise ConfigError(Errors.E162, source=path)


def documents_from(df: DataFrame) -> DataFrame:
    """A user's DataFrame (``text`` and any of the other input fields) as documents.

    Raises:
        ConfigError: E163 when it has no ``text`` column.
    """
    from pyspark.sql import functions as F

    if "text" not in df.columns:
        raise ConfigError(Errors.E163, source="the DataFrame", columns="text")
    null = F.lit(None).cast("string")
    columns = [
        (F.col(name).cast("string") if name in df.columns else null).alias(name)
        for name in INPUT_FIELDS
    ]
    file = F.col("source").cast("string") if "source" in df.columns else F.lit("dataframe")
    ident = F.col("id").cast("string") if "id" in df.columns else null
    source = F.when(ident.isNotNull(), F.concat(file, F.lit(ID_MARK), ident)).otherwise(file)
    return df.select(
        *columns,
        source.alias("source"),
        null.alias("error_code"),
        null.alias("error_message"),
    )


def _table(spark: SparkSession, paths: list[str], kind: str) -> DataFrame:
    from pyspark.sql import functions as F

    if kind == "parquet":
        raw = spark.read.parquet(*paths)
        present = set(raw.columns)
        df = raw.select(
            *(
                (F.col(n).cast("string") if n in present else F.lit(None).cast("string")).alias(n)
                for n in INPUT_FIELDS
            ),
            F.input_file_name().alias("source"),
        )
        return documents_from(df)
    raw = (
        spark.read.schema(JSONL_INPUT)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .json(paths)
        .withColumn("source", F.input_file_name())
        .cache()  # Spark reads the corrupt-record column only from a cached/parsed frame
    )
    good = documents_from(raw.where(F.col(CORRUPT).isNull()).select(*INPUT_FIELDS, "source"))
    bad = raw.where(F.col(CORRUPT).isNotNull()).select(
        *(F.lit(None).cast("string").alias(n) for n in INPUT_FIELDS),
        F.col("source"),
        F.lit("E161").alias("error_code"),
        F.format_string(
            Errors.E161.replace("{source}", "%s").replace("{detail}", "%s"),
            F.col("source"),
            F.concat(F.lit("line starts "), F.substring(F.col(CORRUPT), 1, 60)),
        ).alias("error_message"),
    )
    return good.unionByName(bad)


def _warc(spark: SparkSession, paths: list[str], max_chars: int) -> DataFrame:
    from functools import partial

    from newsift.spark.worker import warc_batches

    files = spark.read.format("binaryFile").load(paths).select("path", "content")
    count = max(1, files.count())
    return files.repartition(count).mapInArrow(
        partial(warc_batches, max_chars=max_chars), DOCUMENTS
    )


def read_documents(spark: SparkSession, paths: Sequence[str], max_chars: int) -> DataFrame:
    """Every input as DOCUMENTS rows (schema :data:`~newsift.spark.schemas.DOCUMENTS`).

    Raises:
        ConfigError: E162 for an input of a format newsift spark does not read.
    """
    by_kind: dict[str, list[str]] = {}
    for path in paths:
        by_kind.setdefault(input_kind(path), []).append(path)
    frames = []
    for kind, group in by_kind.items():
        frames.append(
            _warc(spark, group, max_chars) if kind == "warc" else _table(spark, group, kind)
        )
    result = frames[0]
    for frame in frames[1:]:
        result = result.unionByName(frame)
    return result


__all__ = ["INPUT", "documents_from", "input_kind", "read_documents"]
