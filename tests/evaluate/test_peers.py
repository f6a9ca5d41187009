"""Tests of eventwire.evaluate.peers with fake sentence coders (no spaCy)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import CodingError, InputError
from eventwire.evaluate import evaluate_peer, format_peer
from eventwire.evaluate.peers import NGEC_FILE, PETRARCH2_FILE, PLOVER_FILE

PEERS = Path(__file__).resolve().parents[3] / "shared" / "peers"


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def plover_answers(peers: Path) -> dict[str, list[dict[str, Any]]]:
    """What a perfect coder returns for each PLOVER GSR sentence (all records of that text)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for rec in _read(peers / PLOVER_FILE):
        exp = rec["expected"][0]

        def actors(side: str, exp: Mapping[str, Any] = exp) -> list[dict[str, Any]]:
            return [
                {"text": a["text"], "country": a.get("code_iso3_suggested") or a["code"]}
                for a in exp[side]
            ]

        out.setdefault(rec["text"], [{"type": "PROTEST", "source": [], "confidence": 0.1}])
        out[rec["text"]].append(
            {
                "type": exp["type_plover_2021"],
                "source": actors("source"),
                "target": actors("target"),
                "confidence": 0.9,
            }
        )
    return out


def petrarch_answers(peers: Path) -> dict[str, list[dict[str, Any]]]:
    """What PETRARCH-2 itself returns: the expected dyads."""
    out: dict[str, list[dict[str, Any]]] = {}
    for rec in _read(peers / PETRARCH2_FILE):
        out[rec["text"]] = [
            {
                "type": "CONSULT",
                "cameo": e["cameo"],
                "source": [{"country": e["source"]}],
                "target": [{"country": e["target"]}],
            }
            for e in rec["expected"]
        ]
    return out


@pytest.fixture
def mini_peers(tmp_path: Path) -> Path:
    """A two-file peer folder of a few hand-written cases in the peers' formats."""
    plover = [
        {
            "id": "P1",
            "date": None,
            "text": "Hungary and Romania agreed to cooperate.",
            "expected": [
                {
                    "type": "AGREE",
                    "type_plover_2021": "AGREE",
                    "source": [
                        {"text": "Hungary", "code": "HUN"},
                        {"text": "Romania", "code": "ROU"},
                    ],
                    "target": [],
                }
            ],
        },
        {
            "id": "P2",
            "date": None,
            "text": "APEC agreed to build a centre in Tokyo.",
            "expected": [
                {
                    "type": "DEMAND",
                    "type_plover_2021": "REQUEST",
                    "source": [{"text": "APEC", "code": "IGO"}],
                    "target": [{"text": "Tokyo", "code": "JAP", "code_iso3_suggested": "JPN"}],
                }
            ],
        },
    ]
    petr = [
        {
            "id": "PETR2_GSR:A",
            "suite": "PETR2_GSR",
            "date": "2008-08-06",
            "text": "A Tunisian court jailed a Nigerian student.",
            "expected": [{"source": "TUNJUD", "target": "NGAEDU", "cameo": "173"}],
            "expect_no_event": False,
        },
        {
            "id": "PETR2_GSR:B",
            "suite": "PETR2_GSR",
            "date": "2008-08-06",
            "text": "Officials said it was sunny.",
            "expected": [],
            "expect_no_event": True,
        },
        {
            "id": "PETR2_GSR:C",
            "suite": "PETR2_GSR",
            "date": "2008-08-06",
            "text": "Rebels appealed to the UN.",
            "expected": [{"source": "---REB", "target": "IGOUNO", "cameo": "025"}],
            "expect_no_event": False,
        },
        {
            "id": "PETR_UnitTest:X",
            "suite": "PETR_UnitTest",
            "date": None,
            "text": "Arnor attacked Gondor.",
            "expected": [{"source": "ARN", "target": "GON", "cameo": "190"}],
            "expect_no_event": False,
        },
    ]
    (tmp_path / PLOVER_FILE).write_text("".join(json.dumps(r) + "\n" for r in plover))
    (tmp_path / PETRARCH2_FILE).write_text("".join(json.dumps(r) + "\n" for r in petr))
    return tmp_path


def nothing(text: str, date: str | None) -> list[dict[str, Any]]:
    return []


def test_mini_plover_perfect_and_partial(mini_peers: Path) -> None:
    answers = {
        "Hungary and Romania agreed to cooperate.": [
            {"type": "AGREE", "source": [{"country": "HUNGOV"}], "target": [], "confidence": 0.8}
        ],
        "APEC agreed to build a centre in Tokyo.": [
            {
                "type": "AGREE",
                "source": [{"country": "ASEAN"}],
                "target": [{"country": "CHN"}],
                "confidence": 0.7,
            },
            {"type": "REQUEST", "source": [], "target": [], "confidence": 0.2},
        ],
    }
    score = evaluate_peer("plover", mini_peers, lambda text, date: answers[text])
    m = score.metrics
    assert score.n == 2
    assert (m["type_acc"].hit, m["any_type"].hit, m["coverage"].hit) == (1, 2, 2)
    # IGO expected: any organisation code of ours agrees; JPN (suggested) is not CHN.
    assert (m["source"].hit, m["source"].total) == (2, 2)
    assert (m["target"].hit, m["target"].total) == (1, 2)
    rows = {r.type: r for r in score.per_type}
    assert len(rows) == 16
    assert rows["REQUEST"].top.value == 0.0
    assert rows["REQUEST"].any.value == 1.0
    text = format_peer(score)
    assert text.splitlines()[-1] == (
        "PEER plover type_acc=0.500 any_type=1.000 coverage=1.000 source=1.000 target=0.500 n=2"
    )
    assert "n/a (idealised manual examples" in text


def test_mini_petrarch2_suite_only(mini_peers: Path) -> None:
    answers: dict[str, list[dict[str, Any]]] = {
        "A Tunisian court jailed a Nigerian student.": [
            {"cameo": "1711", "source": [{"country": "TUNJUD"}], "target": [{"country": "NGA"}]}
        ],
        "Officials said it was sunny.": [{"cameo": "010", "source": [], "negated": True}],
        "Rebels appealed to the UN.": [
            {"cameo": "020", "source": [{"country": "SYR"}], "target": [{"country": "UNO"}]}
        ],
    }
    score = evaluate_peer("petrarch2", mini_peers, lambda text, date: answers[text])
    m = score.metrics
    assert score.n == 3  # the PETR_UnitTest case is not scored
    assert (m["root"].hit, m["root"].total) == (2, 2)
    assert (m["root_plover"].hit, m["root_plover"].total) == (1, 1)  # root 02 has no PLOVER type
    assert (m["source"].hit, m["source"].total) == (1, 1)  # '---REB' is unknown: skipped
    assert (m["target"].hit, m["target"].total) == (2, 2)  # IGOUNO meets UNO
    assert (m["noevent"].hit, m["noevent"].total) == (1, 1)  # a negated event is no event
    assert "by construction" in format_peer(score)


def test_coder_errors_count_as_no_event(mini_peers: Path) -> None:
    def broken(text: str, date: str | None) -> list[dict[str, Any]]:
        raise CodingError("boom")

    score = evaluate_peer("plover", mini_peers, broken)
    assert score.errors == 2
    assert score.metrics["coverage"].value == 0.0
    assert "coder errors" in format_peer(score, verbose=True)


def test_missing_peer_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=PLOVER_FILE):
        evaluate_peer("plover", tmp_path, nothing)


needs_peers = pytest.mark.shared


@needs_peers
def test_plover_perfect_coder_scores_one() -> None:
    answers = plover_answers(PEERS)
    score = evaluate_peer("plover", PEERS, lambda text, date: answers[text])
    assert score.n == 322
    assert score.metrics["any_type"].value == 1.0
    assert score.metrics["coverage"].value == 1.0
    # Six sentences occur twice with different codings, so one top event cannot fit both.
    for key in ("type_acc", "source", "target"):
        assert score.metrics[key].value >= 0.98, key
    assert format_peer(score).splitlines()[-1].startswith("PEER plover type_acc=0.9")


def test_mini_plover_expected_answer_scores_one(mini_peers: Path) -> None:
    answers = plover_answers(mini_peers)
    score = evaluate_peer("plover", mini_peers, lambda text, date: answers[text])
    for key in ("type_acc", "any_type", "coverage", "source", "target"):
        assert score.metrics[key].value == 1.0, key


@needs_peers
def test_plover_silent_coder() -> None:
    score = evaluate_peer("plover", PEERS, nothing)
    assert score.metrics["coverage"].value == 0.0
    assert score.metrics["type_acc"].value == 0.0


@needs_peers
def test_petrarch2_perfect_and_silent_coders() -> None:
    answers = petrarch_answers(PEERS)
    score = evaluate_peer("petrarch2", PEERS, lambda text, date: answers[text])
    assert score.n == 78
    for key in ("root", "root_plover", "source", "target", "noevent"):
        assert score.metrics[key].value == 1.0, key
    assert score.metrics["noevent"].total == 12
    silent = evaluate_peer("petrarch2", PEERS, nothing)
    assert silent.metrics["noevent"].value == 1.0
    assert silent.metrics["root"].value == 0.0
    assert format_peer(silent).splitlines()[-1].startswith("PEER petrarch2 root=0.000 ")


def _ngec_rows() -> list[dict[str, Any]]:
    base = {"prompt": "", "dateline_source": "Reuters", "synthetic": True}
    return [
        {**base, "id": "n1", "text": "Kenyan police arrested ten protesters.",
         "title_template": "{country_1} Police Arrest Protesters", "label": "COERCE",
         "mode": "ARREST"},
        {**base, "id": "n2", "text": "Ugandan police arrested ten protesters.",
         "title_template": "{country_1} Police Arrest Protesters", "label": "COERCE",
         "mode": "ARREST"},
        {**base, "id": "n3", "text": "Chad and Niger held talks.",
         "title_template": "{country_1} and {country_2} Hold Talks", "label": "CONSULT",
         "mode": None},
        {**base, "id": "n4", "text": "Mali thanked Ghana.",
         "title_template": "{country_1} Thanks {country_2}", "label": "SUPPORT", "mode": None},
    ]  # fmt: skip


def test_mini_ngec_one_story_per_template(tmp_path: Path) -> None:
    (tmp_path / NGEC_FILE).write_text("".join(json.dumps(r) + "\n" for r in _ngec_rows()))
    answers: dict[str, list[dict[str, Any]]] = {
        # the labelled type once, but another type more often: any, not main
        "Kenyan police arrested ten protesters.": [
            {"type": "COERCE", "mode": "arrest"},
            {"type": "PROTEST", "mode": None},
            {"type": "PROTEST", "mode": None},
        ],
        "Ugandan police arrested ten protesters.": [],  # same template: not scored
        "Chad and Niger held talks.": [{"type": "CONSULT", "mode": None}],
        "Mali thanked Ghana.": [],
    }
    score = evaluate_peer("ngec", tmp_path, lambda text, date: answers[text])
    assert score.n == 3
    assert (score.metrics["any_type"].hit, score.metrics["main_type"].hit) == (2, 1)
    assert (score.metrics["coverage"].hit, score.metrics["coverage"].total) == (2, 3)
    # the mode is compared without case, over type-matched stories that have one
    assert (score.metrics["mode"].hit, score.metrics["mode"].total) == (1, 1)
    rows = {row.type: row for row in score.per_type}
    assert (rows["COERCE"].any.value, rows["COERCE"].top.value) == (1.0, 0.0)
    assert format_peer(score).splitlines()[-1].startswith("PEER ngec any_type=0.667 ")


def test_ngec_perfect_and_silent_coders() -> None:
    rows = [json.loads(line) for line in (PEERS / NGEC_FILE).read_text().splitlines()]
    label = {r["text"]: (r["label"], r.get("mode")) for r in rows}
    score = evaluate_peer(
        "ngec",
        PEERS,
        lambda text, date: [{"type": label[text][0], "mode": label[text][1]}],
    )
    assert score.n == len({r["title_template"] for r in rows})
    for key in ("any_type", "main_type", "coverage", "mode"):
        assert score.metrics[key].value == 1.0, key
    silent = evaluate_peer("ngec", PEERS, nothing)
    assert silent.metrics["any_type"].value == 0.0
