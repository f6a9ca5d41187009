"""Parquet export: events partitioned by month, hive layout, readable by any Arrow engine.

``out/month=2022-11/part-0.parquet`` holds the events dated in November 2022 (day or month
precision); ``out/month=unknown/`` holds events with no date or only a year. The columns are
the SPEC record, nested as it is (``sentence`` and ``location`` are structs, ``source`` and
``target`` are ``list<struct<text, country, sector, name, role>>``, ``context`` is
``list<string>``), plus ``url`` and ``cluster_id``; ``month`` is the partition key. Read it
back with ``pyarrow.dataset.dataset(out, partitioning="hive")`` (or Spark, DuckDB, Polars).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.errors import StoreError
from eventwire.export.arrow import SCHEMA, month_key
from eventwire.export.base import ExportSummary
from eventwire.store import EventQuery, Store

ROW_GROUP = 50_000


class _Partitions:
    """One open Parquet writer per month, fed in row groups."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.buffers: dict[str, list[dict[str, Any]]] = {}
        self.files: list[Path] = []

    def add(self, record: dict[str, Any]) -> None:
        month = month_key(record.get("date"))
        buf = self.buffers.setdefault(month, [])
        buf.append({name: record.get(name) for name in SCHEMA.names})
        if len(buf) >= ROW_GROUP:
            self.flush(month)

    def flush(self, month: str) -> None:
        buf = self.buffers.get(month)
        if not buf:
            return
        writer = self.writers.get(month)
        if writer is None:
            path = self.out / f"month={month}" / "part-0.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(path, SCHEMA, compression="zstd")
            self.writers[month] = writer
            self.files.append(path)
        writer.write_table(pa.Table.from_pylist(buf, schema=SCHEMA))
        buf.clear()

    def close(self) -> None:
        for month in list(self.buffers):
            self.flush(month)
        for writer in self.writers.values():
            writer.close()


def write_parquet(store: Store, out: Path, query: EventQuery) -> ExportSummary:
    """Write ``store.events(query)`` under the folder ``out``, one partition per month.

    Args:
        store: the store to read.
        out: the folder to write; created, and it must be empty (a stale partition left
            from an earlier export would be read back as part of this one).
        query: the events to write.

    Returns:
        The rows and the files written.

    Raises:
        StoreError: ``out`` exists and is not an empty folder.
    """
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise StoreError(f"{out} is not an empty folder; export Parquet to a new folder")
    out.mkdir(parents=True, exist_ok=True)
    parts = _Partitions(out)
    n = 0
    try:
        for record in store.events(query):
            parts.add(record)
            n += 1
    finally:
        parts.close()
    return ExportSummary(rows=n, files=tuple(sorted(parts.files)))
