"""Shred from the palette: only the typed word does it; the open app brings nothing back."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from fieldkit.storage import backups
from fieldkit.storage.repository import Store
from fieldkit.storage.shred import shred
from fieldkit.ui import commands
from fieldkit.ui.app import FieldkitApp, make_app
from fieldkit.ui.live import POLL_SECONDS
from fieldkit.ui.screens.shred import ConfirmShred
from tests.ui.conftest import TODAY


@pytest.fixture(autouse=True)
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the exports folder shredded is this one's


def test_shred_from_the_palette_needs_the_word_typed(app: FieldkitApp, demo_path: Path) -> None:
    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            command = commands.find("Shred the mission")
            assert command is not None
            await app.run_action(command.action)
            await pilot.pause()
            assert isinstance(app.screen, ConfirmShred)
            await pilot.press("enter", "y", "enter", "s", "h", "r", "enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmShred) and demo_path.exists()
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmShred) and demo_path.exists()
            await app.run_action(command.action)
            await pilot.pause()
            await pilot.press(*"shred", "enter")
            await pilot.pause(0.3)
        assert not demo_path.exists()
        assert not backups.backup_folder(demo_path).exists()

    asyncio.run(scenario())


def test_an_open_app_does_not_bring_a_shredded_mission_back(demo_path: Path) -> None:
    app = make_app(Store(demo_path), today=TODAY)
    other = demo_path.parent / "another mission.json"
    other.write_text("{}")

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            shred(demo_path, None)
            await pilot.pause(POLL_SECONDS * 2 + 0.5)
        assert list(demo_path.parent.iterdir()) == [other]

    asyncio.run(scenario())
