"""The debrief's content as Markdown, for pandoc to turn into Word: the debrief's peer.

It holds what DESIGN.md lists for the debrief (title block, summary figures, the priority
table, meetings with participants, responses and notes by kind, a section per priority item,
follow-up actions, annexes of people, institutions and the full text of every item referenced),
confidential content left out as the debrief does by default.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from fieldkit.domain.citations import cite
from fieldkit.domain.meetings import Action, Note, Response
from fieldkit.domain.mission import MissionData, visible
from fieldkit.domain.text import squash


def _cell(text: str) -> str:
    return squash(text).replace("|", "/")


def _table(header: tuple[str, ...], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def debrief(data: MissionData) -> str:
    mission = data.mission
    lines: list[str] = []
    add = lines.append
    title = mission.name if mission else "Mission"
    add(f"# {title}\n")
    if mission:
        add(f"{mission.start_date} to {mission.end_date}, {', '.join(mission.locations)}\n")
        add(f"Delegation: {', '.join(mission.delegation)}\n")
    notes = [n for n in data.notes.values() if visible(n.confidentiality, False)]
    responses = [r for r in data.responses.values() if visible(r.confidentiality, False)]
    add("## Summary\n")
    add(f"- {len(data.meetings)} meetings, {len(notes)} notes, {len(responses)} responses\n")
    referenced: set[str] = set()
    rows = []
    for item in data.priorities:
        latest = data.latest_response(item.id)
        rows.append(
            (
                item.short_ref,
                item.text[:120],
                latest.stance.label if latest else "",
                latest.grade.value if latest and latest.grade else "",
            )
        )
        referenced.add(item.id)
    lines += _table(("Reference", "Recommendation", "Latest stance", "Grade"), rows)
    notes_by_meeting: dict[str, list[Note]] = defaultdict(list)
    for n in sorted(notes, key=lambda n: n.created_at):
        notes_by_meeting[n.meeting_id].append(n)
    responses_by_meeting: dict[str, list[Response]] = defaultdict(list)
    for r in sorted(responses, key=lambda r: r.created_at):
        responses_by_meeting[r.meeting_id].append(r)
    add("## Meetings\n")
    for meeting in data.meetings_in_order:
        add(f"### {meeting.starts_at[:16].replace('T', ' ')} {meeting.title}\n")
        people = [data.people[p].name for p in meeting.person_ids if p in data.people]
        add(f"Participants: {', '.join(people + list(meeting.delegates))}\n")
        for item_id in meeting.agenda:
            on_agenda = data.items.get(item_id)
            if on_agenda is None:
                continue
            referenced.add(on_agenda.id)
            add(f"#### {on_agenda.short_ref}\n")
            for r in responses_by_meeting[meeting.id]:
                if r.item_id == item_id:
                    add(f"- {r.stance.label}: {r.text}")
                    if r.quote:
                        add(f"\n> {squash(r.quote)}\n")
            by_kind: dict[str, list[str]] = defaultdict(list)
            for n in notes_by_meeting[meeting.id]:
                if n.item_id == item_id:
                    by_kind[n.kind.value].append(n.text)
            for kind, texts in sorted(by_kind.items()):
                add(f"\n{kind.capitalize()}:\n")
                lines.extend(f"- {squash(t)}" for t in texts)
            add("")
    add("## Priority items\n")
    for item in data.priorities:
        add(f"### {item.short_ref}\n")
        add(f"{squash(item.text)}\n")
        for r in data.responses_for(item.id):
            if visible(r.confidentiality, False):
                add(f"- {r.stance.label}: {squash(r.text)}")
        add("")
    add("## Follow-up actions\n")
    lines += _table(
        ("Action", "Item", "Meeting", "Owner", "Due", "Status"),
        [
            (a.text, *_item_and_meeting(data, a), a.owner, a.due, a.status.value)
            for a in data.open_actions()
        ],
    )
    add("## Annex: people and institutions met\n")
    lines += _table(
        ("Name", "Title", "Institution"),
        [
            (
                p.name,
                p.title,
                data.institutions[p.institution_id].name
                if p.institution_id is not None and p.institution_id in data.institutions
                else "",
            )
            for p in data.people.values()
        ],
    )
    add("## Annex: items referenced\n")
    for item_id in sorted(referenced):
        item = data.items[item_id]
        add(f"**{cite(item)}**\n")
        add(f"{squash(item.text)}\n")
        for limb in item.limbs:
            add(f"- {limb.label} {squash(limb.text)}")
        add("")
    return "\n".join(lines) + "\n"


def _item_and_meeting(data: MissionData, action: Action) -> tuple[str, str]:
    item = data.items.get(action.item_id or "")
    meeting = data.meetings.get(action.meeting_id or "")
    return (
        item.short_ref if item else "",
        f"{meeting.day}, {meeting.title}" if meeting else "",
    )
