"""Ray throughput (``eventwire bench --engine ray``): 1 and 2 CPUs against one process.

The same JSONL of ``n`` articles is coded three ways: by one process pinned to one core (the
pipeline already built, as ``eventwire code`` runs once its model is loaded, writing the
JSONL records as ``eventwire code --out`` does), and by a local Ray with 1 and with 2 CPUs,
writing the Parquet output. A Ray job's wall time includes starting the actors, loading
spaCy in each and the final write; a one-article job on the same Ray measures that fixed
start-up, so the marginal (steady) cost of the other ``n - 1`` articles can be told apart
from it. Each Ray first runs an untimed one-article job: the first job on a fresh Ray also
starts Ray Data's own helper actors, which a Ray that is already running has, and neither
timed job should pay for them.

Wall times on a shared machine are noisy, so the CPU time of every process is counted too:
per article, the coding actors' against the one process's, and Ray's own (the driver,
raylet, GCS, Ray Data's helper actors, the read and write tasks) beside them. The last line
is machine-readable.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import ray

from eventwire.bench.harness import build_corpus
from eventwire.model import Document
from eventwire.pipeline import Pipeline
from eventwire.read import iter_documents
from eventwire.scale.ray import code_on_ray, start_ray
from eventwire.settings import Settings

CPUS = (1, 2)
# the process title Ray gives a coding actor (Ray Data's MapWorker running CodeArticles)
_ACTOR_TITLE = "ray::MapWorker"


def _write_jsonl(docs: list[Document], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc.model_dump(exclude_none=True), ensure_ascii=False) + "\n")
    return path


def _time_local(
    settings: Settings, source: Path, out: Path, warm: list[Document]
) -> tuple[float, float, int]:
    """One process on one core, as a Ray worker gets (Ray gives each one thread per CPU).

    Returns:
        Wall seconds, CPU seconds and events, for reading ``source``, coding it and writing
        the records to ``out``.
    """
    try:
        cpus = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(cpus)})
    except (AttributeError, OSError):  # not on Linux: measure unpinned
        cpus = set()
    try:
        pipeline = Pipeline(settings)
        for doc in warm:
            pipeline.code_document(doc)
        t0, c0 = time.perf_counter(), time.process_time()
        events = 0
        with out.open("w", encoding="utf-8") as sink:
            for result in pipeline.run(
                iter_documents([source], published=None, max_bytes=settings.max_bytes)
            ):
                events += len(result.events)
                for event in result.events:
                    sink.write(json.dumps(event.to_json_dict(), ensure_ascii=False) + "\n")
        return time.perf_counter() - t0, time.process_time() - c0, events
    finally:
        if cpus:  # Ray's processes inherit the affinity: give them every core back
            os.sched_setaffinity(0, cpus)


@dataclass
class CpuUse:
    """CPU seconds used during a job: by the coding actors, and by Ray's own processes."""

    actors: float = 0.0
    driver: float = 0.0
    other: float = 0.0  # raylet, GCS, Ray Data's helper actors, read and write tasks

    @property
    def ray_own(self) -> float:
        """Everything but the coding actors: what Ray costs on top of the work."""
        return self.driver + self.other

    def minus(self, other: CpuUse) -> CpuUse:
        """The difference, field by field."""
        return CpuUse(
            self.actors - other.actors, self.driver - other.driver, self.other - other.other
        )


@dataclass
class _CpuMeter:
    """Counts the CPU time of this process and of every process under it (Ray's, when Ray
    was started here), sampling twice a second: a Ray process that exits keeps the CPU
    time it had at its last sample. The meter's own sampling is not counted."""

    interval: float = 0.5
    use: CpuUse = field(default_factory=CpuUse)
    _start: dict[int, float] = field(default_factory=dict)
    _last: dict[int, tuple[str, float]] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _driver0: float = 0.0
    _own: float = 0.0  # the sampling thread's CPU time

    def _sample(self) -> dict[int, tuple[str, float]]:
        seen: dict[int, tuple[str, float]] = {}
        for proc in psutil.Process().children(recursive=True):
            try:
                times = proc.cpu_times()
                title = " ".join(proc.cmdline()[:1])
            except psutil.Error:  # exited between listing and reading
                continue
            seen[proc.pid] = (title, times.user + times.system)
        return seen

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._last.update(self._sample())
            self._own = time.thread_time()

    def __enter__(self) -> _CpuMeter:
        self._start = {pid: cpu for pid, (_, cpu) in self._sample().items()}
        self._driver0 = sum(psutil.Process().cpu_times()[:2])
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        driver = sum(psutil.Process().cpu_times()[:2]) - self._driver0 - self._own
        self._last.update(self._sample())
        self.use = CpuUse(driver=driver)
        for pid, (title, cpu) in self._last.items():
            spent = cpu - self._start.get(pid, 0.0)
            if title.startswith(_ACTOR_TITLE):
                self.use.actors += spent
            else:
                self.use.other += spent


def _time_ray(
    settings: Settings, source: Path, tiny: Path, work: Path, cpus: int
) -> dict[str, Any]:
    start_ray(address=None, num_cpus=cpus, quiet=True)
    try:
        code_on_ray([tiny], work / f"warm-{cpus}", settings=settings, num_cpus=1, quiet=True)
        with _CpuMeter() as small_cpu:
            small = code_on_ray(
                [tiny], work / f"tiny-{cpus}", settings=settings, num_cpus=1, quiet=True
            )
        with _CpuMeter() as full_cpu:
            full = code_on_ray(
                [source], work / f"full-{cpus}", settings=settings, num_cpus=cpus, quiet=True
            )
    finally:
        ray.shutdown()
    return {
        "wall": full.seconds,
        "startup": small.seconds,
        "events": full.events,
        "cpu": full_cpu.use,
        "cpu_startup": small_cpu.use,
    }


def run_scale_bench(
    settings: Settings, *, n: int, peers_dir: Path, log: Callable[..., Any] = print
) -> str:
    """Measure and return the report; its last line is machine-readable.

    Raises:
        InputError: the synthetic stories file is missing.
    """
    docs = build_corpus(max(n, 2), peers_dir)
    words = sum(len(d.text.split()) for d in docs)
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        work = Path(tmp)
        source = _write_jsonl(docs, work / "articles.jsonl")
        tiny = _write_jsonl(docs[-1:], work / "one.jsonl")
        log(f"bench --engine ray: {len(docs)} articles, {words} words, model {settings.model}")
        local_s, local_cpu, local_events = _time_local(
            settings, source, work / "local.jsonl", docs[:3]
        )
        log(f"local: {local_s:.1f} s")
        runs: dict[int, dict[str, Any]] = {}
        for cpus in CPUS:
            run = runs[cpus] = _time_ray(settings, source, tiny, work, cpus)
            log(f"ray {cpus} CPU: {run['wall']:.1f} s (start-up {run['startup']:.1f} s)")
    count = len(docs)
    steady_n = count - 1  # the one-article job coded one of them too
    one, two = runs[1], runs[2]
    steady_one = max(one["wall"] - one["startup"], 1e-9)
    steady_two = max(two["wall"] - two["startup"], 1e-9)
    speedup = one["wall"] / two["wall"]
    speedup_steady = steady_one / steady_two
    local_per = local_s / count
    overhead = one["wall"] / local_s - 1
    overhead_steady = (steady_one / steady_n) / local_per - 1
    per_core_hour = steady_n / steady_one * 3600
    same = local_events == one["events"] == two["events"]
    cpu_lines = []
    cpu_figures = []
    for cpus, run in runs.items():
        # the one-article job starts one actor; a job on c CPUs starts c of them
        startup: CpuUse = run["cpu_startup"]
        use = run["cpu"].minus(CpuUse(startup.actors * cpus, startup.driver, startup.other))
        per = count - cpus
        actor, own = use.actors / per, use.ray_own / per
        cpu_lines.append(
            f"cpu, ray {cpus} CPU{'s' if cpus > 1 else ' '}: {actor:.3f} s/article in the coding "
            f"actors, {own:.3f} s/article Ray's own (driver {use.driver / per:.3f}, "
            f"raylet/GCS/helpers/read/write {use.other / per:.3f}), steady"
        )
        cpu_figures.append(f"ray{cpus}_actor_cpu={actor:.3f} ray{cpus}_own_cpu={own:.3f}")
    lines = [
        f"one process      : {local_s:7.2f} s  {count / local_s:6.2f} articles/s",
        f"ray, 1 CPU       : {one['wall']:7.2f} s  {count / one['wall']:6.2f} articles/s"
        f"  (start-up {one['startup']:.2f} s; steady {steady_n / steady_one:.2f} articles/s)",
        f"ray, 2 CPUs      : {two['wall']:7.2f} s  {count / two['wall']:6.2f} articles/s"
        f"  (start-up {two['startup']:.2f} s; steady {steady_n / steady_two:.2f} articles/s)",
        f"2-CPU speed-up   : {speedup:.2f}x end to end, {speedup_steady:.2f}x steady",
        f"ray overhead     : {overhead:+.1%} per article end to end, {overhead_steady:+.1%} steady"
        " (1 CPU vs one process)",
        f"cpu, one process : {local_cpu / count:.3f} s/article",
        *cpu_lines,
        f"events           : {local_events} one process, {one['events']} / {two['events']} ray"
        + ("" if same else "  MISMATCH"),
        f"engine=ray n={count} local_aps={count / local_s:.2f} ray1_aps={count / one['wall']:.2f} "
        f"ray2_aps={count / two['wall']:.2f} speedup={speedup:.2f} "
        f"speedup_steady={speedup_steady:.2f} overhead={overhead:.3f} "
        f"overhead_steady={overhead_steady:.3f} startup_s={one['startup']:.2f} "
        f"local_cpu={local_cpu / count:.3f} {' '.join(cpu_figures)} "
        f"articles_per_core_hour={per_core_hour:.0f} same_events={str(same).lower()}",
    ]
    return "\n".join(lines)
