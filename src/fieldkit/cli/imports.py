"""`fieldkit import FILE`: bring a bundle or a UN / NGO export into the mission."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption, passphrase_source
from fieldkit.cli.errors import fail
from fieldkit.storage.bundle import BundleError, read_bundle
from fieldkit.storage.repository import Store

FORMATS = ("bundle",)


def import_bundle(store: Store, path: Path, dry_run: bool) -> None:
    try:
        bundle = read_bundle(path)
    except BundleError as exc:
        fail(str(exc))
    if not store.path.exists():
        if bundle.mission is None:
            fail(f"{path.name} holds no mission record, so it cannot start a new mission file")
        if dry_run:
            typer.echo(f"dry run: would create {store.path} with {len(bundle.records)} records")
            return
        store.create(bundle.mission, bundle.records)
        typer.echo(f"created {store.path} with {len(bundle.records)} records from {path.name}")
        return
    with store.transaction() as tx:
        data = tx.data
        existing = {
            r.id: r
            for table in (
                data.items,
                data.institutions,
                data.people,
                data.meetings,
                data.notes,
                data.responses,
                data.actions,
            )
            for r in table.values()
        }
        added = sum(1 for r in bundle.records if r.id not in existing)
        updated = sum(1 for r in bundle.records if r.id in existing and existing[r.id] != r)
        if not dry_run:
            tx.put_many(r for r in bundle.records if existing.get(r.id) != r)
    prefix = "dry run: would add" if dry_run else "added"
    typer.echo(
        f"{prefix} {added}, updated {updated}, unchanged {len(bundle.records) - added - updated}"
    )


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_(
        file: Annotated[Path, typer.Argument(help="The file to import.")],
        format_: Annotated[
            str | None,
            typer.Option("--format", help=f"One of: {', '.join(FORMATS)} (default: detected)."),
        ] = None,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Report what would change; write nothing.")
        ] = False,
        db: DbOption = None,
    ) -> None:
        """Import a file into the mission (all or nothing; importing twice adds nothing)."""
        if not file.is_file():
            fail(f"no file at {file}")
        fmt = format_ or "bundle"
        if fmt not in FORMATS:
            fail(f"--format {fmt!r} is not one of: {', '.join(FORMATS)}")
        path = settings.db_path(db)
        store = Store(path, passphrase_source(path))
        import_bundle(store, file, dry_run)
