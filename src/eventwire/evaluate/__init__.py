"""Accuracy, measured: score coded events against gold folders and public peers' cases.

The gold format and the scoring rules are ``eval/FORMAT.md``; the peer suites are described in
``peers/README.md``.
"""

from __future__ import annotations

from eventwire.evaluate.gold import (
    GoldDoc,
    GoldEvent,
    GoldPerson,
    GoldThing,
    load_gold,
    load_gold_dir,
)
from eventwire.evaluate.match import (
    ORG_CODES,
    actor_codes,
    can_pair,
    date_agrees,
    max_matching,
    normalize_text,
    reduce_code,
)
from eventwire.evaluate.peers import PeerScore, Ratio, evaluate_peer, format_peer
from eventwire.evaluate.report import (
    Counts,
    DocScore,
    FalsePositive,
    Miss,
    SetScore,
    WrongValue,
    evaluate_dir,
    format_report,
    group_by_doc,
    read_events_jsonl,
    score_document,
    score_set,
)

__all__ = [
    "ORG_CODES",
    "Counts",
    "DocScore",
    "FalsePositive",
    "GoldDoc",
    "GoldEvent",
    "GoldPerson",
    "GoldThing",
    "Miss",
    "PeerScore",
    "Ratio",
    "SetScore",
    "WrongValue",
    "actor_codes",
    "can_pair",
    "date_agrees",
    "evaluate_dir",
    "evaluate_peer",
    "format_peer",
    "format_report",
    "group_by_doc",
    "load_gold",
    "load_gold_dir",
    "max_matching",
    "normalize_text",
    "read_events_jsonl",
    "reduce_code",
    "score_document",
    "score_set",
]
