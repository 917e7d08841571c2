"""The `fieldkit` command line. With no command it opens the app."""

from __future__ import annotations

import gc
from typing import Any

import typer

from fieldkit.cli import exports, imports, mission, protect, records, serve, shred, sync
from fieldkit.cli.common import DbOption
from fieldkit.cli.errors import Group

app = typer.Typer(
    cls=Group,
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Offline toolkit for human-rights mission delegates.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
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


mission.register(app)
records.register(app)
imports.register(app)
exports.register(app)
protect.register(app)
shred.register(app)
serve.register(app)
sync.register(app)


def main() -> None:
    try:
        app(prog_name="fieldkit")
    finally:
        # The process ends here: what the command built need not be walked by the cyclic
        # collector once more on the way out (a large import leaves ~100,000 objects).
        gc.freeze()
