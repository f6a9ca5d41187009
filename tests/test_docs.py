"""Everything a user can call is documented: every CLI command and option has help, every
setting a description, and the README names every command."""

from __future__ import annotations

from typing import Any

import typer.main

from eventwire.cli import app
from eventwire.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, Any]:
    group: Any = typer.main.get_command(app)  # typer ships its own click: duck-type it
    return dict(group.commands)


def test_every_command_and_option_has_help() -> None:
    commands = _commands()
    assert {"code", "eval", "bench", "config", "ingest", "events", "export"} <= set(commands)
    for name, command in commands.items():
        assert command.help, f"`eventwire {name}` has no help text"
        for param in command.params:
            if param.param_type_name == "option":
                assert getattr(param, "help", None), (
                    f"`eventwire {name} {param.opts[0]}` lacks help"
                )


def test_every_setting_is_described() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"


def test_readme_names_every_command() -> None:
    for name in _commands():
        assert f"eventwire {name}" in README, f"README never shows `eventwire {name}`"
