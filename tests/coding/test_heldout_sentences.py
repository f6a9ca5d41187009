"""The coder on news sentences we wrote ourselves, standing in for held-out text: one row per
sentence with the event a careful coder extracts under shared/eval/FORMAT.md (type, source and
target countries, date at the text's precision, negation). Publication date: Friday
2024-03-15."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import countries

pytestmark = pytest.mark.slow

PUBLISHED = "2024-03-15"

# text, acceptable types, source countries (all present), target countries (None: any,
# set(): none), date, CAMEO root (or None)
CASES: list[tuple[str, set[str], set[str], set[str] | None, str | None, str | None]] = [
    (
        "Police in Nairobi fired tear gas at protesters on Tuesday as thousands marched "
        "against a proposed tax increase.",
        {"ASSAULT"},
        {"KEN"},
        {"KEN"},
        "2024-03-12",
        None,
    ),
    (
        "Al-Shabaab militants attacked a military base in southern Somalia on Monday, "
        "killing at least 10 soldiers.",
        {"ASSAULT"},
        {"SOM"},
        {"SOM"},
        "2024-03-11",
        "19",
    ),
    (
        "Russia expelled two Estonian diplomats on Wednesday in retaliation for the closure "
        "of its consulate in Narva.",
        {"SANCTION", "COERCE"},
        {"RUS"},
        {"EST"},
        "2024-03-13",
        None,
    ),
    (
        "A court in Istanbul sentenced a prominent Turkish journalist to three years in "
        "prison on Thursday.",
        {"COERCE", "SANCTION"},
        {"TUR"},
        {"TUR"},
        "2024-03-14",
        "17",
    ),
    (
        "Chinese Foreign Minister Wang Yi visited Brazil on Wednesday for talks with President "
        "Luiz Inacio Lula da Silva.",
        {"CONSULT"},
        {"CHN"},
        None,
        "2024-03-13",
        "04",
    ),
    (
        "Opposition supporters clashed with police in Dakar on Friday after the government "
        "postponed the presidential election.",
        {"ASSAULT", "PROTEST"},
        {"SEN"},
        {"SEN"},
        "2024-03-15",
        None,
    ),
    (
        "The European Union imposed new sanctions on Iran on Monday over its supply of drones "
        "to Russia.",
        {"SANCTION"},
        {"EU"},
        {"IRN"},
        "2024-03-11",
        "16",
    ),
    (
        "Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev in "
        "Munich on Saturday.",
        {"CONSULT"},
        {"ARM", "AZE"},
        None,
        "2024-03-09",
        "04",
    ),
    (
        "Pakistani security forces arrested 15 suspected militants in a raid in Balochistan "
        "on Tuesday.",
        {"COERCE"},
        {"PAK"},
        {"PAK"},
        "2024-03-12",
        "17",
    ),
    (
        "Kenya will send 1,000 police officers to Haiti to help restore order, President "
        "William Ruto said on Wednesday.",
        {"AGREE", "AID", "COOPERATE"},
        {"KEN"},
        {"HTI"},
        "2024-03-13",
        None,
    ),
    (
        "Venezuela's electoral council barred opposition leader Maria Corina Machado from "
        "running in the presidential election.",
        {"COERCE", "REJECT"},
        {"VEN"},
        {"VEN"},
        None,
        None,
    ),
    (
        "Egypt's foreign minister called on Israel to allow more humanitarian aid into Gaza.",
        {"REQUEST"},
        {"EGY"},
        {"ISR"},
        None,
        "10",
    ),
    (
        "Protesters called for the resignation of Prime Minister Ariel Henry on Monday in "
        "Port-au-Prince.",
        {"REQUEST", "PROTEST"},
        {"HTI"},
        None,
        "2024-03-11",
        None,
    ),
    (
        "The Israeli military launched an air strike on a house in Rafah on Wednesday, "
        "killing six people.",
        {"ASSAULT"},
        {"ISR"},
        {"PSE"},
        "2024-03-13",
        "19",
    ),
    (
        "North Korea fired two ballistic missiles into the sea off its east coast on Thursday.",
        {"MOBILIZE", "THREATEN"},
        {"PRK"},
        set(),
        "2024-03-14",
        "15",
    ),
    (
        "Turkish troops held military drills near the Syrian border on Thursday.",
        {"MOBILIZE"},
        {"TUR"},
        set(),
        "2024-03-14",
        "15",
    ),
    (
        "South Korea and the United States began joint military exercises on Monday.",
        {"COOPERATE"},
        {"KOR", "USA"},
        None,
        "2024-03-11",
        "06",
    ),
    (
        "Hungary blocked a European Union aid package for Ukraine on Thursday.",
        {"REJECT"},
        {"HUN"},
        None,
        "2024-03-14",
        "12",
    ),
    (
        "Hamas fighters fired rockets at Tel Aviv on Monday.",
        {"ASSAULT"},
        {"PSE"},
        {"ISR"},
        "2024-03-11",
        "19",
    ),
    (
        "Iranian President Ebrahim Raisi received the Iraqi foreign minister in Tehran on Sunday.",
        {"CONSULT"},
        {"IRN"},
        None,
        "2024-03-10",
        "04",
    ),
    (
        "Israel said on Thursday it would release 30 Palestinian prisoners.",
        {"AGREE"},
        {"ISR"},
        {"PSE"},
        "2024-03-14",
        "03",
    ),
    (
        "Syrian rebels engaged Filipino peacekeepers in a firefight in the Golan Heights on "
        "Saturday.",
        {"ASSAULT"},
        {"SYR"},
        {"PHL"},
        "2024-03-09",
        "19",
    ),
    (
        "The Russian defence ministry said it wants to strike Ukrainian ports.",
        {"THREATEN"},
        {"RUS"},
        {"UKR"},
        None,
        "13",
    ),
]


@pytest.mark.parametrize(("text", "types", "source", "target", "date", "root"), CASES)
def test_sentence(
    code: Any,
    text: str,
    types: set[str],
    source: set[str],
    target: set[str] | None,
    date: str | None,
    root: str | None,
) -> None:
    events = [e for e in code(text, PUBLISHED) if not e.negated]
    found = [e for e in events if e.type in types and source <= countries(e.source)]
    assert found, [(e.type, countries(e.source), countries(e.target)) for e in events]
    event = found[0]
    if target is not None:
        assert countries(event.target) >= target if target else not event.target
    assert event.date == date
    if root is not None:
        assert event.cameo.startswith(root), event.cameo


@pytest.mark.parametrize(
    "text",
    [
        "Iran denied that it had supplied weapons to the Houthi rebels in Yemen.",
        "The Kremlin denied that Russian troops had crossed into Georgia.",
        "Thai police did not arrest the protest leaders.",
    ],
)
def test_denied_and_negated_acts_are_marked(code: Any, text: str) -> None:
    events = code(text, PUBLISHED)
    assert events
    assert all(e.negated for e in events), [(e.type, e.trigger, e.negated) for e in events]


def test_a_promise_is_coded_with_the_intent_cameo_code(code: Any) -> None:
    (event,) = [
        e for e in code("Israel said on Thursday it would release 30 prisoners.", PUBLISHED)
    ]
    assert (event.type, event.cameo) == ("AGREE", "030")
    assert event.modality == "intended"


def test_what_a_protest_demands_is_part_of_the_protest(code: Any) -> None:
    events = code(
        "Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday calling for independence.",
        PUBLISHED,
    )
    assert [e.type for e in events] == ["PROTEST"]
    assert events[0].date == "2024-03-10"
