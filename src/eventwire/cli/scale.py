"""Commands for Ray output: ``eventwire load`` (and the Ray engine behind ``eventwire code``)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire.cli.common import DbOpt, app, err, fail, make_settings, report_error
from eventwire.errors import EventwireError

if TYPE_CHECKING:
    from eventwire.ingest import IngestSummary
    from eventwire.scale.ray import ScaleSummary
    from eventwire.settings import Settings

SCALE_MISSING = (
    "the Ray engine needs the scale extra: pip install 'eventwire[scale]' (or use --engine local)"
)


def run_ray(
    files: list[Path],
    out: Path,
    *,
    settings: Settings,
    published: str | None,
    address: str | None,
    num_cpus: int | None,
    quiet: bool,
    fail_fast: bool,
) -> ScaleSummary:
    """Run ``eventwire code --engine ray``: code on Ray, write Parquet under ``out``.

    Raises:
        typer.Exit: Ray is not installed, or a bad setting or output folder (exit 2).
    """
    try:
        from eventwire.scale.ray import code_on_ray
    except ImportError as exc:
        raise fail(f"{SCALE_MISSING} ({exc})") from exc
    if num_cpus is not None and num_cpus < 1:
        raise fail(f"--num-cpus must be 1 or more, not {num_cpus}")
    try:
        return code_on_ray(
            files,
            out,
            settings=settings,
            published=published,
            address=address,
            num_cpus=num_cpus,
            quiet=quiet,
            fail_fast=fail_fast,
        )
    except EventwireError as exc:
        raise fail(str(exc)) from exc


@app.command("load")
def load_cmd(
    out_dir: Annotated[
        Path, typer.Argument(help="Output folder of `eventwire code --engine ray`.")
    ],
    db: DbOpt = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any document failed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress display.")] = False,
) -> None:
    """Store the documents, events and errors of a Ray job's Parquet output in the database."""
    from eventwire.scale.load import load_output
    from eventwire.store import Store

    settings = make_settings()
    path = Path(db) if db is not None else Path(settings.db)
    if not out_dir.is_dir():
        raise fail(f"{out_dir}: no such folder; give the --out folder of a Ray job")
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]load[/bold] {task.fields[line]}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )
    started = time.monotonic()
    try:
        with Store(path, near_duplicate=settings.near_duplicate) as store, progress:
            task = progress.add_task("load", total=None, line="")

            def advance(summary: IngestSummary, doc_id: str) -> None:
                progress.update(task, line=summary.line())

            summary = load_output(out_dir, store=store, progress=advance)
    except EventwireError as exc:
        raise fail(str(exc)) from exc
    for error in summary.errors:
        report_error(error)
    err.print(f"{summary.line()} in {time.monotonic() - started:.1f} s", highlight=False)
    if strict and summary.failed:
        raise typer.Exit(1)
