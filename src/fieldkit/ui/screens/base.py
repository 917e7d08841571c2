"""What every fieldkit screen shares: typed access to the app and its live mission data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.screen import Screen

from fieldkit.domain.mission import MissionData
from fieldkit.ui.errors import report

if TYPE_CHECKING:
    from fieldkit.ui.app import FieldkitApp


#: `[` and `]` move the priority under the cursor in the mission's order (dashboard, items).
PRIORITY_ORDER_BINDINGS = (
    Binding(
        "left_square_bracket",
        "move(-1)",
        "Up",
        key_display="[",
        show=False,
        tooltip="Move the priority up the mission's order",
    ),
    Binding(
        "right_square_bracket",
        "move(1)",
        "Down",
        key_display="]",
        show=False,
        tooltip="Move the priority down the mission's order",
    ),
)


class FieldkitScreen(Screen[Any]):
    """A screen that redraws itself from `app.data` whenever the mission changes.

    Subclasses implement `refresh_data(data)`; it runs once on mount and again after every
    reload, and must keep the user's place (cursor, selection, typed text).
    """

    @property
    def fk(self) -> FieldkitApp:
        return cast("FieldkitApp", self.app)

    @property
    def data(self) -> MissionData:
        return self.fk.data

    def on_mount(self) -> None:
        self.watch(self.app, "data", self._data_changed, init=True)

    def _data_changed(self, data: MissionData) -> None:
        try:
            self.refresh_data(data)
        except Exception as exc:  # noqa: BLE001 - a bad record must not close the app
            report(self.app, exc)

    def refresh_data(self, data: MissionData) -> None:
        """Show `data`; called on mount and after each reload."""
