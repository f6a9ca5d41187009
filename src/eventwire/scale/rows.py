"""The rows that flow through a Ray job, and the layout of its output folder (no Ray here).

A job's rows are, in order:

- **input rows** (:data:`INPUT_SCHEMA`): one per article to read, ``kind`` saying how to read
  ``payload``: ``file`` (a text or HTML file's bytes), ``jsonl`` (one JSONL line),
  ``record`` (a Parquet row as JSON) or ``error`` (a source that cannot be read: the
  ``DocError`` as JSON);
- **result rows** (:data:`RESULT_SCHEMA`): one per document, its text and metadata, its
  events (``records``: the JSON list of ``Event.model_dump(mode="json")``, actor offsets
  included), or the error in their place. A worker hands back the result rows of one batch
  packed into a single row (:data:`BATCH_SCHEMA`, see :func:`pack_results`).

The output folder holds ``events/month=YYYY-MM/part-NNNNNN.parquet`` (the SPEC record,
:data:`eventwire.export.arrow.SCHEMA`, the same layout as ``eventwire export --format
parquet``), ``errors/part-NNNNNN.parquet`` (:data:`ERRORS_SCHEMA`),
``documents/part-NNNNNN.parquet`` (:data:`DOCUMENTS_SCHEMA`, what ``eventwire load`` stores)
and ``_manifest.json``, written last, once every part is in place.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from eventwire.errors import EventwireError, ReadError
from eventwire.model import DocError, Document, Event
from eventwire.read.files import (
    STAGE,
    article_document,
    file_document,
    jsonl_document,
    record_document,
)

if TYPE_CHECKING:  # the pipeline is for the coding workers; `eventwire load` does without
    from eventwire.pipeline import Result

EVENTS_DIR = "events"
ERRORS_DIR = "errors"
DOCUMENTS_DIR = "documents"
MANIFEST = "_manifest.json"

KIND_FILE = "file"
KIND_JSONL = "jsonl"
KIND_RECORD = "record"
KIND_ERROR = "error"

INPUT_SCHEMA = pa.schema(
    [
        ("kind", pa.string()),
        ("source", pa.string()),
        ("index", pa.int64()),
        ("payload", pa.large_binary()),
    ]
)

_DOC_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("doc_id", pa.string()),
    ("url", pa.string()),
    ("title", pa.string()),
    ("published", pa.string()),
    ("text", pa.large_string()),
    ("words", pa.int64()),
    ("n_events", pa.int64()),
    ("records", pa.large_string()),
]
_ERROR_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("stage", pa.string()),
    ("type", pa.string()),
    ("message", pa.string()),
]

RESULT_SCHEMA = pa.schema(
    [*_DOC_COLUMNS, *[(f"error_{name}", kind) for name, kind in _ERROR_COLUMNS]]
)
# One row per batch: its result rows as a list. Ray Data makes a block of every row a worker
# returns (the job's blocks are one row each, so that any worker can take any input row),
# and each block costs a round trip to the driver before the worker may go on; one row per
# batch makes that one round trip per batch instead of one per article.
BATCH_SCHEMA = pa.schema([("results", pa.list_(pa.struct(list(RESULT_SCHEMA))))])
DOCUMENTS_SCHEMA = pa.schema(_DOC_COLUMNS)
ERRORS_SCHEMA = pa.schema([("doc_id", pa.string()), *_ERROR_COLUMNS, ("source", pa.string())])


def part_name(index: int) -> str:
    """The file name of one write task's part: ``part-000003.parquet``."""
    return f"part-{index:06d}.parquet"


def input_item(
    row: dict[str, Any], *, published: str | None, max_bytes: int
) -> Document | DocError:
    """Read one input row into a document, or the read error in its place.

    Args:
        row: an input row (:data:`INPUT_SCHEMA`).
        published: the user's publication date (already validated), or None.
        max_bytes: the largest file, line or article text read.

    Returns:
        The document as the single-process readers would give it, or a ``DocError``.
    """
    kind, source, index = str(row["kind"]), str(row["source"]), int(row["index"])
    payload: bytes = row["payload"] or b""
    path = Path(source)
    fallback = path.stem if kind == KIND_FILE else f"{path.stem}:{index}"
    if kind == KIND_ERROR:
        return DocError.model_validate_json(payload)
    try:
        if kind == KIND_FILE:
            if len(payload) > max_bytes:
                raise ReadError(
                    f"{path} is {len(payload):,} bytes, over the {max_bytes:,}-byte limit; "
                    "raise EVENTWIRE_MAX_BYTES or split the file",
                    doc_id=fallback,
                    stage=STAGE,
                    where=str(path),
                )
            doc = file_document(payload, path=path, published=published)
            return doc if doc.url is not None else doc.model_copy(update={"url": _uri(path)})
        where = f"{path}:{index}"
        if kind == KIND_JSONL:
            if len(payload) > max_bytes:
                raise ReadError(
                    f"line is {len(payload):,} bytes, over the {max_bytes:,}-byte limit; "
                    "raise EVENTWIRE_MAX_BYTES",
                    doc_id=fallback,
                    stage=STAGE,
                    where=where,
                )
            return jsonl_document(payload, fallback_id=fallback, where=where, published=published)
        if kind == KIND_RECORD:
            record = json.loads(payload.decode("utf-8"))
            return record_document(
                record,
                fallback_id=fallback,
                where=f"{path}:row {index}",
                published=published,
                max_bytes=max_bytes,
            )
        return article_document({}, fallback_id=fallback, where=where, published=published)
    except EventwireError as exc:
        if exc.where is None and kind == KIND_JSONL:
            exc.where = f"{path}:{index}"
        return DocError(
            doc_id=exc.doc_id or fallback,
            stage=exc.stage or STAGE,
            type=type(exc).__name__,
            message=exc.detail,
        )


def error_row(error: DocError, *, source: str) -> dict[str, Any]:
    """The input row of a source that failed before any article was read from it."""
    return {
        "kind": KIND_ERROR,
        "source": source,
        "index": 0,
        "payload": error.model_dump_json().encode("utf-8"),
    }


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


def result_row(doc: Document | None, result: Result) -> dict[str, Any]:
    """One document's result row (:data:`RESULT_SCHEMA`).

    Args:
        doc: the document, or None when it could not be read.
        result: its pipeline result (events or error).

    Returns:
        The row.
    """
    error = result.error
    return {
        "doc_id": result.doc_id,
        "url": doc.url if doc else None,
        "title": doc.title if doc else None,
        "published": doc.published if doc else None,
        "text": doc.text if doc and error is None else None,
        "words": result.words,
        "n_events": len(result.events),
        "records": json.dumps(
            [event.model_dump(mode="json") for event in result.events], ensure_ascii=False
        ),
        "error_stage": error.stage if error else None,
        "error_type": error.type if error else None,
        "error_message": error.message if error else None,
    }


def pack_results(rows: list[dict[str, Any]]) -> pa.Table:
    """The result rows of one batch as the single row a worker returns (:data:`BATCH_SCHEMA`)."""
    return pa.Table.from_pylist([{"results": rows}], schema=BATCH_SCHEMA)


def unpack_results(table: pa.Table) -> pa.Table:
    """The result rows (:data:`RESULT_SCHEMA`) of packed batches (:data:`BATCH_SCHEMA`)."""
    results = table.column("results").combine_chunks().flatten()
    return pa.Table.from_struct_array(results).cast(RESULT_SCHEMA)


def document_of(row: dict[str, Any]) -> Document:
    """The document of a result or documents row."""
    return Document(
        id=row["doc_id"],
        url=row.get("url"),
        title=row.get("title"),
        published=row.get("published"),
        text=row.get("text") or "",
    )


def events_of(row: dict[str, Any]) -> list[Event]:
    """The events of a result or documents row, exactly as the pipeline made them."""
    return [Event.model_validate(record) for record in json.loads(row.get("records") or "[]")]


def error_of(row: dict[str, Any]) -> DocError | None:
    """The error of a result row, or None."""
    if row.get("error_type") is None:
        return None
    return DocError(
        doc_id=row["doc_id"],
        stage=row["error_stage"],
        type=row["error_type"],
        message=row["error_message"],
    )
