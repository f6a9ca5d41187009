"""Exports of stored events: CSV, JSONL, Parquet (partitioned by month) and GDELT-style TSV.

Exports read through :class:`~eventwire.store.Store` methods only; see ``docs/store.md`` for
each format's columns.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import StoreError
from eventwire.export.base import FORMATS, ExportSummary, Format

if TYPE_CHECKING:
    from eventwire.store import EventQuery, Store

# The writers (and the store they read) are imported when an export runs, not with the
# package: Ray's read/write workers import ``export.arrow`` alone and start faster for it.
_WRITERS = {
    "csv": "eventwire.export.to_csv:write_csv",
    "jsonl": "eventwire.export.to_jsonl:write_jsonl",
    "parquet": "eventwire.export.to_parquet:write_parquet",
    "gdelt": "eventwire.export.to_gdelt:write_gdelt",
}


def _writer(fmt: str) -> Callable[[Store, Path, EventQuery], ExportSummary] | None:
    import importlib

    where = _WRITERS.get(fmt)
    if where is None:
        return None
    module, name = where.split(":")
    writer: Callable[[Store, Path, EventQuery], ExportSummary] = getattr(
        importlib.import_module(module), name
    )
    return writer


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
    from eventwire.store import EventQuery

    writer = _writer(fmt)
    if writer is None:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return writer(store, out, query or EventQuery())


__all__ = ["FORMATS", "ExportSummary", "Format", "export_events"]
