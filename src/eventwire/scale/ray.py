"""The pipeline on Ray Data: articles in, event records out as month-partitioned Parquet.

:func:`code_on_ray` lists the inputs on the driver, reads them with Ray Data
(``read_binary_files`` for text, HTML and JSONL files; Parquet files of articles by row
group, listed on the driver), runs :class:`~eventwire.scale.worker.CodeArticles` in a pool
of worker actors (one spaCy model per actor) and writes every result through
:class:`OutputSink`. Ray schedules, retries and restarts; eventwire adds no scheduler of
its own.

Fault tolerance: Ray Data starts the actors with ``max_restarts=-1`` and
``max_task_retries=-1``, so a killed worker is restarted and its batch coded again. Each
write task writes its files under names fixed by its task index, through a temporary name
and an atomic rename, so a retried write replaces its own files: no output is lost or
written twice. The manifest is written last, after every part is in place.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import ray
import ray.data
from ray.data._internal.execution.interfaces import TaskContext
from ray.data.block import Block
from ray.data.datasource.datasink import Datasink, WriteResult

from eventwire.errors import ConfigError, InputError, ReadError
from eventwire.export.arrow import write_month_parts, write_table_atomic
from eventwire.model import DocError
from eventwire.read.files import (
    JSONL_SUFFIXES,
    PARQUET_SUFFIXES,
    STAGE,
    folder_files,
    open_parquet,
    validate_date,
)
from eventwire.scale.rows import (
    DOCUMENTS_DIR,
    DOCUMENTS_SCHEMA,
    ERRORS_DIR,
    ERRORS_SCHEMA,
    EVENTS_DIR,
    INPUT_SCHEMA,
    KIND_FILE,
    KIND_JSONL,
    KIND_RECORD,
    MANIFEST,
    document_of,
    error_of,
    error_row,
    events_of,
    part_name,
    unpack_results,
)
from eventwire.scale.worker import CodeArticles
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

BATCH_SIZE = 8
WRITE_ROWS = 2_000
# Idle worker processes a local Ray keeps beyond one per CPU. The coding actors hold the
# CPUs; the read and write tasks run in other worker processes, which Ray stops a second
# after they go idle unless there is room for them. Stopped, the write at the end of a job
# waits for a new Python process to start and import Ray Data, pyarrow and eventwire again:
# 2 to 3 s of every job on a small machine, spent while no article is being coded.
SPARE_WORKERS = 2
# Blocks of one input row: Ray then bundles them into batches of ``batch_size`` for the
# actors, so one big JSONL or Parquet file is shared among all workers, not coded by one.
# The setting holds for every stage, so each row a worker returns is a block of its own,
# and a worker waits for the driver to take its blocks (two at a time) before it starts its
# next batch: the workers return one packed row per batch (rows.BATCH_SCHEMA). With a row
# per article, that wait was about 0.6 s per batch of 8, a fifth of the coding time.
_BLOCK_BYTES = 1


class FailFastError(RuntimeError):
    """A job stopped by ``fail_fast``: a worker met an unexpected exception on an article.

    The message names the article and the exception; the exception's cause is Ray's error,
    which holds the worker's traceback. No manifest is written, so ``eventwire load``
    refuses the (incomplete) output folder.
    """


# how the ArticleError of a worker reads in the text of Ray's error
_ARTICLE_ERROR = re.compile(r"ArticleError: (.+)")


@dataclass
class ScaleSummary:
    """What one Ray job wrote.

    Attributes:
        documents: documents coded (failed ones included).
        events: event records written.
        errors: documents that failed (read or later), written to ``errors/``.
        words: words of the documents coded.
        files: Parquet files written.
        seconds: wall time of the job, from the first read to the manifest.
        workers: the number of coding actors.
    """

    documents: int = 0
    events: int = 0
    errors: int = 0
    words: int = 0
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0

    def line(self) -> str:
        """The one-line summary printed at the end of a job."""
        return (
            f"{self.documents} documents, {self.errors} failed, {self.events} events "
            f"in {self.seconds:.1f} s on {self.workers} workers"
        )


@dataclass(frozen=True)
class Inputs:
    """The input of a job, by how Ray reads it.

    Attributes:
        files: text and HTML files.
        jsonl: JSONL files of articles.
        parquet: row groups of Parquet files of articles: ``(path, group, first row no)``.
        errors: input rows of sources that cannot be read (missing, not Parquet ...).
        parquet_rows: the articles in the Parquet files.
    """

    files: tuple[str, ...] = ()
    jsonl: tuple[str, ...] = ()
    parquet: tuple[tuple[str, int, int], ...] = ()
    errors: tuple[dict[str, Any], ...] = ()
    parquet_rows: int = 0

    @property
    def known_articles(self) -> int | None:
        """How many input rows there are, when known before reading (not with JSONL)."""
        return None if self.jsonl else len(self.files) + len(self.errors) + self.parquet_rows

    @property
    def empty(self) -> bool:
        """Whether there is nothing to read."""
        return not (self.files or self.jsonl or self.parquet or self.errors)


def list_inputs(sources: Sequence[Path]) -> Inputs:
    """Sort the sources' files by reader: text/HTML, JSONL, Parquet row groups, or errors.

    Folders are searched recursively, as the single-process readers do. Only Parquet
    footers are read here; the articles are read by Ray tasks.
    """
    files: list[str] = []
    jsonl: list[str] = []
    parquet: list[tuple[str, int, int]] = []
    errors: list[dict[str, Any]] = []
    rows = 0
    for source in sources:
        path = Path(source).expanduser()
        found = folder_files(path) if path.is_dir() else [path]
        for file in found:
            name = file.name.lower()
            try:
                if not file.exists():
                    raise ReadError(
                        f"{file}: no such file or folder; check the path",
                        doc_id=file.stem,
                        stage=STAGE,
                        where=str(file),
                    )
                if name.endswith(JSONL_SUFFIXES):
                    jsonl.append(str(file.resolve()))
                elif name.endswith(PARQUET_SUFFIXES):
                    groups, count = _row_groups(file)
                    parquet.extend(groups)
                    rows += count
                else:
                    files.append(str(file.resolve()))
            except InputError as exc:
                error = DocError(
                    doc_id=exc.doc_id or file.stem,
                    stage=exc.stage or STAGE,
                    type=type(exc).__name__,
                    message=exc.detail,
                )
                errors.append(error_row(error, source=str(file)))
    return Inputs(tuple(files), tuple(jsonl), tuple(parquet), tuple(errors), parquet_rows=rows)


def _row_groups(path: Path) -> tuple[list[tuple[str, int, int]], int]:
    pfile, _ = open_parquet(path)
    groups: list[tuple[str, int, int]] = []
    first = 1
    for group in range(pfile.metadata.num_row_groups):
        groups.append((str(path.resolve()), group, first))
        first += pfile.metadata.row_group(group).num_rows
    return groups, first - 1


def _file_rows(batch: pa.Table) -> pa.Table:
    rows = [
        {"kind": KIND_FILE, "source": path, "index": 0, "payload": data}
        for path, data in zip(
            batch.column("path").to_pylist(), batch.column("bytes").to_pylist(), strict=True
        )
    ]
    return pa.Table.from_pylist(rows, schema=INPUT_SCHEMA)


def _jsonl_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    data: bytes = row["bytes"]
    return [
        {"kind": KIND_JSONL, "source": row["path"], "index": number, "payload": line}
        for number, line in enumerate(data.split(b"\n"), start=1)
        if line.strip()
    ]


def _record_rows(unit: dict[str, Any]) -> list[dict[str, Any]]:
    """The articles of one Parquet row group, numbered as the single-process reader does."""
    path, group, first = str(unit["path"]), int(unit["group"]), int(unit["first"])
    pfile, columns = open_parquet(Path(path))
    records = pfile.read_row_group(group, columns=columns).to_pylist()
    return [
        {
            "kind": KIND_RECORD,
            "source": path,
            "index": first + offset,
            "payload": json.dumps(record, default=str, ensure_ascii=False).encode("utf-8"),
        }
        for offset, record in enumerate(records)
    ]


def read_inputs(inputs: Inputs) -> ray.data.Dataset:
    """One dataset of input rows from every input file.

    Reading is I/O: its tasks ask for no CPU, so the coding actors can hold every CPU (a
    Ray ``repartition`` task would ask for one, and wait for ever behind them).
    """
    io: dict[str, Any] = {"num_cpus": 0}
    parts: list[ray.data.Dataset] = []
    if inputs.files:
        parts.append(
            ray.data.read_binary_files(list(inputs.files), include_paths=True, **io).map_batches(
                _file_rows, batch_format="pyarrow", **io
            )
        )
    if inputs.jsonl:
        parts.append(
            ray.data.read_binary_files(list(inputs.jsonl), include_paths=True, **io).flat_map(
                _jsonl_rows, **io
            )
        )
    if inputs.parquet:
        # row groups as items, not read_parquet: its file-listing task asks for a CPU,
        # which the coding actors hold, and its rows carry no row numbers
        units = [{"path": p, "group": g, "first": f} for p, g, f in inputs.parquet]
        parts.append(ray.data.from_items(units).flat_map(_record_rows, **io))
    if inputs.errors:
        parts.append(
            ray.data.from_arrow(pa.Table.from_pylist(list(inputs.errors), schema=INPUT_SCHEMA))
        )
    first, *rest = parts
    return first.union(*rest) if rest else first


class OutputSink(Datasink[dict[str, Any]]):
    """Writes result rows: events by month, errors and documents, one part per write task.

    Args:
        out: the output folder (must be empty or absent).
        batch_size: articles per packed row that the workers send (for the part size).
    """

    def __init__(self, out: Path, *, batch_size: int = BATCH_SIZE) -> None:
        self.out = out
        self.batch_size = batch_size
        self.result: WriteResult[dict[str, Any]] | None = None

    def get_name(self) -> str:
        """The write tasks' name in Ray's progress."""
        return "WriteEventwire"

    def write(self, blocks: Iterable[Block], ctx: TaskContext) -> dict[str, Any]:
        """Write this task's events, errors and documents under its own part names."""
        tables = [unpack_results(b) for b in blocks if isinstance(b, pa.Table) and b.num_rows]
        return write_results(tables, self.out, part=ctx.task_idx)

    @property
    def min_rows_per_write(self) -> int:
        """Packed batches per write task: parts of a few thousand documents, not one per batch."""
        return max(1, WRITE_ROWS // self.batch_size)

    def on_write_complete(self, write_result: WriteResult[dict[str, Any]]) -> None:
        """Keep the write tasks' counts for the summary."""
        self.result = write_result


def write_results(tables: Sequence[pa.Table], out: Path, *, part: int) -> dict[str, Any]:
    """Write result rows as the ``part``-th part of each output folder.

    Returns:
        Counts (``documents``, ``events``, ``errors``, ``words``) and the ``files`` written.
    """
    name = part_name(part)
    events: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    words = 0
    for table in tables:
        for row in table.to_pylist():
            error = error_of(row)
            if error is not None:
                errors.append({**error.model_dump(), "source": row.get("url")})
                continue
            doc = document_of(row)
            words += int(row.get("words") or 0)
            documents.append({k: row.get(k) for k in DOCUMENTS_SCHEMA.names})
            events.extend(
                {**event.to_json_dict(), "url": doc.url, "cluster_id": None}
                for event in events_of(row)
            )
    files = [str(p) for p in write_month_parts(events, out / EVENTS_DIR, name=name)]
    if errors:
        path = out / ERRORS_DIR / name
        write_table_atomic(pa.Table.from_pylist(errors, schema=ERRORS_SCHEMA), path)
        files.append(str(path))
    if documents:
        path = out / DOCUMENTS_DIR / name
        write_table_atomic(pa.Table.from_pylist(documents, schema=DOCUMENTS_SCHEMA), path)
        files.append(str(path))
    return {
        "documents": len(documents) + len(errors),
        "events": len(events),
        "errors": len(errors),
        "words": words,
        "files": files,
    }


def start_ray(*, address: str | None, num_cpus: int | None, quiet: bool = False) -> bool:
    """Connect to a Ray cluster (``address``) or start a local one, unless one is running.

    A local Ray keeps :data:`SPARE_WORKERS` more idle worker processes than it has CPUs (see
    there). A cluster is left as its owner started it.

    Args:
        address: ``auto``, ``ray://host:10001`` or None for a local Ray on this machine.
        num_cpus: the CPUs of a local Ray (None: all of them); ignored with ``address``.
        quiet: hide Ray Data's progress bars.

    Returns:
        Whether this call started Ray (and so should shut it down).
    """
    ray.data.DataContext.get_current().enable_progress_bars = not quiet
    if ray.is_initialized():
        return False
    local: dict[str, Any] = {}
    if address is None:
        local["num_cpus"] = num_cpus
        if not os.environ.get("RAY_ADDRESS"):  # otherwise ray.init joins that cluster
            cpus = num_cpus or os.cpu_count() or 1
            local["_system_config"] = {"num_workers_soft_limit": cpus + SPARE_WORKERS}
    ray.init(
        address=address,
        include_dashboard=False,
        logging_level=logging.WARNING,
        log_to_driver=True,
        **local,
    )
    return True


def code_on_ray(
    sources: Sequence[Path],
    out: Path,
    *,
    settings: Settings,
    published: str | None = None,
    address: str | None = None,
    num_cpus: int | None = None,
    batch_size: int = BATCH_SIZE,
    quiet: bool = False,
    fail_fast: bool = False,
    worker: type[CodeArticles] = CodeArticles,
) -> ScaleSummary:
    """Code every article of the sources on Ray; write events, errors and documents to ``out``.

    Args:
        sources: text/HTML files, JSONL or Parquet files of articles, or folders of them.
        out: the output folder; created, and it must be empty.
        settings: the run's settings, shipped to every worker.
        published: the publication date (``YYYY-MM-DD``) for every document, or None.
        address: the Ray cluster to join (``auto``, ``ray://host:10001``); None starts a
            local Ray, or uses the one already running in this process.
        num_cpus: coding workers (one CPU each); for a local Ray, also its CPUs. None: one
            worker per CPU of the cluster.
        batch_size: articles per task: the unit of work that is retried when a worker dies.
        quiet: hide Ray Data's progress bars.
        fail_fast: stop the job on the first unexpected exception in a worker, instead of
            recording it in ``errors/`` and going on.
        worker: the callable class run in each actor (a subclass, for tests).

    Returns:
        The counts and files written.

    Raises:
        ConfigError: ``out`` is not an empty folder, ``published`` is not a date, or there
            is nothing to read.
        FailFastError: with ``fail_fast``, an unexpected exception on an article.
    """
    published = validate_date(published)
    out = out.resolve()  # workers on other nodes write to the same (shared) path
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(f"{out} is not an empty folder; write Ray output to a new folder")
    inputs = list_inputs(sources)
    if inputs.empty:
        raise ConfigError(
            "nothing to read: no .txt, .html, .jsonl or .parquet files in the sources",
            stage=STAGE,
        )
    context = ray.data.DataContext.get_current()
    block_bytes = context.target_max_block_size
    started = start_ray(address=address, num_cpus=num_cpus, quiet=quiet)
    try:
        cpus = ray.cluster_resources().get("CPU", 1)  # type: ignore[no-untyped-call]
        workers = num_cpus or max(1, int(cpus))
        if inputs.known_articles is not None:  # no idle actors (Ray warns of them)
            workers = max(1, min(workers, inputs.known_articles))
        out.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        sink = OutputSink(out, batch_size=batch_size)
        context.target_max_block_size = _BLOCK_BYTES
        try:
            _run(
                inputs,
                sink,
                worker=worker,
                worker_args={"published": published, "fail_fast": fail_fast},
                settings=settings,
                batch_size=batch_size,
                workers=workers,
            )
        except Exception as exc:
            stopped = _ARTICLE_ERROR.findall(str(exc))
            if not stopped:
                raise
            raise FailFastError(
                f"stopped by fail-fast on {stopped[-1]}; {out} is incomplete and has no "
                "manifest (the worker's traceback is in this error's cause)"
            ) from exc
        summary = _summarise(sink, workers=workers, seconds=time.perf_counter() - t0)
        _write_manifest(out, summary)
    finally:
        context.target_max_block_size = block_bytes
        if started:
            ray.shutdown()
    return summary


def _run(
    inputs: Inputs,
    sink: OutputSink,
    *,
    worker: type[CodeArticles],
    worker_args: dict[str, Any],
    settings: Settings,
    batch_size: int,
    workers: int,
) -> None:
    """Read, code and write: the Ray Data job itself."""
    (
        read_inputs(inputs)
        .map_batches(
            worker,
            fn_constructor_args=(settings,),
            fn_constructor_kwargs=worker_args,
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            # Ray Data starts pool actors with max_restarts=-1 and max_task_retries=-1
            # (passing them here is deprecated since Ray 2.60): a dead worker is
            # restarted and its batches run again.
            num_cpus=1,
        )
        .write_datasink(sink, ray_remote_args={"num_cpus": 0})
    )


def _summarise(sink: OutputSink, *, workers: int, seconds: float) -> ScaleSummary:
    summary = ScaleSummary(workers=workers, seconds=seconds)
    returns = sink.result.write_returns if sink.result is not None else []
    for counts in returns:
        summary.documents += counts["documents"]
        summary.events += counts["events"]
        summary.errors += counts["errors"]
        summary.words += counts["words"]
        summary.files.extend(counts["files"])
    summary.files.sort()
    return summary


def _write_manifest(out: Path, summary: ScaleSummary) -> None:
    record = asdict(summary)
    record["files"] = [str(Path(f).relative_to(out)) for f in summary.files]
    tmp = out / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    tmp.replace(out / MANIFEST)
