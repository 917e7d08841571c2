"""The importers' bulk building: new ids and records as the ordinary constructors make them."""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from fieldkit.domain.items import Item, Source
from fieldkit.domain.records import maker
from fieldkit.domain.vocab import ItemKind, Position
from fieldkit.importers.common import Ids


def test_new_ids_are_random_version_4_uuids() -> None:
    ids = Ids()
    made = [ids() for _ in range(3 * Ids.BATCH + 5)]
    assert len(set(made)) == len(made)
    for value in made:
        parsed = uuid.UUID(value)
        assert (parsed.version, parsed.variant) == (4, uuid.RFC_4122)
        assert str(parsed) == value


def test_a_record_made_in_bulk_equals_one_made_by_its_class() -> None:
    source = maker(Source)(file="a.xls", row=3, format="upr-info")
    assert source == Source(file="a.xls", row=3, format="upr-info")
    fields = {"id": "x", "kind": ItemKind.PLEDGE, "text": "Ratify", "source": source,
              "position": Position.NOTED, "recommending_states": ("France",)}  # fmt: skip
    made, built = maker(Item)(**fields), Item(**fields)
    assert made == built and repr(made) == repr(built) and made.to_dict() == built.to_dict()
    fresh = maker(Item)()
    assert fresh.id != maker(Item)().id and fresh.extra == {} and fresh.extra is not made.extra
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        maker(Item)(colour="red")
