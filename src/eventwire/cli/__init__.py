"""The command line: ``eventwire code | relate | eval | bench | config | ingest | events | export``.

Stdout carries data (JSONL, tables, reports); stderr carries people's messages. A usage error
exits 2, a document that failed exits 1 under ``--strict``, otherwise 0. One module per group of
commands; each registers itself on the shared typer ``app``.
"""

from __future__ import annotations

from eventwire.cli import code, relate, scale, serve, store  # noqa: F401  (each registers its own)
from eventwire.cli.common import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``eventwire`` command."""
    app()
