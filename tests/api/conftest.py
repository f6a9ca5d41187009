"""A small event database from real article text (tests/store/records.py) plus a hostile one,
and the app over it: reads open, writes behind the key ``test-key``, a stub pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.model import Actor, Document, Event, Sentence
from eventwire.pipeline import Result
from eventwire.settings import Settings
from eventwire.store import Store
from tests.store.records import seed_doc, seed_events, wire_doc, wire_events

KEY = "test-key"

HOSTILE_TEXT = (
    "Officials met in Geneva on Monday. "
    "<script>alert('xss')</script> Russia accused Ukraine of shelling "
    '<img src=x onerror="alert(1)"> the plant, and '
    '<a href="javascript:alert(2)">click here</a> was posted. '
    "The statement ended there."
)
HOSTILE_URL = "javascript:alert(3)"


def hostile_doc() -> Document:
    return Document(
        id="hostile-1",
        url=HOSTILE_URL,
        title="<script>alert('title')</script>",
        published="2022-03-07",
        text=HOSTILE_TEXT,
    )


def hostile_events(doc: Document) -> list[Event]:
    start = doc.text.index("<script>")
    end = doc.text.index("posted.") + len("posted.")
    at = doc.text.index("Russia")
    return [
        Event(
            doc_id=doc.id,
            event_id=f"{doc.id}:1:5",
            sentence=Sentence(index=1, start=start, end=end, text=doc.text[start:end]),
            trigger="accused",
            type="ACCUSE",
            cameo="112",
            goldstein=-2.0,
            quad_class=3,
            source=[Actor(text="Russia", country="RUS", sector="GOV", start=at, end=at + 6)],
            target=[Actor(text="<img src=x onerror=alert(1)>", country="UKR")],
            date="2022-03-07",
            date_text="on Monday",
            confidence=0.6,
        )
    ]


def build_db(path: Path) -> Path:
    with Store(path) as store:
        for doc, events in (
            (seed_doc(), seed_events),
            (wire_doc(), wire_events),
            (hostile_doc(), hostile_events),
        ):
            store.put(doc, events(doc))
    return path


class StubPipeline:
    """Codes every document as one CONSULT event on its first sentence (no spaCy)."""

    def __init__(self) -> None:
        self.calls = 0

    def code_document(self, doc: Document) -> Result:
        self.calls += 1
        end = doc.text.find(".") + 1 or len(doc.text)
        event = Event(
            doc_id=doc.id,
            event_id=f"{doc.id}:0:0",
            sentence=Sentence(index=0, start=0, end=end, text=doc.text[:end]),
            trigger="met",
            type="CONSULT",
            cameo="040",
            goldstein=1.0,
            quad_class=1,
            source=[Actor(text="France", country="FRA")],
            target=[Actor(text="Germany", country="DEU")],
            date=doc.published,
        )
        return Result(doc.id, events=(event,), words=len(doc.text.split()))


@pytest.fixture(scope="session")
def db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("api") / "events.db")


@pytest.fixture
def db(db_template: Path, tmp_path: Path) -> Path:
    """A fresh copy per test, so writes never leak between tests."""
    path = tmp_path / "events.db"
    path.write_bytes(db_template.read_bytes())
    return path


@pytest.fixture
def stub() -> StubPipeline:
    return StubPipeline()


def make_app(db: Path, stub: StubPipeline, **settings: object) -> FastAPI:
    values: dict[str, object] = {"api_key": KEY, **settings}
    return create_app(Settings(**values), db=db, make_pipeline=lambda: stub)  # type: ignore[arg-type]


@pytest.fixture
def app(db: Path, stub: StubPipeline) -> FastAPI:
    return make_app(db, stub)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
