"""A mission with nothing in it yet opens, and every screen says so in words."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import DataTable

from fieldkit.domain.mission import Mission
from fieldkit.storage.repository import Store
from fieldkit.ui.app import make_app
from fieldkit.ui.screens.items import ItemsScreen
from fieldkit.ui.widgets.item_list import ItemList
from tests.ui.conftest import TODAY


def test_an_empty_mission_opens_and_says_so(tmp_path: Path) -> None:
    store = Store(tmp_path / "m.json")
    store.create(Mission(name="New mission", country="Kazakhstan"))
    app = make_app(store, today=TODAY)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            table = app.screen.query_one("#dash-priorities", DataTable)
            assert "No priority items yet" in " ".join(map(str, table.get_row_at(0)))
            await pilot.press("enter", "i")
            await pilot.pause()
            assert isinstance(app.screen, ItemsScreen)
            listing = app.screen.query_one(ItemList)
            assert listing.shown == [] and listing.current_id is None
            await pilot.press("p", "l", "enter", "f", "escape", "slash", *"x", "escape")
            await pilot.pause()
            assert app.is_running
            assert [str(e) for e in app.errors] == ["No item under the cursor."] * 2

    asyncio.run(scenario())
