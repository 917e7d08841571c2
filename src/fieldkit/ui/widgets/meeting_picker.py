"""Small dialogs the meeting screens ask through: which meeting, which item, sure to delete?

Each is a `ModalScreen` typed by its answer, so callers read the result from `push_screen`'s
callback (or `push_screen_wait` in a worker).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from fieldkit.domain.items import Item
from fieldkit.domain.lookup import NotFound, find_item
from fieldkit.domain.meetings import Meeting
from fieldkit.domain.text import shorten
from fieldkit.domain.vocab import MeetingStatus
from fieldkit.i18n import N_, _
from fieldkit.ui.widgets.meeting_text import when_text
from fieldkit.ui.widgets.text_input import FieldInput


def meeting_line(meeting: Meeting, width: int = 38, when_width: int = 16) -> Text:
    """'Tue 11 Apr 09:30  held       Ministry of Justice' for lists of meetings."""
    status_width = max(len(s.label) for s in MeetingStatus)
    line = Text(f"{when_text(meeting):<{when_width}}  ")
    line.append(f"{meeting.status.label:<{status_width}}", style="italic")
    line.append(" " + shorten(meeting.title, width))
    return line


class MeetingPicker(ModalScreen[str | None]):
    """Which meeting? The sensible one is already highlighted, so Enter accepts it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", N_("Cancel"))]

    DEFAULT_CSS = """
    MeetingPicker { align: center middle; }
    MeetingPicker > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    MeetingPicker OptionList { height: auto; max-height: 16; border: none; }
    MeetingPicker .hint { color: $text-muted; }
    MeetingPicker Label { width: 100%; }
    """

    def __init__(self, meetings: Sequence[Meeting], chosen: str | None, purpose: str) -> None:
        super().__init__()
        self.meetings = list(meetings)
        self.chosen = chosen
        self.purpose = purpose

    def compose(self) -> ComposeResult:
        when_width = max((len(when_text(m)) for m in self.meetings), default=16)
        # the list holds 66 cells a line: the day, the status, and the title in what is left
        status_width = max(len(s.label) for s in MeetingStatus)
        title_width = max(66 - when_width - 2 - status_width - 1, 20)
        lines = (meeting_line(m, title_width, when_width) for m in self.meetings)
        with Vertical():
            yield Label(
                _("{purpose}: in which meeting?").format(purpose=self.purpose), classes="title"
            )
            yield OptionList(
                *(Option(line, id=m.id) for m, line in zip(self.meetings, lines, strict=True)),
                id="picker",
            )
            yield Label(_("Enter accepts · ↑↓ choose · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        ids = [m.id for m in self.meetings]
        if self.chosen in ids:
            picker.highlighted = ids.index(self.chosen)
        elif ids:
            picker.highlighted = 0
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class ItemJump(ModalScreen[str | None]):
    """Jump to any item by the reference a delegate types: 95.42, CCPR-24, an id prefix."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", N_("Cancel"))]

    DEFAULT_CSS = """
    ItemJump { align: center middle; }
    ItemJump > Vertical {
        width: 60; max-width: 100%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    ItemJump .error { color: $error; }
    ItemJump Label { width: 100%; }
    """

    def __init__(self, items: dict[str, Item]) -> None:
        super().__init__()
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Go to item (e.g. 95.42 or CCPR-24):"))
            yield FieldInput(id="jump-ref", placeholder=_("reference"))
            yield Label("", id="jump-error", classes="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            item = find_item(self.items, event.value)
        except NotFound as exc:
            self.query_one("#jump-error", Label).update(str(exc))
            return
        self.dismiss(item.id)


class ConfirmDelete(ModalScreen[bool]):
    """Ask before deleting; the answer is True only for an explicit yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", N_("Yes, delete")),
        Binding("n,escape", "dismiss(False)", N_("No")),
    ]

    DEFAULT_CSS = """
    ConfirmDelete { align: center middle; }
    ConfirmDelete > Vertical {
        width: 64; max-width: 100%; height: auto; border: round $error;
        background: $surface; padding: 0 1;
    }
    ConfirmDelete Label { width: 100%; }
    """

    def __init__(self, what: str, question: str = "", answers: str = "") -> None:
        """`question` and `answers` replace "Delete …?" for another change that hides
        records (cancelling a meeting)."""
        super().__init__()
        self.what = what
        self.question = question or _("Delete {what}?").format(what=what)
        self.answers = answers or _("y deletes (undo with u) · n or Esc keeps it")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.question))
            yield Label(self.answers)


class DraftOffer(ModalScreen[bool]):
    """Offer back what was being typed when the app last stopped."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "dismiss(True)", N_("Resume")),
        Binding("escape,n", "dismiss(False)", N_("Later")),
    ]

    DEFAULT_CSS = """
    DraftOffer { align: center middle; }
    DraftOffer > Vertical {
        width: 72; max-width: 100%; height: auto; border: round $warning;
        background: $surface; padding: 0 1;
    }
    DraftOffer .draft-line, DraftOffer Label { width: 100%; height: auto; }
    """

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__()
        self.lines = list(lines)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Unfinished work was kept when fieldkit last stopped:"))
            for line in self.lines[:5]:
                yield Static(Text("• " + line), classes="draft-line")
            yield Label(_("Enter resumes it in the meeting room · Esc keeps it for later"))
