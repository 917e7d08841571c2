"""Combining sources gives the same mission whatever the order and grouping of the files."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit.domain.items import Item
from fieldkit.importers import read_items
from fieldkit.importers.wording import normalised
from tests.fixtures.builders import FIXTURES, write_uhri_xlsx
from tests.unit.test_import_real import CHINA_ROWS, MATRIX, imported

UPR_2014 = FIXTURES / "upr-info-export_kazakhstan_session20_2014.csv"


def outcome(items: dict[str, Item]) -> list[tuple[str, tuple[str, ...], str]]:
    """Each item by its number (or wording), its recommending States and its position."""
    return sorted(
        (
            i.reference or normalised(i.text),
            tuple(sorted(i.recommending_states)),
            str(i.position),
        )
        for i in items.values()
    )


@pytest.fixture(scope="module")
def china() -> list[list[Item]]:
    return [read_items(MATRIX, "ohchr-docx").items, read_items(CHINA_ROWS, "upr-info").items]


@pytest.fixture(scope="module")
def kazakhstan(tmp_path_factory: pytest.TempPathFactory) -> list[list[Item]]:
    workbook = write_uhri_xlsx(tmp_path_factory.mktemp("uhri") / "uhri.xlsx")
    return [read_items(workbook, "uhri").items, read_items(UPR_2014, "upr-info").items]


def batches(files: list[list[Item]], order: list[int], cuts: list[bool]) -> list[list[Item]]:
    """The files in `order`, imported together where `cuts` says no cut between two."""
    out: list[list[Item]] = [list(files[order[0]])]
    for index, cut in zip(order[1:], cuts, strict=False):
        if cut:
            out.append([])
        out[-1] += files[index]
    return out


ORDERS = st.permutations([0, 1, 0, 1])  # each file twice: re-importing adds nothing
CUTS = st.lists(st.booleans(), min_size=3, max_size=3)
SLOW_FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=12, deadline=None, suppress_health_check=SLOW_FIXTURES)
@given(order=ORDERS, cuts=CUTS)
def test_the_china_matrix_and_its_rows_in_any_order(
    china: list[list[Item]], order: list[int], cuts: list[bool]
) -> None:
    expected = outcome(imported(china))
    assert len(expected) == 252
    assert outcome(imported(batches(china, order, cuts))) == expected


@settings(max_examples=12, deadline=None, suppress_health_check=SLOW_FIXTURES)
@given(order=ORDERS, cuts=CUTS)
def test_uhri_and_upr_info_in_any_order(
    kazakhstan: list[list[Item]], order: list[int], cuts: list[bool]
) -> None:
    expected = outcome(imported(kazakhstan, "Kazakhstan"))
    assert len(expected) == 197
    assert outcome(imported(batches(kazakhstan, order, cuts), "Kazakhstan")) == expected


def test_one_item_per_un_number(china: list[list[Item]], kazakhstan: list[list[Item]]) -> None:
    for files, country in ((china, "China"), (kazakhstan, "Kazakhstan")):
        items = imported([files[1], files[0]], country).values()
        numbers = [(i.document_symbol, i.reference) for i in items if i.reference]
        assert len(numbers) == len(set(numbers))
