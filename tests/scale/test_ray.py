"""The pipeline on a local Ray: the same records as one process, failures in the errors output,
a killed worker neither losing nor duplicating output, ``fail_fast`` stopping the job on a bug,
and ``eventwire load``.

One local Ray (2 CPUs) serves the module; every job reuses it. The corpus is the 7 sample
articles plus 60 synthetic ~700-word articles (the bench runs a bigger one).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventwire.bench import build_corpus
from eventwire.cli import app
from eventwire.export.arrow import spec_record
from eventwire.model import Document
from eventwire.pipeline import Pipeline
from eventwire.read import iter_documents
from eventwire.scale import EVENTS_DIR, MANIFEST, load_output
from eventwire.scale.rows import DOCUMENTS_DIR, ERRORS_DIR
from eventwire.scale.worker import CodeArticles
from eventwire.settings import Settings
from eventwire.store import Store
from tests.conftest import PEERS, ROOT

ray = pytest.importorskip("ray")
from eventwire.scale.ray import FailFastError, ScaleSummary, code_on_ray, start_ray  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.shared,
    # Ray's own deprecation and resource warnings, raised inside ray.*, are not ours to fix
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*"),
    pytest.mark.filterwarnings("ignore::PendingDeprecationWarning:ray.*"),
    pytest.mark.filterwarnings("ignore::FutureWarning:ray.*"),
    pytest.mark.filterwarnings("ignore::UserWarning:ray.*"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
N_SYNTHETIC = 60


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    assert start_ray(address=None, num_cpus=2, quiet=True)  # as `eventwire code` starts it
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    return build_corpus(7 + N_SYNTHETIC, PEERS)


@pytest.fixture(scope="module")
def inputs(corpus: list[Document], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The corpus in every input form: JSONL (samples + a bad line), Parquet (synthetic),
    a folder of text files and an HTML page with no article, and a missing path."""
    root = tmp_path_factory.mktemp("inputs")
    samples, synthetic = corpus[:7], corpus[7:]
    with (root / "samples.jsonl").open("w", encoding="utf-8") as fh:
        for doc in samples:
            fh.write(json.dumps(doc.model_dump(exclude_none=True)) + "\n")
        fh.write("{not json\n")
    table = pa.Table.from_pylist(
        [{"id": d.id, "published": d.published, "text": d.text} for d in synthetic]
    )
    pq.write_table(table, root / "synthetic.parquet")
    folder = root / "files"
    folder.mkdir()
    for path in FIXTURES.glob("*.txt"):
        (folder / f"file-{path.name}").write_bytes(path.read_bytes())
    (folder / "empty-page.html").write_text("<html><head></head><body></body></html>")
    return [root / "samples.jsonl", root / "synthetic.parquet", folder, root / "missing.txt"]


@pytest.fixture(scope="module")
def local_result(inputs: list[Path]) -> tuple[list[dict[str, Any]], set[str], set[str]]:
    """Single-process coding of the same inputs: events, document ids, failed ids."""
    pipeline = Pipeline(Settings())
    docs = iter_documents(inputs, published=None, max_bytes=Settings().max_bytes)
    events: list[dict[str, Any]] = []
    coded: set[str] = set()
    failed: set[str] = set()
    for result in pipeline.run(docs):
        if result.error is not None:
            failed.add(result.doc_id)
            continue
        coded.add(result.doc_id)
        events.extend(e.to_json_dict() for e in result.events)
    return sorted(events, key=lambda e: e["event_id"]), coded, failed


@pytest.fixture(scope="module")
def ray_job(
    local_ray: None, inputs: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, ScaleSummary]:
    out = tmp_path_factory.mktemp("ray") / "out"
    summary = code_on_ray(inputs, out, settings=Settings(), quiet=True)
    return out, summary


def read_events(out: Path) -> list[dict[str, Any]]:
    table = ds.dataset(out / EVENTS_DIR, partitioning="hive").to_table()
    return sorted((spec_record(r) for r in table.to_pylist()), key=lambda e: e["event_id"])


def test_ray_gives_the_same_records_as_one_process(
    ray_job: tuple[Path, ScaleSummary],
    local_result: tuple[list[dict[str, Any]], set[str], set[str]],
) -> None:
    out, summary = ray_job
    events, coded, _ = local_result
    assert len(coded) == 7 + N_SYNTHETIC + 2  # two text fixtures
    got = read_events(out)
    assert len(got) == len(events) == summary.events
    assert got == events
    documents = pq.read_table(out / DOCUMENTS_DIR).to_pylist()
    assert {d["doc_id"] for d in documents} == coded
    assert len(documents) == len(coded)


def test_failed_articles_land_in_the_errors_output(
    ray_job: tuple[Path, ScaleSummary],
    local_result: tuple[list[dict[str, Any]], set[str], set[str]],
) -> None:
    out, summary = ray_job
    _, _, failed = local_result
    errors = pq.read_table(out / ERRORS_DIR).to_pylist()
    assert {e["doc_id"] for e in errors} == failed == {"samples:8", "empty-page", "missing"}
    assert summary.errors == 3
    by_id = {e["doc_id"]: e for e in errors}
    assert by_id["samples:8"]["type"] == "ReadError"
    assert by_id["empty-page"]["type"] == "ExtractionError"


def test_partitions_are_by_event_month_and_the_manifest_lists_them(
    ray_job: tuple[Path, ScaleSummary],
) -> None:
    out, summary = ray_job
    months = {p.name for p in (out / EVENTS_DIR).iterdir()}
    assert "month=2023-10" in months  # the synthetic stories' publication month
    for path in (out / EVENTS_DIR).glob("month=*/*.parquet"):
        month = path.parent.name.removeprefix("month=")
        dates = pq.read_table(path).column("date").to_pylist()
        assert all((d[:7] if d and len(d) >= 7 else "unknown") == month for d in dates)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*.parquet"))
    assert sorted(manifest["files"]) == on_disk
    assert manifest["documents"] == summary.documents == 7 + N_SYNTHETIC + 2 + 3


class CrashOnce(CodeArticles):
    """Kills its own worker process the first time it meets a given article."""

    def __init__(self, settings: Settings, *, marker: str, victim: str, **kwargs: Any) -> None:
        super().__init__(settings, **kwargs)
        self.marker = Path(marker)
        self.victim = victim

    def __call__(self, batch: pa.Table) -> pa.Table:
        payloads = batch.column("payload").to_pylist()
        if any(self.victim in p.decode("utf-8", "replace") for p in payloads):
            try:
                fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass
            else:
                os.close(fd)
                os._exit(1)  # the worker dies mid-batch, as on a lost node
        return super().__call__(batch)


def test_a_killed_worker_loses_and_duplicates_nothing(
    local_ray: None,
    inputs: list[Path],
    local_result: tuple[list[dict[str, Any]], set[str], set[str]],
    tmp_path: Path,
) -> None:
    parquet = inputs[1]
    ids = pq.read_table(parquet, columns=["id"]).column("id").to_pylist()
    victim = ids[len(ids) // 2]
    marker = tmp_path / "killed"

    class Worker(CrashOnce):
        def __init__(self, settings: Settings, **kwargs: Any) -> None:
            super().__init__(settings, marker=str(marker), victim=f'"{victim}"', **kwargs)

    out = tmp_path / "out"
    summary = code_on_ray([parquet], out, settings=Settings(), quiet=True, worker=Worker)
    assert marker.exists(), "the worker was never killed"
    events, _, _ = local_result
    expected = [e for e in events if e["doc_id"] in set(ids)]
    got = read_events(out)
    assert len({e["event_id"] for e in got}) == len(got)
    assert got == expected
    documents = pq.read_table(out / DOCUMENTS_DIR).column("doc_id").to_pylist()
    assert sorted(documents) == sorted(ids)
    assert summary.documents == len(ids)


class Buggy(CodeArticles):
    """A bug in the clean stage, on the article with id ``bug``."""

    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        super().__init__(settings, **kwargs)
        clean = self.pipeline.cleaner

        def cleaner(doc: Document) -> Any:
            if doc.id == "bug":
                raise RuntimeError(f"a bug on {doc.id}")
            return clean(doc)

        self.pipeline.cleaner = cleaner  # type: ignore[assignment]


def run_within(seconds: float, job: Any) -> Any:
    """Run ``job()`` and give back what it returned or raised; fail if it takes too long."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = job()
        except BaseException as exc:  # handed to the test
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"the job was still running after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three short articles, the second of which meets the ``Buggy`` worker's bug."""
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    texts = {
        "calm": "Officials in Seoul met their Japanese counterparts on Monday.",
        "bug": "The ministers signed a trade agreement in Tokyo on Tuesday.",
        "quiet": "Police arrested two protesters in Paris on Friday.",
    }
    with path.open("w", encoding="utf-8") as fh:
        for doc_id, text in texts.items():
            fh.write(json.dumps({"id": doc_id, "published": "2022-11-14", "text": text}) + "\n")
    return path


def code_feed(feed: Path, out: Path, *flags: str) -> Any:
    """``eventwire code FEED --engine ray --out OUT`` (a Click result), within two minutes."""
    args = ["code", str(feed), "--engine", "ray", "--out", str(out), "--quiet", *flags]
    return run_within(120, lambda: CliRunner().invoke(app, args))


@pytest.mark.issue(8)
def test_fail_fast_stops_the_job_on_the_first_bug(
    local_ray: None, feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(code_on_ray.__kwdefaults__, "worker", Buggy)
    out = tmp_path / "out"
    result = code_feed(feed, out, "--fail-fast")
    assert result.exit_code == 1
    assert isinstance(result.exception, FailFastError)
    message = str(result.exception)
    assert f"bug ({feed}:2): RuntimeError: a bug on bug" in message
    assert "no manifest" in message
    assert not (out / MANIFEST).exists()  # eventwire load refuses the folder


@pytest.mark.issue(8)
def test_without_fail_fast_a_bug_is_an_error_row(
    local_ray: None, feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(code_on_ray.__kwdefaults__, "worker", Buggy)
    out = tmp_path / "out"
    result = code_feed(feed, out)
    assert result.exit_code == 0, result.output
    assert "3 documents, 1 failed" in result.stderr
    (error,) = pq.read_table(out / ERRORS_DIR).to_pylist()
    assert (error["doc_id"], error["stage"], error["type"]) == ("bug", "clean", "RuntimeError")
    assert "a bug on bug" in error["message"]
    documents = pq.read_table(out / DOCUMENTS_DIR).column("doc_id").to_pylist()
    assert sorted(documents) == ["calm", "quiet"]
    assert (out / MANIFEST).is_file()


def test_load_stores_what_ingest_would(ray_job: tuple[Path, ScaleSummary], tmp_path: Path) -> None:
    out, summary = ray_job
    with Store(tmp_path / "ew.db") as store:
        first = load_output(out, store=store)
        # the two text fixtures are copies of two sample articles: stored as duplicates
        assert (first.new, first.duplicate) == (summary.documents - summary.errors - 2, 2)
        assert first.failed == summary.errors
        stored = sorted((spec_record(e) for e in store.events()), key=lambda e: e["event_id"])
        kept = {e["doc_id"] for e in stored}
        copies = {"file-seed-003", "file-d05-world-briefs", "seed-003", "d05-world-briefs"}
        assert len(kept & copies) == 2
        assert stored == [e for e in read_events(out) if e["doc_id"] in kept]
        assert first.events_added == len(stored)
        again = load_output(out, store=store)
        assert again.unchanged == first.new + first.duplicate
        assert again.events_added == 0


def test_cli_code_engine_ray_and_load(local_ray: None, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    source = FIXTURES / "seed-003.txt"
    result = runner.invoke(
        app,
        [
            "code",
            str(source),
            "--engine",
            "ray",
            "--out",
            str(out),
            "--quiet",
            "--date",
            "2022-11-14",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (out / MANIFEST).is_file()
    local = runner.invoke(app, ["code", str(source), "--date", "2022-11-14", "--quiet"])
    expected = sorted(
        (json.loads(line) for line in local.stdout.splitlines()), key=lambda e: e["event_id"]
    )
    assert read_events(out) == expected
    db = tmp_path / "ew.db"
    loaded = runner.invoke(app, ["load", str(out), "--db", str(db), "--quiet"])
    assert loaded.exit_code == 0, loaded.output
    assert "1 new" in loaded.stderr
