"""Opening a store: WAL mode, pragmas, migrations, read-only access."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire.errors import StoreError
from eventwire.store import SCHEMA_VERSION, EventQuery, Store
from eventwire.store.migrations import split_statements
from tests.store.records import seed_doc, seed_events


def test_wal_file_appears_and_goes_on_close(db: Path) -> None:
    store = Store(db)
    doc = seed_doc()
    store.put(doc, seed_events(doc))
    assert db.with_name(db.name + "-wal").exists()
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 30_000
    store.close()
    assert not db.with_name(db.name + "-wal").exists()


def test_empty_file_is_migrated_to_current_version(db: Path) -> None:
    sqlite3.connect(db).close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        tables = {
            row[0]
            for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {
        "documents",
        "events",
        "event_actors",
        "places",
        "clusters",
        "errors",
        "doc_bands",
        "events_fts",
    } <= tables


def test_reopening_does_not_migrate_again(db: Path) -> None:
    with Store(db) as store:
        doc = seed_doc()
        store.put(doc, seed_events(doc))
    with Store(db) as store:
        assert store.stats()["events"] == 3


def test_future_version_is_refused(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="upgrade eventwire"):
        Store(db)
    with pytest.raises(StoreError, match="upgrade eventwire"):
        Store(db, readonly=True)


def test_readonly_store_reads_and_refuses_writes(db: Path) -> None:
    with Store(db) as store:
        doc = seed_doc()
        store.put(doc, seed_events(doc))
    with Store(db, readonly=True) as reader:
        assert reader.count_events() == 3
        with pytest.raises(StoreError, match="read-only"):
            reader.put_error("x", source=None, stage="read", type="ReadError", message="gone")


def test_readonly_needs_an_existing_migrated_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing.db", readonly=True)
    old = tmp_path / "old.db"
    sqlite3.connect(old).close()
    with pytest.raises(StoreError, match="older"):
        Store(old, readonly=True)


def test_reader_and_writer_share_the_file(db: Path) -> None:
    writer = Store(db)
    reader = Store(db, readonly=True)
    doc = seed_doc()
    writer.put(doc, seed_events(doc))
    assert reader.count_events() == 3


def test_closed_store_says_so(db: Path) -> None:
    store = Store(db)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count_events()


def test_schema_statements_split_whole_triggers() -> None:
    script = "CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\nEND;\n"
    assert len(list(split_statements(script))) == 2


V3_TABLES = (
    "quotes",
    "claims",
    "thing_lifecycle",
    "thing_parties",
    "thing_mentions",
    "thing_names",
    "things",
    "person_events",
    "person_mentions",
    "person_names",
    "people",
)


def test_version_1_database_is_migrated_with_its_rows(db: Path) -> None:
    with Store(db) as store:
        doc = seed_doc()
        store.put(doc, seed_events(doc))
        query = EventQuery(actor="KOR", type="CONSULT")
        expected = [r["event_id"] for r in store.events(query)]
        assert expected
    # take the file back to schema 1: no type/quad beside the actors, no indexes on them,
    # none of migration 3's relate tables
    conn = sqlite3.connect(db)
    for table in V3_TABLES:
        conn.execute(f"DROP TABLE {table}")
    for index in ("event_actors_event_order", "event_actors_type", "event_actors_quad"):
        conn.execute(f"DROP INDEX {index}")
    conn.execute("ALTER TABLE event_actors DROP COLUMN type")
    conn.execute("ALTER TABLE event_actors DROP COLUMN quad_class")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        blank = store.conn.execute(
            "SELECT COUNT(*) FROM event_actors WHERE type IS NULL OR quad_class IS NULL"
        ).fetchone()[0]
        assert blank == 0
        assert [r["event_id"] for r in store.events(query)] == expected
        assert store.count_events(query) == len(expected)
