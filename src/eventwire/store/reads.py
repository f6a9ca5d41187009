"""The reading half of :class:`~eventwire.store.Store`: events, documents, clusters, errors."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.model import Event
from eventwire.store import rows
from eventwire.store.query import EventQuery, count_sql, select_sql

_CLUSTER_COLUMNS = (
    "cluster_id, type, date, country, source_countries, target_countries, published_min, "
    "published_max, first_seen, last_seen, num_mentions, num_sources, num_articles"
)
_DOCUMENT_COLUMNS = "doc_id, url, title, published, source, content_hash, ingested_at, duplicate_of"


def _page(sql: str, args: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if limit is None and not offset:
        return sql, args
    return f"{sql} LIMIT ? OFFSET ?", [*args, -1 if limit is None else limit, offset]


class StoreReads:
    """Queries over an open store; mixed into :class:`~eventwire.store.Store`."""

    path: Path

    @property
    def conn(self) -> sqlite3.Connection:  # pragma: no cover - provided by Store
        raise NotImplementedError

    def events(self, query: EventQuery | None = None) -> Iterator[dict[str, Any]]:
        """The stored events matching ``query``, in storage order.

        Args:
            query: filters; None for every event.

        Yields:
            The SPEC record (exactly ``Event.to_json_dict()`` of what was stored) plus
            ``url`` (the document's url, or None) and ``cluster_id``.
        """
        sql, args = select_sql(query or EventQuery(), "e.record, d.url, e.cluster_id")
        for record, url, cluster_id in self.conn.execute(sql, args):
            out = rows.spec_dict(record)
            out["url"] = url
            out["cluster_id"] = cluster_id
            yield out

    def event_records(self, query: EventQuery | None = None) -> Iterator[Event]:
        """The stored events matching ``query`` as :class:`Event` models (offsets kept)."""
        sql, args = select_sql(query or EventQuery(), "e.record")
        for (record,) in self.conn.execute(sql, args):
            yield rows.event_of(record)

    def count_events(self, query: EventQuery | None = None) -> int:
        """How many stored events match ``query`` (its limit and offset are ignored)."""
        sql, args = count_sql(query or EventQuery())
        return int(self.conn.execute(sql, args).fetchone()[0])

    def count_events_within(self, query: EventQuery | None, *, time_limit_ms: float) -> int | None:
        """Like :meth:`count_events`, but None when counting takes over ``time_limit_ms``.

        A server answers a page at once and leaves a total that would take long unknown
        (datasette's ``sql_time_limit_ms`` habit); the statement is interrupted, not finished.
        """
        deadline = time.monotonic() + time_limit_ms / 1000
        self.conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 2000)
        try:
            return self.count_events(query)
        except sqlite3.OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
            return None
        finally:
            self.conn.set_progress_handler(None, 0)

    def documents(
        self,
        *,
        doc_id: str | None = None,
        source: str | None = None,
        duplicates: bool | None = None,
        with_text: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[dict[str, Any]]:
        """Stored documents, in storage order.

        Args:
            doc_id: only this document.
            source: only documents from this outlet.
            duplicates: True for near-duplicates only, False for originals only.
            with_text: include the article ``text``.
            limit: at most this many.
            offset: skip this many first.

        Yields:
            ``doc_id, url, title, published, source, content_hash, ingested_at,
            duplicate_of`` (and ``text``) per document.
        """
        conds: list[str] = ["1"]
        args: list[Any] = []
        if doc_id is not None:
            conds.append("doc_id = ?")
            args.append(doc_id)
        if source is not None:
            conds.append("source = ?")
            args.append(source)
        if duplicates is not None:
            conds.append("duplicate_of IS NOT NULL" if duplicates else "duplicate_of IS NULL")
        columns = _DOCUMENT_COLUMNS + (", text" if with_text else "")
        sql, args = _page(
            f"SELECT {columns} FROM documents WHERE {' AND '.join(conds)} ORDER BY rowid",
            args,
            limit,
            offset,
        )
        for row in self.conn.execute(sql, args):
            yield dict(row)

    def document(self, doc_id: str, *, with_text: bool = True) -> dict[str, Any] | None:
        """One stored document (see :meth:`documents`), or None."""
        return next(self.documents(doc_id=doc_id, with_text=with_text), None)

    def clusters(
        self,
        *,
        cluster_id: int | None = None,
        type: str | None = None,  # noqa: A002 - the PLOVER field name, as in EventQuery
        min_articles: int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[dict[str, Any]]:
        """Event clusters, in id order.

        Args:
            cluster_id: only this cluster.
            type: only clusters of this PLOVER type.
            min_articles: only clusters reported by at least this many articles.
            limit: at most this many.
            offset: skip this many first.

        Yields:
            ``cluster_id, type, date, country, source_countries, target_countries`` (lists),
            ``published_min, published_max, first_seen, last_seen, num_mentions,
            num_sources, num_articles``.
        """
        conds: list[str] = ["1"]
        args: list[Any] = []
        if cluster_id is not None:
            conds.append("cluster_id = ?")
            args.append(cluster_id)
        if type is not None:
            conds.append("type = ?")
            args.append(type)
        if min_articles is not None:
            conds.append("num_articles >= ?")
            args.append(min_articles)
        sql, args = _page(
            f"SELECT {_CLUSTER_COLUMNS} FROM clusters WHERE {' AND '.join(conds)} "
            "ORDER BY cluster_id",
            args,
            limit,
            offset,
        )
        for row in self.conn.execute(sql, args):
            out = dict(row)
            for side in ("source_countries", "target_countries"):
                out[side] = out[side].split(";") if out[side] else []
            yield out

    def cluster(self, cluster_id: int) -> dict[str, Any] | None:
        """One cluster (see :meth:`clusters`), or None."""
        return next(self.clusters(cluster_id=cluster_id), None)

    def errors(
        self,
        *,
        doc_id: str | None = None,
        stage: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[dict[str, Any]]:
        """Recorded document failures, oldest first.

        Yields:
            ``id, doc_id, source, stage, type, message, at`` per failure.
        """
        conds: list[str] = ["1"]
        args: list[Any] = []
        if doc_id is not None:
            conds.append("doc_id = ?")
            args.append(doc_id)
        if stage is not None:
            conds.append("stage = ?")
            args.append(stage)
        sql, args = _page(
            "SELECT id, doc_id, source, stage, type, message, at FROM errors "
            f"WHERE {' AND '.join(conds)} ORDER BY id",
            args,
            limit,
            offset,
        )
        for row in self.conn.execute(sql, args):
            yield dict(row)

    def stats(self) -> dict[str, int]:
        """Counts of what is stored.

        Returns:
            ``documents, duplicates, events, clusters, errors, size_bytes`` (the database
            file plus its WAL).
        """
        conn = self.conn
        one = conn.execute(
            "SELECT (SELECT COUNT(*) FROM documents), "
            "(SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL), "
            "(SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM clusters), "
            "(SELECT COUNT(*) FROM errors)"
        ).fetchone()
        size = sum(
            p.stat().st_size
            for p in (self.path, self.path.with_name(self.path.name + "-wal"))
            if p.is_file()
        )
        return {
            "documents": int(one[0]),
            "duplicates": int(one[1]),
            "events": int(one[2]),
            "clusters": int(one[3]),
            "errors": int(one[4]),
            "size_bytes": size,
        }
