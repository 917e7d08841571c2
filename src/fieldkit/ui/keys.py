"""Every key the terminal delivers is applied, in order, to the screen it was meant for.

Textual hands each key to the focused widget's queue as soon as it arrives; a key that a
screen or the app acts on (Enter saving a note, ctrl+r switching the form, `m` opening the
meetings) travels back up through the widget's parents first. Keys that arrived in the same
burst were meanwhile handed to the widget that had the focus *before* that action, so a
typed-ahead note merged with the one before it, or landed on the screen left behind.

`KeyOrder` holds each key until the one before it has travelled its whole way (the focused
widget, each parent in turn, then the app's own bindings) and what it set off is done (a
focus moved, a message answered, a screen opened), and only then hands on the next.
A key is never dropped: if a widget closes while a key is on its way, the next one goes on.
Only keys that arrive once the app is closing (after a `q` in the same burst) are let go.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Input, TextArea

#: Seconds after which a key still on its way no longer holds the next ones back (a widget
#: that never answers must not freeze the keyboard).
PATIENCE = 2.0

#: How many times a key's way is walked: once for the key, once for the messages it set off.
PASSES = 2

#: Screen refreshes a newly opened screen gets to put its cursor where it belongs.
SETTLE_FRAMES = 3


class KeyOrder:
    """One key in flight at a time; the others wait their turn, in order.

    `dispatch` is the app's own handling of a key from the terminal (its priority bindings,
    then handing it to the focused widget).
    """

    def __init__(self, app: App[Any], dispatch: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app = app
        self.dispatch = dispatch
        self.waiting: deque[events.Key] = deque()
        self.busy = False
        self._turn = 0  # bumped when a key is done, so a late answer cannot free the next one
        self._screen: Screen[Any] | None = None  # the screen in front when the key arrived

    async def arrived(self, event: events.Key) -> None:
        """A key came from the terminal: handle it now, or after those before it."""
        if self.busy or self.waiting:
            self.waiting.append(event)
            return
        await self._run(event)

    async def _run(self, event: events.Key) -> None:
        if self._closing():
            return
        self.busy = True
        self._screen = self.app.screen
        await self.dispatch(event)
        if self._closing():
            return
        turn = self._turn
        self.app.set_timer(PATIENCE, lambda: self._expired(turn))
        target: DOMNode | None = self.app.focused or self.app.screen
        if event.is_printable and isinstance(target, (Input, TextArea)):
            # a character typed into a text box stays there: once the box has it, go on
            self._follow(turn, (target,), 0, 1)
            return
        self._follow(turn, _path_to_app(target), 0, PASSES)

    def _follow(self, turn: int, path: tuple[MessagePump, ...], at: int, passes: int) -> None:
        """Wait for the key to leave each node of `path` in turn, then let the next one go.

        A key often acts through a message (a table's Enter posts "row selected", which the
        screen answers by opening another), so the way is walked once more for what the
        key set off.
        """
        if turn != self._turn:
            return
        for index in range(at, len(path)):
            if path[index].call_later(self._follow, turn, path, index + 1, passes):
                return
        if passes > 1:
            self._follow(turn, path, 0, passes - 1)
            return
        self._settle(turn, SETTLE_FRAMES)

    def _settle(self, turn: int, frames: int) -> None:
        """A key that opened or closed a screen: the next goes once the screen has its focus.

        A screen puts its cursor where it belongs as it mounts (sometimes after its first
        refresh); a key handed on before that would go where nothing types it.
        """
        if turn != self._turn or self._closing():
            return
        screen = self.app.screen
        if screen is not self._screen and frames > 0:
            screen.call_after_refresh(self._settle, turn, frames - 1)
            return
        self._done()

    def _closing(self) -> bool:
        """The app is closing (a key such as `q` came earlier in the burst): the keys typed
        after it have nowhere to go."""
        if self.app.screen_stack:
            return False
        self.waiting.clear()
        self.busy = False
        return True

    def _expired(self, turn: int) -> None:
        if turn == self._turn and self.busy:
            self._done()

    def _done(self) -> None:
        self._turn += 1
        self.busy = bool(self.waiting)  # new arrivals queue behind the ones waiting
        if self.waiting:
            self.app.call_next(self._run, self.waiting.popleft())


def _path_to_app(node: DOMNode | None) -> tuple[MessagePump, ...]:
    """`node`, its parents up to the screen, then the app: the way an unhandled key goes."""
    path: list[MessagePump] = []
    current: MessagePump | None = node
    while current is not None:
        path.append(current)
        current = current.parent if isinstance(current, DOMNode) else None
    return tuple(path)
