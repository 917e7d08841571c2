"""The fieldkit app: one shell for every screen, with live reload and no tracebacks.

`make_app(store)` builds it for the command line and for tests. The app holds the mission as
`data` (a reactive): a timer notices when another process changed the file, reloads it and
every screen that watches `data` refreshes in place. Writes go through `app.transaction()` or
`app.save()`, which reload `data` afterwards.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any, ClassVar

from textual import events, work
from textual.actions import ActionParseResult, SkipAction
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.reactive import var
from textual.screen import Screen

from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import Record
from fieldkit.storage.errors import CorruptFile, StorageError
from fieldkit.storage.mission_file import Signature, signature
from fieldkit.storage.repository import Store, Tx
from fieldkit.ui import commands
from fieldkit.ui.commands import FieldkitCommands
from fieldkit.ui.errors import guard_handlers, one_line, report, storage_message
from fieldkit.ui.keys import KeyOrder

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5

#: Screens reachable by name: (module, class). Looked up lazily so the app starts fast and a
#: screen still being written elsewhere only makes its own key say "not available".
SCREENS_BY_NAME: dict[str, tuple[str, str]] = {
    "dashboard": ("fieldkit.ui.screens.dashboard", "DashboardScreen"),
    "items": ("fieldkit.ui.screens.items", "ItemsScreen"),
    "meetings": ("fieldkit.ui.screens.meetings", "MeetingsScreen"),
}


class FieldkitApp(App[None]):
    """The delegate's app: dashboard first, items on `/`, every action in the palette."""

    TITLE = "fieldkit"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {FieldkitCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "find", "Find", key_display="/", tooltip="Filter the items as you type"),
        Binding(
            "question_mark", "help", "Keys", key_display="?", tooltip="The keys of this screen"
        ),
        Binding("m", "goto('meetings')", "Meetings", tooltip="The schedule of meetings"),
        Binding("e", "exports", "Export", tooltip="Write the debrief, a factsheet or the CSV"),
        Binding("escape", "leave", "Back", show=False, tooltip="Back out of this screen"),
        Binding("q", "quit", "Quit", tooltip="Leave fieldkit"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False, tooltip="Light or dark colours"),
    ]

    GUARD_HANDLERS: ClassVar[bool] = True  # see `errors.guard_handlers`

    data: var[MissionData] = var(MissionData(None), init=False, always_update=True)

    def __init__(self, store: Store, today: date | None = None) -> None:
        guard_handlers()
        super().__init__()
        self.store = store
        self.today = today or _today()
        self.errors: list[BaseException] = []
        self._named: dict[str, Screen[Any]] = {}
        self._reload_failed = False
        self._loading = False
        self._generation = 0  # bumped by every reload of our own
        self._store_lock = threading.RLock()  # the reload thread and our writes take turns
        self._shown = _signature(store)  # the version of the file on screen
        self.set_reactive(FieldkitApp.data, store.data())
        self.key_order = KeyOrder(self, super().on_event)
        _settle_heap()

    # -- screens -------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return self.named_screen("dashboard") or super().get_default_screen()

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll_file, name="live-reload")
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What can wait until the dashboard is on screen."""
        from fieldkit.ui.screens import meeting_room  # registers the capture commands

        meeting_room.offer_drafts(self, self.store)

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
            self.notify(f"The {name} screen is not available yet.", severity="warning")
            return None
        if screen is self.screen:
            return screen
        if screen in self.screen_stack:
            while self.screen is not screen and len(self.screen_stack) > 1:
                self.pop_screen()
        else:
            self.push_screen(screen)
        return screen

    def action_goto(self, name: str) -> None:
        self.show(name)

    def action_find(self) -> None:
        """`/` from anywhere: the items browser with its filter focused."""
        screen = self.show("items")
        focus = getattr(screen, "focus_filter", None)
        if callable(focus):
            self.call_after_refresh(focus)

    def action_exports(self) -> None:
        from fieldkit.ui.screens.exports import exporter

        exporter("menu")(self)

    def action_leave(self) -> None:
        """`escape`: back out of the screen on top, never past the dashboard."""
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def action_help(self) -> None:
        from fieldkit.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen.for_screen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        yield SystemCommand("Light or dark theme", "Switch the colours", self.action_toggle_theme)
        yield SystemCommand("Keys", "The keys of this screen", self.action_help)
        yield SystemCommand("Quit", "Leave fieldkit", self.exit)

    # -- data ----------------------------------------------------------------------------

    def poll_file(self) -> None:
        """Pick up another process's changes (read in a thread, so typing never stalls).

        The file's signature is compared with the one the screens show, not with the
        store's cache: another screen reading the store must not hide a change from them.
        """
        if self._loading or _signature(self.store) == self._shown:
            return
        self._loading = True
        self._load_in_thread(self._generation)

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def _load_in_thread(self, generation: int) -> None:
        seen = _signature(self.store)
        try:
            with self._store_lock:
                data = self.store.data()
        except (StorageError, OSError) as exc:  # OSError: a stick pulled mid-read
            self.call_from_thread(self._cannot_reload, exc, seen)
        except Exception as exc:  # noqa: BLE001 - reported to the user
            self.call_from_thread(report, self, exc)
        else:
            self.call_from_thread(self._loaded, data, generation, seen)
        finally:
            self._loading = False

    def _loaded(self, data: MissionData, generation: int, seen: Signature | None) -> None:
        if generation != self._generation:
            return  # a write of our own has shown fresher data meanwhile
        self._shown = seen
        self._reload_failed = False
        self.data = data
        _settle_heap()

    def _cannot_reload(self, exc: Exception, seen: Signature | None = None) -> None:
        """Keep the last good data on screen and say why, once until the file changes.

        A damaged file's notice ends with the exact `fieldkit restore` command, and stays up
        long enough to copy it.
        """
        self._shown = seen
        if not self._reload_failed:
            timeout = 60 if isinstance(exc, CorruptFile) else 10
            self.notify(
                storage_message(exc), title="Cannot reload", severity="error", timeout=timeout
            )
        self._reload_failed = True

    def reload(self) -> None:
        """Read the mission again after a write of our own."""
        with self._store_lock:
            seen = _signature(self.store)
            data = self.store.data()
        self._generation += 1
        self._shown = seen
        self.data = data
        _settle_heap()

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """A store transaction whose result every screen sees at once."""
        try:
            with self._store_lock, self.store.transaction() as tx:
                yield tx
        finally:
            self.reload()

    def save(self, *records: Record) -> None:
        with self.transaction() as tx:
            tx.put(*records)

    async def on_event(self, event: events.Event) -> None:
        """Keys from the terminal are applied one after the other (see `keys`)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self.key_order.arrived(event)
        else:
            await super().on_event(event)

    # -- errors --------------------------------------------------------------------------

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

    def _handle_exception(self, error: Exception) -> None:
        """The last resort, when Textual itself cannot go on: leave with one line, no trace."""
        self.errors.append(error)
        log.error("fieldkit app stopped", exc_info=error)
        self.exit(return_code=1, message=f"fieldkit stopped: {one_line(error)}")


def _not_yet(what: str) -> Any:
    def run(app: App[Any]) -> None:
        app.notify(f"{what} is not available yet.", severity="warning")

    return run


def _register_defaults() -> None:
    """Placeholders for actions other screens provide; a real registration replaces them."""
    defaults = {
        "Add note": "Capture a note in a meeting",
        "Record response": "Record what an official said about an item",
    }
    for name, help_text in defaults.items():
        if commands.find(name) is None:
            commands.register(name, help_text, _not_yet(name))
    exports = {
        "Export debrief": ("Write the Word debrief of the mission", "debrief"),
        "Export factsheet": ("Write a factsheet on one theme, across bodies", "factsheet"),
        "Export CSV": ("Write every item with its latest response as CSV", "csv"),
    }
    for name, (help_text, kind) in exports.items():
        commands.register(name, help_text, _exporter(kind))
    navigation = {
        "Dashboard": ("The mission at a glance", "dashboard"),
        "Items": ("Browse and filter every item", "items"),
        "Meetings": ("The schedule of meetings", "meetings"),
    }
    for name, (help_text, screen) in navigation.items():
        if commands.find(name) is None:
            commands.register(name, help_text, _shower(screen))
    if commands.find("Find items") is None:
        commands.register(
            "Find items", "Filter the items as you type", lambda app: app.run_action("find")
        )


def _exporter(kind: str) -> Any:
    def run(app: App[Any]) -> None:
        from fieldkit.ui.screens.exports import exporter

        exporter(kind)(app)

    return run


def _shower(name: str) -> Any:
    def run(app: App[Any]) -> None:
        if isinstance(app, FieldkitApp):
            app.show(name)

    return run


_register_defaults()


def _signature(store: Store) -> Signature | None:
    """The file's signature; None when it cannot even be looked at (a stick pulled)."""
    try:
        return signature(store.path)
    except OSError:
        return None


def _settle_heap() -> None:
    """Keep the mission's records out of the cycle collector's scans.

    A large mission is millions of long-lived objects; without this a full collection now and
    then stalls a keystroke by 100 ms or more. Records are freed by reference counting as
    usual when a newer version replaces them.
    """
    gc.freeze()


def _today() -> date:
    """Today, or the day in `FIELDKIT_TODAY` (to rehearse a past or future mission's days)."""
    fixed = os.environ.get("FIELDKIT_TODAY", "").strip()
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            log.warning("FIELDKIT_TODAY=%r is not a date like 2017-04-12; using today", fixed)
    return date.today()


def make_app(store: Store, today: date | None = None) -> FieldkitApp:
    """The app for this mission file; `today` fixes the date for tests and snapshots."""
    return FieldkitApp(store, today=today)
