"""The corpus store: one schema through SQLAlchemy, a SQLite file or a PostgreSQL database.

Articles are keyed by the SHA-1 of their text (:func:`content_key`), so adding the same text
twice is a no-op and a killed ``corpus add`` resumes by skipping what is already stored.
Every write is one transaction per batch (:meth:`CorpusStore.add_batch`): a batch is either
wholly in the store or not at all. Bad inputs go to the ``errors`` table, one row per
(source, code). Copy edges, families, stories and the outlet network are computed on demand
from the stored articles (and their fingerprints), not cached: they depend on the whole
corpus, and a cache would have to be invalidated by every add.

The schema is versioned by :mod:`newsift.corpus.migrations` (a small table of applied
versions; each migration runs once, in order, in its own transaction).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    insert,
    select,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.sql.expression import Insert

from newsift import settings
from newsift.corpus.model import CorpusArticle
from newsift.errors import ConfigError, Errors

#: The store ``corpus`` commands open without ``--db``.
DEFAULT_DB = settings.CORPUS_DB
#: Keys looked up at once when checking which articles of a batch are already stored.
_LOOKUP_CHUNK = 500

metadata = MetaData()

articles_table = Table(
    "articles",
    metadata,
    # SHA-1 hex of the text: the same text is one article, whatever its metadata.
    Column("key", String(40), primary_key=True),
    # The input's id, else newsift's (the first 16 hex digits of the key); unique.
    Column("id", String(512), nullable=False, unique=True),
    Column("outlet", Text),
    Column("url", Text),
    # ISO 8601 as precise as the input: a date, or a date-time with its zone when given.
    Column("published", String(64)),
    Column("language", String(16)),
    Column("title", Text),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("report", Text),  # the report JSON; NULL when not analysed
    Column("fingerprint", LargeBinary),  # the copy engine's Fingerprint.to_bytes()
    Column("added_at", DateTime(timezone=True), nullable=False),
)

errors_table = Table(
    "errors",
    metadata,
    Column("source", String(1024), primary_key=True),
    Column("code", String(8), primary_key=True),
    Column("message", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)


def content_key(text: str) -> str:
    """The store's key of an article: the SHA-1 hex digest of its text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def engine_url(db: str) -> str:
    """The SQLAlchemy URL for ``--db``: a URL, or a plain path taken as a SQLite file.

    ``postgresql://`` and ``postgres://`` use the psycopg (3) driver.
    """
    if "://" not in db:
        return f"sqlite:///{db}"
    scheme, rest = db.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return db


def _redacted(url: str) -> str:
    """``url`` without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest and ":" in rest.split("@", 1)[0]:
        user = rest.split("@", 1)[0].split(":", 1)[0]
        return f"{scheme}{sep}{user}:***@{rest.split('@', 1)[1]}"
    return url


@dataclass(frozen=True)
class StoredArticle:
    """One row to store: the article, its key, its report and its fingerprint."""

    key: str
    article: CorpusArticle
    published: str | None  #: ISO 8601 as precise as the input
    source: str | None
    report: dict[str, Any] | None
    fingerprint: bytes | None

    def row(self, now: dt.datetime) -> dict[str, Any]:
        """The ``articles`` row."""
        a = self.article
        return {
            "key": self.key,
            "id": a.id,
            "outlet": a.outlet,
            "url": a.url,
            "published": self.published,
            "language": a.language,
            "title": a.title,
            "source": self.source,
            "text": a.text,
            "report": json.dumps(self.report, ensure_ascii=False) if self.report else None,
            "fingerprint": self.fingerprint,
            "added_at": now,
        }


@dataclass(frozen=True)
class RecordedError:
    """A bad input as the store keeps it."""

    source: str
    code: str
    message: str


def parse_published(value: str | None) -> dt.datetime | None:
    """A stored ``published`` value as a datetime (a bare date is midnight, no zone)."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


class CorpusStore:
    """An open corpus database. Create with :meth:`open`; use as a context manager."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, db: str = DEFAULT_DB, *, create: bool = True) -> CorpusStore:
        """Open (and with ``create``, create or migrate) the store at ``db``.

        Args:
            db: A SQLAlchemy URL (``sqlite:///news.db``, ``postgresql://user@host/db``) or
                a path to a SQLite file.
            create: Create the file and schema when missing (``corpus add``); the reading
                commands pass ``False`` and refuse a store that does not exist.

        Raises:
            ConfigError: The URL is malformed or its driver unknown (E140), the database
                can't be reached (E141), a SQLite file is missing (E142) or the schema is
                newer than this newsift (E143).
        """
        from newsift.corpus.migrations import migrate

        url = engine_url(db)
        shown = _redacted(db)
        if url.startswith("sqlite:///") and not create:
            path = url.removeprefix("sqlite:///")
            if path and path != ":memory:" and not Path(path).is_file():
                raise ConfigError(Errors.E142, db=shown)
        try:
            engine = create_engine(url, future=True)
        except (ArgumentError, NoSuchModuleError, ValueError) as error:
            raise ConfigError(Errors.E140, db=shown, detail=str(error).split("\n")[0]) from None
        try:
            migrate(engine, shown)
        except OperationalError as error:
            engine.dispose()
            detail = str(error.orig).strip().split("\n")[0] if error.orig else str(error)
            raise ConfigError(Errors.E141, db=shown, detail=detail) from None
        return cls(engine, shown)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------

    def _insert_ignoring(self, table: Table) -> Insert:
        """INSERT that skips rows whose primary key is stored already. Any other conflict
        (an id taken by another text) still fails, and with it the whole batch."""
        keys = [column.name for column in table.primary_key.columns]
        if self.engine.dialect.name == "postgresql":
            return pg_insert(table).on_conflict_do_nothing(index_elements=keys)
        if self.engine.dialect.name == "sqlite":
            return sqlite_insert(table).on_conflict_do_nothing(index_elements=keys)
        return insert(table)

    def known_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` are stored already."""
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for first in range(0, len(wanted), _LOOKUP_CHUNK):
                chunk = wanted[first : first + _LOOKUP_CHUNK]
                query = select(articles_table.c.key).where(articles_table.c.key.in_(chunk))
                found.update(conn.scalars(query))
        return found

    def taken_ids(self, ids: Iterable[str]) -> dict[str, str]:
        """Stored ``id`` → key for those of ``ids`` already used."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, str] = {}
        with self.engine.connect() as conn:
            for first in range(0, len(wanted), _LOOKUP_CHUNK):
                chunk = wanted[first : first + _LOOKUP_CHUNK]
                query = select(articles_table.c.id, articles_table.c.key).where(
                    articles_table.c.id.in_(chunk)
                )
                found.update({row.id: row.key for row in conn.execute(query)})
        return found

    def add_batch(
        self, articles: Sequence[StoredArticle], errors: Sequence[RecordedError] = ()
    ) -> int:
        """Store a batch of articles and bad inputs in one transaction.

        Rows whose key (or, for errors, source and code) is stored already are skipped.

        Returns:
            How many articles were new.
        """
        now = dt.datetime.now(dt.UTC)
        with self.engine.begin() as conn:
            before = conn.scalar(select(func.count()).select_from(articles_table)) or 0
            if articles:
                conn.execute(self._insert_ignoring(articles_table), [a.row(now) for a in articles])
            if errors:
                rows = [
                    {"source": e.source, "code": e.code, "message": e.message, "recorded_at": now}
                    for e in errors
                ]
                conn.execute(self._insert_ignoring(errors_table), rows)
            after = conn.scalar(select(func.count()).select_from(articles_table)) or 0
        return int(after - before)

    # --- reading -------------------------------------------------------------------------

    def count(self) -> int:
        """How many articles are stored."""
        with self.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(articles_table)) or 0)

    def articles(self) -> Iterator[CorpusArticle]:
        """Every stored article, in id order (the same order on every database)."""
        query = select(*_article_columns()).order_by(articles_table.c.id)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield _corpus_article(row)

    def fingerprints(self) -> dict[str, bytes]:
        """Stored fingerprint bytes by article id."""
        query = select(articles_table.c.id, articles_table.c.fingerprint).where(
            articles_table.c.fingerprint.is_not(None)
        )
        with self.engine.connect() as conn:
            return {row.id: bytes(row.fingerprint) for row in conn.execute(query)}

    def analysed_ids(self) -> list[str]:
        """Ids of the articles stored with a report."""
        query = select(articles_table.c.id).where(articles_table.c.report.is_not(None))
        with self.engine.connect() as conn:
            return sorted(conn.scalars(query))

    def article(self, article_id: str) -> tuple[CorpusArticle, dict[str, Any] | None] | None:
        """The article with this id (or content key) and its report, or ``None``."""
        columns = (*_article_columns(), articles_table.c.report)
        with self.engine.connect() as conn:
            row = conn.execute(select(*columns).where(articles_table.c.id == article_id)).first()
            if row is None:
                query = select(*columns).where(articles_table.c.key == article_id)
                row = conn.execute(query).first()
        if row is None:
            return None
        return _corpus_article(row), (json.loads(row.report) if row.report else None)

    def errors(self) -> list[RecordedError]:
        """Every recorded bad input, by source then code."""
        query = select(errors_table.c.source, errors_table.c.code, errors_table.c.message)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(errors_table.c.source, errors_table.c.code))
            return [RecordedError(r.source, r.code, r.message) for r in rows]


def _article_columns() -> tuple[Any, ...]:
    """The columns a :class:`CorpusArticle` is read from."""
    c = articles_table.c
    return (c.id, c.text, c.outlet, c.url, c.published, c.language, c.title)


def _corpus_article(row: Any) -> CorpusArticle:
    """A :class:`CorpusArticle` from a row selected with :func:`_article_columns`."""
    return CorpusArticle(
        id=row.id,
        text=row.text,
        outlet=row.outlet,
        url=row.url,
        published=parse_published(row.published),
        language=row.language,
        title=row.title,
    )
