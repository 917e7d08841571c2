"""`fieldkit import FILE`: bring a bundle or a UN / NGO export into the mission.

The work is `importers.apply.import_file`; this module shows its progress and its outcome.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption, JsonOption, passphrase_source, print_json
from fieldkit.cli.errors import fail
from fieldkit.i18n import _
from fieldkit.importers import FORMATS, ImportFailed
from fieldkit.storage.repository import Store

if TYPE_CHECKING:
    from fieldkit.importers.apply import Outcome

#: Files with more rows than this show a progress bar on a terminal.
PROGRESS_ROWS = 300
#: Bad rows listed one per line before the rest are counted.
SHOWN_PROBLEMS = 50


class ProgressBar:
    """A Rich progress bar on stderr, shown only for large files on a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._bar: Any = None
        self._task: Any = None

    def start(self, total: int) -> None:
        if total <= PROGRESS_ROWS or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(console=Console(stderr=True), transient=True)
        self._bar.start()
        self._task = self._bar.add_task(f"reading {self.label}", total=total)

    def advance(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, count)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _failed(exc: ImportFailed) -> None:
    lines = [str(exc)]
    lines += [f"  {line}" for line in exc.problems[:SHOWN_PROBLEMS]]
    if len(exc.problems) > SHOWN_PROBLEMS:
        lines.append(f"  ... and {len(exc.problems) - SHOWN_PROBLEMS} more bad rows")
    fail("\n".join(lines))


def show(outcome: Outcome, store: Store) -> None:
    """The outcome as a person reads it: what was added, enriched, skipped."""
    added, changed = len(outcome.added), len(outcome.enriched)
    if outcome.format == "bundle":
        if outcome.created:
            verb = "dry run: would create" if outcome.dry_run else "created"
            typer.echo(f"{verb} {store.path} with {added} records from {outcome.file.name}")
        elif outcome.dry_run:
            typer.echo(
                f"dry run, nothing written: would add {added}, update {changed}, "
                f"leave {outcome.skipped} unchanged"
            )
        else:
            typer.echo(f"added {added}, updated {changed}, unchanged {outcome.skipped}")
        return
    typer.echo(f"{outcome.file.name}: {FORMATS[outcome.format]}, {outcome.rows} rows")
    by_rows = f" (by {outcome.enriched_rows} rows)" if outcome.enriched_rows != changed else ""
    skipped = " (already there)" if outcome.skipped else ""
    if outcome.dry_run:
        typer.echo(
            f"dry run, nothing written: would add {added}, enrich {changed}{by_rows}, "
            f"skip {outcome.skipped}{skipped}"
        )
    else:
        typer.echo(
            f"added {added}, enriched {changed}{by_rows}, skipped {outcome.skipped}{skipped}"
        )
    for state, count in outcome.other_states.items():
        typer.echo(
            f"note: {count} items are about {state}, not {outcome.country}; imported as they are"
        )
    if not outcome.dry_run and outcome.changed:
        typer.echo(f"saved {store.path}")


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
        as_json: JsonOption = False,
        db: DbOption = None,
    ) -> None:
        """Import a file into the mission (all or nothing; importing twice adds nothing)."""
        from fieldkit.importers.apply import import_file

        if not file.is_file():
            fail(_("no file at {path}").format(path=file))
        if format_ is not None and format_ not in FORMATS:
            fail(
                _("{option} {value} is not one of: {choices}").format(
                    option="--format", value=repr(format_), choices=", ".join(FORMATS)
                )
            )
        path = settings.db_path(db)
        store = Store(path, passphrase_source(path))
        bar = ProgressBar(file.name)
        try:
            outcome = import_file(
                store, file, format_, dry_run=dry_run, author=settings.author(), progress=bar
            )
        except ImportFailed as exc:
            bar.stop()
            _failed(exc)
        finally:
            bar.stop()
        if as_json:
            print_json(
                {
                    "file": str(file),
                    "format": outcome.format,
                    "rows": outcome.rows,
                    "dry_run": dry_run,
                    "created": outcome.created,
                    "added": outcome.added,
                    "enriched": outcome.enriched,
                    "skipped": outcome.skipped,
                    "other_states": outcome.other_states,
                    "mission_file": str(store.path),
                }
            )
        else:
            show(outcome, store)
