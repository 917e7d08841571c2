"""The domain's rules: citations, grades, records, lookups, filters."""

from __future__ import annotations

import pytest

from fieldkit.domain.citations import cite
from fieldkit.domain.filters import ItemFilter, select
from fieldkit.domain.grades import Grade, parse_grade, trend
from fieldkit.domain.items import Item, Limb, Source
from fieldkit.domain.lookup import NotFound, by_prefix, find_item
from fieldkit.domain.meetings import Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.records import RecordError
from fieldkit.domain.states import canonical_state
from fieldkit.domain.text import clean, shorten
from fieldkit.domain.vocab import Mechanism, Position, Stance

UPR = Item(
    mechanism=Mechanism.UPR,
    document_symbol="A/HRC/14/10",
    reference="95.42",
    recommending_states=("Australia",),
    position=Position.SUPPORTED,
    text="To establish torture as a serious crime (Australia)",
    themes=("Torture and other CID treatment",),
    year=2010,
)
CCPR = Item(
    mechanism=Mechanism.CCPR,
    document_symbol="CCPR/C/KAZ/CO/2",
    reference="para 24",
    text="The State party should take robust measures to eradicate torture",
    limbs=(
        Limb(label="(a)", text="standards of proof"),
        Limb(label="(b)", text="independent body"),
    ),
    priority=1,
    year=2016,
)


def test_citations_follow_un_usage() -> None:
    assert cite(UPR) == "A/HRC/14/10, rec 95.42 (Australia)"
    assert cite(CCPR, "b") == "CCPR/C/KAZ/CO/2, para 24(b)"
    assert cite(CCPR, "(b)") == "CCPR/C/KAZ/CO/2, para 24(b)"
    assert cite(CCPR) == "CCPR/C/KAZ/CO/2, para 24"
    two = Item(
        document_symbol="A/HRC/14/10",
        reference="95.3",
        recommending_states=("Slovenia", "Republic of Korea"),
    )
    assert cite(two) == "A/HRC/14/10, rec 95.3 (Slovenia, Republic of Korea)"


def test_grades_accept_legacy_sub_grades_and_compare() -> None:
    assert parse_grade(" b2 ") is Grade.B2
    assert parse_grade("C-1") is Grade.C1
    assert Grade.B1.letter == "B"
    assert Grade.A.rank < Grade.B1.rank < Grade.B2.rank < Grade.C.rank
    with pytest.raises(ValueError, match="unknown grade"):
        parse_grade("F")
    assert trend(Grade.C, Grade.B) == "improved"
    assert trend(Grade.B, Grade.C) == "worsened"
    assert trend(Grade.B, Grade.B) == "unchanged"
    assert trend(None, Grade.B) == "new"


def test_record_round_trip_keeps_unknown_fields() -> None:
    item = Item(
        reference="95.1", source=Source(file="x.csv", row=3), extra={"future_field": [1, 2]}
    )
    doc = item.to_dict()
    assert doc["future_field"] == [1, 2]
    assert doc["mechanism"] == "UPR"
    assert doc["limbs"] == []
    again = Item.from_dict(doc)
    assert again == item
    assert again.extra == {"future_field": [1, 2]}
    assert again.source == Source(file="x.csv", row=3)


def test_record_with_a_bad_value_is_refused_with_its_field() -> None:
    doc = Response(meeting_id="m", item_id="i").to_dict() | {"stance": "maybe"}
    with pytest.raises(RecordError, match=r"Response\.stance"):
        Response.from_dict(doc)
    with pytest.raises(RecordError, match=r"Item\.year"):
        Item.from_dict({"year": "2010"})


def test_items_are_found_by_reference_or_id_prefix() -> None:
    items = {UPR.id: UPR, CCPR.id: CCPR}
    assert find_item(items, "95.42") is UPR
    assert find_item(items, "CCPR-24") is CCPR
    assert find_item(items, "ccpr 24") is CCPR
    assert find_item(items, "CCPR/C/KAZ/CO/2#para 24") is CCPR
    assert find_item(items, CCPR.id[:8]) is CCPR
    with pytest.raises(NotFound, match="no item"):
        find_item(items, "99.99")


def test_id_prefix_must_be_unique() -> None:
    records = {"abc1": UPR, "abc2": CCPR}
    assert by_prefix(records, "abc1", "item") is UPR
    with pytest.raises(NotFound, match="ambiguous"):
        by_prefix(records, "abc", "item")


def test_filters_search_facets_and_no_response() -> None:
    data = MissionData(
        None,
        items=[UPR, CCPR],
        responses=[Response(meeting_id="m", item_id=CCPR.id, stance=Stance.REJECTS)],
    )
    assert select(data, ItemFilter(search="torture")) == [CCPR, UPR]
    assert select(data, ItemFilter(search="australia torture")) == [UPR]
    assert select(data, ItemFilter(mechanism="ccpr")) == [CCPR]
    assert select(data, ItemFilter(priority_only=True)) == [CCPR]
    assert select(data, ItemFilter(no_response=True)) == [UPR]
    assert select(data, ItemFilter(theme="torture")) == [CCPR, UPR]  # CCPR names it in its text
    assert select(data, ItemFilter(search="independent body")) == [CCPR]  # limbs are searched
    assert data.latest_response(CCPR.id) is not None


def test_state_aliases_are_one_state() -> None:
    assert canonical_state("UK") == canonical_state(
        "United Kingdom of Great Britain and Northern Ireland"
    )
    assert canonical_state("United States") == "United States of America"
    assert canonical_state("Lao PDR") == "Lao People's Democratic Republic"
    assert canonical_state("  Slovenia ;") == "Slovenia"


def test_text_cleaning_removes_controls_and_keeps_scripts() -> None:
    assert clean("a\x0bb\x0cc\x00d\x07") == "a\nb\ncd"
    assert clean("Қазақстан — Казахстан 🇰🇿 كازاخستان") == "Қазақстан — Казахстан 🇰🇿 كازاخستان"
    assert shorten("one two three", 8) == "one two…"


def test_counts_read_as_words() -> None:
    from fieldkit.domain.text import counted

    assert counted(1, "note") == "1 note"
    assert counted(2, "note") == "2 notes"
    assert counted(1, "person", "people") == "1 person"
    assert counted(3, "person", "people") == "3 people"
