"""The `?` screen: the keys of the screen underneath, each with what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

Row = tuple[str, str]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", key_display="esc"),
        Binding("slash", "find", "Find", show=False),
    ]

    def __init__(self, title: str, rows: list[Row]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    @classmethod
    def for_screen(cls, screen: Screen[object]) -> HelpScreen:
        """The keys active on `screen` (its own, its focused widget's and the app's)."""
        app = screen.app
        keys_for: dict[str, list[str]] = {}  # one row per action, with all its keys
        said: dict[str, str] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description:
                continue
            if not (binding.show or binding.tooltip):
                continue  # cursor and scrolling keys: summed up in one line below
            shown = binding.key_display or app.get_key_display(binding) or key
            action = binding.action
            keys_for.setdefault(action, [])
            if shown not in keys_for[action]:
                keys_for[action].append(shown)
            said.setdefault(action, binding.tooltip or binding.description)
        rows: list[Row] = list(getattr(screen, "HELP_EXTRA", ()))
        rows += [(" ".join(keys), said[action]) for action, keys in keys_for.items()]
        title = getattr(screen, "HELP_TITLE", "") or type(screen).__name__.removesuffix("Screen")
        return cls(f"Keys: {title}", rows)

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
                "↑ ↓ pgup pgdn home end move · tab: next part of the screen · "
                "escape: close this list",
                classes="muted",
                id="help-foot",
            )
