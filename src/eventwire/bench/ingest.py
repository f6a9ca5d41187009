"""Storage overhead: ``eventwire code`` alone against ``eventwire ingest`` on the same articles.

The ingest side does what ``eventwire ingest`` does with the given settings: with ``relate`` on
(the default) it relates and stores people, things and claims too, so the overhead is relate
and storage together (``eventwire bench --relate`` gives relate alone).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.bench.harness import prepare
from eventwire.ingest import ingest
from eventwire.settings import Settings
from eventwire.store import Store


def run_ingest_bench(
    settings: Settings,
    *,
    n: int,
    peers_dir: Path,
    log: Callable[..., Any] = print,
) -> str:
    """Code ``n`` articles, then code and store the same articles into a fresh database.

    Returns:
        The report; its last line is machine-readable
        (``overhead=0.04 ingest_articles_per_s=4.1 db_mb_per_1000=9.8``).
    """
    where, docs, pipeline = prepare(settings, n=n, peers_dir=peers_dir)
    log(f"bench --ingest: {len(docs)} articles, {where}, model {settings.model}")
    t0 = time.perf_counter()
    events = sum(len(pipeline.code_document(doc).events) for doc in docs)
    code_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        path = Path(tmp) / "bench.db"
        with Store(path, near_duplicate=settings.near_duplicate) as store:
            t0 = time.perf_counter()
            summary = ingest(docs, pipeline=pipeline, store=store)
            ingest_s = time.perf_counter() - t0
            stats = store.stats()
        size_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20
    overhead = ingest_s / code_s - 1 if code_s else 0.0
    per_1000 = size_mb / max(len(docs), 1) * 1000
    side = "code + relate + store" if settings.relate else "code + store"
    return "\n".join(
        [
            f"code alone : {code_s:7.2f} s  {len(docs) / code_s:6.2f} articles/s  "
            f"({events} events)",
            f"{side} : {ingest_s:7.2f} s  {len(docs) / ingest_s:6.2f} articles/s  "
            f"({summary.line()})",
            f"database     : {size_mb:7.2f} MB for {len(docs)} articles, "
            f"{stats['events']} events, {stats['clusters']} clusters",
            f"overhead={overhead:.3f} ingest_articles_per_s={len(docs) / ingest_s:.2f} "
            f"db_mb_per_1000={per_1000:.1f}",
        ]
    )
