"""Commands about the mission file itself: demo, init, check, restore, profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption, open_store, passphrase_source
from fieldkit.cli.errors import fail
from fieldkit.domain.mission import Mission
from fieldkit.domain.text import counted, squash
from fieldkit.storage.folders import private_folder
from fieldkit.storage.repository import Store

EncryptOption = Annotated[
    bool, typer.Option("--encrypt", help="Protect the new file with a passphrase.")
]


def new_store(db: Path | None, encrypt: bool) -> tuple[Store, object | None]:
    path = settings.db_path(db)
    if path.exists():
        fail(f"{path} already exists: choose another --db or remove it first")
    try:
        private_folder(path.parent)
    except OSError as exc:
        fail(f"cannot create folder {path.parent}: {exc.strerror}")
    codec = None
    if encrypt:
        from fieldkit.cli.protect import new_codec

        codec = new_codec(path)
    return Store(path, passphrase_source(path)), codec


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        db: DbOption = None,
        no_open: Annotated[
            bool, typer.Option("--no-open", help="Create it, do not open it.")
        ] = False,
        encrypt: EncryptOption = False,
    ) -> None:
        """Create the bundled demo mission (Astana, April 2017), then open it."""
        from fieldkit.demo import demo_records

        store, codec = new_store(db, encrypt)
        mission, records = demo_records(settings.author())
        store.create(mission, records, codec)  # type: ignore[arg-type]
        typer.echo(str(store.path))
        if not no_open:
            from fieldkit.cli.launch import open_app

            open_app(store.path)

    @app.command()
    def init(
        name: Annotated[str, typer.Option("--name", help="The mission's name.")],
        country: Annotated[str, typer.Option("--country", help="The State visited.")],
        db: DbOption = None,
        encrypt: EncryptOption = False,
    ) -> None:
        """Create an empty mission file."""
        if not squash(name):
            fail("--name must not be empty")
        store, codec = new_store(db, encrypt)
        mission = Mission(name=squash(name), country=squash(country), author=settings.author())
        store.create(mission, (), codec)  # type: ignore[arg-type]
        typer.echo(str(store.path))

    @app.command()
    def check(db: DbOption = None) -> None:
        """Validate the file, its records and its copies: exit 1 with reasons, 2 if unreadable.

        Also lists unresolved conflicts and other copies of the mission beside the file.
        """
        from fieldkit.storage.check import check as run_check

        store = open_store(db)
        found = run_check(store)
        if found:
            for line in found:
                typer.echo(line, err=True)
            typer.echo(f"{store.path}: {len(found)} problem(s)", err=True)
            raise typer.Exit(1)
        data = store.data()
        typer.echo(
            f"{store.path}: sound ({counted(len(data.items), 'item')}, "
            f"{counted(len(data.meetings), 'meeting')}, {counted(len(data.notes), 'note')}, "
            f"{counted(len(data.responses), 'response')})"
        )
        from fieldkit.cli.sync import copies_notice

        copies_notice(store, data.mission.id if data.mission else None)

    @app.command()
    def restore(
        db: DbOption = None,
        from_: Annotated[
            Path | None,
            typer.Option("--from", help="The backup to put back (default: newest good)."),
        ] = None,
    ) -> None:
        """Put the newest good backup (or the one named) back in place of the mission file."""
        path = settings.db_path(db)
        store = Store(path, passphrase_source(path))
        chosen = store.file.restore(from_)
        typer.echo(f"restored {path} from {chosen}")

    @app.command()
    def profile(
        name: Annotated[str, typer.Option("--name", help="Your name, recorded as author.")],
    ) -> None:
        """Set who is writing; notes and responses record it as their author."""
        if not squash(name):
            fail("--name must not be empty")
        where = settings.write_profile(squash(name))
        typer.echo(f"author set to {squash(name)} ({where})")
