"""The dashboard: the mission, its priorities with stance in words, the day, the counts."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

from fieldkit.domain.meetings import Response
from fieldkit.domain.vocab import Stance
from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp
from fieldkit.ui.screens.exports import ExportScreen
from fieldkit.ui.screens.items import ItemsScreen
from fieldkit.ui.widgets.item_list import ItemList


def test_dashboard_shows_priorities_today_and_counts(app: FieldkitApp) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            table = app.screen.query_one("#dash-priorities", DataTable)
            refs = [str(table.get_row_at(n)[1]) for n in range(table.row_count)]
            assert refs == ["CCPR-18", "CCPR-24", "CCPR-54"]
            assert all("no response yet" in map(str, table.get_row_at(n)) for n in range(3))
            today = str(app.screen.query_one("#dash-today", Static).render())
            rooms = app.screen.query_one("#dash-rooms", OptionList)
            lines = [str(rooms.get_option_at_index(n).prompt) for n in range(rooms.option_count)]
            assert "Today, 12 April 2017:" in today and lines[-1].startswith("Next:")
            counts = str(app.screen.query_one("#dash-counts", Static).render())
            assert counts == "325 items · 0 notes · 0 responses · 0 open follow-ups"

    asyncio.run(scenario())


def test_enter_on_a_priority_opens_it_in_the_items_browser(app: FieldkitApp) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("down", "enter")
            await pilot.pause()
            assert isinstance(app.screen, ItemsScreen)
            listing = app.screen.query_one(ItemList)
            assert app.data.items[listing.current_id or ""].short_ref == "CCPR-24"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("slash", *"95.42", "enter")  # the filter hides CCPR-24 ...
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("enter")  # ... so opening it again clears the filter
            await pilot.pause()
            assert app.data.items[listing.current_id or ""].short_ref == "CCPR-24"
            assert app.errors == []

    asyncio.run(scenario())


def test_stance_recorded_in_the_app_shows_in_words(app: FieldkitApp, demo_store: Store) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            data = app.data
            item = data.priorities[2]
            meeting = data.meetings_in_order[0]
            await app.save(
                Response(meeting_id=meeting.id, item_id=item.id, stance=Stance.PARTIALLY_ACCEPTS)
            )
            await pilot.pause()
            table = app.screen.query_one("#dash-priorities", DataTable)
            assert "partially accepts" in map(str, table.get_row_at(2))

    asyncio.run(scenario())


def test_export_debrief_from_the_palette(
    app: FieldkitApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+p", *"Export debrief")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen)
            await pilot.press("enter")
            for _ in range(100):
                await pilot.pause(0.1)
                if not isinstance(app.screen, ExportScreen):
                    break
            assert app.errors == []
            assert any("Wrote" in n.message for n in app._notifications)

    asyncio.run(scenario())
    written = tmp_path / "exports" / "debrief.docx"
    assert written.is_file() and written.stat().st_size > 1000


def test_a_factsheet_needs_a_theme(app: FieldkitApp, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(ExportScreen("factsheet", app.data))
            await pilot.pause()
            out = app.screen.query_one("#export-out")
            out.value = str(tmp_path / "f.docx")  # type: ignore[attr-defined]
            await pilot.press("enter")
            for _ in range(30):
                await pilot.pause(0.1)
                if app.errors:
                    break
            assert isinstance(app.screen, ExportScreen)  # the form stays for a correction
            assert [str(e) for e in app.errors] == ["Name a theme for the factsheet, e.g. Torture."]
        assert not (tmp_path / "f.docx").exists()

    asyncio.run(scenario())


def test_priorities_reorder_from_the_dashboard(app: FieldkitApp, demo_store: Store) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("right_square_bracket")  # CCPR-18 down one
            await pilot.pause()
            table = app.screen.query_one("#dash-priorities", DataTable)
            refs = [str(table.get_row_at(n)[1]) for n in range(table.row_count)]
            assert refs == ["CCPR-24", "CCPR-18", "CCPR-54"]
            assert table.cursor_row == 1  # the cursor went with the item
            await pilot.press("left_square_bracket", "left_square_bracket")
            await pilot.pause()
            stored = [i.short_ref for i in Store(demo_store.path).data().priorities]
            assert stored == ["CCPR-18", "CCPR-24", "CCPR-54"]
            assert app.errors == []

    asyncio.run(scenario())


def test_e_offers_the_three_exports(app: FieldkitApp) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("e", "down", "enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen) and app.screen.kind == "factsheet"
            await pilot.press(*"Torture and other")
            await pilot.pause()
            out = app.screen.query_one("#export-out", Input).value
            assert out.endswith("factsheet-torture-and-other.docx")
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "DashboardScreen"

    asyncio.run(scenario())
