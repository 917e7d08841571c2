"""`fieldkit export ...`: what leaves the field."""

from __future__ import annotations

import typer

from fieldkit.cli.common import ConfidentialOption, DbOption, OutOption, export_path, open_store
from fieldkit.storage.atomic import atomic_write
from fieldkit.storage.bundle import encode, to_bundle

export_app = typer.Typer(help="Write documents and files from the mission.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    @export_app.command("bundle")
    def bundle(
        out: OutOption = None,
        include_confidential: ConfidentialOption = False,
        db: DbOption = None,
    ) -> None:
        """The whole mission as one JSON file (fieldkit's interchange format)."""
        data = open_store(db).data()
        doc, left_out = to_bundle(data, include_confidential)
        path = export_path(out, "mission-bundle.json")
        atomic_write(path, encode(doc))
        if left_out:
            typer.echo(
                f"{left_out} confidential record(s) or contact(s) left out; "
                "add --include-confidential to keep them",
                err=True,
            )
        typer.echo(str(path))

    app.add_typer(export_app, name="export")
