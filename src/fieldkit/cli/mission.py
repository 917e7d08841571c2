"""Commands about the mission file itself: demo, init, check, restore, profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fieldkit import i18n, settings
from fieldkit.cli.common import DbOption, language_flag, open_store, passphrase_source
from fieldkit.cli.errors import fail
from fieldkit.domain.mission import Mission
from fieldkit.domain.text import squash
from fieldkit.i18n import _, ngettext
from fieldkit.storage.folders import private_folder
from fieldkit.storage.repository import Store

EncryptOption = Annotated[
    bool, typer.Option("--encrypt", help="Protect the new file with a passphrase.")
]


def new_store(db: Path | None, encrypt: bool) -> tuple[Store, object | None]:
    path = settings.db_path(db)
    if path.exists():
        fail(_("{path} already exists: choose another --db or remove it first").format(path=path))
    try:
        private_folder(path.parent)
    except OSError as exc:
        fail(
            _("cannot create folder {folder}: {problem}").format(
                folder=path.parent, problem=exc.strerror
            )
        )
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
            fail(_("{option} must not be empty").format(option="--name"))
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
            problems = ngettext("{path}: {count} problem", "{path}: {count} problems", len(found))
            typer.echo(problems.format(path=store.path, count=len(found)), err=True)
            raise typer.Exit(1)
        data = store.data()
        items, meetings = len(data.items), len(data.meetings)
        notes, responses = len(data.notes), len(data.responses)
        counts = ", ".join(
            (
                ngettext("{count} item", "{count} items", items).format(count=items),
                ngettext("{count} meeting", "{count} meetings", meetings).format(count=meetings),
                ngettext("{count} note", "{count} notes", notes).format(count=notes),
                ngettext("{count} response", "{count} responses", responses).format(
                    count=responses
                ),
            )
        )
        typer.echo(_("{path}: sound ({counts})").format(path=store.path, counts=counts))
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
        typer.echo(_("restored {path} from {backup}").format(path=path, backup=chosen))

    @app.command()
    def profile(
        name: Annotated[
            str | None, typer.Option("--name", help="Your name, recorded as author.")
        ] = None,
        lang: Annotated[
            str | None,
            typer.Option("--lang", help="The language fieldkit speaks to you: en, ru or fr."),
        ] = None,
    ) -> None:
        """Set who is writing (notes and responses record it) and the language you read."""
        if name is None and lang is None:
            fail(_("give --name, --lang or both"))
        if name is not None and not squash(name):
            fail(_("{option} must not be empty").format(option="--name"))
        code = language_flag(lang) if lang is not None else ""
        given = {"name": squash(name) if name is not None else "", "language": code}
        where = settings.update_profile(**{k: v for k, v in given.items() if v})
        if name is not None:
            typer.echo(_("author set to {name} ({path})").format(name=squash(name), path=where))
        if code:
            i18n.activate(code)
            typer.echo(
                _("language set to {language} ({path})").format(
                    language=i18n.LANGUAGE_NAMES[code], path=where
                )
            )
