"""A small event database from real article text (tests/store/records.py) plus a hostile one
(with hostile people, things, claims and quotes), and the app over it: reads open, writes
behind the key ``test-key``, a stub pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.model import (
    Actor,
    Claim,
    Document,
    Event,
    Lifecycle,
    Mention,
    Person,
    Quote,
    Related,
    Sentence,
    Thing,
)
from eventwire.pipeline import RelateResult, Result
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


HOSTILE_PERSON = "Ivan <script>alert('person')</script> Petrov"
HOSTILE_ROLE = '<img src=x onerror="alert(4)"> envoy'
HOSTILE_THING = '<b onmouseover="alert(5)">Geneva</b> Accord'
HOSTILE_CLAIMANT = "<script>alert('claimant')</script> Ministry"
HOSTILE_STATUS_BY = '<img src=x onerror="alert(6)">'
HOSTILE_QUOTE = "<script>alert('quote')</script> we deny it"


def hostile_related(doc: Document, events: list[Event]) -> Related:
    """People, a thing, a claim and a quote whose text is markup, for the hostile article."""
    event = events[0]
    start, end = event.sentence.start, event.sentence.end
    at = doc.text.index("Officials")
    return Related(
        doc_id=doc.id,
        people=(
            Person(
                doc_id=doc.id,
                name=HOSTILE_PERSON,
                country="RUS",
                sector="GOV",
                role=HOSTILE_ROLE,
                role_status="current",
                mentions=[
                    Mention(
                        text="Officials",
                        start=at,
                        end=at + 9,
                        sentence_start=0,
                        sentence_end=doc.text.index(".") + 1,
                    )
                ],
            ),
        ),
        things=(
            Thing(
                doc_id=doc.id,
                name=HOSTILE_THING,
                category="agreement",
                parties=["RUS", "UKR"],
                lifecycle=[
                    Lifecycle(
                        stage="violated",
                        trigger="accused",
                        event_id=event.event_id,
                        sentence_start=start,
                        sentence_end=end,
                    )
                ],
            ),
        ),
        claims=(
            Claim(
                doc_id=doc.id,
                claimant=HOSTILE_CLAIMANT,
                claimant_country="RUS",
                text=event.sentence.text,
                event_id=event.event_id,
                about=["UKR"],
                date=event.date,
                status="denied",
                status_by=HOSTILE_STATUS_BY,
                start=start,
                end=end,
            ),
        ),
        quotes=(
            Quote(
                doc_id=doc.id,
                text=HOSTILE_QUOTE,
                speaker=HOSTILE_PERSON,
                speaker_country="RUS",
                start=start,
                end=end,
            ),
        ),
    )


def build_db(path: Path) -> Path:
    with Store(path) as store:
        for doc, events in (
            (seed_doc(), seed_events),
            (wire_doc(), wire_events),
        ):
            store.put(doc, events(doc))
        hostile = hostile_doc()
        coded = hostile_events(hostile)
        store.put(hostile, coded, related=hostile_related(hostile, coded))
    return path


class StubPipeline:
    """Codes every document as one CONSULT event on its first sentence (no spaCy); its relate
    step names one person, the first two words of the text, as France's envoy."""

    def __init__(self) -> None:
        self.calls = 0
        self.settings = Settings()

    def relate_document(self, doc: Document) -> RelateResult:
        coded = self.code_document(doc)
        name = " ".join(doc.text.split()[:2]) or "Nobody"
        person = Person(doc_id=doc.id, name=name, country="FRA", role="envoy")
        related = Related(doc_id=doc.id, people=(person,))
        return RelateResult(doc.id, coded.events, related, words=coded.words)

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
    stub.settings = Settings(**values)  # type: ignore[arg-type]
    return create_app(stub.settings, db=db, make_pipeline=lambda: stub)


@pytest.fixture
def app(db: Path, stub: StubPipeline) -> FastAPI:
    return make_app(db, stub)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
