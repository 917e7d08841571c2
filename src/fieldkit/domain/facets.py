"""Facets of the items browser: the values on offer with their counts, and choosing one.

Pure functions of the mission and the current `ItemFilter`, so the picker, the tests and any
later screen narrow items the same way. One value per facet; choosing it again clears it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable

from fieldkit.domain.filters import ItemFilter
from fieldkit.domain.items import Item
from fieldkit.domain.mission import MissionData
from fieldkit.domain.vocab import ItemKind, Mechanism, Position, Word
from fieldkit.i18n import N_, _

TEXT_FACETS = ("mechanism", "position", "kind", "theme")

#: Each facet's name as a person reads it, and the vocabulary its values are words of.
FACETS: dict[str, tuple[str, type[Word] | None]] = {
    "mechanism": (N_("Body"), Mechanism),
    "year": (N_("Year"), None),
    "position": (N_("Position"), Position),
    "kind": (N_("Kind"), ItemKind),
    "theme": (N_("Theme"), None),
}


def facet_name(key: str) -> str:
    """A facet's name in the chosen language: `mechanism` -> `Body`, `Орган`, `Organe`."""
    return _(FACETS[key][0]) if key in FACETS else key


def value_label(key: str, value: str) -> str:
    """A facet's value as a person reads it: a vocabulary word's label, else as it is."""
    vocabulary = FACETS.get(key, ("", None))[1]
    if vocabulary is not None:
        try:
            return vocabulary(value).label
        except ValueError:
            return value
    return value


def facet_lines(
    data: MissionData, flt: ItemFilter, query: str = "", among: Iterable[Item] | None = None
) -> list[tuple[str, str]]:
    """(id, line) for every facet value, marked [x] when chosen, narrowed by `query`.

    The counts are of the items `among` (those the text filter lets through), all if None,
    so they say how many items each value would show.
    """
    items = list(data.items.values() if among is None else among)
    entries: list[tuple[str, str, bool]] = [
        ("priority_only", _("Priorities only"), flt.priority_only),
        ("no_response", _("No response yet"), flt.no_response),
    ]
    groups: list[tuple[str, Counter[str], str]] = [
        ("mechanism", Counter(i.mechanism.value for i in items), flt.mechanism),
        ("year", Counter(str(i.year) for i in items if i.year), str(flt.year or "")),
        ("position", Counter(i.position.value for i in items if i.position), flt.position),
        ("kind", Counter(i.kind.value for i in items), flt.kind),
        ("theme", Counter(t for i in items for t in i.themes), flt.theme),
    ]
    for key, counts, current in groups:
        if current and current not in counts:
            counts[current] = 0  # chosen, none among these: still there to be unchosen
        name = facet_name(key)
        for value in sorted(counts, key=str.lower):
            words = f"{name}: {value_label(key, value)} ({counts[value]})"
            entries.append((f"{key}={value}", words, value == current))
    wanted = query.lower().split()
    return [
        (entry_id, ("[x] " if active else "[ ] ") + words)
        for entry_id, words, active in entries
        if all(w in words.lower() for w in wanted)
    ]


def toggled(flt: ItemFilter, entry_id: str) -> ItemFilter:
    """The filter with one facet value chosen, or cleared if it was chosen already."""
    if entry_id == "priority_only":
        return dataclasses.replace(flt, priority_only=not flt.priority_only)
    if entry_id == "no_response":
        return dataclasses.replace(flt, no_response=not flt.no_response)
    key, _, value = entry_id.partition("=")
    if key == "year":
        year = int(value)
        return dataclasses.replace(flt, year=None if flt.year == year else year)
    if key in TEXT_FACETS:
        current = getattr(flt, key)
        changes: dict[str, str] = {key: "" if current == value else value}
        return dataclasses.replace(flt, **changes)  # type: ignore[arg-type]
    return flt
