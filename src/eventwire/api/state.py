"""What the routes share: settings, the database threads and the (lazy) pipeline."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from fastapi import Request

from eventwire.api.db import StorePool
from eventwire.settings import Settings
from eventwire.store import Store

T = TypeVar("T")
READER_THREADS = 4


class AppState:
    """What the routes share: settings, the database threads and the (lazy) pipeline.

    Args:
        settings: the effective settings.
        db: the database file.
        make_pipeline: builds the pipeline, on the writer thread at the first write; None
            builds ``Pipeline(settings)``.
        reader_threads: how many read-only connections serve reads.
    """

    def __init__(
        self,
        settings: Settings,
        db: Path,
        *,
        make_pipeline: Callable[[], Any] | None = None,
        reader_threads: int = READER_THREADS,
    ) -> None:
        self.settings = settings
        self.db = db
        self._make_pipeline = make_pipeline
        self._pipeline: Any = None
        self._pipeline_lock = threading.Lock()
        self.readers = StorePool(
            lambda: Store(db, readonly=True), threads=reader_threads, name="eventwire-read"
        )
        self.writer = StorePool(
            lambda: Store(db, near_duplicate=settings.near_duplicate),
            threads=1,
            name="eventwire-write",
        )

    def pipeline(self) -> Any:
        """The pipeline, built on first use (spaCy takes seconds to load)."""
        with self._pipeline_lock:
            if self._pipeline is None:
                if self._make_pipeline is not None:
                    self._pipeline = self._make_pipeline()
                else:
                    from eventwire.pipeline import Pipeline

                    self._pipeline = Pipeline(self.settings)
            return self._pipeline

    async def read(self, fn: Callable[[Store], T]) -> T:
        """Run ``fn(store)`` on a read-only connection."""
        return await self.readers.run(fn)

    async def write(self, fn: Callable[[Store], T]) -> T:
        """Run ``fn(store)`` on the one writer thread."""
        return await self.writer.run(fn)

    def close(self) -> None:
        """Stop the threads and close their connections."""
        self.readers.close()
        self.writer.close()


def state_of(request: Request) -> AppState:
    """The :class:`AppState` of the request's app."""
    state: AppState = request.app.state.eventwire
    return state
