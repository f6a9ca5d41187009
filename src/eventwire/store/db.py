"""The event database: the only code in eventwire that opens sqlite3 or writes SQL.

A :class:`Store` is one SQLite connection in WAL mode, so one writer (an ingest) and any
number of readers (a server, ``eventwire events``) can use a file at once. Every write is
one ``BEGIN IMMEDIATE … COMMIT`` transaction, so a killed process never leaves half a
document; a second writer waits up to ``busy_timeout`` for the lock instead of failing.

A connection serves one thread. A server opens its own ``Store(path, readonly=True)`` (a
``mode=ro`` URI connection) per worker thread and never shares the ingest's.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self
from urllib.parse import urlsplit

from eventwire.errors import StoreError
from eventwire.model import Document, Event, Related
from eventwire.store import clusters as clustering
from eventwire.store import dedupe
from eventwire.store.bulk import bulk_load, insert_events
from eventwire.store.migrations import SCHEMA_VERSION, check_version, migrate
from eventwire.store.reads import StoreReads
from eventwire.store.related_reads import RelatedReads
from eventwire.store.relations import delete_related, insert_related

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 60.0
CACHE_KIB = 256 * 1024  # page cache: big indexes are updated in place without re-reading

LookupStatus = Literal["new", "unchanged", "changed", "duplicate"]
PutStatus = Literal["new", "unchanged", "replaced", "duplicate"]


@dataclass(frozen=True)
class Lookup:
    """What the store already knows about a document, asked before coding it.

    Attributes:
        status: ``new``; ``unchanged`` (same key, same content hash: skip it);
            ``changed`` (same key, new text: code it, ``put`` replaces the old events);
            ``duplicate`` (another document's text, near enough: its events are not needed).
        doc_id: the stored document with the same key, if any.
        duplicate_of: the stored original it copies, for ``duplicate`` (and for ``changed``
            when the new text copies another document).
    """

    status: LookupStatus
    doc_id: str | None = None
    duplicate_of: str | None = None


@dataclass(frozen=True)
class PutOutcome:
    """What :meth:`Store.put` did.

    Attributes:
        status: ``new``, ``unchanged`` (nothing written), ``replaced`` (old events removed,
            new ones stored) or ``duplicate`` (document linked to its original, no events).
        doc_id: the stored document.
        events_added: events stored by this call.
        duplicate_of: the original, when the document is a near-duplicate.
        people: people this document names (matched to stored ones or new).
        things: named things this document mentions.
    """

    status: PutStatus
    doc_id: str
    events_added: int = 0
    duplicate_of: str | None = None
    people: int = 0
    things: int = 0


def default_source(url: str | None) -> str:
    """The outlet of a document: its url's host without ``www.``, or ``file``."""
    host = urlsplit(url).hostname if url else None
    if not host:
        return "file"
    return host.removeprefix("www.")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store(StoreReads, RelatedReads):
    """An eventwire SQLite database (WAL mode, schema migrated on open).

    Args:
        path: the database file; created (with its folder) unless ``readonly``.
        near_duplicate: estimated Jaccard of word 5-shingles above which a document under
            another key is a copy of a stored one (``Settings.near_duplicate``).
        readonly: open with a ``mode=ro`` URI; every write raises ``StoreError``.

    Raises:
        StoreError: the file cannot be opened, WAL mode cannot be set, or the schema is newer
            than this code (or older, when ``readonly``).
    """

    def __init__(
        self, path: str | Path, *, near_duplicate: float = 0.8, readonly: bool = False
    ) -> None:
        self.path = Path(path)
        self.near_duplicate = near_duplicate
        self.readonly = readonly
        self._conn: sqlite3.Connection | None = None
        try:
            self._conn = self._connect()
            self._configure()
        except sqlite3.Error as exc:
            self.close()
            raise StoreError(f"cannot open {self.path}: {exc}", where=str(self.path)) from exc
        except BaseException:
            self.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            if not self.path.is_file():
                raise StoreError(
                    f"{self.path} does not exist; run `eventwire ingest` to create it",
                    where=str(self.path),
                )
            uri = self.path.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.row_factory = sqlite3.Row
        return conn

    def _configure(self) -> None:
        conn = self.conn
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        if self.readonly:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            check_version(version, path=str(self.path))
            if version < SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {version}, older than {SCHEMA_VERSION}; "
                    "open it once read-write (e.g. `eventwire ingest`) to migrate it",
                    where=str(self.path),
                )
            return
        mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        if mode != "wal":
            raise StoreError(
                f"{self.path}: cannot switch to WAL mode (journal_mode is {mode}); "
                "use a file on a local disk",
                where=str(self.path),
            )
        conn.execute("PRAGMA synchronous = NORMAL")
        before = migrate(conn, path=str(self.path))
        if before < SCHEMA_VERSION:
            logger.info("%s: schema migrated from %d to %d", self.path, before, SCHEMA_VERSION)

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection.

        Raises:
            StoreError: the store is closed.
        """
        if self._conn is None:
            raise StoreError(f"{self.path} is closed", where=str(self.path))
        return self._conn

    def close(self) -> None:
        """Close the connection (idempotent); SQLite then checkpoints and removes the WAL."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The ``PRAGMA user_version`` of the open database."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # --- writing -------------------------------------------------------------------------

    def _begin(self) -> sqlite3.Connection:
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only", where=str(self.path))
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"cannot start a write: {exc} (another process held the write lock for over "
                f"{BUSY_TIMEOUT_S:.0f} s)",
                stage="store",
                where=str(self.path),
            ) from exc
        return conn

    def _write(self, what: str, doc_id: str | None, work: Any) -> Any:
        """Run ``work(conn)`` in one ``BEGIN IMMEDIATE`` transaction; roll back on any error."""
        conn = self._begin()
        try:
            result = work(conn)
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error | UnicodeEncodeError):
                raise StoreError(
                    f"{what} failed: {exc}", doc_id=doc_id, stage="store", where=str(self.path)
                ) from exc
            raise
        return result

    def lookup(self, doc: Document) -> Lookup:
        """Classify ``doc`` against what is stored, so the ingest can skip work.

        Args:
            doc: the document as read, before coding.

        Returns:
            The :class:`Lookup`; nothing is written.
        """
        return self._lookup(self.conn, doc, dedupe.content_hash(doc.text), None)

    def _lookup(
        self, conn: sqlite3.Connection, doc: Document, digest: str, sig: bytes | None
    ) -> Lookup:
        key = dedupe.document_key(doc_id=doc.id, url=doc.url)
        row = conn.execute(
            "SELECT doc_id, content_hash FROM documents WHERE doc_key = ?", (key,)
        ).fetchone()
        if row is not None and row["content_hash"] == digest:
            return Lookup("unchanged", doc_id=row["doc_id"])
        original = self._original(conn, doc.text, digest, sig, exclude=key)
        if row is not None:
            return Lookup("changed", doc_id=row["doc_id"], duplicate_of=original)
        if original is not None:
            return Lookup("duplicate", duplicate_of=original)
        return Lookup("new")

    def _original(
        self, conn: sqlite3.Connection, text: str, digest: str, sig: bytes | None, *, exclude: str
    ) -> str | None:
        """The stored original that ``text`` copies (exactly or nearly), if any."""
        row = conn.execute(
            "SELECT COALESCE(duplicate_of, doc_id) FROM documents "
            "WHERE content_hash = ? AND doc_key != ? ORDER BY rowid LIMIT 1",
            (digest, exclude),
        ).fetchone()
        if row is not None:
            return str(row[0])
        sig = sig if sig is not None else dedupe.signature(text)
        bands = dedupe.bands(sig)
        values = ",".join("(?, ?)" for _ in bands)
        candidates = conn.execute(
            f"WITH b(band, hash) AS (VALUES {values}) "
            "SELECT DISTINCT d.doc_id, d.minhash FROM doc_bands x "
            "JOIN b ON x.band = b.band AND x.hash = b.hash "
            "JOIN documents d ON d.doc_id = x.doc_id "
            "WHERE d.doc_key != ? AND d.duplicate_of IS NULL ORDER BY d.rowid",
            [v for pair in bands for v in pair] + [exclude],
        ).fetchall()
        best: tuple[float, str] | None = None
        for cand in candidates:
            score = dedupe.similarity(sig, cand["minhash"])
            if score >= self.near_duplicate and (best is None or score > best[0]):
                best = (score, cand["doc_id"])
        return best[1] if best else None

    def put(
        self,
        doc: Document,
        events: Sequence[Event],
        *,
        source: str | None = None,
        related: Related | None = None,
    ) -> PutOutcome:
        """Store a coded document and its events in one transaction.

        Args:
            doc: the document.
            events: its events (every ``event.doc_id`` must be ``doc.id``).
            source: the outlet; defaults to the url's host, or ``file``.
            related: what the relate stage found in it (people, things, claims, quotes);
                people and things are matched to those stored from other documents.

        Returns:
            What was done: see :class:`PutOutcome`. Storing the same document twice writes
            nothing the second time.

        Raises:
            StoreError: an event of another document, an id already used by another
                document, or a database failure (nothing is written).
        """
        for event in events:
            if event.doc_id != doc.id:
                raise StoreError(
                    f"event {event.event_id} belongs to {event.doc_id}, not {doc.id}",
                    doc_id=doc.id,
                    stage="store",
                )
        if related is not None and related.doc_id != doc.id:
            raise StoreError(
                f"relate records of {related.doc_id} given with {doc.id}",
                doc_id=doc.id,
                stage="store",
            )
        digest = dedupe.content_hash(doc.text)
        sig = dedupe.signature(doc.text)
        outlet = source or default_source(doc.url)

        def work(conn: sqlite3.Connection) -> PutOutcome:
            return self._put(conn, doc, events, outlet, digest, sig, related)

        outcome: PutOutcome = self._write(f"storing {doc.id}", doc.id, work)
        return outcome

    def _put(
        self,
        conn: sqlite3.Connection,
        doc: Document,
        events: Sequence[Event],
        outlet: str,
        digest: str,
        sig: bytes,
        related: Related | None = None,
    ) -> PutOutcome:
        found = self._lookup(conn, doc, digest, sig)
        if found.status == "unchanged":
            assert found.doc_id is not None
            return PutOutcome("unchanged", found.doc_id)
        key = dedupe.document_key(doc_id=doc.id, url=doc.url)
        clash = conn.execute(
            "SELECT doc_key FROM documents WHERE doc_id = ? AND doc_key != ?", (doc.id, key)
        ).fetchone()
        if clash is not None:
            raise StoreError(
                f"document id {doc.id} is already stored for {clash[0]}; give each document "
                "a distinct id",
                doc_id=doc.id,
                stage="store",
            )
        touched: set[int] = set()
        if found.status == "changed":
            assert found.doc_id is not None
            touched |= clustering.clusters_of_documents(conn, [found.doc_id])
            delete_related(conn, found.doc_id)
            conn.execute("DELETE FROM events WHERE doc_id = ?", (found.doc_id,))
            conn.execute("DELETE FROM doc_bands WHERE doc_id = ?", (found.doc_id,))
            conn.execute(
                "UPDATE documents SET doc_id = ?, url = ?, title = ?, published = ?, "
                "source = ?, content_hash = ?, minhash = ?, ingested_at = ?, text = ?, "
                "duplicate_of = ? WHERE doc_key = ?",
                (
                    doc.id,
                    doc.url,
                    doc.title,
                    doc.published,
                    outlet,
                    digest,
                    sig,
                    _now(),
                    doc.text,
                    found.duplicate_of,
                    key,
                ),
            )
        else:
            conn.execute(
                "INSERT INTO documents (doc_id, doc_key, url, title, published, source, "
                "content_hash, minhash, ingested_at, text, duplicate_of) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    key,
                    doc.url,
                    doc.title,
                    doc.published,
                    outlet,
                    digest,
                    sig,
                    _now(),
                    doc.text,
                    found.duplicate_of,
                ),
            )
        added = 0
        named = (0, 0)
        if found.duplicate_of is not None:
            # A copy: its outlet counts in the original's clusters, its events do not.
            touched |= clustering.clusters_of_documents(conn, [found.duplicate_of])
        else:
            conn.executemany(
                "INSERT INTO doc_bands (band, hash, doc_id) VALUES (?, ?, ?)",
                [(band, value, doc.id) for band, value in dedupe.bands(sig)],
            )
            seen = conn.execute(
                "SELECT ingested_at FROM documents WHERE doc_id = ?", (doc.id,)
            ).fetchone()[0]
            placed = insert_events(
                conn,
                events,
                cluster=lambda event: clustering.assign_cluster(
                    conn, event, published=doc.published, seen=seen
                ),
            )
            touched |= placed
            added = len(events)
            if related is not None:
                named = insert_related(conn, related, events, published=doc.published)
        clustering.recount(conn, touched)
        status: PutStatus = (
            "replaced"
            if found.status == "changed"
            else ("duplicate" if found.duplicate_of is not None else "new")
        )
        return PutOutcome(
            status,
            doc.id,
            events_added=added,
            duplicate_of=found.duplicate_of,
            people=named[0],
            things=named[1],
        )

    def put_error(
        self,
        doc_id: str,
        *,
        source: str | None,
        stage: str,
        type: str,  # noqa: A002 - the field name of DocError and of the errors table
        message: str,
    ) -> None:
        """Record a document that failed a stage, in its own transaction.

        Args:
            doc_id: the document.
            source: its outlet, if known.
            stage: the stage that failed (``read``, ``parse`` ...).
            type: the error class name.
            message: the error message.

        Raises:
            StoreError: the database write failed.
        """
        self._write(
            f"recording the error of {doc_id}",
            doc_id,
            lambda conn: conn.execute(
                "INSERT INTO errors (doc_id, source, stage, type, message, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (doc_id, source, stage, type, message, _now()),
            ),
        )

    def put_many(
        self, items: Iterable[tuple[Document, Sequence[Event]]], *, source: str | None = None
    ) -> tuple[int, int]:
        """Load many new documents and their events in one transaction, fast.

        Made for archives and benchmarks, where :meth:`put`'s per-document checks cost too
        much: there is no lookup (a key or id already stored fails the whole load), no
        near-duplicate signature (later :meth:`lookup` calls find only exact copies of
        these documents), and events cluster only within the load, by exact key (type,
        source countries, target countries, date).

        Args:
            items: ``(document, events)`` pairs.
            source: the outlet of every document; defaults to each url's host, or ``file``.

        Returns:
            ``(documents, events)`` stored.

        Raises:
            StoreError: a document is already stored, or the write failed (nothing is kept).
        """
        stamp = _now()
        counts: tuple[int, int] = self._write(
            "bulk load",
            None,
            lambda conn: bulk_load(
                conn, items, source=lambda doc: source or default_source(doc.url), stamp=stamp
            ),
        )
        return counts
