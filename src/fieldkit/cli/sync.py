"""Commands that merge copies of a mission and settle what the merge could not: merge,
conflicts, resolve."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption, JsonOption, open_store, passphrase_source, print_json
from fieldkit.cli.errors import fail
from fieldkit.domain.history import DELETED, Entry
from fieldkit.domain.merge import Conflict
from fieldkit.domain.text import counted, shorten
from fieldkit.storage.merge import (
    MergeError,
    MergeReport,
    all_conflicts,
    copies_beside,
    merge,
    resolve_conflict,
)
from fieldkit.storage.repository import Store

FIELD_NAMES = {DELETED: "deleted or kept"}


def _entry(entry: Entry) -> dict[str, Any]:
    return {"value": entry.value, "author": entry.by, "at": entry.at}


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    return {
        "id": conflict.id,
        "table": conflict.table,
        "record_id": conflict.record_id,
        "field": "deleted" if conflict.field == DELETED else conflict.field,
        "mine": _entry(conflict.mine),
        "theirs": _entry(conflict.theirs),
        "values": [_entry(e) for e in conflict.entries],
    }


def _show(entry: Entry) -> str:
    who = f" ({entry.by}, {entry.at})" if entry.by or entry.at else ""
    return f"{shorten(str(entry.value), 40)!r}{who}"


def conflict_line(conflict: Conflict) -> str:
    field = FIELD_NAMES.get(conflict.field, conflict.field)
    return (
        f"{conflict.id}  {conflict.table} {conflict.record_id[:8]} {field}: "
        f"mine {_show(conflict.mine)} | theirs {_show(conflict.theirs)}"
    )


def _report_json(report: MergeReport, saved: bool) -> dict[str, Any]:
    def rows(found: list[tuple[str, str]]) -> list[dict[str, str]]:
        return [{"table": table, "id": record_id} for table, record_id in found]

    return {
        "added": rows(report.added),
        "updated": rows(report.updated),
        "deleted": rows(report.deleted),
        "conflicts": [conflict_json(c) for c in report.conflicts],
        "held_back": rows(report.held_back),
        "saved": saved,
    }


def copies_notice(store: Store, mission_id: str | None) -> None:
    """What `fieldkit check` adds: unresolved conflicts, other copies beside the file."""
    found = all_conflicts(store.file.tree())
    if found:
        typer.echo(f"{counted(len(found), 'unresolved conflict')} (see `fieldkit conflicts`):")
        for conflict in found:
            typer.echo(f"  {conflict_line(conflict)}")
    for other in copies_beside(store.path, mission_id):
        typer.echo(
            f"another copy of this mission lies beside it: {other.name} "
            f"(merge it with `fieldkit merge {other}`)"
        )


def merge_cmd(
    others: Annotated[list[Path], typer.Argument(help="Other copies: files or bundles.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; save nothing.")
    ] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Merge other copies of this mission into the file, field by field."""
    store = open_store(db)
    for other in others:
        if not other.is_file():
            fail(f"no file at {other}")
        if other.resolve() == store.path.resolve():
            fail(f"{other} is the mission file itself")
    try:
        report = merge(store, others, passphrase_source, dry_run)
    except MergeError as exc:
        fail(str(exc))
    if as_json:
        print_json(_report_json(report, report.changed and not dry_run))
        return
    names = ", ".join(p.name for p in others)
    typer.echo(
        f"{'would merge' if dry_run else 'merged'} {names}: {len(report.added)} added, "
        f"{len(report.updated)} updated, {len(report.deleted)} deleted, "
        f"{counted(len(report.conflicts), 'conflict')}"
    )
    for conflict in report.conflicts:
        typer.echo(conflict_line(conflict))
    if report.held_back:
        typer.echo(
            f"not merged: {counted(len(report.held_back), 'record')} whose copy changed a field "
            "the bundle left out; merge that copy's file, or a bundle exported with "
            "--include-confidential"
        )
    if report.conflicts and not dry_run:
        typer.echo("settle each with `fieldkit resolve ID --keep mine|theirs`")


def conflicts_cmd(as_json: JsonOption = False, db: DbOption = None) -> None:
    """List the conflicts merges left: both values, who wrote each and when."""
    found = all_conflicts(open_store(db).file.tree())
    if as_json:
        print_json([conflict_json(c) for c in found])
        return
    if not found:
        typer.echo("no conflicts")
    for conflict in found:
        typer.echo(conflict_line(conflict))


def resolve_cmd(
    conflict_id: Annotated[str, typer.Argument(help="Conflict id or prefix.")],
    keep: Annotated[str, typer.Option("--keep", help="mine (this file's value) or theirs.")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Settle a conflict by keeping one of its values."""
    if keep not in ("mine", "theirs"):
        fail(f"--keep {keep!r} is not one of: mine, theirs")
    store = open_store(db)
    with store.transaction() as tx:
        conflict, chosen = resolve_conflict(tx, conflict_id, keep == "mine", settings.author())
    if as_json:
        print_json({**conflict_json(conflict), "kept": _entry(chosen)})
        return
    typer.echo(f"{conflict.id}: kept {keep} {_show(chosen)}")


def register(app: typer.Typer) -> None:
    app.command("merge")(merge_cmd)
    app.command("conflicts")(conflicts_cmd)
    app.command("resolve")(resolve_cmd)
