"""Commands on the event database: ``eventwire ingest | events | export``."""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from eventwire.cli.common import (
    DateOpt,
    DbOpt,
    FailFastOpt,
    LimitOpt,
    ModelOpt,
    QuietOpt,
    StrictOpt,
    app,
    err,
    fail,
    make_pipeline,
    make_settings,
    open_store,
    report_error,
    wide_console,
)
from eventwire.errors import EventwireError

if TYPE_CHECKING:
    from eventwire.ingest import IngestSummary
    from eventwire.store import EventQuery


@app.command("ingest")
def ingest_cmd(
    sources: Annotated[
        list[str],
        typer.Argument(help="Files, folders, JSONL, WARC(.gz), RSS/Atom feeds or article URLs."),
    ],
    db: DbOpt = None,
    date: DateOpt = None,
    model: ModelOpt = None,
    strict: StrictOpt = False,
    fail_fast: FailFastOpt = False,
    quiet: QuietOpt = False,
    relate: Annotated[
        bool | None,
        typer.Option(
            "--relate/--no-relate",
            help="Also store people, things, claims and quotes (default: the relate setting).",
        ),
    ] = None,
) -> None:
    """Read, code and store every document of the sources, one transaction each (with the
    people, named things, claims and quotes each names, unless --no-relate)."""
    from eventwire.ingest import ingest
    from eventwire.read import iter_sources, validate_date

    try:
        validate_date(date)
    except EventwireError as exc:
        raise fail(str(exc)) from exc
    settings = make_settings(model=model, relate=relate)
    pipeline = make_pipeline(settings, fail_fast)
    with open_store(db, readonly=False) as store:
        items = iter_sources(sources, settings=settings, published=date)
        with _ingest_progress(quiet) as progress:
            task = progress.add_task("ingest", total=None, events=0, errors=0, rate="")
            started = time.monotonic()

            def advance(summary: IngestSummary, doc_id: str) -> None:
                elapsed = max(time.monotonic() - started, 1e-6)
                progress.update(
                    task,
                    completed=summary.documents,
                    events=summary.events_added,
                    errors=summary.failed,
                    rate=f"{summary.documents / elapsed:.1f} docs/s",
                    description=doc_id[:40],
                )

            summary = ingest(items, pipeline=pipeline, store=store, progress=advance)
        for error in summary.errors:
            report_error(error)
        stats = store.stats()
    err.print(summary.line(), highlight=False)
    err.print(
        f"{store.path}: {stats['documents']} documents, {stats['events']} events, "
        f"{stats['clusters']} clusters, {stats['errors']} errors recorded",
        highlight=False,
    )
    if strict and summary.failed:
        raise typer.Exit(1)


def _ingest_progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description:<40}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(
            "docs · {task.fields[events]} events · [red]{task.fields[errors]}[/] errors"
            " · {task.fields[rate]}"
        ),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )


def _query(
    actor: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    quad: int | None,
    text: str | None,
    limit: int | None,
) -> EventQuery:
    from eventwire.read import validate_date
    from eventwire.store import EventQuery

    for flag, value in (("--since", since), ("--until", until)):
        try:
            validate_date(value)
        except EventwireError as exc:
            raise fail(f"{flag}: {exc}") from exc
    if quad is not None and quad not in (1, 2, 3, 4):
        raise fail(f"--quad must be 1, 2, 3 or 4, not {quad}")
    return EventQuery(
        actor=actor.upper() if actor else None,
        type=type_.upper() if type_ else None,
        since=since,
        until=until,
        quad=quad,
        text=text,
        limit=limit,
    )


ActorOpt = Annotated[
    str | None, typer.Option("--actor", help="Country or organisation code on either side.")
]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Events on or after YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Events on or before YYYY-MM-DD.")]
QuadOpt = Annotated[int | None, typer.Option("--quad", help="Quad class 1-4.")]
TextOpt = Annotated[str | None, typer.Option("--text", help="Words in the sentence.")]


@app.command("events")
def events_cmd(
    db: DbOpt = None,
    actor: ActorOpt = None,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    quad: QuadOpt = None,
    text: TextOpt = None,
    limit: LimitOpt = 100,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
) -> None:
    """Query the stored events from the terminal."""
    if fmt not in ("table", "jsonl", "csv"):
        raise fail(f"--format must be table, jsonl or csv, not {fmt!r}")
    query = _query(actor, type_, since, until, quad, text, limit)
    with open_store(db, readonly=True) as store:
        try:
            total = store.count_events(query)
            records = list(store.events(query))
        except EventwireError as exc:
            raise fail(str(exc)) from exc
    if fmt == "jsonl":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":  # the same columns as `eventwire export --format csv`
        from eventwire.export.to_csv import CSV_COLUMNS, flatten

        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(flatten(record) for record in records)
    else:
        wide_console(170).print(_events_table(records))
    err.print(f"{len(records)} of {total} matching events", highlight=False)


def _actors(actors: list[dict[str, Any]]) -> str:
    return ";".join(sorted({a.get("country") or "?" for a in actors}))


def _events_table(records: list[dict[str, Any]]) -> Table:
    table = Table(header_style="bold")
    for col in ("date", "type", "cameo", "source", "target", "where", "cluster", "sentence"):
        table.add_column(col, overflow="fold")
    for record in records:
        location = record.get("location") or {}
        table.add_row(
            record.get("date") or "",
            record["type"] + (" (neg)" if record["negated"] else ""),
            record["cameo"],
            _actors(record["source"]),
            _actors(record["target"]),
            location.get("country") or "",
            str(record.get("cluster_id") or ""),
            record["sentence"]["text"][:90],
        )
    return table


@app.command("export")
def export_cmd(
    out_path: Annotated[Path, typer.Option("--out", help="File (or folder, for parquet).")],
    fmt: Annotated[
        str, typer.Option("--format", help="csv, jsonl, parquet (by event month) or gdelt.")
    ] = "jsonl",
    db: DbOpt = None,
    actor: ActorOpt = None,
    type_: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    quad: QuadOpt = None,
    text: TextOpt = None,
) -> None:
    """Write the stored events as CSV, JSONL, Parquet or GDELT 2.0 event-table TSV."""
    from eventwire.export import export_events

    if fmt not in ("csv", "jsonl", "parquet", "gdelt"):
        raise fail(f"--format must be csv, jsonl, parquet or gdelt, not {fmt!r}")
    query = _query(actor, type_, since, until, quad, text, None)
    with open_store(db, readonly=True) as store:
        try:
            summary = export_events(store, fmt=fmt, out=out_path, query=query)  # type: ignore[arg-type]
        except EventwireError as exc:
            raise fail(str(exc)) from exc
    err.print(f"{summary.rows} events written to {out_path} ({fmt})", highlight=False)
