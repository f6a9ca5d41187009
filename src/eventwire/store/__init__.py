"""The event database (SQLite, WAL): the only place eventwire opens sqlite3 or writes SQL.

``Store`` stores documents and their events idempotently (by url or id, and content hash),
links near-duplicate copies to their original, clusters mentions of one event across
articles, and answers filtered queries (``EventQuery``). See ``docs/store.md``.
"""

from eventwire.store.db import Lookup, PutOutcome, Store, default_source
from eventwire.store.migrations import SCHEMA_VERSION
from eventwire.store.query import EventQuery

__all__ = ["SCHEMA_VERSION", "EventQuery", "Lookup", "PutOutcome", "Store", "default_source"]
