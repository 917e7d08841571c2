"""The items browser driven by keys: filter, facets, detail, priorities, links, live reload."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input

from fieldkit.domain.filters import haystack
from fieldkit.domain.meetings import Response
from fieldkit.domain.vocab import Mechanism, Position, Stance
from fieldkit.storage.repository import Store
from fieldkit.ui.app import FieldkitApp
from fieldkit.ui.screens.dashboard import DashboardScreen
from fieldkit.ui.screens.items import ItemsScreen
from fieldkit.ui.widgets.item_detail import ItemDetail
from fieldkit.ui.widgets.item_list import ItemList
from fieldkit.ui.widgets.picker import PickerScreen


def run(app: FieldkitApp, scenario: Callable[[Pilot[None]], object]) -> None:
    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await scenario(pilot)  # type: ignore[misc]
            assert app.errors == []

    asyncio.run(go())


async def open_items(pilot: Pilot[None]) -> tuple[ItemsScreen, ItemList]:
    await pilot.press("i")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ItemsScreen)
    return screen, screen.query_one(ItemList)


def test_slash_filters_as_you_type(app: FieldkitApp) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ItemsScreen)
        assert isinstance(app.focused, Input) and app.focused.id == "items-filter"
        listing = screen.query_one(ItemList)
        assert len(listing.shown) == len(app.data.items)
        await pilot.press(*"torture")
        await pilot.pause()
        shown = [app.data.items[i] for i in listing.shown_ids]
        assert 0 < len(shown) < len(app.data.items)
        assert all("torture" in haystack(item) for item in shown)
        await pilot.press(*" prison")
        await pilot.pause()
        assert 0 < len(listing.shown) < len(shown)
        await pilot.press("down")  # into the results, the filter kept
        assert app.focused is listing
        assert screen.flt.search == "torture prison"
        await pilot.press("slash", "escape")  # one Escape clears the typed filter
        await pilot.pause()
        assert screen.flt.search == "" and len(listing.shown) == len(app.data.items)
        await pilot.press("escape", "escape")  # out of the box, then out of the screen
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)

    run(app, scenario)


def test_facets_narrow_and_x_clears(app: FieldkitApp) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen, listing = await open_items(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"position noted", "enter")
        await pilot.press(*"")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        shown = [app.data.items[i] for i in listing.shown_ids]
        assert shown and all(i.position is Position.NOTED for i in shown)
        assert "position: noted" in str(screen.query_one("#items-status").render())
        await pilot.press("f", *"priorities", "enter", "escape")
        await pilot.pause()
        assert [app.data.items[i].short_ref for i in listing.shown_ids] == []
        await pilot.press("x")
        await pilot.pause()
        assert len(listing.shown) == len(app.data.items)

    run(app, scenario)


def test_detail_follows_the_cursor_and_enter_reads(app: FieldkitApp) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen, listing = await open_items(pilot)
        detail = screen.query_one(ItemDetail)
        assert detail.item_id == listing.current_id
        await pilot.press("down", "down")
        await pilot.pause()
        item = app.data.items[listing.current_id or ""]
        assert item.short_ref == "CCPR-54"
        assert detail.item_id == item.id
        body = str(detail.query_one("#detail-body").render())
        assert "CCPR/C/KAZ/CO/2, para 54" in body and "Said in meetings (0)" in body
        await pilot.press("enter")
        await pilot.pause()
        assert screen.has_class("-reading") and app.focused is detail
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.has_class("-reading") and app.focused is listing

    run(app, scenario)


def test_marking_and_reordering_priorities(app: FieldkitApp, demo_store: Store) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen, listing = await open_items(pilot)
        await pilot.press("slash", *"95.1 ", "enter")
        await pilot.pause()
        target = app.data.items[listing.current_id or ""]
        assert target.short_ref == "95.1"
        await pilot.press("p")
        await pilot.pause()
        fresh = Store(demo_store.path).data()
        assert [i.short_ref for i in fresh.priorities] == ["CCPR-18", "CCPR-24", "CCPR-54", "95.1"]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        fresh = Store(demo_store.path).data()
        assert [i.short_ref for i in fresh.priorities] == ["CCPR-18", "CCPR-24", "95.1", "CCPR-54"]
        assert listing.current_id == target.id  # the cursor stays on the item
        await pilot.press("p")
        await pilot.pause()
        fresh = Store(demo_store.path).data()
        assert [(i.short_ref, i.priority) for i in fresh.priorities] == [
            ("CCPR-18", 1),
            ("CCPR-24", 2),
            ("CCPR-54", 3),
        ]

    run(app, scenario)


def test_linking_a_suggested_item(app: FieldkitApp, demo_store: Store) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen, listing = await open_items(pilot)
        await pilot.press("down")  # CCPR-24, torture
        await pilot.press("l")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        first_id, first_prompt = picker.entries("")[0]
        suggestion = app.data.items[first_id]
        assert suggestion.mechanism is Mechanism.UPR and "torture" in suggestion.text.lower()
        assert first_prompt.plain.startswith("[ ]")
        await pilot.press("enter")
        await pilot.pause()
        assert picker.entries("")[0][1].plain.startswith("[x]")
        await pilot.press("escape")
        await pilot.pause()
        ccpr24 = next(i for i in app.data.items.values() if i.short_ref == "CCPR-24")
        assert [i.id for i in Store(demo_store.path).data().related(ccpr24)] == [suggestion.id]
        body = str(screen.query_one(ItemDetail).query_one("#detail-body").render())
        assert "Same concern elsewhere (1)" in body and suggestion.short_ref in body

    run(app, scenario)


def test_another_process_response_appears_without_losing_place(
    app: FieldkitApp, demo_store: Store
) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen, listing = await open_items(pilot)
        await pilot.press("slash", *"torture")
        await pilot.pause()
        listing.move_to(3)
        item_id = listing.current_id or ""
        data = demo_store.data()
        other = Store(demo_store.path)
        meeting = data.meetings_in_order[0]
        other.save(
            Response(
                meeting_id=meeting.id,
                item_id=item_id,
                stance=Stance.UNDER_CONSIDERATION,
                quote="We are studying it",
            )
        )
        for _ in range(30):
            await pilot.pause(0.1)
            if app.data.latest_response(item_id) is not None:
                break
        await pilot.pause()
        row = listing.rows[listing.shown[listing.cursor]]
        assert row.cells["stance"] == "under consideration"  # as everywhere
        assert listing.current_id == item_id
        assert screen.query_one("#items-filter", Input).value == "torture"
        assert app.focused is screen.query_one("#items-filter", Input)
        body = str(screen.query_one(ItemDetail).query_one("#detail-body").render())
        assert "We are studying it" in body and "under consideration" in body

    run(app, scenario)


def test_n_and_b_step_through_items_while_reading(app: FieldkitApp) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen, listing = await open_items(pilot)
        await pilot.press("enter", "n", "n")
        await pilot.pause()
        detail = screen.query_one(ItemDetail)
        assert screen.has_class("-reading")
        assert app.data.items[detail.item_id or ""].short_ref == "CCPR-54"
        await pilot.press("b")
        await pilot.pause()
        assert app.data.items[detail.item_id or ""].short_ref == "CCPR-24"

    run(app, scenario)


def test_the_detail_suggests_likely_related_items_once_the_cursor_rests(app: FieldkitApp) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        screen, listing = await open_items(pilot)
        await pilot.press("down")  # CCPR-24, torture
        for _ in range(30):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            body = str(screen.query_one(ItemDetail).query_one("#detail-body").render())
            if "Likely the same concern" in body:
                break
        assert "Likely the same concern (l to link)" in body
        assert "125.72" in body  # a UPR recommendation on investigating torture

    run(app, scenario)
