"""Inserting events: one at a time for ``put``, and in bulk for archives and benchmarks."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from eventwire.errors import StoreError
from eventwire.model import Document, Event, Place
from eventwire.store import dedupe, rows

_EVENT_SQL = (
    f"INSERT INTO events (id, {', '.join(rows.EVENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * (len(rows.EVENT_COLUMNS) + 1))})"
)
_DOCUMENT_SQL = (
    "INSERT INTO documents (doc_id, doc_key, url, title, published, source, content_hash, "
    "ingested_at, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_ACTOR_SQL = (
    f"INSERT INTO event_actors ({', '.join(rows.ACTOR_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(rows.ACTOR_COLUMNS))})"
)


class Places:
    """Place ids by place key, cached for the length of one transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.ids: dict[tuple[str | None, str | None, float | None, float | None], int] = {}

    def id_of(self, place: Place | None) -> int | None:
        """The ``places`` row of ``place``, inserted when new; None for no place."""
        if place is None:
            return None
        cache_key = (place.name, place.country, place.lat, place.lon)
        found = self.ids.get(cache_key)
        if found is None:
            key = rows.place_key(place)
            self.conn.execute(
                "INSERT OR IGNORE INTO places (place_key, name, country, lat, lon) "
                "VALUES (?, ?, ?, ?, ?)",
                (key, place.name, place.country, place.lat, place.lon),
            )
            found = int(
                self.conn.execute(
                    "SELECT place_id FROM places WHERE place_key = ?", (key,)
                ).fetchone()[0]
            )
            self.ids[cache_key] = found
        return found


def _next_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM events").fetchone()[0])


def insert_events(
    conn: sqlite3.Connection,
    events: Sequence[Event],
    *,
    cluster: Callable[[Event], int],
) -> set[int]:
    """Insert ``events`` with their actors and places; return the clusters they joined.

    ``cluster`` is called for each event, in order, before it is inserted.
    """
    places = Places(conn)
    joined: set[int] = set()
    next_id = _next_id(conn)
    for offset, event in enumerate(events):
        cluster_id = cluster(event)
        joined.add(cluster_id)
        rowid = next_id + offset
        conn.execute(
            _EVENT_SQL,
            (
                rowid,
                *rows.event_row(
                    event,
                    record=rows.record_json(event),
                    place_id=places.id_of(event.location),
                    cluster_id=cluster_id,
                ),
            ),
        )
        conn.executemany(_ACTOR_SQL, rows.actor_rows(event, rowid))
    return joined


@dataclass
class _Tally:
    cluster_id: int
    row: tuple[object, ...]
    keys: Sequence[tuple[object, ...]]
    mentions: int = 0
    articles: int = 0
    last_doc: str | None = None
    sources: set[str] = field(default_factory=set)
    published_min: str | None = None
    published_max: str | None = None


def _drop_secondary(conn: sqlite3.Connection) -> list[str]:
    """Drop the event indexes and the FTS insert trigger; return the SQL to restore them.

    Building an index once after the load is much faster than updating it row by row.
    """
    found = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
        "(type = 'index' AND tbl_name IN ('events', 'event_actors')) "
        "OR (type = 'trigger' AND name = 'events_fts_insert'))"
    ).fetchall()
    saved = []
    for kind, name, sql in found:
        conn.execute(f'DROP {"TRIGGER" if kind == "trigger" else "INDEX"} "{name}"')
        saved.append(str(sql))
    return saved


def bulk_load(
    conn: sqlite3.Connection,
    items: Iterable[tuple[Document, Sequence[Event]]],
    *,
    source: Callable[[Document], str],
    stamp: str,
    chunk: int = 20_000,
) -> tuple[int, int]:
    """Insert new documents and their events fast, inside the caller's transaction.

    No lookups, no near-duplicate signatures, and clusters only within the batch, by exact
    key (type, source countries, target countries, date, place country). Into an empty
    store, indexes and the full-text index are built once at the end. Returns
    ``(documents, events)``.

    Raises:
        StoreError: a document key or id is already stored.
    """
    fresh = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM events)").fetchone()[0] == 1
    saved = _drop_secondary(conn) if fresh else []
    places = Places(conn)
    next_id = _next_id(conn)
    next_cluster = int(
        conn.execute("SELECT COALESCE(MAX(cluster_id), 0) + 1 FROM clusters").fetchone()[0]
    )
    tallies: dict[tuple[object, ...], _Tally] = {}
    doc_buf: list[tuple[object, ...]] = []
    event_buf: list[tuple[object, ...]] = []
    actor_buf: list[tuple[object, ...]] = []
    n_docs = n_events = 0

    pending: list[_Tally] = []

    def flush() -> None:
        conn.executemany(
            "INSERT INTO clusters (cluster_id, type, date, country, source_countries, "
            "target_countries, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [t.row for t in pending],
        )
        conn.executemany(
            "INSERT INTO cluster_keys (type, side, country, cluster_id) VALUES (?, ?, ?, ?)",
            sorted(key for t in pending for key in t.keys),
        )
        pending.clear()
        try:
            conn.executemany(_DOCUMENT_SQL, doc_buf)
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"a document of this load is already stored: {exc}") from exc
        conn.executemany(_EVENT_SQL, event_buf)
        conn.executemany(_ACTOR_SQL, actor_buf)
        doc_buf.clear()
        event_buf.clear()
        actor_buf.clear()

    for doc, events in items:
        outlet = source(doc)
        doc_buf.append(
            (
                doc.id,
                dedupe.document_key(doc_id=doc.id, url=doc.url),
                doc.url,
                doc.title,
                doc.published,
                outlet,
                dedupe.content_hash(doc.text),
                stamp,
                doc.text,
            )
        )
        n_docs += 1
        for event in events:
            src, tgt = rows.countries(event.source), rows.countries(event.target)
            place = event.location.country if event.location else None
            key = (event.type, tuple(src), tuple(tgt), event.date, place)
            tally = tallies.get(key)
            if tally is None:
                cid = next_cluster
                next_cluster += 1
                tally = _Tally(
                    cid,
                    (
                        cid,
                        event.type,
                        event.date,
                        place,
                        ";".join(src),
                        ";".join(tgt),
                        stamp,
                        stamp,
                    ),
                    [(event.type, "source", c, cid) for c in src]
                    + [(event.type, "target", c, cid) for c in tgt],
                )
                tallies[key] = tally
                pending.append(tally)
            tally.mentions += 1
            if tally.last_doc != doc.id:  # a document's events arrive together
                tally.articles += 1
                tally.last_doc = doc.id
            tally.sources.add(outlet)
            if doc.published:
                if tally.published_min is None or doc.published < tally.published_min:
                    tally.published_min = doc.published
                if tally.published_max is None or doc.published > tally.published_max:
                    tally.published_max = doc.published
            event_buf.append(
                (
                    next_id,
                    *rows.event_row(
                        event,
                        record=rows.record_json(event),
                        place_id=places.id_of(event.location),
                        cluster_id=tally.cluster_id,
                    ),
                )
            )
            actor_buf.extend(rows.actor_rows(event, next_id))
            next_id += 1
            n_events += 1
        if len(event_buf) >= chunk:
            flush()
    flush()
    conn.executemany(
        "UPDATE clusters SET num_mentions = ?, num_articles = ?, num_sources = ?, "
        "published_min = ?, published_max = ? WHERE cluster_id = ?",
        [
            (
                t.mentions,
                t.articles,
                len(t.sources),
                t.published_min,
                t.published_max,
                t.cluster_id,
            )
            for t in tallies.values()
        ],
    )
    for sql in saved:
        conn.execute(sql)
    if fresh:
        conn.execute("INSERT INTO events_fts (events_fts) VALUES ('rebuild')")
    return n_docs, n_events
