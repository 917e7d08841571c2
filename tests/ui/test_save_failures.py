"""A mission file that cannot be written, vanishes or is damaged while the app is open.

Whatever was typed stays on screen, the reason is shown as a notification, the app goes on,
and the same key saves once the file is back.
"""

from __future__ import annotations

import asyncio
import errno
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from fieldkit.storage import mission_file
from fieldkit.storage.errors import CorruptFile
from fieldkit.storage.repository import Store
from fieldkit.ui import live as live_module
from fieldkit.ui.app import FieldkitApp
from fieldkit.ui.screens.items import ItemsScreen
from fieldkit.ui.screens.meeting_room import MeetingRoom
from fieldkit.ui.screens.meetings import MeetingsScreen
from fieldkit.ui.widgets.capture_forms import ResponseCapture
from fieldkit.ui.widgets.item_list import ItemList
from fieldkit.ui.widgets.meeting_form import MeetingEditor
from fieldkit.ui.widgets.meeting_picker import MeetingPicker
from fieldkit.ui.widgets.picker import PickerScreen

from .test_meeting_room import enter_room, type_text


class ReadOnly:
    """Makes every save of the mission file fail as on a write-protected stick."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.original = mission_file.atomic_write

    def __enter__(self) -> ReadOnly:
        def refuse(*args: Any, **kwargs: Any) -> None:
            raise PermissionError(errno.EROFS, "Read-only file system")

        self.monkeypatch.setattr(mission_file, "atomic_write", refuse)
        return self

    def __exit__(self, *exc: object) -> None:
        self.monkeypatch.setattr(mission_file, "atomic_write", self.original)


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[ReadOnly]:
    yield ReadOnly(monkeypatch)


def messages(app: FieldkitApp) -> list[str]:
    return [n.message for n in app._notifications]


def test_a_note_that_cannot_be_saved_stays_typed_and_saves_later(
    app: FieldkitApp, demo_path: Path, read_only: ReadOnly
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            room = await enter_room(pilot, app)
            await type_text(pilot, "Keep every word")
            await pilot.pause(0.8)  # the draft is on disk
            with read_only:
                await pilot.press("enter")
                await pilot.pause()
                assert app.is_running and app.return_code is None
                assert room.query_one("#note-text").text == "Keep every word"  # type: ignore[attr-defined]
                assert any("could not save" in m for m in messages(app)), messages(app)
                assert "Not saved" in room.form().error
            await pilot.press("enter")  # the file is writable again: the same key saves
            await pilot.pause()
            assert room.query_one("#note-text").text == ""  # type: ignore[attr-defined]
        data = Store(demo_path).data()
        assert [n.text for n in data.notes.values()] == ["Keep every word"]
        assert not data.drafts  # the draft went with the saved note, none left behind

    asyncio.run(scenario())


def test_a_response_typed_while_the_stick_is_out_saves_when_it_is_back(
    app: FieldkitApp, demo_path: Path
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            room = await enter_room(pilot, app)
            await pilot.press("ctrl+r", "escape", "escape")  # stance and speaker kept
            await type_text(pilot, "We will consider it")
            folder = demo_path.parent
            away = folder.with_name("pulled")
            folder.rename(away)
            await pilot.press("enter", "enter", "enter", "enter", "enter")
            await pilot.pause()
            assert app.is_running and app.return_code is None
            form = room.form()
            assert isinstance(form, ResponseCapture)
            assert form.fields()["quote"] == "We will consider it"
            assert any("not there any more" in m for m in messages(app)), messages(app)
            away.rename(folder)
            await pilot.press("ctrl+s")
            await pilot.pause()
        data = Store(demo_path).data()
        assert [r.quote for r in data.responses.values()] == ["We will consider it"]

    asyncio.run(scenario())


def test_a_file_that_cannot_even_be_looked_at_does_not_stop_the_app(
    app: FieldkitApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(path: Path) -> None:
        raise OSError(errno.EIO, "Input/output error")

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await enter_room(pilot, app)
            await type_text(pilot, "Still here")
            monkeypatch.setattr(live_module, "signature", unreadable)
            await pilot.pause(1.2)  # a few rounds of the live-reload timer
            assert app.is_running and app.return_code is None
            assert isinstance(app.screen, MeetingRoom)
            assert app.screen.query_one("#note-text").text == "Still here"  # type: ignore[attr-defined]

    asyncio.run(scenario())


def test_the_meeting_form_stays_open_until_it_is_saved(
    app: FieldkitApp, demo_path: Path, read_only: ReadOnly
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("m")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, MeetingEditor)
            await pilot.press(*"Supreme Court")
            editor.query_one("#meeting-when", Input).value = "2017-04-14 16:30"
            with read_only:
                await pilot.press("ctrl+s")
                await pilot.pause()
                assert app.screen is editor
                assert editor.query_one("#meeting-title", Input).value == "Supreme Court"
                assert any("could not save" in m for m in messages(app)), messages(app)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MeetingsScreen)
        data = Store(demo_path).data()
        assert [m for m in data.meetings.values() if m.title == "Supreme Court"]

    asyncio.run(scenario())


def test_priority_and_link_failures_are_notifications(
    app: FieldkitApp, demo_path: Path, read_only: ReadOnly
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app.screen, ItemsScreen)
            with read_only:
                await pilot.press("p")
                await pilot.pause()
                assert app.is_running
                assert any("could not save" in m for m in messages(app)), messages(app)
                app.clear_notifications()
                await pilot.press("l")
                await pilot.pause()
                assert isinstance(app.screen, PickerScreen)
                await pilot.press("down", "enter")
                await pilot.pause()
                assert app.is_running and isinstance(app.screen, PickerScreen)
                assert any("could not save" in m for m in messages(app)), messages(app)
        assert Store(demo_path).data() is not None

    asyncio.run(scenario())


def test_a_damaged_file_is_named_once_with_the_restore_command(
    app: FieldkitApp, demo_path: Path
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            demo_path.write_bytes(b'{"mission": broken')
            await pilot.pause(1.2)
            [error] = [n.message for n in app._notifications if n.title == "Cannot reload"]
            try:
                Store(demo_path).data()
            except CorruptFile as exc:
                command = exc.restore_command
            assert command is not None and command.startswith("fieldkit restore --db ")
            assert command in error.splitlines()
            assert app.is_running

    asyncio.run(scenario())


async def _items_on(pilot: Pilot[None], ref: str) -> str:
    await pilot.press("i")
    await pilot.pause()
    await pilot.press("slash", *ref, " ", "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ItemsScreen)
    item_id = screen.current_item_id
    assert item_id is not None and screen.query_one(ItemList).has_focus
    return item_id


def test_record_response_from_the_items_browser_starts_on_that_item(
    app: FieldkitApp, demo_path: Path
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            item_id = await _items_on(pilot, "95.1")
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, MeetingPicker)
            await pilot.press("enter")
            await pilot.pause()
            room = app.screen
            assert isinstance(room, MeetingRoom)
            assert room.item_id == item_id and room.mode == "response"
            agenda = app.store.data().meetings[room.meeting_id].agenda
            assert item_id not in agenda, "opening the room on an item changes nothing yet"
            await pilot.press("escape", "escape")  # to the note, then out of the room
            await pilot.pause()
            assert isinstance(app.screen, ItemsScreen)
            assert app.store.data().meetings[room.meeting_id].agenda == agenda
            await pilot.press("r")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("a", "escape", *"Yes", "ctrl+s")
            await pilot.pause()
            meeting = app.store.data().meetings[room.meeting_id]
            assert meeting.agenda == (*agenda, item_id), "a response on it puts it on the agenda"
            assert not app.errors

    asyncio.run(scenario())


def test_add_note_from_the_palette_on_the_items_browser_starts_on_that_item(
    app: FieldkitApp, demo_path: Path
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            item_id = await _items_on(pilot, "95.1")
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"add note")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MeetingPicker)
            await pilot.press("enter")
            await pilot.pause()
            room = app.screen
            assert isinstance(room, MeetingRoom)
            assert room.item_id == item_id and room.mode == "note"
            await type_text(pilot, "Raised off the agenda")
            await pilot.press("enter")
            await pilot.pause()
        data = Store(demo_path).data()
        [note] = data.notes.values()
        assert note.item_id == item_id and note.text == "Raised off the agenda"
        assert item_id in data.meetings[note.meeting_id].agenda

    asyncio.run(scenario())
