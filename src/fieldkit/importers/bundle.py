"""Bundles into a mission: records added or updated by id, the mission kept.

Reading bundles lives in `storage.bundle`; this is the plan, as for the other formats. A bundle
of the mission itself (another copy's export) is merged as `fieldkit merge` merges it: field by
field, with each record's history, so a bundle that left a part out blanks nothing and an older
one undoes no newer edit. A bundle never leaves a mission `fieldkit check` rejects: its
priority items take ranks after the mission's own when theirs are taken, and a record pointing
at something that is in neither the bundle nor the mission refuses the whole bundle.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fieldkit.domain.integrity import problems
from fieldkit.domain.items import Item
from fieldkit.domain.merge import Conflict
from fieldkit.domain.mission import Mission, MissionData
from fieldkit.domain.records import Record
from fieldkit.i18n import _
from fieldkit.importers.common import ImportFailed
from fieldkit.storage.bundle import Bundle, BundleError, read_bundle
from fieldkit.storage.merge import MergeError, copy_of_bundle, merge_all, start_from
from fieldkit.storage.repository import Store, Tx

_TABLES = ("items", "institutions", "people", "meetings", "notes", "responses", "actions")


@dataclasses.dataclass
class BundlePlan:
    added: list[Record]
    updated: list[Record]
    unchanged: int
    #: Priority items moved to a free rank after the mission's own.
    reranked: int = 0

    @property
    def records(self) -> list[Record]:
        return [*self.added, *self.updated]


@dataclasses.dataclass
class BundleOutcome:
    rows: int
    added: list[str]
    updated: list[str]
    unchanged: int
    created: bool = False
    reranked: int = 0
    #: Records the bundle's copy of this mission deleted, deleted here too.
    deleted: list[str] = dataclasses.field(default_factory=list)
    #: Fields both copies changed, left for `fieldkit resolve`.
    conflicts: list[Conflict] = dataclasses.field(default_factory=list)
    #: Records not merged: this copy changed a field the bundle left out.
    held_back: int = 0


def plan(data: MissionData, bundle: Bundle) -> BundlePlan:
    existing: dict[str, Record] = {
        r.id: r for name in _TABLES for r in getattr(data, name).values()
    }
    records, reranked = _reranked(data, bundle.records)
    added = [r for r in records if r.id not in existing]
    updated = [r for r in records if r.id in existing and existing[r.id] != r]
    return BundlePlan(added, updated, len(records) - len(added) - len(updated), reranked)


def _reranked(data: MissionData, records: list[Record]) -> tuple[list[Record], int]:
    """The bundle's records with each priority item whose rank the mission already gives to
    another item moved after the highest rank, in the bundle's order."""
    incoming = {r.id for r in records}
    taken = {
        i.priority for i in data.items.values() if i.priority is not None and i.id not in incoming
    }
    ranked = sorted(
        (r for r in records if isinstance(r, Item) and r.priority is not None),
        key=lambda i: (i.priority, i.id),
    )
    moved: dict[str, Record] = {}
    top = max([*taken, *(i.priority or 0 for i in ranked)], default=0)
    for item in ranked:
        rank = item.priority or 0
        if rank in taken:
            top += 1
            moved[item.id] = dataclasses.replace(item, priority=top)
            taken.add(top)
        else:
            taken.add(rank)
    return [moved.get(r.id, r) for r in records], len(moved)


def _merged(
    data: MissionData | None, mission: Mission | None, records: list[Record]
) -> MissionData:
    """The mission as it would be once `records` are written."""
    tables: dict[str, dict[str, Record]] = {
        name: dict(getattr(data, name)) if data else {} for name in _TABLES
    }
    for record in records:
        tables[record.TABLE][record.id] = record
    return MissionData(mission, **tables)  # type: ignore[arg-type]


def _refuse_dangling(path: Path, before: MissionData | None, after: MissionData) -> None:
    known = set(problems(before)) if before else set()
    new = [p for p in problems(after) if p not in known and "no mission record" not in p]
    if new:
        raise ImportFailed(
            path,
            _("would leave the mission with {count} broken link(s); nothing was imported").format(
                count=len(new)
            ),
            tuple(new),
        )


def _create(store: Store, path: Path, bundle: Bundle, records: list[Record]) -> None:
    """A new mission file holding the bundle as `fieldkit merge` would take it into an empty
    one (merge history, what was left out and tombstones kept), then any item moved to a free
    rank saved as this copy's edit."""
    moved = [r for r, was in zip(records, bundle.records, strict=True) if r is not was]

    def fill(tx: Tx) -> None:
        try:
            start_from(tx, copy_of_bundle(path, bundle))
        except MergeError as exc:
            raise ImportFailed(path, str(exc)) from None
        tx.put_many(moved)

    store.create_with(fill)


def import_bundle(store: Store, path: Path, dry_run: bool) -> BundleOutcome:
    try:
        bundle = read_bundle(path)
    except BundleError as exc:
        raise ImportFailed(path, str(exc), exc.problems, named=True) from None
    except OSError as exc:
        raise ImportFailed(
            path, _("cannot be read: {reason}").format(reason=exc.strerror or exc)
        ) from None
    rows = len(bundle.records)
    if not store.path.exists():
        if bundle.mission is None:
            raise ImportFailed(
                path, _("holds no mission record, so it cannot start a new mission file")
            )
        records, _ranks = _reranked(MissionData(bundle.mission), bundle.records)
        _refuse_dangling(path, None, _merged(None, bundle.mission, records))
        if not dry_run:
            _create(store, path, bundle, records)
        return BundleOutcome(rows, [r.id for r in records], [], 0, created=True)
    with store.transaction() as tx:
        mission = tx.data.mission
        if bundle.mission is not None and mission is not None and bundle.mission.id == mission.id:
            return _merge(tx, path, bundle, dry_run)
        result = plan(tx.data, bundle)
        _refuse_dangling(path, tx.data, _merged(tx.data, tx.data.mission, result.records))
        if not dry_run:
            tx.put_many(result.records)
    return BundleOutcome(
        rows,
        [r.id for r in result.added],
        [r.id for r in result.updated],
        result.unchanged,
        reranked=result.reranked,
    )


def _merge(tx: Tx, path: Path, bundle: Bundle, dry_run: bool) -> BundleOutcome:
    """A bundle of this mission merged into it as another copy, then the import's checks: no
    broken link, and each priority item it brings whose rank another item holds moved after
    the highest (this copy's edit)."""
    before = tx.data
    try:
        report = merge_all(tx, [copy_of_bundle(path, bundle)])
    except MergeError as exc:
        raise ImportFailed(path, str(exc)) from None
    after = tx.data
    brought = {i for table, i in [*report.added, *report.updated] if table == "items"}
    items: list[Record] = [after.items[i] for i in sorted(brought) if i in after.items]
    ranked, reranked = _reranked(after, items)
    moved = [r for r, was in zip(ranked, items, strict=True) if r is not was]
    _refuse_dangling(path, before, _merged(after, after.mission, moved))
    tx.put_many(moved)
    if dry_run:
        tx.changed = False
    added, updated = [i for _, i in report.added], [i for _, i in report.updated]
    return BundleOutcome(
        len(bundle.records),
        added,
        updated,
        len({r.id for r in bundle.records} - {*added, *updated}),
        reranked=reranked,
        deleted=[i for _, i in report.deleted],
        conflicts=report.conflicts,
        held_back=len(report.held_back),
    )
