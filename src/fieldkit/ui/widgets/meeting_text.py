"""What the meeting screens print: the item under discussion, the agenda, what was captured.

Pure functions from the mission snapshot to Rich `Text`, so the room stays about keys and
state, and the wording can be checked without a terminal.
"""

from __future__ import annotations

from rich.text import Text

from fieldkit.domain.citations import cite
from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Meeting
from fieldkit.domain.mission import MissionData
from fieldkit.domain.schedule import agenda_items, said_before
from fieldkit.domain.text import clean, shorten, squash


def title_line(meeting: Meeting) -> Text:
    """'Ombudsman · 2017-04-11 09:30 · planned · National Human Rights Centre'."""
    when = meeting.starts_at.replace("T", " ") or "undated"
    line = Text(meeting.title, style="bold")
    line.append(f" · {when} · {meeting.status.value}")
    if meeting.place:
        line.append(f" · {meeting.place}")
    return line


def agenda_lines(data: MissionData, meeting: Meeting, width: int) -> list[tuple[str, Text]]:
    """Each agenda item as its reference, this meeting's stance on it, and its title."""
    said = {r.item_id: r for r in data.responses_in(meeting.id)}
    noted = {n.item_id for n in data.notes_in(meeting.id)}
    lines = []
    for item in agenda_items(data, meeting):
        line = Text(item.short_ref, style="bold")
        if item.id in said:
            line.append(f" {said[item.id].stance.label}", style="italic")
        elif item.id in noted:
            line.append(" noted", style="dim")
        line.append("\n" + shorten(item.title or item.text, width), style="dim")
        lines.append((item.id, line))
    return lines


def _who(data: MissionData, person_id: str | None) -> str:
    person = data.people.get(person_id or "")
    return f"{person.name}: " if person else ""


def captured_lines(
    data: MissionData, meeting: Meeting, item_id: str | None, width: int
) -> list[tuple[str, Text]]:
    """This meeting's notes, responses and follow-ups on one item, one line each.

    Keys are 'note:ID', 'response:ID', 'action:ID'.
    """
    lines: list[tuple[str, Text]] = []
    for note in data.notes_in(meeting.id):
        if note.item_id == item_id:
            line = Text(f"{note.kind.value}: ", style="bold")
            line.append(_who(data, note.speaker_id))
            line.append(squash(note.text))
            lines.append((f"note:{note.id}", _fit(line, width)))
    for response in data.responses_in(meeting.id):
        if response.item_id == item_id:
            line = Text(f"response: {response.stance.label}", style="bold")
            if response.grade:
                line.append(f", grade {response.grade.value}")
            line.append(": ")
            line.append(_who(data, response.speaker_id))
            if response.quote:
                line.append(f'"{squash(response.quote)}"', style="italic")
            else:
                line.append(squash(response.text))
            lines.append((f"response:{response.id}", _fit(line, width)))
    for action in data.actions.values():
        if action.meeting_id == meeting.id and action.item_id == item_id:
            line = Text("follow-up: ", style="bold")
            line.append(squash(action.text))
            who_when = " ".join(part for part in (action.owner, action.due) if part)
            if who_when:
                line.append(f" ({who_when})")
            lines.append((f"action:{action.id}", _fit(line, width)))
    return lines


def _fit(text: Text, width: int) -> Text:
    """One line of at most `width` cells, with an ellipsis when cut."""
    text.truncate(width, overflow="ellipsis")
    return text


def item_text(data: MissionData, meeting: Meeting, item: Item) -> Text:
    """The item as the delegate needs it in the room: citation, text, limbs, what was said.

    What this institution said last comes first, in one line, so it is in view without
    scrolling; the full record of what it said follows the text.
    """
    out = Text()
    out.append(cite(item), style="bold")
    if item.priority is not None:
        out.append(f" · priority {item.priority}")
    if item.position is not None:
        out.append(f" · {item.position.value}")
    responses, notes = said_before(data, meeting, item.id)
    if responses:
        last = responses[-1]
        out.append("\nLast time: ", style="bold")
        out.append(last.stance.label, style="italic")
        if last.grade:
            out.append(f", grade {last.grade.value}")
        out.append(f" ({_where(data, last.meeting_id)})")
    out.append("\n")
    out.append(clean(item.text).strip() or "(no text)")
    for limb in item.limbs:
        out.append(f"\n{limb.label} ", style="bold")
        out.append(clean(limb.text).strip())
    assessment = item.latest_assessment()
    if assessment is not None and (assessment.grade or assessment.implementation):
        out.append("\n\nLast assessed: ", style="bold")
        if assessment.grade:
            out.append(f"grade {assessment.grade.value} ({assessment.grade.meaning})")
        elif assessment.implementation:
            out.append(f"{assessment.implementation.value} implemented")
        if assessment.limbs:
            out.append(f", limbs {assessment.limbs}")
        if assessment.date:
            out.append(f", {assessment.date}")
    if responses or notes:
        out.append("\n\nSaid before by this institution:", style="bold")
        for response in responses:
            out.append(f"\n{_where(data, response.meeting_id)}: {response.stance.label}")
            if response.grade:
                out.append(f", grade {response.grade.value}")
            if response.commitment:
                out.append(f"; committed: {squash(response.commitment)}")
                if response.deadline:
                    out.append(f" by {response.deadline}")
            if response.quote:
                out.append(f' "{squash(response.quote)}"', style="italic")
            elif response.text:
                out.append(f" {squash(response.text)}")
        for note in notes:
            out.append(f"\n{_where(data, note.meeting_id)}: {note.kind.value}: ")
            out.append(squash(note.text))
    return out


def _where(data: MissionData, meeting_id: str) -> str:
    """'2017-04-11 Deputy Minister of Internal Affairs' for the meeting something was said in."""
    meeting = data.meetings.get(meeting_id)
    if meeting is None:
        return "an earlier meeting"
    return f"{meeting.day} {meeting.title}".strip()
