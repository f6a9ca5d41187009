"""Event queries: the filters a user can ask for, turned into one indexed SQL statement.

Date rule: an event matches ``since``/``until`` when the period its date names overlaps the
range, both ends inclusive. ``since`` and ``until`` may themselves be ``YYYY``, ``YYYY-MM``
or ``YYYY-MM-DD``. So an event dated ``2022-11`` is within ``since=2022-11-10`` and within
``until=2022-11-01``, and an event dated ``2022-11-13`` is within ``until=2022-11``. An event
with no date never matches a date filter. On strings: ``date || '~' >= since`` (the period
ends on or after ``since``) and ``date <= until || '~'`` (it starts on or before ``until``);
``~`` sorts after digits and ``-``.

Text: ``text`` is matched with FTS5 against the sentence; the user's words are quoted one by
one (all must occur, in any order; case and accents as FTS5's ``unicode61`` tokenizer folds
them), so punctuation and FTS5 operators in it are harmless.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class EventQuery:
    """Filters for :meth:`Store.events`; every field is optional and they combine with AND.

    Attributes:
        actor: an actor country code on either side (``KOR``, ``NATO``).
        source_actor: an actor country code on the source side.
        target_actor: an actor country code on the target side.
        type: a PLOVER event type (``CONSULT``).
        since: first date, inclusive (see the module docstring for partial dates).
        until: last date, inclusive.
        quad: a quad class, 1-4.
        text: words that must all occur in the event's sentence.
        doc_id: only events of this document.
        cluster_id: only events of this cluster.
        limit: at most this many events.
        offset: skip this many events first.
    """

    actor: str | None = None
    source_actor: str | None = None
    target_actor: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    quad: int | None = None
    text: str | None = None
    doc_id: str | None = None
    cluster_id: int | None = None
    limit: int | None = None
    offset: int = 0


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards and the escape character escaped (use ``ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def period_conditions(
    expr: str, since: str | None, until: str | None, *, hint: str = ""
) -> tuple[list[str], list[Any]]:
    """The module's date rule on ``expr``: the period it names overlaps ``since``..``until``.

    The year-prefix bound on ``since`` lets SQLite use an index on ``expr``; the exact rule
    follows it. ``hint`` is prefixed to each comparison (``+`` keeps SQLite off an index).
    """
    conds: list[str] = []
    args: list[Any] = []
    if since is not None:
        conds.append(f"{hint}{expr} >= ? AND {expr} || '~' >= ?")
        args += [since[:4], since]
    if until is not None:
        conds.append(f"{hint}{expr} <= ?")
        args.append(until + "~")
    return conds, args


def fts_phrase(text: str) -> str | None:
    """An FTS5 query requiring every whitespace-separated word of ``text``.

    Each word becomes a quoted FTS5 string (``"Kishida's"`` is the phrase ``kishida s``, as
    the tokenizer reads the sentence), so no user punctuation is taken as an operator.
    Returns None when ``text`` has no word characters at all.
    """
    words = [word for word in text.split() if _WORD.search(word)]
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def actor_subquery(query: EventQuery) -> tuple[str, list[Any]] | None:
    """The ids of events whose actors match ``query``'s actor filters, or None without any.

    Each actor condition reads one ``event_actors`` index (``type`` and ``quad_class`` are
    kept beside each actor for this). The first condition drives, in ascending id order, and
    the others are checked per event through the primary key, so a page stops early.
    """
    facets = ""
    facet_args: list[Any] = []
    if query.type is not None:
        facets += " AND {t}.type = ?"
        facet_args.append(query.type)
    if query.quad is not None:
        facets += " AND {t}.quad_class = ?"
        facet_args.append(query.quad)
    wanted = ((query.actor, None), (query.source_actor, "source"), (query.target_actor, "target"))
    conds: list[tuple[str, list[Any]]] = []
    for k, (code, side) in enumerate((c, s) for c, s in wanted if c is not None):
        alias = f"a{k}"
        sql = f"{alias}.country = ?"
        args: list[Any] = [code]
        if side is not None:
            sql += f" AND {alias}.side = ?"
            args.append(side)
        conds.append((sql + facets.format(t=alias), args + facet_args))
    if not conds:
        return None
    (first, args), rest = conds[0], conds[1:]
    sql = f"SELECT DISTINCT a0.event_rowid FROM event_actors a0 WHERE {first}"
    for k, (cond, more) in enumerate(rest, start=1):
        sql += (
            f" AND EXISTS (SELECT 1 FROM event_actors a{k} "
            f"WHERE a{k}.event_rowid = a0.event_rowid AND {cond})"
        )
        args = args + more
    return sql, args


def where_clause(query: EventQuery) -> tuple[str, list[Any]]:
    """The SQL condition on ``events AS e`` for ``query`` and its parameters."""
    conds: list[str] = []
    args: list[Any] = []
    actors = actor_subquery(query)
    # with an actor filter, the actor index drives the search: the unary + keeps SQLite from
    # scanning a wide type or date index range instead
    plus = "+" if actors is not None else ""
    if actors is not None:
        conds.append(f"e.id IN ({actors[0]})")
        args += actors[1]
    else:
        if query.type is not None:
            conds.append("e.type = ?")
            args.append(query.type)
        if query.quad is not None:
            conds.append("e.quad_class = ?")
            args.append(query.quad)
    dated, dated_args = period_conditions("e.date", query.since, query.until, hint=plus)
    conds += dated
    args += dated_args
    if query.text is not None:
        phrase = fts_phrase(query.text)
        if phrase is None:
            conds.append("0")
        else:
            conds.append("e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
            args.append(phrase)
    if query.doc_id is not None:
        conds.append("e.doc_id = ?")
        args.append(query.doc_id)
    if query.cluster_id is not None:
        conds.append("e.cluster_id = ?")
        args.append(query.cluster_id)
    return (" AND ".join(conds) if conds else "1"), args


def _actors_only(query: EventQuery) -> bool:
    """True when every filter of ``query`` is answered by the actor index alone."""
    return (
        query.since is None
        and query.until is None
        and query.text is None
        and query.doc_id is None
        and query.cluster_id is None
    )


def select_sql(query: EventQuery, columns: str) -> tuple[str, list[Any]]:
    """A full ``SELECT`` of ``columns`` over ``events e JOIN documents d`` for ``query``.

    The matching ids are found and paged first, by a query that the indexes cover, so only
    the page's rows (with their large ``record``) are read and nothing wide is sorted.
    """
    where, args = where_clause(query)
    page = ""
    page_args: list[Any] = []
    if query.limit is not None or query.offset:
        page = " LIMIT ? OFFSET ?"
        page_args = [-1 if query.limit is None else query.limit, query.offset]
    actors = actor_subquery(query)
    if actors is not None and _actors_only(query):
        # the actor index yields ids in order: page straight from it, nothing materialised
        ids = f"{actors[0]} ORDER BY a0.event_rowid{page}"
        args = actors[1]
    elif where == "1":
        ids = f"SELECT e.id FROM events e ORDER BY e.id{page}"
    else:
        ids = f"SELECT e.id FROM events e WHERE {where} ORDER BY e.id{page}"
    sql = (
        f"SELECT {columns} FROM events e JOIN documents d ON d.doc_id = e.doc_id "
        f"WHERE e.id IN ({ids}) ORDER BY e.id"
    )
    if where == "1" and not page:
        sql = (
            f"SELECT {columns} FROM events e JOIN documents d ON d.doc_id = e.doc_id ORDER BY e.id"
        )
    return sql, args + page_args


def count_sql(query: EventQuery) -> tuple[str, list[Any]]:
    """A ``SELECT COUNT(*)`` for ``query`` (limit and offset ignored)."""
    actors = actor_subquery(query)
    if actors is not None and _actors_only(query):
        return f"SELECT COUNT(*) FROM ({actors[0]})", actors[1]
    where, args = where_clause(query)
    return f"SELECT COUNT(*) FROM events e WHERE {where}", args
