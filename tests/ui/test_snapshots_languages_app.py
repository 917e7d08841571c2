"""The app's core screens in Russian and French at 80x24: how they look, footers that fit,
and a palette that finds a command by its name in either language or in English."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rich.cells import cell_len
from textual.command import CommandPalette
from textual.widgets import OptionList

from fieldkit import i18n
from fieldkit.domain.vocab import Position
from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp, make_app
from fieldkit.ui.widgets.item_list import layout
from tests.ui.conftest import TODAY
from tests.ui.test_footers import PALETTE, footer_width
from tests.ui.test_snapshots import keys

LANGUAGES = ["ru", "fr"]

SCREENS = {
    "dashboard": keys(),
    "items": keys("i"),  # the list, and under it the detail of the item under the cursor
    "help": keys("question_mark"),
    "palette": keys("ctrl+p"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_snapshot(snap_compare: Any, demo_store: Store, screen: str, language: str) -> None:
    i18n.activate(language)
    app = make_app(demo_store, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=SCREENS[screen])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "pressed",
    [
        pytest.param([], id="dashboard"),
        pytest.param(["i"], id="items"),
        pytest.param(["i", "enter"], id="item-reading"),
        pytest.param(["slash"], id="items-filter"),
        pytest.param(["m"], id="meetings"),
    ],
)
def test_the_footer_fits_80_columns(app: FieldkitApp, pressed: list[str], language: str) -> None:
    """The same keys as in English, named in the language, all on one line."""
    i18n.activate(language)

    async def go() -> int:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*pressed)
            await pilot.pause()
            return footer_width(app)

    assert asyncio.run(go()) <= 80 - PALETTE


@pytest.mark.parametrize("pressed", [[], ["i"], ["m"]], ids=["dashboard", "items", "meetings"])
def test_the_footer_shows_the_same_keys_in_every_language(
    app: FieldkitApp, pressed: list[str]
) -> None:
    def shown() -> list[tuple[str, str, str]]:
        return [
            (key, active.binding.action, active.binding.description)
            for key, active in app.active_bindings.items()
            if active.binding.show
        ]

    async def go() -> dict[str, list[tuple[str, str, str]]]:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*pressed)
            await pilot.pause()
            footers = {}
            for language in ("en", *LANGUAGES):  # words are looked up as they are shown
                i18n.activate(language)
                footers[language] = shown()
            return footers

    footers = asyncio.run(go())
    english = [(key, action) for key, action, _name in footers["en"]]
    for language in LANGUAGES:
        assert [(key, action) for key, action, _name in footers[language]] == english
        assert footers[language] != footers["en"]  # the same keys, named in the language


def _palette_offers(app: FieldkitApp, typed: str) -> list[str]:
    """What the palette lists once `typed` is in its search box."""

    async def go() -> list[str]:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.press(*typed)
            for _ in range(50):  # the palette searches in the background
                await pilot.pause(0.05)
                found = app.screen.query_one(OptionList)
                if found.option_count:
                    break
            assert isinstance(app.screen, CommandPalette)
            options = app.screen.query_one(OptionList)
            return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]

    return asyncio.run(go())


@pytest.mark.parametrize("typed", ["добавить", "add note"])
def test_the_palette_finds_add_note_in_russian_and_in_english(app: FieldkitApp, typed: str) -> None:
    i18n.activate("ru")
    offered = _palette_offers(app, typed)
    assert any(line.startswith("Добавить заметку") for line in offered), offered
    if typed == "add note":
        assert offered[0].startswith("Добавить заметку · Add note")


def test_the_palette_says_when_no_command_has_that_name(app: FieldkitApp) -> None:
    i18n.activate("fr")
    assert _palette_offers(app, "qqqq") == ["Aucune commande de ce nom"]


def test_ctrl_c_says_how_to_quit_in_the_language(app: FieldkitApp) -> None:
    i18n.activate("fr")

    async def go() -> list[str]:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.press("ctrl+c")
            await pilot.pause()
            return [f"{n.title} {n.message}" for n in app._notifications]

    said = asyncio.run(go())
    assert said and said[0].startswith("Voulez-vous quitter ? Appuyez sur ")


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_the_item_list_shows_the_upr_position_whole(language: str) -> None:
    i18n.activate(language)
    widths = {column.key: width for column, width in layout(80)}
    assert widths["position"] >= cell_len(Position.SUPPORTED.label)  # 'поддержана', 'acceptée'
    assert sum(widths.values()) + len(widths) - 1 <= 80
