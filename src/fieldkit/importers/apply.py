"""Importing files into a mission file, for the command line and the app alike.

The files are parsed first, outside the lock; the plan is then computed and applied inside one
transaction, against the freshest mission file, and saved in one write. Several files are one
import: all of them or none. Any bad row, or a file that is not what it claims, raises
`ImportFailed` before anything is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.domain.items import Item
from fieldkit.domain.states import canonical_state
from fieldkit.i18n import _
from fieldkit.importers import FORMATS, merge, read_items
from fieldkit.importers.common import ImportFailed, Parsed, Progress
from fieldkit.importers.detect import detect
from fieldkit.storage.errors import MissingFile
from fieldkit.storage.repository import Store

if TYPE_CHECKING:
    from fieldkit.domain.merge import Conflict


@dataclasses.dataclass
class FileReport:
    """One file of an import: its format, its rows and what was guessed about it."""

    file: Path
    format: str
    rows: int
    guesses: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Outcome:
    """What an import did (or, in a dry run, would do)."""

    file: Path
    format: str
    rows: int
    dry_run: bool
    #: Ids of the records added and of those enriched (for a bundle: updated).
    added: list[str] = dataclasses.field(default_factory=list)
    enriched: list[str] = dataclasses.field(default_factory=list)
    #: Rows that enriched an item; several rows may enrich one joint recommendation.
    enriched_rows: int = 0
    #: Rows already there, or exact copies of another row of the import.
    skipped: int = 0
    #: Rows that joined a numbered item added by the same import.
    gathered: int = 0
    #: Items found to be one numbered recommendation with another, and folded into it.
    removed: list[str] = dataclasses.field(default_factory=list)
    #: Rows without a number that match no numbered item of their review: 'file row N: ...'.
    unmatched: list[str] = dataclasses.field(default_factory=list)
    #: State under review -> added items about a State other than the mission's country.
    other_states: dict[str, int] = dataclasses.field(default_factory=dict)
    country: str = ""
    #: A bundle started a new mission file.
    created: bool = False
    #: A bundle's priority items moved to ranks after the mission's own.
    reranked: int = 0
    #: A bundle of this mission: records its copy deleted, conflicts left, records held back.
    deleted: list[str] = dataclasses.field(default_factory=list)
    conflicts: list[Conflict] = dataclasses.field(default_factory=list)
    held_back: int = 0
    files: list[FileReport] = dataclasses.field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.enriched or self.removed or self.created or self.deleted)


def import_file(
    store: Store,
    path: Path,
    fmt: str | None = None,
    *,
    dry_run: bool = False,
    author: str = "",
    progress: Progress | None = None,
) -> Outcome:
    """Import `path` (format detected when `fmt` is None) into the store's mission file."""
    return import_files(store, [path], fmt, dry_run=dry_run, author=author, progress=progress)


def import_files(
    store: Store,
    paths: Sequence[Path],
    fmt: str | None = None,
    *,
    dry_run: bool = False,
    author: str = "",
    progress: Progress | None = None,
) -> Outcome:
    """Import every file of `paths` as one import: all of them, or none if any is bad."""
    if fmt is not None and fmt not in FORMATS:
        raise ImportFailed(
            paths[0],
            _("{option} {value} is not one of: {choices}").format(
                option="--format", value=repr(fmt), choices=", ".join(FORMATS)
            ),
        )
    found = [_format(path, fmt) for path in paths]
    if "bundle" in found:
        if len(paths) > 1:
            bundle_path = paths[found.index("bundle")]
            raise ImportFailed(bundle_path, _("is a bundle: import it on its own"))
        from fieldkit.importers.bundle import import_bundle

        return _as_outcome(import_bundle(store, paths[0], dry_run), paths[0], dry_run)
    if not store.path.exists():
        raise MissingFile(store.path)
    parsed = [
        _parse(path, kind, fmt, author, progress) for path, kind in zip(paths, found, strict=True)
    ]
    items = [item for p in parsed for item in p.items]
    with store.transaction() as tx:
        plan = merge.plan(tx.data, items)
        mission = tx.data.mission
        if not dry_run and plan.changes:
            tx.put_many(plan.records)
            for item_id in plan.removed:
                tx.delete(Item, item_id)
    files = [
        FileReport(path, p.format, p.rows, _guesses(p, fmt is None))
        for path, p in zip(paths, parsed, strict=True)
    ]
    return Outcome(
        file=paths[0],
        format=found[0],
        rows=sum(p.rows for p in parsed),
        dry_run=dry_run,
        added=[i.id for i in plan.added],
        enriched=list(plan.enriched),
        enriched_rows=plan.enriched_rows,
        skipped=plan.skipped,
        gathered=plan.gathered,
        removed=list(plan.removed),
        unmatched=[_row_line(i) for i in plan.unmatched],
        other_states=dict(plan.other_states.most_common()),
        country=canonical_state(mission.country) if mission else "",
        files=files,
    )


def _format(path: Path, fmt: str | None) -> str:
    try:
        return fmt or detect(path)
    except OSError as exc:
        raise ImportFailed(
            path, _("cannot be read: {reason}").format(reason=exc.strerror or exc)
        ) from None


def _parse(
    path: Path, found: str, fmt: str | None, author: str, progress: Progress | None
) -> Parsed:
    try:
        return read_items(path, found, author=author, progress=progress)
    except ImportFailed as exc:
        raise _with_hint(exc, found) if fmt else exc from None


def _guesses(parsed: Parsed, detected: bool) -> list[str]:
    """What the report shows about a file: its format (when detected), encoding, review."""
    out = (
        [_("format: {format} (detected)").format(format=_(FORMATS[parsed.format]))]
        if detected
        else []
    )
    out += parsed.guesses
    reviews = sorted({i.state_under_review for i in parsed.items if i.state_under_review})
    sessions = sorted({i.session for i in parsed.items if i.session is not None})
    if len(reviews) == 1:
        out.append(_("State under review: {state}").format(state=reviews[0]))
    elif reviews:
        out.append(_("States under review: {count}").format(count=len(reviews)))
    if len(sessions) == 1:
        out.append(_("session: {session}").format(session=sessions[0]))
    elif sessions:
        out.append(_("sessions: {first}-{last}").format(first=sessions[0], last=sessions[-1]))
    return out


def _row_line(item: Item) -> str:
    where = (
        _("{file} row {row}").format(file=item.source.file, row=item.source.row)
        if item.source
        else _("a row")
    )
    states = ", ".join(item.recommending_states) or _("no State")
    text = item.text if len(item.text) <= 70 else item.text[:69] + "…"
    return f"{where} ({states}): {text}"


def _with_hint(exc: ImportFailed, fmt: str) -> ImportFailed:
    """Name the format the file seems to be in when the one asked for does not fit."""
    try:
        found = detect(exc.path)
    except (ImportFailed, OSError):
        return exc
    if found == fmt:
        return exc
    return ImportFailed(
        exc.path,
        _("{problem}; it looks like a {format} (--format {key})").format(
            problem=exc, format=_(FORMATS[found]), key=found
        ),
        exc.problems,
        named=True,
    )


def _as_outcome(result: object, path: Path, dry_run: bool) -> Outcome:
    from fieldkit.importers.bundle import BundleOutcome

    assert isinstance(result, BundleOutcome)
    return Outcome(
        file=path,
        format="bundle",
        rows=result.rows,
        dry_run=dry_run,
        added=result.added,
        enriched=result.updated,
        skipped=result.unchanged,
        created=result.created,
        reranked=result.reranked,
        deleted=result.deleted,
        conflicts=result.conflicts,
        held_back=result.held_back,
        files=[FileReport(path, "bundle", result.rows)],
    )
