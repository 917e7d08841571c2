"""What the meeting screens print: the item under discussion, the agenda, what was captured.

Pure functions from the mission snapshot to Rich `Text`, so the room stays about keys and
state, and the wording can be checked without a terminal.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

from fieldkit.domain.citations import cite
from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Meeting
from fieldkit.domain.mission import MissionData
from fieldkit.domain.schedule import agenda_items, said_before
from fieldkit.domain.text import clean, shorten, squash
from fieldkit.domain.vocab import NoteKind
from fieldkit.i18n import _, format_day, format_short_date, pgettext


def day_text(day: str) -> str:
    """An ISO day as the language writes it ('11 Apr 2017', '11 апр. 2017 г.'); other text
    (a day typed by hand, not a date) as it is."""
    try:
        return format_short_date(date.fromisoformat(day[:10]))
    except ValueError:
        return day


def when_text(meeting: Meeting) -> str:
    """'Tue 11 Apr 09:30', 'вт, 11 апр. 09:30' (a mission's meetings are days apart, so
    the weekday says more than the year); 'undated' in the chosen language."""
    try:
        day = format_day(date.fromisoformat(meeting.day))
    except ValueError:
        return _("undated")
    return f"{day} {meeting.time}".strip()


def title_line(meeting: Meeting) -> Text:
    """'Ombudsman · Tue 11 Apr 09:30 · planned · National Human Rights Centre'."""
    line = Text(meeting.title, style="bold")
    line.append(f" · {when_text(meeting)} · {meeting.status.label}")
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
            line.append(" " + pgettext("agenda", "noted"), style="dim")
        line.append("\n" + shorten(item.title or item.text, width), style="dim")
        lines.append((item.id, line))
    return lines


def _who(data: MissionData, person_id: str | None, width: int = 0) -> str:
    person = data.people.get(person_id or "")
    if person is None:
        return ""
    return shorten(person.name, width) if width else person.name


def _after(*parts: str) -> str:
    said = ", ".join(p for p in parts if p)
    return f" — {said}" if said else ""


def captured_lines(
    data: MissionData, meeting: Meeting, item_id: str | None, width: int
) -> list[tuple[str, Text]]:
    """This meeting's notes, responses and follow-ups on one item, one line each.

    What was said comes first; its kind, speaker (shortened) and limb follow, so the words
    that matter are the last to be cut. Keys are 'note:ID', 'response:ID', 'action:ID'.
    """
    lines: list[tuple[str, Text]] = []
    for note in data.notes_in(meeting.id):
        if note.item_id == item_id:
            kind = "" if note.kind is NoteKind.STATEMENT else note.kind.label
            tail = _after(kind, _who(data, note.speaker_id, 14), note.limb)
            lines.append((f"note:{note.id}", _line(Text(squash(note.text)), tail, width)))
    for response in data.responses_in(meeting.id):
        if response.item_id == item_id:
            head = Text(response.stance.label, style="bold")
            if response.grade:
                head.append(_(", grade {grade}").format(grade=response.grade.value))
            said = response.quote or response.text
            if said:
                head.append(": ")
                head.append(squash(said), style="italic" if response.quote else "")
            tail = _after(_who(data, response.speaker_id, 14), response.limb)
            lines.append((f"response:{response.id}", _line(head, tail, width)))
    for action in data.actions.values():
        if action.meeting_id == meeting.id and action.item_id == item_id:
            tail = _after(_("follow-up"), action.owner, day_text(action.due))
            lines.append((f"action:{action.id}", _line(Text(squash(action.text)), tail, width)))
    return lines


def _line(head: Text, tail: str, width: int) -> Text:
    """`head` cut to leave room for `tail` (dim), in one line of at most `width` cells."""
    tail = " " + shorten(tail, max(width // 2, width - 24) - 1) if tail else ""
    head.truncate(max(width - len(tail), 1), overflow="ellipsis")
    head.append(tail, style="dim")
    head.truncate(width, overflow="ellipsis")
    return head


def captured_full(data: MissionData, key: str) -> Text:
    """The whole of one captured record ('note:ID' …), for the line under the list."""
    kind, _sep, record_id = key.partition(":")
    out = Text()
    note = data.notes.get(record_id) if kind == "note" else None
    if note is not None:
        out.append(clean(note.text).strip())
        limb = _("limb {limb}").format(limb=note.limb) if note.limb else ""
        out.append(_after(note.kind.label, _who(data, note.speaker_id), limb), style="dim")
    response = data.responses.get(record_id) if kind == "response" else None
    if response is not None:
        out.append(response.stance.label, style="bold")
        for label, value in (
            (_("grade"), response.grade.value if response.grade else ""),
            (_("quote"), response.quote),
            (_("committed"), response.commitment),
            (_("by"), day_text(response.deadline)),
            (_("remark"), response.text),
        ):
            if value:
                out.append(f"; {label}: {clean(value).strip()}")
        out.append(_after(_who(data, response.speaker_id)), style="dim")
    action = data.actions.get(record_id) if kind == "action" else None
    if action is not None:
        out.append(clean(action.text).strip())
        out.append(_after(_("follow-up"), action.owner, day_text(action.due)), style="dim")
    return out


def item_text(data: MissionData, meeting: Meeting, item: Item) -> Text:
    """The item as the delegate needs it in the room: citation, text, limbs, what was said.

    What this institution said last comes first, in one line, so it is in view without
    scrolling; the full record of what it said follows the text.
    """
    out = Text()
    out.append(cite(item), style="bold")
    if item.priority is not None:
        out.append(" · " + _("priority {rank}").format(rank=item.priority))
    if item.position is not None:
        out.append(f" · {item.position.label}")
    responses, notes = said_before(data, meeting, item.id)
    if responses:
        last = responses[-1]
        out.append("\n" + _("Last time:") + " ", style="bold")
        out.append(last.stance.label, style="italic")
        if last.grade:
            out.append(_(", grade {grade}").format(grade=last.grade.value))
        out.append(f" ({_where(data, last.meeting_id)})")
    out.append("\n")
    out.append(clean(item.text).strip() or _("(no text)"))
    for limb in item.limbs:
        out.append(f"\n{limb.label} ", style="bold")
        out.append(clean(limb.text).strip())
    assessment = item.latest_assessment()
    if assessment is not None and (assessment.grade or assessment.implementation):
        out.append("\n\n" + _("Last assessed:") + " ", style="bold")
        if assessment.grade:
            grade, meaning = assessment.grade.value, assessment.grade.meaning
            out.append(_("grade {grade} ({meaning})").format(grade=grade, meaning=meaning))
        elif assessment.implementation:
            level = assessment.implementation.label
            out.append(_("implementation: {level}").format(level=level))
        if assessment.limbs:
            out.append(_(", limbs {limbs}").format(limbs=assessment.limbs))
        if assessment.date:
            out.append(f", {day_text(assessment.date)}")
    if responses or notes:
        out.append("\n\n" + _("Said before by this institution:"), style="bold")
        for response in responses:
            out.append(f"\n{_where(data, response.meeting_id)}: {response.stance.label}")
            if response.grade:
                out.append(_(", grade {grade}").format(grade=response.grade.value))
            if response.commitment:
                committed = squash(response.commitment)
                out.append(_("; committed: {commitment}").format(commitment=committed))
                if response.deadline:
                    out.append(" " + _("by {day}").format(day=day_text(response.deadline)))
            if response.quote:
                out.append(f' "{squash(response.quote)}"', style="italic")
            elif response.text:
                out.append(f" {squash(response.text)}")
        for note in notes:
            out.append(f"\n{_where(data, note.meeting_id)}: {note.kind.label}: ")
            out.append(squash(note.text))
    return out


def _where(data: MissionData, meeting_id: str) -> str:
    """'11 Apr 2017 Deputy Minister of Internal Affairs': the meeting something was said in."""
    meeting = data.meetings.get(meeting_id)
    if meeting is None:
        return _("an earlier meeting")
    return f"{day_text(meeting.day)} {meeting.title}".strip()
