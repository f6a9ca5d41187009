"""Dates placed against another act of the same sentence ("a day after ..."), and dates that
name a planned or declared day rather than the time of an act."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.model import Document, When
from eventwire.resolve.dates import resolve_offset

WEDNESDAY = When(value="2024-06-26", text="Wednesday", precision="day")


def offset(text: str, relation: str, anchor: When | None = WEDNESDAY) -> tuple[str, str] | None:
    when = resolve_offset(text, relation, anchor)
    return None if when is None else (str(when.value), str(when.precision))


@pytest.mark.parametrize(
    ("text", "relation", "expected"),
    [
        ("a day", "after", ("2024-06-25", "day")),
        ("one day", "after", ("2024-06-25", "day")),
        ("the day", "after", ("2024-06-25", "day")),
        ("two days", "after", ("2024-06-24", "day")),
        ("3 days", "after", ("2024-06-23", "day")),
        ("a day", "before", ("2024-06-27", "day")),
        ("two days", "before", ("2024-06-28", "day")),
        # hours stay on the anchor's day unless they make whole days
        ("hours", "after", ("2024-06-26", "day")),
        ("just hours", "after", ("2024-06-26", "day")),
        ("a few hours", "before", ("2024-06-26", "day")),
        ("48 hours", "after", ("2024-06-24", "day")),
        ("minutes", "after", ("2024-06-26", "day")),
        # a week or a vague number of days: the month or year that holds the span
        ("a week", "after", ("2024-06", "month")),
        ("a week", "before", ("2024", "year")),
        ("several days", "after", ("2024-06", "month")),
        ("days", "after", ("2024-06", "month")),
        ("two months", "after", ("2024-04", "month")),
        ("a year", "after", ("2023", "year")),
        ("a day", "since", None),  # only "after" and "before" place one act against another
    ],
)
def test_offset_from_an_anchor_day(
    text: str, relation: str, expected: tuple[str, str] | None
) -> None:
    assert offset(text, relation) == expected


def test_a_week_across_a_month_end_gives_the_year() -> None:
    anchor = When(value="2023-08-03", text="Thursday", precision="day")
    assert offset("a week", "after", anchor) == ("2023-07", "month")
    anchor = When(value="2023-08-05", text="Saturday", precision="day")
    assert offset("a week", "after", anchor) == ("2023", "year")


def test_a_coarse_anchor_gives_only_what_it_can() -> None:
    month = When(value="2022-11", text="November", precision="month")
    year = When(value="2022", text="2022", precision="year")
    assert offset("a day", "after", month) is None
    assert offset("two months", "after", month) == ("2022-09", "month")
    assert offset("two months", "after", year) is None
    assert offset("a year", "after", year) == ("2021", "year")


@pytest.mark.parametrize("text", ["Wednesday", "last week", "", "a long time", "the war"])
def test_not_a_distance(text: str) -> None:
    assert offset(text, "after") is None


def test_no_anchor_or_no_relation() -> None:
    assert offset("a day", "after", None) is None
    assert offset("a day", "after", When(value=None)) is None
    assert offset("a day", "since") is None


# -- whole sentences ----------------------------------------------------------------------


def dated(events: list[Any], typ: str) -> str | None:
    found = [e for e in events if e.type == typ and not e.negated]
    assert len(found) == 1, [(e.type, e.trigger, e.date) for e in events]
    return found[0].date


@pytest.mark.slow
@pytest.mark.parametrize(
    ("distance", "expected"),
    [("a day", "2024-06-25"), ("two days", "2024-06-24"), ("hours", "2024-06-26")],
)
def test_an_act_a_day_after_another_is_dated_from_it(
    code: Any, distance: str, expected: str
) -> None:
    text = (
        f"Kenyan President William Ruto withdrew the bill on Wednesday, {distance} after police "
        "shot dead at least 22 protesters."
    )
    events = code(text, "2024-06-27")
    assert dated(events, "ASSAULT") == expected
    # the act the distance is counted from keeps its own day
    assert {e.date for e in events if e.type != "ASSAULT"} == {"2024-06-26"}


def resolved_dates(pipeline: Any, text: str, published: str) -> dict[str, str | None]:
    """Each date phrase of a one-paragraph text with the value the resolver gives it."""
    doc = Document(id="t", text=text, published=published)
    resolved = pipeline.resolver(pipeline.parser(pipeline.cleaner(doc)))
    (block,) = resolved.parsed.blocks
    out: dict[str, str | None] = {}
    for ent in block.sdoc.ents:
        if ent.label_ in ("DATE", "TIME"):
            when = resolved.dates.get((0, ent.root.i))
            out[ent.text] = when.value if when else None
    return out


@pytest.mark.slow
def test_a_clause_with_its_own_day_keeps_it(pipeline: Any) -> None:
    text = (
        "Wagner fighters seized the headquarters of the Southern Military District in "
        "Rostov-on-Don early on Saturday, hours after Prigozhin accused the army leadership on "
        "Friday of ordering a missile strike on his men's camps."
    )
    dates = resolved_dates(pipeline, text, "2023-06-25")
    assert dates["Saturday"] == "2023-06-24"
    assert dates["Friday"] == "2023-06-23"
    assert dates.get("hours") is None


@pytest.mark.slow
def test_the_distance_becomes_a_date_phrase_of_the_clause(pipeline: Any) -> None:
    text = "Ruto withdrew the bill on Wednesday, a day after police shot dead 22 protesters."
    dates = resolved_dates(pipeline, text, "2024-06-27")
    assert dates == {"Wednesday": "2024-06-26", "a day": "2024-06-25"}


@pytest.mark.slow
def test_planned_and_declared_days_are_no_dates_of_an_act(pipeline: Any) -> None:
    text = (
        "Organisers on Wednesday rejected talks and called for fresh demonstrations across the "
        "country on Thursday."
    )
    assert resolved_dates(pipeline, text, "2024-06-27") == {
        "Wednesday": "2024-06-26",
        "Thursday": None,
    }
    text = "Sobyanin urged residents to stay at home and declared Monday a non-working day."
    assert resolved_dates(pipeline, text, "2023-06-25") == {"Monday": None}
    # a call with no earlier day in the sentence keeps its day
    text = "The United Nations called for a ceasefire on Tuesday."
    assert resolved_dates(pipeline, text, "2024-06-27") == {"Tuesday": "2024-06-25"}


@pytest.mark.slow
def test_a_distance_with_no_anchor_in_the_sentence_gives_nothing(code: Any) -> None:
    events = code(
        "Kenyan police shot dead at least 22 protesters a day after the bill was passed.",
        "2024-06-27",
    )
    assert dated(events, "ASSAULT") is None


@pytest.mark.slow
def test_a_call_is_dated_by_when_it_was_made_not_by_the_day_it_calls_for(code: Any) -> None:
    text = (
        "Kenyan protest organisers on Wednesday rejected talks and called for fresh "
        "demonstrations on Thursday."
    )
    events = code(text, "2024-06-27")
    assert dated(events, "REQUEST") == "2024-06-26"
    assert dated(events, "REJECT") == "2024-06-26"


@pytest.mark.slow
def test_a_declared_day_does_not_date_the_sentence(code: Any) -> None:
    text = (
        "Russia's Moscow Mayor Sergei Sobyanin urged residents to avoid travelling and "
        "declared Monday a non-working day."
    )
    assert dated(code(text, "2023-06-25"), "REQUEST") is None


@pytest.mark.slow
def test_a_time_after_an_infinitive_dates_the_vow(code: Any) -> None:
    events = code(
        "Russian President Vladimir Putin vowed to punish the Wagner mutineers on Saturday.",
        "2023-06-25",
    )
    assert [e.date for e in events if not e.negated] == ["2023-06-24"]


@pytest.mark.slow
def test_a_year_in_the_acts_own_noun_dates_it(code: Any) -> None:
    events = code("The two men had seized power together in a 2021 coup in Sudan.", "2023-05-22")
    assert dated(events, "COERCE") == "2021"
