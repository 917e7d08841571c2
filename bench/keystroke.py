"""Filter keystroke → items table updated, driven through Pilot in the real app (headless).

For each key typed into the items browser's filter: the time from the key reaching the app
until every message it caused has been handled (the key, the filter's change, the table's
update: no widget has anything left in its queue), plus the time the next frame takes to
render. Textual paints on a 60 Hz tick; the wait for that tick (0–16.7 ms, the same for any
Textual app) is reported apart, not counted. Pilot's own pauses (it sleeps in 20 ms steps
to detect idleness) are not counted either: the clock is read without them.

Runs in its own process: `python -m bench.keystroke MISSION.json QUERY` prints JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.widgets import Input

KEY_NAMES = {" ": "space", "-": "minus", ".": "full_stop", "/": "slash"}


def _renders() -> list[tuple[float, float]]:
    """Record the start and end of every screen refresh from now on."""
    from textual.screen import Screen

    log: list[tuple[float, float]] = []
    original = Screen._compositor_refresh

    def timed(self: Screen[Any]) -> None:
        start = time.perf_counter()
        original(self)
        log.append((start, time.perf_counter()))

    Screen._compositor_refresh = timed  # type: ignore[method-assign]
    return log


def _settled(app: App[Any]) -> bool:
    """No message waiting anywhere on the screen (nor in the app)."""
    nodes = [app, *app.screen.walk_children(with_self=True)]
    return all(node._message_queue.empty() for node in nodes)


async def _key(
    app: App[Any], box: Input, key: str, char: str | None, expected: str
) -> tuple[float, float, float]:
    """(handled, rendered, tick wait) seconds for one key sent to the app."""
    renders = _renders.log  # type: ignore[attr-defined]
    event = events.Key(key, char)
    event.set_sender(app)
    start = time.perf_counter()
    assert app._driver is not None
    app._driver.send_message(event)
    deadline = start + 5
    while time.perf_counter() < deadline and not (box.value == expected and _settled(app)):
        await asyncio.sleep(0)
    handled = time.perf_counter()
    while time.perf_counter() < deadline and not any(s >= handled for s, _ in renders):
        await asyncio.sleep(0.0005)
    frame = next(((s, e) for s, e in renders if s >= handled), (handled, handled))
    return handled - start, (handled - start) + (frame[1] - frame[0]), frame[0] - handled


async def _type(path: Path, query: str) -> dict[str, Any]:
    from fieldkit.storage.repository import Store
    from fieldkit.ui.app import make_app

    _renders.log = _renders()  # type: ignore[attr-defined]
    app = make_app(Store(path))
    handled: list[float] = []
    work: list[float] = []
    waited: list[float] = []
    steps: list[tuple[str, str | None, str]] = [
        (KEY_NAMES.get(c, c), c, query[: n + 1]) for n, c in enumerate(query)
    ]
    steps += [("backspace", None, query[:n]) for n in range(len(query) - 1, -1, -1)]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause(0.3)
        box = app.focused
        if not isinstance(box, Input):
            raise RuntimeError(f"`/` focused {type(box).__name__}, not the filter input")
        for key, char, expected in steps:
            await pilot.pause(0.03)  # a typist's gap: the previous frame has gone out
            took, painted, tick = await _key(app, box, key, char, expected)
            handled.append(took)
            work.append(painted)
            waited.append(tick)
        status = " ".join(str(w.render()) for w in app.screen.query("#items-status"))
    return {"work": work, "handled": handled, "tick_wait": waited, "status": status}


def measure(path: Path, query: str) -> dict[str, Any]:
    return asyncio.run(_type(path, query))


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2])))
