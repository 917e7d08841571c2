"""The mission at a glance: who and when, the priority items and where they stand, the day."""

from __future__ import annotations

from datetime import date
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
from fieldkit.i18n import N_, _, format_date, format_day, format_range, ngettext
from fieldkit.ui import commands
from fieldkit.ui.errors import guarded
from fieldkit.ui.screens.base import FieldkitScreen
from fieldkit.ui.widgets.row_table import RowTable


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def date_range(start: str, end: str) -> str:
    """Two ISO days as the language writes a span (`11–14 апреля 2017 г.`); kept as typed
    when one is not a date."""
    first, last = _day(start) or _day(end), _day(end) or _day(start)
    if first is None or last is None:
        return " – ".join(part for part in (start, end) if part)
    return format_range(first, last)


def short_day(iso: str) -> str:
    found = _day(iso)
    return format_day(found) if found else iso


def meeting_line(meeting: Meeting, width: int) -> str:
    """One line: time, title, status when not planned, then the place as room allows."""
    line = f"{meeting.time or '--:--'} {squash(meeting.title)}"
    if meeting.status.value != "planned":
        line += f" ({meeting.status.label})"
    where = squash(meeting.place)
    if where:
        line += f" · {where}"
    return shorten(line, width)


MAX_TODAY = 4  # meetings listed for today before "and N more"


class DashboardScreen(FieldkitScreen):
    HELP_TITLE = N_("dashboard")
    SCOPES = ("dashboard",)
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(*SCOPES)

    DEFAULT_CSS = """
    DashboardScreen #dash-rooms { height: auto; max-height: 6; border: none; padding: 0; }
    DashboardScreen #dash-rooms:focus { background: $boost; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="dash-mission")
        yield Static(_("Priority items"), classes="section-title")
        table: DataTable[str | Text] = RowTable(id="dash-priorities", cursor_type="row")
        table.add_columns(*self._headers(), _("Text"))
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
            return Text(_("No mission in this file."), style="bold")
        text = Text(squash(mission.name), style="bold")
        when = date_range(mission.start_date, mission.end_date)
        where = ", ".join(squash(loc) for loc in mission.locations) or squash(mission.country)
        details = " · ".join(part for part in (where, when) if part)
        if details:
            text.append("\n" + details)
        if mission.delegation:
            people = ", ".join(squash(d) for d in mission.delegation)
            text.append("\n" + _("Delegation: {people}").format(people=people))
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
        headers = self._headers()
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
            table.add_row("", _("No priority items yet: mark them in the items browser (p)."), "")

    def _fill_rooms(self, data: MissionData) -> None:
        """Today's meetings and the next one, each one Enter from its room."""
        today = self.fk.today.isoformat()
        todays = [m for m in data.meetings_in_order if m.day == today]
        upcoming = [m for m in data.meetings_in_order if m.day > today]
        width = self._width
        title = Text(_("Today, {day}:").format(day=format_date(self.fk.today)), style="bold")
        title.append(" " + _("no meetings") if not todays else "")
        title.append("  " + _("(tab, then Enter: into the meeting's room)"), style="dim")
        self.query_one("#dash-today", Static).update(title)
        options = [Option("  " + meeting_line(m, width - 2), id=m.id) for m in todays[:MAX_TODAY]]
        if upcoming:
            first = upcoming[0]
            when = short_day(first.day)
            label = _("Next:") + " "
            line = Text.assemble(
                (label, "bold"), meeting_line(first, width - len(label + when) - 4)
            )
            options.append(Option(line.append(f", {when}"), id=first.id))
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
            more = len(todays) - MAX_TODAY
            text.append("  " + _("and {count} more (m: meetings)").format(count=more) + "\n")
        held = sum(1 for m in data.meetings.values() if m.status.value == "held")
        if data.meetings:
            days = sorted({m.day for m in data.meetings.values() if m.day})
            span = date_range(days[0], days[-1]) if days else ""
            count = len(data.meetings)
            text.append(
                ngettext("Schedule: {count} meeting", "Schedule: {count} meetings", count).format(
                    count=count
                )
            )
            if span:
                text.append(f", {span}")
            text.append(" " + _("({count} held)").format(count=held))
        return text

    def _counts_text(self, data: MissionData) -> str:
        items, notes, responses = len(data.items), len(data.notes), len(data.responses)
        actions = len(data.open_actions())
        counts = " · ".join(
            (
                ngettext("{count} item", "{count} items", items).format(count=items),
                ngettext("{count} note", "{count} notes", notes).format(count=notes),
                ngettext("{count} response", "{count} responses", responses).format(
                    count=responses
                ),
                ngettext("{count} open follow-up", "{count} open follow-ups", actions).format(
                    count=actions
                ),
            )
        )
        conflicts = len(conflicts_in(data))
        if conflicts:
            counts += "\n" + ngettext(
                "{count} conflict from merging: palette → Conflicts",
                "{count} conflicts from merging: palette → Conflicts",
                conflicts,
            ).format(count=conflicts)
        return counts

    @staticmethod
    def _headers() -> tuple[str, ...]:
        return ("#", _("Item"), _("By"), _("Latest stance"), _("Grade"))

    def _cursor_item(self) -> str | None:
        table: DataTable[str | Text] = self.query_one("#dash-priorities", DataTable)
        if table.row_count == 0 or not self.data.priorities:
            return None
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value if row_key.value in self.data.items else None

    async def action_move(self, step: int) -> None:
        item_id = self._cursor_item()
        if item_id is not None:
            await self.fk.write(lambda tx: tx.put(*move_priority(tx.data, item_id, step)))

    def action_open_item(self) -> None:
        table: DataTable[str | Text] = self.query_one("#dash-priorities", DataTable)
        if not self.data.priorities or table.row_count == 0:
            return
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        screen = self.fk.show("items")
        select = getattr(screen, "select_item", None)
        if callable(select) and row_key.value:
            select(row_key.value)

    @guarded
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_item()
