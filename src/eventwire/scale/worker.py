"""The callable class that Ray Data runs in each worker actor: read, clean, parse, resolve, code.

Ray builds one :class:`CodeArticles` per actor, so the spaCy model and the vocabulary load once
per worker, then calls it on batches of input rows. It holds no module state and imports no
Ray: it is the single-process pipeline, fed Arrow batches. Each batch's results go back as one
packed row (:func:`~eventwire.scale.rows.pack_results`).
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

import pyarrow as pa

from eventwire.model import DocError
from eventwire.pipeline import Pipeline, Result
from eventwire.scale.rows import KIND_FILE, KIND_RECORD, input_item, pack_results, result_row
from eventwire.settings import Settings

logger = logging.getLogger(__name__)


class ArticleError(RuntimeError):
    """With ``fail_fast``: an unexpected exception on one article, named in the message.

    Ray gives the driver only the text of a worker's exception (its type and traceback as
    text), so the message carries what the driver reports: the article and the exception.
    """


class CodeArticles:
    """Turn a batch of input rows into a batch of result rows, one per document.

    Args:
        settings: the run's settings (model, limits, thresholds).
        published: the user's publication date for every document, or None.
        fail_fast: let an unexpected exception fail the job instead of recording it.
    """

    def __init__(
        self, settings: Settings, *, published: str | None = None, fail_fast: bool = False
    ) -> None:
        self.settings = settings
        self.published = published
        self.fail_fast = fail_fast
        self.pipeline = Pipeline(settings, fail_fast=fail_fast)

    def __call__(self, batch: pa.Table) -> pa.Table:
        """Code every article of the batch; a failed article becomes an error row.

        Returns:
            One row (:data:`~eventwire.scale.rows.BATCH_SCHEMA`) holding the batch's results.
        """
        return pack_results([self.code_row(row) for row in batch.to_pylist()])

    def code_row(self, row: dict[str, Any]) -> dict[str, Any]:
        """Read and code one input row.

        Raises:
            ArticleError: only with ``fail_fast``, on an unexpected exception.
        """
        try:
            item = input_item(row, published=self.published, max_bytes=self.settings.max_bytes)
        except Exception as exc:  # the per-document boundary: a bug, recorded, the job goes on
            if self.fail_fast:
                raise ArticleError(f"{_where(row)}: {type(exc).__name__}: {exc}") from exc
            logger.debug("bug reading %s:\n%s", row.get("source"), traceback.format_exc())
            item = DocError(
                doc_id=str(row.get("source")),
                stage="read",
                type=type(exc).__name__,
                message=f"{type(exc).__name__}: {exc}",
            )
        if isinstance(item, DocError):
            return result_row(None, Result(item.doc_id, error=item))
        try:
            result = self.pipeline.code_document(item)
        except Exception as exc:  # only with fail_fast: otherwise the pipeline records it
            raise ArticleError(f"{item.id} ({_where(row)}): {type(exc).__name__}: {exc}") from exc
        return result_row(item, result)


def _where(row: dict[str, Any]) -> str:
    """Where an input row was read from: the file, its line, or its Parquet row."""
    source, index = row.get("source"), row.get("index")
    if row.get("kind") == KIND_FILE:
        return str(source)
    if row.get("kind") == KIND_RECORD:
        return f"{source}:row {index}"
    return f"{source}:{index}"
