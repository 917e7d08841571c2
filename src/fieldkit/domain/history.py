"""The merge history of records, kept on records as plain dicts, and local writes to it.

Each record carries its merge history under the key `_sync` (see docs/merge.md):

    "v": {copy: n}          the record's version vector: the writes it has seen, per copy
    "f": "copy:n" or {"*": "copy:n", field: "copy:n"}  the dot (write) that set each
                            field's single value: one for all fields, or a default and others
    "w": {"copy:n": [at, by]}  when and by whom each of those writes was made
    "c": {field: [[dot, value, at, by], ...]}  a field in conflict: every value kept
    "x": {"copy:n": {copy: n}}  for a deletion: what the deleting copy had seen
    "p": ["copy:n", ...]    deletions purged: their tombstone keeps no content
    "o": [field, ...]       fields a bundle left out (blanked): their values are unknown
    "m": {field: dot}       in conflicts, which value is this file's own ("mine")

A field is a multi-value register: a write replaces every value the writer had seen; a merge
keeps a value unless the other side has seen its write and no longer holds it. This makes
merging commutative, associative and idempotent, and two values remain only when two writes
to the same field were made without either having seen the other: a conflict. Deletion is a
write to the field `_deleted`; a record deleted on one side and edited on the other, the edit
unseen by the deletion, stays alive as a conflict. A tombstone keeps the record's fields
with their history (merged like a live record's), unless its deletion was purged: then it
keeps only the history. The metadata `created_at` (earliest), `updated_at` and `author`
(latest) never conflict.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

SYNC = "_sync"
DELETED = "_deleted"
META = ("id", "created_at", "updated_at", "author")
TOMB_KEYS = ("id", "table", "created_at", "updated_at", "author")

Doc = dict[str, Any]
Clock = dict[str, int]


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """One value of a field and the write that made it."""

    dot: str
    value: Any
    at: str
    by: str

    def order(self) -> tuple[str, str, int, str]:
        copy, n = split_dot(self.dot)
        return (self.at, self.by, n, copy)


@dataclasses.dataclass(slots=True)
class State:
    """A record (or its tombstone) with its full merge history."""

    id: str
    meta: dict[str, Any]
    fields: list[str]
    vv: Clock
    regs: dict[str, list[Entry]]
    ctx: dict[str, Clock]
    unknown: set[str]
    mine: dict[str, str]
    tomb: bool = False
    purged: set[str] = dataclasses.field(default_factory=set)

    @property
    def bare(self) -> bool:
        """A tombstone without content: purged, or written before tombstones kept any."""
        return self.tomb and not self.fields

    @property
    def deletes(self) -> list[Entry]:
        return [e for e in self.regs.get(DELETED, []) if e.value is True]

    @property
    def deleted_cleanly(self) -> bool:
        """Deleted, and every value still held was seen by a deletion."""
        regs = self.regs.get(DELETED, [])
        if not regs or any(e.value is not True for e in regs):
            return False
        seen = join(self.ctx.get(e.dot, {}) for e in regs)
        return all(
            covered(e.dot, seen)
            for name, entries in self.regs.items()
            if name != DELETED
            for e in entries
        )

    def provisional(self, name: str) -> Any:
        return provisional(self.regs[name]).value


@dataclasses.dataclass(frozen=True, slots=True)
class Conflict:
    """Two or more values of one field written without either seeing the other."""

    id: str
    table: str
    record_id: str
    field: str
    entries: tuple[Entry, ...]
    mine: Entry
    theirs: Entry


def split_dot(dot: str) -> tuple[str, int]:
    copy, _, n = dot.rpartition(":")
    return copy, int(n)


def covered(dot: str, vv: Mapping[str, int]) -> bool:
    copy, n = split_dot(dot)
    return vv.get(copy, 0) >= n


def join(clocks: Iterable[Mapping[str, int]]) -> Clock:
    out: Clock = {}
    for clock in clocks:
        for copy, n in clock.items():
            if n > out.get(copy, 0):
                out[copy] = n
    return dict(sorted(out.items()))


def provisional(entries: list[Entry]) -> Entry:
    """The value a file shows while a conflict lasts: the latest write, the same everywhere."""
    return max(entries, key=Entry.order)


def content_keys(doc: Mapping[str, Any]) -> list[str]:
    return [k for k in doc if k not in META and k != SYNC]


def base_dot(doc: Mapping[str, Any]) -> str:
    """The write that stands for a record's history before it was kept: named by its
    content, so copies holding the same record agree on it and differing ones conflict.
    """
    body = {k: v for k, v in doc.items() if k != SYNC}
    digest = hashlib.sha1(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()
    return f"~{digest[:10]}:1"


def fresh_sync(doc: Mapping[str, Any], dot: str) -> Doc:
    copy, n = split_dot(dot)
    at, by = str(doc.get("updated_at", "")), str(doc.get("author", ""))
    return {"v": {copy: n}, "f": dot, "w": {dot: [at, by]}}


def with_history(doc: Mapping[str, Any]) -> Doc:
    """The record with merge history; a record without any gets its content-named one."""
    if isinstance(doc.get(SYNC), dict):
        return dict(doc)
    return {**doc, SYNC: fresh_sync(doc, base_dot(doc))}


# -- reading and writing states ----------------------------------------------------------


def load(doc: Mapping[str, Any], tomb: bool = False) -> State:
    """A record's state; damaged history (edited by hand) is replaced by the content-named
    history an old record gets, so the record merges, at worst as a conflict."""
    try:
        return _load(with_history(doc), tomb)
    except (TypeError, ValueError, AttributeError, KeyError):
        bare = {k: v for k, v in doc.items() if k != SYNC}
        return _load(with_history(bare), tomb)


def _load(doc: Mapping[str, Any], tomb: bool) -> State:
    sync: Mapping[str, Any] = doc[SYNC]
    vv: Clock = {str(k): int(n) for k, n in (sync.get("v") or {}).items()}
    dots, default = _unpack(sync.get("f"))
    when: Mapping[str, list[str]] = sync.get("w") or {}
    multi: Mapping[str, list[list[Any]]] = sync.get("c") or {}
    names = [k for k in content_keys(doc) if not tomb or k not in TOMB_KEYS]
    fallback = ""
    regs: dict[str, list[Entry]] = {}
    for name in [*names, DELETED]:
        if name in multi:
            regs[name] = [Entry(str(d), v, str(a), str(b)) for d, v, a, b in multi[name]]
        elif name in dots or (default and name != DELETED):
            dot = str(dots.get(name) or default)
            at, by = (when.get(dot) or ["", ""])[:2]
            value = dot in (sync.get("x") or {}) if name == DELETED else doc[name]
            regs[name] = [Entry(dot, value, str(at), str(by))]
        elif name != DELETED:
            fallback = fallback or base_dot({k: doc[k] for k in names})
            regs[name] = [Entry(fallback, doc[name], str(doc.get("updated_at", "")), "")]
            copy, n = split_dot(fallback)
            vv[copy] = max(vv.get(copy, 0), n)
    return State(
        id=str(doc.get("id")),
        meta={k: doc[k] for k in (TOMB_KEYS if tomb else META) if k in doc},
        fields=names,
        vv=vv,
        regs=regs,
        ctx={str(k): dict(v) for k, v in (sync.get("x") or {}).items()},
        unknown=set(sync.get("o") or ()),
        mine={str(k): str(v) for k, v in (sync.get("m") or {}).items()},
        tomb=tomb,
        purged={str(d) for d in sync.get("p") or ()},
    )


def dump(state: State) -> Doc:
    """The record (or tombstone) as stored: provisional values and the history."""
    doc: Doc = dict(state.meta)
    single: dict[str, str] = {}
    when: dict[str, list[str]] = {}
    multi: dict[str, list[list[Any]]] = {}
    for name in [*state.fields, DELETED]:
        entries = state.regs.get(name)
        if not entries:
            continue
        if name != DELETED:
            doc[name] = provisional(entries).value
        if len(entries) == 1:
            single[name] = entries[0].dot
            when[entries[0].dot] = [entries[0].at, entries[0].by]
        else:
            multi[name] = [[e.dot, e.value, e.at, e.by] for e in sorted(entries, key=_dot_key)]
    sync: Doc = {"v": dict(sorted(state.vv.items())), "f": _pack(single)}
    sync["w"] = dict(sorted(when.items()))
    if multi:
        sync["c"] = multi
    dels = {e.dot for e in state.regs.get(DELETED, []) if e.value is True}
    if dels:
        sync["x"] = {d: state.ctx[d] for d in sorted(dels) if d in state.ctx}
    if state.purged & dels:
        sync["p"] = sorted(state.purged & dels)
    if state.unknown:
        sync["o"] = sorted(state.unknown)
    mine = {k: v for k, v in state.mine.items() if len(state.regs.get(k, [])) > 1 or k == DELETED}
    if mine and not state.tomb:
        sync["m"] = dict(sorted(mine.items()))
    doc[SYNC] = sync
    return doc


def _pack(single: dict[str, str]) -> str | dict[str, str]:
    """Each field's dot, stored as the dot most fields share plus the others."""
    counts: dict[str, int] = {}
    for name, dot in single.items():
        if name != DELETED:
            counts[dot] = counts.get(dot, 0) + 1
    if not counts:
        return dict(single)
    common = max(counts, key=lambda d: (counts[d], d))
    rest = {k: v for k, v in sorted(single.items()) if v != common or k == DELETED}
    return {"*": common, **rest} if rest else common


def _unpack(packed: Any) -> tuple[dict[str, str], str]:
    """(dots named field by field, the dot of every other field)."""
    if isinstance(packed, str):
        return {}, packed
    dots = {str(k): str(v) for k, v in (packed or {}).items()}
    return dots, dots.pop("*", "")


def _dot_key(entry: Entry) -> tuple[str, int]:
    return split_dot(entry.dot)


# -- local writes ------------------------------------------------------------------------


def write(state: State, values: Mapping[str, Any], copy: str, at: str, by: str) -> None:
    """Record one write by `copy` setting `values`; every value it replaces was seen."""
    n = state.vv.get(copy, 0) + 1
    dot = f"{copy}:{n}"
    state.vv[copy] = n
    purged = bool(state.purged & {e.dot for e in state.deletes})
    for name, value in values.items():
        if name not in state.fields and name != DELETED:
            state.fields.append(name)
        state.regs[name] = [Entry(dot, value, at, by)]
        state.unknown.discard(name)
        state.mine.pop(name, None)
        if value is True and name == DELETED:
            state.ctx = {dot: dict(sorted(state.vv.items()))}
            state.purged = {dot} if purged else set()


def stamp(old: Mapping[str, Any] | None, new: Mapping[str, Any], copy: str) -> Doc:
    """The history of `new`, a record saved over `old` (None: a new record) by `copy`."""
    if old is None and SYNC not in new:  # a new record: one copy, its history last
        return {**new, SYNC: fresh_sync(new, f"{copy}:1")}
    at, by = str(new.get("updated_at", "")), str(new.get("author", ""))
    body = {k: v for k, v in new.items() if k != SYNC}
    if old is None:
        n = 1
        return {**body, SYNC: fresh_sync(body, f"{copy}:{n}")}
    state = load(old)
    changed = {
        k: body[k]
        for k in content_keys(body)
        if k not in state.regs or state.provisional(k) != body[k]
    }
    if state.tomb or DELETED in state.regs:
        changed[DELETED] = False
    for gone in [k for k in state.fields if k not in body]:
        state.fields.remove(gone)
        state.regs.pop(gone, None)
    if changed:
        write(state, changed, copy, at, by)
    state.meta = {k: body[k] for k in META if k in body}
    state.fields = content_keys(body)
    return dump(state)


def undelete(tomb: Mapping[str, Any], new: Mapping[str, Any], copy: str) -> Doc:
    """A record put again after it was deleted: every field written anew."""
    state = load(tomb, tomb=True)
    body = {k: v for k, v in new.items() if k != SYNC}
    state.tomb = False
    state.fields = content_keys(body)
    state.regs = {k: v for k, v in state.regs.items() if k == DELETED}
    state.unknown = set()
    state.meta = {k: body[k] for k in META if k in body}
    values = {k: body[k] for k in state.fields}
    values[DELETED] = False
    write(state, values, copy, str(body.get("updated_at", "")), str(body.get("author", "")))
    return dump(state)


def delete(
    doc: Mapping[str, Any], table: str, copy: str, at: str, by: str, purge: bool = False
) -> Doc:
    """The tombstone of a record deleted by `copy`: its fields and their history, or, when
    `purge`d, its history alone (then a concurrent edit elsewhere revives older values)."""
    state = load(doc)
    write(state, {DELETED: True}, copy, at, by)
    if purge:
        state.purged = {e.dot for e in state.deletes}
    return dump(as_tomb(state, table, at, by))


def as_tomb(state: State, table: str, at: str, by: str) -> State:
    """A record deleted cleanly, as its tombstone: without its content if purged."""
    meta = {
        "id": state.id,
        "table": table,
        "created_at": state.meta.get("created_at", ""),
        "updated_at": at,
        "author": by,
    }
    purged = bool(state.purged & {e.dot for e in state.deletes})
    return State(
        id=state.id,
        meta=meta,
        fields=[] if purged else list(state.fields),
        vv=state.vv,
        regs={DELETED: state.regs[DELETED]} if purged else dict(state.regs),
        ctx=state.ctx,
        unknown=set() if purged else set(state.unknown),
        mine={},
        tomb=True,
        purged=state.purged,
    )
