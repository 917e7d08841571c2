"""The meetings list and the meeting room in Russian and French at 80x24: the longer words
fit, and the keys shown are the same keys as in English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from fieldkit import i18n
from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp, make_app
from tests.ui.conftest import TODAY

LANGUAGES = ("ru", "fr")


@pytest.fixture(params=LANGUAGES)
def speaking(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.activate(request.param)
    try:
        yield request.param
    finally:
        i18n.activate(i18n.ENGLISH)


def _app(path: Path) -> FieldkitApp:
    return make_app(Store(path), today=TODAY)


async def _to_meetings(pilot: Pilot[Any]) -> None:
    await pilot.press("m")
    await pilot.pause()


async def _to_room(pilot: Pilot[Any]) -> None:
    await _to_meetings(pilot)
    await pilot.press("home", "down", "enter")
    await pilot.pause()
    await pilot.press("ctrl+n", *"Denied")
    await pilot.pause()


async def _to_response(pilot: Pilot[Any]) -> None:
    await _to_meetings(pilot)
    await pilot.press("enter", "ctrl+r", "u")  # the stance by its letter, as in English
    await pilot.pause()


def test_snapshot_meetings(snap_compare: Any, demo_path: Path, speaking: str) -> None:
    assert snap_compare(_app(demo_path), terminal_size=(80, 24), run_before=_to_meetings)


def test_snapshot_meeting_room(snap_compare: Any, demo_path: Path, speaking: str) -> None:
    assert snap_compare(_app(demo_path), terminal_size=(80, 24), run_before=_to_room)


def test_snapshot_response_form(snap_compare: Any, demo_path: Path, speaking: str) -> None:
    assert snap_compare(_app(demo_path), terminal_size=(80, 24), run_before=_to_response)


def test_the_question_before_cancelling_a_meeting_is_read_whole(
    demo_path: Path, speaking: str
) -> None:
    """Longer sentences wrap in the dialog instead of being cut at its edge."""
    import asyncio

    from fieldkit.ui.widgets.meeting_picker import ConfirmDelete
    from tests.pseudo import screen_text

    app = _app(demo_path)

    async def scenario() -> str:
        async with app.run_test(size=(80, 24)) as pilot:
            await _to_meetings(pilot)
            await pilot.press("enter", *"Note", "enter", "escape", "c")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDelete)
            return " ".join(screen_text(app.export_screenshot()).split())

    shown = asyncio.run(scenario())
    last_words = {"ru": "показана как отменённая.", "fr": "montré comme annulé."}
    assert last_words[speaking] in shown
