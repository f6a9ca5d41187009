"""The coder's real output goes into the store and comes back unchanged."""

from __future__ import annotations

import pytest

from eventwire.model import Document
from eventwire.pipeline import Pipeline
from eventwire.store import EventQuery, Store
from tests.store.records import SEED, SEED_URL, syndicated_copy


@pytest.mark.slow
def test_coded_article_round_trips_and_its_copy_adds_only_a_source(
    pipeline: Pipeline, store: Store
) -> None:
    doc = Document(id="seed-003", url=SEED_URL, published="2022-11-14", text=SEED)
    result = pipeline.code_document(doc)
    assert result.error is None
    assert result.events
    assert store.put(doc, result.events).events_added == len(result.events)
    stored = list(store.events(EventQuery(doc_id="seed-003")))
    assert [{k: v for k, v in e.items() if k not in ("url", "cluster_id")} for e in stored] == [
        e.to_json_dict() for e in result.events
    ]
    copy = Document(
        id="copy",
        url="https://koreaherald.example/1",
        published="2022-11-14",
        text=syndicated_copy(),
    )
    assert store.lookup(copy).status == "duplicate"
    copy_events = pipeline.code_document(copy).events
    before = [(c["num_mentions"], c["num_articles"]) for c in store.clusters()]
    store.put(copy, copy_events)
    assert [(c["num_mentions"], c["num_articles"]) for c in store.clusters()] == before
    assert store.count_events() == len(result.events)
