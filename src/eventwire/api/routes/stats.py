"""``GET /api/actors``, ``GET /api/stats`` and ``GET /api/export``."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from eventwire.api.models import ERRORS, ActorList, Stats
from eventwire.api.params import MAX_OFFSET, event_query
from eventwire.api.security import require_read_key
from eventwire.api.state import state_of
from eventwire.store import EventQuery, Store, analytics

router = APIRouter(prefix="/api", tags=["stats"], dependencies=[Depends(require_read_key)])

MEDIA = {
    "csv": ("text/csv; charset=utf-8", "events.csv"),
    "jsonl": ("application/x-ndjson", "events.jsonl"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", "events.gdelt.tsv"),
    "parquet": ("application/zip", "events-parquet.zip"),
}


@router.get(
    "/actors",
    response_model=ActorList,
    summary="Actor codes",
    description="Actor country and organisation codes with how many events they take part "
    "in (on either side, as source, as target) and their most frequent names.",
    responses=ERRORS,
)
async def list_actors(
    request: Request,
    q: Annotated[
        str | None, Query(max_length=100, description="Code prefix or part of a name.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="At most this many.")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Skip this many.")] = 0,
) -> dict[str, Any]:
    """Actors, most events first."""
    words = (q or "").strip() or None
    found = await state_of(request).read(
        lambda store: analytics.actors(store, q=words, limit=limit, offset=offset)
    )
    return {"actors": found}


def stats_of(store: Store, query: EventQuery, *, dyads: int) -> dict[str, Any]:
    """Every count of ``GET /api/stats`` for ``query``."""
    totals = store.stats()
    return {
        "events": store.count_events(query),
        "dated": analytics.counts_undated(store, query),
        "store": {k: v for k, v in totals.items() if k != "size_bytes"},
        "by_day": analytics.counts_by_day(store, query),
        "by_type": analytics.counts_by_type(store, query),
        "by_quad": analytics.counts_by_quad(store, query),
        "dyads": analytics.dyads(store, query, limit=dyads),
    }


@router.get(
    "/stats",
    response_model=Stats,
    summary="Counts by day, type, quad class and dyad",
    description="Counts of the events matching the filters: per day and quad class (events "
    "dated to the day), per PLOVER type, per quad class, and the busiest source→target "
    "actor pairs with their mean Goldstein score.",
    responses=ERRORS,
)
async def get_stats(
    request: Request,
    query: Annotated[EventQuery, Depends(event_query)],
    dyads: Annotated[int, Query(ge=0, le=1000, description="At most this many dyads.")] = 100,
) -> dict[str, Any]:
    """The counts."""
    return await state_of(request).read(lambda store: stats_of(store, query, dyads=dyads))


def _export(store: Store, fmt: str, query: EventQuery, folder: Path) -> Path:
    from eventwire.export import export_events

    if fmt != "parquet":
        out = folder / MEDIA[fmt][1]
        export_events(store, fmt=fmt, out=out, query=query)  # type: ignore[arg-type]
        return out
    export_events(store, fmt="parquet", out=folder / "events", query=query)
    archive = folder / MEDIA[fmt][1]
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zipped:
        for part in sorted((folder / "events").rglob("*.parquet")):
            zipped.write(part, part.relative_to(folder / "events").as_posix())
    return archive


@router.get(
    "/export",
    summary="Export events",
    description="The matching events as a file: `csv`, `jsonl`, `gdelt` (GDELT 2.0 event "
    "table TSV, one row per cluster) or `parquet` (a zip of `month=YYYY-MM/part-0.parquet`).",
    responses={
        **ERRORS,
        200: {
            "description": "The export file.",
            "content": {media: {} for media, _ in MEDIA.values()},
        },
    },
    response_class=FileResponse,
)
async def export(
    request: Request,
    query: Annotated[EventQuery, Depends(event_query)],
    format: Annotated[  # noqa: A002 - the query parameter's name
        Literal["csv", "jsonl", "gdelt", "parquet"], Query(description="File format.")
    ] = "jsonl",
    limit: Annotated[
        int | None, Query(ge=1, le=10_000_000, description="At most this many events.")
    ] = None,
) -> FileResponse:
    """Write the export to a temporary folder and send it; the folder goes afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="eventwire-export-"))
    paged = dataclasses.replace(query, limit=limit)
    try:
        path = await state_of(request).read(lambda store: _export(store, format, paged, folder))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    media, name = MEDIA[format]
    return FileResponse(
        path,
        media_type=media,
        filename=name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
