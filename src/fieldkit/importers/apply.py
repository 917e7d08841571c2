"""Importing a file into a mission file, for the command line and the app alike.

The file is parsed first, outside the lock; the plan is then computed and applied inside one
transaction, against the freshest mission file, and saved in one write. Any bad row, or a
file that is not what it claims, raises `ImportFailed` before anything is written.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fieldkit.domain.states import canonical_state
from fieldkit.importers import FORMATS, merge, read_items
from fieldkit.importers.common import ImportFailed, Progress
from fieldkit.importers.detect import detect
from fieldkit.storage.errors import MissingFile
from fieldkit.storage.repository import Store


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
    skipped: int = 0
    #: State under review -> added items about a State other than the mission's country.
    other_states: dict[str, int] = dataclasses.field(default_factory=dict)
    country: str = ""
    #: A bundle started a new mission file.
    created: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.enriched or self.created)


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
    if fmt is not None and fmt not in FORMATS:
        raise ImportFailed(path, f"--format {fmt!r} is not one of: {', '.join(FORMATS)}")
    try:
        found = fmt or detect(path)
    except OSError as exc:
        raise ImportFailed(path, f"cannot be read: {exc.strerror or exc}") from None
    if found == "bundle":
        return _bundle(store, path, dry_run)
    if not store.path.exists():
        raise MissingFile(store.path)
    try:
        parsed = read_items(path, found, author=author, progress=progress)
    except ImportFailed as exc:
        raise _with_hint(exc, found) if fmt else exc from None
    with store.transaction() as tx:
        plan = merge.plan(tx.data, parsed.items)
        mission = tx.data.mission
        if not dry_run and plan.changes:
            tx.put_many(plan.records)
    return Outcome(
        file=path,
        format=found,
        rows=parsed.rows,
        dry_run=dry_run,
        added=[i.id for i in plan.added],
        enriched=list(plan.enriched),
        enriched_rows=plan.enriched_rows,
        skipped=plan.skipped,
        other_states=dict(plan.other_states.most_common()),
        country=canonical_state(mission.country) if mission else "",
    )


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
        f"{exc}; it looks like a {FORMATS[found]} (--format {found})",
        exc.problems,
        named=True,
    )


def _bundle(store: Store, path: Path, dry_run: bool) -> Outcome:
    from fieldkit.importers import bundle as bundle_plan
    from fieldkit.storage.bundle import BundleError, read_bundle

    try:
        bundle = read_bundle(path)
    except BundleError as exc:
        raise ImportFailed(path, str(exc), named=True) from None
    except OSError as exc:
        raise ImportFailed(path, f"cannot be read: {exc.strerror or exc}") from None
    outcome = Outcome(file=path, format="bundle", rows=len(bundle.records), dry_run=dry_run)
    if not store.path.exists():
        if bundle.mission is None:
            raise ImportFailed(
                path, "holds no mission record, so it cannot start a new mission file"
            )
        if not dry_run:
            store.create(bundle.mission, bundle.records)
        outcome.created = True
        outcome.added = [r.id for r in bundle.records]
        return outcome
    with store.transaction() as tx:
        plan = bundle_plan.plan(tx.data, bundle)
        if not dry_run:
            tx.put_many(plan.records)
    outcome.added = [r.id for r in plan.added]
    outcome.enriched = [r.id for r in plan.updated]
    outcome.skipped = plan.unchanged
    return outcome
