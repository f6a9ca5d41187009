"""More on who does what to whom: people named only by a title, names two countries share,
kinds of actors set apart from the story's country, promised acts with a destination, and
self-targets only where a story is about one country."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.model import Document
from tests.conftest import countries

pytestmark = pytest.mark.slow


def of_type(events: list[Any], typ: str) -> list[Any]:
    return [e for e in events if e.type == typ and not e.negated]


def only(events: list[Any], typ: str) -> Any:
    found = of_type(events, typ)
    assert len(found) == 1, [(e.type, e.trigger, e.sentence.text) for e in events]
    return found[0]


# -- people named only by a title ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("President Joe Biden praised Kenya for taking the lead.", "KEN"),
        ("Prime Minister Giorgia Meloni criticised France over migration.", "FRA"),
        ("Chancellor Olaf Scholz thanked Poland for its help.", "POL"),
    ],
)
def test_a_titled_person_does_not_take_the_country_acted_on(
    code: Any, text: str, target: str
) -> None:
    for event in code(text, "2023-08-04"):
        assert target not in countries(event.source)


def test_a_titled_person_does_not_take_a_country_named_in_another_sentence(code: Any) -> None:
    text = (
        "Kenya sent police to Haiti. Prime Minister Ariel Henry announced on March 11 that he "
        "would step down."
    )
    for event in code(text, "2024-06-26"):
        if "Henry" in event.sentence.text:
            assert "KEN" not in countries(event.source)


def test_a_meeting_keeps_the_participant_whose_country_is_given(code: Any) -> None:
    text = "Secretary of State Antony Blinken spoke with Kenya's President William Ruto."
    event = only(code(text, "2024-06-26"), "CONSULT")
    assert countries(event.source) == {"KEN"}


def test_a_titled_person_takes_the_scene_the_paragraph_set(code: Any) -> None:
    text = (
        "In Washington, the State Department paused some aid programmes on Thursday. "
        "Secretary of State Antony Blinken spoke with Kenya's President William Ruto."
    )
    event = only(code(text, "2024-06-26"), "CONSULT")
    assert countries(event.source) == {"USA", "KEN"}


def test_a_titled_person_takes_the_dateline_of_the_paragraph(code: Any) -> None:
    text = (
        "NAIROBI \u2014 Interior Minister Kithure Kindiki met Ugandan officials on Monday "
        "to discuss border security."
    )
    found = of_type(code(text, "2024-06-26"), "CONSULT")
    assert found
    assert all("KEN" in countries(e.source) for e in found)


def test_a_story_about_one_country_still_gives_its_officials_that_country(code: Any) -> None:
    text = (
        "Sri Lanka's parliament met on Saturday. Sri Lanka's economy has collapsed and Sri "
        "Lanka's protesters occupied buildings. Acting President Ranil Wickremesinghe "
        "declared a nationwide state of emergency on Wednesday and imposed a curfew."
    )
    found = [e for e in code(text, "2022-07-15") if "Wickremesinghe" in e.sentence.text]
    assert found
    assert all(countries(e.source) == {"LKA"} for e in found)


# -- names two countries share ---------------------------------------------------------------


@pytest.mark.parametrize(
    "context",
    [
        "Fighting near Goma in the Democratic Republic of Congo intensified.",
        "Protesters gathered in Kinshasa on Monday.",
        "The DRC army retreated from the town.",
    ],
)
def test_congo_in_a_story_about_the_drc_is_the_drc(code: Any, context: str) -> None:
    text = f"{context} Congo accused Rwanda of backing the rebels."
    event = only(code(text, "2025-01-28"), "ACCUSE")
    assert countries(event.source) == {"COD"}
    assert countries(event.target) == {"RWA"}


def test_congo_beside_brazzaville_is_the_republic_of_the_congo(code: Any) -> None:
    text = "Officials met in Brazzaville on Monday. Congo condemned Rwanda."
    event = only(code(text, "2025-01-28"), "ACCUSE")
    assert countries(event.source) == {"COG"}


def test_congo_alone_keeps_its_listed_country(code: Any) -> None:
    event = only(code("Congo condemned Rwanda.", "2025-01-28"), "ACCUSE")
    assert countries(event.source) == {"COG"}


# -- kinds of actors and implied targets ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "typ", "source"),
    [
        (
            "Haitian gang leader Jimmy Cherizier vowed to fight any foreign force.",
            "THREATEN",
            "HTI",
        ),
        ("Japan urged both countries to exercise restraint.", "REQUEST", "JPN"),
        ("China urged both sides to exercise restraint.", "REQUEST", "CHN"),
    ],
)
def test_an_object_naming_no_country_is_not_the_doers_own(
    code: Any, text: str, typ: str, source: str
) -> None:
    event = only(code(text, "2025-05-11"), typ)
    assert countries(event.source) == {source}
    assert source not in countries(event.target)


def test_western_governments_are_not_the_protesters_country(code: Any) -> None:
    text = "Protesters in Kinshasa accused Western governments of hypocrisy."
    for event in of_type(code(text, "2025-01-28"), "ACCUSE"):
        assert "COD" not in countries(event.target)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Kenyan police have arrived in Port-au-Prince, where gangs shot at the airport.", "HTI"),
        ("Gangs in Port-au-Prince attacked police stations.", "HTI"),
        ("Nigerien police fired tear gas to disperse them.", "NER"),
    ],
)
def test_an_act_at_home_by_police_or_gangs_is_domestic(code: Any, text: str, country: str) -> None:
    event = only(code(text, "2024-06-26"), "ASSAULT")
    assert countries(event.source) == {country}
    assert countries(event.target) == {country}


# -- promised acts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Kenya has pledged to send 1,000 officers to Haiti.", "KEN", "HTI"),
        ("Germany has promised to send 500 soldiers to Lithuania.", "DEU", "LTU"),
    ],
)
def test_a_pledge_to_send_people_is_to_their_destination(
    code: Any, text: str, source: str, target: str
) -> None:
    event = only(code(text, "2024-06-26"), "AGREE")
    assert countries(event.source) == {source}
    assert countries(event.target) == {target}


def _focus(pipeline: Any, text: str, published: str) -> str | None:
    """The country the resolver takes a whole document to be about."""
    cleaned = pipeline.cleaner(Document(id="t", text=text, published=published))
    return pipeline.resolver(pipeline.parser(cleaned)).focus_country


def test_the_headline_says_what_country_the_story_is_about(pipeline: Any) -> None:
    text = (
        "Protests spread over Senegal's delayed presidential vote\n\n"
        "By our West Africa correspondent\n"
        "Saturday 10 February 2024\n\n"
        "Security forces fired tear gas at crowds in Dakar on Friday as thousands protested.\n\n"
        "At least three people were killed in clashes with police in the northern city of "
        "Saint-Louis, rights groups said.\n\n"
        "Senegal's interior minister said the police had shown restraint.\n\n"
        "The US State Department said the vote could not be considered legitimate.\n"
    )
    assert _focus(pipeline, text, "2024-02-10") == "SEN"


def test_a_country_the_headline_names_as_a_destination_is_not_the_story(pipeline: Any) -> None:
    text = (
        "Prime minister resigns and flees to India as protesters storm her residence\n\n"
        "By our South Asia correspondent\n"
        "Tuesday 6 August 2024\n\n"
        "Sheikh Hasina resigned as Bangladesh's prime minister on Monday and fled the country.\n\n"
        "She landed at an air base outside Delhi and was met by Indian officials.\n\n"
        "Bangladesh's army chief said an interim government would be formed.\n"
    )
    assert _focus(pipeline, text, "2024-08-06") == "BGD"


def test_the_dateline_says_where_the_story_is_filed(pipeline: Any) -> None:
    text = (
        "Opposition leader arrested after night of clashes\n\n"
        "By our correspondent\n"
        "Tuesday 6 August 2024\n\n"
        "DHAKA — Police arrested the opposition leader on Monday after a night of clashes.\n\n"
        "Officials in India and the United States said they were watching closely.\n\n"
        "The Indian foreign ministry urged calm.\n"
    )
    assert _focus(pipeline, text, "2024-08-06") == "BGD"
