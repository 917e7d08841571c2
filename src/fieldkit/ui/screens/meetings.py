"""The mission's schedule: meetings by day, who is met, the agenda; and the way into a room.

Enter opens the highlighted meeting in the meeting room; n and e create and edit meetings,
h marks one held and c cancelled (each key again puts it back to planned). It redraws from
the app's announced changes, its own writes included.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from fieldkit import settings
from fieldkit.domain.meetings import Meeting
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record
from fieldkit.domain.schedule import agenda_items, by_day, people_present
from fieldkit.domain.text import shorten
from fieldkit.domain.vocab import MeetingStatus
from fieldkit.i18n import N_, _, format_day, ngettext
from fieldkit.storage.errors import StorageError
from fieldkit.ui import commands
from fieldkit.ui.errors import report
from fieldkit.ui.screens.base import FieldkitScreen
from fieldkit.ui.screens.meeting_room import MeetingRoom
from fieldkit.ui.widgets.meeting_form import MeetingEditor
from fieldkit.ui.widgets.meeting_picker import ConfirmDelete
from fieldkit.ui.widgets.meeting_text import when_text
from fieldkit.ui.widgets.row_table import RowTable

#: The schedule's columns: key, heading (looked up when shown).
COLUMNS = (
    ("day", N_("Day")),
    ("time", N_("Time")),
    ("status", N_("Status")),
    ("title", N_("Meeting")),
    ("notes", N_("Notes")),
)


def day_label(day: str) -> str:
    """'2017-04-11' as 'Tue 11 Apr' ('вт, 11 апр.'); an undated meeting as 'undated'."""
    try:
        return format_day(date.fromisoformat(day))
    except ValueError:
        return _("undated")


class MeetingsScreen(FieldkitScreen):
    """The schedule by day, with the highlighted meeting's participants and agenda below."""

    HELP_TITLE = N_("meetings")
    SCOPES = ("meetings",)
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(*SCOPES)

    DEFAULT_CSS = """
    MeetingsScreen { layout: vertical; }
    MeetingsScreen #schedule-title { height: 1; background: $primary; color: $text; padding: 0 1; }
    MeetingsScreen #schedule { height: 1fr; }
    MeetingsScreen #meeting-detail-pane { height: 40%; border-top: solid $panel; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.author = settings.author()
        self._select: str | None = None  # the meeting to put the cursor on at the next redraw

    def compose(self) -> ComposeResult:
        yield Static(id="schedule-title")
        yield RowTable(id="schedule", cursor_type="row")
        with VerticalScroll(id="meeting-detail-pane"):
            yield Static(id="meeting-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#schedule", DataTable).focus()

    def refresh_data(self, data: MissionData) -> None:
        table: DataTable[str | Text] = self.query_one("#schedule", DataTable)
        keep = self._select or self.highlighted_id()
        self._select = None
        table.clear(columns=True)
        widths = column_widths(data)
        for key, heading in COLUMNS:
            table.add_column(_(heading), key=key, width=widths.get(key))
        # each column has a cell's padding on both sides, and the scroll bar takes two
        width = max(20, self.size.width - sum(widths.values()) - 2 * len(COLUMNS) - 3)
        for _day, meetings in by_day(data.meetings.values()):
            for index, meeting in enumerate(meetings):
                table.add_row(*schedule_row(data, meeting, width, index == 0), key=meeting.id)
        self.query_one("#schedule-title", Static).update(schedule_title(data))
        keep = keep or first_from(data.meetings_in_order, self.fk.today.isoformat())
        if keep is not None and keep in data.meetings:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        self.show_detail(data)

    def highlighted_id(self) -> str | None:
        table: DataTable[str | Text] = self.query_one("#schedule", DataTable)
        if not table.row_count or not table.is_valid_row_index(table.cursor_row):
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def highlighted(self, data: MissionData) -> Meeting | None:
        return data.meetings.get(self.highlighted_id() or "")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(self.data)

    def show_detail(self, data: MissionData) -> None:
        detail = self.query_one("#meeting-detail", Static)
        meeting = self.highlighted(data)
        if meeting is None:
            detail.update(_("No meetings yet: n adds one."))
            return
        detail.update(meeting_detail(data, meeting))

    # -- actions -------------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        meeting_id = self.highlighted_id()
        if meeting_id is not None:
            self.app.push_screen(MeetingRoom(meeting_id))

    def action_back(self) -> None:
        self.fk.action_leave()

    def action_new(self) -> None:
        self.edit(None)

    def action_edit(self) -> None:
        meeting = self.highlighted(self.data)
        if meeting is not None:
            self.edit(meeting)

    def edit(self, meeting: Meeting | None) -> None:
        """The meeting form, which saves before it closes: a failed save keeps it open."""

        def save(saved: Meeting, added: list[Record]) -> bool:
            self._select = saved.id
            try:
                with self.fk.writing() as tx:
                    tx.put(saved, *added)
            except (StorageError, OSError) as exc:
                report(self.app, exc)
                return False
            return True

        def done(result: tuple[Meeting, list[Record]] | None) -> None:
            if result is not None:
                said = _("Meeting saved: {title}") if meeting else _("Meeting added: {title}")
                self.notify(said.format(title=result[0].title), timeout=3)

        editor = MeetingEditor(self.data, meeting, self.author, save=save)
        self.app.push_screen(editor, done)

    async def action_held(self) -> None:
        await self.set_status(MeetingStatus.HELD)

    async def action_cancelled(self) -> None:
        """Cancel the meeting, asking first when it holds notes, responses or follow-ups."""
        data = self.data
        meeting = self.highlighted(data)
        if meeting is None or meeting.status is MeetingStatus.CANCELLED:
            await self.set_status(MeetingStatus.CANCELLED)  # back to planned: nothing hides
            return
        held = len(data.notes_in(meeting.id)) + len(data.responses_in(meeting.id))
        held += sum(a.meeting_id == meeting.id for a in data.actions.values())
        if not held:
            await self.set_status(MeetingStatus.CANCELLED)
            return
        question = ngettext(
            "Cancel {meeting}? It holds {count} record, kept but shown as cancelled.",
            "Cancel {meeting}? It holds {count} records, kept but shown as cancelled.",
            held,
        ).format(meeting=meeting.title, count=held)
        answers = _("y cancels it (c again puts it back) · n or Esc keeps it planned")

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_later(self.set_status, MeetingStatus.CANCELLED)

        self.app.push_screen(ConfirmDelete("", question, answers), answered)

    async def set_status(self, status: MeetingStatus) -> None:
        """Set the status; the same key again puts the meeting back to planned."""
        meeting = self.highlighted(self.data)
        if meeting is None:
            return
        new = MeetingStatus.PLANNED if meeting.status is status else status
        self._select = meeting.id
        await self.fk.write(lambda tx: tx.put(meeting.touched(status=new)))
        again = {MeetingStatus.HELD: "h", MeetingStatus.CANCELLED: "c"}.get(new)
        said = f"{meeting.title}: {new.label}"
        if again:
            said += " " + _("({key} again puts it back to planned)").format(key=again)
        self.notify(said, timeout=4)


def first_from(meetings: list[Meeting], day: str) -> str | None:
    """The first meeting on or after `day` (the list opens on today), else the last one."""
    later = [m for m in meetings if m.day >= day]
    chosen = later[0] if later else (meetings[-1] if meetings else None)
    return chosen.id if chosen else None


def column_widths(data: MissionData) -> dict[str, int]:
    """The fixed columns as wide as their heading or their longest word in this language;
    the meeting's title takes the rest."""
    days = {day_label(m.day) for m in data.meetings.values()} or {""}
    words = {
        "day": days,
        "time": {"00:00"},
        "status": {s.label for s in MeetingStatus},
        "notes": {"99"},
    }
    headings = dict(COLUMNS)
    return {
        key: max(len(_(headings[key])), *(len(w) for w in shown)) for key, shown in words.items()
    }


def schedule_title(data: MissionData) -> Text:
    """'Meetings · Kazakhstan 2017 · 13 meetings, 3 held'."""
    mission = data.mission.name if data.mission else _("Mission")
    held = sum(m.status is MeetingStatus.HELD for m in data.meetings.values())
    total = len(data.meetings)
    counts = ngettext(
        "{count} meeting, {held} held", "{count} meetings, {held} held", total
    ).format(count=total, held=held)
    return Text.assemble((_("Meetings"), "bold"), f" · {mission} · {counts}")


def schedule_row(data: MissionData, meeting: Meeting, width: int, first: bool) -> tuple[Any, ...]:
    """One meeting in the schedule: its day on the day's first row only."""
    count = len(data.notes_in(meeting.id)) + len(data.responses_in(meeting.id))
    status = Text(meeting.status.label)
    if meeting.status is MeetingStatus.HELD:
        status.stylize("bold")
    elif meeting.status is MeetingStatus.CANCELLED:
        status.stylize("strike dim")
    return (
        day_label(meeting.day) if first else "",
        meeting.time,
        status,
        shorten(meeting.title, width),
        str(count) if count else "",
    )


def meeting_detail(data: MissionData, meeting: Meeting) -> Text:
    """Who is met, who goes, and what will be raised."""
    out = Text()
    out.append(meeting.title, style="bold")
    out.append(f" · {when_text(meeting)} · {meeting.status.label}")
    if meeting.place:
        out.append(f" · {meeting.place}")
    names = [data.institutions[i].name for i in meeting.institution_ids if i in data.institutions]
    if names:
        out.append("\n" + _("Institutions:") + " ", style="bold")
        out.append("; ".join(names))
    people = people_present(data, meeting)
    if people:
        out.append("\n" + _("Present:") + " ", style="bold")
        out.append("; ".join(f"{p.name}, {p.title}" if p.title else p.name for p in people))
    if meeting.delegates:
        out.append("\n" + _("Delegates:") + " ", style="bold")
        out.append(", ".join(meeting.delegates))
    items = agenda_items(data, meeting)
    out.append("\n" + _("Agenda:") + " ", style="bold")
    out.append(", ".join(i.short_ref for i in items) if items else _("none yet"))
    notes, responses = data.notes_in(meeting.id), data.responses_in(meeting.id)
    actions = [a for a in data.actions.values() if a.meeting_id == meeting.id]
    if notes or responses or actions:
        out.append("\n" + captured_counts(len(notes), len(responses), len(actions)))
    if meeting.summary:
        out.append("\n" + meeting.summary)
    for response in responses:
        item = data.items.get(response.item_id)
        out.append(f"\n{item.short_ref if item else '?'}: ", style="bold")
        out.append(response.stance.label)
        if response.grade:
            out.append(_(", grade {grade}").format(grade=response.grade.value))
        if response.quote:
            out.append(f' "{shorten(response.quote, 60)}"', style="italic")
    return out


def captured_counts(notes: int, responses: int, actions: int) -> str:
    """'Captured: 1 note, 2 responses, 0 follow-ups', each count in its plural form."""
    counts = [
        ngettext("{count} note", "{count} notes", notes).format(count=notes),
        ngettext("{count} response", "{count} responses", responses).format(count=responses),
        ngettext("{count} follow-up", "{count} follow-ups", actions).format(count=actions),
    ]
    return _("Captured: {counts}").format(counts=", ".join(counts))
