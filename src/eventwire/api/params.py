"""Query parameters shared by the routes: the event filters of ``eventwire events`` and paging.

Every value is bounded (lengths, integer ranges) and dates are checked as real calendar
dates, so bad input is a 422 in the one error shape before any query runs. Values go to the
store as SQL parameters: a filter that looks like SQL is just a value that matches nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from fastapi import Query

from eventwire.api.errors import ApiError
from eventwire.store import EventQuery

MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000
MAX_ID = 2**62
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

SortKey = Literal[
    "id",
    "-id",
    "date",
    "-date",
    "type",
    "-type",
    "quad",
    "-quad",
    "goldstein",
    "-goldstein",
    "confidence",
    "-confidence",
    "doc",
    "-doc",
]


def check_date(value: str | None, *, name: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a real date; else a 422."""
    if value is None or value == "":
        return None
    match = _DATE.fullmatch(value)
    if match is not None:
        year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
        try:
            dt.date(year, month, day)
        except ValueError:
            match = None
    if match is None:
        raise ApiError(
            422,
            "ValidationError",
            f"{name}: {value[:40]!r} is not a date; give YYYY, YYYY-MM or YYYY-MM-DD",
        )
    return value


def _code(value: str | None) -> str | None:
    value = (value or "").strip()
    return value.upper() or None


Code = Annotated[str | None, Query(max_length=40)]


def event_query(
    actor: Annotated[
        str | None,
        Query(max_length=40, description="Actor country or organisation code, e.g. KOR."),
    ] = None,
    source_actor: Annotated[
        str | None, Query(max_length=40, description="Actor code on the source side.")
    ] = None,
    target_actor: Annotated[
        str | None, Query(max_length=40, description="Actor code on the target side.")
    ] = None,
    type: Annotated[  # noqa: A002 - the PLOVER field name
        str | None, Query(max_length=40, description="PLOVER event type, e.g. CONSULT.")
    ] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="Quad class 1-4.")] = None,
    since: Annotated[
        str | None, Query(max_length=10, description="First date, YYYY[-MM[-DD]], inclusive.")
    ] = None,
    until: Annotated[
        str | None, Query(max_length=10, description="Last date, YYYY[-MM[-DD]], inclusive.")
    ] = None,
    text: Annotated[
        str | None, Query(max_length=500, description="Words that must all occur in the sentence.")
    ] = None,
    doc_id: Annotated[
        str | None, Query(max_length=500, description="Only events of this document.")
    ] = None,
    cluster_id: Annotated[
        int | None, Query(ge=0, le=MAX_ID, description="Only events of this cluster.")
    ] = None,
) -> EventQuery:
    """The :class:`EventQuery` of the request's filters (no paging)."""
    return EventQuery(
        actor=_code(actor),
        source_actor=_code(source_actor),
        target_actor=_code(target_actor),
        type=_code(type),
        quad=quad,
        since=check_date(since, name="since"),
        until=check_date(until, name="until"),
        text=(text or "").strip() or None,
        doc_id=doc_id or None,
        cluster_id=cluster_id,
    )


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Skip this many first.")]
