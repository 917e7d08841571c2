"""The app shell: opens on the dashboard, keys, help, palette, live reload, errors."""

from __future__ import annotations

import asyncio

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable

from fieldkit.domain.meetings import Response
from fieldkit.domain.vocab import Stance
from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp
from fieldkit.ui.palette import offered
from fieldkit.ui.screens.dashboard import DashboardScreen
from fieldkit.ui.screens.help import HelpScreen


def test_opens_on_the_dashboard_and_q_quits(app: FieldkitApp) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            assert isinstance(app.screen, DashboardScreen)
            await pilot.press("q")
            await pilot.pause()
        assert app.return_code == 0
        assert app.errors == []

    asyncio.run(scenario())


def test_question_mark_lists_the_keys_of_the_screen(app: FieldkitApp) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            described = [d for _, d in app.screen.rows]
            keys = dict(app.screen.rows)
            assert keys["/"] == "Filter the items as you type"
            assert "q" in [k for row in keys for k in row.split()]
            assert "Focus Next" not in described
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)

    asyncio.run(scenario())


def test_palette_finds_the_named_commands(app: FieldkitApp) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            names = {c.name for c in offered(app.screen)}
            assert {"Add note", "Record response", "Export debrief", "Export factsheet"} <= names
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"debrief")
            await pilot.pause(0.3)
            shown = str(app.screen.query_one("CommandList").get_option_at_index(0).prompt)
            assert "Export debrief" in shown

    asyncio.run(scenario())


def test_a_response_written_elsewhere_shows_without_a_key(
    app: FieldkitApp, demo_store: Store
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            table = app.screen.query_one("#dash-priorities", DataTable)
            assert "no response yet" in str(table.get_row_at(1))
            table.move_cursor(row=1)
            data = demo_store.data()
            item = data.priorities[1]
            meeting = data.meetings_in_order[0]
            other = Store(demo_store.path)  # another process, as far as the app can tell
            other.save(Response(meeting_id=meeting.id, item_id=item.id, stance=Stance.REJECTS))
            for _ in range(30):
                await pilot.pause(0.1)
                if "rejects" in str(table.get_row_at(1)):
                    break
            assert "rejects" in str(table.get_row_at(1))
            assert table.cursor_row == 1

    asyncio.run(scenario())


def test_a_failing_command_becomes_a_notification(
    app: FieldkitApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(self: object, kind: str) -> None:
        raise RuntimeError("something broke")

    monkeypatch.setattr(FieldkitApp, "action_export", boom)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+p", *"Export debrief")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, DashboardScreen)
            assert [str(e) for e in app.errors] == ["something broke"]
            assert any("something broke" in n.message for n in app._notifications)

    asyncio.run(scenario())


def test_a_failing_key_becomes_a_notification(
    app: FieldkitApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(self: object) -> None:
        raise ValueError("that item does not exist")

    monkeypatch.setattr(DashboardScreen, "action_open_item", explode, raising=True)

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await app.run_action("screen.open_item")
            await pilot.press("i")  # still answers keys
            await pilot.pause()
            assert app.is_running
            assert [str(e) for e in app.errors] == ["that item does not exist"]

    asyncio.run(scenario())


def test_a_damaged_file_keeps_the_last_good_data_on_screen(
    app: FieldkitApp, demo_store: Store
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            before = app.data
            demo_store.path.write_text('{"items": {"1": ', encoding="utf-8")
            for _ in range(20):
                await pilot.pause(0.1)
                if app._notifications:
                    break
            assert app.is_running and app.data is before
            [note] = list(app._notifications)
            assert note.title == "Cannot reload" and note.severity == "error"
            assert isinstance(app.screen, DashboardScreen)

    asyncio.run(scenario())


def test_slash_from_the_help_screen_goes_to_the_filter(app: FieldkitApp) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("question_mark", "slash")
            await pilot.pause()
            assert type(app.screen).__name__ == "ItemsScreen"
            assert app.focused is not None and app.focused.id == "items-filter"
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)

    asyncio.run(scenario())


def test_a_failing_handler_leaves_the_app_and_the_widget_working(
    app: FieldkitApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(self: object) -> None:
        raise KeyError("no such item")

    monkeypatch.setattr(DashboardScreen, "action_open_item", explode)  # under a row handler

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running
            assert [type(e) for e in app.errors] == [KeyError]
            table = app.screen.query_one("#dash-priorities", DataTable)
            await pilot.press("down")  # the table still answers
            await pilot.pause()
            assert table.cursor_row == 1
            await pilot.press("enter")
            await pilot.pause()
            assert len(app.errors) == 2

    asyncio.run(scenario())


def test_ctrl_t_switches_light_and_dark(app: FieldkitApp) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            first = app.theme
            await pilot.press("ctrl+t")
            assert app.theme != first and app.theme in ("textual-light", "textual-dark")
            await pilot.press("ctrl+t")
            assert app.theme == first

    asyncio.run(scenario())


def test_a_change_read_first_by_another_screen_still_reaches_every_screen(
    app: FieldkitApp, demo_store: Store
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            data = app.data
            Store(demo_store.path).save(
                Response(
                    meeting_id=data.meetings_in_order[0].id,
                    item_id=data.priorities[0].id,
                    stance=Stance.DISPUTES_FACTS,
                )
            )
            app.store.data()  # e.g. a capture form reading the store for itself
            for _ in range(30):
                await pilot.pause(0.1)
                if app.data.responses:
                    break
            assert len(app.data.responses) == 1

    asyncio.run(scenario())
