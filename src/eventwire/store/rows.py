"""Records to rows and back (no SQL here).

The ``record`` column holds ``Event.model_dump(mode="json")``: every field, actor offsets
included, so a stored event can be rebuilt exactly and fields added to the model later are
kept. :func:`spec_dict` turns it back into exactly ``Event.to_json_dict()``.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from eventwire.model import Actor, Event, Place

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "doc_id",
    "sentence_index",
    "sentence_start",
    "sentence_end",
    "sentence_text",
    "trigger",
    "type",
    "mode",
    "context",
    "cameo",
    "goldstein",
    "quad_class",
    "date",
    "date_text",
    "month",
    "location_text",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "negated",
    "modality",
    "attributed_to",
    "confidence",
    "place_id",
    "cluster_id",
    "record",
)

ACTOR_COLUMNS: tuple[str, ...] = (
    "event_rowid",
    "side",
    "position",
    "text",
    "country",
    "sector",
    "name",
    "role",
    "start",
    '"end"',
    "type",
    "quad_class",
)


def month_of(date: str | None) -> str | None:
    """``YYYY-MM`` of a ``YYYY-MM-DD`` or ``YYYY-MM`` date; None for a year or no date."""
    if date is None or len(date) < 7:
        return None
    return date[:7]


def record_json(event: Event) -> str:
    """The full record as stored in the ``record`` column."""
    return event.model_dump_json()


@functools.lru_cache(maxsize=4096)
def _context_json(context: tuple[str, ...]) -> str:
    return json.dumps(list(context), ensure_ascii=False)


def event_row(
    event: Event, *, record: str, place_id: int | None, cluster_id: int | None
) -> tuple[Any, ...]:
    """The values of :data:`EVENT_COLUMNS` for ``event``."""
    loc = event.location
    return (
        event.event_id,
        event.doc_id,
        event.sentence.index,
        event.sentence.start,
        event.sentence.end,
        event.sentence.text,
        event.trigger,
        event.type,
        event.mode,
        _context_json(tuple(event.context)),
        event.cameo,
        event.goldstein,
        event.quad_class,
        event.date,
        event.date_text,
        month_of(event.date),
        loc.text if loc else None,
        loc.name if loc else None,
        loc.country if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        int(event.negated),
        event.modality,
        event.attributed_to,
        event.confidence,
        place_id,
        cluster_id,
        record,
    )


def actor_rows(event: Event, event_rowid: int) -> list[tuple[Any, ...]]:
    """The values of :data:`ACTOR_COLUMNS` for each source and target actor of ``event``."""
    rows = []
    for side, actors in (("source", event.source), ("target", event.target)):
        for position, actor in enumerate(actors):
            rows.append(_actor_row(actor, event_rowid, side, position, event))
    return rows


def _actor_row(
    actor: Actor, event_rowid: int, side: str, position: int, event: Event
) -> tuple[Any, ...]:
    # the event's type and quad class are repeated here so an actor filter with them is
    # answered from one index (migration 2)
    return (
        event_rowid,
        side,
        position,
        actor.text,
        actor.country,
        actor.sector,
        actor.name,
        actor.role,
        actor.start,
        actor.end,
        event.type,
        event.quad_class,
    )


def place_key(place: Place) -> str:
    """The identity of a place in the ``places`` table."""
    return json.dumps([place.name, place.country, place.lat, place.lon], ensure_ascii=False)


def spec_dict(record: str) -> dict[str, Any]:
    """The SPEC record dict (``Event.to_json_dict()``) of a stored ``record`` column."""
    out: dict[str, Any] = json.loads(record)
    for side in ("source", "target"):
        out[side] = [
            {k: v for k, v in actor.items() if k not in ("start", "end")} for actor in out[side]
        ]
    return out


def event_of(record: str) -> Event:
    """Rebuild the stored :class:`Event` from its ``record`` column."""
    return Event.model_validate_json(record)


def countries(actors: list[Actor]) -> list[str]:
    """The sorted distinct actor countries of one side."""
    return sorted({actor.country for actor in actors if actor.country})
