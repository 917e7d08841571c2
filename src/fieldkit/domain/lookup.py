"""Finding records as people name them: ids by unique prefix, items by reference."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from fieldkit.domain.directory import Person
from fieldkit.domain.items import Item
from fieldkit.domain.records import Record
from fieldkit.i18n import _

R = TypeVar("R", bound=Record)


class NotFound(LookupError):
    """A name that matches nothing, or more than one record."""


def by_prefix(records: Mapping[str, R], prefix: str, what: str) -> R:
    """The one record whose id starts with `prefix`."""
    prefix = prefix.strip().lower()
    if not prefix:
        raise NotFound(f"no {what} id given")
    exact = records.get(prefix)
    if exact is not None:
        return exact
    found = [r for key, r in records.items() if key.startswith(prefix)]
    if not found:
        raise NotFound(f"no {what} with id {prefix!r}")
    if len(found) > 1:
        raise NotFound(
            f"{what} id {prefix!r} is ambiguous ({len(found)} match): give more characters"
        )
    return found[0]


_PARA = re.compile(r"^(?P<mech>[A-Za-z]+)[-\s]?(?:para\.?\s*)?(?P<num>\d+)(?P<limb>\(?[a-z]\)?)?$")


def find_item(items: Mapping[str, Item], name: str) -> Item:
    """An item by id prefix, UPR number (`95.42`), `CCPR-24`, or `SYMBOL#REF`."""
    name = name.strip()
    if not name:
        raise NotFound(_("no item given"))
    matches = list(_by_reference(items.values(), name))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        where = ", ".join(sorted({f"{m.document_symbol}#{m.reference}" for m in matches})[:5])
        message = _("item {name} is ambiguous: say which one ({where})")
        raise NotFound(message.format(name=repr(name), where=where))
    try:
        return by_prefix(items, name, "item")
    except NotFound:
        raise NotFound(_("no item with reference or id {name}").format(name=repr(name))) from None


def _by_reference(items: Iterable[Item], name: str) -> Iterable[Item]:
    symbol = ""
    if "#" in name:
        symbol, name = name.rsplit("#", 1)
    wanted = name.strip().lower()
    para = _PARA.match(name.strip())
    for item in items:
        if symbol and item.document_symbol.lower() != symbol.strip().lower():
            continue
        ref = item.reference.lower()
        if (
            ref == wanted
            or item.short_ref.lower() == wanted
            or (
                para
                and item.mechanism.value.lower() == para["mech"].lower()
                and ref == f"para {para['num']}"
            )
        ):
            yield item


def find_person(people: Mapping[str, Person], name: str) -> Person:
    """A person by full name, by any unique part of the name or title, or by id prefix.

    `ombuds` finds "Ombudsman Azimova" when no one else's name or title holds it.
    """
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        raise NotFound("no person given")
    exact = [p for p in people.values() if p.name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    found = [p for p in people.values() if wanted in f"{p.name} {p.title}".casefold()]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        names = ", ".join(sorted(p.name for p in found)[:5])
        raise NotFound(f"{name.strip()!r} could be any of: {names}; say more of the name")
    try:
        return by_prefix(people, name, "person")
    except NotFound:
        raise NotFound(f"no person named {name.strip()!r}") from None
