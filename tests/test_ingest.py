"""Ingest on real articles: stored once, replaced when changed, syndicated copies linked, bad
input recorded, and a database that survives ``kill -9`` and two writers at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.bench import build_corpus
from eventwire.ingest import ingest, source_of
from eventwire.model import DocError, Document
from eventwire.pipeline import Pipeline
from eventwire.read import iter_sources
from eventwire.settings import Settings
from eventwire.store import EventQuery, Store
from tests.conftest import DEV, PEERS

pytestmark = pytest.mark.slow

SEED_003 = (DEV / "seed-003.txt").read_text(encoding="utf-8")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "events.db") as opened:
        yield opened


def _doc(doc_id: str, text: str, url: str | None = None) -> Document:
    return Document(id=doc_id, url=url, text=text, published="2022-11-14")


def _event_ids(store: Store, doc_id: str) -> set[str]:
    return {r["event_id"] for r in store.events(EventQuery(doc_id=doc_id))}


def test_source_is_the_host_or_file() -> None:
    assert source_of(_doc("a", "x", "https://www.reuters.com/world/asia/x")) == "reuters.com"
    assert source_of(_doc("a", "x", "file:///tmp/a.txt")) == "file"
    assert source_of(_doc("a", "x")) == "file"


def test_ingest_stores_once_then_finds_nothing_new(pipeline: Pipeline, store: Store) -> None:
    doc = _doc("seed-003", SEED_003, "https://example.org/news/phnom-penh-summits")
    first = ingest([doc], pipeline=pipeline, store=store)
    assert (first.new, first.failed) == (1, 0)
    assert first.events_added > 5
    stored = list(store.events(EventQuery(doc_id="seed-003")))
    coded = pipeline.code_document(doc).events
    assert [r["event_id"] for r in stored] == [e.event_id for e in coded]
    # every stored record is the SPEC record as coded, plus its url and cluster
    by_id = {e.event_id: e.to_json_dict() for e in coded}
    for record in stored:
        assert record["url"] == doc.url
        assert record["cluster_id"]
        assert {k: record[k] for k in by_id[record["event_id"]]} == by_id[record["event_id"]]
    again = ingest([doc], pipeline=pipeline, store=store)
    assert (again.unchanged, again.new, again.events_added) == (1, 0, 0)
    assert store.stats()["events"] == first.events_added


def test_changed_article_at_same_url_replaces_its_events(pipeline: Pipeline, store: Store) -> None:
    url = "https://example.org/news/summit"
    first = "Japan and South Korea signed a defence pact in Tokyo on Monday."
    second = "Japan condemned North Korea's missile launch on Monday."
    ingest([_doc("summit", first, url)], pipeline=pipeline, store=store)
    before = list(store.events(EventQuery(doc_id="summit")))
    assert {r["type"] for r in before} == {"AGREE"}
    summary = ingest([_doc("summit", second, url)], pipeline=pipeline, store=store)
    assert summary.replaced == 1
    after = list(store.events(EventQuery(doc_id="summit")))
    assert after
    assert all("condemned" in r["sentence"]["text"] for r in after)
    assert store.stats()["documents"] == 1


def test_syndicated_copy_is_linked_not_double_counted(pipeline: Pipeline, store: Store) -> None:
    original = _doc("wire", SEED_003, "https://wire.example/story/123")
    copy_text = "By Staff Reporter\n\n" + SEED_003 + "\n\nThis story was first published by Wire."
    copy = _doc("copy", copy_text, "https://paper.example/world/summits")
    ingest([original], pipeline=pipeline, store=store)
    events = store.stats()["events"]
    summary = ingest([copy], pipeline=pipeline, store=store)
    assert summary.duplicate == 1
    assert summary.events_added == 0
    assert store.stats()["events"] == events
    assert store.stats()["duplicates"] == 1


def test_bad_documents_are_recorded_and_the_batch_goes_on(
    pipeline: Pipeline, store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "good.txt").write_text(
        "Russian forces shelled the city of Kharkiv on Tuesday, Ukrainian officials said.\n"
    )
    items = iter_sources([str(folder)], settings=Settings(), published="2022-11-14")
    summary = ingest(items, pipeline=pipeline, store=store)
    assert (summary.new, summary.failed) == (1, 2)
    errors = {e["doc_id"]: e for e in store.errors()}
    assert set(errors) == {"empty", "binary"}
    assert all(e["message"] and e["stage"] == "read" for e in errors.values())
    assert store.stats()["errors"] == 2
    assert _event_ids(store, "good")


# --- real processes: kill -9 and two writers --------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty ~700-word articles as one JSONL file."""
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    docs = build_corpus(37, PEERS)[7:]
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc.model_dump()) + "\n")
    return path


@pytest.fixture(scope="module")
def reference(corpus: Path, pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Each document's event ids, from one clean ingest in this process."""
    path = tmp_path_factory.mktemp("ref") / "ref.db"
    with Store(path) as ref:
        ingest(iter_sources([str(corpus)], settings=Settings()), pipeline=pipeline, store=ref)
        return {d["doc_id"]: _event_ids(ref, d["doc_id"]) for d in ref.documents()}


def _ingest_process(db: Path, *sources: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "eventwire", "ingest", *map(str, sources), "--db", str(db)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _snapshot(db: Path) -> dict[str, set[str]]:
    with Store(db, readonly=True) as opened:
        return {d["doc_id"]: _event_ids(opened, d["doc_id"]) for d in opened.documents()}


@pytest.mark.shared
def test_kill_9_leaves_whole_documents_and_rerun_finishes(
    corpus: Path, reference: dict, tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    proc = _ingest_process(db, corpus)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if db.exists() and len(_snapshot(db)) >= 4:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    survived = _snapshot(db)
    assert 4 <= len(survived) < len(reference)
    for doc_id, event_ids in survived.items():  # committed documents are whole
        assert event_ids == reference[doc_id], doc_id
    rerun = _ingest_process(db, corpus)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr.decode()
    assert f"{len(survived)} unchanged" in stderr.decode()
    assert _snapshot(db) == reference
    with Store(db, readonly=True) as opened:
        assert opened.stats()["events"] == sum(len(ids) for ids in reference.values())


@pytest.mark.shared
def test_two_ingests_at_once_lose_nothing(corpus: Path, reference: dict, tmp_path: Path) -> None:
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[:20]), encoding="utf-8")
    second.write_text("".join(lines[10:]), encoding="utf-8")  # ten in common
    db = tmp_path / "shared.db"
    procs = [_ingest_process(db, first), _ingest_process(db, second)]
    for proc in procs:
        _, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr.decode()
    assert _snapshot(db) == reference
    with Store(db, readonly=True) as opened:
        assert opened.stats()["events"] == sum(len(ids) for ids in reference.values())


def test_read_errors_carry_through_ingest(pipeline: Pipeline, store: Store) -> None:
    error = DocError(doc_id="feed-1", stage="read", type="FetchError", message="timed out")
    summary = ingest([error], pipeline=pipeline, store=store)
    assert summary.failed == 1
    assert [e["doc_id"] for e in store.errors()] == ["feed-1"]


def test_two_files_with_one_name_are_two_documents(
    pipeline: Pipeline, store: Store, tmp_path: Path
) -> None:
    for folder, text in (
        ("a", "Japan condemned North Korea's missile launch on Monday.\n"),
        ("b", "Kenyan police fired tear gas at protesters in Nairobi on Tuesday.\n"),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "article.txt").write_text(text)
    items = iter_sources([str(tmp_path / "a"), str(tmp_path / "b")], settings=Settings())
    summary = ingest(items, pipeline=pipeline, store=store)
    assert (summary.new, summary.failed) == (2, 0)
    ids = sorted(d["doc_id"] for d in store.documents())
    assert ids[0] == "article"
    assert ids[1].startswith("article-")
    stored = list(store.events(EventQuery(doc_id=ids[1])))
    assert stored
    assert all("Nairobi" in r["sentence"]["text"] for r in stored)
    assert all(r["event_id"].startswith(ids[1] + ":") for r in stored)
