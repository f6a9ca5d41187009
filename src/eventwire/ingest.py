"""Ingest: sources in, documents and their events stored, one transaction per document.

Sits on top of the pipeline, the readers and the store (nothing below imports it). A document is
looked up in the store before it is coded, so unchanged content and syndicated copies cost no
parse; a failure of any kind is recorded in the store's ``errors`` table and the batch goes on.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from eventwire.errors import EventwireError
from eventwire.model import DocError, Document
from eventwire.pipeline import Pipeline
from eventwire.store import Store

logger = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    """What one ingest did, document by document and in total."""

    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicate: int = 0
    failed: int = 0
    events_added: int = 0
    people: int = 0
    things: int = 0
    words: int = 0
    errors: list[DocError] = field(default_factory=list)

    @property
    def documents(self) -> int:
        """Documents seen, whatever became of them."""
        return self.new + self.replaced + self.unchanged + self.duplicate + self.failed

    def line(self) -> str:
        """The one-line summary printed at the end of an ingest."""
        return (
            f"{self.documents} documents: {self.new} new, {self.replaced} replaced, "
            f"{self.unchanged} unchanged, {self.duplicate} duplicate, {self.failed} failed; "
            f"{self.events_added} events added"
            + (
                f", {self.people} people and {self.things} things named"
                if self.people or self.things
                else ""
            )
        )


Progress = Callable[[IngestSummary, str], None]


def source_of(doc: Document) -> str:
    """The outlet a document came from: its URL's host, or ``file`` for local files."""
    if doc.url:
        parts = urlsplit(doc.url)
        if parts.scheme in ("http", "https") and parts.hostname:
            host = parts.hostname
            return host[4:] if host.startswith("www.") else host
    return "file"


def ingest(
    items: Iterable[Document | DocError],
    *,
    pipeline: Pipeline,
    store: Store,
    progress: Progress | None = None,
) -> IngestSummary:
    """Code and store every document; record every failure in the store.

    Args:
        items: documents, or read errors in their place (from ``read.iter_sources``).
        pipeline: the built pipeline.
        store: the open store to write to.
        progress: called after each document with the running summary and the document id.

    Returns:
        The summary of what was stored.
    """
    summary = IngestSummary()
    for item in items:
        if isinstance(item, DocError):
            _record_error(store, summary, item, source=None)
        else:
            _ingest_one(item, pipeline=pipeline, store=store, summary=summary)
        if progress is not None:
            progress(summary, item.doc_id if isinstance(item, DocError) else item.id)
    return summary


def _ingest_one(doc: Document, *, pipeline: Pipeline, store: Store, summary: IngestSummary) -> None:
    source = source_of(doc)
    lookup = store.lookup(doc)
    if lookup.status == "unchanged":
        summary.unchanged += 1
        return
    if lookup.status == "new":
        stored = store.document(doc.id, with_text=False)
        if stored is not None and (stored["url"] or stored["doc_id"]) != (doc.url or doc.id):
            # another document (another url) already has this id: event ids derive from it.
            # (The same key means another process stored this very document since the lookup:
            # ``put`` sees that inside its transaction.)
            doc = doc.model_copy(update={"id": _unique_id(doc)})
    if lookup.status == "duplicate":
        outcome = store.put(doc, [], source=source)
        summary.duplicate += 1
        logger.info("%s: syndicated copy of %s", doc.id, outcome.duplicate_of)
        return
    related = None
    if pipeline.settings.relate:
        relate_result = pipeline.relate_document(doc)
        error, events, words = relate_result.error, relate_result.events, relate_result.words
        related = relate_result.related
    else:
        result = pipeline.code_document(doc)
        error, events, words = result.error, result.events, result.words
    if error is not None:
        _record_error(store, summary, error, source=source)
        return
    try:
        outcome = store.put(doc, events, source=source, related=related)
    except EventwireError as exc:  # a failed write is rolled back: this document only
        error = DocError(doc_id=doc.id, stage="store", type=type(exc).__name__, message=exc.detail)
        _record_error(store, summary, error, source=source)
        return
    summary.words += words
    summary.events_added += outcome.events_added
    summary.people += outcome.people
    summary.things += outcome.things
    if outcome.status == "replaced":
        summary.replaced += 1
    elif outcome.status == "new":
        summary.new += 1
    elif outcome.status == "duplicate":
        summary.duplicate += 1
    else:
        summary.unchanged += 1


def _unique_id(doc: Document) -> str:
    key = (doc.url or doc.text).encode("utf-8", "surrogatepass")
    return f"{doc.id}-{hashlib.sha1(key, usedforsecurity=False).hexdigest()[:8]}"


def _record_error(
    store: Store, summary: IngestSummary, error: DocError, *, source: str | None
) -> None:
    store.put_error(
        error.doc_id, source=source, stage=error.stage, type=error.type, message=error.message
    )
    summary.failed += 1
    summary.errors.append(error)
