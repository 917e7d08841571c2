"""Every screen's footer fits an 80-column terminal: the rest of the keys are in the help."""

from __future__ import annotations

import asyncio

import pytest

from fieldkit.ui.app import FieldkitApp

#: Width Textual's footer gives the palette key on the right ("▏^p palette").
PALETTE = 13


def footer_width(app: FieldkitApp) -> int:
    """Columns the footer's keys take: " key description " for each shown, enabled key."""
    width = 0
    seen: set[tuple[str, str]] = set()
    for active in app.active_bindings.values():
        binding = active.binding
        if not binding.show or not active.enabled or binding.action == "app.command_palette":
            continue
        shown = (app.get_key_display(binding), binding.description)
        if shown in seen:
            continue
        seen.add(shown)
        width += len(shown[0]) + 1 + len(shown[1]) + 2
    return width


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param([], id="dashboard"),
        pytest.param(["i"], id="items"),
        pytest.param(["slash", "t", "o", "r", "down"], id="items-list"),
        pytest.param(["slash"], id="items-filter"),
        pytest.param(["m"], id="meetings"),
    ],
)
def test_the_footer_fits_80_columns(app: FieldkitApp, keys: list[str]) -> None:
    async def go() -> int:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*keys)
            await pilot.pause()
            return footer_width(app)

    assert asyncio.run(go()) <= 80 - PALETTE
