"""One way for data to flow: another process's write reaches the screen in front by itself,
the app's own writes are announced once, and a TinyDB script writes alongside the app."""

from __future__ import annotations

import asyncio
import sys
import textwrap
from pathlib import Path

from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import OptionList

from fieldkit.domain.meetings import Note, Response
from fieldkit.domain.vocab import Stance
from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp
from fieldkit.ui.changes import MissionChanged
from fieldkit.ui.screens.items import ItemsScreen
from fieldkit.ui.screens.meeting_room import MeetingRoom
from fieldkit.ui.widgets.item_list import ItemList

from .test_meeting_room import enter_room

#: The acceptance bound: another process's change is on screen within this many seconds.
WITHIN = 1.0


async def _in_another_process(script: str, *args: str) -> None:
    """Run a Python script as its own process, without stalling the app's event loop."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", textwrap.dedent(script), *args
    )
    assert await process.wait() == 0


async def _shows_within(pilot: Pilot[None], shown: object) -> bool:
    """Whether `shown()` becomes true within `WITHIN` seconds, the app running meanwhile."""
    steps = 20
    for _ in range(steps):
        if shown():  # type: ignore[operator]
            return True
        await pilot.pause(WITHIN / steps)
    return bool(shown())  # type: ignore[operator]


SAVE_RESPONSE = """
    import sys
    from fieldkit.domain.meetings import Response
    from fieldkit.domain.vocab import Stance
    from fieldkit.storage.repository import Store

    path, meeting_id, item_id = sys.argv[1:4]
    Store(__import__("pathlib").Path(path)).save(
        Response(meeting_id=meeting_id, item_id=item_id, stance=Stance.REJECTS, quote="Never")
    )
"""

SAVE_NOTE = """
    import sys
    from pathlib import Path
    from fieldkit.domain.meetings import Note
    from fieldkit.storage.repository import Store

    path, meeting_id, item_id = sys.argv[1:4]
    Store(Path(path)).save(Note(meeting_id=meeting_id, item_id=item_id, text="Said elsewhere"))
"""


def test_another_process_write_shows_in_the_items_browser_and_the_meeting_room(
    app: FieldkitApp, demo_path: Path
) -> None:
    heard: list[Message] = []

    async def scenario() -> None:
        async with app.run_test(size=(100, 30), message_hook=heard.append) as pilot:
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app.screen, ItemsScreen)
            listing = app.screen.query_one(ItemList)
            item_id = listing.current_id or ""
            meeting = app.data.meetings_in_order[0]

            def stance() -> str:
                return listing.rows[listing.shown[listing.cursor]].cells["stance"]

            assert stance() == "-"
            await _in_another_process(SAVE_RESPONSE, str(demo_path), meeting.id, item_id)
            assert await _shows_within(pilot, lambda: stance() == "rejects")

            await pilot.press("escape")
            room = await enter_room(pilot, app)
            captured = room.query_one("#captured", OptionList)
            before = captured.option_count
            await _in_another_process(SAVE_NOTE, str(demo_path), room.meeting_id, room.item_id)
            assert await _shows_within(pilot, lambda: captured.option_count == before + 1)
            lines = [str(captured.get_option_at_index(n).prompt) for n in range(before + 1)]
            assert any("Said elsewhere" in line for line in lines)
            assert isinstance(app.screen, MeetingRoom) and app.errors == []

    asyncio.run(scenario())
    changes = [m.change for m in heard if isinstance(m, MissionChanged)]
    assert [c.origin for c in changes] == ["file", "file"]  # nothing polled, nothing twice


def test_the_app_announces_its_own_write_once_and_never_reads_it_back(
    app: FieldkitApp, demo_path: Path
) -> None:
    heard: list[Message] = []

    async def scenario() -> None:
        async with app.run_test(size=(80, 24), message_hook=heard.append) as pilot:
            item = app.data.priorities[0]
            meeting = app.data.meetings_in_order[0]
            response = Response(meeting_id=meeting.id, item_id=item.id, stance=Stance.ACCEPTS)
            await app.save(response)
            assert app.data.latest_response(item.id) == response  # at once, no reload
            await pilot.pause(0.5)  # time for the file watcher's echo of our own write

    asyncio.run(scenario())
    [change] = [m.change for m in heard if isinstance(m, MissionChanged)]
    assert change.origin == "write"
    assert change.tables == {"responses"} and change.ids == set(change.data.responses)


TINYDB_SCRIPT = """
    import sys
    from tinydb import Query, TinyDB
    from fieldkit.storage import MissionStorage

    db = TinyDB(sys.argv[1], storage=MissionStorage)
    meeting = db.table("meetings").search(Query().id == sys.argv[2])[0]
    notes = db.table("notes")
    for n in range(int(sys.argv[3])):
        notes.insert({"meeting_id": meeting["id"], "text": f"script {n}"})
    items = db.table("items")
    items.update({"themes": ["Torture", "From a script"]}, Query().reference == "95.42")
"""


def test_a_tinydb_script_and_the_app_write_at_once_and_nothing_is_lost(
    app: FieldkitApp, demo_path: Path
) -> None:
    count = 15

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            meeting = app.data.meetings_in_order[0]
            script = asyncio.create_task(
                _in_another_process(TINYDB_SCRIPT, str(demo_path), meeting.id, str(count))
            )
            for n in range(count):
                await app.save(Note(meeting_id=meeting.id, text=f"app {n}"))
                await asyncio.sleep(0.02)
            await script
            await pilot.pause()

    asyncio.run(scenario())
    data = Store(demo_path).data()
    texts = sorted(n.text for n in data.notes.values())
    assert texts == sorted(
        [f"app {n}" for n in range(count)] + [f"script {n}" for n in range(count)]
    )
    [item] = [i for i in data.items.values() if i.reference == "95.42"]
    assert item.themes == ("Torture", "From a script")
