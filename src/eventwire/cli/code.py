"""Commands on articles: ``eventwire code | eval | bench | config``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from eventwire.cli.common import (
    app,
    err,
    fail,
    make_pipeline,
    make_progress,
    make_settings,
    out,
    report_error,
    wide_console,
)
from eventwire.errors import EventwireError
from eventwire.model import Document, Event
from eventwire.settings import Settings

DEFAULT_PEERS = Path("../shared/peers")


def _table(events: list[Event]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for col in ("doc", "date", "type", "cameo", "source", "target", "where", "trigger", "sentence"):
        table.add_column(col, overflow="fold")
    for ev in events:
        table.add_row(
            ev.doc_id,
            ev.date or "",
            ev.type + (" (neg)" if ev.negated else ""),
            ev.cameo,
            ",".join(sorted({a.country or "?" for a in ev.source})),
            ",".join(sorted({a.country or "?" for a in ev.target})),
            (ev.location.country or "") if ev.location else "",
            ev.trigger,
            ev.sentence.text[:90],
        )
    return table


@app.command("code")
def code_cmd(
    files: Annotated[
        list[Path], typer.Argument(help="Text, HTML, JSONL or Parquet files, or folders.")
    ],
    date: Annotated[
        str | None, typer.Option("--date", help="Publication date YYYY-MM-DD of the input.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl",
    out_path: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Also write the JSONL records to this file; with --engine ray, the "
            "output folder (events by month, errors, documents as Parquet).",
        ),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any document failed.")] = False,
    fail_fast: Annotated[bool, typer.Option(help="Stop on the first unexpected error.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    engine: Annotated[
        str,
        typer.Option(
            "--engine", help="local (this process) or ray (Ray Data; needs eventwire[scale])."
        ),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option(
            "--address", help="With --engine ray: the cluster to join (auto, ray://host:10001)."
        ),
    ] = None,
    num_cpus: Annotated[
        int | None,
        typer.Option(
            "--num-cpus", help="With --engine ray: coding workers, one CPU each (default: all)."
        ),
    ] = None,
) -> None:
    """Code articles: one JSON event record a line on stdout (or Parquet, with --engine ray)."""
    from eventwire.read import validate_date

    if fmt not in ("jsonl", "table"):
        raise fail(f"--format must be jsonl or table, not {fmt!r}")
    if engine not in ("local", "ray"):
        raise fail(f"--engine must be local or ray, not {engine!r}")
    if engine == "local" and (address is not None or num_cpus is not None):
        raise fail("--address and --num-cpus go with --engine ray")
    try:
        validate_date(date)
    except EventwireError as exc:
        raise fail(str(exc)) from exc
    settings = make_settings(model=model)
    if engine == "ray":
        from eventwire.cli.scale import run_ray

        if out_path is None:
            raise fail("--engine ray writes Parquet: give the output folder with --out DIR")
        if fmt != "jsonl":
            raise fail("--engine ray writes Parquet to --out; --format does not apply")
        job = run_ray(
            files,
            out_path,
            settings=settings,
            published=date,
            address=address,
            num_cpus=num_cpus,
            quiet=quiet,
            fail_fast=fail_fast,
        )
        err.print(f"{job.line()} → {out_path}", highlight=False)
        if strict and job.errors:
            raise typer.Exit(1)
        return
    pipeline = make_pipeline(settings, fail_fast)
    failed = 0
    docs = 0
    collected: list[Event] = []
    sink = out_path.open("w", encoding="utf-8") if out_path else None
    try:
        with make_progress(None, quiet) as progress:
            task = progress.add_task("coding", total=None, events=0, errors=0)
            for result in pipeline.run_paths(files, published=date):
                docs += 1
                if result.error is not None:
                    failed += 1
                    report_error(result.error)
                for event in result.events:
                    line = json.dumps(event.to_json_dict(), ensure_ascii=False)
                    if fmt == "jsonl":
                        sys.stdout.write(line + "\n")
                    else:
                        collected.append(event)
                    if sink:
                        sink.write(line + "\n")
                progress.update(
                    task,
                    advance=1,
                    events=progress.tasks[0].fields["events"] + len(result.events),
                    errors=failed,
                )
    finally:
        if sink:
            sink.close()
    if fmt == "table":
        # a pipe or a narrow terminal would fold every cell: give the table room
        wide_console(170).print(_table(collected))
    n_events = len(collected) if fmt == "table" else None
    summary = f"{docs} documents, {failed} failed"
    if n_events is not None:
        summary += f", {n_events} events"
    err.print(summary, highlight=False)
    if strict and failed:
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    gold_dir: Annotated[
        Path | None, typer.Argument(help="Folder of NAME.txt + NAME.gold.json pairs.")
    ] = None,
    peer: Annotated[
        str | None,
        typer.Option("--peer", help="Score a public peer suite: plover, petrarch2 or ngec."),
    ] = None,
    peers_dir: Annotated[Path, typer.Option(help="Folder holding the peer files.")] = DEFAULT_PEERS,
    verbose: Annotated[bool, typer.Option("--verbose/--brief", help="List every miss.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
) -> None:
    """Score the coder against a gold folder or a peer suite, with every miss listed."""
    from eventwire.evaluate import evaluate_dir, evaluate_peer, format_peer, format_report
    from eventwire.evaluate.peers import PEER_NAMES
    from eventwire.read import read_path

    if gold_dir is None and peer is None:
        raise fail("give a GOLD_DIR or --peer plover|petrarch2|ngec")
    settings = make_settings(model=model)
    pipeline = make_pipeline(settings)
    try:
        if peer is not None:
            if peer not in PEER_NAMES:
                raise fail(f"--peer must be one of {', '.join(PEER_NAMES)}, not {peer!r}")

            def code_sentence(text: str, date: str | None) -> list[dict[str, Any]]:
                doc = Document(id="peer", text=text, published=date)
                result = pipeline.code_document(doc)
                return [e.to_json_dict() for e in result.events]

            score = evaluate_peer(peer, peers_dir, code_sentence)  # type: ignore[arg-type]
            out.print(
                json.dumps(score.to_dict()) if as_json else format_peer(score), highlight=False
            )
            return
        assert gold_dir is not None

        def code_gold(gold: Any) -> list[dict[str, Any]]:
            docs = read_path(gold.text_path, published=gold.date, max_bytes=settings.max_bytes)
            events: list[dict[str, Any]] = []
            for doc in docs:
                doc = doc.model_copy(update={"id": gold.id})
                result = pipeline.relate_document(doc)
                if result.error is not None:
                    raise EventwireError(result.error.message, doc_id=gold.id)
                events.extend(e.to_json_dict() for e in result.events)
                if result.related is not None:  # people and things are scored too
                    events.extend(r.model_dump(mode="json") for r in result.related.records())
            return events

        set_score = evaluate_dir(gold_dir, code_gold)
    except EventwireError as exc:
        raise fail(str(exc)) from exc
    if as_json:
        out.print(json.dumps(set_score.to_dict()), highlight=False)
    else:
        out.print(format_report(set_score, verbose=verbose), highlight=False, markup=False)


@app.command("bench")
def bench_cmd(
    n: Annotated[int, typer.Option("--n", help="Number of ~700-word articles.")] = 120,
    peers_dir: Annotated[Path, typer.Option(help="Folder holding the peer files.")] = DEFAULT_PEERS,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
    soak: Annotated[
        int, typer.Option(help="Then code this many more articles and sample memory.")
    ] = 0,
    ingest: Annotated[
        bool, typer.Option("--ingest", help="Measure storage overhead: code vs code + store.")
    ] = False,
    relate: Annotated[
        bool, typer.Option("--relate", help="Measure the relate stage: code vs code + relate.")
    ] = False,
    store: Annotated[
        bool, typer.Option("--store", help="Time filtered queries on a synthetic database.")
    ] = False,
    serve: Annotated[
        bool,
        typer.Option(
            "--serve", help="p50/p95 latency of /api/events on a synthetic database, served."
        ),
    ] = False,
    events: Annotated[
        int,
        typer.Option("--events", help="Events in the synthetic database of --store or --serve."),
    ] = 1_000_000,
    engine: Annotated[
        str,
        typer.Option("--engine", help="ray: throughput on Ray with 1 and 2 CPUs vs one process."),
    ] = "local",
) -> None:
    """Time the whole pipeline against a bare spaCy parse of the same text, on one core."""
    settings = make_settings(model=model)
    if engine not in ("local", "ray"):
        raise fail(f"--engine must be local or ray, not {engine!r}")
    try:
        if engine == "ray":
            try:
                from eventwire.bench.scale import run_scale_bench
            except ImportError as exc:
                raise fail(f"--engine ray needs pip install 'eventwire[scale]' ({exc})") from exc
            report = run_scale_bench(settings, n=n, peers_dir=peers_dir, log=err.print)
            out.print(report, highlight=False, markup=False)
            return
        if store or serve:
            from eventwire.bench.serve import bench_serve
            from eventwire.bench.store import bench_query

            figures = bench_serve(n_events=events) if serve else bench_query(n_events=events)
            out.print(
                " ".join(
                    f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                    for k, v in figures.items()
                ),
                highlight=False,
                markup=False,
            )
            return
        if relate:
            from eventwire.bench.relate import run_relate_bench

            report = run_relate_bench(settings, n=n, peers_dir=peers_dir, log=err.print)
        elif ingest:
            from eventwire.bench.ingest import run_ingest_bench

            report = run_ingest_bench(settings, n=n, peers_dir=peers_dir, log=err.print)
        else:
            from eventwire.bench import run_bench

            report = run_bench(settings, n=n, peers_dir=peers_dir, soak=soak, log=err.print)
    except EventwireError as exc:
        raise fail(str(exc)) from exc
    out.print(report, highlight=False, markup=False)


@app.command("config")
def config_cmd() -> None:
    """Print every effective setting, its value and where it came from."""
    import os
    import tomllib

    settings = make_settings()
    toml_path = Path("eventwire.toml")
    try:
        in_file = (
            tomllib.loads(toml_path.read_text(encoding="utf-8")) if toml_path.is_file() else {}
        )
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise fail(f"{toml_path}: {exc}") from exc
    for name, field in Settings.model_fields.items():
        source = "default"
        if f"EVENTWIRE_{name.upper()}" in os.environ:
            source = "env"
        elif name in in_file:
            source = "eventwire.toml"
        out.print(
            f"{name} = {getattr(settings, name)!r}  [{source}]  {field.description}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
