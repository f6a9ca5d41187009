"""The web UI: events table, article view, timeline, dyad network, article search, people,
named things, claims, API docs.

Pages are rendered on the server (Jinja2, autoescaped) from the same store queries as the
API. Filter forms submit every field, empty ones included, so the filters are read here
leniently (an empty field is no filter) and then checked exactly as the API checks them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from eventwire.api import spans
from eventwire.api.errors import ApiError
from eventwire.api.params import MAX_ID, MAX_LIMIT, MAX_OFFSET, event_query
from eventwire.api.routes.documents import document_view
from eventwire.api.routes.related import (
    CATEGORIES,
    STATUSES,
    claim_filters,
    claims_page,
    people_filters,
    people_page,
    thing_filters,
    things_page,
)
from eventwire.api.security import require_read_key
from eventwire.api.state import state_of
from eventwire.store import EventQuery, Store, analytics
from eventwire.web import charts, render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_read_key)])

FILTERS = ("actor", "source_actor", "target_actor", "type", "quad", "since", "until", "text")
PAGE_SIZE = 50
SORTABLE = ("date", "type", "quad", "goldstein", "confidence", "doc")


def _int(value: str | None, *, name: str, low: int, high: int) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        number = int(value.strip())
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise ApiError(422, "ValidationError", f"{name}: give a whole number {low}-{high}")
    return number


def _text(value: str | None, *, name: str, max_length: int) -> str | None:
    value = (value or "").strip()
    if len(value) > max_length:
        raise ApiError(422, "ValidationError", f"{name}: at most {max_length} characters")
    return value or None


def page_filters(request: Request) -> tuple[EventQuery, dict[str, str]]:
    """The event filters of a page's query string, and the non-empty ones as given."""
    params = request.query_params
    given = {name: params[name].strip() for name in FILTERS if params.get(name, "").strip()}
    query = event_query(
        actor=_text(params.get("actor"), name="actor", max_length=40),
        source_actor=_text(params.get("source_actor"), name="source_actor", max_length=40),
        target_actor=_text(params.get("target_actor"), name="target_actor", max_length=40),
        type=_text(params.get("type"), name="type", max_length=40),
        quad=_int(params.get("quad"), name="quad", low=1, high=4),
        since=_text(params.get("since"), name="since", max_length=10),
        until=_text(params.get("until"), name="until", max_length=10),
        text=_text(params.get("text"), name="text", max_length=500),
    )
    return query, given


def _page(name: str, request: Request, **context: Any) -> HTMLResponse:
    return HTMLResponse(render.page(name, request=request, **context))


def _choices(store: Store) -> dict[str, Any]:
    return {
        "actor_codes": [a["country"] for a in analytics.actors(store, limit=300)],
        "types": analytics.event_types(store),
    }


@router.get("/", response_class=HTMLResponse)
async def events_page(request: Request) -> HTMLResponse:
    """The events table: filters, sortable columns, pages; each row links to its article."""
    query, given = page_filters(request)
    params = request.query_params
    sort = params.get("sort", "-date")
    if sort.removeprefix("-") not in SORTABLE:
        sort = "-date"
    offset = _int(params.get("offset"), name="offset", low=0, high=MAX_OFFSET) or 0
    size = _int(params.get("limit"), name="limit", low=1, high=MAX_LIMIT) or PAGE_SIZE
    paged = dataclasses.replace(query, limit=size, offset=offset)

    def work(store: Store) -> dict[str, Any]:
        return {
            "total": store.count_events(query),
            "events": analytics.events_sorted(store, paged, sort=sort),
            **_choices(store),
        }

    data = await state_of(request).read(work)
    return _page(
        "events.html",
        request,
        title="Events",
        filters=given,
        sort=sort,
        sortable=SORTABLE,
        offset=offset,
        size=size,
        **data,
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
async def document_page(request: Request, doc_id: str) -> HTMLResponse:
    """An article with each event's sentence, trigger and actors marked, records beside it."""

    def work(store: Store) -> dict[str, Any] | None:
        view = document_view(store, doc_id)
        if view is not None:
            view["_people"] = store.document_people(doc_id)
            view["_things"] = store.document_things(doc_id)
        return view

    found = await state_of(request).read(work)
    if found is None:
        raise ApiError(404, "NotFound", f"no document {doc_id[:200]!r}", doc_id=doc_id[:200])
    marks = [mark for marks in found["_spans"] for mark in marks]
    return _page(
        "document.html",
        request,
        title=found.get("title") or found["doc_id"],
        doc=found,
        segments=spans.segments(str(found["text"]), marks),
        events=found["events"],
        people=found["_people"],
        things=found["_things"],
    )


@router.get("/timeline", response_class=HTMLResponse)
async def timeline_page(request: Request) -> HTMLResponse:
    """Events per day (or month, or year) by quad class, as stacked bars."""
    query, given = page_filters(request)

    def work(store: Store) -> dict[str, Any]:
        return {
            "rows": analytics.counts_by_day(store, query),
            "dated": analytics.counts_undated(store, query),
            **_choices(store),
        }

    data = await state_of(request).read(work)
    return _page(
        "timeline.html",
        request,
        title="Timeline",
        filters=given,
        chart=charts.timeline(data.pop("rows")),
        colours=charts.QUAD_COLOURS,
        **data,
    )


@router.get("/network", response_class=HTMLResponse)
async def network_page(request: Request) -> HTMLResponse:
    """Actors as nodes, events as directed edges weighted by count and Goldstein score."""
    query, given = page_filters(request)

    def work(store: Store) -> dict[str, Any]:
        return {"dyads": analytics.dyads(store, query, limit=120), **_choices(store)}

    data = await state_of(request).read(work)
    return _page(
        "network.html",
        request,
        title="Dyad network",
        filters=given,
        chart=charts.network(data["dyads"]),
        **data,
    )


@router.get("/search", response_class=HTMLResponse)
async def search_page(request: Request) -> HTMLResponse:
    """Articles whose title or text contains every word of ``q``."""
    words = _text(request.query_params.get("q"), name="q", max_length=200) or ""
    offset = _int(request.query_params.get("offset"), name="offset", low=0, high=MAX_OFFSET) or 0
    total: int = 0
    found: list[dict[str, Any]] = []
    if words:
        total, found = await state_of(request).read(
            lambda store: analytics.search_documents(store, words, limit=PAGE_SIZE, offset=offset)
        )
    return _page(
        "search.html",
        request,
        title="Search",
        q=words,
        total=total,
        documents=found,
        offset=offset,
        size=PAGE_SIZE,
    )


def _paging(request: Request) -> tuple[int, int]:
    params = request.query_params
    offset = _int(params.get("offset"), name="offset", low=0, high=MAX_OFFSET) or 0
    size = _int(params.get("limit"), name="limit", low=1, high=MAX_LIMIT) or PAGE_SIZE
    return offset, size


def _given(request: Request, names: tuple[str, ...]) -> dict[str, str]:
    params = request.query_params
    return {name: params[name].strip() for name in names if params.get(name, "").strip()}


async def _listing_page(
    request: Request,
    template: str,
    title: str,
    fields: dict[str, int],
    make_filters: Callable[..., dict[str, Any]],
    fetch: Callable[[Store, dict[str, Any], int, int], dict[str, Any]],
    **extra: Any,
) -> HTMLResponse:
    """A filtered, paged list page: ``fields`` are the query parameters and their max lengths."""
    params = request.query_params
    filters = make_filters(
        **{name: _text(params.get(name), name=name, max_length=m) for name, m in fields.items()}
    )
    offset, size = _paging(request)
    data = await state_of(request).read(lambda store: fetch(store, filters, size, offset))
    return _page(
        template,
        request,
        title=title,
        filters=_given(request, tuple(fields)),
        size=size,
        **extra,
        **data,
    )


async def _detail_page(
    request: Request, template: str, what: str, key: int, fetch: Callable[[Store], Any]
) -> HTMLResponse:
    """A page about one stored person or thing; 404 in the one error shape when missing."""
    found = await state_of(request).read(fetch)
    if found is None:
        raise ApiError(404, "NotFound", f"no {what} {key}")
    return _page(template, request, title=found["name"], **{what: found})


@router.get("/people", response_class=HTMLResponse)
async def people_list_page(request: Request) -> HTMLResponse:
    """People named in the articles: name, country, latest role, articles, events."""
    fields = {"name": 200, "country": 40, "role": 200}
    return await _listing_page(
        request, "people.html", "People", fields, people_filters, people_page
    )


@router.get("/people/{person_id}", response_class=HTMLResponse)
async def person_page(
    request: Request, person_id: Annotated[int, Path(ge=0, le=MAX_ID)]
) -> HTMLResponse:
    """One person: names, roles over time, articles, events and quotes."""
    return await _detail_page(
        request, "person.html", "person", person_id, lambda store: store.person(person_id)
    )


@router.get("/things", response_class=HTMLResponse)
async def things_list_page(request: Request) -> HTMLResponse:
    """Named agreements, policies, operations, weapons and organisations."""
    fields = {"name": 200, "category": 40, "party": 40}
    return await _listing_page(
        request,
        "things.html",
        "Named things",
        fields,
        thing_filters,
        things_page,
        categories=CATEGORIES,
    )


@router.get("/things/{thing_id}", response_class=HTMLResponse)
async def thing_page(
    request: Request, thing_id: Annotated[int, Path(ge=0, le=MAX_ID)]
) -> HTMLResponse:
    """One named thing: parties, lifecycle in date order, articles."""
    return await _detail_page(
        request, "thing.html", "thing", thing_id, lambda store: store.thing(thing_id)
    )


@router.get("/claims", response_class=HTMLResponse)
async def claims_list_page(request: Request) -> HTMLResponse:
    """Claims with their verification status, newest first."""
    fields = {"status": 20, "claimant": 200, "country": 40, "about": 40, "since": 10, "until": 10}
    return await _listing_page(
        request, "claims.html", "Claims", fields, claim_filters, claims_page, statuses=STATUSES
    )


@router.get("/docs", response_class=HTMLResponse)
async def docs_page(request: Request) -> HTMLResponse:
    """Swagger UI over ``/openapi.json``, from files served locally."""
    return _page("docs.html", request, title="API docs")
