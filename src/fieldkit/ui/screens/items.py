"""The items browser: every item in a virtual list, filtered as you type, with facets and detail.

Rows and their search text are computed once per data version; a keystroke only narrows
a list of indexes, so typing stays within a frame with thousands of items.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar, Self

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.geometry import Region
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from fieldkit.domain.filters import ItemFilter, haystack, reading_order
from fieldkit.domain.items import Item
from fieldkit.domain.mission import MissionData
from fieldkit.domain.similarity import SimilarityIndex
from fieldkit.domain.text import shorten, squash
from fieldkit.ui.errors import guarded
from fieldkit.ui.facets import facet_lines, toggled
from fieldkit.ui.priorities import is_linked, move_priority, toggle_link, toggle_priority
from fieldkit.ui.screens.base import PRIORITY_ORDER_BINDINGS, FieldkitScreen
from fieldkit.ui.widgets.item_detail import ItemDetail
from fieldkit.ui.widgets.item_list import ItemList, ItemRow, item_row
from fieldkit.ui.widgets.picker import Entry, PickerScreen

NARROW = 150  # below this many columns the detail sits under the list
SUGGEST_MINIMUM = 0.15  # weaker text overlap is chance, not the same concern
OTHER_BODY_BONUS = 1.3  # another body raising it is what a delegate wants to see first
DETAIL_DELAY = 0.06  # seconds the cursor rests before the detail pane is redrawn
TYPING_DETAIL_DELAY = 0.3  # while filtering: the redraw waits for a pause in the typing
SUGGEST_DELAY = 0.6  # seconds of rest before likely related items are looked for


class FilterInput(Input):
    """The filter box. It has a fixed size, so a keystroke need not lay out the screen again
    (Textual's Input asks for a layout whenever its text grows)."""

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if layout and not recompose and not self.styles.auto_dimensions:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class StatusLine(Widget):
    """One line of counts; redrawn without a layout pass on every keystroke."""

    DEFAULT_CSS = "StatusLine { height: 1; }"
    text: reactive[str] = reactive("")

    def render(self) -> str:
        return self.text


def _texts_key(items: list[Item]) -> int:
    return hash(tuple((i.id, i.title, i.text, i.themes) for i in items))


def _same(old: Item, new: Item) -> bool:
    """The same version of an item (every change to an item sets its `updated_at`)."""
    return old is new or (
        old.updated_at == new.updated_at
        and old.priority == new.priority  # two changes can share a second
        and old.position == new.position
        and old.text == new.text
        and old.themes == new.themes
    )


def _mark(on: bool) -> str:
    return "[x] " if on else "[ ] "


class ItemsScreen(FieldkitScreen):
    HELP_TITLE = "items"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "escape",
            "Back",
            show=False,
            tooltip="Back: out of the filter, then the reading view, then to the dashboard",
        ),
        Binding("f", "facets", "Facets", tooltip="Narrow by body, year, position, theme, kind"),
        Binding("x", "clear", "Clear", tooltip="Clear the filter and every facet"),
        Binding("p", "priority", "Priority", tooltip="Mark or unmark as a mission priority"),
        *PRIORITY_ORDER_BINDINGS,
        Binding("l", "link", "Link", tooltip="Link to items raising the same concern"),
        Binding("n", "step(1)", "Next", show=False, tooltip="Next item, also while reading"),
        Binding(
            "b", "step(-1)", "Previous", show=False, tooltip="Previous item, also while reading"
        ),
        Binding("d", "app.goto('dashboard')", "Dashboard", show=False),
        Binding(
            "a",
            "capture('note')",
            "Add note",
            show=False,
            tooltip="Add a note on this item in a meeting",
        ),
        Binding(
            "r",
            "capture('response')",
            "Record response",
            show=False,
            tooltip="Record the State's response on this item in a meeting",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.flt = ItemFilter()
        self.rows: list[ItemRow] = []
        self.hays: list[str] = []
        self.facet_ok: list[int] = []
        self.shown: list[int] = []
        self._row_cache: dict[str, tuple[Item, tuple[str, str] | None, ItemRow, str]] = {}
        self._similarity: tuple[int, SimilarityIndex] | None = None
        self._pending_select: str | None = None
        self._detail_timer: Timer | None = None
        self._suggest_timer: Timer | None = None
        self._likely: dict[str, list[Item]] = {}  # item id -> suggestions, this data version

    def compose(self) -> ComposeResult:
        with Horizontal(id="items-top"):
            yield Static("/", id="items-slash")
            yield FilterInput(
                placeholder="filter by reference, words, State or theme",
                id="items-filter",
                compact=True,
            )
        yield StatusLine(id="items-status", classes="muted")
        with Horizontal(id="items-body"):
            yield ItemList(id="items-list")
            yield ItemDetail(id="items-detail")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(ItemList).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    # -- data and filtering ----------------------------------------------------------------

    def refresh_data(self, data: MissionData) -> None:
        """Rebuild rows for a new data version, reusing those whose item and latest
        response are unchanged (a note added elsewhere redraws one row, not 5,000)."""
        items = sorted(data.items.values(), key=reading_order)
        cache: dict[str, tuple[Item, tuple[str, str] | None, ItemRow, str]] = {}
        rows: list[ItemRow] = []
        hays: list[str] = []
        for item in items:
            response = data.latest_response(item.id)
            said = (response.id, response.updated_at) if response is not None else None
            known = self._row_cache.get(item.id)
            same_item = known is not None and _same(known[0], item)
            if known is not None and same_item and known[1] == said:
                row, hay = known[2], known[3]
            else:
                row = item_row(item, data)
                hay = known[3] if known is not None and same_item else haystack(item)
            cache[item.id] = (item, said, row, hay)
            rows.append(row)
            hays.append(hay)
        self._row_cache = cache
        self.rows = rows
        self.hays = hays
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

    def _search(self, candidates: list[int]) -> list[int]:
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
        flt = self.flt
        parts = [f"{len(self.shown)} of {len(self.rows)} items"]
        for label, value in (
            ("body", flt.mechanism),
            ("year", str(flt.year or "")),
            ("position", flt.position),
            ("kind", flt.kind),
            ("theme", flt.theme),
        ):
            if value:
                parts.append(f"{label}: {value}")
        if flt.priority_only:
            parts.append("priorities only")
        if flt.no_response:
            parts.append("no response yet")
        text = " · ".join(parts)
        if len(parts) > 1 or flt.search:
            text += "   (x clears)"
        self.query_one("#items-status", StatusLine).text = text

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
        items = list(data.items.values())
        key = _texts_key(items)
        if self._similarity is None or self._similarity[0] != key:
            self._similarity = (key, SimilarityIndex(items))
        index = self._similarity[1]
        item = data.items.get(item_id)
        if item is None:
            return
        linked = {o.id for o in data.related(item)}
        likely = [
            other
            for other, _ in index.similar(item, limit=6, minimum=SUGGEST_MINIMUM)
            if other.id not in linked
        ][:3]
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
        typing = isinstance(self.focused, FilterInput)
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
        if self.has_class("-reading"):
            self.remove_class("-reading")
            self.query_one(ItemList).focus()
        elif isinstance(self.focused, Input):
            self.query_one(ItemList).focus()
        else:
            self.fk.action_leave()

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
        return [(key, Text(words)) for key, words in facet_lines(self.data, self.flt, query)]

    def toggle_facet(self, entry_id: str) -> None:
        self.set_filter(toggled(self.flt, entry_id))

    def action_facets(self) -> None:
        self.app.push_screen(
            PickerScreen("Facets: narrow the items", self.facet_entries, self.toggle_facet)
        )

    def action_capture(self, mode: str) -> None:
        """Into a meeting's capture area on the item under the cursor (after the meeting)."""
        from fieldkit.ui.screens.meeting_room import app_now, open_capture

        open_capture(self.app, self.fk.store, mode, app_now(self.app), self.current_item_id)

    # -- priorities and links --------------------------------------------------------------

    def _current(self) -> str:
        item_id = self.query_one(ItemList).current_id
        if item_id is None:
            raise ValueError("No item under the cursor.")
        return item_id

    @guarded
    def action_priority(self) -> None:
        item_id = self._current()
        with self.fk.transaction() as tx:
            tx.put(*toggle_priority(tx.data, item_id))
        item = self.data.items[item_id]
        if item.priority is None:
            self.notify(f"{item.short_ref} is no longer a priority.")
        else:
            self.notify(f"{item.short_ref} is priority {item.priority}.")

    @guarded
    def action_move(self, step: int) -> None:
        item_id = self._current()
        with self.fk.transaction() as tx:
            tx.put(*move_priority(tx.data, item_id, step))

    def similarity(self) -> SimilarityIndex:
        """The index of item texts, rebuilt only when a text changed (not on every link)."""
        items = list(self.data.items.values())
        key = _texts_key(items)
        if self._similarity is None or self._similarity[0] != key:
            self._similarity = (key, SimilarityIndex(items))
        return self._similarity[1]

    def link_entries(self, item_id: str, query: str) -> list[Entry]:
        data = self.data
        item = data.items.get(item_id)
        if item is None:
            return []
        if query.strip():
            terms = query.lower().split()
            found = [
                other
                for n, row in enumerate(self.rows)
                if row.item_id != item_id
                and all(t in self.hays[n] for t in terms)
                and (other := data.items.get(row.item_id)) is not None
            ][:200]
        else:
            index = self.similarity()
            linked = data.related(item)
            scored = [
                (other, score * OTHER_BODY_BONUS)
                for other, score in index.similar(item, limit=25, minimum=SUGGEST_MINIMUM)
            ]
            scored += [
                (other, score)
                for other, score in index.similar(
                    item, limit=25, other_mechanisms=False, minimum=SUGGEST_MINIMUM
                )
                if other.document_symbol != item.document_symbol
            ]
            scored.sort(key=lambda pair: -pair[1])
            by_id = {o.id: o for o in [*linked, *(other for other, _ in scored)]}
            found = list(by_id.values())
        out: list[Entry] = []
        for other in found:
            line = Text(_mark(is_linked(data, item_id, other.id)))
            line.append(f"{other.short_ref} ", style="bold")
            line.append(f"{other.mechanism.value} {other.year or ''}  ")
            line.append(shorten(other.title or other.text, 200))
            out.append((other.id, line))
        if not out:
            hint = "Nothing likely found: type words to search every item."
            out.append(("", Text(hint, style="dim")))
        return out

    @guarded
    def action_link(self) -> None:
        item_id = self._current()
        item = self.data.items[item_id]

        def toggle(other_id: str) -> None:
            with self.fk.transaction() as tx:
                tx.put(*toggle_link(tx.data, item_id, other_id))

        title = f"Same concern as {item.short_ref}: {shorten(squash(item.title or item.text), 50)}"
        self.app.push_screen(
            PickerScreen(
                title,
                lambda query: self.link_entries(item_id, query),
                toggle,
                hint="Likely related items from other bodies and reviews first; type to "
                "search all. enter: link or unlink · escape: close",
            )
        )
