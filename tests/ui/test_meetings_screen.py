"""The meetings screen: schedule by day, create and edit meetings, mark held; and snapshots."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from fieldkit.domain.vocab import MeetingStatus
from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp, make_app
from fieldkit.ui.screens.meeting_room import MeetingRoom
from fieldkit.ui.screens.meetings import MeetingsScreen
from fieldkit.ui.widgets.meeting_form import MeetingEditor, NameListSuggester
from tests.ui.conftest import TODAY


async def open_meetings(pilot: Pilot[None], app: FieldkitApp) -> MeetingsScreen:
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(app.screen, MeetingsScreen)
    return app.screen


def test_the_schedule_lists_every_meeting_by_day(app: FieldkitApp) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_meetings(pilot, app)
            table = screen.query_one("#schedule", DataTable)
            data = app.store.data()
            assert table.row_count == len(data.meetings)
            days = [str(table.get_cell_at((r, 0))) for r in range(table.row_count)]
            assert days[:5] == ["Tue 11 Apr", "", "", "", "Wed 12 Apr"]
            today = [m for m in data.meetings_in_order if m.day == "2017-04-12"]
            assert screen.highlighted_id() == today[0].id  # it opens on the app's today

    asyncio.run(scenario())


def test_new_meeting_grows_the_directory_and_defaults_to_the_priorities(
    app: FieldkitApp, demo_path: Path
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_meetings(pilot, app)
            await pilot.press("n")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, MeetingEditor)
            assert editor.query_one("#meeting-agenda", Input).value == "CCPR-18, CCPR-24, CCPR-54"
            await pilot.press(*"Supreme Court", "enter")
            when = editor.query_one("#meeting-when", Input)
            when.value = "2017-04-14 16:30"
            await pilot.press("enter", *"Room 3", "enter")
            await pilot.press(*"Supreme Court of Kazakhstan, General Pro")
            await pilot.press("right")  # accept the completion
            await pilot.press("enter", *"Judge New", "enter", "enter", "enter", "enter")
            await pilot.pause()
            assert isinstance(app.screen, MeetingsScreen)
        data = Store(demo_path).data()
        [meeting] = [m for m in data.meetings.values() if m.title == "Supreme Court"]
        assert meeting.starts_at == "2017-04-14T16:30"
        assert meeting.place == "Room 3"
        names = [data.institutions[i].name for i in meeting.institution_ids]
        assert names == ["Supreme Court of Kazakhstan", "General Prosecutor's Office"]
        [judge] = [data.people[p] for p in meeting.person_ids]
        assert judge.name == "Judge New" and judge.institution_id is None
        assert [data.items[i].short_ref for i in meeting.agenda] == [
            "CCPR-18",
            "CCPR-24",
            "CCPR-54",
        ]
        assert meeting.author == "Test Delegate"

    asyncio.run(scenario())


def test_a_bad_form_says_why_and_saves_nothing(app: FieldkitApp, demo_path: Path) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_meetings(pilot, app)
            await pilot.press("e")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, MeetingEditor)
            editor.query_one("#meeting-agenda", Input).value = "CCPR-99"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MeetingEditor)
            assert "CCPR-99" in str(editor.query_one("#form-error").render())
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MeetingsScreen)

    before = demo_path.read_bytes()
    asyncio.run(scenario())
    assert demo_path.read_bytes() == before


def test_mark_held_and_cancelled_and_back(app: FieldkitApp, demo_path: Path) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_meetings(pilot, app)
            await pilot.press("down", "h")
            await pilot.pause()
            chosen = screen.highlighted_id() or ""
            assert Store(demo_path).data().meetings[chosen].status is MeetingStatus.HELD
            await pilot.press("c")
            await pilot.pause()
            assert Store(demo_path).data().meetings[chosen].status is MeetingStatus.CANCELLED
            await pilot.press("c")
            await pilot.pause()
            assert Store(demo_path).data().meetings[chosen].status is MeetingStatus.PLANNED
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MeetingRoom) and app.screen.meeting_id == chosen

    asyncio.run(scenario())


def test_names_complete_from_the_directory() -> None:
    suggester = NameListSuggester(["Ministry of Justice", "Ministry of Interior", "Ombudsman"])

    async def ask(value: str) -> str | None:
        return await suggester.get_suggestion(value)

    assert asyncio.run(ask("Omb")) == "Ombudsman"
    assert asyncio.run(ask("Ombudsman, ministry of j")) == "Ombudsman, ministry of justice"
    assert asyncio.run(ask("Ministry of Justice, Ministry")) == (
        "Ministry of Justice, Ministry of Interior"
    )
    assert asyncio.run(ask("Ombudsman, ")) is None


# -- snapshots ----------------------------------------------------------------------------


def _app(path: Path) -> FieldkitApp:
    return make_app(Store(path), today=TODAY)


async def _to_meetings(pilot: Pilot[Any]) -> None:
    await pilot.press("m")
    await pilot.pause()


async def _to_room(pilot: Pilot[Any]) -> None:
    await pilot.press("m")
    await pilot.pause()
    await pilot.press("home", "down", "enter")
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.press(*"Denied")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_meetings(snap_compare: Any, demo_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(_app(demo_path), terminal_size=size, run_before=_to_meetings)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_meeting_room(snap_compare: Any, demo_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(_app(demo_path), terminal_size=size, run_before=_to_room)


def test_the_detail_shows_what_was_said_in_words(demo_path: Path) -> None:
    from fieldkit.domain.grades import Grade
    from fieldkit.domain.meetings import Note, Response
    from fieldkit.domain.vocab import Stance

    store = Store(demo_path)
    first = store.data().meetings_in_order[0]
    store.save(
        Response(
            meeting_id=first.id,
            item_id=first.agenda[1],
            stance=Stance.UNDER_CONSIDERATION,
            grade=Grade.B2,
            quote="We are studying it",
        ),
        Note(meeting_id=first.id, item_id=first.agenda[1], text="x"),
    )

    async def scenario() -> None:
        app = make_app(store, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_meetings(pilot, app)
            await pilot.press("home")  # the first meeting (the list opens on today)
            shown = str(screen.query_one("#meeting-detail").render())
            assert "Captured: 1 note, 1 response, 0 follow-ups" in shown
            assert 'CCPR-24: under consideration, grade B2 "We are studying it"' in shown

    asyncio.run(scenario())
