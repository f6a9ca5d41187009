"""The Arrow form of the event record, shared by every Parquet writer.

``eventwire export --format parquet`` (from the store) and ``eventwire code --engine ray``
(from Ray workers) both write :data:`SCHEMA`, partitioned by :func:`month_key` in hive layout
(``month=YYYY-MM/``), so one query reads either. The columns are the SPEC record, nested as
it is (``sentence`` and ``location`` are structs, ``source`` and ``target`` are
``list<struct<text, country, sector, name, role>>``, ``context`` is ``list<string>``), plus
``url`` and ``cluster_id``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

UNKNOWN_MONTH = "unknown"
PARTITION = "month"
EXTRA_COLUMNS = ("url", "cluster_id")

_ACTOR = pa.struct(
    [
        ("text", pa.string()),
        ("country", pa.string()),
        ("sector", pa.string()),
        ("name", pa.string()),
        ("role", pa.string()),
    ]
)

SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("event_id", pa.string()),
        (
            "sentence",
            pa.struct(
                [
                    ("index", pa.int32()),
                    ("start", pa.int64()),
                    ("end", pa.int64()),
                    ("text", pa.string()),
                ]
            ),
        ),
        ("trigger", pa.string()),
        ("type", pa.string()),
        ("mode", pa.string()),
        ("context", pa.list_(pa.string())),
        ("cameo", pa.string()),
        ("goldstein", pa.float64()),
        ("quad_class", pa.int8()),
        ("source", pa.list_(_ACTOR)),
        ("target", pa.list_(_ACTOR)),
        ("date", pa.string()),
        ("date_text", pa.string()),
        (
            "location",
            pa.struct(
                [
                    ("text", pa.string()),
                    ("name", pa.string()),
                    ("country", pa.string()),
                    ("lat", pa.float64()),
                    ("lon", pa.float64()),
                ]
            ),
        ),
        ("negated", pa.bool_()),
        ("modality", pa.string()),
        ("attributed_to", pa.string()),
        ("confidence", pa.float64()),
        ("url", pa.string()),
        ("cluster_id", pa.int64()),
    ]
)


def month_key(date: str | None) -> str:
    """The partition value of an event date: ``YYYY-MM``, or ``unknown``."""
    return date[:7] if date is not None and len(date) >= 7 else UNKNOWN_MONTH


def events_table(records: Iterable[dict[str, Any]]) -> pa.Table:
    """Event records (``Event.to_json_dict()`` plus ``url`` and ``cluster_id``) as a table.

    Missing columns are null; keys outside :data:`SCHEMA` are dropped.
    """
    rows = [{name: record.get(name) for name in SCHEMA.names} for record in records]
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def spec_record(row: dict[str, Any]) -> dict[str, Any]:
    """A row read back from the Parquet output as ``Event.to_json_dict()`` would give it.

    Drops ``url``, ``cluster_id`` and the ``month`` partition key.
    """
    return {k: v for k, v in row.items() if k not in (*EXTRA_COLUMNS, PARTITION)}


def write_month_parts(records: Iterable[dict[str, Any]], out: Path, *, name: str) -> list[Path]:
    """Write event records as ``out/month=YYYY-MM/<name>``, one file per month present.

    Each file is written under a temporary name and renamed into place, so a reader (or a
    retried writer) never sees half a file, and writing the same ``name`` again replaces it.

    Args:
        records: the events, as for :func:`events_table`.
        out: the partitioned folder.
        name: the file name within each month's folder, e.g. ``part-000003.parquet``.

    Returns:
        The files written.
    """
    by_month: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_month.setdefault(month_key(record.get("date")), []).append(record)
    written: list[Path] = []
    for month, rows in sorted(by_month.items()):
        path = out / f"{PARTITION}={month}" / name
        write_table_atomic(events_table(rows), path)
        written.append(path)
    return written


def write_table_atomic(table: pa.Table, path: Path) -> None:
    """Write one Parquet file (zstd) through a temporary name and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(path)
