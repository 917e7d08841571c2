"""When the terminal goes away (SIGHUP: the SSH link drops, the window closes; SIGTERM),
whatever is being typed is written to the mission file before the app stops.

Screens that hold unsaved typing register a callback with `keep_on_hangup`; the signal runs
every callback, then ends the app.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import weakref
from collections.abc import Callable
from typing import Any

from textual.app import App

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGHUP, signal.SIGTERM)

_KEEPERS: weakref.WeakKeyDictionary[App[Any], dict[int, Callable[[], None]]] = (
    weakref.WeakKeyDictionary()
)


def keep_on_hangup(app: App[Any], key: object, keep: Callable[[], None]) -> None:
    """Run `keep` if the terminal goes away; `key` (the screen) can take it back."""
    if app not in _KEEPERS:
        _KEEPERS[app] = {}
        _listen(app)
    _KEEPERS[app][id(key)] = keep


def forget(app: App[Any], key: object) -> None:
    _KEEPERS.get(app, {}).pop(id(key), None)


def _listen(app: App[Any]) -> None:
    try:
        loop = asyncio.get_running_loop()
        for number in SIGNALS:
            loop.add_signal_handler(number, hang_up, app, number)
    except (RuntimeError, NotImplementedError, ValueError):  # no loop, Windows, not main thread
        log.debug("no hangup handler: typing is kept by the drafts' timer only")


def hang_up(app: App[Any], number: int = signal.SIGHUP) -> None:
    """Keep what is being typed, then stop (the terminal may already be gone)."""
    for keep in list(_KEEPERS.get(app, {}).values()):
        try:
            keep()
        except Exception:  # noqa: BLE001 - the other keepers must still run
            log.exception("keeping typing on hangup failed")
    app.exit(return_code=128 + number)
