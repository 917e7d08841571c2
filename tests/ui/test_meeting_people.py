"""People in the room: a delegate speaks, someone new speaks; neither leaves the room."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp
from fieldkit.ui.screens.meeting_room import MeetingRoom
from fieldkit.ui.widgets.meeting_form import PersonEditor


def test_a_delegate_and_a_new_person_as_speakers(app: FieldkitApp, demo_path: Path) -> None:
    async def scenario() -> str:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("m")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            room = app.screen
            assert isinstance(room, MeetingRoom)
            await pilot.press("f3", "k", *"We asked about para 24", "enter")  # k: Kote
            await pilot.press("f3", "plus")
            await pilot.pause()
            assert isinstance(app.screen, PersonEditor)
            await pilot.press(*"Aliya Nurlanovna", "enter", *"Adviser", "enter")
            await pilot.press(*"Prison Service", "enter", *"government", "enter")
            await pilot.pause()
            assert app.screen is room
            assert app.focused is room.form().text_area  # type: ignore[attr-defined]
            await pilot.press(*"Inspections are unannounced", "enter")
            await pilot.pause()
            return room.meeting_id

    meeting_id = asyncio.run(scenario())
    data = Store(demo_path).data()
    first, second = sorted(data.notes_in(meeting_id), key=lambda n: n.created_at)
    kote = data.people[first.speaker_id or ""]
    assert kote.name == "Kote Vardzelashvili"
    assert data.institutions[kote.institution_id or ""].name == "Delegation"
    aliya = data.people[second.speaker_id or ""]
    assert (aliya.name, aliya.title) == ("Aliya Nurlanovna", "Adviser")
    prison = data.institutions[aliya.institution_id or ""]
    assert (prison.name, prison.type.value) == ("Prison Service", "government")
    assert aliya.id in data.meetings[meeting_id].person_ids
