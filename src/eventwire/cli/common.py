"""The typer app and what every command group shares: consoles, errors, settings, progress.

Stdout carries data (JSONL, tables, reports); stderr carries people's messages. A usage error
exits 2, a document that failed exits 1 under ``--strict``, otherwise 0.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from eventwire.errors import EventwireError
from eventwire.model import DocError
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.store import Store

# options that several commands share, spelled once
DateOpt = Annotated[
    str | None, typer.Option("--date", help="Publication date YYYY-MM-DD of the input.")
]
ModelOpt = Annotated[str | None, typer.Option(help="spaCy model package.")]
StrictOpt = Annotated[bool, typer.Option(help="Exit 1 if any document failed.")]
FailFastOpt = Annotated[bool, typer.Option(help="Stop on the first unexpected error.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", help="No progress bar.")]
DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="SQLite event database (default: the `db` setting, eventwire.db)."),
]
LimitOpt = Annotated[int | None, typer.Option("--limit", help="At most this many.")]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="News articles in, PLOVER/CAMEO event data out, every record traceable to its sentence.",
)
err = Console(stderr=True, soft_wrap=True)  # one line per message, whatever the width
out = Console(soft_wrap=True)  # data lines are never folded


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING
    if verbose == 1:
        level = logging.INFO
    elif verbose > 1:
        level = logging.DEBUG
    if quiet:
        level = logging.ERROR
    logging.basicConfig(
        level=level, format="%(message)s", handlers=[RichHandler(console=err, show_path=False)]
    )


@app.callback()
def _main(
    verbose: Annotated[int, typer.Option("-v", "--verbose", count=True, help="More logging.")] = 0,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Only errors on stderr.")] = False,
) -> None:
    _setup_logging(verbose, quiet)


def make_settings(**flags: Any) -> Settings:
    try:
        return Settings(**{k: v for k, v in flags.items() if v is not None})
    except ValueError as exc:
        raise fail(f"bad setting: {exc}") from exc


def make_pipeline(settings: Settings, fail_fast: bool = False) -> Any:
    from eventwire.pipeline import Pipeline

    try:
        return Pipeline(settings, fail_fast=fail_fast)
    except EventwireError as exc:
        raise fail(str(exc)) from exc


def make_progress(total: int | None, quiet: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn(
            "{task.completed} docs · {task.fields[events]} events · {task.fields[errors]} errors"
        ),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )


def report_error(error: DocError) -> None:
    err.print(
        f"[red]{error.doc_id}:[/red] {error.message} [dim]({error.stage})[/dim]", highlight=False
    )


def wide_console(width: int) -> Console:
    """The stdout console, at least ``width`` wide when it is not a terminal: a pipe or a
    narrow default would fold every table cell."""
    return Console(width=max(out.width, width)) if not out.is_terminal else out


def open_store(db: Path | None, *, readonly: bool) -> Store:
    """Open the database named by ``--db`` (or the ``db`` setting); exit 2 with why if it fails."""
    from eventwire.store import Store

    settings = make_settings()
    path = Path(db) if db is not None else Path(settings.db)
    if readonly and not path.exists():
        raise fail(f"{path}: no such database; run `eventwire ingest SOURCE --db {path}` first")
    try:
        return Store(path, near_duplicate=settings.near_duplicate, readonly=readonly)
    except EventwireError as exc:
        raise fail(str(exc)) from exc
