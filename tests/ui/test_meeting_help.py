"""Help in the meeting room: `?` in an empty box and F1 anywhere show the keys; a `?` typed
after text is text. Escape goes back one step at a time and says where it leads."""

from __future__ import annotations

import asyncio

from fieldkit.ui.app import FieldkitApp
from fieldkit.ui.screens.help import HelpScreen
from fieldkit.ui.screens.meeting_room import MeetingRoom
from fieldkit.ui.widgets.capture import NoteCapture
from fieldkit.ui.widgets.capture_forms import ResponseCapture


async def _room(app: FieldkitApp, pilot: object) -> MeetingRoom:
    await pilot.press("m")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("home", "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, MeetingRoom)
    return app.screen


def test_question_mark_in_an_empty_box_shows_the_keys_and_is_text_after_words(
    app: FieldkitApp,
) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            room = await _room(app, pilot)
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            keys = " ".join(f"{key} {said}" for key, said in app.screen.rows)
            for said in (
                "Choose the kind of note",
                "Choose who spoke",
                "Put back the last note or response deleted",
                "Edit the highlighted note",
                "Delete the highlighted note",
                "a accepts, p partially accepts",
                "f1",
            ):
                assert said.casefold() in keys.casefold(), said
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is room
            await pilot.press(*"Why", "question_mark")
            assert room.query_one(NoteCapture).text_area.text == "Why?"
            await pilot.press("ctrl+r", "escape", "escape", "question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert room.query_one(ResponseCapture).input("quote").value == ""

    asyncio.run(scenario())


def test_escape_from_the_notes_list_goes_back_to_the_note_not_out(app: FieldkitApp) -> None:
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(str(message)), notify(message, **kw))[1]  # type: ignore[method-assign]

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            room = await _room(app, pilot)
            await pilot.press(*"First", "enter")
            await pilot.press("shift+tab")
            await pilot.pause()
            assert app.focused is room.query_one("#captured")
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is room
            assert app.focused is room.query_one(NoteCapture).text_area
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is not room
            assert any("Left the meeting room" in message for message in said)

    asyncio.run(scenario())


def test_a_draft_saved_while_typing_redraws_nothing_but_the_next_item_does(
    app: FieldkitApp,
) -> None:
    """The room's state is `item_id` and `mode`; the agenda is drawn again only when what it
    shows changes, not at every draft autosave."""
    from fieldkit.ui import drafts
    from fieldkit.ui.widgets.room_panes import AgendaList

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            room = await _room(app, pilot)
            agenda = room.query_one(AgendaList)
            drawn: list[str | None] = []
            show = agenda.show
            agenda.show = lambda lines, item_id: (drawn.append(item_id), show(lines, item_id))[1]  # type: ignore[method-assign]
            await pilot.press(*"The deputy said")
            await pilot.pause(drafts.DELAY + 0.4)
            assert app.store.data().drafts, "the draft was saved"
            assert drawn == []
            first = room.item_id
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert room.item_id != first
            assert agenda.highlighted == 1
            await pilot.press("enter")  # the note on the second item: the agenda says "noted"
            await pilot.pause()
            assert drawn == [room.item_id]

    asyncio.run(scenario())


def test_a_key_that_picks_nothing_goes_on_into_the_text(app: FieldkitApp) -> None:
    """No keystroke is swallowed by a row of choices: a character that is not one of its
    letters closes it and is typed; Enter only closes it; F3 asks the next question."""

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            room = await _room(app, pilot)
            note = room.query_one(NoteCapture)
            await pilot.press("f4", "z", *"ero")  # no limb z here: it is text
            assert note.text_area.text == "zero"
            await pilot.press("f5", "enter")  # Enter closes the row, saves nothing
            await pilot.pause()
            assert note.text_area.text == "zero" and not app.store.data().notes
            await pilot.press("f2", "f3", "o", "enter")  # kind row, then the speaker's
            await pilot.pause()
            [saved] = app.store.data().notes.values()
            assert saved.text == "zero" and saved.speaker_id is not None
            await pilot.press("ctrl+r", *"Yes")  # typing at once: the questions give way
            await pilot.pause()
            assert room.query_one(ResponseCapture).input("quote").value == "Yes"

    asyncio.run(scenario())
