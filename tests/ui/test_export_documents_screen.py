"""The documents the export screen offers, and its word when no author name is set."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input

from fieldkit.ui.app import FieldkitApp
from fieldkit.ui.screens.exports import ExportScreen


def test_the_follow_up_submission_is_written_from_the_app(app: FieldkitApp, tmp_path: Path) -> None:
    out = tmp_path / "followup.docx"

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(ExportScreen("followup", app.data))
            await pilot.pause()
            app.screen.query_one("#export-out", Input).value = str(out)
            await pilot.press("enter")
            for _ in range(100):
                await pilot.pause(0.1)
                if not isinstance(app.screen, ExportScreen):
                    break
            assert app.errors == []
            assert not any("author" in n.message.lower() for n in app._notifications)

    asyncio.run(scenario())
    assert out.is_file()


def test_no_author_name_is_said_without_blocking(
    app: FieldkitApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIELDKIT_AUTHOR")

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(ExportScreen("debrief", app.data))
            await pilot.pause()
            assert any("No author name" in n.message for n in app._notifications)
            assert isinstance(app.screen, ExportScreen)  # the form is there to use
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, ExportScreen)

    asyncio.run(scenario())
