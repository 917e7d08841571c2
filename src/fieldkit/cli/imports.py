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
        self._task = self._bar.add_task(_("reading {name}").format(name=self.label), total=total)

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
        more = len(exc.problems) - SHOWN_PROBLEMS
        said = ngettext("... and {count} more bad row", "... and {count} more bad rows", more)
        lines.append("  " + said.format(count=more))
    fail("\n".join(lines))


def _show_bundle(outcome: Outcome, store: Store) -> None:
    added, changed = len(outcome.added), len(outcome.enriched)
    if outcome.created:
        if outcome.dry_run:
            said = _("dry run: would create {path} with {count} records from {name}")
        else:
            said = _("created {path} with {count} records from {name}")
        typer.echo(said.format(path=store.path, count=added, name=outcome.file.name))
    elif outcome.dry_run:
        said = _(
            "dry run, nothing written: would add {added}, update {changed}, leave {left} unchanged"
        )
        typer.echo(said.format(added=added, changed=changed, left=outcome.skipped))
    else:
        said = _("added {added}, updated {changed}, unchanged {left}")
        typer.echo(said.format(added=added, changed=changed, left=outcome.skipped))
    if outcome.reranked:
        said = ngettext(
            "note: {count} priority item took a rank after the mission's own, whose rank it shared",
            "note: {count} priority items took ranks after the mission's own, "
            "whose ranks they shared",
            outcome.reranked,
        )
        typer.echo(said.format(count=outcome.reranked))
    _show_merged(outcome)


def _show_merged(outcome: Outcome) -> None:
    """What merging a bundle of this mission did beyond adding and updating records."""
    from fieldkit.cli.sync import echo_conflicts

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
    echo_conflicts(outcome.conflicts)


def show(outcome: Outcome, store: Store) -> None:
    """The outcome as a person reads it: per file what was guessed, then what changed."""
    if outcome.format == "bundle":
        _show_bundle(outcome, store)
        return
    for report in outcome.files:
        rows = ngettext("{count} row", "{count} rows", report.rows).format(count=report.rows)
        typer.echo(f"{report.file.name}: {_(FORMATS[report.format])}, {rows}")
        for guess in report.guesses:
            typer.echo(f"  {guess}")
    typer.echo(_counts(outcome))
    _show_rows(outcome)
    for state, count in outcome.other_states.items():
        said = ngettext(
            "note: {count} item is about {state}, not {country}; imported as it is",
            "note: {count} items are about {state}, not {country}; imported as they are",
            count,
        )
        typer.echo(said.format(count=count, state=state, country=outcome.country))
    if not outcome.dry_run and outcome.changed:
        typer.echo(_("saved {path}").format(path=store.path))


def _counts(outcome: Outcome) -> str:
    """What the import adds, enriches, skips and folds, in one line."""
    added, changed = len(outcome.added), len(outcome.enriched)
    if outcome.dry_run:
        said = _("dry run, nothing written: would add {added}, enrich {changed}, skip {skipped}")
    else:
        said = _("added {added}, enriched {changed}, skipped {skipped}")
    if outcome.enriched_rows != changed:
        rows = ngettext("{count} row", "{count} rows", outcome.enriched_rows)
        changed_words = _("{count} (by {rows})").format(
            count=changed, rows=rows.format(count=outcome.enriched_rows)
        )
    else:
        changed_words = str(changed)
    skipped_words = str(outcome.skipped)
    if outcome.skipped:
        skipped_words = _("{count} (already there or exact copies)").format(count=outcome.skipped)
    line = said.format(added=added, changed=changed_words, skipped=skipped_words)
    if outcome.removed:
        folded = _("{counts}, folded {count} into numbered items")
        line = folded.format(counts=line, count=len(outcome.removed))
    return line


def _show_rows(outcome: Outcome) -> None:
    """Rows joined to their numbered items, and rows that match none."""
    if outcome.gathered:
        said = ngettext(
            "{count} row joined the numbered item it belongs to",
            "{count} rows joined the numbered items they belong to",
            outcome.gathered,
        )
        typer.echo(said.format(count=outcome.gathered))
    if outcome.unmatched:
        count = len(outcome.unmatched)
        said = ngettext(
            "{count} row matches no numbered recommendation:",
            "{count} rows match no numbered recommendation:",
            count,
        )
        typer.echo(said.format(count=count))
        for line in outcome.unmatched[:SHOWN_PROBLEMS]:
            typer.echo(f"  {line}")
        if count > SHOWN_PROBLEMS:
            more = count - SHOWN_PROBLEMS
            typer.echo(
                "  "
                + ngettext("... and {count} more", "... and {count} more", more).format(count=more)
            )


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
        many = ngettext("{count} file", "{count} files", len(files)).format(count=len(files))
        bar = ProgressBar(files[0].name if len(files) == 1 else many)
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
