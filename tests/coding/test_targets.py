"""Who an event is done by and to: recipients inside the object's phrase, context that may fill
an empty target, country names the NER takes for people, mediators, missions abroad, names
tagged as verbs and bare names of people the text says nothing about."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import countries

pytestmark = pytest.mark.slow


def only(events: list[Any], typ: str) -> Any:
    found = [e for e in events if e.type == typ and not e.negated]
    assert len(found) == 1, [(e.type, e.trigger, e.sentence.text) for e in events]
    return found[0]


def of_sentence(events: list[Any], typ: str, words: str) -> Any:
    found = [e for e in events if e.type == typ and words in e.sentence.text and not e.negated]
    assert len(found) == 1, [(e.type, e.trigger, e.sentence.text) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "typ", "source", "target"),
    [
        (
            "The United States suspended military aid to Niger on Thursday.",
            "SANCTION",
            "USA",
            "NER",
        ),
        ("Nigeria cut its electricity exports to Niger on Tuesday.", "COERCE", "NGA", "NER"),
        (
            "France suspended all development assistance to Burkina Faso on Friday.",
            "SANCTION",
            "FRA",
            "BFA",
        ),
    ],
)
def test_recipient_in_the_objects_prepositional_phrase_is_the_target(
    code: Any, text: str, typ: str, source: str, target: str
) -> None:
    event = only(code(text, "2023-08-04"), typ)
    assert countries(event.source) == {source}
    assert countries(event.target) == {target}


def test_relation_noun_owned_by_the_source_is_the_other_country(code: Any) -> None:
    text = (
        "Nigeria, which supplies most of Niger's power, cut electricity exports to its "
        "neighbour on Tuesday."
    )
    event = only(code(text, "2023-08-04"), "COERCE")
    assert countries(event.source) == {"NGA"}
    assert countries(event.target) == {"NER"}


@pytest.mark.parametrize(
    ("text", "home", "later"),
    [
        (
            "Kenyan protesters stormed parliament in Nairobi on Tuesday. Part of the building "
            "was set on fire. Britain urged calm.",
            "KEN",
            "GBR",
        ),
        (
            "Sri Lankan protesters stormed the president's office in Colombo on Wednesday. "
            "Several cars were set on fire. India called for restraint.",
            "LKA",
            "IND",
        ),
    ],
)
def test_an_empty_target_is_never_filled_from_a_later_sentence(
    code: Any, text: str, home: str, later: str
) -> None:
    event = only(code(text, "2023-08-04"), "ASSAULT")
    assert countries(event.source) == {home}
    assert countries(event.target) == {home}
    assert later not in countries(event.target)


@pytest.mark.parametrize(
    ("text", "typ", "source", "target"),
    [
        ("Burkina Faso accused Mali of harbouring rebels on Monday.", "ACCUSE", {"BFA"}, "MLI"),
        ("Chad condemned Niger on Monday.", "ACCUSE", {"TCD"}, "NER"),
        (
            "Mali and Burkina Faso warned that an intervention in Niger would be a declaration "
            "of war.",
            "THREATEN",
            {"MLI", "BFA"},
            "NER",
        ),
    ],
)
def test_country_names_the_ner_takes_for_people_stay_countries(
    code: Any, text: str, typ: str, source: set[str], target: str
) -> None:
    event = only(code(text, "2023-08-04"), typ)
    assert countries(event.source) == source
    assert countries(event.target) == {target}


def test_demonym_the_ner_takes_for_a_person_gives_the_police_their_country(code: Any) -> None:
    event = only(
        code("Nigerien police fired tear gas to disperse the protesters.", "2023-08-04"),
        "ASSAULT",
    )
    assert countries(event.source) == {"NER"}
    assert countries(event.target) == {"NER"}


@pytest.mark.parametrize(
    ("text", "words", "typ", "parties"),
    [
        (
            "Sudan's army and the RSF signed a ceasefire in Jeddah on Saturday, after talks "
            "mediated by Saudi Arabia and the United States. Under the deal, the two sides "
            "committed to allow humanitarian aid to reach civilians.",
            "the two sides",
            "AGREE",
            {"SDN"},
        ),
        (
            "Israel and Hamas agreed a truce on Friday after talks brokered by Qatar and Egypt. "
            "The two sides agreed to exchange prisoners.",
            "The two sides",
            "AGREE",
            {"ISR", "PSE"},
        ),
    ],
)
def test_the_two_sides_are_the_parties_not_the_mediators(
    code: Any, text: str, words: str, typ: str, parties: set[str]
) -> None:
    event = of_sentence(code(text, "2023-08-04"), typ, words)
    assert countries(event.source) == parties


def test_both_sides_as_an_object_are_the_parties(code: Any) -> None:
    text = (
        "Sudan's army and the RSF signed a ceasefire in Jeddah on Saturday, after talks "
        "mediated by Saudi Arabia and the United States. Egypt urged both sides to respect "
        "the truce."
    )
    event = only(code(text, "2023-08-04"), "REQUEST")
    assert countries(event.source) == {"EGY"}
    assert countries(event.target) == {"SDN"}


def test_a_conjoined_group_keeps_its_own_actors(code: Any) -> None:
    text = (
        "Ethiopia's army and the TPLF signed a truce in Pretoria on Wednesday, after talks "
        "mediated by the African Union and Kenya."
    )
    event = only(code(text, "2022-11-05"), "AGREE")  # signing a truce is agreeing to it
    assert {a.sector for a in event.source} == {"MIL", "REB"}
    assert countries(event.source) == {"ETH"}


@pytest.mark.parametrize(
    ("text", "typ", "source"),
    [
        (
            "Western embassies in Nairobi, including those of the United States and Germany, "
            "urged calm on Monday.",
            "REQUEST",
            {"USA", "DEU"},
        ),
        (
            "Foreign diplomats in Kabul, including those of Britain and France, condemned the "
            "attack on Monday.",
            "ACCUSE",
            {"GBR", "FRA"},
        ),
    ],
)
def test_missions_abroad_act_for_the_states_named_not_for_where_they_sit(
    code: Any, text: str, typ: str, source: set[str]
) -> None:
    event = only(code(text, "2023-08-04"), typ)
    assert countries(event.source) == source
    # nor are they asked of one of themselves
    assert not countries(event.target) & source


def test_missions_with_no_country_given_are_not_of_their_host(code: Any) -> None:
    events = code("Foreign embassies in Kyiv urged calm on Monday.", "2023-08-04")
    assert all("UKR" not in countries(e.source) for e in events)


@pytest.mark.parametrize(
    ("text", "typ", "target"),
    [
        ("ECOWAS imposed sanctions on Mali on Sunday.", "SANCTION", "MLI"),
        ("ECOWAS imposed new sanctions on Guinea on Friday.", "SANCTION", "GIN"),
    ],
)
def test_organisation_name_tagged_as_a_verb_is_the_source(
    code: Any, text: str, typ: str, target: str
) -> None:
    event = only(code(text, "2023-08-04"), typ)
    assert countries(event.source) == {"ECOWAS"}
    assert countries(event.target) == {target}


def test_organisation_name_tagged_as_a_verb_modifies_the_subject(code: Any) -> None:
    event = only(code("ECOWAS defence chiefs met in Abuja on Wednesday.", "2023-08-04"), "CONSULT")
    assert countries(event.source) == {"ECOWAS"}


@pytest.mark.parametrize(
    "text",
    [
        "Nigerien police fired tear gas to disperse the protesters outside the French embassy.",
        "Kenyan police fired tear gas at demonstrators outside the British High Commission in "
        "Nairobi.",
    ],
)
def test_an_embassy_where_it_happens_is_not_the_target(code: Any, text: str) -> None:
    event = only(code(text, "2023-08-04"), "ASSAULT")
    assert countries(event.source) == countries(event.target)
    assert len(countries(event.target)) == 1
    assert not countries(event.target) & {"FRA", "GBR"}


def test_a_possessed_mission_is_its_owners(code: Any) -> None:
    text = (
        "France began evacuating its citizens on Tuesday, two days after demonstrators "
        "marched on its embassy in Niamey."
    )
    event = only(code(text, "2023-08-04"), "PROTEST")
    assert countries(event.target) == {"FRA"}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Putin threatened Ukraine with punishment.", "UKR"),
        ("Erdogan accused Greece of provocations.", "GRC"),
        ("Netanyahu threatened Iran with force.", "IRN"),
    ],
)
def test_a_bare_name_never_takes_the_country_it_acts_on(code: Any, text: str, target: str) -> None:
    for event in code(text, "2023-08-04"):
        assert target not in countries(event.source)


def test_it_in_what_an_actor_announces_is_that_actor(code: Any) -> None:
    text = (
        "On Monday the Nigerien junta accused France of planning a military operation, and "
        "announced it was suspending exports of uranium to France."
    )
    event = only(code(text, "2023-08-04"), "SANCTION")
    assert countries(event.source) == {"NER"}
    assert countries(event.target) == {"FRA"}
