"""Cross-article event clusters: many mentions of one real-world event.

An event joins the oldest existing cluster that has

- the same PLOVER type;
- overlapping actor countries on the source side and on the target side (a side with no
  country matches only a side with none); for the symmetric types (``CONSULT``, ``AGREE``,
  ``COOPERATE``) the sides may be swapped, since "A met B" and "B met A" are one meeting;
- compatible dates: equal, or one contains the other by precision (``2022-11`` contains
  ``2022-11-13``). When either date is null they are compatible only if the event's document
  and all of the cluster's documents were published within two days of one another;
- a compatible place: the same location country, or either missing.

A cluster keeps the actor countries it was founded on (so it cannot drift) and the most
precise date it has seen. Counts are derived from the stored rows on every write:
``num_mentions`` = events, ``num_articles`` = distinct documents with events in it,
``num_sources`` = distinct sources among those documents *and their stored near-duplicates*
(a syndicated copy adds its outlet, not its events).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from eventwire.model import Event
from eventwire.store.rows import countries

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
PUBLISHED_WINDOW_DAYS = 2

_COLUMNS = (
    "cluster_id, date, country, source_countries, target_countries, published_min, published_max"
)


def dates_compatible(a: str, b: str) -> bool:
    """True when two dates are equal or one contains the other (``2022-11`` ⊇ ``2022-11-13``)."""
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def _day(value: str | None) -> dt.date | None:
    if value is None or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _published_close(published: str | None, low: str | None, high: str | None) -> bool:
    day, first, last = _day(published), _day(low), _day(high)
    if day is None or first is None or last is None:
        return False
    return max(abs((day - first).days), abs((day - last).days)) <= PUBLISHED_WINDOW_DAYS


def _overlap(ours: list[str], theirs: str) -> bool:
    other = set(theirs.split(";")) if theirs else set()
    return bool(set(ours) & other) if ours else not other


def _sides_match(event: Event, src: list[str], tgt: list[str], row: sqlite3.Row) -> bool:
    if _overlap(src, row["source_countries"]) and _overlap(tgt, row["target_countries"]):
        return True
    return (
        event.type in SYMMETRIC_TYPES
        and _overlap(src, row["target_countries"])
        and _overlap(tgt, row["source_countries"])
    )


def _candidates(
    conn: sqlite3.Connection, event: Event, src: list[str], tgt: list[str]
) -> list[sqlite3.Row]:
    def keyed(side: str, values: list[str]) -> tuple[str, list[str]]:
        marks = ",".join("?" * len(values))
        return (
            f"SELECT cluster_id FROM cluster_keys WHERE type = ? AND side = ? "
            f"AND country IN ({marks})",
            [event.type, side, *values],
        )

    if src and tgt:
        parts = [keyed("source", src), keyed("target", tgt)]
        sql = f"{parts[0][0]} INTERSECT {parts[1][0]}"
        args = parts[0][1] + parts[1][1]
        if event.type in SYMMETRIC_TYPES:
            swapped = [keyed("target", src), keyed("source", tgt)]
            sql = f"{sql} UNION SELECT * FROM ({swapped[0][0]} INTERSECT {swapped[1][0]})"
            args += swapped[0][1] + swapped[1][1]
    elif src or tgt:
        values = src or tgt
        sql, args = keyed("source", values)
        sql = f"{sql} UNION {keyed('target', values)[0]}"
        args += [event.type, "target", *values]
    else:
        sql = (
            "SELECT cluster_id FROM clusters WHERE type = ? "
            "AND source_countries = '' AND target_countries = ''"
        )
        args = [event.type]
    return list(
        conn.execute(
            f"SELECT {_COLUMNS} FROM clusters WHERE cluster_id IN ({sql}) ORDER BY cluster_id",
            args,
        )
    )


def find_cluster(conn: sqlite3.Connection, event: Event, *, published: str | None) -> int | None:
    """The cluster ``event`` (from a document published on ``published``) joins, if any."""
    src, tgt = countries(event.source), countries(event.target)
    place = event.location.country if event.location else None
    for row in _candidates(conn, event, src, tgt):
        if not _sides_match(event, src, tgt, row):
            continue
        if place and row["country"] and place != row["country"]:
            continue
        if event.date and row["date"]:
            if not dates_compatible(event.date, row["date"]):
                continue
        elif not _published_close(published, row["published_min"], row["published_max"]):
            continue
        cluster_id: int = row["cluster_id"]
        _refine(conn, cluster_id, row, event, place)
        return cluster_id
    return None


def _refine(
    conn: sqlite3.Connection, cluster_id: int, row: sqlite3.Row, event: Event, place: str | None
) -> None:
    """Keep the most precise date and a known place country on the cluster."""
    date = row["date"]
    if event.date and (date is None or len(event.date) > len(date)):
        date = event.date
    country = row["country"] or place
    if date != row["date"] or country != row["country"]:
        conn.execute(
            "UPDATE clusters SET date = ?, country = ? WHERE cluster_id = ?",
            (date, country, cluster_id),
        )


def new_cluster(conn: sqlite3.Connection, event: Event, *, published: str | None, seen: str) -> int:
    """Start a cluster founded on ``event``; return its id."""
    src, tgt = countries(event.source), countries(event.target)
    cur = conn.execute(
        "INSERT INTO clusters (type, date, country, source_countries, target_countries, "
        "published_min, published_max, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.type,
            event.date,
            event.location.country if event.location else None,
            ";".join(src),
            ";".join(tgt),
            published,
            published,
            seen,
            seen,
        ),
    )
    cluster_id = cur.lastrowid
    assert cluster_id is not None
    conn.executemany(
        "INSERT INTO cluster_keys (type, side, country, cluster_id) VALUES (?, ?, ?, ?)",
        [(event.type, "source", c, cluster_id) for c in src]
        + [(event.type, "target", c, cluster_id) for c in tgt],
    )
    return cluster_id


def assign_cluster(
    conn: sqlite3.Connection, event: Event, *, published: str | None, seen: str
) -> int:
    """The id of the cluster ``event`` joins, or of a new one it founds."""
    found = find_cluster(conn, event, published=published)
    return found if found is not None else new_cluster(conn, event, published=published, seen=seen)


_RECOUNT = """
WITH docs AS (SELECT DISTINCT doc_id FROM events WHERE cluster_id = :cid),
     outlets AS (
         SELECT d.source FROM documents d JOIN docs ON d.doc_id = docs.doc_id
         UNION
         SELECT d.source FROM documents d JOIN docs ON d.duplicate_of = docs.doc_id
     ),
     stamps AS (
         SELECT d.published, d.ingested_at FROM documents d JOIN docs ON d.doc_id = docs.doc_id
     )
UPDATE clusters SET
    num_mentions = (SELECT COUNT(*) FROM events WHERE cluster_id = :cid),
    num_articles = (SELECT COUNT(*) FROM docs),
    num_sources = (SELECT COUNT(*) FROM outlets),
    published_min = (SELECT MIN(published) FROM stamps),
    published_max = (SELECT MAX(published) FROM stamps),
    first_seen = COALESCE((SELECT MIN(ingested_at) FROM stamps), first_seen),
    last_seen = COALESCE((SELECT MAX(ingested_at) FROM stamps), last_seen)
WHERE cluster_id = :cid
"""


def recount(conn: sqlite3.Connection, cluster_ids: Iterable[int]) -> None:
    """Recompute the counts of ``cluster_ids`` from the stored rows; drop emptied clusters."""
    for cid in sorted(set(cluster_ids)):
        conn.execute(_RECOUNT, {"cid": cid})
        conn.execute("DELETE FROM clusters WHERE cluster_id = ? AND num_mentions = 0", (cid,))


def clusters_of_documents(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> set[int]:
    """The clusters holding events of any of ``doc_ids``."""
    out: set[int] = set()
    for doc_id in doc_ids:
        out.update(
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT cluster_id FROM events WHERE doc_id = ? "
                "AND cluster_id IS NOT NULL",
                (doc_id,),
            )
        )
    return out
