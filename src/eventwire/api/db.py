"""Database threads of the server: reads on their own read-only connections, writes on one.

As in datasette, a SQLite connection never leaves the thread that opened it. Readers are a
few threads, each with its own ``Store(path, readonly=True)``; every write (and the coding
that precedes it, so a spaCy pipeline is only ever used by one thread) runs on the single
writer thread, which holds the one read-write ``Store``. A request hands a job, a function of
the store, to a pool and awaits its result without blocking the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from eventwire.store import Store

logger = logging.getLogger(__name__)

T = TypeVar("T")
Job = tuple[Callable[[Store], Any], "Future[Any]"]


class StorePool:
    """Threads that each own one :class:`Store` and run jobs on it, in arrival order.

    Args:
        open_store: opens the store; called in each thread on its first job (again after a
            failure, so a database created later by an ingest is picked up).
        threads: how many threads (1 for the writer).
        name: a prefix for the threads' names.
    """

    def __init__(self, open_store: Callable[[], Store], *, threads: int, name: str) -> None:
        self._open_store = open_store
        self._size = threads
        self._name = name
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = False

    def _start(self) -> None:
        with self._lock:
            if self._threads or self._closed:
                return
            for n in range(self._size):
                thread = threading.Thread(target=self._work, name=f"{self._name}-{n}", daemon=True)
                thread.start()
                self._threads.append(thread)

    def _work(self) -> None:
        store: Store | None = None
        try:
            while (job := self._jobs.get()) is not None:
                fn, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    if store is None:
                        store = self._open_store()
                    future.set_result(fn(store))
                except Exception as exc:  # the job boundary: the awaiting request re-raises it
                    future.set_exception(exc)
        finally:
            if store is not None:
                store.close()

    def submit(self, fn: Callable[[Store], T]) -> Future[T]:
        """Queue ``fn(store)`` for one of the threads.

        Raises:
            RuntimeError: the pool is closed.
        """
        if self._closed:
            raise RuntimeError(f"{self._name} pool is closed")
        self._start()
        future: Future[T] = Future()
        self._jobs.put((fn, future))
        return future

    async def run(self, fn: Callable[[Store], T]) -> T:
        """Run ``fn(store)`` on one of the threads and return its result (or raise its error)."""
        return await asyncio.wrap_future(self.submit(fn))

    def close(self) -> None:
        """Finish queued jobs, close every thread's store and join the threads (idempotent)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
        for _ in threads:
            self._jobs.put(None)
        for thread in threads:
            thread.join()
