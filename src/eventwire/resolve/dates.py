"""Resolve date expressions against a reference (publication) date.

The conventions are FORMAT.md's: "on Thursday" is the latest Thursday on or before the reference
date (that day included); "last Thursday" is the Thursday of the previous Monday-based week;
"this week"/"last week" give the week's month when the week lies in one month, else its year; a
value never claims more precision than the text gives.

Relative forms and the common absolute forms are handled by the regular expressions here, because
``dateparser`` gets several of them wrong or not at all ("late last year", "earlier this month",
"last Thursday") and guesses wildly on noise ("73" → 1973). ``dateparser`` is the fallback for
absolute forms with a four-digit year that the expressions do not cover ("11/13/2022").
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
import unicodedata
from collections.abc import Mapping
from typing import Literal

from dateparser.date import DateDataParser

from eventwire.model import When

Precision = Literal["day", "week", "month", "year"]

MIN_YEAR = 1900
MAX_YEAR = 2100
# Longer texts are sentences, not date expressions; the cap also bounds dateparser's work.
_MAX_LEN = 80

_MONTHS: Mapping[str, int] = {
    **{name.casefold(): i for i, name in enumerate(calendar.month_name) if name},
    **{name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
_WEEKDAYS: Mapping[str, int] = {
    **{name.casefold(): i for i, name in enumerate(calendar.day_name)},
    **{name.casefold(): i for i, name in enumerate(calendar.day_abbr)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
# fmt: off
_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)
# fmt: on
_NUMBERS: Mapping[str, int] = {word: i for i, word in enumerate(_NUMBER_WORDS)} | {
    "a": 1,
    "an": 1,
    "a couple of": 2,
    "couple of": 2,
}

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_NUMBER_RE = r"\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))
_UNIT_RE = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ie))s?"

_QUOTES = str.maketrans({"‘": "'", "’": "'", "`": "'", "“": '"', "”": '"'})

# Words before the expression that do not change the point in time it names.
_PREPOSITION = re.compile(
    r"^(?:on|in|at|by|since|during|around|about|as of|as early as|as late as|until|till|"
    r"from|of|for|before|after|through|throughout|sometime|some time|over|circa|c\.|ca\.)\s+"
)
# Modifiers that narrow a period without making it more precise ("late June" is June).
_LEADING_MODIFIER = re.compile(
    r"^(?:early|late|mid|middle|earlier|later|the end of|end of|the start of|start of|"
    r"the beginning of|beginning of|the middle of|the turn of|"
    r"(?:the )?(?:first|second|third|fourth|last|final) (?:half|quarter|week|weeks|days) of|"
    r"(?:the )?(?:morning|evening|night|afternoon) of|(?:the )?(?:early|small|late|wee) hours of)"
    r"(?:\s+|-)"
)
_TIME_RE = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|noon|midnight)"
_ZONE_RE = (
    r"(?:local time|gmt|utc|bst|cet|cest|eet|eest|est|edt|cst|cdt|mst|mdt|pst|pdt|ist|jst|kst|"
    r"ict|wib|mmt|aest|aedt|sast|eat|wat|msk|hkt|sgt|pht|et|pt)"
)
_LEADING_TIME = re.compile(
    rf"^(?:at |around |about |shortly after |shortly before )?{_TIME_RE}"
    rf"(?: {_ZONE_RE})?,?\s+"
)
_TRAILING_MODIFIER = re.compile(
    rf"(?:,?\s+{_ZONE_RE}|\s*\([^)]*\)|,?\s+(?:at\s+)?(?:around\s+)?(?:about\s+)?{_TIME_RE}|"
    r",?\s+(?:early|late|(?:early|late) in the)?\s*"
    r"(?:morning|evening|night|afternoon|overnight|noon|midday|midnight|dawn|dusk)|"
    r",?\s+(?:before|at|after) (?:dawn|dusk|daybreak|sunrise|sunset|noon|midnight)|"
    r",?\s+in the (?:morning|evening|afternoon)|,?\s+at night|'s|"
    # the tagger runs on into the next phrase: "Monday after days (of fighting)"
    r",?\s+(?:after|before|following) (?:days|weeks|hours|months|years)\b.*)$"
)
# Expressions anchored on another event of the story, not on the reference date.
_ANCHORED = re.compile(
    r"\b(?:same|following|previous|prior|preceding|subsequent|that|then)\b|"
    r"^(?:the )?next (?:day|morning|evening|night|afternoon)\b|"
    r"\s(?:before|after|earlier|later|afterwards|beforehand)$|^(?:the )?day (?:before|after)\b"
)
_DURATION = re.compile(
    rf"^(?:(?:the )?(?:next|coming|past|last|previous|first|final)\s+)?"
    rf"(?:(?:{_NUMBER_RE}|few|several|some|many|more|dozens of|hundreds of|a few|a number of)"
    rf"\s+)?(?:more\s+)?{_UNIT_RE}(?:-long| long| old| straight)?$"
)
_HYPHEN_DURATION = re.compile(rf"\b(?:{_NUMBER_RE}|\d+|half)-{_UNIT_RE}\b")

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(?:the year )?(\d{4})$")
_DAY_MONTH = re.compile(
    rf"^(?:the )?(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? ({_MONTH_RE})\.?(?:,? (?:of )?(\d{{4}}))?$"
)
_MONTH_DAY = re.compile(
    rf"^({_MONTH_RE})\.? (?:the )?(\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?$"
)
_MONTH_YEAR = re.compile(rf"^({_MONTH_RE})\.?,? (?:of )?(\d{{4}})$")
_MONTH_ONLY = re.compile(rf"^({_MONTH_RE})\.?$")
_MONTH_REL_YEAR = re.compile(
    rf"^(?:(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?)?({_MONTH_RE})\.?(?: (\d{{1,2}})(?:st|nd|rd|th)?)?"
    rf",?(?: of)? (last|this|next) year$"
)
_REL_MONTH = re.compile(rf"^(last|this|next|past) ({_MONTH_RE})$")
_WEEKDAY = re.compile(rf"^(?:(last|this|next|past|this past) )?({_WEEKDAY_RE})\.?$")
_LEADING_WEEKDAY = re.compile(rf"^(?:{_WEEKDAY_RE})\.?,?\s+(?=.*\d)")
_AGO = re.compile(rf"^({_NUMBER_RE})\s+(day|week|fortnight|month|year)s?\s+ago$")
_RANGE = re.compile(
    r"^(?:(?:on|in|at|during) )?(?:from|between) (.+?) (?:to|until|till|and|through|-) (.+)$"
)
_AND_MONTHS = re.compile(
    rf"^(.*?\b(?:{_MONTH_RE})\b.*?) and (?:(?:early|late|mid) )?(?:{_MONTH_RE})\b.*$"
)
_TO_RANGE = re.compile(r"^(.+?) (?:to|until|till|through) (.+)$")
# "3-5 November", "November 3 to 5": the span's first day (not ISO "2022-11-13").
_DAY_SPAN = re.compile(
    r"(?<![\d\-/.])(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|to|and)\s*\d{1,2}(?:st|nd|rd|th)?(?![\d\-/.])"
)
_FOUR_DIGITS = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_NUMERIC_DATE = re.compile(r"^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}$")

_FIXED: Mapping[str, int] = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "later today": 0,
    "now": 0,
    "yesterday": -1,
    "last night": -1,
    "overnight": 0,
    "the day before yesterday": -2,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}
# Vague recent spans: (first day back, last day back) relative to the reference date.
_RECENT: Mapping[str, tuple[int, int]] = {
    "recent days": (7, 0),
    "the past few days": (7, 0),
    "the last few days": (7, 0),
    "the past days": (7, 0),
    "past few days": (7, 0),
    "the past week": (7, 0),
    "the last week": (7, 0),
    "the past few weeks": (28, 0),
    "the last few weeks": (28, 0),
    "past few weeks": (28, 0),
    "recent weeks": (28, 0),
    "the past weeks": (28, 0),
    "the past month": (30, 0),
    "the last month": (30, 0),
    "a few days ago": (6, 2),
    "few days ago": (6, 2),
    "several days ago": (7, 2),
    "some days ago": (7, 2),
    "days ago": (7, 1),
    "hours ago": (0, 0),
    "minutes ago": (0, 0),
    "a few hours ago": (0, 0),
    "several hours ago": (0, 0),
}


def _when(value: str, text: str, precision: Precision) -> When:
    return When(value=value, text=text, precision=precision)


def _day(date: datetime.date, text: str) -> When | None:
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        return None
    return _when(date.isoformat(), text, "day")


def _month(year: int, month: int, text: str) -> When | None:
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= month <= 12:
        return None
    return _when(f"{year:04d}-{month:02d}", text, "month")


def _year(year: int, text: str) -> When | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return _when(f"{year:04d}", text, "year")


def _span(start: datetime.date, end: datetime.date, text: str) -> When | None:
    """The coarsest of month and year that holds the whole span, or None."""
    if start.year != end.year:
        return None
    if start.month == end.month:
        return _month(start.year, start.month, text)
    return _year(start.year, text)


def _monday(date: datetime.date) -> datetime.date:
    return date - datetime.timedelta(days=date.weekday())


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _year_for_month(month: int, ref: datetime.date, future: bool) -> int:
    """The year of a month named without one: the latest not after ref's month (or next)."""
    if future:
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


def normalise_text(text: str) -> str:
    """Lower-case, straighten and tidy a date expression for matching.

    Args:
        text: The expression as written.

    Returns:
        NFKC, casefolded, single-spaced text with "Nov." as "nov" and " ,2022" as ", 2022".
    """
    s = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    s = re.sub(r"[‐‑‒–—]", "-", s)
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(rf"\b({_MONTH_RE}|{_WEEKDAY_RE})\.(?=\s|,|$)", r"\1", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip(" .,;:!?\"'")


class DateResolver:
    """Resolves date expressions; holds the one ``dateparser`` parser it needs."""

    def __init__(self) -> None:
        """Build the ``dateparser`` parser (the costly part, ~0.2 s cold)."""
        # The fallback only sees texts with an explicit four-digit year, so the reference date
        # never fills in a missing part: a fixed RELATIVE_BASE keeps the wall clock out of it.
        self._parser = DateDataParser(
            languages=["en"],
            settings={
                "PREFER_DATES_FROM": "past",
                "RELATIVE_BASE": datetime.datetime(2000, 1, 1),
                "RETURN_TIME_AS_PERIOD": False,
            },
        )

    def resolve(self, text: str, ref: datetime.date | None, *, future: bool = False) -> When | None:
        """Resolve ``text`` against ``ref``; see :func:`resolve_date`."""
        try:
            return self._resolve(text, ref, future)
        except Exception:
            # Malformed input must never break a batch (dateparser raises assorted errors on
            # odd strings): an unresolvable date is just None.
            return None

    def _resolve(self, text: str, ref: datetime.date | None, future: bool) -> When | None:
        if not isinstance(text, str):
            return None
        s = normalise_text(text)
        if not s or len(s) > _MAX_LEN:
            return None
        if _HYPHEN_DURATION.search(s) or re.match(r"^(?:within|for)\b", s) or _ANCHORED.search(s):
            return None
        range_match = _RANGE.match(s)
        if range_match:
            return self._range(range_match.group(1), range_match.group(2), text, ref, future)
        s = _strip(s)
        range_match = _TO_RANGE.match(s)
        if range_match:
            return self._range(range_match.group(1), range_match.group(2), text, ref, future)
        both = _AND_MONTHS.match(s)
        if both:
            # "late February and March": the acts began in the first
            first = both.group(1)
            year = _FOUR_DIGITS.search(s[len(first) :])
            if year and not _FOUR_DIGITS.search(first):
                first = f"{first} {year.group(1)}"  # "February and March 2024"
            return self._point(_strip(first), text, ref, future)
        return self._point(s, text, ref, future)

    def _range(
        self, first: str, second: str, text: str, ref: datetime.date | None, future: bool
    ) -> When | None:
        # An event "from Thursday to Saturday" is dated by its start; "from 3 to 5 June" needs
        # the month of the end.
        start = self._point(_strip(first), text, ref, future)
        if start is None and first.isdigit():
            tail = re.sub(r"^\d{1,2}(?:st|nd|rd|th)?", first, _strip(second), count=1)
            start = self._point(tail, text, ref, future)
        return start

    def _point(self, s: str, text: str, ref: datetime.date | None, future: bool) -> When | None:
        if not s or _ANCHORED.search(s):
            return None
        if re.search(rf"\b(?:{_MONTH_RE})\b", s):
            s = _DAY_SPAN.sub(r"\1", s)
        s = _LEADING_WEEKDAY.sub("", s)
        absolute = _absolute(s, text)
        if absolute is not None:
            return absolute
        if ref is not None:
            relative = _relative(s, text, ref, future)
            if relative is not None:
                return relative
        if _DURATION.match(s):
            return None
        return self._fallback(s, text)

    def _fallback(self, s: str, text: str) -> When | None:
        years = _FOUR_DIGITS.findall(s)
        if len(years) != 1 or not (_NUMERIC_DATE.match(s) or re.search(rf"\b(?:{_MONTH_RE})\b", s)):
            return None
        data = self._parser.get_date_data(s)
        if data is None or data.date_obj is None or data.date_obj.year != int(years[0]):
            return None
        date = data.date_obj.date()
        has_day = bool(re.search(r"(?<!\d)\d{1,2}(?!\d)", _FOUR_DIGITS.sub(" ", s)))
        if data.period == "day" and has_day:
            return _day(date, text)
        if data.period in ("day", "week", "month"):
            return _month(date.year, date.month, text)
        return _year(date.year, text)


def _strip(s: str) -> str:
    """Drop prepositions and modifiers that do not move the point in time."""
    s = s.strip(" .,;:")
    for _ in range(8):
        before = s
        s = _PREPOSITION.sub("", s)
        s = _LEADING_TIME.sub("", s)
        s = _LEADING_MODIFIER.sub("", s)
        if s not in _FIXED:
            s = _TRAILING_MODIFIER.sub("", s)
        s = s.strip(" .,;:-")
        if s == before:
            break
    return s


def _absolute(s: str, text: str) -> When | None:
    """Forms with an explicit year: ISO dates, "13 November 2022", "March 2015", "2019"."""
    if m := _ISO_DATE.match(s):
        return _day(datetime.date(int(m[1]), int(m[2]), int(m[3])), text)
    if m := _ISO_MONTH.match(s):
        return _month(int(m[1]), int(m[2]), text)
    if m := _YEAR.match(s):
        return _year(int(m[1]), text)
    if (m := _DAY_MONTH.match(s)) and m[3]:
        return _day(datetime.date(int(m[3]), _MONTHS[m[2]], int(m[1])), text)
    if (m := _MONTH_DAY.match(s)) and m[3]:
        return _day(datetime.date(int(m[3]), _MONTHS[m[1]], int(m[2])), text)
    if m := _MONTH_YEAR.match(s):
        return _month(int(m[2]), _MONTHS[m[1]], text)
    return None


def _relative(s: str, text: str, ref: datetime.date, future: bool) -> When | None:
    """Forms that need the reference date."""
    if s in _FIXED:
        return _day(ref + datetime.timedelta(days=_FIXED[s]), text)
    if s in _RECENT:
        back_from, back_to = _RECENT[s]
        start = ref - datetime.timedelta(days=back_from)
        end = ref - datetime.timedelta(days=back_to)
        return _day(start, text) if start == end else _span(start, end, text)
    if m := _WEEKDAY.match(s):
        return _weekday(m[1], _WEEKDAYS[m[2]], text, ref, future)
    if (m := _DAY_MONTH.match(s)) and not m[3]:
        month, day = _MONTHS[m[2]], int(m[1])
        return _day(datetime.date(_year_for_month(month, ref, future), month, day), text)
    if (m := _MONTH_DAY.match(s)) and not m[3]:
        month, day = _MONTHS[m[1]], int(m[2])
        return _day(datetime.date(_year_for_month(month, ref, future), month, day), text)
    if m := _MONTH_ONLY.match(s):
        month = _MONTHS[m[1]]
        return _month(_year_for_month(month, ref, future), month, text)
    if m := _MONTH_REL_YEAR.match(s):
        year = ref.year + {"last": -1, "this": 0, "next": 1}[m[4]]
        month = _MONTHS[m[2]]
        day_text: str | None = m[1] or m[3]
        if day_text:
            return _day(datetime.date(year, month, int(day_text)), text)
        return _month(year, month, text)
    if m := _REL_MONTH.match(s):
        month = _MONTHS[m[2]]
        if m[1] == "this":
            return _month(ref.year, month, text)
        if m[1] == "next":
            return _month(ref.year if month > ref.month else ref.year + 1, month, text)
        return _month(ref.year if month < ref.month else ref.year - 1, month, text)
    if m := _AGO.match(s):
        return _ago(m[1], m[2], text, ref)
    return _calendar_unit(s, text, ref, future)


def _weekday(
    qualifier: str | None, weekday: int, text: str, ref: datetime.date, future: bool
) -> When | None:
    if qualifier == "last":
        return _day(_monday(ref) - datetime.timedelta(days=7 - weekday), text)
    if qualifier == "next":
        return _day(_monday(ref) + datetime.timedelta(days=7 + weekday), text)
    if future and qualifier not in ("past", "this past"):
        return _day(ref + datetime.timedelta(days=(weekday - ref.weekday()) % 7), text)
    return _day(ref - datetime.timedelta(days=(ref.weekday() - weekday) % 7), text)


def _ago(amount: str, unit: str, text: str, ref: datetime.date) -> When | None:
    n = _number(amount)
    if n is None:
        return None
    if unit == "day":
        return _day(ref - datetime.timedelta(days=n), text)
    if unit in ("week", "fortnight"):
        # "two weeks ago" names a week, not a day: give what that whole week allows.
        start = _monday(ref - datetime.timedelta(days=n * (14 if unit == "fortnight" else 7)))
        return _span(start, start + datetime.timedelta(days=6), text)
    if unit == "month":
        year, month = _shift_month(ref.year, ref.month, -n)
        return _month(year, month, text)
    return _year(ref.year - n, text)


def _calendar_unit(s: str, text: str, ref: datetime.date, future: bool) -> When | None:
    """ "this week", "last month", "next year", "the weekend" and the like."""
    m = re.match(r"^(?:(this|last|next|the|this past|the past) )?(week|weekend|month|year)$", s)
    if m is None:
        return None
    which, unit = m[1] or "the", m[2]
    if which in ("the past", "this past"):
        # A rolling span back from ref, not a calendar unit.
        days = {"week": 7, "weekend": 7, "month": 30, "year": 365}[unit]
        return _span(ref - datetime.timedelta(days=days), ref, text)
    if unit == "week":
        monday = _monday(ref)
        if which == "last":
            return _span(monday - datetime.timedelta(days=7), monday - datetime.timedelta(1), text)
        if which == "next":
            start = monday + datetime.timedelta(days=7)
            return _span(start, start + datetime.timedelta(days=6), text)
        end = monday + datetime.timedelta(days=6) if future else ref
        return _span(monday, end, text)
    if unit == "weekend":
        if which == "next" or (future and which in ("this", "the")):
            saturday = ref + datetime.timedelta(days=(5 - ref.weekday()) % 7)
        elif which == "last" and ref.weekday() >= 5:
            saturday = _monday(ref) - datetime.timedelta(days=2)
        else:
            saturday = ref - datetime.timedelta(days=(ref.weekday() - 5) % 7)
        return _span(saturday, saturday + datetime.timedelta(days=1), text)
    delta = {"last": -1, "next": 1}.get(which, 0)
    if unit == "month":
        year, month = _shift_month(ref.year, ref.month, delta)
        return _month(year, month, text)
    return _year(ref.year + delta, text)


# How far an act lies from the one it is placed against ("a day after", "two days before",
# "hours after", "a week after"): an optional hedge, an optional amount, a unit.
_OFFSET = re.compile(
    r"^(?:(?:just|only|barely|about|around|roughly|nearly|almost|some|less than|more than|"
    r"not even|within) )?(?:the )?"
    rf"(?:(?P<n>{_NUMBER_RE}|a few|few|several|many) )?"
    r"(?P<unit>minute|hour|day|night|week|month|year)(?P<plural>s)?$"
)
_VAGUE_AMOUNTS = frozenset({"a few", "few", "several", "many", "some"})


def resolve_offset(text: str, relation: str, anchor: When | None) -> When | None:
    """Date an act placed against another act whose date is known.

    "Ruto withdrew the bill on Wednesday, a day after police shot 22 protesters": the
    shooting is ``resolve_offset("a day", "after", <Wednesday>)``, the Tuesday.

    Args:
        text: The distance as written ("a day", "two days", "hours", "just hours", "a week").
        relation: "after" when the act in question came first (the anchor is *after* it),
            "before" when it came later.
        anchor: The date of the act it is placed against.

    Returns:
        A day for minutes, hours and a number of days (hours stay on the anchor's day); the
        month or year that holds a vague or week-long span; the anchor's month or year shifted
        for months and years; None when the anchor is too coarse or the text is no distance.
    """
    if anchor is None or not anchor.value or relation not in ("after", "before"):
        return None
    m = _OFFSET.match(normalise_text(text or ""))
    if m is None:
        return None
    amount, unit, plural = m["n"], m["unit"], bool(m["plural"])
    n = _number(amount) if amount and amount not in _VAGUE_AMOUNTS else None
    vague = n is None and (plural or amount in _VAGUE_AMOUNTS)
    n = 1 if n is None else n
    sign = -1 if relation == "after" else 1
    if unit in ("month", "year"):
        if vague:
            return None
        year, _sep, rest = anchor.value.partition("-")
        if unit == "year":
            return _year(int(year) + sign * n, text)
        if not rest:
            return None
        shifted = _shift_month(int(year), int(rest[:2]), sign * n)
        return _month(*shifted, text)
    if anchor.precision != "day" or len(anchor.value) != 10:
        return None
    day = datetime.date.fromisoformat(anchor.value)
    if unit in ("minute", "hour"):
        # "hours after" stays on the anchor's day unless it spans whole days ("48 hours")
        back = (0, 0) if vague else (n // 24 if unit == "hour" else 0,) * 2
    elif unit == "week":
        back = (7, 28) if vague else (7 * n - 3, 7 * n + 3)
    else:
        back = (2, 7) if vague else (n, n)
    first = day + datetime.timedelta(days=sign * back[0])
    last = day + datetime.timedelta(days=sign * back[1])
    if first == last:
        return _day(first, text)
    return _span(min(first, last), max(first, last), text)


@functools.cache
def _default_resolver() -> DateResolver:
    return DateResolver()


def resolve_date(text: str, ref: datetime.date | None, *, future: bool = False) -> When | None:
    """Resolve a date expression against a reference (publication) date.

    Args:
        text: A date expression as spaCy's DATE/TIME entity gives it, possibly with a leading
            preposition or modifier ("on Sunday", "late last year", "Nov. 13 ,2022").
        ref: The date relative expressions count from; None resolves absolute expressions only.
        future: Resolve bare weekdays and month names forward (plans, announcements) instead of
            backward.

    Returns:
        ``When(value, text, precision)`` with ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` at the
        precision the text gives, or None for durations, anchored expressions ("the same day"),
        years outside 1900-2100 and anything unrecognised.
    """
    return _default_resolver().resolve(text, ref, future=future)


def parse_iso_date(s: str) -> datetime.date | None:
    """Parse ``YYYY-MM-DD`` (optionally followed by an ISO time), else None.

    Args:
        s: The string.

    Returns:
        The date, or None when ``s`` is not an ISO date or not a real day.
    """
    m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?\s*$", s or "")
    if m is None:
        return None
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


_LINE_LABEL = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?:?|date:|on)\s+",
    flags=re.IGNORECASE,
)
_LINE_DATE = re.compile(
    rf"^(?:(?:{_WEEKDAY_RE})\.?,?\s+)?(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_RE})\.?,?\s+(?P<y1>\d{{4}})|"
    rf"(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})|"
    rf"(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))",
    flags=re.IGNORECASE,
)
# What may follow the date on a date line: times, zones, "Updated 1 hour ago", "4 min read".
_LINE_TAIL_TOKEN = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?|\d{1,4}|[ap]\.?m\.?|(?-i:[A-Z]{2,5})(?:[+\-]\d{1,2})?|"
    r"updated|last|published|posted|modified|ago|just|now|an?|hours?|hrs?|minutes?|mins?|"
    r"days?|weeks?|read|reading|time|local|at|on)$",
    flags=re.IGNORECASE,
)


def parse_date_line(line: str) -> datetime.date | None:
    """Recognise a standalone date line of a news page and return its date.

    Accepts lines such as "Published Wednesday 3 February 2021, 08:10 MMT",
    "July 16, 2022 · 14:30 (0900 GMT) · Updated 1 hour ago" or "Sunday 30 June 2024": a
    label, a date with its year, then only times, zones and reading-time notes.

    Args:
        line: One line of page text.

    Returns:
        The date, or None when the line is not a date line (a sentence that merely contains a
        date, a line without a year, an impossible date).
    """
    text = unicodedata.normalize("NFKC", line or "").strip()
    if not text or len(text) > 120:
        return None
    text = _LINE_LABEL.sub("", text)
    m = _LINE_DATE.match(text)
    if m is None:
        return None
    tail = re.sub(r"[()\[\]·•|,;/\-–—]", " ", text[m.end() :])
    if not all(_LINE_TAIL_TOKEN.match(token) for token in tail.split()):
        return None
    if m["y3"]:
        year, month, day = int(m["y3"]), int(m["m3"]), int(m["d3"])
    else:
        year = int(m["y1"] or m["y2"])
        month = _MONTHS[(m["m1"] or m["m2"]).casefold()]
        day = int(m["d1"] or m["d2"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
