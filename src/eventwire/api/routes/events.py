"""``GET /api/events`` and ``GET /api/events/{event_id}``."""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from eventwire.api.errors import ApiError
from eventwire.api.models import ERRORS, EventOut, EventPage
from eventwire.api.params import Limit, Offset, SortKey, event_query
from eventwire.api.security import require_read_key
from eventwire.api.state import state_of
from eventwire.store import EventQuery, Store, analytics

router = APIRouter(prefix="/api", tags=["events"], dependencies=[Depends(require_read_key)])


@router.get(
    "/events",
    response_model=EventPage,
    summary="Query events",
    description="The stored events matching every filter given (the filters of "
    "`eventwire events`), one page at a time, sorted by `sort` (`-` first for descending).",
    responses=ERRORS,
)
async def list_events(
    request: Request,
    query: Annotated[EventQuery, Depends(event_query)],
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Annotated[SortKey, Query(description="Sort key; `-date` is newest first.")] = "id",
    count: Annotated[bool, Query(description="Count every match for `total`.")] = True,
) -> Response:
    """One page of matching events and, unless ``count=false``, how many match in all.

    The records come out of the store already in the documented shape, so they are
    written out directly rather than validated again (the hot path of the server).
    """
    paged = dataclasses.replace(query, limit=limit, offset=offset)
    limit_ms = state_of(request).settings.count_time_limit_ms

    def work(store: Store) -> bytes:
        total = store.count_events_within(query, time_limit_ms=limit_ms) if count else None
        found = analytics.events_sorted(store, paged, sort=sort)
        page = {"total": total, "limit": limit, "offset": offset, "sort": sort, "events": found}
        return json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    body = await state_of(request).read(work)
    return Response(body, media_type="application/json")


@router.get(
    "/events/{event_id}",
    response_model=EventOut,
    summary="One event",
    description="One stored event by its `event_id` (`doc_id:sentence:token`).",
    responses=ERRORS,
)
async def get_event(request: Request, event_id: str) -> dict[str, Any]:
    """The event, or 404."""
    found = await state_of(request).read(lambda store: analytics.event(store, event_id))
    if found is None:
        raise ApiError(404, "NotFound", f"no event {event_id[:200]!r}")
    return found
