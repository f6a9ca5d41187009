"""Tests of eventwire.evaluate.match and gold loading: normalisation, codes, pair test, matching."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import EventwireError, InputError
from eventwire.evaluate import (
    GoldDoc,
    GoldEvent,
    actor_codes,
    can_pair,
    date_agrees,
    load_gold,
    load_gold_dir,
    max_matching,
    normalize_text,
    reduce_code,
)

FIXTURE_GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold"

# The Hwang quote of seed-000, as printed in the article (curly quotes).
HWANG = (
    "Hwang noted that in order to deal with North Korea, the three \u201cagreed to put stronger "
    "pressure [on Pyongyang] and make active efforts for dialogue.\u201d"
)


def make_event(
    text: str,
    type_: str,
    source: list[str],
    target: list[str] | None = None,
    *,
    date: str | None = None,
    location: str | None = None,
    negated: bool = False,
) -> dict[str, Any]:
    """Build an extracted event in the SPEC record shape."""
    return {
        "doc_id": "seed-000",
        "sentence": {"index": 0, "start": 0, "end": len(text), "text": text},
        "type": type_,
        "source": [{"text": c, "country": c, "sector": None} for c in source],
        "target": [{"text": c, "country": c, "sector": None} for c in target or []],
        "date": date,
        "location": None if location is None else {"text": location, "country": location},
        "negated": negated,
    }


@pytest.fixture(scope="module")
def seed() -> GoldDoc:
    return load_gold(FIXTURE_GOLD / "seed-000.gold.json")


def test_load_gold_reads_the_fixture(seed: GoldDoc) -> None:
    assert seed.id == "seed-000"
    assert seed.date == "2015-05-28"
    assert seed.text_path.name == "seed-000.txt"
    assert len(seed.events) == 15
    assert seed.events[0].optional
    assert seed.events[0].target is None
    assert seed.events[2].target == ("PRK",)
    assert seed.people[0].name == "John Kerry"
    assert seed.things[0].kind == "agreement"
    assert "North Korea" in seed.read_text()


def test_load_gold_dir_sorted(tmp_path: Path) -> None:
    docs = load_gold_dir(FIXTURE_GOLD)
    assert [d.id for d in docs] == ["seed-000"]


def test_missing_gold_file_names_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text")
    with pytest.raises(InputError, match=r"a\.gold\.json"):
        load_gold_dir(tmp_path)


def test_unparsable_gold_file_names_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text")
    (tmp_path / "a.gold.json").write_text("{not json")
    with pytest.raises(InputError, match=r"a\.gold\.json") as info:
        load_gold_dir(tmp_path)
    assert isinstance(info.value, EventwireError)


def test_gold_without_article_or_field_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "b.gold.json").write_text(json.dumps({"id": "b", "events": []}))
    with pytest.raises(InputError, match=r"b\.txt"):
        load_gold(tmp_path / "b.gold.json")
    (tmp_path / "b.txt").write_text("text")
    (tmp_path / "b.gold.json").write_text(json.dumps({"id": "b", "events": [{"type": ["AID"]}]}))
    with pytest.raises(InputError, match=r"events\[0\] has no 'sentences'"):
        load_gold(tmp_path / "b.gold.json")


def test_empty_or_absent_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_gold_dir(tmp_path)
    with pytest.raises(InputError):
        load_gold_dir(tmp_path / "nope")


def test_normalize_text() -> None:
    assert normalize_text("\u201cno\u201d \u2018it\u2019s\u2019\u00a0 a\u2013b\u2014c\n d ") == (
        "\"no\" 'it's' a-b-c d"
    )
    assert normalize_text("\ufb01ne") == "fine"  # NFKC
    assert normalize_text(None) == ""
    assert normalize_text("Case Kept") == "Case Kept"


def test_reduce_code() -> None:
    assert reduce_code("USAGOV") == "USA"
    assert reduce_code("UNO") == "UNO"
    assert reduce_code("NATO") == "NATO"
    assert reduce_code("ASEAN") == "ASEAN"
    assert reduce_code("kor") == "KOR"
    assert actor_codes([{"country": "USAGOV"}, {"country": "UNO"}, {"country": None}]) == {
        "USA",
        "UNO",
    }
    assert actor_codes(["IRQCOP", "ECOWAS"]) == {"IRQ", "ECOWAS"}
    assert actor_codes(None) == frozenset()


def test_usagov_pairs_with_usa(seed: GoldDoc) -> None:
    gold = seed.events[6]  # USA, KOR -> PRK
    ev = make_event(gold.sentences[0], "SANCTION", ["USAGOV"], ["PRKGOV"])
    assert can_pair(gold, ev)


def test_uno_is_kept_whole() -> None:
    gold = GoldEvent(("condemned",), ("ACCUSE",), ("UNO",), None, None, None)
    assert can_pair(gold, make_event("Guterres condemned it", "ACCUSE", ["UNO"]))
    nato = GoldEvent(("condemned",), ("ACCUSE",), ("NATO",), None, None, None)
    assert can_pair(nato, make_event("NATO condemned it", "ACCUSE", ["NATO"]))
    assert not can_pair(nato, make_event("NATO condemned it", "ACCUSE", ["NAT"]))


def test_date_precision_rule() -> None:
    assert date_agrees("2022-11", "2022-11-02")
    assert not date_agrees("2022-11-13", "2022-11")
    assert date_agrees("2022-11-13", "2022-11-13")
    assert not date_agrees("2022", None)
    assert not date_agrees("2022-11", "2022-12-01")


def test_target_empty_requires_empty(seed: GoldDoc) -> None:
    gold = dataclasses.replace(seed.events[4], target=())
    text = gold.sentences[0]
    assert can_pair(gold, make_event(text, "MOBILIZE", ["PRK"]))
    assert not can_pair(gold, make_event(text, "MOBILIZE", ["PRK"], ["USA"]))


def test_target_null_accepts_anything(seed: GoldDoc) -> None:
    gold = seed.events[4]  # PRK, target null
    assert gold.target is None
    text = gold.sentences[0]
    assert can_pair(gold, make_event(text, "MOBILIZE", ["PRK"]))
    assert can_pair(gold, make_event(text, "THREATEN", ["PRK"], ["USA", "KOR"]))


def test_type_source_and_sentence_must_agree(seed: GoldDoc) -> None:
    gold = seed.events[6]
    text = "Earlier, " + gold.sentences[0] + ", he said."
    assert can_pair(gold, make_event(text, "THREATEN", ["KOR"], ["PRK"]))
    assert not can_pair(gold, make_event(text, "PROTEST", ["KOR"], ["PRK"]))
    assert not can_pair(gold, make_event(text, "THREATEN", ["JPN"], ["PRK"]))
    assert not can_pair(gold, make_event(text, "THREATEN", ["KOR"], ["CHN"]))
    assert not can_pair(gold, make_event("Another sentence.", "THREATEN", ["KOR"], ["PRK"]))


def test_curly_quotes_in_event_sentence_still_match(seed: GoldDoc) -> None:
    meeting = seed.events[3]  # "At Wednesday's meeting, ..." (straight apostrophe in gold)
    text = "At Wednesday\u2019s meeting,\u00a0the three countries were represented by diplomats."
    assert can_pair(meeting, make_event(text, "CONSULT", ["USA", "KOR", "JPN"]))
    pressure = seed.events[10]  # "agreed to put stronger pressure"
    assert can_pair(pressure, make_event(HWANG, "AGREE", ["USA"], ["PRK"]))


def test_maximum_matching_prefers_required(seed: GoldDoc) -> None:
    required, optional = seed.events[10], seed.events[11]
    assert not required.optional
    assert optional.optional
    both = make_event(HWANG, "AGREE", ["USA", "KOR", "JPN"], ["PRK"])  # fits both golds
    only_optional = make_event(HWANG, "CONSULT", ["USA"], ["PRK"])  # fits the optional one only
    assert can_pair(required, both)
    assert can_pair(optional, both)
    assert can_pair(optional, only_optional)
    assert not can_pair(required, only_optional)
    # Optional listed first: a greedy pass would give `both` to the optional gold and then find
    # nothing for the required one. The maximum matching pairs both, the required one with `both`.
    assert max_matching([optional, required], [both, only_optional]) == {0: 1, 1: 0}
    assert max_matching([required, optional], [only_optional, both]) == {0: 1, 1: 0}
    # One event for two golds: it goes to the required one.
    assert max_matching([optional, required], [both]) == {1: 0}
