"""The mission at a glance: who and when, the priority items and where they stand, the day."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from fieldkit.domain.meetings import Meeting
from fieldkit.domain.merge import conflicts_in
from fieldkit.domain.mission import MissionData
from fieldkit.domain.priorities import move_priority
from fieldkit.domain.text import shorten, squash
from fieldkit.domain.words import grade_text, latest_grade, stance_words
from fieldkit.ui import commands
from fieldkit.ui.errors import guarded
from fieldkit.ui.screens.base import FieldkitScreen
from fieldkit.ui.widgets.row_table import RowTable


def date_range(start: str, end: str) -> str:
    if start and end and start != end:
        return f"{start} to {end}"
    return start or end


def meeting_line(meeting: Meeting, width: int) -> str:
    """One line: time, title, status when not planned, then the place as room allows."""
    line = f"{meeting.time or '--:--'} {squash(meeting.title)}"
    if meeting.status.value != "planned":
        line += f" ({meeting.status.value})"
    where = squash(meeting.place)
    if where:
        line += f" · {where}"
    return shorten(line, width)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


MAX_TODAY = 4  # meetings listed for today before "and N more"


class DashboardScreen(FieldkitScreen):
    HELP_TITLE = "dashboard"
    SCOPES = ("dashboard",)
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(*SCOPES)

    DEFAULT_CSS = """
    DashboardScreen #dash-rooms { height: auto; max-height: 6; border: none; padding: 0; }
    DashboardScreen #dash-rooms:focus { background: $boost; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="dash-mission")
        yield Static("Priority items", classes="section-title")
        table: DataTable[str | Text] = RowTable(id="dash-priorities", cursor_type="row")
        table.add_columns("#", "Item", "By", "Latest stance", "Grade", "Text")
        yield table
        yield Static(id="dash-today")
        yield OptionList(id="dash-rooms")
        yield Static(id="dash-meetings")
        yield Static(id="dash-counts", classes="muted")
        yield Footer()

    def on_resize(self) -> None:
        self.refresh_data(self.data)

    @property
    def _width(self) -> int:
        return max(self.size.width - 2, 40)

    def refresh_data(self, data: MissionData) -> None:
        self.query_one("#dash-mission", Static).update(self._mission_text(data))
        self._fill_priorities(data)
        self._fill_rooms(data)
        self.query_one("#dash-meetings", Static).update(self._meetings_text(data))
        self.query_one("#dash-counts", Static).update(self._counts_text(data))

    def _mission_text(self, data: MissionData) -> Text:
        mission = data.mission
        if mission is None:
            return Text("No mission in this file.", style="bold")
        text = Text(squash(mission.name), style="bold")
        when = date_range(mission.start_date, mission.end_date)
        where = ", ".join(squash(loc) for loc in mission.locations) or squash(mission.country)
        details = " · ".join(part for part in (where, when) if part)
        if details:
            text.append("\n" + details)
        if mission.delegation:
            text.append("\nDelegation: " + ", ".join(squash(d) for d in mission.delegation))
        return text

    def _fill_priorities(self, data: MissionData) -> None:
        table: DataTable[str | Text] = self.query_one("#dash-priorities", DataTable)
        cursor = table.cursor_row
        keep = self._cursor_item()
        table.clear()
        rows = [
            (
                str(item.priority),
                item.short_ref,
                shorten(item.source_name, 14),
                stance_words(data.latest_response(item.id)),
                grade_text(latest_grade(item, data)),
            )
            for item in data.priorities
        ]
        headers = ("#", "Item", "By", "Latest stance", "Grade")
        used = (
            sum(max(len(h), *(len(r[n]) for r in rows)) + 2 for n, h in enumerate(headers))
            if rows
            else 0
        )
        room = max(self._width - used - 4, 12)  # what is left for the text, scrollbar aside
        for item, cells in zip(data.priorities, rows, strict=True):
            table.add_row(*cells, shorten(item.title or item.text, room), key=item.id)
        if data.priorities:
            ids = [item.id for item in data.priorities]
            row = ids.index(keep) if keep in ids else min(cursor, len(ids) - 1)
            table.move_cursor(row=row)
        else:
            table.add_row("", "No priority items yet: mark them in the items browser (p).", "")

    def _fill_rooms(self, data: MissionData) -> None:
        """Today's meetings and the next one, each one Enter from its room."""
        today = self.fk.today.isoformat()
        todays = [m for m in data.meetings_in_order if m.day == today]
        upcoming = [m for m in data.meetings_in_order if m.day > today]
        width = self._width
        title = Text.assemble(("Today ", "bold"), f"{today}: ")
        title.append("no meetings" if not todays else "")
        title.append("  (tab, then Enter: into the meeting's room)", style="dim")
        self.query_one("#dash-today", Static).update(title)
        options = [Option("  " + meeting_line(m, width - 2), id=m.id) for m in todays[:MAX_TODAY]]
        if upcoming:
            first = upcoming[0]
            line = Text.assemble(("Next: ", "bold"), meeting_line(first, width - 17))
            options.append(Option(line.append(f", {first.day}"), id=first.id))
        rooms = self.query_one("#dash-rooms", OptionList)
        highlighted = rooms.highlighted
        rooms.clear_options()
        rooms.add_options(options)
        rooms.display = bool(options)
        if options:
            rooms.highlighted = min(highlighted or 0, len(options) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a meeting: into its room, the cursor in the note."""
        from fieldkit.ui.screens.meeting_room import MeetingRoom

        meeting_id = event.option.id or ""
        if event.option_list.id == "dash-rooms" and meeting_id in self.data.meetings:
            self.app.push_screen(MeetingRoom(meeting_id))

    def _meetings_text(self, data: MissionData) -> Text:
        today = self.fk.today.isoformat()
        todays = [m for m in data.meetings_in_order if m.day == today]
        text = Text()
        if len(todays) > MAX_TODAY:
            text.append(f"  and {len(todays) - MAX_TODAY} more (m: meetings)\n")
        held = sum(1 for m in data.meetings.values() if m.status.value == "held")
        if data.meetings:
            days = sorted({m.day for m in data.meetings.values() if m.day})
            span = date_range(days[0], days[-1]) if days else ""
            text.append(f"Schedule: {len(data.meetings)} meetings", style="")
            if span:
                text.append(f", {span}")
            text.append(f" ({held} held)")
        return text

    def _counts_text(self, data: MissionData) -> str:
        counts = " · ".join(
            (
                plural(len(data.items), "item"),
                plural(len(data.notes), "note"),
                plural(len(data.responses), "response"),
                plural(len(data.open_actions()), "open follow-up"),
            )
        )
        conflicts = len(conflicts_in(data))
        if conflicts:
            counts += f"\n{plural(conflicts, 'conflict')} from merging: palette → Conflicts"
        return counts

    def _cursor_item(self) -> str | None:
        table: DataTable[str | Text] = self.query_one("#dash-priorities", DataTable)
        if table.row_count == 0 or not self.data.priorities:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value if row_key.value in self.data.items else None

    async def action_move(self, step: int) -> None:
        item_id = self._cursor_item()
        if item_id is not None:
            await self.fk.write(lambda tx: tx.put(*move_priority(tx.data, item_id, step)))

    def action_open_item(self) -> None:
        table: DataTable[str | Text] = self.query_one("#dash-priorities", DataTable)
        if not self.data.priorities or table.row_count == 0:
            return
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        screen = self.fk.show("items")
        select = getattr(screen, "select_item", None)
        if callable(select) and row_key.value:
            select(row_key.value)

    @guarded
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_item()
