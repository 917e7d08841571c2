"""The `?` screen: the keys of the screen underneath, each with what it does."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from fieldkit.i18n import _
from fieldkit.ui import commands
from fieldkit.ui.commands import in_scopes
from fieldkit.ui.palette import scopes_of

Row = tuple[str, str]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings("help")

    def __init__(self, title: str, rows: list[Row]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    @classmethod
    def for_screen(cls, screen: Screen[Any]) -> HelpScreen:
        """The keys of `screen`'s commands, its widgets' and the app's, one row per command."""
        app = screen.app
        rows: list[Row] = []
        said: set[str] = set()
        for command in in_scopes(scopes_of(screen)):
            if not (command.key and command.help) or command.help in said:
                continue
            said.add(command.help)
            keys = command.key_display or " ".join(
                app.get_key_display(Binding(key, command.action)) for key in command.key.split(",")
            )
            rows.append((keys, command.description))
        title = getattr(screen, "HELP_TITLE", "") or type(screen).__name__.removesuffix("Screen")
        return cls(_("Keys: {screen}").format(screen=_(title)), rows)

    async def action_find(self) -> None:
        """`/` works here too: close the list and go to the items filter."""
        self.dismiss(None)
        await self.app.run_action("find")

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), expand=True)
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for key, description in self.rows:
            table.add_row(key, description)
        with VerticalScroll(id="help-body"):
            yield Static(self.title_text, id="help-title")
            yield Static(table, id="help-keys")
            yield Static(
                _(
                    "↑ ↓ pgup pgdn home end move · tab: next part of the screen · "
                    "escape: close this list"
                ),
                classes="muted",
                id="help-foot",
            )
