"""Commands that merge copies of a mission and settle what the merge could not: merge,
conflicts, resolve."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from fieldkit import settings
from fieldkit.cli.common import DbOption, JsonOption, open_store, passphrase_source, print_json
from fieldkit.cli.errors import fail
from fieldkit.domain.conflict_words import field_words, table_words
from fieldkit.domain.history import DELETED, Entry
from fieldkit.domain.merge import KEPT, Conflict
from fieldkit.domain.text import shorten
from fieldkit.i18n import _, ngettext
from fieldkit.storage.merge import (
    DRAFTS,
    MERGED,
    MergeError,
    MergeReport,
    all_conflicts,
    beside_state,
    copies_beside,
    merge,
    resolve_conflict,
)
from fieldkit.storage.repository import Store


def _entry(entry: Entry, conflict: Conflict | None = None) -> dict[str, Any]:
    out = {"value": entry.value, "author": entry.by, "at": entry.at}
    if conflict is not None and entry.value == KEPT and conflict.kept:
        out["fields"] = dict(conflict.kept)
    return out


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    return {
        "id": conflict.id,
        "table": conflict.table,
        "record_id": conflict.record_id,
        "field": "deleted" if conflict.field == DELETED else conflict.field,
        "mine": _entry(conflict.mine, conflict),
        "theirs": _entry(conflict.theirs, conflict),
        "values": [_entry(e, conflict) for e in conflict.entries],
    }


def _show(entry: Entry, conflict: Conflict | None = None) -> str:
    who = f" ({entry.by}, {entry.at})" if entry.by or entry.at else ""
    value = repr(shorten(str(entry.value), 40))
    if conflict is not None and entry.value == KEPT and conflict.kept:
        fields = ", ".join(
            f"{field_words(name)} {shorten(str(v), 40)!r}" for name, v in conflict.kept
        )
        value = _("{value} with {fields}").format(value=value, fields=fields)
    return f"{value}{who}"


def conflict_line(conflict: Conflict) -> str:
    return _("{id}  {table} {record} {field}: mine {mine} | theirs {theirs}").format(
        id=conflict.id,
        table=table_words(conflict.table),
        record=conflict.record_id[:8],
        field=field_words(conflict.field),
        mine=_show(conflict.mine, conflict),
        theirs=_show(conflict.theirs, conflict),
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


def echo_conflicts(found: list[Conflict]) -> None:
    """The unresolved conflicts, a count then a line each (nothing when there are none)."""
    if not found:
        return
    count = len(found)
    typer.echo(
        ngettext(
            "{count} unresolved conflict (see `fieldkit conflicts`):",
            "{count} unresolved conflicts (see `fieldkit conflicts`):",
            count,
        ).format(count=count)
    )
    for conflict in found:
        typer.echo(f"  {conflict_line(conflict)}")


def copies_notice(store: Store, mission_id: str | None) -> None:
    """What `fieldkit check` adds: unresolved conflicts, other copies beside the file."""
    tree = store.file.tree()
    echo_conflicts(all_conflicts(tree))
    for other in copies_beside(store.path, mission_id):
        state = beside_state(tree, other)
        if state == MERGED:
            typer.echo(
                _("{name} beside it is already merged into this file: it can be deleted").format(
                    name=other.name
                )
            )
            continue
        if state == DRAFTS:
            typer.echo(
                _(
                    "{name} beside it is already merged into this file, but holds drafts "
                    "typed there: open it (--db {path}) to finish them before deleting it"
                ).format(name=other.name, path=other)
            )
            continue
        typer.echo(
            _(
                "another copy of this mission lies beside it: {name} "
                "(merge it with `fieldkit merge {path}`)"
            ).format(name=other.name, path=other)
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
            fail(_("no file at {path}").format(path=other))
        if other.resolve() == store.path.resolve():
            fail(_("{path} is the mission file itself").format(path=other))
    try:
        report = merge(store, others, passphrase_source, dry_run)
    except MergeError as exc:
        fail(str(exc))
    if as_json:
        print_json(_report_json(report, report.changed and not dry_run))
        return
    typer.echo(_merged(report, ", ".join(p.name for p in others), dry_run))
    for conflict in report.conflicts:
        typer.echo(conflict_line(conflict))
    if report.held_back:
        count = len(report.held_back)
        held = ngettext(
            "not merged: {count} record whose copy changed a field the bundle left out; merge "
            "that copy's file, or a bundle exported with --include-confidential",
            "not merged: {count} records whose copy changed a field the bundle left out; merge "
            "that copy's file, or a bundle exported with --include-confidential",
            count,
        )
        typer.echo(held.format(count=count))
    if report.conflicts and not dry_run:
        typer.echo(_("settle each with `fieldkit resolve ID --keep mine|theirs`"))


def _merged(report: MergeReport, names: str, dry_run: bool) -> str:
    count = len(report.conflicts)
    conflicts = ngettext("{count} conflict", "{count} conflicts", count).format(count=count)
    if dry_run:
        said = _(
            "would merge {names}: {added} added, {updated} updated, {deleted} deleted, {conflicts}"
        )
    else:
        said = _("merged {names}: {added} added, {updated} updated, {deleted} deleted, {conflicts}")
    return said.format(
        names=names,
        added=len(report.added),
        updated=len(report.updated),
        deleted=len(report.deleted),
        conflicts=conflicts,
    )


def conflicts_cmd(as_json: JsonOption = False, db: DbOption = None) -> None:
    """List the conflicts merges left: both values, who wrote each and when."""
    found = all_conflicts(open_store(db).file.tree())
    if as_json:
        print_json([conflict_json(c) for c in found])
        return
    if not found:
        typer.echo(_("no conflicts"))
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
        fail(
            _("{option} {value} is not one of: {choices}").format(
                option="--keep", value=repr(keep), choices="mine, theirs"
            )
        )
    store = open_store(db)
    with store.transaction() as tx:
        conflict, chosen = resolve_conflict(tx, conflict_id, keep == "mine", settings.author())
    if as_json:
        print_json({**conflict_json(conflict), "kept": _entry(chosen, conflict)})
        return
    typer.echo(
        _("{id}: kept {keep} {value}").format(
            id=conflict.id, keep=keep, value=_show(chosen, conflict)
        )
    )


def register(app: typer.Typer) -> None:
    app.command("merge")(merge_cmd)
    app.command("conflicts")(conflicts_cmd)
    app.command("resolve")(resolve_cmd)
