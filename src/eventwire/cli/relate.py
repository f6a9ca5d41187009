"""``eventwire relate``: people, things, claims and quotes of articles, one JSON record a line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.common import app, err, fail, make_pipeline, make_settings, report_error
from eventwire.errors import EventwireError


@app.command("relate")
def relate_cmd(
    files: Annotated[list[Path], typer.Argument(help="Text, HTML or JSONL files, or folders.")],
    date: Annotated[
        str | None, typer.Option("--date", help="Publication date YYYY-MM-DD of the input.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any document failed.")] = False,
    fail_fast: Annotated[bool, typer.Option(help="Stop on the first unexpected error.")] = False,
) -> None:
    """Relate articles: people with roles, named things, claims and quotes, one JSON record a
    line on stdout (each with ``doc_id`` and ``kind``)."""
    from eventwire.read import validate_date

    try:
        validate_date(date)
    except EventwireError as exc:
        raise fail(str(exc)) from exc
    settings = make_settings(model=model)
    pipeline = make_pipeline(settings, fail_fast)
    failed = docs = records = 0
    for result in pipeline.relate_paths(files, published=date):
        docs += 1
        if result.error is not None:
            failed += 1
            report_error(result.error)
            continue
        assert result.related is not None
        for record in result.related.records():
            sys.stdout.write(record.model_dump_json() + "\n")
            records += 1
    err.print(f"{docs} documents, {failed} failed, {records} records", highlight=False)
    if strict and failed:
        raise typer.Exit(1)
