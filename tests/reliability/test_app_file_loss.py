"""The mission file deleted or spoiled under the open app: a clear message, nothing saved lost."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from fieldkit.storage.repository import Store
from tests.helpers import cli


def _notes(path: Path) -> set[str]:
    return {n.text for n in Store(path).data().notes.values()}


async def _save_a_note_then(path: Path, spoil: str) -> list[str]:
    """Save a note in the meeting room, spoil the file, let the app notice; its messages."""
    from fieldkit.ui.app import make_app
    from fieldkit.ui.live import POLL_SECONDS

    app = make_app(Store(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "m", "enter")
        await pilot.pause()
        await pilot.press(*"Officials promised a review", "enter")
        await pilot.pause(0.3)
        assert _notes(path) == {"Officials promised a review"}
        if spoil == "delete":
            path.unlink()
        else:
            other = path.with_name("other")
            other.write_bytes(b'{"mission": {"1": ')
            os.replace(other, path)
        await pilot.pause(POLL_SECONDS * 2 + 0.5)
        assert app.is_running
        return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize("spoil", ["delete", "spoil"])
def test_the_app_names_the_backup_that_holds_the_last_save(demo_path: Path, spoil: str) -> None:
    shown = asyncio.run(_save_a_note_then(demo_path, spoil))
    assert any("restore" in message and ".bak" in message for message in shown), shown
    restored = cli("restore", "--db", demo_path)
    assert restored.exit_code == 0, restored.output
    assert _notes(demo_path) == {"Officials promised a review"}
