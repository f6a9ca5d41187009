"""Store a Ray job's output: ``eventwire load DIR`` (pyarrow only; Ray is not needed).

Each row of ``documents/`` holds the document and its events as the pipeline made them (actor
offsets included), so :meth:`Store.put` stores exactly what ``eventwire ingest`` would have:
the same rows, the same idempotence (loading twice stores nothing new), the same
near-duplicate and cluster bookkeeping. ``errors/`` go to the store's ``errors`` table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from eventwire.errors import ConfigError, EventwireError
from eventwire.ingest import IngestSummary, source_of
from eventwire.model import DocError
from eventwire.scale.rows import DOCUMENTS_DIR, ERRORS_DIR, MANIFEST, document_of, events_of
from eventwire.store import Store

LoadSummary = IngestSummary
Progress = Callable[[IngestSummary, str], None]
_BATCH = 512


def load_output(out: Path, *, store: Store, progress: Progress | None = None) -> IngestSummary:
    """Store every document, event and error of a finished Ray job's output folder.

    Args:
        out: the folder written by ``eventwire code --engine ray``.
        store: the open store to write to.
        progress: called after each document with the running summary and its id.

    Returns:
        What was stored, as for an ingest.

    Raises:
        ConfigError: ``out`` has no manifest (not Ray output, or a job that did not finish).
    """
    if not (out / MANIFEST).is_file():
        raise ConfigError(
            f"{out} has no {MANIFEST}: not the output of `eventwire code --engine ray`, "
            "or a job that did not finish; run it again into an empty folder"
        )
    summary = IngestSummary()
    for path in sorted((out / DOCUMENTS_DIR).glob("*.parquet")):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=_BATCH):
            for row in batch.to_pylist():
                _load_one(row, store=store, summary=summary)
                if progress is not None:
                    progress(summary, row["doc_id"])
    for path in sorted((out / ERRORS_DIR).glob("*.parquet")):
        for row in pq.read_table(path).to_pylist():
            error = DocError(
                doc_id=row["doc_id"], stage=row["stage"], type=row["type"], message=row["message"]
            )
            store.put_error(
                error.doc_id,
                source=None,
                stage=error.stage,
                type=error.type,
                message=error.message,
            )
            summary.failed += 1
            summary.errors.append(error)
            if progress is not None:
                progress(summary, error.doc_id)
    return summary


def _load_one(row: dict[str, Any], *, store: Store, summary: IngestSummary) -> None:
    doc = document_of(row)
    source = source_of(doc)
    try:
        outcome = store.put(doc, events_of(row), source=source)
    except EventwireError as exc:  # this document only: the load goes on
        error = DocError(doc_id=doc.id, stage="store", type=type(exc).__name__, message=exc.detail)
        store.put_error(doc.id, source=source, stage="store", type=error.type, message=exc.detail)
        summary.failed += 1
        summary.errors.append(error)
        return
    summary.words += int(str(row.get("words") or 0))
    summary.events_added += outcome.events_added
    if outcome.status == "new":
        summary.new += 1
    elif outcome.status == "replaced":
        summary.replaced += 1
    elif outcome.status == "duplicate":
        summary.duplicate += 1
    else:
        summary.unchanged += 1


def manifest(out: Path) -> dict[str, object]:
    """The manifest of a finished job's output folder."""
    data: dict[str, object] = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    return data
