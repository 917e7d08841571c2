"""Finding records as people name them: ids by unique prefix, items by reference."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from fieldkit.domain.directory import Person
from fieldkit.domain.items import Item
from fieldkit.domain.records import Record
from fieldkit.i18n import N_, _

R = TypeVar("R", bound=Record)


class NotFound(LookupError):
    """A name that matches nothing, or more than one record."""


_SAID: dict[str, tuple[str, str, str]] = {
    "item": (
        N_("no item id given"),
        N_("no item with id {id}"),
        N_("item id {id} is ambiguous ({count} match): give more characters"),
    ),
    "person": (
        N_("no person id given"),
        N_("no person with id {id}"),
        N_("person id {id} is ambiguous ({count} match): give more characters"),
    ),
    "meeting": (
        N_("no meeting id given"),
        N_("no meeting with id {id}"),
        N_("meeting id {id} is ambiguous ({count} match): give more characters"),
    ),
    "note": (
        N_("no note id given"),
        N_("no note with id {id}"),
        N_("note id {id} is ambiguous ({count} match): give more characters"),
    ),
    "response": (
        N_("no response id given"),
        N_("no response with id {id}"),
        N_("response id {id} is ambiguous ({count} match): give more characters"),
    ),
    "action": (
        N_("no action id given"),
        N_("no action with id {id}"),
        N_("action id {id} is ambiguous ({count} match): give more characters"),
    ),
}
"""What is said when an id names no record, or more than one, by the kind of record."""


def by_prefix(records: Mapping[str, R], prefix: str, what: str) -> R:
    """The one record whose id starts with `prefix`; `what` is a key of `_SAID`."""
    none_given, no_such, ambiguous = _SAID[what]
    prefix = prefix.strip().lower()
    if not prefix:
        raise NotFound(_(none_given))
    exact = records.get(prefix)
    if exact is not None:
        return exact
    found = [r for key, r in records.items() if key.startswith(prefix)]
    if not found:
        raise NotFound(_(no_such).format(id=repr(prefix)))
    if len(found) > 1:
        raise NotFound(_(ambiguous).format(id=repr(prefix), count=len(found)))
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
        raise NotFound(_("no person given"))
    exact = [p for p in people.values() if p.name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    found = [p for p in people.values() if wanted in f"{p.name} {p.title}".casefold()]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        names = ", ".join(sorted(p.name for p in found)[:5])
        raise NotFound(
            _("{name} could be any of: {names}; say more of the name").format(
                name=repr(name.strip()), names=names
            )
        )
    try:
        return by_prefix(people, name, "person")
    except NotFound:
        raise NotFound(_("no person named {name}").format(name=repr(name.strip()))) from None
