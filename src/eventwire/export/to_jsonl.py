"""JSONL export: one SPEC event record per line, plus ``url`` and ``cluster_id``."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.export.base import ExportSummary
from eventwire.store import EventQuery, Store


def write_jsonl(store: Store, out: Path, query: EventQuery) -> ExportSummary:
    """Write ``store.events(query)`` to ``out``, one JSON object a line (UTF-8).

    Args:
        store: the store to read.
        out: the file to write.
        query: the events to write.

    Returns:
        The rows and the file written.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for record in store.events(query):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return ExportSummary(rows=n, files=(out,))
