"""Accuracy is a gate: the dev set and the peers must stay above pinned floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluate import evaluate_dir, evaluate_peer
from eventwire.pipeline import Pipeline
from eventwire.read import read_path
from tests.conftest import DEV, PEERS

pytestmark = pytest.mark.slow
FLOORS = json.loads((Path(__file__).parent / "eval_baseline.json").read_text())
EXTRA = Path(__file__).parent / "fixtures" / "gold" / "extra"


def _code_gold(pipeline: Pipeline) -> Any:
    def code(gold: Any) -> list[dict[str, Any]]:
        docs = read_path(gold.text_path, published=gold.date, max_bytes=10_000_000)
        out: list[dict[str, Any]] = []
        for doc in docs:
            result = pipeline.code_document(doc.model_copy(update={"id": gold.id}))
            out.extend(e.to_json_dict() for e in result.events)
        return out

    return code


def test_dev_set_stays_above_its_floors(pipeline: Pipeline) -> None:
    total = evaluate_dir(DEV, _code_gold(pipeline)).total
    floors = FLOORS["dev"]
    assert total.precision >= floors["precision"]
    assert total.recall >= floors["recall"]
    assert total.date_accuracy >= floors["date"]
    assert total.location_accuracy >= floors["location"]


def test_our_own_new_articles_stay_above_their_floors(pipeline: Pipeline) -> None:
    total = evaluate_dir(EXTRA, _code_gold(pipeline)).total
    assert total.precision >= FLOORS["extra"]["precision"]
    assert total.recall >= FLOORS["extra"]["recall"]


def test_dev_people_and_things_stay_above_their_floors(pipeline: Pipeline) -> None:
    def relate_gold(gold: Any) -> list[dict[str, Any]]:
        docs = read_path(gold.text_path, published=gold.date, max_bytes=10_000_000)
        out: list[dict[str, Any]] = []
        for doc in docs:
            result = pipeline.relate_document(doc.model_copy(update={"id": gold.id}))
            assert result.related is not None, result.error
            out.extend(r.model_dump(mode="json") for r in result.related.records())
        return out

    counts = evaluate_dir(DEV, relate_gold).relate_total
    assert counts is not None
    figures = counts.to_dict()
    floors = FLOORS["relate"]
    assert figures["people_rate"] >= floors["people"]
    assert figures["role_accuracy"] >= floors["role"]
    assert figures["things_rate"] >= floors["things"]
    assert figures["kind_accuracy"] >= floors["kind"]


def _code_sentence(pipeline: Pipeline) -> Any:
    from eventwire.model import Document

    def code(text: str, date: str | None) -> list[dict[str, Any]]:
        result = pipeline.code_document(Document(id="peer", text=text, published=date))
        return [e.to_json_dict() for e in result.events]

    return code


def test_plover_gold_records_stay_above_floor(pipeline: Pipeline) -> None:
    score = evaluate_peer("plover", PEERS, _code_sentence(pipeline))
    assert score.metrics["type_acc"].value >= FLOORS["plover"]["type_acc"]


def test_petrarch2_no_event_cases_stay_quiet(pipeline: Pipeline) -> None:
    score = evaluate_peer("petrarch2", PEERS, _code_sentence(pipeline))
    assert score.metrics["noevent"].value >= FLOORS["petrarch2"]["noevent"]
    assert score.metrics["root"].value >= FLOORS["petrarch2"]["root"]


def test_ngec_story_types_stay_above_floor(pipeline: Pipeline) -> None:
    score = evaluate_peer("ngec", PEERS, _code_sentence(pipeline))
    assert score.metrics["any_type"].value >= FLOORS["ngec"]["any_type"]
