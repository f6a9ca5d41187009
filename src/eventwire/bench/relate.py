"""Relate overhead: ``eventwire code`` against code + relate on the same articles.

Each article is run both ways in turn (code alone, then code and relate), so a busy machine
slows both sides alike; the ratio of the two totals is the figure. On a machine shared with
other work that ratio still wobbles by a few percent, so the relate stage's own time is also
clocked around its call (``relate_stage_share``: its time over the time of coding alone).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.bench.harness import prepare
from eventwire.settings import Settings


def run_relate_bench(
    settings: Settings,
    *,
    n: int,
    peers_dir: Path,
    log: Callable[..., Any] = print,
) -> str:
    """Code ``n`` articles with and without the relate stage, interleaved.

    Returns:
        The report; its last line is machine-readable
        (``relate_overhead=0.05 relate_stage_share=0.04 code_articles_per_s=4.0 ...``).
    """
    where, docs, pipeline = prepare(settings, n=n, peers_dir=peers_dir, relate=True)
    log(f"bench --relate: {len(docs)} articles, {where}, model {settings.model}")
    pipeline.relater.seconds = 0.0
    code_s = relate_s = 0.0
    records = events = 0
    for doc in docs:
        t0 = time.perf_counter()
        events += len(pipeline.code_document(doc).events)
        t1 = time.perf_counter()
        result = pipeline.relate_document(doc)
        t2 = time.perf_counter()
        code_s += t1 - t0
        relate_s += t2 - t1
        if result.related is not None:
            records += len(result.related.records())
    overhead = relate_s / code_s - 1 if code_s else 0.0
    stage_s = pipeline.relater.seconds
    return "\n".join(
        [
            f"code alone    : {code_s:7.2f} s  {len(docs) / code_s:6.2f} articles/s  "
            f"({events} events)",
            f"code + relate : {relate_s:7.2f} s  {len(docs) / relate_s:6.2f} articles/s  "
            f"({records} people, things, claims and quotes)",
            f"relate stage  : {stage_s:7.2f} s of the second run",
            f"relate_overhead={overhead:.3f} relate_stage_share={stage_s / code_s:.3f} "
            f"code_articles_per_s={len(docs) / code_s:.2f} "
            f"relate_articles_per_s={len(docs) / relate_s:.2f} records={records}",
        ]
    )
