"""Nothing typed in a meeting is lost: drafts reach the file while typing and come back."""

from __future__ import annotations

import asyncio
from pathlib import Path

import orjson

from fieldkit.domain.drafts import describe, drafts_of
from fieldkit.domain.meetings import Draft
from fieldkit.storage.backups import list_backups
from fieldkit.storage.repository import Store
from fieldkit.ui import drafts
from fieldkit.ui.app import make_app
from fieldkit.ui.drafts import DraftKeeper
from fieldkit.ui.screens.meeting_room import MeetingRoom, offer_drafts
from fieldkit.ui.widgets.capture import NoteCapture
from fieldkit.ui.widgets.capture_forms import ResponseCapture
from fieldkit.ui.widgets.meeting_picker import DraftOffer
from tests.ui.conftest import TODAY


def test_typing_reaches_the_file_as_a_draft_and_comes_back(demo_path: Path) -> None:
    async def typing() -> str:
        app = make_app(Store(demo_path), today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("m", "enter")
            await pilot.pause()
            room = app.screen
            assert isinstance(room, MeetingRoom)
            await pilot.press("f2", "c", *"The deputy")
            await pilot.pause(drafts.DELAY + 0.4)
            [draft] = Store(demo_path).data().drafts.values()
            assert draft.fields["text"] == "The deputy"
            assert draft.fields["kind"] == "commitment"
            assert (draft.kind, draft.meeting_id, draft.author) == (
                "note",
                room.meeting_id,
                "Test Delegate",
            )
            await pilot.press(*" minister")
            await pilot.pause(drafts.DELAY + 0.4)
            [again] = Store(demo_path).data().drafts.values()
            assert again.id == draft.id and again.fields["text"] == "The deputy minister"
            assert not Store(demo_path).data().notes
            return room.meeting_id

    async def next_start(meeting_id: str) -> None:
        app = make_app(Store(demo_path), today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            if not isinstance(app.screen, DraftOffer):
                offer_drafts(app, app.store)
                await pilot.pause()
            assert isinstance(app.screen, DraftOffer)
            await pilot.press("enter")
            await pilot.pause()
            room = app.screen
            assert isinstance(room, MeetingRoom) and room.meeting_id == meeting_id
            form = room.query_one(NoteCapture)
            assert form.text_area.text == "The deputy minister"
            assert form.chosen["kind"] == "commitment"
            assert app.focused is form.text_area
            await pilot.press(*" said no", "enter")
            await pilot.pause()
        fresh = Store(demo_path).data()
        [note] = fresh.notes.values()
        assert note.text == "The deputy minister said no"
        assert not fresh.drafts

    meeting_id = asyncio.run(typing())
    asyncio.run(next_start(meeting_id))


def test_a_response_in_progress_is_kept_too(demo_path: Path) -> None:
    async def scenario() -> None:
        app = make_app(Store(demo_path), today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("m", "enter")
            await pilot.pause()
            await pilot.press("ctrl+r", "a", "escape", *"Never")
            await pilot.pause(drafts.DELAY + 0.4)
        [draft] = Store(demo_path).data().drafts.values()
        assert draft.kind == "response"
        assert draft.fields["quote"] == "Never" and draft.fields["stance"] == "accepts"

        app = make_app(Store(demo_path), today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("m", "enter")
            await pilot.pause()
            room = app.screen
            assert isinstance(room, MeetingRoom)
            form = room.query_one(ResponseCapture)
            assert form.input("quote").value == "Never"
            # the draft's form is back, even though the room opened on notes
            room.action_capture("response")
            await pilot.press("ctrl+a", "ctrl+k")  # empty the quote: nothing left to keep
            await pilot.pause(drafts.DELAY + 0.4)
        assert not Store(demo_path).data().drafts

    asyncio.run(scenario())


class FakeTimer:
    def __init__(self) -> None:
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


def test_the_keeper_saves_once_per_burst_and_finishes_in_the_records_transaction(
    demo_store: Store,
) -> None:
    timers: list[tuple[float, FakeTimer]] = []

    def schedule(delay: float, callback: object) -> FakeTimer:
        timer = FakeTimer()
        timers.append((delay, timer))
        return timer

    meeting = next(iter(demo_store.data().meetings))
    backups_before = list_backups(demo_store.path)
    keeper = DraftKeeper(demo_store.transaction, "Kote", "note", schedule)
    keeper.changed(meeting, None, {"text": "a"})
    keeper.changed(meeting, None, {"text": "ab"})
    assert len(timers) == 1 and timers[0][0] <= 1.0
    keeper.flush()
    [draft] = demo_store.data().drafts.values()
    assert draft.fields == {"text": "ab"} and draft.author == "Kote"
    assert list_backups(demo_store.path) == backups_before, "drafts leave the backups alone"
    assert "Note in" in describe(draft, demo_store.data())
    assert drafts_of(demo_store.data(), "Kote") == [draft]
    assert drafts_of(demo_store.data(), "Patrick") == []
    keeper.changed(meeting, None, {"text": "abc"})
    with demo_store.transaction() as tx:
        keeper.finish(tx)
    assert timers[-1][1].stopped
    assert not demo_store.data().drafts
    assert isinstance(draft, Draft)


def test_a_mangled_draft_is_ignored_not_fatal(demo_path: Path) -> None:
    tree = orjson.loads(demo_path.read_bytes())
    meeting = next(iter(tree["meetings"].values()))["id"]
    draft = Draft(kind="note", meeting_id=meeting, author="Kote").to_dict()
    tree["drafts"] = {"1": draft | {"fields": ["not", "a", "form"]}}
    demo_path.write_bytes(orjson.dumps(tree))
    assert drafts_of(Store(demo_path).data(), "Kote") == []
