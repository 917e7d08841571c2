"""`fieldkit import FILE...`: bring a bundle or UN / NGO exports into the mission.

The work is `importers.apply.import_files`; this module shows its progress and its outcome.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption, JsonOption, collector_paused, passphrase_source
from fieldkit.cli.errors import fail
from fieldkit.i18n import _, ngettext
from fieldkit.importers import FORMATS, ImportFailed
from fieldkit.storage.repository import Store

if TYPE_CHECKING:
    from fieldkit.importers.apply import Outcome

#: Files with more rows than this show a progress bar on a terminal.
PROGRESS_ROWS = 300
#: Bad rows (and rows matching no number) listed one per line before the rest are counted.
SHOWN_PROBLEMS = 50
#: The last import's mission and outcome, left for the end of the process to free: taking
#: apart thousands of records one by one as the command returns is work for nothing.
KEPT: list[object] = []


class ProgressBar:
    """A Rich progress bar on stderr, shown only for large files on a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._bar: Any = None
        self._task: Any = None

    def start(self, total: int) -> None:
        self.stop()
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


def _show_bundle(outcome: Outcome, store: Store) -> None:
    added, changed = len(outcome.added), len(outcome.enriched)
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
    if outcome.reranked:
        typer.echo(
            f"note: {outcome.reranked} priority items took ranks after the mission's own, "
            "whose ranks they shared"
        )
    _show_merged(outcome)


def _show_merged(outcome: Outcome) -> None:
    """What merging a bundle of this mission did beyond adding and updating records."""
    from fieldkit.cli.sync import conflict_line

    if outcome.deleted:
        typer.echo(
            ngettext(
                "deleted {count} record, as the bundle's copy deleted it",
                "deleted {count} records, as the bundle's copy deleted them",
                len(outcome.deleted),
            ).format(count=len(outcome.deleted))
        )
    if outcome.held_back:
        typer.echo(
            ngettext(
                "not merged: {count} record whose copy here changed a field the bundle left out",
                "not merged: {count} records whose copy here changed a field the bundle left out",
                outcome.held_back,
            ).format(count=outcome.held_back)
        )
    if outcome.conflicts:
        count = len(outcome.conflicts)
        typer.echo(
            ngettext(
                "{count} unresolved conflict (see `fieldkit conflicts`):",
                "{count} unresolved conflicts (see `fieldkit conflicts`):",
                count,
            ).format(count=count)
        )
        for conflict in outcome.conflicts:
            typer.echo(f"  {conflict_line(conflict)}")


def show(outcome: Outcome, store: Store) -> None:
    """The outcome as a person reads it: per file what was guessed, then what changed."""
    if outcome.format == "bundle":
        _show_bundle(outcome, store)
        return
    for report in outcome.files:
        typer.echo(f"{report.file.name}: {FORMATS[report.format]}, {report.rows} rows")
        for guess in report.guesses:
            typer.echo(f"  {guess}")
    added, changed = len(outcome.added), len(outcome.enriched)
    by_rows = f" (by {outcome.enriched_rows} rows)" if outcome.enriched_rows != changed else ""
    skipped = " (already there or exact copies)" if outcome.skipped else ""
    folded = f", folded {len(outcome.removed)} into numbered items" if outcome.removed else ""
    counts = (
        f"add {added}, enrich {changed}{by_rows}, skip {outcome.skipped}{skipped}{folded}"
        if outcome.dry_run
        else f"added {added}, enriched {changed}{by_rows}, "
        f"skipped {outcome.skipped}{skipped}{folded}"
    )
    typer.echo(f"dry run, nothing written: would {counts}" if outcome.dry_run else counts)
    if outcome.gathered:
        typer.echo(f"{outcome.gathered} rows joined the numbered items they belong to")
    if outcome.unmatched:
        typer.echo(f"{len(outcome.unmatched)} rows match no numbered recommendation:")
        for line in outcome.unmatched[:SHOWN_PROBLEMS]:
            typer.echo(f"  {line}")
        if len(outcome.unmatched) > SHOWN_PROBLEMS:
            typer.echo(f"  ... and {len(outcome.unmatched) - SHOWN_PROBLEMS} more")
    for state, count in outcome.other_states.items():
        typer.echo(
            f"note: {count} items are about {state}, not {outcome.country}; imported as they are"
        )
    if not outcome.dry_run and outcome.changed:
        typer.echo(f"saved {store.path}")


def _print_json(value: dict[str, Any]) -> None:
    """As `print_json` writes it (indented by two, not ASCII-escaped), with orjson: the
    report lists every item added, thousands of ids that Python's indenting encoder is slow on."""
    typer.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


def _as_json(outcome: Outcome, files: list[Path], store: Store) -> dict[str, Any]:
    from fieldkit.cli.sync import conflict_json

    return {
        "file": str(files[0]),
        "files": [
            {"file": str(r.file), "format": r.format, "rows": r.rows, "guesses": r.guesses}
            for r in outcome.files
        ],
        "format": outcome.format,
        "rows": outcome.rows,
        "dry_run": outcome.dry_run,
        "created": outcome.created,
        "added": outcome.added,
        "enriched": outcome.enriched,
        "skipped": outcome.skipped,
        "gathered": outcome.gathered,
        "removed": outcome.removed,
        "unmatched": outcome.unmatched,
        "other_states": outcome.other_states,
        "deleted": outcome.deleted,
        "conflicts": [conflict_json(c) for c in outcome.conflicts],
        "held_back": outcome.held_back,
        "mission_file": str(store.path),
    }


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_(
        files: Annotated[list[Path], typer.Argument(help="The files to import, as one import.")],
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
        """Import files into the mission (all or nothing; importing twice adds nothing)."""
        from fieldkit.importers.apply import import_files

        for file in files:
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
        bar = ProgressBar(files[0].name if len(files) == 1 else f"{len(files)} files")
        try:
            with collector_paused():
                outcome = import_files(
                    store, files, format_, dry_run=dry_run, author=settings.author(), progress=bar
                )
        except ImportFailed as exc:
            bar.stop()
            _failed(exc)
        finally:
            bar.stop()
        if as_json:
            _print_json(_as_json(outcome, files, store))
        else:
            show(outcome, store)
        KEPT[:] = [store, outcome]
