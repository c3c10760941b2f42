"""``newsift spark copies``: the corpus's copy edges, families and outlet network at scale.

Public API::

    corpus_frame(articles, params=CopyParams()) -> DataFrame    # schema: schemas.CORPUS
    candidate_frame(corpus, params) -> DataFrame                # (a, b) ids, a < b
    copy_edges(articles, params=CopyParams()) -> DataFrame      # schema: schemas.COPIES
    copy_origins(articles, edges) -> DataFrame                  # schema: schemas.ORIGINS
    copy_network(articles, edges) -> DataFrame                  # schema: schemas.NETWORK
    run_copies(articles_path, out, master=None) -> CopiesOutcome

The same steps as ``newsift corpus copies/origins/network`` (:mod:`newsift.corpus`), with
the corpus-wide ones written as DataFrame operations and the per-pair and per-family ones
calling the corpus's own functions:

1. *Corpus*: the articles the corpus would store (analysed, stored, or in a language
   newsift does not analyse: E013), one per text (the first by source), an id that another
   text already holds replaced by newsift's id of the text (W140 in the corpus).
2. *Boilerplate*: lines (their hashes, from the analysis pass) in at least
   ``boilerplate_min_articles`` articles of one outlet; only the articles holding one are
   fingerprinted again, with the lines masked.
3. *Candidates*: LSH band keys grouped by value (a bucket of more than ``bucket_cap``
   articles pairs each member with the bucket's first and its neighbour only), and rare
   n-gram anchors grouped by value (buckets over ``rare_cap`` dropped; two shared anchors
   needed) - :mod:`newsift.corpus.candidates`, on DataFrames.
4. *Verification*: each pair, both texts joined to it, aligned and oriented by
   :func:`newsift.corpus.copies.verify_pair` in the Python workers.
5. *Families*: connected components of the edges by label propagation on DataFrames,
   then :func:`newsift.corpus.origins.find_origins` per family;
   *network*: :func:`newsift.corpus.network.outlet_network` per outlet pair.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from newsift.corpus.align import Prepared, prepare
from newsift.corpus.copies import CopyParams, verify_pair
from newsift.corpus.explained import drop_explained
from newsift.corpus.model import CopyEdge, CorpusArticle, Passage
from newsift.corpus.network import outlet_network
from newsift.corpus.origins import find_origins
from newsift.corpus.store import parse_published
from newsift.errors import ConfigError, Errors
from newsift.spark import sketch
from newsift.spark.schemas import ARTICLES, COPIES, CORPUS, NETWORK, ORIGINS, arrow_schema

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

#: Statuses of ``articles`` rows the corpus would store (the rest are bad inputs).
STORED_STATUSES = ("ok", "stored")
#: The one error whose article the corpus still stores: a language newsift does not analyse.
STORED_ERROR = "E013"
#: Columns ``newsift spark copies`` needs from an articles table.
NEEDED = (
    "id",
    "text",
    "outlet",
    "url",
    "published",
    "published_at",
    "status",
    "error_code",
    "content_key",
    "n_words",
    "bands",
    "anchors",
    "lines",
    "source",
    "title",
    "language",
)
#: Most rounds of label propagation (each halves no distance, so: the longest copy chain).
MAX_ROUNDS = 100


def check_articles(articles: DataFrame, source: str = "the articles table") -> None:
    """Raise E163 unless ``articles`` has the columns the copy step reads."""
    missing = [name for name in NEEDED if name not in articles.columns]
    if missing:
        raise ConfigError(Errors.E163, source=source, columns=", ".join(missing))


# --- the corpus -------------------------------------------------------------------------


def _resketch(batches: Iterable[pa.RecordBatch], params: CopyParams) -> Iterator[pa.RecordBatch]:
    """Fingerprint again, with their boilerplate lines masked, the articles that hold some."""
    schema = arrow_schema(CORPUS)
    for batch in batches:
        rows = batch.to_pylist()
        for row in rows:
            masked = sketch.masked_spans(row["text"], set(row["bp_lines"] or ()))
            row.update(sketch.sketch_columns(row["text"], masked, params))
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def corpus_frame(articles: DataFrame, params: CopyParams | None = None) -> DataFrame:
    """The copy step's articles (schema :data:`~newsift.spark.schemas.CORPUS`): the ones the
    corpus stores, deduplicated, with their boilerplate lines and masked sketches."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    params = params or CopyParams()
    check_articles(articles)
    kept = articles.where(
        F.col("text").isNotNull()
        & F.col("content_key").isNotNull()
        & (F.col("status").isin(*STORED_STATUSES) | (F.col("error_code") == STORED_ERROR))
    )
    # One article per text (the corpus keys articles by content), the first by source.
    first = Window.partitionBy("content_key").orderBy("source", "id")
    kept = kept.withColumn("_n", F.row_number().over(first)).where(F.col("_n") == 1)
    # An id another text holds already: newsift's id of the text instead (W140).
    same_id = Window.partitionBy("id").orderBy("source", "content_key")
    kept = kept.withColumn("_n", F.row_number().over(same_id)).withColumn(
        "id",
        F.when(F.col("_n") == 1, F.col("id")).otherwise(F.substring(F.col("content_key"), 1, 16)),
    )
    kept = kept.select(
        "id",
        "text",
        "title",
        "url",
        "outlet",
        F.coalesce("published_at", "published").alias("published"),
        "language",
        "n_words",
        "bands",
        "anchors",
        "lines",
    )
    lines = kept.where(F.col("outlet").isNotNull() & (F.col("outlet") != "")).select(
        "outlet", "id", F.explode("lines").alias("line")
    )
    boilerplate = (
        lines.groupBy("outlet", "line")
        .agg(F.countDistinct("id").alias("n"))
        .where(F.col("n") >= params.boilerplate_min_articles)
        .select("outlet", "line")
    )
    marked = (
        lines.join(boilerplate, ["outlet", "line"])
        .groupBy("id")
        .agg(F.sort_array(F.collect_set("line")).alias("bp_lines"))
    )
    joined = kept.drop("lines").join(marked, "id", "left").select(*CORPUS.names)
    plain = joined.where(F.col("bp_lines").isNull())
    masked = joined.where(F.col("bp_lines").isNotNull()).mapInArrow(
        partial(_resketch, params=params), CORPUS
    )
    return plain.unionByName(masked)


# --- candidates -------------------------------------------------------------------------


def _bucket_pairs(keyed: DataFrame, cap: int, keep_large: bool) -> DataFrame:
    """Pairs ``(a, b)``, ``a < b``, of ids sharing a key; one row per shared key.

    Buckets of at most ``cap`` ids give all their pairs; a larger one, when
    ``keep_large``, pairs each member with its first (smallest) id and its neighbour.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    keyed = keyed.distinct()
    sizes = keyed.groupBy("key").count()
    sized = keyed.join(sizes.where(F.col("count") >= 2), "key")
    small = sized.where(F.col("count") <= cap)
    left, right = small.alias("l"), small.alias("r")
    pairs = left.join(right, (F.col("l.key") == F.col("r.key")) & (F.col("l.id") < F.col("r.id")))
    pairs = pairs.select(
        F.col("l.key").alias("key"), F.col("l.id").alias("a"), F.col("r.id").alias("b")
    )
    if not keep_large:
        return pairs
    order = Window.partitionBy("key").orderBy("id")
    large = (
        sized.where(F.col("count") > cap)
        .withColumn("first", F.first("id").over(order))
        .withColumn("previous", F.lag("id").over(order))
        .withColumn("rank", F.row_number().over(order))
    )
    to_first = large.where(F.col("rank") > 1).select(
        "key", F.col("first").alias("a"), F.col("id").alias("b")
    )
    to_previous = large.where(F.col("rank") > 2).select(
        "key", F.col("previous").alias("a"), F.col("id").alias("b")
    )
    return pairs.unionByName(to_first).unionByName(to_previous)


def candidate_frame(corpus: DataFrame, params: CopyParams | None = None) -> DataFrame:
    """Candidate pairs ``(a, b)`` (ids, ``a < b``) as :func:`newsift.corpus.candidates.
    candidate_pairs` gives them for the same fingerprints."""
    from pyspark.sql import functions as F

    p = (params or CopyParams()).candidates
    eligible = corpus.where(F.col("n_words") >= p.min_words)
    bands = eligible.select("id", F.explode("bands").alias("key"))
    lsh = _bucket_pairs(bands, p.bucket_cap, keep_large=True).select("a", "b")
    anchors = eligible.select("id", F.explode("anchors").alias("key"))
    rare = (
        _bucket_pairs(anchors, p.rare_cap, keep_large=False)
        .groupBy("a", "b")
        .count()
        .where(F.col("count") >= p.min_shared_anchors)
        .select("a", "b")
    )
    return lsh.unionByName(rare).distinct()


# --- verification ----------------------------------------------------------------------


def _article(row: Mapping[str, Any], side: str) -> CorpusArticle:
    return CorpusArticle(
        id=row[f"{side}_id"],
        text=row[f"{side}_text"],
        outlet=row[f"{side}_outlet"],
        url=row[f"{side}_url"],
        published=parse_published(row[f"{side}_published"]),
        language=row[f"{side}_language"],
        title=row[f"{side}_title"],
    )


def edge_row(edge: CopyEdge) -> dict[str, Any]:
    """One ``copies`` row (the corpus's ``copy_row`` with its evidence as JSON)."""
    return {
        "source": edge.source,
        "copy": edge.copy,
        "kind": edge.kind,
        "direction": edge.direction,
        "direction_reason": edge.direction_reason,
        "score": round(edge.score, 4),
        "containment_source": round(edge.containment_source, 4),
        "containment_copy": round(edge.containment_copy, 4),
        "passages": [asdict(p) for p in edge.passages],
        "evidence": json.dumps(edge.evidence, ensure_ascii=False),
    }


def _verify_batches(
    batches: Iterable[pa.RecordBatch], params: CopyParams
) -> Iterator[pa.RecordBatch]:
    schema = arrow_schema(COPIES)
    cache: OrderedDict[str, Prepared] = OrderedDict()

    def prepared(article: CorpusArticle, lines: list[int] | None) -> Prepared:
        hit = cache.get(article.id)
        if hit is not None:
            cache.move_to_end(article.id)
            return hit
        masked = sketch.masked_spans(article.text, set(lines or ()))
        made = prepare(article.text, masked, params.align)
        cache[article.id] = made
        if len(cache) > params.cache_size:
            cache.popitem(last=False)
        return made

    for batch in batches:
        out = []
        for row in batch.to_pylist():
            a, b = _article(row, "a"), _article(row, "b")
            edge = verify_pair(
                a, b, prepared(a, row["a_bp_lines"]), prepared(b, row["b_bp_lines"]), params
            )
            if edge is not None:
                out.append(edge_row(edge))
        yield pa.RecordBatch.from_pylist(out, schema=schema)


def _side(corpus: DataFrame, side: str) -> DataFrame:
    from pyspark.sql import functions as F

    names = ("id", "text", "outlet", "url", "published", "language", "title", "bp_lines")
    return corpus.select(*(F.col(n).alias(f"{side}_{n}") for n in names))


def verify_frame(
    corpus: DataFrame, pairs: DataFrame, params: CopyParams | None = None
) -> DataFrame:
    """The copy edges among candidate ``pairs`` (schema :data:`~newsift.spark.schemas.COPIES`)."""
    from pyspark.sql import functions as F

    params = params or CopyParams()
    joined = pairs.join(_side(corpus, "a"), F.col("a") == F.col("a_id")).join(
        _side(corpus, "b"), F.col("b") == F.col("b_id")
    )
    return (
        joined.drop("a", "b")
        .sortWithinPartitions("a_id")  # one article's pairs together: its alignment is reused
        .mapInArrow(partial(_verify_batches, params=params), COPIES)
    )


def copy_edges(articles: DataFrame, params: CopyParams | None = None) -> DataFrame:
    """The copy edges among ``articles`` (an ``articles`` table of ``newsift spark
    analyze``): the same rows as ``newsift corpus copies`` on the same input.

    Raises:
        ConfigError: E163 when ``articles`` lacks the analysis pass's columns.
    """
    from pyspark import StorageLevel

    params = params or CopyParams()
    corpus = corpus_frame(articles, params).persist(StorageLevel.MEMORY_AND_DISK)
    return _confirmed_edges(corpus, params)


def _confirmed_edges(corpus: DataFrame, params: CopyParams) -> DataFrame:
    """The verified edges less those a common, earlier source explains (as the corpus)."""
    from pyspark import StorageLevel

    verified = verify_frame(corpus, candidate_frame(corpus, params), params)
    return drop_explained_frame(corpus, verified.persist(StorageLevel.MEMORY_AND_DISK))


def _explained_batches(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    schema = arrow_schema(COPIES)
    for batch in batches:
        out = []
        for row in batch.to_pylist():
            members = [
                CorpusArticle(
                    id=m["id"],
                    text=m["text"] or "",
                    outlet=m["outlet"],
                    published=parse_published(m["published"]),
                )
                for m in row["members"]
            ]
            edges = [_copy_edge(e) for e in row["edges"]]
            out += [edge_row(edge) for edge in drop_explained(members, edges)]
        yield pa.RecordBatch.from_pylist(out, schema=schema)


def drop_explained_frame(corpus: DataFrame, edges: DataFrame) -> DataFrame:
    """``edges`` less those explained by a common, earlier source
    (:func:`newsift.corpus.explained.drop_explained`, run per copy family: an edge and the
    edges that may explain it are always in one connected component).

    Args:
        corpus: The :func:`corpus_frame` (texts, outlets and publication times).
        edges: Verified copy edges (:func:`verify_frame`).
    """
    members = _published(corpus).join(corpus.select("id", "text"), "id")
    return _by_family(members, edges).mapInArrow(_explained_batches, COPIES)


# --- families and network ---------------------------------------------------------------


def components(links: DataFrame) -> DataFrame:
    """Connected components of an undirected graph given by ``(a, b)`` links: ``(node,
    component)``, the component named by its smallest node (label propagation, one round
    per step of the longest shortest path)."""
    from pyspark.sql import functions as F

    both = links.select("a", "b").unionByName(
        links.select(F.col("b").alias("a"), F.col("a").alias("b"))
    )
    both = both.distinct().localCheckpoint()
    labels = both.select(F.col("a").alias("node")).distinct().withColumn("component", F.col("node"))
    labels = labels.localCheckpoint()
    for _ in range(MAX_ROUNDS):
        offered = both.join(labels, both["b"] == labels["node"]).select(
            F.col("a").alias("node"), F.col("component")
        )
        updated = (
            labels.unionByName(offered)
            .groupBy("node")
            .agg(F.min("component").alias("component"))
            .localCheckpoint()
        )
        changed = (
            updated.alias("u")
            .join(labels.alias("o"), "node")
            .where(F.col("u.component") != F.col("o.component"))
            .limit(1)
            .count()
        )
        labels = updated
        if not changed:
            break
    return labels


def _by_family(articles: DataFrame, edges: DataFrame) -> DataFrame:
    """One row per copy family (connected component of ``edges``): ``component``,
    ``members`` (structs of ``articles``' columns, ``id`` first) and ``edges`` (``copies``
    rows)."""
    from pyspark.sql import functions as F

    links = edges.select(F.col("source").alias("a"), F.col("copy").alias("b"))
    labels = components(links)
    columns = [c for c in articles.columns if c != "id"]
    members = (
        labels.join(articles, labels["node"] == F.col("id"), "left")
        .select("component", F.struct(F.col("node").alias("id"), *columns).alias("member"))
        .groupBy("component")
        .agg(F.collect_list("member").alias("members"))
    )
    grouped = (
        edges.join(labels, edges["source"] == labels["node"])
        .groupBy("component")
        .agg(F.collect_list(F.struct(*COPIES.names)).alias("edges"))
    )
    return members.join(grouped, "component")


def _dated(published: str | None, article_id: str, outlet: str | None = None) -> CorpusArticle:
    return CorpusArticle(
        id=article_id, text="", outlet=outlet, published=parse_published(published)
    )


def _copy_edge(row: Mapping[str, Any]) -> CopyEdge:
    return CopyEdge(
        source=row["source"],
        copy=row["copy"],
        kind=row["kind"],
        containment_source=row["containment_source"],
        containment_copy=row["containment_copy"],
        passages=tuple(Passage(**p) for p in row["passages"] or ()),
        direction=row["direction"],
        direction_reason=row["direction_reason"],
        score=row["score"],
        evidence=json.loads(row["evidence"] or "{}"),
    )


def _family_batches(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    schema = arrow_schema(ORIGINS)
    for batch in batches:
        out = []
        for row in batch.to_pylist():
            members = [_dated(m["published"], m["id"]) for m in row["members"]]
            for family in find_origins(members, [_copy_edge(e) for e in row["edges"]]):
                out.append(
                    {
                        "family": family.family,
                        "members": list(family.members),
                        "earliest": family.earliest,
                        "reason": family.reason,
                        "tree": [list(pair) for pair in family.tree],
                    }
                )
        yield pa.RecordBatch.from_pylist(out, schema=schema)


def _published(frame: DataFrame) -> DataFrame:
    """``id``, ``outlet``, ``published`` (the time as precisely as given) of an ``articles``
    table or a :func:`corpus_frame`."""
    from pyspark.sql import functions as F

    published = (
        F.coalesce("published_at", "published")
        if "published_at" in frame.columns
        else F.col("published")
    )
    return frame.select("id", "outlet", published.alias("published"))


def copy_origins(corpus: DataFrame, edges: DataFrame) -> DataFrame:
    """Copy families with their earliest source and tree (``newsift corpus origins``).

    Args:
        corpus: The ``articles`` table, or its :func:`corpus_frame` (publication times).
        edges: :func:`copy_edges`.
    """
    return _by_family(_published(corpus), edges).mapInArrow(_family_batches, ORIGINS)


def _network_batches(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    schema = arrow_schema(NETWORK)
    for batch in batches:
        out = []
        for row in batch.to_pylist():
            articles = {}
            edges = []
            for e in row["edges"]:
                articles[e["source"]] = _dated(
                    e["source_published"], e["source"], row["source_outlet"]
                )
                articles[e["copy"]] = _dated(e["copy_published"], e["copy"], row["copy_outlet"])
                edges.append(_copy_edge(e))
            for o in outlet_network(list(articles.values()), edges):
                out.append(
                    {
                        "source_outlet": o.source_outlet,
                        "copy_outlet": o.copy_outlet,
                        "copies": o.copies,
                        "median_lag_seconds": o.median_lag_seconds,
                        "kinds": json.dumps(o.kinds, sort_keys=True),
                    }
                )
        yield pa.RecordBatch.from_pylist(out, schema=schema)


def copy_network(corpus: DataFrame, edges: DataFrame) -> DataFrame:
    """The outlet -> outlet copy network (``newsift corpus network``), sorted as there.

    Args:
        corpus: The ``articles`` table, or its :func:`corpus_frame` (outlets, times).
        edges: :func:`copy_edges`.
    """
    from pyspark.sql import functions as F

    src = _published(corpus).select(
        F.col("id").alias("source"),
        F.col("outlet").alias("source_outlet"),
        F.col("published").alias("source_published"),
    )
    cp = _published(corpus).select(
        F.col("id").alias("copy"),
        F.col("outlet").alias("copy_outlet"),
        F.col("published").alias("copy_published"),
    )
    forward = edges.where(F.col("direction") == "forward").join(src, "source").join(cp, "copy")
    forward = forward.where((F.col("source_outlet") != "") & (F.col("copy_outlet") != ""))
    grouped = forward.groupBy("source_outlet", "copy_outlet").agg(
        F.collect_list(F.struct(*COPIES.names, "source_published", "copy_published")).alias("edges")
    )
    return grouped.mapInArrow(_network_batches, NETWORK).orderBy(
        F.col("copies").desc(), "source_outlet", "copy_outlet"
    )


@dataclass
class CopiesOutcome:
    """What ``newsift spark copies`` wrote."""

    articles: int
    edges: int
    families: int
    outlet_edges: int


COPIES_TABLE, ORIGINS_TABLE, NETWORK_TABLE = "copies", "origins", "network"


def run_copies(articles_path: str, out: str, master: str | None = None) -> CopiesOutcome:
    """Read an ``articles`` table, write ``OUT/copies``, ``OUT/origins``, ``OUT/network``.

    Raises:
        ConfigError: E160 (no Spark), E163 (not an articles table), E164 (a table exists).
    """
    from pyspark import StorageLevel

    from newsift.spark.analyze import check_out, write_table
    from newsift.spark.session import spark_session

    spark = spark_session(master)
    check_out(spark, out, (COPIES_TABLE, ORIGINS_TABLE, NETWORK_TABLE))
    articles = spark.read.parquet(articles_path)
    check_articles(articles, articles_path)
    params = CopyParams()
    corpus = corpus_frame(articles, params).persist(StorageLevel.MEMORY_AND_DISK)
    edges = _confirmed_edges(corpus, params).persist(StorageLevel.MEMORY_AND_DISK)
    base = out.rstrip("/")
    write_table(edges.orderBy("source", "copy"), f"{base}/{COPIES_TABLE}")
    origins = copy_origins(corpus, edges).persist(StorageLevel.MEMORY_AND_DISK)
    write_table(origins.orderBy("family"), f"{base}/{ORIGINS_TABLE}")
    network = copy_network(corpus, edges).persist(StorageLevel.MEMORY_AND_DISK)
    write_table(network, f"{base}/{NETWORK_TABLE}")
    return CopiesOutcome(corpus.count(), edges.count(), origins.count(), network.count())


__all__ = [
    "ARTICLES",
    "candidate_frame",
    "components",
    "copy_edges",
    "copy_network",
    "copy_origins",
    "corpus_frame",
    "drop_explained_frame",
    "run_copies",
    "verify_frame",
]
