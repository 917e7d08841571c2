"""Items raising the same concern: likely ones found by their words, and the link picker's list.

The similarity index is rebuilt only when an item's text changed, not on every link or note.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from fieldkit.domain.items import Item
from fieldkit.domain.mission import MissionData
from fieldkit.domain.priorities import is_linked
from fieldkit.domain.similarity import SimilarityIndex
from fieldkit.domain.text import shorten
from fieldkit.i18n import _
from fieldkit.ui.widgets.picker import Entry

SUGGEST_MINIMUM = 0.15  # weaker text overlap is chance, not the same concern
OTHER_BODY_BONUS = 1.3  # another body raising it is what a delegate wants to see first


def _texts_key(items: list[Item]) -> int:
    return hash(tuple((i.id, i.title, i.text, i.themes) for i in items))


class Likeness:
    """The similarity index of a mission's item texts, kept while the texts stay the same."""

    def __init__(self) -> None:
        self._index: tuple[int, SimilarityIndex] | None = None

    def index(self, data: MissionData) -> SimilarityIndex:
        items = list(data.items.values())
        key = _texts_key(items)
        if self._index is None or self._index[0] != key:
            self._index = (key, SimilarityIndex(items))
        return self._index[1]

    def likely(self, data: MissionData, item_id: str) -> list[Item]:
        """Up to three items probably raising the same concern, not linked yet."""
        item = data.items.get(item_id)
        if item is None:
            return []
        linked = {o.id for o in data.related(item)}
        found = self.index(data).similar(item, limit=6, minimum=SUGGEST_MINIMUM)
        return [other for other, _ in found if other.id not in linked][:3]

    def candidates(self, data: MissionData, item: Item) -> list[Item]:
        """What to offer for linking: linked ones, then other bodies' first, by likeness."""
        index = self.index(data)
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
        by_id = {o.id: o for o in [*data.related(item), *(other for other, _ in scored)]}
        return list(by_id.values())


def link_lines(data: MissionData, item_id: str, found: Sequence[Item]) -> list[Entry]:
    """The picker's entries: each item marked [x] when linked."""
    out: list[Entry] = []
    for other in found:
        mark = "[x] " if is_linked(data, item_id, other.id) else "[ ] "
        line = Text(mark)
        line.append(f"{other.short_ref} ", style="bold")
        line.append(f"{other.mechanism.label} {other.year or ''}  ")
        line.append(shorten(other.title or other.text, 200))
        out.append((other.id, line))
    if not out:
        hint = _("Nothing likely found: type words to search every item.")
        out.append(("", Text(hint, style="dim")))
    return out
