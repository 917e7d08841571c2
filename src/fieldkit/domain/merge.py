"""The rules of merging two copies of a record, and the conflicts a merge leaves.

Pure functions of the two records' histories (domain/history.py); docs/merge.md explains why
they give the same result in any order, any number of times.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from fieldkit.domain.history import (
    DELETED,
    META,
    SYNC,
    Doc,
    Entry,
    State,
    as_tomb,
    covered,
    dump,
    join,
    load,
    provisional,
    write,
)
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record

KEPT = "kept"
REMOVED = "deleted"


@dataclasses.dataclass(frozen=True, slots=True)
class Side:
    """A record as one copy holds it: live in its table, or a tombstone."""

    doc: Mapping[str, Any]
    tomb: bool = False

    def state(self) -> State:
        return load(self.doc, tomb=self.tomb)


@dataclasses.dataclass(frozen=True, slots=True)
class Conflict:
    """Values of one field written without either write seeing the other."""

    id: str
    table: str
    record_id: str
    field: str
    mine: Entry
    theirs: Entry
    entries: tuple[Entry, ...]
    #: In "deleted or kept": each field edited without the deletion in view, and the value
    #: keeping the record keeps.
    kept: tuple[tuple[str, Any], ...] = ()


def _merge_entries(a: State, b: State, name: str) -> list[Entry]:
    ea, eb = a.regs.get(name, []), b.regs.get(name, [])
    if name != DELETED and (name in a.unknown or name in b.unknown):
        if a.bare or name in a.unknown:
            return list(eb) if eb or b.bare or name in b.unknown else list(ea)
        return list(ea)
    if name != DELETED and (a.bare or b.bare):
        return _past_deletion(b if a.bare else a, a if a.bare else b, name)
    dots_a, dots_b = {e.dot for e in ea}, {e.dot for e in eb}
    kept = [e for e in ea if e.dot in dots_b or not covered(e.dot, b.vv)]
    kept += [e for e in eb if e.dot not in dots_a and not covered(e.dot, a.vv)]
    return sorted(kept, key=lambda e: e.dot)


def _past_deletion(live: State, tomb: State, name: str) -> list[Entry]:
    """A field merged with a tombstone that holds no content (purged, or older than
    tombstones with content): the values the deletion had not seen, or, when it had seen
    them all, the other side's."""
    entries = live.regs.get(name, [])
    unseen = [e for e in entries if not covered(e.dot, tomb.vv)]
    return sorted(unseen or entries, key=lambda e: e.dot)


def _meta(a: State, b: State) -> dict[str, Any]:
    meta = {**b.meta, **a.meta}
    created = [m["created_at"] for m in (a.meta, b.meta) if m.get("created_at")]
    if created:
        meta["created_at"] = min(created)
    latest = max((str(m.get("updated_at", "")), str(m.get("author", ""))) for m in (a.meta, b.meta))
    meta["updated_at"], meta["author"] = latest
    return meta


def merge_states(a: State, b: State) -> State:
    """The join of two histories of one record: commutative, associative, idempotent."""
    names = list(a.fields) + [n for n in b.fields if n not in a.fields]
    regs: dict[str, list[Entry]] = {}
    for name in [*names, DELETED]:
        entries = _merge_entries(a, b, name)
        if entries:
            regs[name] = entries
    live_dots = {e.dot for e in regs.get(DELETED, []) if e.value is True}
    ctx = {d: c for d, c in {**b.ctx, **a.ctx}.items() if d in live_dots}
    unknown = {n for n in names if (a.bare or n in a.unknown) and (b.bare or n in b.unknown)}
    meta = _meta(a, b)
    merged = State(
        id=a.id,
        meta={k: v for k, v in meta.items() if k in META},
        fields=[n for n in names if n in regs],
        vv=join((a.vv, b.vv)),
        regs=regs,
        ctx=ctx,
        unknown=unknown - {n for n in names if n not in regs},
        mine=dict(a.mine),
        tomb=False,
        purged=(a.purged | b.purged) & live_dots,
    )
    table = str(meta.get("table") or "")
    if merged.deleted_cleanly:
        tomb = as_tomb(merged, table, str(meta["updated_at"]), str(meta["author"]))
        tomb.meta["created_at"] = meta.get("created_at", "")
        return tomb
    return merged


def _left_out_unseen(a: State, b: State) -> bool:
    return any(not all(covered(e.dot, a.vv) for e in b.regs.get(n, [])) for n in b.unknown)


def held_back(ours: Side | None, theirs: Side) -> bool:
    """Whether merging `theirs` leaves ours as it is because their bundle left out a field
    their copy changed since ours saw it (the whole copy, not a bundle, would merge)."""
    if ours is None or ours.doc == theirs.doc:
        return False
    return _left_out_unseen(ours.state(), theirs.state())


def merge_sides(ours: Side | None, theirs: Side) -> Side | None:
    """Our record after merging theirs; None when ours stays exactly as it is."""
    if ours is not None and ours.tomb == theirs.tomb and ours.doc == theirs.doc:
        return None
    b = theirs.state()
    if ours is None:
        if b.tomb:
            return Side(dump(b), tomb=True)
        b.mine = {}
        return Side(dump(b))
    a = ours.state()
    if _left_out_unseen(a, b):
        return None  # the other copy's newer value was left out of its bundle: keep ours
    merged = merge_states(a, b)
    _mark_mine(a, merged)
    doc = dump(merged)
    if merged.tomb == ours.tomb and _same(doc, ours.doc):
        return None
    return Side(doc, tomb=merged.tomb)


def _mark_mine(ours: State, merged: State) -> None:
    for name, entries in merged.regs.items():
        if len(entries) < 2 or name in merged.mine:
            continue
        held = {e.dot for e in ours.regs.get(name, [])}
        own = [e for e in entries if e.dot in held]
        if own:
            merged.mine[name] = provisional(own).dot
    if merged.deletes and not merged.tomb and DELETED not in merged.mine:
        merged.mine[DELETED] = REMOVED if ours.tomb else KEPT


def _same(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    def strip(doc: Mapping[str, Any]) -> dict[str, Any]:
        sync = {k: v for k, v in (doc.get(SYNC) or {}).items() if k != "m"}
        return {**doc, SYNC: sync}

    return strip(a) == strip(b)


# -- conflicts ---------------------------------------------------------------------------


def conflict_id(table: str, record_id: str, field: str) -> str:
    return hashlib.sha1(f"{table}/{record_id}/{field}".encode()).hexdigest()[:10]


def conflicts_of(table: str, doc: Mapping[str, Any]) -> list[Conflict]:
    """The unresolved conflicts a live record holds."""
    sync = doc.get(SYNC)
    if not isinstance(sync, dict) or not (sync.get("c") or sync.get("x")):
        return []
    state = load(doc)
    found: list[Conflict] = []
    for name, entries in state.regs.items():
        if name == DELETED or len(entries) < 2 or len({_key(e.value) for e in entries}) < 2:
            continue
        mine = next((e for e in entries if e.dot == state.mine.get(name)), None)
        mine = mine or provisional(entries)
        others = [e for e in entries if e.dot != mine.dot]
        theirs = provisional(others)
        cid = conflict_id(table, state.id, name)
        found.append(Conflict(cid, table, state.id, name, mine, theirs, tuple(entries)))
    deletion = _deletion_conflict(table, state)
    if deletion is not None:
        found.append(deletion)
    return found


def _deletion_conflict(table: str, state: State) -> Conflict | None:
    deletes = state.deletes
    if not deletes:
        return None
    seen = join(state.ctx.get(e.dot, {}) for e in deletes)
    edited = {
        name: [e for e in entries if not covered(e.dot, seen)]
        for name, entries in state.regs.items()
        if name != DELETED
    }
    edits = [e for entries in edited.values() for e in entries]
    if not edits:
        return None
    kept = tuple((n, state.provisional(n)) for n in state.fields if edited.get(n))
    d, k = provisional(deletes), provisional(edits)
    removed, keep = Entry(d.dot, REMOVED, d.at, d.by), Entry(k.dot, KEPT, k.at, k.by)
    mine, theirs = (removed, keep) if state.mine.get(DELETED) == REMOVED else (keep, removed)
    cid = conflict_id(table, state.id, DELETED)
    return Conflict(cid, table, state.id, DELETED, mine, theirs, (removed, keep), kept)


def _key(value: Any) -> str:
    return repr(value)


def resolve(
    doc: Mapping[str, Any], conflict: Conflict, keep: Entry, copy: str, at: str, by: str
) -> Side:
    """The record after a delegate (`by`) chose `keep`, written as a new edit by this copy."""
    state = load(doc)
    if conflict.field == DELETED:
        write(state, {DELETED: keep.value == REMOVED}, copy, at, by)
    else:
        write(state, {conflict.field: keep.value}, copy, at, by)
    state.meta["updated_at"], state.meta["author"] = at, by
    if state.deleted_cleanly:
        return Side(dump(as_tomb(state, conflict.table, at, by)), tomb=True)
    return Side(dump(state))


def merged_doc(doc: Doc) -> Doc:
    """A record's history in its stored form (for tests and the migration)."""
    return dump(load(doc))


def conflicts_in(data: MissionData) -> list[Conflict]:
    """Every unresolved conflict among a mission's records."""
    tables: list[tuple[str, Iterable[Record]]] = [
        ("mission", [data.mission] if data.mission else []),
        ("items", data.items.values()),
        ("institutions", data.institutions.values()),
        ("people", data.people.values()),
        ("meetings", data.meetings.values()),
        ("notes", data.notes.values()),
        ("responses", data.responses.values()),
        ("actions", data.actions.values()),
    ]
    found: list[Conflict] = []
    for table, records in tables:
        for record in records:
            sync = record.extra.get(SYNC)
            if isinstance(sync, dict) and (sync.get("c") or sync.get("x")):
                found += conflicts_of(table, record.to_dict())
    return found
