"""Time the whole pipeline against a bare spaCy parse of the same articles, on one core.

Corpus: the bundled sample articles plus ~700-word articles built from the stories in
``peers/ngec_synthetic_events.jsonl``.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import psutil

from eventwire.errors import InputError
from eventwire.model import Document
from eventwire.parse import load_nlp
from eventwire.settings import Settings

WORDS_PER_ARTICLE = 700


def _examples() -> list[Document]:
    path = resources.files("eventwire") / "data" / "examples" / "articles.jsonl"
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            docs.append(Document(id=rec["id"], text=rec["text"], published=rec.get("published")))
    return docs


def build_corpus(n: int, peers_dir: Path) -> list[Document]:
    """``n`` articles: the sample articles, then synthetic stories grouped to ~700 words.

    Raises:
        InputError: the synthetic stories file is missing.
    """
    docs = _examples()
    path = peers_dir / "ngec_synthetic_events.jsonl"
    if not path.is_file():
        raise InputError(f"{path} not found; pass --peers-dir to the folder holding it")
    buf: list[str] = []
    words = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(docs) >= n:
                break
            text = str(json.loads(line).get("text") or "").strip()
            if not text:
                continue
            buf.append(text)
            words += len(text.split())
            if words >= WORDS_PER_ARTICLE:
                docs.append(
                    Document(
                        id=f"synthetic-{len(docs)}", text="\n\n".join(buf), published="2023-10-19"
                    )
                )
                buf, words = [], 0
    return docs[:n]


def pin_one_core() -> str:
    try:
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[0]})
        return f"cpu {cpus[0]}"
    except (AttributeError, OSError):  # not on Linux: measure unpinned
        return "unpinned"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _soak(pipeline: Any, docs: list[Document], total: int) -> list[tuple[int, float]]:
    """Code ``total`` documents (the corpus over and over, under fresh ids) and sample the
    resident memory ten times."""
    proc = psutil.Process()
    samples: list[tuple[int, float]] = []
    step = max(1, total // 10)
    for k in range(total):
        doc = docs[k % len(docs)]
        pipeline.code_document(doc.model_copy(update={"id": f"{doc.id}#{k}"}))
        if (k + 1) % step == 0:
            samples.append((k + 1, proc.memory_info().rss / 2**20))
    return samples


def prepare(
    settings: Settings, *, n: int, peers_dir: Path, relate: bool = False
) -> tuple[str, list[Document], Any]:
    """Pin to one core, build the corpus and a pipeline, warm it on the first five articles.

    Returns:
        ``(where it runs, the articles, the pipeline)``; ``relate`` warms the relate stage too.
    """
    from eventwire.pipeline import Pipeline

    where = pin_one_core()
    docs = build_corpus(n, peers_dir)
    pipeline = Pipeline(settings, nlp=load_nlp(settings.model))
    for doc in docs[: min(5, len(docs))]:  # warm-up: lazy tables, caches (and relate cues)
        if relate:
            pipeline.relate_document(doc)
        else:
            pipeline.code_document(doc)
    gc.collect()
    return where, docs, pipeline


def run_bench(
    settings: Settings,
    *,
    n: int,
    peers_dir: Path,
    soak: int = 0,
    log: Callable[..., Any] = print,
) -> str:
    """Measure and return the report; its last line is machine-readable."""
    from eventwire.pipeline import Pipeline

    where = pin_one_core()
    docs = build_corpus(n, peers_dir)
    words = sum(len(d.text.split()) for d in docs)
    nlp = load_nlp(settings.model)
    pipeline = Pipeline(settings, nlp=nlp)
    warm = docs[: min(5, len(docs))]
    for doc in warm:  # warm-up: lazy tables, caches
        pipeline.code_document(doc)
        nlp(doc.text)
    gc.collect()
    log(f"bench: {len(docs)} articles, {words} words, {where}, model {settings.model}")
    t0 = time.perf_counter()
    for _ in nlp.pipe((d.text for d in docs), batch_size=settings.batch_size):
        pass
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    events = 0
    errors = 0
    for doc in docs:
        result = pipeline.code_document(doc)
        events += len(result.events)
        errors += result.error is not None
    whole = time.perf_counter() - t0
    rss = _rss_mb()
    ratio = whole / bare if bare else 0.0
    soak_line = ""
    if soak:
        samples = _soak(pipeline, docs, soak)
        soak_line = "soak RSS (docs: MB): " + ", ".join(f"{k}: {mb:.0f}" for k, mb in samples)
        log(soak_line)
    lines = [
        f"bare spaCy parse : {bare:7.2f} s  {len(docs) / bare:6.2f} articles/s"
        f"  {words / bare:8.0f} words/s",
        f"whole pipeline   : {whole:7.2f} s  {len(docs) / whole:6.2f} articles/s"
        f"  {words / whole:8.0f} words/s  ({events} events, {errors} errors)",
        f"peak RSS         : {rss:7.0f} MB",
        f"ratio={ratio:.2f} articles_per_s={len(docs) / whole:.2f} words_per_s={words / whole:.0f} "
        f"rss_mb={rss:.0f}",
    ]
    if soak_line:
        lines.insert(-1, soak_line)
    return "\n".join(lines)
