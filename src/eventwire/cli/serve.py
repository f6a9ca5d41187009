"""``eventwire serve``: the HTTP API and the web UI over an event database."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.common import DbOpt, app, err, fail, make_settings


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command("serve")
def serve_cmd(
    db: DbOpt = None,
    host: Annotated[
        str | None,
        typer.Option("--host", help="Address to bind (default 127.0.0.1: this machine only)."),
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", help="TCP port (default 8000).", min=1, max=65535)
    ] = None,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web UI over the event database."""
    import uvicorn

    from eventwire.api import create_app

    settings = make_settings(db=str(db) if db is not None else None, host=host, port=port)
    path = Path(settings.db)
    if not path.exists() and settings.api_key is None:
        raise fail(f"{path}: no such database; run `eventwire ingest SOURCE --db {path}` first")
    if not _loopback(settings.host):
        err.print(
            f"[yellow]warning:[/yellow] listening on {settings.host}: other machines can reach "
            "this server" + ("" if settings.require_key_for_reads else " and read every event"),
            highlight=False,
        )
    writes = "on (API key set)" if settings.api_key is not None else "off (no api_key)"
    err.print(
        f"eventwire: {path} at http://{settings.host}:{settings.port}/ "
        f"(API docs /docs; writes {writes})",
        highlight=False,
    )
    uvicorn.run(
        create_app(settings, db=path),
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,
        server_header=False,
    )
