"""Facet values with their counts, and choosing or clearing one."""

from __future__ import annotations

from fieldkit.domain.facets import facet_lines, toggled
from fieldkit.domain.filters import ItemFilter
from fieldkit.domain.items import Item
from fieldkit.domain.mission import Mission, MissionData
from fieldkit.domain.vocab import Mechanism, Position

DATA = MissionData(
    Mission(name="m"),
    items=[
        Item(id="a", year=2014, position=Position.NOTED, themes=("Torture",)),
        Item(id="b", year=2014, position=Position.SUPPORTED, themes=("Torture", "Media")),
        Item(id="c", mechanism=Mechanism.CCPR, year=2016),
    ],
)


def test_values_come_with_counts_and_marks() -> None:
    lines = dict(facet_lines(DATA, ItemFilter(theme="Torture")))
    assert lines["theme=Torture"] == "[x] Theme: Torture (2)"
    assert lines["year=2014"] == "[ ] Year: 2014 (2)"
    assert lines["mechanism=CCPR"] == "[ ] Body: CCPR (1)"
    assert [k for k, _ in facet_lines(DATA, ItemFilter(), "media")] == ["theme=Media"]


def test_choosing_twice_clears() -> None:
    flt = toggled(ItemFilter(search="x"), "year=2014")
    assert flt == ItemFilter(search="x", year=2014)
    assert toggled(flt, "year=2014") == ItemFilter(search="x")
    flt = toggled(toggled(ItemFilter(), "position=noted"), "position=supported")
    assert flt.position == "supported"
    assert toggled(toggled(ItemFilter(), "no_response"), "priority_only") == ItemFilter(
        no_response=True, priority_only=True
    )
    assert toggled(ItemFilter(), "nonsense=1") == ItemFilter()


def test_facet_counts_follow_the_text_filter() -> None:
    """Counted among the items the typed words let through, not among them all."""
    torture = [i for i in DATA.items.values() if "Torture" in i.themes]
    lines = dict(facet_lines(DATA, ItemFilter(), among=torture[:1]))
    assert lines["theme=Torture"] == "[ ] Theme: Torture (1)"
    assert "theme=Media" not in lines
