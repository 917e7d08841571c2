"""What makes two items the same recommendation: their keys, and the mission's items by key.

An item is numbered when it has a document symbol and a number, or a UHRI annotation id.
Rows without a number (UPR Info) are found by their State under review, recommending State
and normalised wording (`wording.normalised`).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from fieldkit.domain.items import Item
from fieldkit.domain.states import canonical_state
from fieldkit.importers.wording import normalised


def symbol_key(item: Item) -> tuple[str, str] | None:
    if not item.document_symbol or not item.reference:
        return None
    symbol = "".join(item.document_symbol.split()).upper()
    reference = " ".join(item.reference.split()).lower()
    if not symbol or not reference:
        return None
    return symbol, reference


def numbered(item: Item) -> bool:
    if item.source is not None and item.source.annotation_id:
        return True
    return bool(item.document_symbol and item.reference) and symbol_key(item) is not None


def review(item: Item) -> str:
    return _looked_up(item.state_under_review)


def states(item: Item) -> list[str]:
    return list(_all_looked_up(tuple(item.recommending_states)))


@functools.lru_cache(maxsize=4096)
def _looked_up(name: str) -> str:
    return canonical_state(name).lower()


@functools.lru_cache(maxsize=4096)
def _all_looked_up(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_looked_up(s) for s in names) or ("",)


@functools.lru_cache(maxsize=4096)
def _sorted_states(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(_all_looked_up(names)))


def compatible(new: Item, old: Item) -> bool:
    if new.mechanism is not old.mechanism or new.kind is not old.kind:
        return False
    for field in ("session", "cycle", "year"):
        a, b = getattr(new, field), getattr(old, field)
        if a is not None and b is not None and a != b:
            return False
    return True


def row_key(item: Item) -> tuple[Any, ...]:
    """What makes two rows exact copies of each other."""
    return (
        item.kind, item.mechanism, review(item), _sorted_states(tuple(item.recommending_states)),
        " ".join(item.text.split()), item.session, item.cycle, item.position,
        symbol_key(item), item.source.annotation_id if item.source else "",
    )  # fmt: skip


class Index:
    """The mission's items by each matching key."""

    def __init__(self, items: Iterable[Item]) -> None:
        self.ids: set[str] = set()
        self.by_annotation: dict[str, str] = {}
        self.by_symbol: dict[tuple[str, str], str] = {}
        #: (review, State) -> normalised wording -> the rows without a number saying it.
        self.rows: dict[tuple[str, str], dict[str, list[Item]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.numbered: dict[str, list[Item]] = defaultdict(list)
        self.unnumbered: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            self.add(item)

    def add(self, item: Item, *, wording: bool = True) -> None:
        """Index `item`; without `wording`, a row without a number is found by its id only."""
        self.ids.add(item.id)
        if item.source and item.source.annotation_id:
            self.by_annotation.setdefault(item.source.annotation_id, item.id)
        key = symbol_key(item)
        if key:
            self.by_symbol.setdefault(key, item.id)
        if numbered(item):
            self.numbered[review(item)].append(item)
            return
        self.unnumbered[review(item)].append(item)
        if not wording:
            return
        text = normalised(item.text)
        for state in states(item):
            self.rows[(review(item), state)][text].append(item)

    def exact(self, new: Item) -> str | None:
        """The existing item that is this one: same id, annotation, number or row."""
        if new.id in self.ids:  # a fieldkit CSV row that names its item
            return new.id
        if new.source and new.source.annotation_id in self.by_annotation:
            return self.by_annotation[new.source.annotation_id]
        key = symbol_key(new)
        if key:
            return self.by_symbol.get(key)
        if numbered(new):
            return None
        for state in states(new):
            said = self.rows.get((review(new), state))
            if not said:
                continue
            for old in said.get(normalised(new.text), ()):
                if compatible(new, old) and set(states(new)) <= set(states(old)):
                    return old.id
        return None
