"""The two reading panes of the meeting room: the agenda, and the item under discussion."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Meeting
from fieldkit.domain.mission import MissionData
from fieldkit.i18n import _
from fieldkit.ui.widgets.meeting_text import item_text


class AgendaList(OptionList):
    """The meeting's agenda: each item's reference, this meeting's stance on it, its title."""

    DEFAULT_CSS = """
    AgendaList { width: 30%; min-width: 18; max-width: 40; border: round $panel; }
    AgendaList:focus-within { border: round $accent; }
    """

    def on_mount(self) -> None:
        self.border_title = _("Agenda")

    @property
    def text_width(self) -> int:
        return max(self.scrollable_content_region.width - 2, 12)

    def show(self, lines: list[tuple[str, Text]], item_id: str | None) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(line, id=key) for key, line in lines])
        if not self.point_at(item_id) and highlighted is not None and lines:
            self.highlighted = min(highlighted, len(lines) - 1)

    def point_at(self, item_id: str | None) -> bool:
        """Put the cursor on `item_id`; False if it is not on the agenda."""
        ids = [self.get_option_at_index(i).id for i in range(self.option_count)]
        if item_id not in ids:
            return False
        if self.highlighted != ids.index(item_id):
            self.highlighted = ids.index(item_id)
        return True


class ItemPane(VerticalScroll):
    """The item under discussion: its citation, text, limbs and what was said before."""

    DEFAULT_CSS = """
    ItemPane { height: 1fr; border: round $panel; padding: 0 1; }
    ItemPane:focus { border: round $accent; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="item-text")

    def show(self, data: MissionData, meeting: Meeting, item: Item | None) -> None:
        text = self.query_one("#item-text", Static)
        if item is None:
            self.border_title = _("No item")
            text.update(_("The agenda is empty: ctrl+g goes to any item by its reference."))
            return
        agenda = list(meeting.agenda)
        position = f" · {agenda.index(item.id) + 1}/{len(agenda)}" if item.id in agenda else ""
        self.border_title = f"{item.short_ref}{position}"
        text.update(item_text(data, meeting, item))
