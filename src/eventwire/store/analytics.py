"""Read-only analytics over a :class:`~eventwire.store.Store` for the API and the web UI.

Counts by day, type, quad class and dyad, the actor list, one event by id, sorted pages of
events and a search over article text. Every function takes an open store (read-only is
enough) and an :class:`EventQuery` where it filters events, so the filters mean exactly what
they mean for :meth:`Store.events`. All values travel as SQL parameters; the only pieces of
SQL text chosen from user input are sort columns, looked up in a fixed table.
"""

from __future__ import annotations

from typing import Any

from eventwire.store import rows
from eventwire.store.db import Store
from eventwire.store.query import EventQuery, like_escape, where_clause

# sort key -> SQL expression on ``events AS e``; a leading ``-`` on the key sorts descending
SORTS: dict[str, str] = {
    "id": "e.id",
    "date": "e.date",
    "type": "e.type",
    "quad": "e.quad_class",
    "goldstein": "e.goldstein",
    "confidence": "e.confidence",
    "doc": "e.doc_id",
}
MAX_SEARCH_WORDS = 8
SNIPPET_BEFORE = 80
SNIPPET_CHARS = 240


def sort_keys() -> list[str]:
    """Every accepted ``sort`` value: each key of :data:`SORTS`, ascending and descending."""
    return [key for name in SORTS for key in (name, f"-{name}")]


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One stored event by its ``event_id``, as :meth:`Store.events` yields it, or None."""
    row = store.conn.execute(
        "SELECT e.record, d.url, e.cluster_id FROM events e "
        "JOIN documents d ON d.doc_id = e.doc_id WHERE e.event_id = ?",
        (event_id,),
    ).fetchone()
    if row is None:
        return None
    out = rows.spec_dict(row[0])
    out["url"] = row[1]
    out["cluster_id"] = row[2]
    return out


def events_sorted(store: Store, query: EventQuery, *, sort: str = "id") -> list[dict[str, Any]]:
    """One page of events matching ``query``, ordered by ``sort``.

    Args:
        store: the open store.
        query: filters, with ``limit`` and ``offset`` for the page.
        sort: a key of :data:`SORTS`, ``-`` first for descending; events without the
            sorted value (no date) come last either way, ties in storage order.

    Returns:
        The records, as :meth:`Store.events` yields them.

    Raises:
        ValueError: an unknown sort key.
    """
    descending = sort.startswith("-")
    column = SORTS.get(sort.removeprefix("-"))
    if column is None:
        raise ValueError(f"unknown sort {sort!r}; use one of {', '.join(sort_keys())}")
    if column == "e.id" and not descending:
        return list(store.events(query))
    direction = "DESC" if descending else "ASC"
    order = f"({column} IS NULL), {column} {direction}, e.id {direction}"
    where, args = where_clause(query)
    limit = -1 if query.limit is None else query.limit
    sql = (
        "SELECT e.record, d.url, e.cluster_id FROM events e "
        "JOIN documents d ON d.doc_id = e.doc_id WHERE e.id IN "
        f"(SELECT e.id FROM events e WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?) "
        f"ORDER BY {order}"
    )
    out = []
    for record, url, cluster_id in store.conn.execute(sql, [*args, limit, query.offset]):
        item = rows.spec_dict(record)
        item["url"] = url
        item["cluster_id"] = cluster_id
        out.append(item)
    return out


def _unpaged(query: EventQuery | None) -> tuple[str, list[Any]]:
    return where_clause(query or EventQuery())


def counts_by_day(store: Store, query: EventQuery | None = None) -> list[dict[str, Any]]:
    """Events per day and quad class, for events dated to the day.

    Returns:
        ``{"date", "quad_class", "count"}`` rows in date order.
    """
    where, args = _unpaged(query)
    sql = (
        "SELECT e.date, e.quad_class, COUNT(*) FROM events e "
        f"WHERE {where} AND length(e.date) = 10 GROUP BY e.date, e.quad_class "
        "ORDER BY e.date, e.quad_class"
    )
    return [
        {"date": date, "quad_class": quad, "count": n}
        for date, quad, n in store.conn.execute(sql, args)
    ]


def counts_by_type(store: Store, query: EventQuery | None = None) -> list[dict[str, Any]]:
    """Events per PLOVER type, most frequent first, with their mean Goldstein score."""
    where, args = _unpaged(query)
    sql = (
        "SELECT e.type, COUNT(*) AS n, AVG(e.goldstein) FROM events e "
        f"WHERE {where} GROUP BY e.type ORDER BY n DESC, e.type"
    )
    return [
        {"type": type_, "count": n, "goldstein": round(mean, 2)}
        for type_, n, mean in store.conn.execute(sql, args)
    ]


def counts_by_quad(store: Store, query: EventQuery | None = None) -> list[dict[str, Any]]:
    """Events per quad class (1-4), in class order."""
    where, args = _unpaged(query)
    sql = (
        f"SELECT e.quad_class, COUNT(*) FROM events e WHERE {where} "
        "GROUP BY e.quad_class ORDER BY e.quad_class"
    )
    return [{"quad_class": quad, "count": n} for quad, n in store.conn.execute(sql, args)]


def counts_undated(store: Store, query: EventQuery | None = None) -> dict[str, int]:
    """How many matching events are dated to the day, only to a month or year, or not at all."""
    where, args = _unpaged(query)
    row = store.conn.execute(
        "SELECT SUM(length(e.date) = 10), SUM(length(e.date) < 10), SUM(e.date IS NULL) "
        f"FROM events e WHERE {where}",
        args,
    ).fetchone()
    return {"day": int(row[0] or 0), "coarse": int(row[1] or 0), "none": int(row[2] or 0)}


def dyads(
    store: Store, query: EventQuery | None = None, *, limit: int = 100
) -> list[dict[str, Any]]:
    """Source-country → target-country pairs, by how many events join them.

    An event with several source (or target) countries counts once for each pair it makes.

    Returns:
        ``{"source", "target", "count", "goldstein"}`` (the pair's mean Goldstein score),
        most events first, at most ``limit``.
    """
    where, args = _unpaged(query)
    sql = (
        "SELECT source, target, COUNT(*) AS n, AVG(goldstein) FROM ("
        "SELECT DISTINCT e.id, s.country AS source, t.country AS target, e.goldstein "
        "FROM events e "
        "JOIN event_actors s ON s.event_rowid = e.id AND s.side = 'source' "
        "JOIN event_actors t ON t.event_rowid = e.id AND t.side = 'target' "
        f"WHERE {where} AND s.country IS NOT NULL AND t.country IS NOT NULL) "
        "GROUP BY source, target ORDER BY n DESC, source, target LIMIT ?"
    )
    return [
        {"source": src, "target": tgt, "count": n, "goldstein": round(mean, 2)}
        for src, tgt, n, mean in store.conn.execute(sql, [*args, limit])
    ]


def actors(
    store: Store, *, q: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Actor countries and organisations, most events first.

    Args:
        store: the open store.
        q: only codes starting with it, or whose actors' names contain it (any case).
        limit: at most this many.
        offset: skip this many first.

    Returns:
        ``{"country", "events", "as_source", "as_target", "names"}`` per code, ``names``
        being its most frequent resolved actor names (up to five).
    """
    conds = ["country IS NOT NULL"]
    args: list[Any] = []
    if q:
        conds.append(
            "country IN (SELECT DISTINCT country FROM event_actors WHERE country LIKE ? "
            "ESCAPE '\\' OR instr(lower(name), ?) > 0)"
        )
        args += [_like_prefix(q.upper()), q.lower()]
    sql = (
        "SELECT country, COUNT(DISTINCT event_rowid) AS n, "
        "COUNT(DISTINCT CASE WHEN side = 'source' THEN event_rowid END), "
        "COUNT(DISTINCT CASE WHEN side = 'target' THEN event_rowid END) "
        f"FROM event_actors WHERE {' AND '.join(conds)} "
        "GROUP BY country ORDER BY n DESC, country LIMIT ? OFFSET ?"
    )
    found = [
        {"country": code, "events": n, "as_source": src, "as_target": tgt, "names": []}
        for code, n, src, tgt in store.conn.execute(sql, [*args, limit, offset])
    ]
    if not found:
        return found
    by_code = {item["country"]: item for item in found}
    marks = ",".join("?" for _ in by_code)
    names = store.conn.execute(
        "SELECT country, name, COUNT(*) AS n FROM event_actors "
        f"WHERE country IN ({marks}) AND name IS NOT NULL "
        "GROUP BY country, name ORDER BY country, n DESC, name",
        list(by_code),
    )
    for code, name, _ in names:
        kept = by_code[code]["names"]
        if len(kept) < 5:
            kept.append(name)
    return found


def _like_prefix(text: str) -> str:
    return like_escape(text) + "%"


def search_documents(
    store: Store, text: str, *, limit: int = 20, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """Documents whose title or text contains every word of ``text`` (ASCII case folded).

    A plain substring scan: no index, no operators; every character of ``text`` is literal.

    Args:
        store: the open store.
        text: the words to look for (at most :data:`MAX_SEARCH_WORDS` are used).
        limit: at most this many documents.
        offset: skip this many first.

    Returns:
        The number of matching documents and one page of them, in storage order:
        ``doc_id, url, title, published, source, duplicate_of, events, snippet`` (the text
        around the first word's first occurrence).
    """
    words = [word.lower() for word in text.split()][:MAX_SEARCH_WORDS]
    if not words:
        return 0, []
    cond = " AND ".join(
        "(instr(lower(d.text), ?) > 0 OR instr(lower(COALESCE(d.title, '')), ?) > 0)" for _ in words
    )
    args: list[Any] = [value for word in words for value in (word, word)]
    total = int(
        store.conn.execute(f"SELECT COUNT(*) FROM documents d WHERE {cond}", args).fetchone()[0]
    )
    sql = (
        "SELECT d.doc_id, d.url, d.title, d.published, d.source, d.duplicate_of, "
        "(SELECT COUNT(*) FROM events e WHERE e.doc_id = d.doc_id), "
        "substr(d.text, max(instr(lower(d.text), ?) - ?, 1), ?) "
        f"FROM documents d WHERE {cond} ORDER BY d.rowid LIMIT ? OFFSET ?"
    )
    found = []
    params = [words[0], SNIPPET_BEFORE, SNIPPET_CHARS, *args, limit, offset]
    for row in store.conn.execute(sql, params):
        found.append(
            {
                "doc_id": row[0],
                "url": row[1],
                "title": row[2],
                "published": row[3],
                "source": row[4],
                "duplicate_of": row[5],
                "events": row[6],
                "snippet": " ".join(str(row[7]).split()),
            }
        )
    return total, found


def document_event_counts(store: Store, doc_ids: list[str]) -> dict[str, int]:
    """How many events each of ``doc_ids`` has stored (absent ids count 0)."""
    if not doc_ids:
        return {}
    marks = ",".join("?" for _ in doc_ids)
    counts = dict.fromkeys(doc_ids, 0)
    for doc_id, n in store.conn.execute(
        f"SELECT doc_id, COUNT(*) FROM events WHERE doc_id IN ({marks}) GROUP BY doc_id",
        doc_ids,
    ):
        counts[doc_id] = n
    return counts


def event_types(store: Store) -> list[str]:
    """The PLOVER types present in the store, alphabetically."""
    return [row[0] for row in store.conn.execute("SELECT DISTINCT type FROM events ORDER BY type")]
