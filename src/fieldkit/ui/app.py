"""The fieldkit app: one shell for every screen, one way for data to flow, no tracebacks.

`make_app(store)` builds it for the command line and for tests. Every write goes through
`await app.write(...)` (off the UI thread) or `with app.writing() as tx`; each new version of the
mission, ours or another process's, is announced once: the `change` reactive is set and a
`MissionChanged` message is posted. Screens react to it; none polls.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on
from textual.actions import ActionParseResult, SkipAction
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker

from fieldkit import settings
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record
from fieldkit.i18n import _
from fieldkit.storage.repository import Store, Tx
from fieldkit.ui import commands
from fieldkit.ui.changes import Change, MissionChanged
from fieldkit.ui.errors import report, worker_failed
from fieldkit.ui.keys import KeyOrder
from fieldkit.ui.live import LiveMission
from fieldkit.ui.palette import FieldkitCommands

if TYPE_CHECKING:
    from fieldkit.ui.screens.lock import IdleLock


T = TypeVar("T")

#: Screens reachable by name: (module, class). Looked up lazily so the app starts fast.
SCREENS_BY_NAME: dict[str, tuple[str, str]] = {
    "dashboard": ("fieldkit.ui.screens.dashboard", "DashboardScreen"),
    "items": ("fieldkit.ui.screens.items", "ItemsScreen"),
    "meetings": ("fieldkit.ui.screens.meetings", "MeetingsScreen"),
    "conflicts": ("fieldkit.ui.screens.conflicts", "ConflictsScreen"),
}


class FieldkitApp(App[None]):
    """The delegate's app: dashboard first, items on `/`, every command in the palette."""

    TITLE = "fieldkit"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar[set[Any]] = {FieldkitCommands}
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings("app")

    #: The mission as on screen, and what changed last (set only by `announce`).
    change: var[Change] = var(Change(MissionData(None)), init=False, always_update=True)

    def __init__(self, store: Store, today: date | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today or settings.today()
        self.errors: list[BaseException] = []
        self.deleted: list[Record] = []  # this session's deletions, newest last (undo)
        self._named: dict[str, Screen[Any]] = {}
        self.live = LiveMission(self, store)
        self.idle_lock: IdleLock | None = None
        self.set_reactive(FieldkitApp.change, self.live.first())
        self.key_order = KeyOrder(self, super().on_event)
        _settle_heap()

    @property
    def data(self) -> MissionData:
        """The mission as on screen."""
        return self.change.data

    # -- the one write path --------------------------------------------------------------

    async def write(self, apply: Callable[[Tx], T], backup: bool = True) -> T:
        """Change the mission: `apply(tx)` runs in one transaction, in a worker thread.

        Returns what `apply` returns, once every screen has been told; raises the typed
        storage error (nothing was saved) if the file cannot be written.
        """
        return await self.live.write(apply, backup)

    @contextmanager
    def writing(self, backup: bool = True) -> Iterator[Tx]:
        """The same write on this thread, for the few that must be done before going on
        (a form that closes only once saved, drafts flushed when a screen closes)."""
        with self.live.writing(backup) as tx:
            yield tx

    async def save(self, *records: Record) -> None:
        """Put records, in one write."""
        await self.write(lambda tx: tx.put(*records))

    def announce(self, change: Change) -> None:
        """A new version of the mission: every screen hears of it once, from here."""
        self.change = change
        self.post_message(MissionChanged(change))
        _settle_heap()

    # -- screens -------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return self.named_screen("dashboard") or super().get_default_screen()

    def on_mount(self) -> None:
        from fieldkit.ui.screens.lock import IdleLock

        self.live.follow()
        self.idle_lock = IdleLock.start(self)
        self.call_after_refresh(self._after_first_paint)

    def on_unmount(self) -> None:
        self.live.stop()

    def _after_first_paint(self) -> None:
        """What can wait until the dashboard is on screen."""
        from fieldkit.ui.screens import conflicts, meeting_room

        meeting_room.offer_drafts(self, self.store)
        conflicts.offer_copies(self)

    def named_screen(self, name: str) -> Screen[Any] | None:
        """The one instance of a named screen, built on first use; None if it is missing."""
        screen = self._named.get(name)
        if screen is not None:
            return screen
        where = SCREENS_BY_NAME.get(name)
        if where is None:
            return None
        try:
            cls = getattr(importlib.import_module(where[0]), where[1])
        except (ImportError, AttributeError):
            return None
        screen = cls()
        assert isinstance(screen, Screen)
        self._named[name] = screen
        if name != "dashboard":
            self.install_screen(screen, name)
        return screen

    def show(self, name: str) -> Screen[Any] | None:
        """Bring a named screen to the top: back to it if it is open, else open it."""
        screen = self.named_screen(name)
        if screen is None:
            self.notify(
                _("The {name} screen is not available yet.").format(name=name), severity="warning"
            )
            return None
        if screen is self.screen:
            return screen
        if screen in self.screen_stack:
            while self.screen is not screen and len(self.screen_stack) > 1:
                self.pop_screen()
        else:
            self.push_screen(screen)
        return screen

    # -- commands run on the app ---------------------------------------------------------

    def action_goto(self, name: str) -> None:
        self.show(name)

    def action_find(self) -> None:
        """`/` from anywhere: the items browser with its filter focused."""
        screen = self.show("items")
        focus = getattr(screen, "focus_filter", None)
        if callable(focus):
            self.call_after_refresh(focus)

    def action_exports(self) -> None:
        self.action_export("menu")

    def action_export(self, kind: str) -> None:
        from fieldkit.ui.screens.exports import exporter

        exporter(kind)(self)

    def action_capture(self, mode: str) -> None:
        """Into a meeting's capture area, on the item under the cursor if there is one."""
        from fieldkit.ui.screens.meeting_room import open_capture

        item_id = getattr(self.screen, "current_item_id", None)
        now = datetime.combine(self.today, datetime.now().time())
        open_capture(self, self.store, mode, now, item_id if isinstance(item_id, str) else None)

    def action_merge_copy(self) -> None:
        from fieldkit.ui.screens.conflicts import merge_another_copy

        merge_another_copy(self)

    async def action_undo(self) -> None:
        """Put back the last record deleted in this session."""
        if not self.deleted:
            self.notify(_("Nothing to undo"), timeout=2)
            return
        record = self.deleted.pop()
        try:
            await self.save(record)
        except BaseException:
            self.deleted.append(record)  # still deleted: undo can be tried again
            raise
        self.notify(_("Put back"), timeout=2)

    def action_leave(self) -> None:
        """`escape`: back out of the screen on top, never past the dashboard."""
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def action_help(self) -> None:
        from fieldkit.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen.for_screen(self.screen))

    def action_lock(self) -> None:
        from fieldkit.ui.screens.lock import lock

        lock(self)

    def action_shred(self) -> None:
        from fieldkit.ui.screens.shred import ask_and_shred

        ask_and_shred(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the screen is locked, no key may show or change anything."""
        from fieldkit.ui.screens.lock import ALLOWED, is_locked

        return action in ALLOWED or not is_locked(self)

    async def on_event(self, event: events.Event) -> None:
        """Keys from the terminal are applied one after the other (see `keys`); any key or
        click keeps the idle lock away."""
        if isinstance(event, events.Key | events.MouseDown) and self.idle_lock is not None:
            self.idle_lock.touch()
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self.key_order.arrived(event)
        else:
            await super().on_event(event)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_command_palette(self) -> None:
        """The palette (ctrl+p), its search box in the chosen language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            placeholder = _("Search for commands…")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def action_help_quit(self) -> None:
        """ctrl+c copies, it does not quit: say which key does, in the chosen language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(
                    _("Press {key} to quit fieldkit.").format(key=key),
                    title=_("Do you want to quit?"),
                    markup=False,
                )
                return

    def get_system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        """None: the palette offers the declared commands (`commands.py`) instead."""
        yield from ()

    # -- the one error handler -----------------------------------------------------------

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Every key and command runs here: a failure becomes a notification."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except SkipAction:
            raise
        except Exception as exc:  # noqa: BLE001 - reported to the user
            report(self, exc)
            return True

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        worker_failed(self, event)


def _settle_heap() -> None:
    """Keep the mission's records out of the cycle collector's scans.

    A large mission is millions of long-lived objects; without this a full collection now and
    then stalls a keystroke by 100 ms or more. Records are freed by reference counting as
    usual when a newer version replaces them.
    """
    gc.freeze()


def make_app(store: Store, today: date | None = None) -> FieldkitApp:
    """The app for this mission file; `today` fixes the date for tests and snapshots."""
    return FieldkitApp(store, today=today)
