"""Records that named an item the import folded into another now name the item kept."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from fieldkit.domain.meetings import Action, Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record


def records(data: MissionData, moved: Mapping[str, str]) -> list[Record]:
    """Notes, responses, actions, meetings and items pointed from a removed id to the kept."""
    if not moved:
        return []
    out: list[Record] = []
    linked: list[Note | Response | Action] = [
        *data.notes.values(),
        *data.responses.values(),
        *data.actions.values(),
    ]
    for record in linked:
        if record.item_id and record.item_id in moved:
            out.append(record.touched(item_id=moved[record.item_id]))
    for meeting in data.meetings.values():
        if any(i in moved for i in meeting.agenda):
            out.append(meeting.touched(agenda=_moved(meeting.agenda, moved)))
    for item in data.items.values():
        if item.id not in moved and any(i in moved for i in item.related_ids):
            out.append(item.touched(related_ids=_moved(item.related_ids, moved)))
    return out


def _moved(ids: Iterable[str], moved: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(moved.get(i, i) for i in ids))
