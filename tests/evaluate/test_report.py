"""Tests of eventwire.evaluate.report: per-document and set scores, the text report, the driver."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import CodingError
from eventwire.evaluate import (
    GoldDoc,
    evaluate_dir,
    format_report,
    load_gold,
    load_gold_dir,
    score_document,
    score_set,
)

TESTS = Path(__file__).resolve().parents[1]
FIXTURE_GOLD = TESTS / "fixtures" / "gold"
DEV_GOLD = TESTS.parents[1] / "shared" / "eval" / "dev"
TOTAL = re.compile(
    r"^TOTAL P=\d\.\d{3} R=\d\.\d{3} F1=\d\.\d{3} date=\d\.\d{3} loc=\d\.\d{3} "
    r"\(extracted=\d+ required=\d+\)$"
)


def perfect(gold: GoldDoc) -> list[dict[str, Any]]:
    """One extracted event per gold event (optional ones included), built from the gold."""
    events: list[dict[str, Any]] = []
    for g in gold.events:
        text = g.sentences[0]
        events.append(
            {
                "doc_id": gold.id,
                "event_id": f"{gold.id}:{len(events)}",
                "sentence": {"index": len(events), "start": 0, "end": len(text), "text": text},
                "type": g.type[0],
                "source": [{"text": c, "country": c, "sector": None} for c in g.source],
                "target": [{"text": c, "country": c} for c in (g.target or ())[:1]],
                "date": g.date,
                "location": None if g.location is None else {"text": "x", "country": g.location},
                "negated": False,
                "confidence": 0.9,
            }
        )
    return events


@pytest.fixture(scope="module")
def seed() -> GoldDoc:
    return load_gold(FIXTURE_GOLD / "seed-000.gold.json")


def test_perfect_extraction_scores_one(seed: GoldDoc) -> None:
    score = score_document(seed, perfect(seed))
    c = score.counts
    assert (c.extracted, c.matched, c.required, c.required_matched) == (15, 15, 6, 6)
    assert score.precision == score.recall == score.f1 == 1.0
    assert score.date_accuracy == 1.0
    assert score.location_accuracy == 1.0
    assert not score.misses
    assert not score.false_positives
    assert not score.wrong_dates
    assert not score.wrong_locations


def test_perfect_extraction_on_the_dev_set() -> None:
    assert DEV_GOLD.is_dir(), f"no dev gold at {DEV_GOLD}: clone with ../shared beside"
    golds = load_gold_dir(DEV_GOLD)
    events = [ev for g in golds for ev in perfect(g)]
    set_score = score_set(golds, events)
    total = set_score.total
    assert total.precision == total.recall == total.date_accuracy == total.location_accuracy == 1
    assert total.dated > 0
    assert total.located > 0
    last = format_report(set_score, verbose=True).splitlines()[-1]
    assert last.startswith("TOTAL P=1.000 R=1.000 F1=1.000 date=1.000 loc=1.000 (extracted=")


def test_negated_event_is_neither_match_nor_false_positive(seed: GoldDoc) -> None:
    events = perfect(seed)
    wrong = dict(events[2], type="PROTEST", negated=True)  # would be a false positive
    right = dict(events[4], negated=True)  # would be a match
    score = score_document(seed, [*events, wrong, right])
    assert score.counts.extracted == 15
    assert score.counts.negated == 2
    assert score.precision == 1.0
    assert score.recall == 1.0
    only_negated = score_document(seed, [right])
    assert only_negated.counts.extracted == 0
    assert only_negated.counts.required_matched == 0


def test_duplicate_extraction_is_a_false_positive(seed: GoldDoc) -> None:
    events = perfect(seed)
    score = score_document(seed, [*events, dict(events[2])])
    assert score.counts.extracted == 16
    assert score.counts.matched == 15
    assert score.precision == pytest.approx(15 / 16)
    assert score.recall == 1.0
    assert len(score.false_positives) == 1
    fp = score.false_positives[0]
    assert fp.type == events[2]["type"]
    assert fp.target == ("PRK",)


def test_misses_wrong_dates_and_locations(seed: GoldDoc) -> None:
    events = perfect(seed)
    events[2]["date"] = "2015-05"  # gold 2015-05-27: coarser, wrong
    events[4]["date"] = "2015-05-20"  # gold 2015-05: finer, right
    events[6]["location"] = {"country": "USA"}  # gold KOR
    del events[3]  # the required trilateral meeting
    score = score_document(seed, events)
    assert [m.sentence for m in score.misses] == [seed.events[3].sentences[0]]
    assert score.recall == pytest.approx(5 / 6)
    assert [(w.wanted, w.got) for w in score.wrong_dates] == [("2015-05-27", "2015-05")]
    assert [(w.wanted, w.got) for w in score.wrong_locations] == [("KOR", "USA")]
    text = format_report(score_set([seed], {seed.id: events}), verbose=True)
    assert "   MISS CONSULT [KOR,USA,JPN]->any :: The meeting came shortly after" in text
    assert "   DATE want 2015-05-27 got 2015-05 :: On Wednesday" in text
    assert "   LOC  want KOR got USA :: John Kerry suggested" in text


def test_report_lines_and_json(seed: GoldDoc) -> None:
    events = perfect(seed)[:3]
    events.append(
        {
            "doc_id": seed.id,
            "sentence": {"text": "Nothing \u201cto see\u201d here."},
            "type": "AID",
            "source": [{"country": "FRAGOV"}],
            "target": [{"country": "DEU"}],
        }
    )
    events.append({"doc_id": "elsewhere", "type": "AID", "source": []})
    set_score = score_set([seed], events)
    brief = format_report(set_score, verbose=False).splitlines()
    assert brief[0].startswith("seed-000")
    assert "P=0.75 R=0.17 F1=0.27" in brief[0]
    assert "extracted=4 required=6" in brief[0]
    assert TOTAL.match(brief[-1])
    assert brief[-1] == (
        "TOTAL P=0.750 R=0.167 F1=0.273 date=1.000 loc=0.000 (extracted=4 required=6)"
    )
    verbose = format_report(set_score, verbose=True)
    assert '   FP   AID [FRA]->[DEU] :: Nothing "to see" here.' in verbose
    assert set_score.ignored_doc_ids == ("elsewhere",)
    data = json.loads(json.dumps(set_score.to_dict()))
    assert data["total"]["extracted"] == 4
    assert data["docs"][0]["false_positives"][0]["source"] == ["FRA"]
    assert data["docs"][0]["misses"][0]["sentence"]


def test_evaluate_dir_records_errors_and_goes_on(tmp_path: Path) -> None:
    for name in ("seed-000.txt", "seed-000.gold.json"):
        (tmp_path / name).write_bytes((FIXTURE_GOLD / name).read_bytes())
    raw = json.loads((FIXTURE_GOLD / "seed-000.gold.json").read_text())
    raw["id"] = "seed-001"
    (tmp_path / "seed-001.gold.json").write_text(json.dumps(raw))
    (tmp_path / "seed-001.txt").write_text("text")
    seen: list[tuple[str, str | None]] = []

    def code(gold: GoldDoc) -> list[dict[str, Any]]:
        seen.append((gold.id, gold.date))
        if gold.id == "seed-001":
            raise CodingError("coder broke", doc_id=gold.id, stage="code")
        return perfect(gold)

    set_score = evaluate_dir(tmp_path, code)
    assert seen == [("seed-000", "2015-05-28"), ("seed-001", "2015-05-28")]
    ok, broken = set_score.docs
    assert ok.error is None
    assert ok.recall == 1.0
    assert broken.error is not None
    assert "coder broke" in broken.error
    assert broken.counts.extracted == 0
    assert broken.counts.required == 6
    assert set_score.total.recall == pytest.approx(0.5)
    report = format_report(set_score, verbose=False)
    assert "ERROR CodingError" in report
    assert report.splitlines()[-1].endswith("(extracted=15 required=12)")
