"""What was captured on the current item in this meeting: one line each, text first, and
the whole of the highlighted one underneath (shift+tab from the text reaches the list)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from fieldkit.domain.meetings import Meeting
from fieldkit.domain.mission import MissionData
from fieldkit.ui import commands
from fieldkit.ui.widgets.meeting_text import captured_full, captured_lines


class CapturedList(OptionList):
    """The notes, responses and follow-ups of the item; e edits, d deletes, u undoes."""

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings("captured")


class CapturedPane(Vertical):
    """The list, and the full text of its highlighted line while the list has the cursor."""

    DEFAULT_CSS = """
    CapturedPane { height: auto; }
    CapturedPane #captured { height: auto; max-height: 6; border: none; padding: 0 1; }
    CapturedPane #captured-full {
        height: auto; max-height: 5; padding: 0 1; background: $boost; display: none;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="captured-pane")
        self.data = MissionData(None)

    def compose(self) -> ComposeResult:
        yield CapturedList(id="captured")
        yield Static(id="captured-full")

    @property
    def list(self) -> CapturedList:
        return self.query_one(CapturedList)

    def show(self, data: MissionData, meeting: Meeting, item_id: str | None, width: int) -> None:
        self.data = data
        captured = self.list
        options = [
            Option(line, id=key) for key, line in captured_lines(data, meeting, item_id, width)
        ]
        highlighted = captured.highlighted
        captured.clear_options()
        captured.add_options(options)
        self.display = bool(options)
        if options and highlighted is not None:
            captured.highlighted = min(highlighted, len(options) - 1)
        self.show_full()

    def selected(self) -> tuple[str, str] | None:
        """(kind, record id) of the highlighted line."""
        captured = self.list
        if captured.highlighted is None or not captured.option_count:
            return None
        option_id = captured.get_option_at_index(captured.highlighted).id or ""
        kind, _, record_id = option_id.partition(":")
        return kind, record_id

    def show_full(self) -> None:
        full = self.query_one("#captured-full", Static)
        selected = self.selected() if self.list.has_focus else None
        full.display = selected is not None
        if selected is not None:
            full.update(captured_full(self.data, ":".join(selected)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self.list:
            self.show_full()

    def on_descendant_focus(self) -> None:
        self.show_full()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self.show_full)
