"""What every fieldkit screen shares: its commands, and the mission as a reactive.

A screen lists its command scopes in `SCOPES` and takes `BINDINGS = commands.bindings(...)`;
it shows `data` (a reactive, set from the app's announced changes) in `refresh_data`, and
writes with `await self.fk.write(lambda tx: ...)`. It never polls and never redraws by hand
after its own write: the write's announcement comes back to it like any other change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, on
from textual.binding import ActiveBinding
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker

from fieldkit.domain.mission import MissionData
from fieldkit.i18n import _
from fieldkit.ui.changes import Change
from fieldkit.ui.commands import translated
from fieldkit.ui.errors import report, worker_failed

if TYPE_CHECKING:
    from fieldkit.ui.app import FieldkitApp


class FieldkitScreen(Screen[Any]):
    """A screen that shows the mission as the app announces it.

    Subclasses implement `refresh_data(data)`; it runs on mount and after every change to
    one of `TABLES` (all tables when empty) while the screen is in front, and once when it
    comes back to the front after changes made while it was hidden. It must keep the
    user's place (cursor, selection, typed text).
    """

    #: The command scopes of this screen (see `commands.py`); the app's apply everywhere.
    SCOPES: ClassVar[tuple[str, ...]] = ()
    #: The tables this screen shows; a change to none of them leaves it as it is.
    TABLES: ClassVar[frozenset[str]] = frozenset()

    data: var[MissionData] = var(MissionData(None), init=False, always_update=True)

    def __init__(self) -> None:
        super().__init__()
        self._behind: MissionData | None = None  # a change that came while hidden

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in front, named in the chosen language for the footer (the bindings were
        made on import, before the language was chosen). The keys themselves are unchanged."""
        return {
            key: ActiveBinding(node, translated(binding), enabled, _(tooltip) if tooltip else "")
            for key, (node, binding, enabled, tooltip) in super().active_bindings.items()
        }

    @property
    def fk(self) -> FieldkitApp:
        return cast("FieldkitApp", self.app)

    @on(events.Mount)
    def _follow_the_mission(self) -> None:
        self.watch(self.app, "change", self._mission_changed, init=True)

    def _mission_changed(self, change: Change) -> None:
        if self.TABLES and not change.touches(*self.TABLES):
            return
        if self.is_current or not self.data.mission:
            self._behind = None
            self.data = change.data
        else:
            self._behind = change.data

    @on(events.ScreenResume)
    def _catch_up(self) -> None:
        if self._behind is not None:
            behind, self._behind = self._behind, None
            self.data = behind

    def watch_data(self, data: MissionData) -> None:
        try:
            self.refresh_data(data)
        except Exception as exc:  # noqa: BLE001 - a bad record must not close the app
            report(self.app, exc)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        worker_failed(self.app, event)

    def refresh_data(self, data: MissionData) -> None:
        """Show `data`; called on mount and after each change this screen shows."""
