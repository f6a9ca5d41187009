"""Storing documents: statuses, replacement, near-duplicates, clusters, errors, atomicity."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from eventwire.errors import StoreError
from eventwire.model import Document
from eventwire.store import EventQuery, Lookup, PutOutcome, Store, default_source
from tests.store.records import (
    SEED,
    SEED_URL,
    seed_doc,
    seed_events,
    syndicated_copy,
    wire_doc,
    wire_events,
)


def test_new_then_unchanged(store: Store) -> None:
    doc = seed_doc()
    assert store.lookup(doc) == Lookup("new")
    assert store.put(doc, seed_events(doc)) == PutOutcome("new", "seed-003", events_added=3)
    assert store.lookup(doc) == Lookup("unchanged", doc_id="seed-003")
    assert store.put(doc, seed_events(doc)) == PutOutcome("unchanged", "seed-003")
    assert store.stats()["events"] == 3


def test_rewrapped_text_is_unchanged(store: Store) -> None:
    doc = seed_doc()
    store.put(doc, seed_events(doc))
    rewrapped = seed_doc(text=SEED.replace("\n\n", "\n \n"))
    assert store.lookup(rewrapped).status == "unchanged"


def test_changed_text_replaces_events(store: Store) -> None:
    doc = seed_doc()
    store.put(doc, seed_events(doc))
    corrected = seed_doc(text=SEED.replace("50-minute", "55-minute"))
    assert store.lookup(corrected) == Lookup("changed", doc_id="seed-003")
    events = seed_events(corrected)[:1]
    outcome = store.put(corrected, events)
    assert outcome == PutOutcome("replaced", "seed-003", events_added=1)
    stored = list(store.events(EventQuery(doc_id="seed-003")))
    assert [e["event_id"] for e in stored] == [events[0].event_id]
    assert store.conn.execute("SELECT COUNT(*) FROM event_actors").fetchone()[0] == 2
    assert store.stats()["clusters"] == 1  # the emptied clusters are gone
    (row,) = store.documents()
    assert "55-minute" in store.document("seed-003")["text"]  # type: ignore[index]
    assert row["duplicate_of"] is None


def test_same_id_without_url_is_the_key(store: Store) -> None:
    doc = seed_doc(url=None)
    store.put(doc, seed_events(doc))
    assert store.lookup(seed_doc(url=None, text=SEED + " Updated.")).status == "changed"
    assert store.documents().__next__()["source"] == "file"


def test_syndicated_copy_is_linked_not_double_counted(store: Store) -> None:
    doc = seed_doc()
    store.put(doc, seed_events(doc))
    copy = Document(
        id="copy-1",
        url="https://www.koreaherald.example/view/123",
        published="2022-11-14",
        text=syndicated_copy(),
    )
    assert store.lookup(copy) == Lookup("duplicate", duplicate_of="seed-003")
    outcome = store.put(copy, seed_events(copy))
    assert outcome == PutOutcome("duplicate", "copy-1", events_added=0, duplicate_of="seed-003")
    stats = store.stats()
    assert (stats["documents"], stats["duplicates"], stats["events"]) == (2, 1, 3)
    assert store.count_events(EventQuery(doc_id="copy-1")) == 0
    for cluster in store.clusters():
        assert cluster["num_articles"] == 1
        assert cluster["num_sources"] == 2  # thediplomat.com and koreaherald.example
    assert store.put(copy, seed_events(copy)).status == "unchanged"


def test_exact_copy_under_another_url_is_a_duplicate(store: Store) -> None:
    doc = seed_doc()
    store.put(doc, seed_events(doc))
    mirror = seed_doc(doc_id="mirror", url="https://mirror.example.org/a")
    assert store.lookup(mirror) == Lookup("duplicate", duplicate_of="seed-003")


def test_different_article_is_not_a_duplicate(store: Store) -> None:
    doc = seed_doc()
    store.put(doc, seed_events(doc))
    assert store.lookup(wire_doc()).status == "new"


def test_threshold_is_respected(db: Path) -> None:
    with Store(db, near_duplicate=0.9999) as strict:
        doc = seed_doc()
        strict.put(doc, seed_events(doc))
        copy = Document(id="copy-1", url="https://b.example/x", text=syndicated_copy())
        assert strict.lookup(copy).status == "new"


def test_two_reports_of_one_meeting_share_a_cluster(store: Store) -> None:
    doc = seed_doc()
    store.put(doc, seed_events(doc))
    wire = wire_doc()
    store.put(wire, wire_events(wire))
    (wire_event,) = store.events(EventQuery(doc_id="wire-1"))
    seed_meeting = next(store.events(EventQuery(text="Kishida counterpart")))
    assert wire_event["cluster_id"] == seed_meeting["cluster_id"]
    cluster = store.cluster(wire_event["cluster_id"])
    assert cluster is not None
    assert (cluster["num_mentions"], cluster["num_articles"], cluster["num_sources"]) == (2, 2, 2)
    assert cluster["date"] == "2022-11-13"
    assert cluster["source_countries"] == ["KOR"]
    assert cluster["target_countries"] == ["JPN"]
    # The Yoon-Biden meeting is another event: another cluster.
    biden = next(store.events(EventQuery(target_actor="USA")))
    assert biden["cluster_id"] != wire_event["cluster_id"]
    # Every mention keeps its own provenance.
    assert wire_event["sentence"]["start"] == 0
    assert seed_meeting["sentence"]["start"] > 0


def test_month_date_joins_day_cluster(store: Store) -> None:
    doc = seed_doc()
    store.put(doc, seed_events(doc))
    wire = wire_doc()
    store.put(wire, [wire_events(wire)[0].model_copy(update={"date": "2022-11"})])
    assert store.stats()["clusters"] == 3
    (cluster,) = store.clusters(min_articles=2)
    assert cluster["date"] == "2022-11-13"  # the most precise date seen


@pytest.mark.parametrize(("published", "clusters"), [("2022-11-15", 3), ("2022-12-30", 4)])
def test_dateless_event_joins_only_when_published_close(
    store: Store, published: str, clusters: int
) -> None:
    doc = seed_doc()
    store.put(doc, seed_events(doc))
    later = Document(
        id="later",
        url="https://later.example/a",
        published=published,
        text="Yoon and Kishida held talks, officials said. " * 3,
    )
    (event,) = wire_events(wire_doc())
    dateless = event.model_copy(update={"doc_id": "later", "event_id": "later:0:1", "date": None})
    store.put(later, [dateless])
    assert store.stats()["clusters"] == clusters


def test_reversed_sides_of_a_meeting_cluster_together(store: Store) -> None:
    wire = wire_doc()
    (event,) = wire_events(wire)
    store.put(wire, [event])
    other = Document(
        id="jp",
        url="https://japantimes.example/a",
        published="2022-11-13",
        text="Kishida met Yoon in Phnom Penh on Sunday. " * 2,
    )
    flipped = event.model_copy(
        update={
            "doc_id": "jp",
            "event_id": "jp:0:1",
            "source": event.target,
            "target": event.source,
        }
    )
    store.put(other, [flipped])
    assert store.stats()["clusters"] == 1


def test_put_error_is_recorded(store: Store) -> None:
    store.put_error(
        "bad-1", source="file", stage="read", type="ReadError", message="bad-1: empty file"
    )
    (err,) = store.errors()
    assert (err["doc_id"], err["stage"], err["type"]) == ("bad-1", "read", "ReadError")
    assert list(store.errors(stage="parse")) == []
    assert store.stats()["errors"] == 1


def test_failed_write_leaves_nothing_behind(store: Store) -> None:
    doc = seed_doc()
    events = seed_events(doc)
    clash = events[1].model_copy(update={"event_id": events[0].event_id})
    with pytest.raises(StoreError, match="UNIQUE"):
        store.put(doc, [events[0], clash])
    stats = store.stats()
    assert (stats["documents"], stats["events"], stats["clusters"]) == (0, 0, 0)
    assert store.conn.execute("SELECT COUNT(*) FROM doc_bands").fetchone()[0] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM event_actors").fetchone()[0] == 0
    assert store.put(doc, events).status == "new"


def test_event_of_another_document_is_refused(store: Store) -> None:
    doc = seed_doc()
    wire = wire_doc()
    with pytest.raises(StoreError, match="belongs to wire-1"):
        store.put(doc, wire_events(wire))


def test_id_used_by_another_url_is_refused(store: Store) -> None:
    doc = seed_doc()
    store.put(doc, seed_events(doc))
    other = Document(id="seed-003", url="https://other.example/x", text="Something else. " * 9)
    with pytest.raises(StoreError, match="distinct id"):
        store.put(other, [])


def test_second_writer_waits_for_the_lock(db: Path) -> None:
    Store(db).close()
    holding = threading.Event()

    def hold_lock() -> None:
        with Store(db) as other:
            other.conn.execute("BEGIN IMMEDIATE")
            holding.set()
            time.sleep(0.3)
            other.conn.execute("COMMIT")

    thread = threading.Thread(target=hold_lock)
    store = Store(db)
    thread.start()
    assert holding.wait(5)
    start = time.perf_counter()
    store.put_error("x", source=None, stage="read", type="ReadError", message="m")
    assert time.perf_counter() - start > 0.1  # it waited for the other writer's COMMIT
    thread.join()
    assert store.stats()["errors"] == 1


def test_writer_gives_up_after_busy_timeout(db: Path) -> None:
    first, second = Store(db), Store(db)
    first.conn.execute("BEGIN IMMEDIATE")
    second.conn.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(StoreError, match="write lock"):
        second.put_error("x", source=None, stage="read", type="ReadError", message="m")
    first.conn.execute("COMMIT")


def test_default_source() -> None:
    assert default_source(SEED_URL) == "thediplomat.com"
    assert default_source("https://www.reuters.com/x") == "reuters.com"
    assert default_source(None) == "file"


def test_bulk_load(store: Store) -> None:
    doc, wire = seed_doc(), wire_doc()
    assert store.put_many([(doc, seed_events(doc)), (wire, wire_events(wire))]) == (2, 4)
    assert store.count_events(EventQuery(text="Kishida")) == 2
    assert store.count_events(EventQuery(actor="KOR", type="CONSULT")) == 3
    assert store.lookup(doc).status == "unchanged"
    with pytest.raises(StoreError, match="already stored"):
        store.put_many([(doc, [])])
    assert store.stats()["documents"] == 2


def test_sqlite_errors_surface_as_store_errors(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db.db"
    path.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError):
        Store(path)
    assert isinstance(sqlite3.Error(), Exception)
