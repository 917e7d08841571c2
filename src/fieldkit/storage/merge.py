"""Merging other copies of a mission (files or bundles) into the mission file.

The other copies are only read. All of them are merged in one locked transaction, saved in
one atomic write (or, for a dry run, not saved). The rules are in domain/merge.py.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from fieldkit.domain.history import Entry
from fieldkit.domain.lookup import NotFound
from fieldkit.domain.meetings import Draft
from fieldkit.domain.merge import (
    Conflict,
    Side,
    conflicts_of,
    held_back,
    merge_sides,
    resolve,
)
from fieldkit.domain.records import now_iso
from fieldkit.i18n import _
from fieldkit.storage import bundle, schema
from fieldkit.storage.bundle import FORMAT, looks_like_bundle
from fieldkit.storage.errors import StorageError
from fieldkit.storage.mission_file import ENCRYPTED_MAGIC, MissionFile, PassphraseSource
from fieldkit.storage.repository import Store, Tx
from fieldkit.storage.schema import SYNCED, TOMBSTONES

Docs = dict[str, dict[str, Any]]


class MergeError(ValueError):
    """Another copy that cannot be merged: the message says why, in one line."""


@dataclasses.dataclass
class Copy:
    """Another copy's records by table and id, and its tombstones by id."""

    path: Path
    mission_id: str | None
    tables: dict[str, Docs]
    tombs: Docs
    #: Drafts being typed in that copy (never merged: they stay with their copy).
    drafts: Docs = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class MergeReport:
    added: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    updated: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    deleted: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    conflicts: list[Conflict] = dataclasses.field(default_factory=list)
    histories: int = 0  # records whose merge history alone changed: saved, not shown
    held_back: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.histories)

    def tidy(self) -> None:
        """Name each record once, by what happened to it over all the copies merged."""
        deleted = list(dict.fromkeys(self.deleted))
        added = [r for r in dict.fromkeys(self.added) if r not in deleted]
        updated = [r for r in dict.fromkeys(self.updated) if r not in added and r not in deleted]
        self.added, self.updated, self.deleted = added, updated, deleted
        self.held_back = list(dict.fromkeys(self.held_back))
        self.conflicts = list({c.id: c for c in self.conflicts}.values())


def _by_id(docs: Any, where: str) -> Docs:
    if isinstance(docs, Mapping):
        docs = list(docs.values())
    if not isinstance(docs, list):
        raise MergeError(_("{where}: expected a list of records").format(where=where))
    out: Docs = {}
    for doc in docs:
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
            raise MergeError(_("{where}: a record without an id").format(where=where))
        out[doc["id"]] = doc
    return out


def _from_tree(path: Path, tree: dict[str, Any]) -> Copy:
    tables = {name: _by_id(tree.get(name) or {}, f"{path.name} {name}") for name in SYNCED}
    mission = next(iter(tables["mission"]), None)
    tombs = _by_id(tree.get(TOMBSTONES) or {}, f"{path.name} tombstones")
    drafts = tree.get(Draft.TABLE)
    kept = {str(k): d for k, d in drafts.items()} if isinstance(drafts, dict) else {}
    return Copy(path, mission, tables, tombs, kept)


def _from_bundle(path: Path, raw: Any) -> Copy:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise MergeError(_("{name} is not a fieldkit bundle").format(name=path.name))
    try:
        bundle.check_version(path.name, raw.get("version"))
    except bundle.BundleError as exc:
        raise MergeError(str(exc)) from None
    tables = {name: _by_id(raw.get(name) or [], f"{path.name} {name}") for name in SYNCED[1:]}
    mission = raw.get("mission")
    tables["mission"] = {mission["id"]: mission} if isinstance(mission, dict) else {}
    tombs = _by_id(raw.get("deleted") or [], f"{path.name} deleted")
    return Copy(path, next(iter(tables["mission"]), None), tables, tombs)


def copy_of_bundle(path: Path, read: bundle.Bundle) -> Copy:
    """A bundle already read, as another copy to merge: its records with their history."""
    tables: dict[str, Docs] = {name: {} for name in SYNCED}
    if read.mission is not None:
        tables["mission"][read.mission.id] = read.mission.to_dict()
    for record in read.records:
        tables[record.TABLE][record.id] = record.to_dict()
    tombs = {str(t["id"]): dict(t) for t in read.deleted}
    return Copy(path, read.mission.id if read.mission else None, tables, tombs)


def start_from(tx: Tx, other: Copy) -> MergeReport:
    """Fill a new, empty mission file with another copy, as a merge into nothing would: each
    record keeps its merge history and what the copy left out, and its tombstones travel."""
    if other.mission_id is None:
        raise MergeError(_("{name} holds no mission to merge").format(name=other.path.name))
    mission = merge_sides(None, Side(other.tables["mission"][other.mission_id]))
    if mission is not None:
        tx.put_doc("mission", dict(mission.doc))
    return merge_all(tx, [other])


def is_encrypted(path: Path) -> bool:
    """Whether another copy needs a passphrase to be read."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(ENCRYPTED_MAGIC)) == ENCRYPTED_MAGIC
    except OSError:
        return False


def read_copy(path: Path, passphrase: PassphraseSource | None) -> Copy:
    """Another copy of a mission, read and never written (an older file is upgraded in memory)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MergeError(
            _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    if looks_like_bundle(data):
        try:
            return _from_bundle(path, bundle.load(path, data))
        except orjson.JSONDecodeError as exc:
            raise MergeError(
                _("{name} is not JSON: {reason}").format(name=path.name, reason=exc)
            ) from None
        except bundle.BundleError as exc:
            raise MergeError(str(exc)) from None
    tree = MissionFile(path, passphrase).decode(data, path)
    version = schema.version_of(tree)
    if version > schema.SCHEMA_VERSION:
        raise MergeError(
            _("{name} was written by a newer fieldkit (schema {version})").format(
                name=path.name, version=version
            )
        )
    if version < schema.SCHEMA_VERSION:
        tree = schema.migrate(copy.deepcopy(tree))
    return _from_tree(path, tree)


def merge_copy(tx: Tx, other: Copy, report: MergeReport) -> None:
    """Merge one other copy into the transaction's tree."""
    ours = _from_tree(Path("."), tx.tree)
    if other.mission_id is None:
        raise MergeError(_("{name} holds no mission to merge").format(name=other.path.name))
    if other.mission_id != ours.mission_id:
        raise MergeError(
            _("{name} is a copy of another mission ({id}), not this one").format(
                name=other.path.name, id=other.mission_id
            )
        )
    for name in SYNCED:
        held = ours.tables[name]
        for record_id, doc in other.tables[name].items():
            if held.get(record_id) != doc:  # most records are the same in both copies
                _merge_one(tx, ours, name, record_id, Side(doc), report)
    for record_id, tomb in other.tombs.items():
        name = str(tomb.get("table", ""))
        if name in SYNCED:
            _merge_one(tx, ours, name, record_id, Side(tomb, tomb=True), report)


#: What another copy beside the file holds that the file does not (see `beside_state`).
NEW, DRAFTS, MERGED = "new", "drafts", "merged"


def beside_state(tree: Mapping[str, Any], path: Path) -> str:
    """NEW when merging another copy would bring something into `tree`; DRAFTS when only
    drafts typed there (which stay with their copy) would be lost with it; MERGED when it can
    be deleted. A copy that cannot be read without asking anything counts as NEW."""
    try:
        other = read_copy(path, None)
    except (MergeError, StorageError):
        return NEW
    ours = _from_tree(Path("."), dict(tree))
    if other.mission_id != ours.mission_id or _brings_any(ours, other):
        return NEW
    if any(draft not in ours.drafts.values() for draft in other.drafts.values()):
        return DRAFTS
    return MERGED


def _brings_any(ours: Copy, other: Copy) -> bool:
    for name in SYNCED:
        for record_id, doc in other.tables[name].items():
            if ours.tables[name].get(record_id) != doc and _brings(
                ours, name, record_id, Side(doc)
            ):
                return True
    return any(
        _brings(ours, str(tomb.get("table", "")), record_id, Side(tomb, tomb=True))
        for record_id, tomb in other.tombs.items()
        if tomb.get("table") in SYNCED
    )


def _brings(ours: Copy, name: str, record_id: str, theirs: Side) -> bool:
    live = ours.tables[name].get(record_id)
    tomb = ours.tombs.get(record_id)
    mine = Side(live) if live is not None else Side(tomb, tomb=True) if tomb else None
    try:
        return held_back(mine, theirs) or merge_sides(mine, theirs) is not None
    except (ValueError, TypeError, KeyError, AttributeError):
        return True


def _merge_one(
    tx: Tx, ours: Copy, name: str, record_id: str, theirs: Side, report: MergeReport
) -> None:
    live = ours.tables[name].get(record_id)
    tomb = ours.tombs.get(record_id)
    mine = Side(live) if live is not None else Side(tomb, tomb=True) if tomb else None
    try:
        if held_back(mine, theirs):
            report.held_back.append((name, record_id))
        result = merge_sides(mine, theirs)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise MergeError(
            _("{table} record {id}: its merge history is damaged ({reason})").format(
                table=name, id=record_id, reason=exc
            )
        ) from None
    if result is None:
        return
    where = (name, record_id)
    if result.tomb:
        tx.drop(name, record_id)
        tx.put_doc(TOMBSTONES, dict(result.doc))
        ours.tombs[record_id] = dict(result.doc)
        ours.tables[name].pop(record_id, None)
        if live is not None:
            report.deleted.append(where)
        return
    tx.drop(TOMBSTONES, record_id)
    tx.put_doc(name, dict(result.doc))
    ours.tables[name][record_id] = dict(result.doc)
    ours.tombs.pop(record_id, None)
    if live is None:
        report.added.append(where)
    elif _content(live) != _content(result.doc):
        report.updated.append(where)
    else:
        report.histories += 1
    before = {c.id for c in conflicts_of(name, live)} if live is not None else set()
    report.conflicts += [c for c in conflicts_of(name, result.doc) if c.id not in before]


_NOT_CONTENT = ("_sync", "updated_at", "author")


def _content(doc: Mapping[str, Any]) -> dict[str, Any]:
    """What a record says, without its merge history and who touched it last."""
    return {k: v for k, v in doc.items() if k not in _NOT_CONTENT}


def merge(
    store: Store,
    others: list[Path],
    passphrase: Callable[[Path], PassphraseSource] | None = None,
    dry_run: bool = False,
) -> MergeReport:
    """Merge other copies into the store's file in one locked, atomic transaction."""
    with _no_cycle_scans():
        copies = [read_copy(path, passphrase(path) if passphrase else None) for path in others]
        with store.transaction() as tx:
            return merge_all(tx, copies, dry_run)


@contextmanager
def _no_cycle_scans() -> Iterator[None]:
    """Pause the cycle collector: a merge holds two whole missions (millions of objects,
    none in a cycle), which it would otherwise scan again and again; reference counting
    still frees them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def merge_all(tx: Tx, copies: list[Copy], dry_run: bool = False) -> MergeReport:
    """Merge copies already read into a transaction (left unsaved for a dry run)."""
    report = MergeReport()
    for other in copies:
        merge_copy(tx, other, report)
    report.tidy()
    if dry_run:
        tx.changed = False
    return report


def all_conflicts(tree: Mapping[str, Any]) -> list[Conflict]:
    """Every unresolved conflict in a mission tree, in table order."""
    found: list[Conflict] = []
    for name in SYNCED:
        for doc in (tree.get(name) or {}).values():
            if isinstance(doc, dict):
                found += conflicts_of(name, doc)
    return found


def find_conflict(conflicts: list[Conflict], prefix: str) -> Conflict:
    """The one conflict whose id starts with `prefix`."""
    wanted = prefix.strip().lower()
    found = [c for c in conflicts if wanted and c.id.startswith(wanted)]
    if not found:
        raise NotFound(
            _("no conflict with id {id}: see `fieldkit conflicts`").format(id=repr(prefix))
        )
    if len(found) > 1:
        raise NotFound(
            _("conflict id {id} is ambiguous: give more characters").format(id=repr(prefix))
        )
    return found[0]


def resolve_conflict(tx: Tx, prefix: str, keep_mine: bool, by: str) -> tuple[Conflict, Entry]:
    """Settle a conflict in a transaction by keeping one value; returns it and the value."""
    conflict = find_conflict(all_conflicts(tx.tree), prefix)
    doc = tx.doc(conflict.table, conflict.record_id)
    if doc is None:
        raise NotFound(_("the record of conflict {id} is gone").format(id=conflict.id))
    chosen = conflict.mine if keep_mine else conflict.theirs
    result = resolve(doc, conflict, chosen, tx.copy, now_iso(), by)
    if result.tomb:
        tx.drop(conflict.table, conflict.record_id)
        tx.put_doc(TOMBSTONES, dict(result.doc))
    else:
        tx.put_doc(conflict.table, dict(result.doc))
    return conflict, chosen


_MISSION_ID = re.compile(rb'"mission":\{"[0-9]+":\{"id":"([^"]+)"')


def copies_beside(path: Path, mission_id: str | None) -> list[Path]:
    """Other copies of the mission in the file's folder: Syncthing's conflict copies
    (`NAME.sync-conflict-*`) and plain files holding the same mission."""
    found: list[Path] = []
    try:
        candidates = sorted(path.parent.iterdir())
    except OSError:
        return []
    for candidate in candidates:
        if candidate == path or not candidate.is_file() or candidate.name.startswith("."):
            continue
        if candidate.name.startswith(f"{path.stem}.sync-conflict-") or (
            candidate.suffix == path.suffix and mission_id and _mission_of(candidate) == mission_id
        ):
            found.append(candidate)
    return found


def _mission_of(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    match = _MISSION_ID.search(head)
    return match.group(1).decode() if match else None
