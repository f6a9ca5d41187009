"""Ray throughput (``eventwire bench --engine ray``): 1 and 2 CPUs against one process.

The same JSONL of ``n`` articles is coded three ways: by one process pinned to one core (the
pipeline already built, as ``eventwire code`` runs once its model is loaded), and by a local
Ray with 1 and with 2 CPUs. A Ray job's wall time includes starting the actors and loading
spaCy in each; a one-article job on the same Ray measures that fixed start-up, so the
marginal (steady) cost per article can be told apart from it. The last line is
machine-readable.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ray

from eventwire.bench.harness import build_corpus
from eventwire.model import Document
from eventwire.pipeline import Pipeline
from eventwire.read import iter_documents
from eventwire.scale.ray import code_on_ray, start_ray
from eventwire.settings import Settings

CPUS = (1, 2)


def _write_jsonl(docs: list[Document], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc.model_dump(exclude_none=True), ensure_ascii=False) + "\n")
    return path


def _time_local(settings: Settings, source: Path, warm: list[Document]) -> tuple[float, int]:
    """One process on one core, as a Ray worker gets (Ray gives each one thread per CPU)."""
    try:
        cpus = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(cpus)})
    except (AttributeError, OSError):  # not on Linux: measure unpinned
        cpus = set()
    try:
        pipeline = Pipeline(settings)
        for doc in warm:
            pipeline.code_document(doc)
        t0 = time.perf_counter()
        events = 0
        for result in pipeline.run(
            iter_documents([source], published=None, max_bytes=settings.max_bytes)
        ):
            events += len(result.events)
        return time.perf_counter() - t0, events
    finally:
        if cpus:  # Ray's processes inherit the affinity: give them every core back
            os.sched_setaffinity(0, cpus)


def _time_ray(
    settings: Settings, source: Path, tiny: Path, work: Path, cpus: int
) -> dict[str, Any]:
    start_ray(address=None, num_cpus=cpus, quiet=True)
    try:
        small = code_on_ray(
            [tiny], work / f"tiny-{cpus}", settings=settings, num_cpus=1, quiet=True
        )
        full = code_on_ray(
            [source], work / f"full-{cpus}", settings=settings, num_cpus=cpus, quiet=True
        )
    finally:
        ray.shutdown()
    return {"wall": full.seconds, "startup": small.seconds, "events": full.events}


def run_scale_bench(
    settings: Settings, *, n: int, peers_dir: Path, log: Callable[..., Any] = print
) -> str:
    """Measure and return the report; its last line is machine-readable.

    Raises:
        InputError: the synthetic stories file is missing.
    """
    docs = build_corpus(n, peers_dir)
    words = sum(len(d.text.split()) for d in docs)
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        work = Path(tmp)
        source = _write_jsonl(docs, work / "articles.jsonl")
        tiny = _write_jsonl(docs[-1:], work / "one.jsonl")
        log(f"bench --engine ray: {len(docs)} articles, {words} words, model {settings.model}")
        local_s, local_events = _time_local(settings, source, docs[:3])
        log(f"local: {local_s:.1f} s")
        runs: dict[int, dict[str, Any]] = {}
        for cpus in CPUS:
            run = runs[cpus] = _time_ray(settings, source, tiny, work, cpus)
            log(f"ray {cpus} CPU: {run['wall']:.1f} s (start-up {run['startup']:.1f} s)")
    count = len(docs)
    one, two = runs[1], runs[2]
    steady_one = max(one["wall"] - one["startup"], 1e-9)
    steady_two = max(two["wall"] - two["startup"], 1e-9)
    speedup = one["wall"] / two["wall"]
    speedup_steady = steady_one / steady_two
    overhead = one["wall"] / local_s - 1
    overhead_steady = steady_one / local_s - 1
    per_core_hour = count / steady_one * 3600
    same = local_events == one["events"] == two["events"]
    lines = [
        f"one process      : {local_s:7.2f} s  {count / local_s:6.2f} articles/s",
        f"ray, 1 CPU       : {one['wall']:7.2f} s  {count / one['wall']:6.2f} articles/s"
        f"  (start-up {one['startup']:.2f} s; steady {count / steady_one:.2f} articles/s)",
        f"ray, 2 CPUs      : {two['wall']:7.2f} s  {count / two['wall']:6.2f} articles/s"
        f"  (start-up {two['startup']:.2f} s; steady {count / steady_two:.2f} articles/s)",
        f"2-CPU speed-up   : {speedup:.2f}x end to end, {speedup_steady:.2f}x steady",
        f"ray overhead     : {overhead:+.1%} per article end to end, {overhead_steady:+.1%} steady"
        " (1 CPU vs one process)",
        f"events           : {local_events} one process, {one['events']} / {two['events']} ray"
        + ("" if same else "  MISMATCH"),
        f"engine=ray n={count} local_aps={count / local_s:.2f} ray1_aps={count / one['wall']:.2f} "
        f"ray2_aps={count / two['wall']:.2f} speedup={speedup:.2f} "
        f"speedup_steady={speedup_steady:.2f} overhead={overhead:.3f} "
        f"overhead_steady={overhead_steady:.3f} startup_s={one['startup']:.2f} "
        f"articles_per_core_hour={per_core_hour:.0f} same_events={str(same).lower()}",
    ]
    return "\n".join(lines)
