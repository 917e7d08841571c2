"""Which items a delegate is looking for: text search and facets, shared by CLI and app."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from fieldkit.domain.items import Item
from fieldkit.domain.mission import MissionData
from fieldkit.domain.states import canonical_state


def haystack(item: Item) -> str:
    """The lower-cased text a search looks in: reference, text, States, themes."""
    parts = [
        item.reference,
        item.short_ref,
        item.document_symbol,
        item.title,
        item.text,
        " ".join(item.recommending_states),
        " ".join(canonical_state(s) for s in item.recommending_states),
        " ".join(item.themes),
        " ".join(item.affected_persons),
        " ".join(item.tags),
        " ".join(limb.text for limb in item.limbs),
    ]
    return " ".join(parts).lower()


@dataclasses.dataclass(frozen=True, slots=True)
class ItemFilter:
    search: str = ""
    mechanism: str = ""
    theme: str = ""
    year: int | None = None
    position: str = ""
    kind: str = ""
    state: str = ""
    priority_only: bool = False
    no_response: bool = False

    def terms(self) -> list[str]:
        return self.search.lower().split()

    def accepts(self, item: Item, data: MissionData, text: str | None = None) -> bool:
        if self.priority_only and item.priority is None:
            return False
        if self.mechanism and item.mechanism.value.lower() != self.mechanism.lower():
            return False
        if self.kind and item.kind.value != self.kind.lower():
            return False
        if self.year is not None and item.year != self.year:
            return False
        if self.position and (
            item.position is None or item.position.value != self.position.lower()
        ):
            return False
        if self.theme:
            wanted = self.theme.lower()
            if (
                not any(wanted in t.lower() for t in item.themes)
                and wanted not in item.text.lower()
            ):
                return False
        if self.state:
            wanted_state = canonical_state(self.state).lower()
            if all(canonical_state(s).lower() != wanted_state for s in item.recommending_states):
                return False
        if self.no_response and data.latest_response(item.id) is not None:
            return False
        terms = self.terms()
        if terms:
            hay = text if text is not None else haystack(item)
            return all(t in hay for t in terms)
        return True


def select(data: MissionData, flt: ItemFilter) -> list[Item]:
    """The items the filter accepts, in the order a delegate reads them."""
    return sorted((i for i in data.items.values() if flt.accepts(i, data)), key=reading_order)


def reading_order(item: Item) -> tuple[int, int, str, tuple[int, ...], str]:
    """Priorities first, then by year, document and reference number."""
    return (
        0 if item.priority is not None else 1,
        item.priority if item.priority is not None else 0,
        item.document_symbol,
        _ref_key(item.reference),
        item.reference,
    )


def _ref_key(reference: str) -> tuple[int, ...]:
    digits = "".join(c if c.isdigit() else " " for c in reference).split()
    return tuple(int(d) for d in digits[:4])


def themes_of(items: Iterable[Item]) -> list[str]:
    return sorted({t for i in items for t in i.themes}, key=str.lower)
