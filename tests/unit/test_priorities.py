"""Priority order and links computed from a snapshot: no gaps, no duplicates, both directions."""

from __future__ import annotations

import pytest

from fieldkit.domain.items import Item
from fieldkit.domain.mission import Mission, MissionData
from fieldkit.domain.priorities import is_linked, move_priority, toggle_link, toggle_priority


def mission(*items: Item) -> MissionData:
    return MissionData(Mission(name="m"), items=items)


def apply(data: MissionData, changed: list[Item]) -> MissionData:
    items = dict(data.items)
    items.update({i.id: i for i in changed})
    return mission(*items.values())


A = Item(id="a", reference="1", priority=1)
B = Item(id="b", reference="2", priority=2)
C = Item(id="c", reference="3")


def test_marking_appends_and_unmarking_closes_the_gap() -> None:
    data = apply(mission(A, B, C), toggle_priority(mission(A, B, C), "c"))
    assert [(i.id, i.priority) for i in data.priorities] == [("a", 1), ("b", 2), ("c", 3)]
    data = apply(data, toggle_priority(data, "a"))
    assert [(i.id, i.priority) for i in data.priorities] == [("b", 1), ("c", 2)]
    assert data.items["a"].priority is None


def test_moving_swaps_neighbours_and_stops_at_the_ends() -> None:
    data = mission(A, B, C)
    data = apply(data, move_priority(data, "b", -1))
    assert [i.id for i in data.priorities] == ["b", "a"]
    assert move_priority(data, "b", -1) == []
    with pytest.raises(ValueError, match="mark it first"):
        move_priority(data, "c", 1)


def test_links_go_both_ways_and_unlink_from_either_side() -> None:
    data = mission(A, B, C)
    data = apply(data, toggle_link(data, "a", "c"))
    assert is_linked(data, "c", "a") and [i.id for i in data.related(data.items["c"])] == ["a"]
    data = apply(data, toggle_link(data, "c", "a"))
    assert not is_linked(data, "a", "c") and data.items["a"].related_ids == ()
    with pytest.raises(ValueError):
        toggle_link(data, "a", "a")
