"""Server benchmark (``eventwire bench --serve``): latency of ``/api/events`` under load.

Builds the synthetic database of ``eventwire bench --store`` (:func:`bench.store.synthetic`,
loaded with :meth:`Store.put_many`), serves it with a real uvicorn server in a process of its
own (as ``eventwire serve`` does) on a free loopback port, and sends a fixed number of
requests with typical filters from a few concurrent clients (each with its own keep-alive
connection). Latency is measured by the client, from sending a request to having read its
whole response, in milliseconds. The filters are those of the store benchmark, plus the
unfiltered first page and a sort by date.
"""

from __future__ import annotations

import contextlib
import gc
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from eventwire.bench.store import synthetic
from eventwire.settings import Settings
from eventwire.store import Store

# What an analyst asks for: one page of 50 events, with the total count, under common filters.
QUERIES: tuple[str, ...] = (
    "/api/events",
    "/api/events?actor=KOR&type=CONSULT",
    "/api/events?since=2022-11-01&until=2022-11-30&quad=4",
    "/api/events?text=sanctions%20pipeline",
    "/api/events?actor=ETH&since=2020-01-01&until=2021-06-30",
    "/api/events?source_actor=RUS&target_actor=UKR",
    "/api/events?actor=NPL&text=refugees",
    "/api/events?type=ASSAULT&since=2023-06&sort=-date",
)


STARTUP_S = 60.0


def serve_child() -> None:
    """Entry point of the server process: ``DB FD`` in ``sys.argv``, FD a bound socket."""
    import uvicorn

    from eventwire.api import create_app

    db, fd = sys.argv[1], int(sys.argv[2])
    sock = socket.socket(fileno=fd)
    config = uvicorn.Config(
        create_app(Settings(), db=db), log_config=None, access_log=False, server_header=False
    )
    uvicorn.Server(config).run(sockets=[sock])


@contextlib.contextmanager
def server_process(db: Path) -> Iterator[str]:
    """``eventwire serve`` on ``db`` in a child process on a free loopback port; its URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    code = "from eventwire.bench.serve import serve_child; serve_child()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(sock.fileno())], pass_fds=[sock.fileno()]
    )
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            try:
                if httpx.get(base + "/api/events?limit=1", timeout=5.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the benchmark server did not start")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(STARTUP_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        sock.close()


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[rank], 2)


def _load(base: str, paths: list[str], clients: int) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    todo = iter(range(len(paths)))

    def client() -> None:
        with httpx.Client(base_url=base, timeout=60.0) as http:
            while True:
                with lock:
                    n = next(todo, None)
                if n is None:
                    return
                start = time.perf_counter()
                response = http.get(paths[n])
                response.read()
                took = (time.perf_counter() - start) * 1000
                with lock:
                    latencies.append(took)
                    if response.status_code != 200:
                        failures.append(f"{paths[n]}: {response.status_code}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures, time.perf_counter() - start


def bench_serve(
    *,
    n_events: int = 1_000_000,
    requests: int = 2000,
    clients: int = 4,
    count: bool = True,
    path: Path | None = None,
) -> dict[str, float]:
    """Time ``/api/events`` on a synthetic database served by a real uvicorn server.

    Args:
        n_events: events in the synthetic database (ten per document).
        requests: requests sent in all (cycling through :data:`QUERIES`), after one warm-up
            pass over each query.
        clients: concurrent clients.
        count: ask for the total count of matches with each page (the API's default).
        path: an existing database to serve instead of building one (it is not modified);
            else a temporary one is built and removed afterwards.

    Returns:
        ``events``, ``build_s``, ``requests``, ``clients``, ``failed`` and the latency
        figures ``p50_ms``, ``p95_ms``, ``p99_ms``, ``max_ms``, with ``rps`` (requests per
        second over the whole load).

    Raises:
        RuntimeError: a request failed (not 200).
    """
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-serve-") as tmp:
        build_s = 0.0
        if path is None:
            path = Path(tmp) / "bench.db"
            start = time.perf_counter()
            gc.disable()  # millions of short-lived rows: the cyclic collector only slows the load
            try:
                with Store(path) as store:
                    store.put_many(synthetic(n_events))
            finally:
                gc.enable()
            build_s = time.perf_counter() - start
        with Store(path, readonly=True) as store:
            events = store.stats()["events"]
        queries = [q if count else q + ("&" if "?" in q else "?") + "count=false" for q in QUERIES]
        paths = [queries[n % len(queries)] for n in range(requests)]
        with server_process(path) as base:
            _load(base, queries, 1)  # warm-up: connections opened, pages cached
            latencies, failures, took = _load(base, paths, clients)
    if failures:
        raise RuntimeError(f"{len(failures)} requests failed, e.g. {failures[0]}")
    return {
        "events": float(events),
        "build_s": round(build_s, 1),
        "requests": float(len(latencies)),
        "clients": float(clients),
        "failed": float(len(failures)),
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": _percentile(latencies, 95),
        "p99_ms": _percentile(latencies, 99),
        "max_ms": round(max(latencies), 2),
        "rps": round(len(latencies) / took, 1),
    }
