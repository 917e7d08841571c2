"""UHRI exports as they come: '- ' before single values, HTML entities, 'Recommendation No.'."""

from __future__ import annotations

from typing import Any

import pytest

from fieldkit.domain.items import Item
from fieldkit.domain.vocab import Mechanism, Position
from fieldkit.importers import read_items
from fieldkit.importers.cells import split_reference, text
from tests.fixtures.builders import FIXTURES, uhri_records, write_uhri_xlsx
from tests.unit.test_import_real import imported

UPR_2014 = FIXTURES / "upr-info-export_kazakhstan_session20_2014.csv"


def dashed(record: dict[str, Any]) -> dict[str, Any]:
    """Every cell led by '- ', entities for brackets and quotes, the number labelled."""
    out = {k: f"- {v}" if isinstance(v, str | int) and not str(v).startswith("- ") else v
           for k, v in record.items()}  # fmt: skip
    number, body = split_reference(record["Text"])
    body = body.replace("'", "&rsquo;").replace("(", "&#40;").replace(")", "&#41;")
    out["Text"] = f"Recommendation No. {number} para. {body.replace(' ', '&nbsp;', 2)}"
    if record["Reccomending Body"] == "Universal Periodic Review":
        out["Reccomending Body"] = "- UPR"
    return out


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> list[Item]:
    path = tmp_path_factory.mktemp("uhri") / "uhri-dashed.xlsx"
    write_uhri_xlsx(path, [dashed(r) for r in uhri_records()])
    return read_items(path, "uhri").items


def test_single_values_led_by_a_dash_are_read(messy: list[Item]) -> None:
    upr = [i for i in messy if i.mechanism is Mechanism.UPR]
    assert len(upr) == 194
    first = next(i for i in upr if i.reference == "124.1")
    assert (first.session, first.cycle, first.position) == (20, 2, Position.SUPPORTED)
    assert first.document_symbol == "A/HRC/28/10" and first.source
    assert first.source.annotation_id.startswith("a1b2c3d4")
    assert "&" not in first.text and "\u00a0" not in first.text


def test_then_upr_info_adds_nothing_twice_in_either_order(messy: list[Item]) -> None:
    rows = read_items(UPR_2014, "upr-info").items
    uhri_first = imported([messy, rows], "Kazakhstan")
    rows_first = imported([rows, messy], "Kazakhstan")
    assert len(uhri_first) == len(rows_first) == 197


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("&#40;Unknown&#41;", "(Unknown)"),
        ("State&rsquo;s&nbsp;duty", "State\u2019s duty"),
        ("non&#8209;refoulement", "non-refoulement"),
        ("R&D and AT&T &para 5", "R&D and AT&T &para 5"),
    ],
)
def test_html_entities_are_decoded(raw: str, expected: str) -> None:
    assert text(raw) == expected


def test_the_labelled_number_is_the_reference() -> None:
    assert split_reference("Recommendation No. 124.5 para. Ratify the OP") == (
        "124.5",
        "Ratify the OP",
    )
