"""People, named things and claims across articles: ``/api/people``, ``/api/things``,
``/api/claims`` (what ``eventwire ingest`` stores when the ``relate`` setting is on)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from eventwire.api.errors import ApiError
from eventwire.api.models import (
    ERRORS,
    ClaimPage,
    ClaimStatus,
    PersonOut,
    PersonPage,
    ThingCategory,
    ThingOut,
    ThingPage,
)
from eventwire.api.params import MAX_ID, Limit, Offset, check_date
from eventwire.api.security import require_read_key
from eventwire.api.state import state_of
from eventwire.store import Store

router = APIRouter(prefix="/api", dependencies=[Depends(require_read_key)])

CATEGORIES: tuple[str, ...] = ("agreement", "policy", "operation", "weapon", "organisation")
STATUSES: tuple[str, ...] = ("asserted", "unverified", "confirmed", "denied")

Name = Annotated[
    str | None,
    Query(
        max_length=200, description="Words of the name, in any order (case and accents ignored)."
    ),
]
Country = Annotated[
    str | None, Query(max_length=40, description="Country or organisation code, e.g. USA.")
]
PersonId = Annotated[int, Path(ge=0, le=MAX_ID, description="The stored person's id.")]
ThingId = Annotated[int, Path(ge=0, le=MAX_ID, description="The stored thing's id.")]


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None


def _name(value: str | None) -> str | None:
    """Name words: ``%``, ``_`` and ``\\`` are punctuation here, never LIKE wildcards."""
    return _clean((value or "").translate(_NOT_NAME))


_NOT_NAME = str.maketrans({c: " " for c in "%_\\"})


def people_filters(
    name: str | None = None, country: str | None = None, role: str | None = None
) -> dict[str, str | None]:
    """The keyword arguments of ``Store.people`` for the given filters (blank is none)."""
    code = _clean(country)
    return {"name": _name(name), "country": code.upper() if code else None, "role": _clean(role)}


def thing_filters(
    name: str | None = None, category: str | None = None, party: str | None = None
) -> dict[str, str | None]:
    """The keyword arguments of ``Store.things``; an unknown category is a 422."""
    kind = _clean(category)
    if kind is not None and kind not in CATEGORIES:
        raise ApiError(422, "ValidationError", f"category: one of {', '.join(CATEGORIES)}")
    code = _clean(party)
    return {"name": _name(name), "category": kind, "party": code.upper() if code else None}


def claim_filters(
    status: str | None = None,
    claimant: str | None = None,
    country: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, str | None]:
    """The keyword arguments of ``Store.claims``; bad statuses and dates are a 422.

    ``since``/``until`` may be a day, a month or a year (the store applies the events' date
    rule: a claim matches when the period its date names overlaps the range).
    """
    state = _clean(status)
    if state is not None and state not in STATUSES:
        raise ApiError(422, "ValidationError", f"status: one of {', '.join(STATUSES)}")
    return {
        "status": state,
        "claimant": _clean(claimant),
        "country": (_clean(country) or "").upper() or None,
        "about": (_clean(about) or "").upper() or None,
        "since": check_date(_clean(since), name="since"),
        "until": check_date(_clean(until), name="until"),
    }


def _page_of(
    what: str, count: Callable[..., int], fetch: Callable[..., list[dict[str, Any]]]
) -> Callable[[Store, dict[str, Any], int, int], dict[str, Any]]:
    def page(store: Store, filters: dict[str, Any], limit: int, offset: int) -> dict[str, Any]:
        return {
            "total": count(store, **filters),
            "limit": limit,
            "offset": offset,
            what: fetch(store, **filters, limit=limit, offset=offset),
        }

    page.__doc__ = f"One page of {what} and how many match."
    return page


people_page = _page_of("people", Store.count_people, Store.people)
things_page = _page_of("things", Store.count_things, Store.things)
claims_page = _page_of("claims", Store.count_claims, Store.claims)


@router.get(
    "/people",
    response_model=PersonPage,
    tags=["people"],
    summary="List people",
    description="People named in the stored articles, one identity across articles (matched "
    "by name and country), most often named first, with the role the latest article gave.",
    responses=ERRORS,
)
async def list_people(
    request: Request,
    name: Name = None,
    country: Country = None,
    role: Annotated[
        str | None, Query(max_length=200, description="Text within any role they were given.")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """One page of people matching every filter."""
    filters = people_filters(name, country, role)
    return await state_of(request).read(lambda store: people_page(store, filters, limit, offset))


@router.get(
    "/people/{person_id}",
    response_model=PersonOut,
    tags=["people"],
    summary="One person",
    description="A person with every role the articles gave them over time (first and last "
    "seen, status, since/until where a text said), the articles, their events and quotes.",
    responses=ERRORS,
)
async def get_person(request: Request, person_id: PersonId) -> dict[str, Any]:
    """The person, or 404."""
    found = await state_of(request).read(lambda store: store.person(person_id))
    if found is None:
        raise ApiError(404, "NotFound", f"no person {person_id}")
    return found


@router.get(
    "/things",
    response_model=ThingPage,
    tags=["things"],
    summary="List named things",
    description="Agreements, policies, operations, weapons and organisations named in the "
    "stored articles, one identity across articles, most often named first.",
    responses=ERRORS,
)
async def list_things(
    request: Request,
    name: Annotated[
        str | None,
        Query(max_length=200, description="Words of a name, acronym or expansion, any order."),
    ] = None,
    category: Annotated[ThingCategory | None, Query(description="What kind of thing.")] = None,
    party: Annotated[
        str | None,
        Query(max_length=40, description="A country or organisation code among its parties."),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """One page of things matching every filter."""
    filters = thing_filters(name, category, party)
    return await state_of(request).read(lambda store: things_page(store, filters, limit, offset))


@router.get(
    "/things/{thing_id}",
    response_model=ThingOut,
    tags=["things"],
    summary="One named thing",
    description="A thing with its parties (and how many articles name each), its lifecycle "
    "(proposed, signed, extended, suspended, withdrawn, violated) in date order with the "
    "sentence and event of each step, and the articles.",
    responses=ERRORS,
)
async def get_thing(request: Request, thing_id: ThingId) -> dict[str, Any]:
    """The thing, or 404."""
    found = await state_of(request).read(lambda store: store.thing(thing_id))
    if found is None:
        raise ApiError(404, "NotFound", f"no thing {thing_id}")
    return found


@router.get(
    "/claims",
    response_model=ClaimPage,
    tags=["claims"],
    summary="List claims",
    description="What claimants said was so, newest first, each with its verification status: "
    "`asserted`, `unverified`, or `confirmed`/`denied` by `status_by`.",
    responses=ERRORS,
)
async def list_claims(
    request: Request,
    status: Annotated[ClaimStatus | None, Query(description="Verification status.")] = None,
    claimant: Annotated[
        str | None, Query(max_length=200, description="Text within the claimant's name.")
    ] = None,
    country: Annotated[
        str | None, Query(max_length=40, description="The claimant's country code.")
    ] = None,
    about: Annotated[
        str | None, Query(max_length=40, description="A country code the claim is about.")
    ] = None,
    since: Annotated[
        str | None,
        Query(
            max_length=10, description="First date, YYYY[-MM[-DD]] (event date, else publication)."
        ),
    ] = None,
    until: Annotated[
        str | None, Query(max_length=10, description="Last date, YYYY[-MM[-DD]], inclusive.")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """One page of claims matching every filter."""
    filters = claim_filters(status, claimant, country, about, since, until)
    return await state_of(request).read(lambda store: claims_page(store, filters, limit, offset))
