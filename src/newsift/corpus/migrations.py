"""Versioned schema migrations of the corpus store, applied in order, each once.

The ``schema_version`` table lists the versions applied. Opening a store runs every
migration newer than the newest applied one, each in its own transaction, and records it;
a store written by a newer newsift (a version this one doesn't know) is refused rather than
misread. To change the schema, append a :class:`Migration` to :data:`MIGRATIONS`: never edit
or reorder one that has shipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    func,
    inspect,
    select,
)

from newsift.errors import ConfigError, Errors

_versions_metadata = MetaData()
schema_version_table = Table(
    "schema_version",
    _versions_metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Migration:
    """One schema change: ``apply`` runs inside the transaction that records ``version``."""

    version: int
    description: str
    apply: Callable[[Connection], None]


def _create_v1(conn: Connection) -> None:
    from newsift.corpus.store import articles_table, errors_table, metadata

    metadata.create_all(conn, tables=[articles_table, errors_table])


#: Every migration, oldest first.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles (keyed by content hash) and errors", _create_v1),
)


def current_version(conn: Connection) -> int:
    """The newest applied version (0 for an empty database)."""
    if not inspect(conn).has_table(schema_version_table.name):
        return 0
    return int(conn.scalar(select(func.max(schema_version_table.c.version))) or 0)


def migrate(engine: Engine, shown: str) -> int:
    """Bring the database at ``engine`` up to the newest schema.

    Args:
        engine: The open database.
        shown: The database as messages name it (password removed).

    Returns:
        The schema version now in place.

    Raises:
        ConfigError: The database holds a newer schema than this newsift knows (E143).
    """
    newest = MIGRATIONS[-1].version
    with engine.begin() as conn:
        _versions_metadata.create_all(conn)
        version = current_version(conn)
    if version > newest:
        raise ConfigError(Errors.E143, db=shown, found=version, newest=newest)
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        with engine.begin() as conn:
            migration.apply(conn)
            conn.execute(
                schema_version_table.insert().values(
                    version=migration.version,
                    description=migration.description,
                    applied_at=dt.datetime.now(dt.UTC),
                )
            )
        version = migration.version
    return version
