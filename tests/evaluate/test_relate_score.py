"""People and things scoring (rule 7 of eval/FORMAT.md and the things rule)."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.evaluate import evaluate_dir, format_report, load_gold
from eventwire.evaluate.relate import role_agrees, score_relate, split_records


def _gold(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    gold = {
        "id": "a",
        "date": "2024-01-01",
        "events": [],
        "people": [
            {"name": "Ana Ruiz", "aliases": ["Ruiz"], "country": "CHL", "role": "President"},
            {"name": "Tom Hale", "aliases": [], "country": "CAN", "role": "foreign minister"},
        ],
        "things": [
            {"name": "Pacific Accord", "aliases": ["PA"], "kind": "agreement", "parties": []},
            {"name": "Operation Dawn", "aliases": [], "kind": "operation", "parties": []},
        ],
    }
    (tmp_path / "a.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def test_role_agrees_on_half_the_words() -> None:
    assert role_agrees("Secretary of State", "U.S. Secretary")
    assert role_agrees("acting President", "Vice-President")
    assert not role_agrees("national security adviser", "adviser")
    assert not role_agrees(None, "President")


def test_score_relate_counts_and_misses(tmp_path: Path) -> None:
    gold = load_gold(_gold(tmp_path) / "a.gold.json")
    records = [
        {"kind": "person", "name": "Ruiz", "country": "CHLGOV", "role": "former President"},
        {"kind": "person", "name": "Tom Hale", "country": "USA", "role": "foreign minister"},
        {"kind": "thing", "name": "PA", "category": "policy"},
    ]
    score = score_relate(gold, records)
    c = score.counts
    assert (c.people, c.people_found, c.role_right) == (2, 1, 1)
    assert (c.things, c.things_found, c.kind_right) == (2, 1, 0)
    assert any(m.startswith("PERSON Tom Hale") for m in score.misses)
    assert any(m.startswith("KIND") for m in score.misses)
    assert any(m.startswith("THING  Operation Dawn") for m in score.misses)


def test_evaluate_dir_scores_mixed_records(tmp_path: Path) -> None:
    folder = _gold(tmp_path)
    records = [
        {
            "kind": "person",
            "doc_id": "a",
            "name": "Ana Ruiz",
            "country": "CHL",
            "role": "President",
        },
        {"kind": "thing", "doc_id": "a", "name": "Operation Dawn", "category": "operation"},
    ]
    events, related = split_records(records)
    assert not events
    assert len(related) == 2
    set_score = evaluate_dir(folder, lambda gold: records)
    report = format_report(set_score, verbose=True)
    assert "RELATE people=0.500 role=1.000 things=0.500 kind=1.000" in report
    assert set_score.to_dict()["relate_total"]["people_found"] == 1


def test_no_relate_records_no_relate_line(tmp_path: Path) -> None:
    set_score = evaluate_dir(_gold(tmp_path), lambda gold: [])
    assert set_score.relate_total is None
    assert "RELATE" not in format_report(set_score)
