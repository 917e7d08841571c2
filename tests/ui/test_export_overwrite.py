"""An export never replaces an earlier file without saying so, and names the full path."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from fieldkit.ui.app import FieldkitApp
from fieldkit.ui.screens.exports import ExportScreen


def test_an_existing_file_is_replaced_only_on_the_second_ask(
    app: FieldkitApp, tmp_path: Path
) -> None:
    target = tmp_path / "items.csv"
    target.write_text("earlier work\n")
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(str(message)), notify(message, **kw))[1]  # type: ignore[method-assign]

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(ExportScreen("csv", app.data))
            await pilot.pause()
            app.screen.query_one("#export-out", Input).value = str(target)
            await pilot.press("ctrl+s")
            await pilot.pause(0.3)
            assert isinstance(app.screen, ExportScreen)
            assert target.read_text() == "earlier work\n"
            assert any("already there" in m and str(target) in m for m in said)
            await pilot.press("ctrl+s")
            for _ in range(50):
                await pilot.pause(0.1)
                if not isinstance(app.screen, ExportScreen):
                    break
            assert not isinstance(app.screen, ExportScreen)

    asyncio.run(scenario())
    assert target.read_text() != "earlier work\n"
    assert any(m.startswith(f"Wrote {target}") and "replacing" in m for m in said)
