"""A modal list narrowed as you type, where Enter toggles an entry and Escape closes.

Used for facets and for linking items: the caller supplies the entries (id, words) and what
toggling one does; the picker only handles typing, moving and redrawing the marks.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from fieldkit.i18n import _
from fieldkit.ui import commands
from fieldkit.ui.errors import guarded

Entry = tuple[str, Text]  # id, prompt
Entries = Callable[[str], list[Entry]]
Toggle = Callable[[str], None | Awaitable[None]]  # a write is awaited before the redraw


class PickerScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings("picker")

    def __init__(self, title: str, entries: Entries, toggle: Toggle, hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries
        self.on_toggle = toggle
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(self.title_text, id="picker-title")
            yield Input(placeholder=_("type to narrow"), id="picker-filter", compact=True)
            yield OptionList(id="picker-options")
            yield Static(
                self.hint or _("enter: toggle · ↓: to the list · escape: close"),
                id="picker-hint",
                classes="muted",
            )

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#picker-filter", Input).focus()

    def reload(self) -> None:
        """Redraw the entries for the typed text, keeping the highlighted one."""
        options = self.query_one("#picker-options", OptionList)
        current = options.highlighted_option
        keep = current.id if current is not None else None
        query = self.query_one("#picker-filter", Input).value
        entries = self.entries(query)
        options.set_options(Option(prompt, id=entry_id) for entry_id, prompt in entries)
        ids = [entry_id for entry_id, _ in entries]
        if ids:
            options.highlighted = ids.index(keep) if keep in ids else 0

    @on(Input.Changed, "#picker-filter")
    def _typed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#picker-filter")
    @guarded
    async def _submitted(self) -> None:
        option = self.query_one("#picker-options", OptionList).highlighted_option
        if option is not None and option.id:
            await self.toggle(option.id)

    @on(OptionList.OptionSelected, "#picker-options")
    @guarded
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.toggle(event.option.id)

    async def toggle(self, entry_id: str) -> None:
        done = self.on_toggle(entry_id)
        if inspect.isawaitable(done):
            await done
        self.reload()

    def action_to_list(self) -> None:
        self.query_one("#picker-options", OptionList).focus()

    def action_close(self) -> None:
        self.dismiss(None)
