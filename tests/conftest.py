"""Shared fixtures: the spaCy model and the pipeline load once per session, only for tests
that ask for them (all marked ``slow``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.model import Document, Event
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings

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
