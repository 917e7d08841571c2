"""`fieldkit import FILE`: bring a bundle or a UN / NGO export into the mission.

The file is parsed first, outside the lock; the merge plan is then computed and applied inside
one transaction, against the freshest mission file, and saved in one write. Any bad row, or a
file that is not what it claims, stops the import before anything is written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption, JsonOption, passphrase_source, print_json
from fieldkit.cli.errors import fail
from fieldkit.domain.states import canonical_state
from fieldkit.importers import FORMATS, ImportFailed, detect, read_items
from fieldkit.storage.repository import Store

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


def _with_hint(exc: ImportFailed, fmt: str) -> ImportFailed:
    """Name the format the file seems to be in when `--format` said another."""
    try:
        found = detect(exc.path)
    except (ImportFailed, OSError):
        return exc
    if found == fmt:
        return exc
    hint = f"{str(exc).split(': ', 1)[1]}; it looks like a {FORMATS[found]} (--format {found})"
    return ImportFailed(exc.path, hint, exc.problems)


def import_bundle(store: Store, path: Path, dry_run: bool, as_json: bool = False) -> None:
    from fieldkit.importers import bundle as bundle_plan
    from fieldkit.storage.bundle import BundleError, read_bundle

    try:
        bundle = read_bundle(path)
    except BundleError as exc:
        fail(str(exc))
    summary: dict[str, object] = {"file": str(path), "format": "bundle", "dry_run": dry_run}
    if not store.path.exists():
        if bundle.mission is None:
            fail(f"{path.name} holds no mission record, so it cannot start a new mission file")
        if not dry_run:
            store.create(bundle.mission, bundle.records)
        if as_json:
            print_json(summary | {"created": str(store.path), "records": len(bundle.records)})
        elif dry_run:
            typer.echo(f"dry run: would create {store.path} with {len(bundle.records)} records")
        else:
            typer.echo(f"created {store.path} with {len(bundle.records)} records from {path.name}")
        return
    with store.transaction() as tx:
        plan = bundle_plan.plan(tx.data, bundle)
        if not dry_run:
            tx.put_many(plan.records)
    if as_json:
        print_json(
            summary
            | {
                "added": [r.id for r in plan.added],
                "updated": [r.id for r in plan.updated],
                "unchanged": plan.unchanged,
                "mission_file": str(store.path),
            }
        )
    elif dry_run:
        typer.echo(
            f"dry run, nothing written: would add {len(plan.added)}, "
            f"update {len(plan.updated)}, leave {plan.unchanged} unchanged"
        )
    else:
        typer.echo(
            f"added {len(plan.added)}, updated {len(plan.updated)}, unchanged {plan.unchanged}"
        )


def import_items(store: Store, path: Path, fmt: str, dry_run: bool, as_json: bool) -> None:
    from fieldkit.importers import merge

    if not store.path.exists():
        fail(
            f"no mission file at {store.path}: create one with `fieldkit init` "
            f"(or `fieldkit demo`), then import {path.name} into it"
        )
    bar = ProgressBar(path.name)
    try:
        parsed = read_items(path, fmt, author=settings.author(), progress=bar)
    except ImportFailed as exc:
        bar.stop()
        _failed(_with_hint(exc, fmt))
    finally:
        bar.stop()
    with store.transaction() as tx:
        plan = merge.plan(tx.data, parsed.items)
        mission = tx.data.mission
        if not dry_run and plan.changes:
            tx.put_many(plan.records)
    country = canonical_state(mission.country) if mission and mission.country else ""
    if as_json:
        print_json(
            {
                "file": str(path),
                "format": fmt,
                "rows": parsed.rows,
                "dry_run": dry_run,
                "added": [i.id for i in plan.added],
                "enriched": list(plan.enriched),
                "skipped": plan.skipped,
                "other_states": dict(plan.other_states),
                "mission_file": str(store.path),
            }
        )
        return
    typer.echo(f"{path.name}: {FORMATS[fmt]}, {parsed.rows} rows")
    by_rows = f" (by {plan.enriched_rows} rows)" if plan.enriched_rows != len(plan.enriched) else ""
    skipped = " (already there)" if plan.skipped else ""
    if dry_run:
        typer.echo(
            f"dry run, nothing written: would add {len(plan.added)}, "
            f"enrich {len(plan.enriched)}{by_rows}, skip {plan.skipped}{skipped}"
        )
    else:
        typer.echo(
            f"added {len(plan.added)}, enriched {len(plan.enriched)}{by_rows}, "
            f"skipped {plan.skipped}{skipped}"
        )
    for state, count in plan.other_states.most_common():
        typer.echo(f"note: {count} items are about {state}, not {country}; imported as they are")
    if not dry_run and plan.changes:
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
        if not file.is_file():
            fail(f"no file at {file}")
        if format_ is not None and format_ not in FORMATS:
            fail(f"--format {format_!r} is not one of: {', '.join(FORMATS)}")
        try:
            fmt = format_ or detect(file)
        except ImportFailed as exc:
            _failed(exc)
        except OSError as exc:
            fail(f"cannot read {file}: {exc.strerror or exc}")
        path = settings.db_path(db)
        store = Store(path, passphrase_source(path))
        if fmt == "bundle":
            import_bundle(store, file, dry_run, as_json)
        else:
            import_items(store, file, fmt, dry_run, as_json)
