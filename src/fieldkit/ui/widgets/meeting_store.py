"""How the meeting screens reach the mission: the app's store, its write path, its changes.

Inside the fieldkit app, writes go through the app's `writing()` (the app's one write path)
so every screen hears of them, and screens redraw on the app's announced changes. Alone (in
a test harness), a screen works on the store it was given and watches the file itself.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from textual.app import App
from textual.screen import Screen

from fieldkit.domain.records import Record
from fieldkit.storage.errors import StorageError
from fieldkit.storage.repository import Store, Tx

# Records deleted in this session, newest last, per app: what "undo" puts back.
_TRASH: weakref.WeakKeyDictionary[App[Any], list[Record]] = weakref.WeakKeyDictionary()


def trash(app: App[Any]) -> list[Record]:
    """The records deleted in this app's session, newest last."""
    deleted = getattr(app, "deleted", None)
    return deleted if isinstance(deleted, list) else _TRASH.setdefault(app, [])


def app_store(app: App[Any], store: Store | None = None) -> Store:
    """The store a screen works on: its own if given, else the app's."""
    found = store if store is not None else getattr(app, "store", None)
    if not isinstance(found, Store):
        raise RuntimeError("this screen needs a mission store")
    return found


@contextmanager
def writing(app: App[Any], store: Store) -> Iterator[Tx]:
    """A transaction that, in the fieldkit app, goes through the app's write path."""
    shared = getattr(app, "writing", None)
    if callable(shared) and getattr(app, "store", None) is store:
        with shared() as tx:
            yield tx
    else:
        with store.transaction() as tx:
            yield tx


class Follower:
    """Redraws a screen when the mission changes: on the app's reloads, or by watching the file.

    A screen out of sight is only marked stale and redrawn when it comes back (its
    `on_screen_resume` calls `resumed`), so a save in the meeting room does not rebuild the
    schedule underneath it.
    """

    def __init__(self, screen: Screen[Any], store: Store, redraw: Callable[[], None]) -> None:
        self.screen = screen
        self.store = store
        self.redraw = redraw
        self.stale = False
        app = screen.app
        self.app_driven = getattr(app, "store", None) is store and hasattr(app, "change")
        if self.app_driven:
            screen.watch(app, "change", lambda _change: self.changed(), init=False)
        else:
            screen.set_interval(1.0, self.poll)

    def changed(self) -> None:
        if self.screen.is_current:
            self.redraw()
        else:
            self.stale = True

    def resumed(self) -> None:
        if self.stale:
            self.stale = False
            self.redraw()

    def poll(self) -> None:
        try:
            if self.store.changed_on_disk():
                self.changed()
        except StorageError as exc:
            self.screen.notify(str(exc), severity="error", timeout=8)
