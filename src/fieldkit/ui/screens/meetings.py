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
from fieldkit.storage.errors import StorageError
from fieldkit.ui import commands
from fieldkit.ui.errors import report
from fieldkit.ui.screens.base import FieldkitScreen
from fieldkit.ui.screens.meeting_room import MeetingRoom
from fieldkit.ui.widgets.meeting_form import MeetingEditor
from fieldkit.ui.widgets.meeting_picker import ConfirmDelete
from fieldkit.ui.widgets.row_table import RowTable


def day_label(day: str) -> str:
    """'2017-04-11' as 'Tue 11 Apr'; an undated meeting as 'undated'."""
    try:
        return date.fromisoformat(day).strftime("%a %d %b")
    except ValueError:
        return "undated"


class MeetingsScreen(FieldkitScreen):
    """The schedule by day, with the highlighted meeting's participants and agenda below."""

    HELP_TITLE = "meetings"
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
        table: DataTable[str | Text] = RowTable(id="schedule", cursor_type="row")
        table.add_column("Day", key="day", width=10)
        table.add_column("Time", key="time", width=5)
        table.add_column("Status", key="status", width=9)
        table.add_column("Meeting", key="title")
        table.add_column("Notes", key="notes", width=5)
        yield table
        with VerticalScroll(id="meeting-detail-pane"):
            yield Static(id="meeting-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#schedule", DataTable).focus()

    def refresh_data(self, data: MissionData) -> None:
        table: DataTable[str | Text] = self.query_one("#schedule", DataTable)
        keep = self._select or self.highlighted_id()
        self._select = None
        table.clear()
        width = max(20, self.size.width - 42)
        for _day, meetings in by_day(data.meetings.values()):
            for index, meeting in enumerate(meetings):
                table.add_row(*schedule_row(data, meeting, width, index == 0), key=meeting.id)
        mission = data.mission.name if data.mission else "Mission"
        held = sum(m.status is MeetingStatus.HELD for m in data.meetings.values())
        self.query_one("#schedule-title", Static).update(
            Text.assemble(
                ("Meetings", "bold"), f" · {mission} · {len(data.meetings)} meetings, {held} held"
            )
        )
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
            detail.update("No meetings yet: n adds one.")
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
                what = "added" if meeting is None else "saved"
                self.notify(f"Meeting {what}: {result[0].title}", timeout=3)

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
        question = f"Cancel {meeting.title}? It holds {held} records, kept but shown as cancelled."
        answers = "y cancels it (c again puts it back) · n or Esc keeps it planned"

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
        undo = f" ({again} again puts it back to planned)" if again else ""
        self.notify(f"{meeting.title}: {new.value}{undo}", timeout=4)


def first_from(meetings: list[Meeting], day: str) -> str | None:
    """The first meeting on or after `day` (the list opens on today), else the last one."""
    later = [m for m in meetings if m.day >= day]
    chosen = later[0] if later else (meetings[-1] if meetings else None)
    return chosen.id if chosen else None


def schedule_row(data: MissionData, meeting: Meeting, width: int, first: bool) -> tuple[Any, ...]:
    """One meeting in the schedule: its day on the day's first row only."""
    count = len(data.notes_in(meeting.id)) + len(data.responses_in(meeting.id))
    status = Text(meeting.status.value)
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
    when = meeting.starts_at.replace("T", " ") or "undated"
    out.append(f" · {when} · {meeting.status.value}")
    if meeting.place:
        out.append(f" · {meeting.place}")
    names = [data.institutions[i].name for i in meeting.institution_ids if i in data.institutions]
    if names:
        out.append("\nInstitutions: ", style="bold")
        out.append("; ".join(names))
    people = people_present(data, meeting)
    if people:
        out.append("\nPresent: ", style="bold")
        out.append("; ".join(f"{p.name}, {p.title}" if p.title else p.name for p in people))
    if meeting.delegates:
        out.append("\nDelegates: ", style="bold")
        out.append(", ".join(meeting.delegates))
    items = agenda_items(data, meeting)
    out.append("\nAgenda: ", style="bold")
    out.append(", ".join(i.short_ref for i in items) if items else "none yet")
    notes, responses = data.notes_in(meeting.id), data.responses_in(meeting.id)
    actions = [a for a in data.actions.values() if a.meeting_id == meeting.id]
    if notes or responses or actions:
        counts = [
            _count(len(notes), "note"),
            _count(len(responses), "response"),
            _count(len(actions), "follow-up"),
        ]
        out.append("\nCaptured: " + ", ".join(counts))
    if meeting.summary:
        out.append("\n" + meeting.summary)
    for response in responses:
        item = data.items.get(response.item_id)
        out.append(f"\n{item.short_ref if item else '?'}: ", style="bold")
        out.append(response.stance.label)
        if response.grade:
            out.append(f", grade {response.grade.value}")
        if response.quote:
            out.append(f' "{shorten(response.quote, 60)}"', style="italic")
    return out


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
