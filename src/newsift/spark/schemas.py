"""The Spark schemas of every table the job reads and writes (docs/spark.md shows them).

``INPUT``: what a Parquet or JSONL input is read as (the corpus's fields, all strings);
``DOCUMENTS``: the rows the analysis reads (inputs and WARC pages, with reader errors);
``ARTICLES`` and ``FINDINGS``: the two output tables of ``newsift spark analyze``;
``COPIES``, ``ORIGINS``, ``NETWORK``: the tables of ``newsift spark copies``.
"""

from __future__ import annotations

import pyarrow as pa
from pyspark.sql import types as T

from newsift.spark.rows import KIND_COLUMNS, SOURCING_COLUMNS

_S, _I, _L, _D = T.StringType(), T.IntegerType(), T.LongType(), T.DoubleType()


def _fields(*pairs: tuple[str, T.DataType]) -> list[T.StructField]:
    return [T.StructField(name, kind, True) for name, kind in pairs]


#: Input fields, as in the corpus (``newsift corpus add``): every one a string.
INPUT_FIELDS = ("id", "text", "title", "url", "outlet", "published", "language")
INPUT = T.StructType(_fields(*((name, _S) for name in INPUT_FIELDS)))
#: Spark's column for a JSONL line it could not parse.
CORRUPT = "_corrupt_record"
JSONL_INPUT = T.StructType([*INPUT.fields, T.StructField(CORRUPT, _S, True)])

DOCUMENTS = T.StructType(
    [
        *INPUT.fields,
        *_fields(("source", _S), ("error_code", _S), ("error_message", _S)),
    ]
)

#: Copy-engine sketches written by the analysis pass (see :mod:`newsift.spark.sketch`).
SKETCH_FIELDS = _fields(
    ("content_key", _S),
    ("n_words", _I),
    ("bands", T.ArrayType(_L)),
    ("anchors", T.ArrayType(_L)),
    ("lines", T.ArrayType(_L)),
)

ARTICLES = T.StructType(
    [
        *_fields(
            ("id", _S),
            ("source", _S),
            ("title", _S),
            ("url", _S),
            ("outlet", _S),
            ("published", _S),
            ("published_at", _S),
            ("language", _S),
            ("author", _S),
            ("dateline", _S),
            ("ingest", _S),
            ("text", _S),
            ("status", _S),
            ("error_code", _S),
            ("error_message", _S),
            ("newsift_version", _S),
            ("models", _S),
            ("summary", _S),
            ("n_findings", _I),
        ),
        *_fields(*((name, _I) for name in KIND_COLUMNS)),
        *_fields(*((name, _I) for name in SOURCING_COLUMNS)),
        *_fields(("named_share", _D)),
        *SKETCH_FIELDS,
        *_fields(("published_month", _S)),
    ]
)

FINDINGS = T.StructType(
    _fields(
        ("article_id", _S),
        ("position", _I),
        ("finding_id", _S),
        ("kind", _S),
        ("label", _S),
        ("start", _I),
        ("end", _I),
        ("text", _S),
        ("score", _D),
        ("analyzer", _S),
        ("evidence", _S),
        ("fields", _S),
        ("published_month", _S),
    )
)

#: What the analysis pass yields: an article row with its findings beside it (persisted,
#: then split into the two tables).
ANALYSED = T.StructType([*ARTICLES.fields, T.StructField("findings", T.ArrayType(FINDINGS), True)])

PASSAGE = T.StructType(
    _fields(("source_start", _I), ("source_end", _I), ("copy_start", _I), ("copy_end", _I))
)

COPIES = T.StructType(
    _fields(
        ("source", _S),
        ("copy", _S),
        ("kind", _S),
        ("direction", _S),
        ("direction_reason", _S),
        ("score", _D),
        ("containment_source", _D),
        ("containment_copy", _D),
        ("passages", T.ArrayType(PASSAGE)),
        ("evidence", _S),
    )
)

ORIGINS = T.StructType(
    _fields(
        ("family", _S),
        ("members", T.ArrayType(_S)),
        ("earliest", _S),
        ("reason", _S),
        ("tree", T.ArrayType(T.ArrayType(_S))),
    )
)

NETWORK = T.StructType(
    _fields(
        ("source_outlet", _S),
        ("copy_outlet", _S),
        ("copies", _I),
        ("median_lag_seconds", _D),
        ("kinds", _S),
    )
)

#: The copy step's view of an article (see :func:`newsift.spark.copies.corpus_frame`).
CORPUS = T.StructType(
    _fields(
        ("id", _S),
        ("text", _S),
        ("title", _S),
        ("url", _S),
        ("outlet", _S),
        ("published", _S),
        ("language", _S),
        ("bp_lines", T.ArrayType(_L)),
        ("n_words", _I),
        ("bands", T.ArrayType(_L)),
        ("anchors", T.ArrayType(_L)),
    )
)


def arrow_schema(schema: T.StructType) -> pa.Schema:
    """The Arrow schema a ``mapInArrow`` body yields for the Spark ``schema``."""
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(schema)
