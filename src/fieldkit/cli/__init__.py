"""The `fieldkit` command line. With no command it opens the app.

`app` is the whole command line. A command named in `ALONE` runs with only its own module
loaded: an import of thousands of rows should not pay for loading and building every other
command first.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Sequence
from typing import Any

import typer

from fieldkit.cli.common import DbOption
from fieldkit.cli.errors import Group

#: The modules that register the commands, in the order `--help` lists them.
MODULES = ("mission", "records", "imports", "exports", "protect", "shred", "serve", "sync")
#: Short commands that run with only their own module loaded (it registers every command
#: they need), and without the cyclic collector: what they build lives until they end.
ALONE = {"import": "imports"}


def default(ctx: typer.Context, db: DbOption = None) -> None:
    """Open the app on the mission file (the default command)."""
    if db is not None:
        ctx.default_map = _db_for_every_command(ctx.command, str(db))
    if ctx.invoked_subcommand is None:
        from fieldkit.cli.launch import open_app

        open_app(db)


def _db_for_every_command(group: Any, db: str) -> dict[str, Any]:
    """`--db` before the command is the default of every command's own `--db`."""
    return {
        name: _db_for_every_command(command, db) if hasattr(command, "commands") else {"db": db}
        for name, command in getattr(group, "commands", {}).items()
    }


def build(modules: Sequence[str] = MODULES) -> typer.Typer:
    """The command line with the commands of `modules`."""
    built = typer.Typer(
        cls=Group,
        invoke_without_command=True,
        no_args_is_help=False,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        help="Offline toolkit for human-rights mission delegates.",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(default)
    for name in modules:
        importlib.import_module(f"fieldkit.cli.{name}").register(built)
    return built


def __getattr__(name: str) -> Any:
    """`fieldkit.cli.app`, built on first use."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()["app"] = whole = build()
    return whole


def command_in(args: Sequence[str]) -> str | None:
    """The command a command line runs: its first word after the options before it."""
    rest = list(args)
    while rest and rest[0].startswith("-"):
        if rest[0] == "--db" and len(rest) > 1:
            rest = rest[2:]
        elif rest[0].startswith("--db="):
            rest = rest[1:]
        else:
            return None
    return rest[0] if rest else None


def main() -> None:
    alone = ALONE.get(command_in(sys.argv[1:]) or "")
    if alone:
        gc.disable()
    command_line = build([alone]) if alone and "app" not in globals() else __getattr__("app")
    try:
        command_line(prog_name="fieldkit")
    finally:
        # The process ends here: what the command built need not be walked by the cyclic
        # collector once more on the way out (a large import leaves ~100,000 objects).
        gc.freeze()
