"""The laws of a merge, over random edit sequences on two and three copies of a mission.

Copies are modelled as records by id (live or tombstone) and edited through the same
functions the storage uses; a model of what each copy has seen checks that no edit a copy
acknowledged is lost and that conflicts come only from concurrent writes to one field.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from fieldkit.domain import history
from fieldkit.domain.merge import Side, conflicts_of, merge_sides, resolve

Copy = dict[str, Side]
IDS = ("r1", "r2", "r3")
FIELDS = ("text", "stance")


@dataclasses.dataclass
class World:
    copies: list[Copy]
    seen: list[set[str]]  # the dots each copy has seen
    writes: list[tuple[str, str, str, Any, frozenset[str]]]  # rid, field, dot, value, seen
    tick: int = 0

    def stamp(self) -> str:
        self.tick += 1
        return f"2026-04-10T10:{self.tick // 60:02d}:{self.tick % 60:02d}Z"


def merged(into: Copy, other: Copy) -> Copy:
    out = dict(into)
    for rid, side in other.items():
        result = merge_sides(out.get(rid), side)
        if result is not None:
            out[rid] = result
    return out


def canon(copy: Copy) -> str:
    def strip(side: Side) -> dict[str, Any]:
        doc = dict(side.doc)
        doc[history.SYNC] = {k: v for k, v in doc[history.SYNC].items() if k != "m"}
        return {"tomb": side.tomb, "doc": doc}

    return json.dumps({rid: strip(s) for rid, s in copy.items()}, sort_keys=True)


def apply(world: World, op: tuple[Any, ...]) -> None:
    kind, n = op[0], op[1] % len(world.copies)
    copy, name = world.copies[n], "ABC"[n]
    if kind == "sync":
        m = op[2] % len(world.copies)
        world.copies[n] = merged(copy, world.copies[m])
        world.seen[n] |= world.seen[m]
        return
    rid = IDS[op[2]]
    side = copy.get(rid)
    at = world.stamp()
    if kind == "create" and side is None and not any(rid in c for c in world.copies):
        doc = {"id": rid, "created_at": at, "updated_at": at, "author": name}
        doc |= dict.fromkeys(FIELDS, "")
        copy[rid] = Side(history.stamp(None, doc, name))
    elif kind == "edit" and side is not None and not side.tomb:
        field, value = FIELDS[op[3]], f"v{op[4]}"
        new = {**side.doc, field: value, "updated_at": at, "author": name}
        copy[rid] = Side(history.stamp(side.doc, new, name))
    elif kind in ("delete", "purge") and side is not None and not side.tomb:
        doc = history.delete(side.doc, "notes", name, at, name, purge=kind == "purge")
        copy[rid] = Side(doc, tomb=True)
    elif kind == "resolve" and side is not None and not side.tomb:
        found = conflicts_of("notes", dict(side.doc))
        if not found:
            return
        keep = found[0].mine if op[3] else found[0].theirs
        copy[rid] = resolve(dict(side.doc), found[0], keep, name, at, name)
    else:
        return
    state = history.load(copy[rid].doc, copy[rid].tomb)
    fresh = {f"{rid}/{e.dot}" for entries in state.regs.values() for e in entries}
    for field, entries in state.regs.items():
        for e in entries:
            if f"{rid}/{e.dot}" not in world.seen[n]:
                seen = frozenset(world.seen[n])
                world.writes.append((rid, field, f"{rid}/{e.dot}", e.value, seen))
    world.seen[n] |= fresh


ops = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(
        st.just("edit"), st.integers(0, 2), st.integers(0, 2), st.integers(0, 1), st.integers(0, 3)
    ),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("resolve"), st.integers(0, 2), st.integers(0, 2), st.booleans()),
)

#: Purged deletions keep no content, so only commutativity and idempotence are promised.
ops_with_purge = st.one_of(ops, st.tuples(st.just("purge"), st.integers(0, 2), st.integers(0, 2)))

#: Copies usually part holding the same records: the first copy creates two, the others
#: take them, then each edits, deletes, creates and merges at random.
START = [("create", 0, 0), ("create", 0, 1), ("sync", 1, 0), ("sync", 2, 0)]


def run(n: int, steps: list[tuple[Any, ...]]) -> World:
    world = World([{} for _ in range(n)], [set() for _ in range(n)], [])
    for op in START + steps:
        apply(world, op)
    return world


@settings(max_examples=150, deadline=None)
@given(st.lists(ops, max_size=30))
def test_merging_two_copies_is_commutative_and_idempotent(steps: list[tuple[Any, ...]]) -> None:
    a, b = run(2, steps).copies
    ab, ba = merged(a, b), merged(b, a)
    assert canon(ab) == canon(ba)
    assert merged(ab, b) == ab
    assert merged(ab, a) == ab
    assert merged(ab, ba) == ab


@settings(max_examples=100, deadline=None)
@given(st.lists(ops_with_purge, max_size=30))
def test_purged_deletions_merge_in_either_order_once_and_keep_no_content(
    steps: list[tuple[Any, ...]],
) -> None:
    world = run(3, steps)
    a, b, c = world.copies
    ab, ba = merged(a, b), merged(b, a)
    assert canon(ab) == canon(ba)
    assert merged(ab, b) == ab and merged(ab, a) == ab
    for side in merged(ab, c).values():
        sync = side.doc[history.SYNC]
        if side.tomb and sync.get("p"):
            assert set(side.doc) == {*history.TOMB_KEYS, history.SYNC}


#: A edits a field and deletes the record after B took the edit; C edits the same field
#: without seeing either. The deletion had seen A's value: it must not come back beside C's.
EDIT_SEEN_BY_A_DELETION = [
    ("edit", 0, 0, 0, 0),
    ("edit", 2, 0, 0, 0),
    ("sync", 1, 0),
    ("delete", 0, 0),
]

#: As above, but A edited the other field: only B holds that edit once A has deleted.
OTHER_FIELD_SEEN_BY_A_DELETION = [
    ("edit", 0, 0, 1, 0),
    ("edit", 2, 0, 0, 0),
    ("sync", 1, 0),
    ("delete", 0, 0),
]


@settings(max_examples=150, deadline=None)
@given(st.lists(ops, max_size=30))
@example(EDIT_SEEN_BY_A_DELETION)
def test_merging_three_copies_is_associative(steps: list[tuple[Any, ...]]) -> None:
    a, b, c = run(3, steps).copies
    assert canon(merged(merged(a, b), c)) == canon(merged(a, merged(b, c)))
    assert canon(merged(merged(a, c), b)) == canon(merged(merged(c, b), a))


def test_a_field_the_deletion_saw_is_the_same_in_any_order() -> None:
    a, b, c = run(3, OTHER_FIELD_SEEN_BY_A_DELETION).copies
    assert canon(merged(merged(a, b), c)) == canon(merged(a, merged(b, c)))


def _superseded(world: World, rid: str, field: str, dot: str) -> bool:
    """Whether a later write to the field, or a deletion, was made having seen `dot`."""
    return any(
        other_rid == rid and other_field in (field, "_deleted") and dot in seen
        for other_rid, other_field, _dot, _value, seen in world.writes
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(ops, max_size=30))
def test_no_acknowledged_edit_is_lost_and_conflicts_are_concurrent(
    steps: list[tuple[Any, ...]],
) -> None:
    world = run(3, steps)
    a, b, c = world.copies
    final = merged(merged(a, b), c)
    for rid, field, dot, _value, _seen in world.writes:
        if _superseded(world, rid, field, dot):
            continue
        side = final[rid]
        state = history.load(side.doc, side.tomb)
        assert dot in {f"{rid}/{e.dot}" for e in state.regs.get(field, [])}, (rid, field, dot)
        assert not side.tomb or field == "_deleted", (rid, field, dot)
    seen_by = {dot: seen for _rid, _field, dot, _value, seen in world.writes}
    for side in final.values():
        for conflict in [] if side.tomb else conflicts_of("notes", dict(side.doc)):
            if conflict.field == "_deleted":
                continue
            dots = [f"{side.doc['id']}/{e.dot}" for e in conflict.entries]
            assert all(x == y or x not in seen_by[y] for x in dots for y in dots)
