"""The items browser: every item in a virtual list, filtered as you type, with facets and detail.

Rows and their search text are computed once per data version; a keystroke only narrows
a list of indexes, so typing stays within a frame with thousands of items.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from fieldkit.domain.facets import facet_lines, toggled
from fieldkit.domain.filters import ItemFilter
from fieldkit.domain.items import Item
from fieldkit.domain.mission import MissionData
from fieldkit.domain.priorities import move_priority, toggle_link, toggle_priority
from fieldkit.domain.text import shorten, squash
from fieldkit.i18n import N_, _
from fieldkit.storage.repository import Tx
from fieldkit.ui import commands
from fieldkit.ui.screens.base import FieldkitScreen
from fieldkit.ui.screens.item_links import Likeness, link_lines
from fieldkit.ui.widgets.item_detail import ItemDetail
from fieldkit.ui.widgets.item_list import ItemList, ItemRow, RowBook, StatusLine, status_text
from fieldkit.ui.widgets.picker import Entry, PickerScreen

NARROW = 150  # below this many columns the detail sits under the list
DETAIL_DELAY = 0.06  # seconds the cursor rests before the detail pane is redrawn
TYPING_DETAIL_DELAY = 0.3  # while filtering: the redraw waits for a pause in the typing
SUGGEST_DELAY = 0.6  # seconds of rest before likely related items are looked for


class ItemsScreen(FieldkitScreen):
    HELP_TITLE = N_("items")
    SCOPES = ("items", "item-list")
    TABLES = frozenset({"items", "responses", "notes", "meetings", "people"})
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings("items")

    #: The status line's words (counts and the facets chosen), bound to the `StatusLine`.
    status: var[str] = var("")

    def __init__(self) -> None:
        super().__init__()
        self.flt = ItemFilter()
        self.rows: list[ItemRow] = []
        self.hays: list[str] = []
        self.facet_ok: list[int] = []
        self.shown: list[int] = []
        self.book = RowBook()
        self.likeness = Likeness()
        self._pending_select: str | None = None
        self._detail_timer: Timer | None = None
        self._suggest_timer: Timer | None = None
        self._likely: dict[str, list[Item]] = {}  # item id -> suggestions, this data version

    def compose(self) -> ComposeResult:
        with Horizontal(id="items-top"):
            yield Static("/", id="items-slash")
            yield Input(
                placeholder=_("filter by reference, words, State or theme"),
                id="items-filter",
                compact=True,
            )
        yield StatusLine(id="items-status", classes="muted").data_bind(text=ItemsScreen.status)
        with Horizontal(id="items-body"):
            yield ItemList(id="items-list")
            yield ItemDetail(id="items-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ItemList).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    # -- data and filtering ----------------------------------------------------------------

    def refresh_data(self, data: MissionData) -> None:
        """Rebuild rows for a new data version, reusing those whose item and latest
        response are unchanged (a note added elsewhere redraws one row, not 5,000)."""
        self.rows, self.hays = self.book.rebuild(data)
        self._apply_facets(data)
        self.shown = self._search(self.facet_ok)
        listing = self.query_one(ItemList)
        keep = self._pending_select or listing.current_id
        self._pending_select = None
        listing.set_rows(self.rows, self.shown)
        if keep:
            listing.select(keep)
        self._likely = {}
        self._show_detail(listing.current_id)
        self._update_status()
        self._schedule_suggestions()

    def _apply_facets(self, data: MissionData) -> None:
        facets_only = dataclasses.replace(self.flt, search="")
        self.facet_ok = [
            n
            for n, row in enumerate(self.rows)
            if facets_only.accepts(data.items[row.item_id], data, text="")
        ]

    def _search(self, candidates: Iterable[int]) -> list[int]:
        hays = self.hays
        found = list(candidates)
        for term in self.flt.terms():  # one cheap pass per word, each on fewer rows
            found = [n for n in found if term in hays[n]]
        return found

    def set_filter(self, flt: ItemFilter) -> None:
        """Apply a new filter; only facet changes re-check every item."""
        facets_changed = dataclasses.replace(flt, search="") != dataclasses.replace(
            self.flt, search=""
        )
        narrowing = flt.search.lower().startswith(self.flt.search.lower())
        self.flt = flt
        if facets_changed:
            self._apply_facets(self.data)
            self.shown = self._search(self.facet_ok)
        else:
            self.shown = self._search(self.shown if narrowing else self.facet_ok)
        self.query_one(ItemList).set_shown(self.shown)
        self._update_status()
        self._schedule_suggestions()

    @on(Input.Changed, "#items-filter")
    def _typed(self, event: Input.Changed) -> None:
        self.set_filter(dataclasses.replace(self.flt, search=event.value))

    @on(Input.Submitted, "#items-filter")
    def _submitted(self) -> None:
        self.query_one(ItemList).focus()

    def _update_status(self) -> None:
        self.status = status_text(self.flt, len(self.shown), len(self.rows))

    # -- detail ----------------------------------------------------------------------------

    def _show_detail(self, item_id: str | None) -> None:
        item = self.data.items.get(item_id or "")
        likely = self._likely.get(item_id or "", [])
        self.query_one(ItemDetail).show(item, self.data, likely)

    def _schedule_suggestions(self) -> None:
        """Look for likely related items once the delegate stops typing and moving."""
        if self._suggest_timer is not None:
            self._suggest_timer.stop()
        self._suggest_timer = self.set_timer(SUGGEST_DELAY, self._suggest, name="suggest")

    def _suggest(self) -> None:
        item_id = self.query_one(ItemList).current_id
        if item_id is not None and item_id not in self._likely:
            self._suggest_in_thread(item_id, self.data)

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def _suggest_in_thread(self, item_id: str, data: MissionData) -> None:
        likely = self.likeness.likely(data, item_id)
        self.app.call_from_thread(self._suggested, item_id, data, likely)

    def _suggested(self, item_id: str, data: MissionData, likely: list[Item]) -> None:
        if data is not self.data:
            return  # the mission changed meanwhile; the next rest looks again
        self._likely[item_id] = likely
        if likely and self.query_one(ItemDetail).item_id == item_id:
            self._show_detail(item_id)

    @on(ItemList.Highlighted)
    def _highlighted(self, event: ItemList.Highlighted) -> None:
        """Redraw the detail once the cursor rests, not on every key of a fast scroll."""
        if self._detail_timer is not None:
            self._detail_timer.stop()
        item_id = event.item_id
        typing = isinstance(self.focused, Input)
        self._detail_timer = self.set_timer(
            TYPING_DETAIL_DELAY if typing else DETAIL_DELAY,
            lambda: self._show_detail(item_id),
            name="detail",
        )
        self._schedule_suggestions()

    @on(ItemList.Chosen)
    def _chosen(self, event: ItemList.Chosen) -> None:
        self._show_detail(event.item_id)
        self.add_class("-reading")
        self.query_one(ItemDetail).focus()

    # -- navigation ------------------------------------------------------------------------

    @property
    def current_item_id(self) -> str | None:
        """The item under the cursor, for commands run from this screen."""
        return self.query_one(ItemList).current_id

    def focus_filter(self) -> None:
        self.remove_class("-reading")
        self.query_one("#items-filter", Input).focus()

    def select_item(self, item_id: str) -> None:
        """Put the cursor on an item, clearing the filter if it hides the item."""
        if not self.rows:
            self._pending_select = item_id
            return
        listing = self.query_one(ItemList)
        if not listing.select(item_id):
            self.action_clear()
            listing.select(item_id)
        listing.focus()

    def action_escape(self) -> None:
        """One step back: the typed filter cleared, then out of the box, then out."""
        focused = self.focused
        if self.has_class("-reading"):
            self.remove_class("-reading")
            self.query_one(ItemList).focus()
        elif isinstance(focused, Input) and focused.value:
            focused.value = ""  # the list follows at once (Changed)
        elif isinstance(focused, Input):
            self.query_one(ItemList).focus()
        else:
            self.fk.action_leave()

    def action_to_list(self) -> None:
        """Down from the filter box: into the results."""
        self.query_one(ItemList).focus()

    def action_step(self, step: int) -> None:
        listing = self.query_one(ItemList)
        listing.move_to(listing.cursor + step)
        if self.has_class("-reading"):
            self._show_detail(listing.current_id)  # at once: the reader is waiting for it

    def action_clear(self) -> None:
        self.query_one("#items-filter", Input).value = ""
        self.set_filter(ItemFilter())

    # -- facets ----------------------------------------------------------------------------

    def facet_entries(self, query: str) -> list[Entry]:
        """The facet values, counted among the items the text filter lets through."""
        data = self.data
        among = [data.items[self.rows[n].item_id] for n in self._search(range(len(self.rows)))]
        lines = facet_lines(data, self.flt, query, among if self.flt.search.strip() else None)
        return [(key, Text(words)) for key, words in lines]

    def toggle_facet(self, entry_id: str) -> None:
        self.set_filter(toggled(self.flt, entry_id))

    def action_facets(self) -> None:
        self.app.push_screen(
            PickerScreen(_("Facets: narrow the items"), self.facet_entries, self.toggle_facet)
        )

    # -- priorities and links --------------------------------------------------------------

    def _current(self) -> str:
        item_id = self.query_one(ItemList).current_id
        if item_id is None:
            raise ValueError(_("No item under the cursor."))
        return item_id

    async def action_priority(self) -> None:
        item_id = self._current()

        def toggle(tx: Tx) -> Item:
            changed = toggle_priority(tx.data, item_id)
            tx.put(*changed)
            return next(i for i in changed if i.id == item_id)

        item = await self.fk.write(toggle)
        if item.priority is None:
            self.notify(_("{ref} is no longer a priority.").format(ref=item.short_ref))
        else:
            self.notify(
                _("{ref} is priority {number}.").format(ref=item.short_ref, number=item.priority)
            )

    async def action_move(self, step: int) -> None:
        item_id = self._current()
        await self.fk.write(lambda tx: tx.put(*move_priority(tx.data, item_id, step)))

    def link_entries(self, item_id: str, query: str) -> list[Entry]:
        data = self.data
        item = data.items.get(item_id)
        if item is None:
            return []
        if not query.strip():
            return link_lines(data, item_id, self.likeness.candidates(data, item))
        terms = query.lower().split()
        found = [
            other
            for n, row in enumerate(self.rows)
            if row.item_id != item_id
            and all(t in self.hays[n] for t in terms)
            and (other := data.items.get(row.item_id)) is not None
        ][:200]
        return link_lines(data, item_id, found)

    def action_link(self) -> None:
        item_id = self._current()
        item = self.data.items[item_id]

        async def toggle(other_id: str) -> None:
            await self.fk.write(lambda tx: tx.put(*toggle_link(tx.data, item_id, other_id)))

        title = _("Same concern as {ref}: {text}").format(
            ref=item.short_ref, text=shorten(squash(item.title or item.text), 50)
        )
        self.app.push_screen(
            PickerScreen(
                title,
                lambda query: self.link_entries(item_id, query),
                toggle,
                hint=_(
                    "Likely related items from other bodies and reviews first; type to "
                    "search all. enter: link or unlink · escape: close"
                ),
            )
        )
