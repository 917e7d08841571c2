"""The meeting room driven by keys, then checked in the mission file through a fresh Store."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList

from fieldkit.domain.grades import Grade
from fieldkit.domain.vocab import Confidentiality, Implementation, MeetingStatus, NoteKind, Stance
from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp
from fieldkit.ui.screens.meeting_room import MeetingRoom, open_capture
from fieldkit.ui.screens.meetings import MeetingsScreen
from fieldkit.ui.widgets.capture import NoteCapture
from fieldkit.ui.widgets.capture_forms import ActionCapture, ResponseCapture
from fieldkit.ui.widgets.meeting_picker import ConfirmDelete, MeetingPicker


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[" " if c == " " else c for c in text])


async def enter_room(pilot: Pilot[None], app: FieldkitApp) -> MeetingRoom:
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(app.screen, MeetingsScreen)
    await pilot.press("home", "enter")  # the first meeting (the list opens on today)
    await pilot.pause()
    assert isinstance(app.screen, MeetingRoom)
    return app.screen


def test_a_whole_meeting_by_keys(app: FieldkitApp, demo_path: Path) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            room = await enter_room(pilot, app)
            data = app.store.data()
            meeting = data.meetings[room.meeting_id]
            first, second = meeting.agenda[0], meeting.agenda[1]
            assert room.item_id == first
            assert isinstance(app.focused, type(room.query_one("#note-text")))

            await type_text(pilot, "No inquiry needed")
            await pilot.press("enter")
            await pilot.press("f2", "c", "f3", "o")  # commitment, by the Ombudsman (o)
            await type_text(pilot, "We will publish")
            await pilot.press("enter")
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert room.item_id == second
            await pilot.press("f2", "q", "f5", "c")  # question, confidential
            await type_text(pilot, "Who visits?")
            await pilot.press("enter")

            await pilot.press("ctrl+r")  # asks the stance, then the speaker
            await pilot.press("p", "escape", "f6", "p")  # partially accepts, partially implemented
            await pilot.pause()
            assert isinstance(app.focused.parent.parent, ResponseCapture)  # type: ignore[union-attr]
            await type_text(pilot, "Working on it")
            await pilot.press("enter")
            await type_text(pilot, "b2")
            await pilot.press("enter")
            await type_text(pilot, "New law")
            await pilot.press("enter")
            await type_text(pilot, "2017-12-31")
            await pilot.press("enter", "enter")  # remark left empty; Enter saves

            await pilot.press("ctrl+o")
            await type_text(pilot, "Send report")
            await pilot.press("enter")
            await type_text(pilot, "Kote")
            await pilot.press("enter")
            await type_text(pilot, "2017-05-01")
            await pilot.press("enter")
            await pilot.press("ctrl+b")
            await pilot.press("f9")
            await pilot.pause()
            assert room.item_id == first
            assert app.errors == []

        fresh = Store(demo_path).data()
        notes = fresh.notes_in(meeting.id)
        assert [(n.kind, n.item_id, n.text) for n in notes] == [
            (NoteKind.STATEMENT, first, "No inquiry needed"),
            (NoteKind.COMMITMENT, first, "We will publish"),
            (NoteKind.QUESTION, second, "Who visits?"),
        ]
        assert notes[0].speaker_id is None
        assert notes[1].speaker_id == meeting.person_ids[0]
        assert notes[2].confidentiality is Confidentiality.CONFIDENTIAL
        assert {n.author for n in notes} == {"Test Delegate"}
        [response] = fresh.responses_in(meeting.id)
        assert response.item_id == second
        assert response.stance is Stance.PARTIALLY_ACCEPTS
        assert response.implementation is Implementation.PARTIALLY
        assert response.grade is Grade.B2
        assert response.quote == "Working on it"
        assert response.commitment == "New law"
        assert response.deadline == "2017-12-31"
        assert response.author == "Test Delegate"
        [action] = [a for a in fresh.actions.values() if a.meeting_id == meeting.id]
        assert (action.item_id, action.text, action.owner, action.due) == (
            second,
            "Send report",
            "Kote",
            "2017-05-01",
        )
        assert fresh.meetings[meeting.id].status is MeetingStatus.HELD
        assert not fresh.drafts, "saving a record removes its draft"

    asyncio.run(scenario())


def test_bad_grade_or_date_is_refused_in_place(app: FieldkitApp, demo_path: Path) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            room = await enter_room(pilot, app)
            await pilot.press("ctrl+r", "escape", "escape")
            await type_text(pilot, "Maybe")
            await pilot.press("enter")
            await type_text(pilot, "Z")
            await pilot.press("ctrl+s")
            await pilot.pause()
            form = room.query_one(ResponseCapture)
            assert "Unknown grade 'Z'" in form.error
            assert form.input("quote").value == "Maybe"
        assert not Store(demo_path).data().responses

    asyncio.run(scenario())


def test_jump_to_any_item_by_reference(app: FieldkitApp, demo_path: Path) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            room = await enter_room(pilot, app)
            await pilot.press("ctrl+g")
            await type_text(pilot, "95.42")
            await pilot.press("enter")
            await pilot.pause()
            item = app.store.data().items[room.item_id or ""]
            assert item.reference == "95.42"
            assert app.focused is room.query_one("#note-text")
        meeting = Store(demo_path).data().meetings[room.meeting_id]
        assert meeting.agenda[-1] == item.id, "an item raised off the agenda joins it"

    asyncio.run(scenario())


def test_edit_delete_and_undo_a_note(app: FieldkitApp, demo_path: Path) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            room = await enter_room(pilot, app)
            await type_text(pilot, "Frist draft")
            await pilot.press("enter")
            await pilot.pause()
            [note] = app.store.data().notes.values()
            captured = room.query_one("#captured", OptionList)
            captured.focus()
            captured.highlighted = 0
            await pilot.press("e")
            await pilot.pause()
            form = room.query_one(NoteCapture)
            assert form.editing == note.id
            assert form.text_area.text == "Frist draft"
            form.text_area.text = "First draft"
            form.focus_text()
            await pilot.press("enter")
            await pilot.pause()
            [edited] = app.store.data().notes.values()
            assert (edited.id, edited.text, edited.author) == (note.id, "First draft", note.author)
            assert edited.created_at == note.created_at

            captured.focus()
            await pilot.press("e")
            await pilot.press("escape")  # an edit abandoned: the room stays, the note is intact
            await pilot.pause()
            assert app.screen is room and form.editing is None and form.text_area.text == ""
            assert app.store.data().notes[note.id].text == "First draft"

            captured.focus()
            captured.highlighted = 0
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDelete)
            await pilot.press("n")
            await pilot.pause()
            assert len(app.store.data().notes) == 1
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert not Store(demo_path).data().notes
            await pilot.press("f8")  # undo, from the note text
            await pilot.pause()
            assert list(Store(demo_path).data().notes) == [note.id]
            assert room.query_one(NoteCapture).text_area.text == ""

    asyncio.run(scenario())


def test_add_note_from_anywhere_preselects_the_sensible_meeting(
    app: FieldkitApp, demo_path: Path
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            from datetime import datetime

            open_capture(app, app.store, "response", datetime(2017, 4, 12, 11, 30))
            await pilot.pause()
            assert isinstance(app.screen, MeetingPicker)
            await pilot.press("enter")
            await pilot.pause()
            room = app.screen
            assert isinstance(room, MeetingRoom)
            meeting = app.store.data().meetings[room.meeting_id]
            assert meeting.title == "Investigation Department"  # 11:00 on 12 April
            assert room.mode == "response"
            assert isinstance(app.focused, type(room.query_one(ResponseCapture).input("quote")))
            await pilot.press("ctrl+o")
            assert room.query_one(ActionCapture).input("text").has_focus

    asyncio.run(scenario())


def test_palette_add_note_lands_in_the_capture_area(app: FieldkitApp) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+p")
            await type_text(pilot, "add note")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MeetingPicker)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MeetingRoom)
            await type_text(pilot, "The deputy minister said")
            assert app.screen.query_one(NoteCapture).text_area.text == "The deputy minister said"

    asyncio.run(scenario())


def test_a_meeting_without_agenda_still_takes_notes(demo_path: Path) -> None:
    from fieldkit.domain.meetings import Meeting
    from fieldkit.ui.app import make_app
    from tests.ui.conftest import TODAY

    store = Store(demo_path)
    bare = Meeting(title="Unplanned chat", starts_at="2017-04-12T18:00")
    store.save(bare)

    async def scenario() -> None:
        app = make_app(store, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(MeetingRoom(bare.id))
            await pilot.pause()
            room = app.screen
            assert isinstance(room, MeetingRoom) and room.item_id is None
            assert "agenda is empty" in str(room.query_one("#item-text").render())
            await type_text(pilot, "General remarks")
            await pilot.press("enter", "ctrl+r", "a", "escape")
            await type_text(pilot, "Yes")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "one item" in room.query_one(ResponseCapture).error

    asyncio.run(scenario())
    fresh = Store(demo_path).data()
    [note] = fresh.notes_in(bare.id)
    assert note.item_id is None and note.text == "General remarks"
    assert not fresh.responses_in(bare.id)


def test_every_demo_meeting_opens_readable_at_80x24(app: FieldkitApp) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            data = app.store.data()
            for meeting in data.meetings_in_order:
                app.push_screen(MeetingRoom(meeting.id))
                await pilot.pause()
                room = app.screen
                assert isinstance(room, MeetingRoom)
                agenda = room.query_one("#agenda", OptionList)
                assert agenda.option_count == len(meeting.agenda) > 0
                assert agenda.region.width >= 18 and agenda.region.height >= 3
                shown = str(room.query_one("#item-text").render())
                first = data.items[meeting.agenda[0]]
                assert first.text.split()[0] in shown
                assert room.query_one("#item-pane").region.height >= 8
                await pilot.press("escape")
                await pilot.pause()
            assert app.errors == []

    asyncio.run(scenario())
