"""Checks that the records of a mission point at each other correctly."""

from __future__ import annotations

from fieldkit.domain.mission import MissionData
from fieldkit.i18n import N_, _


def problems(data: MissionData) -> list[str]:
    """Every dangling reference and structural oddity, one line each."""
    found: list[str] = []
    if data.mission is None:
        found.append(_("the file holds no mission record"))
    items, meetings, people = data.items, data.meetings, data.people

    def missing(kind: str, rid: str, what: str, target: str | None, pool: object) -> None:
        if target and target not in pool:  # type: ignore[operator]
            found.append(
                _("{record} {id}: {what} {target} does not exist").format(
                    record=_(kind), id=rid[:8], what=_(what), target=target[:8]
                )
            )

    for note in data.notes.values():
        missing(N_("note"), note.id, N_("meeting"), note.meeting_id, meetings)
        missing(N_("note"), note.id, N_("item"), note.item_id, items)
        missing(N_("note"), note.id, N_("speaker"), note.speaker_id, people)
    for resp in data.responses.values():
        missing(N_("response"), resp.id, N_("meeting"), resp.meeting_id, meetings)
        missing(N_("response"), resp.id, N_("item"), resp.item_id, items)
        missing(N_("response"), resp.id, N_("speaker"), resp.speaker_id, people)
    for action in data.actions.values():
        missing(N_("action"), action.id, N_("item"), action.item_id, items)
        missing(N_("action"), action.id, N_("meeting"), action.meeting_id, meetings)
    for meeting in meetings.values():
        for item_id in meeting.agenda:
            missing(N_("meeting"), meeting.id, N_("agenda item"), item_id, items)
        for person_id in meeting.person_ids:
            missing(N_("meeting"), meeting.id, N_("person"), person_id, people)
        for inst_id in meeting.institution_ids:
            missing(N_("meeting"), meeting.id, N_("institution"), inst_id, data.institutions)
    for person in people.values():
        missing(
            N_("person"), person.id, N_("institution"), person.institution_id, data.institutions
        )
    for item in items.values():
        for rel in item.related_ids:
            missing(N_("item"), item.id, N_("related item"), rel, items)
    ranks = [i.priority for i in items.values() if i.priority is not None]
    if len(ranks) != len(set(ranks)):
        found.append(_("two priority items share a rank"))
    return found
