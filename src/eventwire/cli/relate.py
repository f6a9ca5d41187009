"""``eventwire relate`` (people, things, claims and quotes of articles, one JSON record a
line) and ``eventwire people | things | claims`` (what the store keeps of them)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from eventwire.cli.common import (
    DbOpt,
    LimitOpt,
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
    from eventwire.store import Store

FormatOpt = Annotated[str, typer.Option("--format", help="table or jsonl.")]
CATEGORIES = ("agreement", "policy", "operation", "weapon", "organisation")
STATUSES = ("asserted", "unverified", "confirmed", "denied")


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


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "jsonl"):
        raise fail(f"--format must be table or jsonl, not {fmt!r}")


def _listing(
    db: Path | None,
    fmt: str,
    what: str,
    fetch: Callable[[Store], tuple[list[dict[str, Any]], int]],
    table: Callable[[list[dict[str, Any]]], Table],
) -> None:
    """Fetch from the store, print as a table or JSON lines, and say how many matched."""
    _check_format(fmt)
    with open_store(db, readonly=True) as store:
        try:
            records, total = fetch(store)
        except EventwireError as exc:
            raise fail(str(exc)) from exc
    if fmt == "jsonl":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        wide_console(150).print(table(records))
    err.print(f"{len(records)} of {total} matching {what}", highlight=False)


def _table(columns: Sequence[str], rows: list[list[str]]) -> Table:
    table = Table(header_style="bold")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


@app.command("people")
def people_cmd(
    db: DbOpt = None,
    name: Annotated[str | None, typer.Option(help="Words of the name, any order.")] = None,
    country: Annotated[str | None, typer.Option(help="Country code (ISO alpha-3).")] = None,
    role: Annotated[str | None, typer.Option(help="Text within a role they were given.")] = None,
    person: Annotated[
        int | None, typer.Option("--id", help="One person, with roles over time and events.")
    ] = None,
    limit: LimitOpt = 50,
    fmt: FormatOpt = "table",
) -> None:
    """List the stored people: the same person across articles is one row, with the roles
    the articles gave them (``--id N`` shows one person's role history and events)."""
    if person is not None:
        _one(db, fmt, "person", lambda store: store.person(person), _person_table)
        return
    _listing(
        db,
        fmt,
        "people",
        lambda store: (
            store.people(name=name, country=country, role=role, limit=limit),
            store.count_people(name=name, country=country, role=role),
        ),
        lambda records: _table(
            (
                "id",
                "name",
                "country",
                "role",
                "status",
                "first seen",
                "last seen",
                "docs",
                "events",
            ),
            [
                [
                    str(r["person_id"]),
                    r["name"],
                    r["country"] or "",
                    r["role"] or "",
                    r["role_status"] or "",
                    r["first_seen"] or "",
                    r["last_seen"] or "",
                    str(r["num_documents"]),
                    str(r["num_events"]),
                ]
                for r in records
            ],
        ),
    )


def _one(
    db: Path | None,
    fmt: str,
    what: str,
    fetch: Callable[[Store], dict[str, Any] | None],
    show: Callable[[dict[str, Any]], None],
) -> None:
    _check_format(fmt)
    with open_store(db, readonly=True) as store:
        record = fetch(store)
    if record is None:
        raise fail(f"no such {what}", code=1)
    if fmt == "jsonl":
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        show(record)


def _person_table(p: dict[str, Any]) -> None:
    out = wide_console(150)
    out.print(f"[bold]{p['name']}[/] ({p['country'] or '?'})  aliases: {', '.join(p['aliases'])}")
    out.print(
        _table(
            ("role", "status", "since", "until", "first seen", "last seen", "documents"),
            [
                [
                    r["role"],
                    r["status"] or "",
                    r["since"] or "",
                    r["until"] or "",
                    r["first_seen"] or "",
                    r["last_seen"] or "",
                    ", ".join(r["documents"]),
                ]
                for r in p["roles"]
            ],
        )
    )
    out.print(
        _table(
            ("date", "type", "event", "sentence"),
            [
                [e.get("date") or "", e["type"], e["event_id"], e["sentence"]["text"][:100]]
                for e in p["events"]
            ],
        )
    )


@app.command("things")
def things_cmd(
    db: DbOpt = None,
    name: Annotated[str | None, typer.Option(help="Words of a name or acronym.")] = None,
    category: Annotated[str | None, typer.Option(help=", ".join(CATEGORIES) + ".")] = None,
    party: Annotated[str | None, typer.Option(help="A party's country/organisation code.")] = None,
    thing: Annotated[
        int | None, typer.Option("--id", help="One thing, with parties and lifecycle.")
    ] = None,
    limit: LimitOpt = 50,
    fmt: FormatOpt = "table",
) -> None:
    """List the stored named agreements, policies, operations, weapons and organisations,
    with their parties (``--id N`` shows one thing's lifecycle)."""
    if category is not None and category not in CATEGORIES:
        raise fail(f"--category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    if thing is not None:
        _one(db, fmt, "thing", lambda store: store.thing(thing), _thing_table)
        return
    _listing(
        db,
        fmt,
        "things",
        lambda store: (
            store.things(name=name, category=category, party=party, limit=limit),
            store.count_things(name=name, category=category, party=party),
        ),
        lambda records: _table(
            ("id", "name", "category", "acronym", "parties", "steps", "first seen", "docs"),
            [
                [
                    str(r["thing_id"]),
                    r["name"],
                    r["category"],
                    r["acronym"] or "",
                    ";".join(r["parties"]),
                    str(r["lifecycle"]),
                    r["first_seen"] or "",
                    str(r["num_documents"]),
                ]
                for r in records
            ],
        ),
    )


def _thing_table(t: dict[str, Any]) -> None:
    out = wide_console(150)
    parties = ", ".join(f"{p['party']} ({p['documents']})" for p in t["parties"])
    out.print(f"[bold]{t['name']}[/] ({t['category']})  parties: {parties}")
    out.print(
        _table(
            ("date", "stage", "trigger", "event", "sentence"),
            [
                [
                    s["date"] or "",
                    s["stage"],
                    s["trigger"],
                    s["event_id"] or "",
                    (s["sentence"] or "")[:100],
                ]
                for s in t["lifecycle"]
            ],
        )
    )


@app.command("claims")
def claims_cmd(
    db: DbOpt = None,
    status: Annotated[str | None, typer.Option(help=", ".join(STATUSES) + ".")] = None,
    claimant: Annotated[str | None, typer.Option(help="Text within the claimant.")] = None,
    country: Annotated[str | None, typer.Option(help="The claimant's country code.")] = None,
    about: Annotated[str | None, typer.Option(help="A country code the claim is about.")] = None,
    since: Annotated[str | None, typer.Option(help="On or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before YYYY-MM-DD.")] = None,
    limit: LimitOpt = 50,
    fmt: FormatOpt = "table",
) -> None:
    """List the stored claims (reported or attributed events) with their verification status."""
    from eventwire.read import validate_date

    if status is not None and status not in STATUSES:
        raise fail(f"--status must be one of {', '.join(STATUSES)}, not {status!r}")
    try:
        validate_date(since)
        validate_date(until)
    except EventwireError as exc:
        raise fail(str(exc)) from exc
    filters: dict[str, Any] = {
        "status": status,
        "claimant": claimant,
        "country": country,
        "about": about,
        "since": since,
        "until": until,
    }
    _listing(
        db,
        fmt,
        "claims",
        lambda store: (store.claims(**filters, limit=limit), store.count_claims(**filters)),
        lambda records: _table(
            ("date", "claimant", "status", "by", "about", "text"),
            [
                [
                    r.get("date") or r.get("published") or "",
                    r["claimant"],
                    r["status"],
                    r.get("status_by") or "",
                    ";".join(r.get("about") or []),
                    r["text"][:100],
                ]
                for r in records
            ],
        ),
    )
