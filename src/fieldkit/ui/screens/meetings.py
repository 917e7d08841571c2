"""The mission's schedule: meetings by day, who is met, the agenda; and the way into a room.

Enter opens the highlighted meeting in the meeting room; n and e create and edit meetings,
h marks one held and c cancelled (each key again puts it back to planned).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from fieldkit import settings
from fieldkit.domain.meetings import Meeting
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record
from fieldkit.domain.schedule import agenda_items, by_day, people_present
from fieldkit.domain.text import shorten
from fieldkit.domain.vocab import MeetingStatus
from fieldkit.storage.errors import StorageError
from fieldkit.storage.repository import Store
from fieldkit.ui.errors import storage_message
from fieldkit.ui.screens.meeting_room import MeetingRoom
from fieldkit.ui.widgets.meeting_form import MeetingEditor
from fieldkit.ui.widgets.meeting_store import Follower, app_store, writing


def day_label(day: str) -> str:
    """'2017-04-11' as 'Tue 11 Apr'; an undated meeting as 'undated'."""
    try:
        return date.fromisoformat(day).strftime("%a %d %b")
    except ValueError:
        return "undated"


class MeetingsScreen(Screen[None]):
    """The schedule by day, with the highlighted meeting's participants and agenda below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open room", tooltip="Open the meeting room"),
        Binding("n", "new", "New", tooltip="Add a meeting"),
        Binding("e", "edit", "Edit", tooltip="Edit the meeting"),
        Binding("h", "held", "Held", tooltip="Mark the meeting held (again: planned)"),
        Binding("c", "cancelled", "Cancelled", tooltip="Mark it cancelled (again: planned)"),
        Binding("escape", "back", "Back", tooltip="Back to the dashboard"),
    ]

    DEFAULT_CSS = """
    MeetingsScreen { layout: vertical; }
    MeetingsScreen #schedule-title { height: 1; background: $primary; color: $text; padding: 0 1; }
    MeetingsScreen #schedule { height: 1fr; }
    MeetingsScreen #meeting-detail-pane { height: 40%; border-top: solid $panel; padding: 0 1; }
    """

    def __init__(self, store: Store | None = None) -> None:
        super().__init__()
        self._store = store
        self.follower: Follower | None = None
        self.author = settings.author()

    @property
    def store(self) -> Store:
        return app_store(self.app, self._store)

    def compose(self) -> ComposeResult:
        yield Static(id="schedule-title")
        yield DataTable(id="schedule", cursor_type="row", zebra_stripes=False)
        with VerticalScroll(id="meeting-detail-pane"):
            yield Static(id="meeting-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#schedule", DataTable)
        table.add_column("Day", key="day", width=10)
        table.add_column("Time", key="time", width=5)
        table.add_column("Status", key="status", width=9)
        table.add_column("Meeting", key="title")
        table.add_column("Notes", key="notes", width=5)
        self.follower = Follower(self, self.store, self.redraw)
        self.redraw()
        table.focus()

    def on_screen_resume(self) -> None:
        """Back on top: show what changed while another screen was in front."""
        if self.follower is not None:
            self.follower.resumed()

    def redraw(self, select: str | None = None) -> None:
        try:
            data = self.store.data()
        except StorageError as exc:
            self.notify(str(exc), severity="error")
            return
        self.show(data, select)

    def show(self, data: MissionData, select: str | None = None) -> None:
        table = self.query_one("#schedule", DataTable)
        keep = select or self.highlighted_id()
        table.clear()
        width = max(20, self.size.width - 42)
        for day, meetings in by_day(data.meetings.values()):
            for index, meeting in enumerate(meetings):
                count = len(data.notes_in(meeting.id)) + len(data.responses_in(meeting.id))
                status = Text(meeting.status.value)
                if meeting.status is MeetingStatus.HELD:
                    status.stylize("bold")
                elif meeting.status is MeetingStatus.CANCELLED:
                    status.stylize("strike dim")
                table.add_row(
                    day_label(day) if index == 0 else "",
                    meeting.time,
                    status,
                    shorten(meeting.title, width),
                    str(count) if count else "",
                    key=meeting.id,
                )
        mission = data.mission.name if data.mission else "Mission"
        held = sum(m.status is MeetingStatus.HELD for m in data.meetings.values())
        self.query_one("#schedule-title", Static).update(
            Text.assemble(
                ("Meetings", "bold"), f" · {mission} · {len(data.meetings)} meetings, {held} held"
            )
        )
        if keep is not None and keep in data.meetings:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        self.show_detail(data)

    def highlighted_id(self) -> str | None:
        table = self.query_one("#schedule", DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - an empty or shrinking table has no cursor row
            return None
        return str(key.value) if key.value is not None else None

    def highlighted(self, data: MissionData) -> Meeting | None:
        return data.meetings.get(self.highlighted_id() or "")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        try:
            self.show_detail(self.store.data())
        except StorageError as exc:
            self.notify(str(exc), severity="error")

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
            self.app.push_screen(MeetingRoom(meeting_id, store=self._store))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_new(self) -> None:
        self.edit(None)

    def action_edit(self) -> None:
        meeting = self.highlighted(self.store.data())
        if meeting is not None:
            self.edit(meeting)

    def edit(self, meeting: Meeting | None) -> None:
        """The meeting form, which saves before it closes: a failed save keeps it open."""

        def save(saved: Meeting, added: list[Record]) -> bool:
            return self.save(saved, *added)

        def done(result: tuple[Meeting, list[Record]] | None) -> None:
            if result is None:
                return
            saved, _ = result
            what = "added" if meeting is None else "saved"
            self.notify(f"Meeting {what}: {saved.title}", timeout=3)
            self.redraw(select=saved.id)

        editor = MeetingEditor(self.store.data(), meeting, self.author, save=save)
        self.app.push_screen(editor, done)

    def action_held(self) -> None:
        self.set_status(MeetingStatus.HELD)

    def action_cancelled(self) -> None:
        self.set_status(MeetingStatus.CANCELLED)

    def set_status(self, status: MeetingStatus) -> None:
        """Set the status; the same key again puts the meeting back to planned."""
        meeting = self.highlighted(self.store.data())
        if meeting is None:
            return
        new = MeetingStatus.PLANNED if meeting.status is status else status
        if self.save(meeting.touched(status=new)):
            self.notify(f"{meeting.title}: {new.value}", timeout=3)
            self.redraw(select=meeting.id)

    def save(self, *records: Record) -> bool:
        try:
            with writing(self.app, self.store) as tx:
                tx.put(*records)
        except (StorageError, OSError) as exc:
            self.notify(storage_message(exc), title="Not saved", severity="error", timeout=15)
            return False
        return True


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
