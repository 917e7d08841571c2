"""Checks that the records of a mission point at each other correctly."""

from __future__ import annotations

from fieldkit.domain.mission import MissionData


def problems(data: MissionData) -> list[str]:
    """Every dangling reference and structural oddity, one line each."""
    found: list[str] = []
    if data.mission is None:
        found.append("the file holds no mission record")
    items, meetings, people = data.items, data.meetings, data.people

    def missing(kind: str, rid: str, what: str, target: str | None, pool: object) -> None:
        if target and target not in pool:  # type: ignore[operator]
            found.append(f"{kind} {rid[:8]}: {what} {target[:8]} does not exist")

    for note in data.notes.values():
        missing("note", note.id, "meeting", note.meeting_id, meetings)
        missing("note", note.id, "item", note.item_id, items)
        missing("note", note.id, "speaker", note.speaker_id, people)
    for resp in data.responses.values():
        missing("response", resp.id, "meeting", resp.meeting_id, meetings)
        missing("response", resp.id, "item", resp.item_id, items)
        missing("response", resp.id, "speaker", resp.speaker_id, people)
    for action in data.actions.values():
        missing("action", action.id, "item", action.item_id, items)
        missing("action", action.id, "meeting", action.meeting_id, meetings)
    for meeting in meetings.values():
        for item_id in meeting.agenda:
            missing("meeting", meeting.id, "agenda item", item_id, items)
        for person_id in meeting.person_ids:
            missing("meeting", meeting.id, "person", person_id, people)
        for inst_id in meeting.institution_ids:
            missing("meeting", meeting.id, "institution", inst_id, data.institutions)
    for person in people.values():
        missing("person", person.id, "institution", person.institution_id, data.institutions)
    for item in items.values():
        for rel in item.related_ids:
            missing("item", item.id, "related item", rel, items)
    ranks = [i.priority for i in items.values() if i.priority is not None]
    if len(ranks) != len(set(ranks)):
        found.append("two priority items share a rank")
    return found
