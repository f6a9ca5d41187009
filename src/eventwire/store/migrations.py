"""Ordered schema migrations, versioned with ``PRAGMA user_version``.

Migration ``n`` takes a database at version ``n - 1`` to version ``n``. Migration 1 is the
initial schema (``schema.sql``). To change the schema, append a migration; never edit one
that has shipped. :func:`migrate` runs the missing ones inside one ``BEGIN IMMEDIATE``
transaction, so two processes opening a new file at once cannot both migrate it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources

from eventwire.errors import StoreError


@dataclass(frozen=True)
class Migration:
    """One schema step: ``apply`` takes the database from ``version - 1`` to ``version``."""

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def split_statements(script: str) -> Iterator[str]:
    """Yield the complete SQL statements of ``script`` (triggers included), comments kept."""
    buf: list[str] = []
    for line in script.splitlines(keepends=True):
        buf.append(line)
        stmt = "".join(buf)
        if sqlite3.complete_statement(stmt):
            yield stmt
            buf = []


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute each statement of ``script`` inside the current transaction.

    ``executescript`` would commit first, so statements are run one by one.
    """
    for stmt in split_statements(script):
        conn.execute(stmt)


def _script(name: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        run_script(conn, (resources.files("eventwire.store") / name).read_text(encoding="utf-8"))

    return apply


def _actor_facets(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        ALTER TABLE event_actors ADD COLUMN type TEXT;
        ALTER TABLE event_actors ADD COLUMN quad_class INTEGER;
        UPDATE event_actors SET (type, quad_class) =
            (SELECT e.type, e.quad_class FROM events e WHERE e.id = event_actors.event_rowid);
        CREATE INDEX event_actors_event_order ON event_actors (country, event_rowid);
        CREATE INDEX event_actors_type ON event_actors (country, type, event_rowid);
        CREATE INDEX event_actors_quad ON event_actors (country, quad_class, event_rowid);
        """,
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _script("schema.sql")),
    Migration(
        2, "event type and quad class beside each actor, for indexed actor filters", _actor_facets
    ),
    Migration(3, "people, things, claims and quotes across documents", _script("related.sql")),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def check_version(version: int, *, path: str) -> None:
    """Refuse a database written by a newer eventwire.

    Raises:
        StoreError: ``version`` is newer than :data:`SCHEMA_VERSION`.
    """
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version} but this eventwire knows only up to "
            f"{SCHEMA_VERSION}; upgrade eventwire to open it",
            where=path,
        )


def migrate(conn: sqlite3.Connection, *, path: str) -> int:
    """Bring the database up to :data:`SCHEMA_VERSION`; return the version it had.

    Args:
        conn: an autocommit connection (``isolation_level=None``), no transaction open.
        path: the database path, for messages.

    Raises:
        StoreError: the database is newer than this code, or a migration failed.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    check_version(version, path=path)
    if version == SCHEMA_VERSION:
        return version
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        before = int(conn.execute("PRAGMA user_version").fetchone()[0])
        check_version(before, path=path)
        for migration in MIGRATIONS:
            if migration.version > before:
                migration.apply(conn)
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"{path}: schema migration failed: {exc}", where=path) from exc
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return before
