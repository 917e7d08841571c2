"""`fieldkit shred` and `fieldkit wipe-after`: destroy the mission at once, or after guesses."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption
from fieldkit.cli.errors import fail
from fieldkit.storage import guard
from fieldkit.storage.shred import Shredded, shred

CONFIRM = "shred"

ExportsOption = Annotated[
    Path | None,
    typer.Option("--exports", help="The exports folder to destroy too (default: exports/)."),
]


def tell(done: Shredded) -> None:
    """What was destroyed, what could not be, and what fieldkit cannot reach."""
    if done.keys_destroyed:
        typer.echo(f"key material destroyed in {done.keys_destroyed} file(s)", err=True)
    typer.echo(f"removed {done.removed} file(s), {done.overwritten} overwritten first", err=True)
    for failed in done.failed:
        typer.echo(f"could not destroy {failed}", err=True)
    typer.echo("fieldkit cannot reach:", err=True)
    for line in done.not_reached:
        typer.echo(f"  - {line}", err=True)


def _confirm(path: Path) -> None:
    if not sys.stdin.isatty():
        fail(f"add --yes to shred {path} (nothing was changed)")
    typed = typer.prompt(f"This destroys {path}, its backups and exports. Type {CONFIRM!r}")
    if str(typed).strip().lower() != CONFIRM:
        fail("not confirmed; nothing was changed")


def register(app: typer.Typer) -> None:
    @app.command("shred")
    def shred_command(
        yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
        exports: ExportsOption = None,
        db: DbOption = None,
    ) -> None:
        """Destroy the mission, its backups and the exports folder (keys first): no undo."""
        path = settings.db_path(db)
        if not path.exists() and not path.is_symlink():
            fail(f"no mission file at {path}; nothing was changed")
        if not yes:
            _confirm(path)
        from fieldkit.storage.mission_file import follow

        done = shred(follow(path), exports if exports is not None else settings.DEFAULT_EXPORTS)
        if path.is_symlink():
            path.unlink()
        tell(done)
        typer.echo(f"shredded {path}")
        if done.failed:
            raise typer.Exit(1)

    @app.command("wipe-after")
    def wipe_after(
        tries: Annotated[int, typer.Argument(help="Wrong passphrases in a row; 0 turns it off.")],
        db: DbOption = None,
    ) -> None:
        """Shred the encrypted mission after TRIES wrong passphrases in a row (opt-in)."""
        from fieldkit.storage.codec import is_sealed
        from fieldkit.storage.mission_file import follow

        path = follow(settings.db_path(db))
        if not path.is_file():
            fail(f"no mission file at {path}; nothing was changed")
        if tries and not is_sealed(path.read_bytes()[:64]):
            fail(f"{path} is not encrypted: run `fieldkit encrypt` first; nothing was changed")
        if tries < 0 or tries > 1000:
            fail("give a number of tries from 1 to 1000, or 0 to turn it off")
        guard.arm(path, tries)
        if tries:
            typer.echo(
                f"after {tries} wrong passphrases in a row, {path} and its backups are shredded; "
                "each wrong one says how many tries are left"
            )
        else:
            typer.echo(f"{path} is no longer shredded after wrong passphrases")
