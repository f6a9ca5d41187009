"""Every query filter, the partial-date rule, FTS safety, paging and the listings."""

from __future__ import annotations

import re

import pytest

from eventwire.bench.store import synthetic
from eventwire.store import EventQuery, Store
from eventwire.store.query import fts_phrase, select_sql
from tests.store.records import seed_doc, seed_events, wire_doc, wire_events


@pytest.fixture
def filled(store: Store) -> Store:
    doc, wire = seed_doc(), wire_doc()
    store.put(doc, seed_events(doc))
    store.put(wire, wire_events(wire))
    return store


def ids(store: Store, **filters: object) -> list[str]:
    return [e["event_id"] for e in store.events(EventQuery(**filters))]  # type: ignore[arg-type]


MEET_BIDEN, MEET_KISHIDA, CONDEMN, WIRE = (
    "seed-003:8:9",
    "seed-003:14:2",
    "seed-003:15:20",
    "wire-1:0:16",
)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [MEET_BIDEN, MEET_KISHIDA, CONDEMN, WIRE]),
        ({"actor": "JPN"}, [MEET_KISHIDA, CONDEMN, WIRE]),
        ({"actor": "PRK"}, [CONDEMN]),
        ({"source_actor": "JPN"}, [CONDEMN]),
        ({"target_actor": "JPN"}, [MEET_KISHIDA, WIRE]),
        ({"source_actor": "KOR", "target_actor": "USA"}, [MEET_BIDEN]),
        ({"type": "ACCUSE"}, [CONDEMN]),
        ({"quad": 1}, [MEET_BIDEN, MEET_KISHIDA, WIRE]),
        ({"quad": 3, "actor": "KOR"}, [CONDEMN]),
        ({"text": "Kishida"}, [MEET_KISHIDA, WIRE]),
        ({"text": "kishida SUMMIT"}, [WIRE]),
        ({"text": "45-minute"}, [CONDEMN]),
        ({"text": "Yoon's office"}, [WIRE]),
        ({"text": 'NEAR("missile" AND) OR *'}, []),
        ({"text": "?!"}, []),
        ({"doc_id": "wire-1"}, [WIRE]),
        (
            {"actor": "KOR", "type": "CONSULT", "since": "2022-11-13", "until": "2022-11-13"},
            [MEET_BIDEN, MEET_KISHIDA, WIRE],
        ),
    ],
)
def test_filters(filled: Store, filters: dict[str, object], expected: list[str]) -> None:
    assert ids(filled, **filters) == expected
    assert filled.count_events(EventQuery(**filters)) == len(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        # CONDEMN is dated 2022-11 (month precision): it overlaps any range touching November.
        ("2022-11-14", None, [CONDEMN]),
        ("2022-11-01", "2022-11-12", [CONDEMN]),
        (None, "2022-11-12", [CONDEMN]),
        ("2022-12-01", None, []),
        (None, "2022-10-31", []),
        ("2022-11", "2022-11", [MEET_BIDEN, MEET_KISHIDA, CONDEMN, WIRE]),
        ("2022", None, [MEET_BIDEN, MEET_KISHIDA, CONDEMN, WIRE]),
        ("2022-11-13", "2022-11-13", [MEET_BIDEN, MEET_KISHIDA, CONDEMN, WIRE]),
    ],
)
def test_partial_dates_overlap_the_range(
    filled: Store, since: str | None, until: str | None, expected: list[str]
) -> None:
    assert ids(filled, since=since, until=until) == expected


def test_undated_events_never_match_a_date_filter(store: Store) -> None:
    doc = seed_doc()
    (event,) = seed_events(doc)[:1]
    store.put(doc, [event.model_copy(update={"date": None})])
    assert ids(store, since="1900") == []
    assert ids(store) == [event.event_id]


def test_cluster_filter_and_record_extras(filled: Store) -> None:
    wire = next(filled.events(EventQuery(doc_id="wire-1")))
    assert wire["url"] == wire_doc().url
    assert ids(filled, cluster_id=wire["cluster_id"]) == [MEET_KISHIDA, WIRE]


def test_limit_and_offset(filled: Store) -> None:
    assert ids(filled, limit=2) == [MEET_BIDEN, MEET_KISHIDA]
    assert ids(filled, limit=2, offset=2) == [CONDEMN, WIRE]
    assert ids(filled, offset=3) == [WIRE]
    assert filled.count_events(EventQuery(limit=1)) == 4


def test_listings(filled: Store) -> None:
    docs = list(filled.documents())
    assert [d["doc_id"] for d in docs] == ["seed-003", "wire-1"]
    assert "text" not in docs[0]
    assert [d["doc_id"] for d in filled.documents(source="reuters.com")] == ["wire-1"]
    assert list(filled.documents(duplicates=True)) == []
    assert filled.document("nope") is None
    assert [c["num_articles"] for c in filled.clusters()] == [1, 2, 1]
    assert len(list(filled.clusters(type="ACCUSE"))) == 1
    assert len(list(filled.clusters(limit=1, offset=1))) == 1
    assert filled.stats()["size_bytes"] > 0


def test_fts_phrase_quotes_every_word() -> None:
    assert fts_phrase('say "no" OR') == '"say" """no""" "OR"'
    assert fts_phrase("  - ") is None


def test_filtered_queries_use_indexes(filled: Store) -> None:
    for query in (
        EventQuery(actor="KOR", type="CONSULT"),
        EventQuery(since="2022-11-01", until="2022-11-30", quad=4),
        EventQuery(text="missile"),
    ):
        sql, args = select_sql(query, "e.record")
        plan = " ".join(
            str(row[3]) for row in filled.conn.execute(f"EXPLAIN QUERY PLAN {sql}", args)
        )
        assert not re.search(r"SCAN e( |$)", plan), plan  # no full scan of events


def test_a_count_that_runs_over_its_time_limit_gives_none(store: Store) -> None:
    store.put_many(synthetic(5_000))
    everything = EventQuery()
    assert store.count_events_within(everything, time_limit_ms=60_000) == 5_000
    assert store.count_events_within(everything, time_limit_ms=-1) is None
    # the connection is usable afterwards, without the handler
    assert store.count_events(everything) == 5_000
