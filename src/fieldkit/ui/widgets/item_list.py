"""A virtual list of items: only the rows on screen are drawn, so 5,000 items filter instantly.

Rows are precomputed once per data version (`ItemRow`); filtering only changes which row
indexes are shown. The first line is a fixed column header.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from fieldkit.domain.facets import facet_name, value_label
from fieldkit.domain.filters import ItemFilter, haystack, reading_order
from fieldkit.domain.items import Item
from fieldkit.domain.mission import MissionData
from fieldkit.domain.text import squash
from fieldkit.domain.vocab import Position, Word
from fieldkit.domain.words import short_stance
from fieldkit.i18n import N_, _, ngettext
from fieldkit.ui import commands


@dataclasses.dataclass(frozen=True, slots=True)
class ItemRow:
    """One item as the list shows it, with its lower-cased search text."""

    item_id: str
    cells: dict[str, str]
    priority: bool


def item_row(item: Item, data: MissionData) -> ItemRow:
    response = data.latest_response(item.id)
    cells = {
        "priority": str(item.priority) if item.priority is not None else "",
        "ref": squash(item.short_ref),
        "mechanism": item.mechanism.label,
        "year": str(item.year or ""),
        "by": squash(item.source_name),
        "position": item.position.label if item.position else "",
        "stance": short_stance(response),
        "themes": "; ".join(squash(t) for t in item.themes),
        "text": squash(item.title or item.text),
    }
    return ItemRow(item.id, cells, item.priority is not None)


def _same(old: Item, new: Item) -> bool:
    """The same version of an item (every change to an item sets its `updated_at`)."""
    return old is new or (
        old.updated_at == new.updated_at
        and old.priority == new.priority  # two changes can share a second
        and old.position == new.position
        and old.text == new.text
        and old.themes == new.themes
    )


class RowBook:
    """The rows of every item in reading order, with their search text, kept between versions.

    A row is built again only when its item or the item's latest response changed, so a note
    added elsewhere redraws one row, not 5,000.
    """

    def __init__(self) -> None:
        self._known: dict[str, tuple[Item, tuple[str, str] | None, ItemRow, str]] = {}

    def rebuild(self, data: MissionData) -> tuple[list[ItemRow], list[str]]:
        known: dict[str, tuple[Item, tuple[str, str] | None, ItemRow, str]] = {}
        rows: list[ItemRow] = []
        hays: list[str] = []
        for item in sorted(data.items.values(), key=reading_order):
            response = data.latest_response(item.id)
            said = (response.id, response.updated_at) if response is not None else None
            old = self._known.get(item.id)
            same_item = old is not None and _same(old[0], item)
            if old is not None and same_item and old[1] == said:
                row, hay = old[2], old[3]
            else:
                row = item_row(item, data)
                hay = old[3] if old is not None and same_item else haystack(item)
            known[item.id] = (item, said, row, hay)
            rows.append(row)
            hays.append(hay)
        self._known = known
        return rows, hays


def status_text(flt: ItemFilter, shown: int, total: int) -> str:
    """'12 of 325 items · body: CCPR · priorities only   (x clears)'."""
    parts = [
        ngettext("{shown} of {total} item", "{shown} of {total} items", total).format(
            shown=shown, total=total
        )
    ]
    for key, value in (
        ("mechanism", flt.mechanism),
        ("year", str(flt.year or "")),
        ("position", flt.position),
        ("kind", flt.kind),
        ("theme", flt.theme),
    ):
        if value:
            parts.append(f"{facet_name(key).lower()}: {value_label(key, value)}")
    if flt.priority_only:
        parts.append(_("priorities only"))
    if flt.no_response:
        parts.append(_("no response yet"))
    text = " · ".join(parts)
    if len(parts) > 1 or flt.search:
        text += "   " + _("(x clears)")
    return text


class StatusLine(Widget):
    """One line of counts; redrawn without a layout pass on every keystroke."""

    DEFAULT_CSS = "StatusLine { height: 1; }"
    text: reactive[str] = reactive("")

    def render(self) -> str:
        return self.text


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    width: int  # 0: shares what is left
    share: int = 0
    minimum: int = 0
    words: tuple[Word, ...] = ()  # what the column shows: it widens to fit them, up to `most`
    most: int = 0

    def fitted_width(self) -> int:
        """The column's width in the chosen language: its title and its words fit."""
        longest = max((cell_len(word.label) for word in self.words), default=0)
        return max(self.width, cell_len(_(self.title)), min(longest, self.most))


COLUMNS: tuple[Column, ...] = (
    Column("priority", N_("P"), 2),
    Column("ref", N_("Ref"), 8),
    Column("mechanism", N_("Body"), 5),
    Column("year", N_("Year"), 4),
    Column("by", N_("By"), 11),
    Column("position", N_("Position"), 9, words=tuple(Position), most=11),
    Column("stance", N_("Stance"), 14),
    Column("text", N_("Text"), 0, share=3, minimum=12),
    Column("themes", N_("Themes"), 0, share=1, minimum=14),
)


def layout(width: int) -> list[tuple[Column, int]]:
    """Column widths for a line of `width` cells; flexible columns drop out when too narrow.

    A fixed column is as wide as its title in the chosen language, if that is wider, and as
    its words (the UPR position: 'поддержана'), up to a limit."""
    fixed = [dataclasses.replace(c, width=c.fitted_width()) for c in COLUMNS if c.width]
    flexible = [c for c in COLUMNS if not c.width]
    while True:
        used = sum(c.width for c in fixed) + len(fixed) + len(flexible)
        left = max(width - used, 0)
        total = sum(c.share for c in flexible) or 1
        sizes = {c.key: left * c.share // total for c in flexible}
        too_small = [c for c in flexible if sizes[c.key] < c.minimum]
        if not too_small or len(flexible) == 1:
            break
        flexible.remove(min(too_small, key=lambda c: c.share))
    widths = {c.key: c.width for c in fixed} | sizes
    if flexible:  # the first flexible column takes the rounding remainder
        widths[flexible[0].key] += left - sum(sizes.values())
    return [(c, widths[c.key]) for c in COLUMNS if c.key in widths]


def fit(text: str, width: int) -> str:
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + "…" if width > 1 else text[:width]
    return set_cell_size(text, width)


class ItemList(ScrollView, can_focus=True):
    """Items in rows with a cursor; posts `Highlighted` and `Chosen` with the item's id."""

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings("item-list")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "item-list--header",
        "item-list--cursor",
        "item-list--cursor-blurred",
        "item-list--priority",
    }

    DEFAULT_CSS = """
    ItemList {
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        overflow-y: scroll;
        & > .item-list--header { text-style: bold; color: $text-muted; }
        & > .item-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .item-list--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .item-list--priority { text-style: bold; }
    }
    """

    class Highlighted(Message):
        def __init__(self, item_id: str | None) -> None:
            super().__init__()
            self.item_id = item_id

    class Chosen(Message):
        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ItemRow] = []
        self.shown: list[int] = []
        self.cursor = 0
        self._layout_width = -1
        self._layout: list[tuple[Column, int]] = []
        self._lines: dict[int, str] = {}  # row index -> its text at the current width
        self._styles: dict[str, Style] = {}

    # -- content ---------------------------------------------------------------------------

    @property
    def current_id(self) -> str | None:
        if 0 <= self.cursor < len(self.shown):
            return self.rows[self.shown[self.cursor]].item_id
        return None

    @property
    def shown_ids(self) -> list[str]:
        return [self.rows[i].item_id for i in self.shown]

    def set_rows(self, rows: list[ItemRow], shown: list[int]) -> None:
        """New rows (a new data version) and which of them show; the cursor stays on its item."""
        keep = self.current_id
        self.rows = rows
        self._lines.clear()
        self.set_shown(shown, keep)

    def set_shown(self, shown: list[int], keep: str | None = None) -> None:
        """Show these row indexes, keeping the cursor on `keep` (or the current item)."""
        keep = keep if keep is not None else self.current_id
        before = self.current_id
        self.shown = shown
        position = 0
        if keep is not None:
            for n, index in enumerate(shown):
                if self.rows[index].item_id == keep:
                    position = n
                    break
        self.cursor = position
        self._set_height(len(shown) + 1)
        self._scroll_cursor_into_view()
        self.refresh()
        if self.current_id != before:
            self.post_message(self.Highlighted(self.current_id))

    def _set_height(self, lines: int) -> None:
        """A new virtual height without a layout pass: the scrollbar is always shown, so
        nothing around the list moves when the number of rows changes."""
        size = Size(0, lines)
        if size != self.virtual_size:
            self.virtual_size = size

    def select(self, item_id: str) -> bool:
        for n, index in enumerate(self.shown):
            if self.rows[index].item_id == item_id:
                self.move_to(n)
                return True
        return False

    # -- movement --------------------------------------------------------------------------

    def move_to(self, position: int) -> None:
        if not self.shown:
            return
        position = max(0, min(position, len(self.shown) - 1))
        changed = position != self.cursor
        self.cursor = position
        self._scroll_cursor_into_view()
        self.refresh()
        if changed:
            self.post_message(self.Highlighted(self.current_id))

    def _page(self) -> int:
        return max(self.size.height - 2, 1)

    def _scroll_cursor_into_view(self) -> None:
        body = max(self.size.height - 1, 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + body:
            self.scroll_to(y=self.cursor - body + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * self._page())

    def action_jump(self, position: int) -> None:
        self.move_to(position if position >= 0 else len(self.shown) - 1)

    def action_choose(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Chosen(self.current_id))

    def on_click(self, event: events.Click) -> None:
        line = event.y + int(self.scroll_offset.y) - 1
        if event.y >= 1 and 0 <= line < len(self.shown):
            self.move_to(line)
            if event.chain > 1:
                self.action_choose()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self.shown) + 1)
        self._scroll_cursor_into_view()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            base = self.rich_style
            style = base if name == "base" else base + self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    # -- drawing ---------------------------------------------------------------------------

    def _columns(self, width: int) -> list[tuple[Column, int]]:
        if width != self._layout_width:
            self._layout_width = width
            self._layout = layout(width)
            self._lines.clear()
        return self._layout

    def _line(self, cells: dict[str, str] | None, width: int) -> str:
        parts = []
        for column, size in self._columns(width):
            value = _(column.title) if cells is None else cells.get(column.key, "")
            parts.append(fit(value, size))
        return fit(" ".join(parts), width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            text = self._line(None, width)
            return Strip([Segment(text, self._style("item-list--header"))], width)
        position = int(self.scroll_offset.y) + y - 1
        if position >= len(self.shown):
            if not self.shown and y == 1:
                text = fit(" " + _("No items match. x clears the filter and facets."), width)
                return Strip([Segment(text, self._style("base") + Style(dim=True))], width)
            return Strip.blank(width, self._style("base"))
        index = self.shown[position]
        row = self.rows[index]
        self._columns(width)
        cached = self._lines.get(index)
        if cached is None:
            cached = self._lines[index] = self._line(row.cells, width)
        text = cached
        style = self._style("item-list--priority" if row.priority else "base")
        if position == self.cursor:
            name = "item-list--cursor" if self.has_focus else "item-list--cursor-blurred"
            style += self._style(name)
        return Strip([Segment(text, style)], width)
