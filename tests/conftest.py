"""Shared fixtures: the spaCy model and the pipeline load once per session, only for tests
that ask for them (all marked ``slow``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.model import Document, Event
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings
from eventwire.store import Store
from tests.read.newssite import Server, Site

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"
PEERS = SHARED / "peers"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def code(pipeline: Pipeline) -> Any:
    """Code a text with a publication date; return its non-negated and negated events."""

    def run(text: str, date: str | None = None, doc_id: str = "t") -> list[Event]:
        result = pipeline.code_document(Document(id=doc_id, text=text, published=date))
        assert result.error is None, result.error
        return list(result.events)

    return run


def countries(actors: Any) -> set[str | None]:
    return {a.country for a in actors}


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    """A news site on 127.0.0.1 (articles, feeds, and every way a server misbehaves)."""
    server = Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield Site(base=server.base)
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(autouse=True)
def close_stores(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every Store a test opens is closed when it ends (as sqlite-utils' tests do)."""
    opened: list[Store] = []
    init = Store.__init__

    def tracking(self: Store, *args: Any, **kwargs: Any) -> None:
        opened.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(Store, "__init__", tracking)
    yield
    for store in opened:
        store.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A fresh database path."""
    return tmp_path / "events.db"


@pytest.fixture
def store(db: Path) -> Store:
    """An empty store (closed by ``close_stores``)."""
    return Store(db)
