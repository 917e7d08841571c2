"""Filter keystroke → items table updated, driven through Pilot in the real app (headless).

For each key typed into the items browser's filter: the time from pressing the key until
the app has handled it (the key, the filter's change, any workers it started, the table's
update) plus the time the next frame takes to render. Textual paints on a 60 Hz tick; the wait
for that tick (0–16.7 ms, the same for any Textual app) is reported apart, not counted.

Runs in its own process: `python -m bench.keystroke MISSION.json QUERY` prints JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

KEY_NAMES = {" ": "space", "-": "minus", ".": "full_stop", "/": "slash"}


def _renders() -> list[float]:
    """Record how long every screen refresh takes, and when it ended."""
    from textual.screen import Screen

    log: list[float] = []
    original = Screen._compositor_refresh

    def timed(self: Screen[Any]) -> None:
        start = time.perf_counter()
        original(self)
        end = time.perf_counter()
        log.append(start)
        log.append(end)

    Screen._compositor_refresh = timed  # type: ignore[method-assign]
    return log


async def _type(path: Path, query: str) -> dict[str, Any]:
    from fieldkit.storage.repository import Store
    from fieldkit.ui.app import make_app

    renders = _renders()
    app = make_app(Store(path))
    handled: list[float] = []
    painted: list[float] = []
    waited: list[float] = []
    keys = [KEY_NAMES.get(c, c) for c in query] + ["backspace"] * len(query)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause(0.3)
        focused = type(app.focused).__name__ if app.focused else "nothing"
        for key in keys:
            await pilot.pause(0.03)  # let the previous frame go out, like a typist's gap
            renders.clear()
            start = time.perf_counter()
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot._wait_for_screen()
            done = time.perf_counter()
            # The next frame after the handlers: wait for it, up to a few ticks.
            deadline = done + 0.2
            while time.perf_counter() < deadline and not any(s >= done for s in renders[0::2]):
                await asyncio.sleep(0.001)
            after = [
                (s, e) for s, e in zip(renders[0::2], renders[1::2], strict=False) if s >= done
            ]
            render = after[0][1] - after[0][0] if after else 0.0
            handled.append(done - start)
            painted.append(done - start + render)
            waited.append(after[0][0] - done if after else 0.0)
    return {"work": painted, "handled": handled, "tick_wait": waited, "focused": focused}


def measure(path: Path, query: str) -> dict[str, Any]:
    return asyncio.run(_type(path, query))


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2])))
