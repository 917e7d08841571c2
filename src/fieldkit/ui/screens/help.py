"""The `?` screen: the keys of the screen underneath, each with what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

Row = tuple[str, str]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", key_display="esc"),
    ]

    def __init__(self, title: str, rows: list[Row]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    @classmethod
    def for_screen(cls, screen: Screen[object]) -> HelpScreen:
        """The keys active on `screen` (its own, its focused widget's and the app's)."""
        app = screen.app
        rows: list[Row] = []
        seen: set[tuple[str, str]] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description:
                continue
            if not (binding.show or binding.tooltip):
                continue  # cursor and scrolling keys: summed up in one line below
            shown = binding.key_display or app.get_key_display(binding) or key
            what = binding.description
            if binding.tooltip:
                what = f"{what}: {binding.tooltip}"
            row = (shown, what)
            if row not in seen:
                seen.add(row)
                rows.append(row)
        rows.append(("↑ ↓ pgup pgdn", "Move in the list or text that has the focus"))
        rows.append(("tab", "Next part of the screen"))
        rows.append(("ctrl+p", "Find any command by name"))
        title = getattr(screen, "HELP_TITLE", "") or type(screen).__name__.removesuffix("Screen")
        return cls(f"Keys: {title}", rows)

    def compose(self) -> ComposeResult:
        width = max((len(k) for k, _ in self.rows), default=4) + 2
        text = Text()
        for key, description in self.rows:
            text.append(key.ljust(width), style="bold")
            text.append(description + "\n")
        text.append("\nescape closes this list.", style="dim")
        with VerticalScroll(id="help-body"):
            yield Static(self.title_text, id="help-title")
            yield Static(text, id="help-keys")
