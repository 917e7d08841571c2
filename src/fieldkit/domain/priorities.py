"""Changing the mission's priorities and links: which records change, computed from fresh data.

Pure functions of a `MissionData` snapshot (the one inside a transaction), returning the
records to put, so two delegates re-ranking at once never leave gaps or duplicate ranks.
"""

from __future__ import annotations

from fieldkit.domain.items import Item
from fieldkit.domain.mission import MissionData
from fieldkit.i18n import _


def _renumbered(order: list[Item]) -> list[Item]:
    return [
        item.touched(priority=rank) for rank, item in enumerate(order, 1) if item.priority != rank
    ]


def toggle_priority(data: MissionData, item_id: str) -> list[Item]:
    """Mark the item as the last priority, or unmark it and close the gap."""
    item = data.items[item_id]
    ranked = [i for i in data.priorities if i.id != item_id]
    if item.priority is None:
        return [*_renumbered(ranked), item.touched(priority=len(ranked) + 1)]
    return [item.touched(priority=None), *_renumbered(ranked)]


def move_priority(data: MissionData, item_id: str, step: int) -> list[Item]:
    """Move a priority item up (step -1) or down (+1); nothing changes at either end."""
    order = list(data.priorities)
    index = next((n for n, i in enumerate(order) if i.id == item_id), None)
    if index is None:
        raise ValueError(_("Only a priority item can be moved: mark it first (p)."))
    target = index + step
    if not 0 <= target < len(order):
        return []
    order[index], order[target] = order[target], order[index]
    return _renumbered(order)


def toggle_link(data: MissionData, item_id: str, other_id: str) -> list[Item]:
    """Link two items as raising the same concern, or unlink them (in both directions)."""
    if item_id == other_id:
        raise ValueError(_("An item cannot be linked to itself."))
    item, other = data.items[item_id], data.items[other_id]
    linked = other_id in item.related_ids or item_id in other.related_ids
    if not linked:
        return [item.touched(related_ids=(*item.related_ids, other_id))]
    changed = []
    if other_id in item.related_ids:
        kept = tuple(i for i in item.related_ids if i != other_id)
        changed.append(item.touched(related_ids=kept))
    if item_id in other.related_ids:
        kept = tuple(i for i in other.related_ids if i != item_id)
        changed.append(other.touched(related_ids=kept))
    return changed


def is_linked(data: MissionData, item_id: str, other_id: str) -> bool:
    item, other = data.items.get(item_id), data.items.get(other_id)
    if item is None or other is None:
        return False
    return other_id in item.related_ids or item_id in other.related_ids
