"""The new-meeting form: starts on the app's today, typing replaces the day, and a new
institution's type and a new person's title are set in brackets."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from fieldkit.domain.vocab import InstitutionType
from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp
from fieldkit.ui.widgets.meeting_form import MeetingEditor


def test_a_new_meeting_on_today_with_types_and_titles(app: FieldkitApp, demo_path: Path) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("m")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, MeetingEditor)
            when = editor.query_one("#meeting-when", Input)
            assert when.value == "2017-04-12 09:00"  # the app's today, not the mission's first
            await pilot.press(*"Bar Association", "enter")
            await pilot.press(*"2017-04-13 15:00", "enter")
            assert when.value == "2017-04-13 15:00"  # replaced, not appended
            await pilot.press("enter", *"Union of Lawyers (ngo)", "enter")
            await pilot.press(*"Aigul Sadykova (Chair)", "enter", "enter", "enter", "enter")
            await pilot.pause()
            assert not isinstance(app.screen, MeetingEditor)

        data = Store(demo_path).data()
        [meeting] = [m for m in data.meetings.values() if m.title == "Bar Association"]
        assert meeting.starts_at == "2017-04-13T15:00"
        [union] = [data.institutions[i] for i in meeting.institution_ids]
        assert (union.name, union.type) == ("Union of Lawyers", InstitutionType.NGO)
        [chair] = [data.people[p] for p in meeting.person_ids]
        assert (chair.name, chair.title, chair.institution_id) == (
            "Aigul Sadykova",
            "Chair",
            union.id,
        )

    asyncio.run(scenario())


def test_the_list_opens_on_today_and_cancelling_a_meeting_with_records_asks(
    app: FieldkitApp, demo_path: Path
) -> None:
    from fieldkit.domain.vocab import MeetingStatus
    from fieldkit.ui.screens.meetings import MeetingsScreen
    from fieldkit.ui.widgets.meeting_picker import ConfirmDelete

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("m")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MeetingsScreen)
            data = app.store.data()
            meeting = data.meetings[screen.highlighted_id() or ""]
            assert meeting.day == "2017-04-12"  # the app's today
            assert all(m.day < "2017-04-12" or m.starts_at >= meeting.starts_at
                       for m in data.meetings.values())  # fmt: skip
            await pilot.press("enter", *"Said in the meeting", "enter", "escape")
            await pilot.pause()
            assert isinstance(app.screen, MeetingsScreen)
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDelete)
            await pilot.press("n")
            await pilot.pause()
            assert app.store.data().meetings[meeting.id].status is MeetingStatus.PLANNED
            await pilot.press("c")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert app.store.data().meetings[meeting.id].status is MeetingStatus.CANCELLED
            await pilot.press("c")  # one key puts it back
            await pilot.pause()
            assert app.store.data().meetings[meeting.id].status is MeetingStatus.PLANNED

    asyncio.run(scenario())


def test_todays_meetings_are_one_enter_from_their_room(app: FieldkitApp) -> None:
    from fieldkit.ui.screens.meeting_room import MeetingRoom
    from fieldkit.ui.widgets.capture import NoteCapture

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("tab", "down", "enter")
            await pilot.pause()
            room = app.screen
            assert isinstance(room, MeetingRoom)
            todays = [m for m in app.data.meetings_in_order if m.day == "2017-04-12"]
            assert room.meeting_id == todays[1].id
            assert app.focused is room.query_one(NoteCapture).text_area

    asyncio.run(scenario())


def test_home_and_end_reach_the_first_and_last_meeting(app: FieldkitApp) -> None:
    from fieldkit.ui.screens.meetings import MeetingsScreen

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("m")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MeetingsScreen)
            order = [m.id for m in app.data.meetings_in_order]
            await pilot.press("end")
            assert screen.highlighted_id() == order[-1]
            await pilot.press("home")
            assert screen.highlighted_id() == order[0]

    asyncio.run(scenario())
