"""How the dashboard and the items browser look at 80x24 and 120x40 (fixed data and day)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from fieldkit.storage.repository import Store
from fieldkit.ui.app import make_app
from tests.ui.conftest import TODAY

SIZES = [(80, 24), (120, 40)]
Steps = Callable[[Pilot[None]], Awaitable[None]]


def keys(*pressed: str) -> Steps:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.pause()
        for key in pressed:
            await pilot.press(key)
        await pilot.pause(0.8)  # the detail and its suggestions come once the cursor rests
        await pilot.app.workers.wait_for_complete()  # suggestions are found in a thread
        await pilot.pause()
        pilot.app.clear_notifications()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False  # a blinking cursor would make the picture random
        await pilot.pause()

    return run


SCREENS: dict[str, Steps] = {
    "dashboard": keys(),
    "items": keys("i"),
    "items_filtered": keys("slash", *"torture", "enter", "down"),
    "item_reading": keys("i", "down", "enter"),
    "facets": keys("i", "f"),
    "link": keys("i", "down", "l"),
    "help": keys("i", "question_mark"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_snapshot(snap_compare: Any, demo_store: Store, screen: str, size: tuple[int, int]) -> None:
    app = make_app(demo_store, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen])


def test_snapshot_light_theme(snap_compare: Any, demo_store: Store) -> None:
    app = make_app(demo_store, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("ctrl+t", "i"))
