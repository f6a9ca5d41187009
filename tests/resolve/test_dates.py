"""Date resolution against a publication date (FORMAT.md's weekday and precision rules)."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.resolve.dates import (
    DateResolver,
    parse_date_line,
    parse_iso_date,
    resolve_date,
)

D = datetime.date
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}
# Refs far enough from 1900 and 2100 that a week either side stays resolvable.
REFS = st.dates(min_value=D(1901, 1, 1), max_value=D(2099, 12, 1))


def value(text: str, ref: D | None, *, future: bool = False) -> tuple[str | None, str | None]:
    when = resolve_date(text, ref, future=future)
    return (None, None) if when is None else (when.value, when.precision)


@pytest.mark.parametrize(
    ("ref", "text", "expected"),
    [
        # Real cases from the evaluation stories.
        (D(2022, 11, 14), "on Sunday", ("2022-11-13", "day")),
        (D(2021, 2, 3), "last Thursday", ("2021-01-28", "day")),
        (D(2021, 2, 3), "on Wednesday", ("2021-02-03", "day")),
        (D(2021, 2, 3), "on Monday", ("2021-02-01", "day")),
        (D(2022, 7, 16), "Last Saturday", ("2022-07-09", "day")),
        (D(2022, 7, 16), "last week", ("2022-07", "month")),
        (D(2022, 7, 16), "in late June", ("2022-06", "month")),
        (D(2022, 7, 16), "on Thursday evening", ("2022-07-14", "day")),
        (D(2015, 5, 28), "late last year", ("2014", "year")),
        (D(2015, 5, 28), "In March 2015", ("2015-03", "month")),
        (D(2024, 6, 30), "on 2 June", ("2024-06-02", "day")),
        (D(2024, 6, 28), "on 1 February", ("2024-02-01", "day")),
        (D(2024, 6, 28), "on 21 March", ("2024-03-21", "day")),
        # The conventions.
        (D(2022, 11, 14), "Nov. 13 ,2022", ("2022-11-13", "day")),
        (D(2022, 11, 14), "earlier this month", ("2022-11", "month")),
        (D(2022, 11, 14), "this month", ("2022-11", "month")),
        (D(2022, 11, 14), "last month", ("2022-10", "month")),
        (D(2022, 1, 10), "last month", ("2021-12", "month")),
        (D(2022, 11, 14), "this year", ("2022", "year")),
        (D(2022, 11, 14), "last year", ("2021", "year")),
        (D(2022, 11, 14), "July 9", ("2022-07-09", "day")),
        (D(2022, 3, 14), "November 2", ("2021-11-02", "day")),
        (D(2022, 11, 14), "in August", ("2022-08", "month")),
        (D(2015, 5, 28), "in August", ("2014-08", "month")),
        (D(2015, 5, 28), "August", ("2014-08", "month")),
        (D(2022, 11, 14), "March 2015", ("2015-03", "month")),
        (D(2022, 11, 14), "in November 2020", ("2020-11", "month")),
        (D(2022, 11, 14), "2019", ("2019", "year")),
        (D(2022, 11, 14), "two months ago", ("2022-09", "month")),
        (D(2022, 11, 14), "Five months ago", ("2022-06", "month")),
        (D(2022, 11, 14), "three days ago", ("2022-11-11", "day")),
        (D(2022, 11, 14), "two years ago", ("2020", "year")),
        (D(2022, 11, 14), "early on Thursday", ("2022-11-10", "day")),
        (D(2022, 11, 14), "Tuesday night", ("2022-11-08", "day")),
        (D(2022, 11, 14), "Wednesday night, local time", ("2022-11-09", "day")),
        (D(2022, 11, 14), "yesterday", ("2022-11-13", "day")),
        (D(2022, 11, 14), "today", ("2022-11-14", "day")),
        (D(2022, 11, 14), "tonight", ("2022-11-14", "day")),
        (D(2022, 11, 14), "from Thursday to Saturday", ("2022-11-10", "day")),
        (D(2022, 11, 14), "in late August", ("2022-08", "month")),
        (D(2022, 11, 14), "this week", ("2022-11", "month")),
        (D(2022, 11, 14), "earlier this week", ("2022-11", "month")),
        # A week across a month boundary only gives the year.
        (D(2022, 11, 2), "this week", ("2022", "year")),
        (D(2022, 11, 2), "last week", ("2022-10", "month")),
        (D(2022, 11, 9), "last week", ("2022", "year")),
        (D(2022, 11, 14), "2022-11-13", ("2022-11-13", "day")),
        (D(2022, 11, 14), "11/13/2022", ("2022-11-13", "day")),
        (D(2022, 11, 14), "Sunday 30 June 2024", ("2024-06-30", "day")),
        (D(2022, 11, 14), "3-5 November", ("2022-11-03", "day")),
        (D(2022, 11, 14), "mid-2020", ("2020", "year")),
        (D(2022, 11, 14), "Thursday at 10 a.m.", ("2022-11-10", "day")),
    ],
)
def test_resolves(ref: D, text: str, expected: tuple[str, str]) -> None:
    assert value(text, ref) == expected


@pytest.mark.parametrize(
    "text",
    [
        "two-year",
        "50-minute",
        "a decade",
        "hours",
        "for months",
        "within five days",
        "73",
        "",
        "blah",
        "3000",
        "the 45th of Smarch",
        "the same day",
        "the next morning",
        "the Friday night before",
        "days later",
        "2020-21",
        "the 1990s",
        "2 June 3000",
        "February 30",
    ],
)
def test_not_a_point_in_time(text: str) -> None:
    assert resolve_date(text, D(2022, 11, 14)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 2015", ("2015-03", "month")),
        ("Nov. 13 ,2022", ("2022-11-13", "day")),
        ("2019", ("2019", "year")),
        ("on Sunday", (None, None)),
        ("yesterday", (None, None)),
        ("2 June", (None, None)),
        ("in August", (None, None)),
    ],
)
def test_without_ref_only_absolute(text: str, expected: tuple[str | None, str | None]) -> None:
    assert value(text, None) == expected


def test_future_goes_forward() -> None:
    ref = D(2022, 11, 14)  # a Monday
    assert value("on Thursday", ref, future=True) == ("2022-11-17", "day")
    assert value("on Monday", ref, future=True) == ("2022-11-14", "day")
    assert value("in August", ref, future=True) == ("2023-08", "month")
    assert value("on Thursday", ref) == ("2022-11-10", "day")


def test_when_keeps_the_text() -> None:
    when = resolve_date("on Sunday", D(2022, 11, 14))
    assert when is not None
    assert when.text == "on Sunday"


def test_resolver_object_matches_function() -> None:
    resolver = DateResolver()
    ref = D(2021, 2, 3)
    assert resolver.resolve("last Thursday", ref) == resolve_date("last Thursday", ref)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60), ref=st.one_of(st.none(), REFS), future=st.booleans())
def test_never_raises_and_value_is_well_formed(text: str, ref: D | None, future: bool) -> None:
    when = resolve_date(text, ref, future=future)
    if when is not None:
        assert when.value is not None
        assert VALUE.match(when.value)
        assert when.precision == PRECISION_BY_LENGTH[len(when.value)]


DATE_WORDS = st.sampled_from(
    [*WEEKDAYS, "last", "this", "next", "week", "month", "year", "ago", "two", "on", "in",
     "late", "early", "June", "Nov.", "13", "2022", "3000", ",", "-", "of", "the", "before"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(words=st.lists(DATE_WORDS, max_size=6), ref=REFS, future=st.booleans())
def test_date_like_word_salad_is_well_formed(words: list[str], ref: D, future: bool) -> None:
    when = resolve_date(" ".join(words), ref, future=future)
    if when is not None:
        assert when.value is not None
        assert VALUE.match(when.value)
        assert when.precision == PRECISION_BY_LENGTH[len(when.value)]


@given(ref=REFS, weekday=st.sampled_from(WEEKDAYS))
def test_on_weekday_is_latest_on_or_before_ref(ref: D, weekday: str) -> None:
    when = resolve_date(f"on {weekday}", ref)
    assert when is not None
    assert when.value is not None
    day = D.fromisoformat(when.value)
    assert ref - datetime.timedelta(days=7) < day <= ref
    assert day.strftime("%A") == weekday


@given(ref=REFS, weekday=st.sampled_from(WEEKDAYS))
def test_last_weekday_is_in_previous_week(ref: D, weekday: str) -> None:
    when = resolve_date(f"last {weekday}", ref)
    assert when is not None
    assert when.value is not None
    day = D.fromisoformat(when.value)
    monday = ref - datetime.timedelta(days=ref.weekday())
    assert monday - datetime.timedelta(days=7) <= day < monday
    assert day.strftime("%A") == weekday


@given(ref=REFS, weekday=st.sampled_from(WEEKDAYS))
def test_future_weekday_is_next_on_or_after_ref(ref: D, weekday: str) -> None:
    when = resolve_date(weekday, ref, future=True)
    assert when is not None
    assert when.value is not None
    day = D.fromisoformat(when.value)
    assert ref <= day < ref + datetime.timedelta(days=7)
    assert day.strftime("%A") == weekday


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published Wednesday 3 February 2021, 08:10 MMT", D(2021, 2, 3)),
        ("July 16, 2022 · 14:30 (0900 GMT) · Updated 1 hour ago", D(2022, 7, 16)),
        ("Thursday 3 November 2022", D(2022, 11, 3)),
        ("Updated Friday 25 February 2022, 05:45 GMT", D(2022, 2, 25)),
        ("Monday 1 July 2024 · 07:00 GMT · 4 min read", D(2024, 7, 1)),
        ("Sunday 30 June 2024", D(2024, 6, 30)),
        ("On 3 November 2022 the army attacked the town.", None),
        ("3 November 2022 was the day talks collapsed", None),
        ("The talks ended on Thursday 3 November 2022.", None),
        ("Sunday 31 June 2024", None),
        ("Thursday 3 November", None),
        ("", None),
    ],
)
def test_parse_date_line(line: str, expected: D | None) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-11-14", D(2022, 11, 14)),
        ("2022-11-14T08:00:00Z", D(2022, 11, 14)),
        ("2022-13-01", None),
        ("14 Nov 2022", None),
        ("", None),
    ],
)
def test_parse_iso_date(text: str, expected: D | None) -> None:
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize(
    ("ref", "text", "expected"),
    [
        # the tagger's date entity runs on into the next phrase
        (D(2025, 1, 30), "Monday after days", ("2025-01-27", "day")),
        (D(2025, 5, 11), "in the early hours of Wednesday", ("2025-05-07", "day")),
        (D(2025, 5, 11), "the small hours of Sunday", ("2025-05-11", "day")),
        # two months joined: the first, with the year written after the second
        (D(2024, 6, 26), "in late February and March", ("2024-02", "month")),
        (D(2025, 5, 11), "February and March 2023", ("2023-02", "month")),
    ],
)
def test_phrases_around_a_date(ref: D, text: str, expected: tuple[str, str]) -> None:
    assert value(text, ref) == expected
