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


def test_the_language_chosen_on_the_export_screen_is_the_documents(
    app: FieldkitApp, tmp_path: Path
) -> None:
    """The app speaks English; the delegate picks French for the partners' copy."""
    from docx import Document
    from textual.widgets import Select

    out = tmp_path / "debrief-fr.docx"

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(ExportScreen("debrief", app.data))
            await pilot.pause()
            language = app.screen.query_one("#export-language", Select)
            assert language.value == "en"  # the app's own language, unless another is chosen
            language.value = "fr"
            app.screen.query_one("#export-out", Input).value = str(out)
            app.screen.query_one("#export-out", Input).focus()
            await pilot.press("enter")
            for _ in range(100):
                await pilot.pause(0.1)
                if not isinstance(app.screen, ExportScreen):
                    break
            assert app.errors == []

    asyncio.run(scenario())
    headings = [p.text for p in Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert "Réunions" in headings and "Résumé" in headings
    assert "Meetings" not in headings
