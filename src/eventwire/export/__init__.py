"""Exports of stored events: CSV, JSONL, Parquet (partitioned by month) and GDELT-style TSV.

Exports read through :class:`~eventwire.store.Store` methods only; see ``docs/store.md`` for
each format's columns.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from eventwire.errors import StoreError
from eventwire.export.base import FORMATS, ExportSummary, Format
from eventwire.export.to_csv import write_csv
from eventwire.export.to_gdelt import write_gdelt
from eventwire.export.to_jsonl import write_jsonl
from eventwire.export.to_parquet import write_parquet
from eventwire.store import EventQuery, Store

_WRITERS: dict[str, Callable[[Store, Path, EventQuery], ExportSummary]] = {
    "csv": write_csv,
    "jsonl": write_jsonl,
    "parquet": write_parquet,
    "gdelt": write_gdelt,
}


def export_events(
    store: Store, *, fmt: Format, out: Path, query: EventQuery | None = None
) -> ExportSummary:
    """Write the stored events matching ``query`` to ``out`` in format ``fmt``.

    Args:
        store: an open store (read-only is enough).
        fmt: ``csv``, ``jsonl``, ``gdelt`` (one file at ``out``) or ``parquet`` (a folder
            at ``out`` holding ``month=YYYY-MM/part-0.parquet`` files).
        out: the file or folder to write; its parent folders are created.
        query: filters; None for every event.

    Returns:
        The rows and files written.

    Raises:
        StoreError: an unknown format.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return writer(store, out, query or EventQuery())


__all__ = ["FORMATS", "ExportSummary", "Format", "export_events"]
