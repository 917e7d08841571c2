"""`fieldkit shred` and `fieldkit wipe-after`: destroy the mission at once, or after guesses."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption
from fieldkit.cli.errors import fail
from fieldkit.i18n import _, ngettext
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
        said = ngettext(
            "key material destroyed in {count} file",
            "key material destroyed in {count} files",
            done.keys_destroyed,
        )
        typer.echo(said.format(count=done.keys_destroyed), err=True)
    said = ngettext(
        "removed {count} file, {overwritten} overwritten first",
        "removed {count} files, {overwritten} overwritten first",
        done.removed,
    )
    typer.echo(said.format(count=done.removed, overwritten=done.overwritten), err=True)
    for failed in done.failed:
        typer.echo(_("could not destroy {name}").format(name=failed), err=True)
    typer.echo(_("fieldkit cannot reach:"), err=True)
    for line in done.not_reached:
        typer.echo(f"  - {line}", err=True)


def _confirm(path: Path) -> None:
    if not sys.stdin.isatty():
        fail(_("add --yes to shred {path} (nothing was changed)").format(path=path))
    typed = typer.prompt(
        _("This destroys {path}, its backups and exports. Type {word}").format(
            path=path, word=repr(CONFIRM)
        )
    )
    if str(typed).strip().lower() != CONFIRM:
        fail(_("not confirmed; nothing was changed"))


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
            fail(_("no mission file at {path}; nothing was changed").format(path=path))
        if not yes:
            _confirm(path)
        from fieldkit.storage.mission_file import follow

        done = shred(follow(path), exports if exports is not None else settings.DEFAULT_EXPORTS)
        if path.is_symlink():
            path.unlink()
        tell(done)
        typer.echo(_("shredded {path}").format(path=path))
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
            fail(_("no mission file at {path}; nothing was changed").format(path=path))
        if tries and not is_sealed(path.read_bytes()[:64]):
            fail(
                _(
                    "{path} is not encrypted: run `fieldkit encrypt` first; nothing was changed"
                ).format(path=path)
            )
        if tries < 0 or tries > 1000:
            fail(_("give a number of tries from 1 to 1000, or 0 to turn it off"))
        guard.arm(path, tries)
        if tries:
            said = ngettext(
                "after {count} wrong passphrase in a row, {path} and its backups are shredded; "
                "each wrong one says how many tries are left",
                "after {count} wrong passphrases in a row, {path} and its backups are shredded; "
                "each wrong one says how many tries are left",
                tries,
            )
            typer.echo(said.format(count=tries, path=path))
        else:
            typer.echo(_("{path} is no longer shredded after wrong passphrases").format(path=path))
