"""UHRI exports (Excel and JSON): fields parsed, merging with the demo and with UPR Info."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fieldkit.domain.items import Item, Limb, Source
from fieldkit.domain.mission import Mission
from fieldkit.domain.states import STATES
from fieldkit.domain.vocab import ItemKind, Mechanism, Position
from fieldkit.importers import ImportFailed, read_items
from fieldkit.importers.detect import detect
from fieldkit.importers.uhri import read_items as uhri_items
from fieldkit.storage.repository import Store
from tests.fixtures.builders import (
    FIXTURES,
    shape,
    uhri_records,
    write_uhri_json,
    write_uhri_xlsx,
)
from tests.helpers import cli

UPR_2014 = FIXTURES / "upr-info-export_kazakhstan_session20_2014.csv"


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_uhri_xlsx(tmp_path / "uhri-export.xlsx")


@pytest.fixture
def mission(tmp_path: Path) -> Path:
    path = tmp_path / "m.json"
    Store(path).create(Mission(name="Astana follow-up", country="Kazakhstan"))
    return path


def test_a_upr_row_becomes_a_whole_item(workbook: Path) -> None:
    items = uhri_items(workbook)
    assert len(items) == len(list(uhri_records())) == 197
    expected = Item(
        mechanism=Mechanism.UPR,
        document_symbol="A/HRC/28/10",
        reference="124.1",
        cycle=2,
        session=20,
        year=2014,
        state_under_review="Kazakhstan",
        recommending_states=("Mexico",),
        position=Position.SUPPORTED,
        text="Adopt legislative measures to criminalize torture, violence against women and "
        "trafficking in persons in line with international standards (Mexico)",
        themes=("Torture and other cruel, inhuman or degrading treatment", "Women's rights"),
        affected_persons=("Women",),
        sdgs=("16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",),
        source=Source(
            file=workbook.name,
            row=2,
            format="uhri",
            annotation_id="a1b2c3d4-0000-4000-8000-000000000001",
        ),
        extra={"published": "2015-03-12"},
    )
    assert shape(items[0]) == shape(expected)


def test_a_treaty_body_row_keeps_its_paragraph_and_limbs(workbook: Path) -> None:
    para24 = next(i for i in uhri_items(workbook) if i.reference == "para 24")
    assert para24.mechanism is Mechanism.CCPR
    assert para24.kind is ItemKind.RECOMMENDATION
    assert para24.document_symbol == "CCPR/C/KAZ/CO/2"
    assert para24.year == 2016  # from the Excel serial date
    assert para24.position is None and para24.recommending_states == ()
    assert para24.text.startswith("The State party should take robust measures")
    assert [limb.label for limb in para24.limbs] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]
    assert para24.limbs[5] == Limb(
        label="(f)",
        text="Ensuring that oversight of the penitentiary system is exercised by an agency "
        "independent of the police and internal security forces",
    )


def test_joint_recommendations_keep_every_state_in_un_spelling(workbook: Path) -> None:
    items = uhri_items(workbook)
    assert max(len(i.recommending_states) for i in items) >= 2
    named = {s for i in items for s in i.recommending_states}
    assert named <= STATES  # 'Islamic Republic of Iran', 'Iran (Islamic republic of)' are one
    assert "Iran (Islamic Republic of)" in named


def test_the_json_export_gives_the_same_items(workbook: Path, tmp_path: Path) -> None:
    exported = write_uhri_json(tmp_path / "uhri.json")
    assert detect(exported) == "uhri-json"
    from_json = [shape(i) | {"source": None} for i in read_items(exported, "uhri-json").items]
    from_xlsx = [shape(i) | {"source": None} for i in uhri_items(workbook)]
    assert from_json == from_xlsx


def test_detected_by_its_columns_in_any_order(workbook: Path) -> None:
    assert detect(workbook) == "uhri"


def test_reimport_adds_nothing(mission: Path, workbook: Path) -> None:
    assert cli("import", workbook, "--db", mission).exit_code == 0
    before = mission.read_bytes()
    again = cli("import", workbook, "--db", mission)
    assert again.exit_code == 0
    assert "added 0, enriched 0, skipped 197" in again.output
    assert mission.read_bytes() == before


def test_upr_info_after_uhri_enriches_instead_of_duplicating(mission: Path, workbook: Path) -> None:
    assert cli("import", workbook, "--db", mission).exit_code == 0
    result = cli("import", UPR_2014, "--db", mission)
    assert result.exit_code == 0, result.output
    assert "added 0, enriched 194, skipped 4" in result.output
    items = Store(mission).data().items.values()
    assert len(items) == 197
    first = next(i for i in items if i.reference == "124.1")
    assert first.tags == ("action:5",)
    assert "Trafficking" in first.themes  # UPR Info's issue joins UHRI's themes
    assert first.source and first.source.format == "uhri"  # where it came from is kept


def test_on_the_demo_uhri_enriches_the_numbered_items(demo_path: Path, workbook: Path) -> None:
    before = Store(demo_path).data().items
    result = cli("import", workbook, "--db", demo_path)
    assert result.exit_code == 0, result.output
    assert "added 0" in result.output
    after = Store(demo_path).data().items
    assert len(after) == len(before)
    para24 = next(i for i in after.values() if i.reference == "para 24")
    assert para24.priority == before[para24.id].priority == 2
    assert para24.source and para24.source.annotation_id.endswith("000000000024")
    assert para24.limbs == before[para24.id].limbs


def test_a_bad_row_names_its_row(tmp_path: Path, mission: Path) -> None:
    records = list(uhri_records())[:5]
    records[1] = records[1] | {"UPR Position": "Perhaps", "Document Publication Date": "soon"}
    records[3] = records[3] | {"Text": None}
    path = write_uhri_xlsx(tmp_path / "bad.xlsx", records)
    before = mission.read_bytes()
    result = cli("import", path, "--db", mission)
    assert result.exit_code == 2
    assert "2 of 5 rows are bad" in result.output
    assert "row 3: position 'Perhaps'" in result.output
    assert "Document Publication Date 'soon' is not a date" in result.output
    assert "row 5: Text is empty" in result.output
    assert mission.read_bytes() == before


def test_dates_in_every_spelling_give_the_year(tmp_path: Path) -> None:
    records = list(uhri_records())[-3:]
    ccpr = [
        r | {"Document Publication Date": when}
        for r, when in zip(records, (42591, "2016-08-09T00:00:00", date(2016, 8, 9)), strict=True)
    ]
    items = uhri_items(write_uhri_xlsx(tmp_path / "dates.xlsx", ccpr))
    assert [i.extra["published"] for i in items] == ["2016-08-09"] * 3


def test_junk_named_xlsx_is_refused_in_one_line(tmp_path: Path, mission: Path) -> None:
    junk = tmp_path / "export.xlsx"
    junk.write_bytes(bytes(range(256)) * 40)
    before = mission.read_bytes()
    for args in ((), ("--format", "uhri")):
        result = cli("import", junk, *args, "--db", mission)
        assert result.exit_code == 2
        assert result.output.strip().count("\n") == 0
        assert "export.xlsx: is not an Excel workbook" in result.output
    assert mission.read_bytes() == before


def test_a_damaged_zip_is_refused(tmp_path: Path, workbook: Path) -> None:
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(workbook.read_bytes()[:2000])
    with pytest.raises(ImportFailed, match="cut.xlsx"):
        read_items(cut, "uhri")


def test_title_lines_above_the_header_are_passed_over(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_uhri_xlsx(tmp_path / "titled.xlsx", list(uhri_records())[:3])
    book = load_workbook(path)
    book.active.insert_rows(1, 2)
    book.active["A1"] = "Universal Human Rights Index: search results"
    book.save(path)
    assert detect(path) == "uhri"
    items = uhri_items(path)
    assert [i.reference for i in items] == ["124.1", "124.2", "124.3"]
    assert [i.source.row for i in items if i.source] == [4, 5, 6]


@pytest.mark.parametrize("layout", ["object", "lines"])
def test_json_exports_wrapped_in_an_object_or_one_record_per_line(
    tmp_path: Path, layout: str
) -> None:
    import json

    records = json.loads(write_uhri_json(tmp_path / "array.json").read_text(encoding="utf-8"))
    path = tmp_path / f"{layout}.json"
    if layout == "object":
        path.write_text(json.dumps({"value": records}), encoding="utf-8")
    else:
        path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert detect(path) == "uhri-json"
    items = read_items(path, "uhri-json").items
    assert len(items) == 197 and items[0].reference == "124.1"


def test_a_json_record_that_is_not_an_object_is_named(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text('[{"AnnotationId": "x", "Text": "1.1 Do it", "Body": "UPR"}, 5]')
    with pytest.raises(ImportFailed) as failed:
        read_items(path, "uhri-json")
    assert failed.value.problems == ("record 2: is not an object but int",)
