"""UPR Info exports: counts, whole items from real rows, enrichment of numbered items."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from fieldkit.domain.items import Item, Source
from fieldkit.domain.mission import Mission
from fieldkit.domain.vocab import Mechanism, Position
from fieldkit.importers import ImportFailed, read_items
from fieldkit.importers.detect import detect
from fieldkit.storage.repository import Store
from tests.fixtures.builders import FIXTURES, shape
from tests.helpers import cli

UPR_2010 = FIXTURES / "upr-info-export_kazakhstan_session07_2010.csv"
UPR_2014 = FIXTURES / "upr-info-export_kazakhstan_session20_2014.csv"


def data_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as stream:
        return sum(1 for _ in csv.reader(stream)) - 1


@pytest.fixture
def mission(tmp_path: Path) -> Path:
    path = tmp_path / "m.json"
    Store(path).create(Mission(name="Astana follow-up", country="Kazakhstan"))
    return path


def test_the_exports_import_one_item_per_row() -> None:
    assert len(read_items(UPR_2014, "upr-info").items) == 198
    assert len(read_items(UPR_2010, "upr-info").items) == data_rows(UPR_2010) == 129


def test_a_row_becomes_a_whole_item() -> None:
    item = read_items(UPR_2014, "upr-info").items[0]
    expected = Item(
        mechanism=Mechanism.UPR,
        cycle=2,
        session=20,
        year=2014,
        state_under_review="Kazakhstan",
        recommending_states=("Mexico",),
        position=Position.SUPPORTED,
        text="Adopt legislative measures to criminalize torture, violence against women and "
        "trafficking in persons in line with international standards",
        themes=("Torture and other CID treatment", "Trafficking", "Women's rights"),
        tags=("action:5",),
        source=Source(file=UPR_2014.name, row=2, format="upr-info"),
    )
    assert shape(item) == shape(expected)


def test_state_names_and_noted_positions_are_normalised() -> None:
    items = read_items(UPR_2014, "upr-info").items
    laos = next(i for i in items if i.source and i.source.row == 86)
    assert laos.recommending_states == ("Lao People's Democratic Republic",)
    states = {s for i in items for s in i.recommending_states}
    assert {"United States of America", "Bosnia and Herzegovina"} <= states
    assert not {"Laos", "United States", "DPR Korea", "Iran"} & states
    assert sum(i.position is Position.NOTED for i in items) == 51
    assert {i.cycle for i in read_items(UPR_2010, "upr-info").items} == {1}


def test_the_format_is_detected_from_the_header() -> None:
    assert detect(UPR_2014) == "upr-info"


def test_an_xlsx_export_reads_as_the_csv_does(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    with UPR_2010.open(encoding="utf-8", newline="") as stream:
        for row in csv.reader(stream):
            book.active.append([int(c) if c.isdigit() else c for c in row])
    path = tmp_path / "export.xlsx"
    book.save(path)
    assert detect(path) == "upr-info"
    from_xlsx = [shape(i) | {"source": None} for i in read_items(path, "upr-info").items]
    from_csv = [shape(i) | {"source": None} for i in read_items(UPR_2010, "upr-info").items]
    assert from_xlsx == from_csv


def test_an_xls_export_reads_as_the_csv_does() -> None:
    xls = FIXTURES / "upr-info-export_kazakhstan_session07_2010.xls"
    assert detect(xls) == "upr-info"
    from_xls = [shape(i) | {"source": None} for i in read_items(xls, "upr-info").items]
    from_csv = [shape(i) | {"source": None} for i in read_items(UPR_2010, "upr-info").items]
    assert from_xls == from_csv


def test_import_then_reimport_adds_nothing(mission: Path) -> None:
    first = cli("import", UPR_2014, "--db", mission)
    assert first.exit_code == 0, first.output
    assert "added 198" in first.output
    assert len(Store(mission).data().items) == 198
    before = mission.read_bytes()
    second = cli("import", UPR_2014, "--db", mission)
    assert second.exit_code == 0
    assert "added 0" in second.output and "skipped 198" in second.output
    assert mission.read_bytes() == before


def test_onto_the_demo_it_enriches_the_numbered_recommendations(demo_path: Path) -> None:
    before = Store(demo_path).data().items
    result = cli("import", UPR_2010, "--db", demo_path)
    assert result.exit_code == 0, result.output
    assert "added 0" in result.output
    after = Store(demo_path).data().items
    assert len(after) == len(before)
    cycle1 = [i for i in after.values() if i.document_symbol == "A/HRC/14/10"]
    assert len(cycle1) == 128
    assert all(any(t.startswith("action:") for t in i.tags) for i in cycle1)
    item = next(i for i in cycle1 if i.reference == "95.1")
    assert item.tags == ("action:5",)
    assert item.text == before[item.id].text  # the UN wording is kept
    assert item.priority == before[item.id].priority


def test_a_broken_row_imports_nothing_and_names_every_bad_row(
    mission: Path, tmp_path: Path
) -> None:
    lines = UPR_2010.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].replace(",Accepted,", ",Maybe,")
    lines[8] = lines[8].rstrip("\r\n").rsplit(",", 1)[0] + ",seven\r\n"
    broken = tmp_path / "broken.csv"
    broken.write_text("".join(lines), encoding="utf-8")
    before = mission.read_bytes()
    result = cli("import", broken, "--db", mission)
    assert result.exit_code == 2
    assert "2 of 129 rows are bad; nothing was imported" in result.output
    assert "row 5: position 'Maybe' is not one of" in result.output
    assert "row 9: Session 'seven' is not a number" in result.output
    assert mission.read_bytes() == before


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text("SuR,Recommendation,RS\nKazakhstan,Do it,France\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="no column Response, Session"):
        read_items(path, "upr-info")


def test_windows_encoded_exports_are_read(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    shutil.copy(UPR_2010, path)
    text = path.read_text(encoding="utf-8").replace("Abolish", "Abolish “all”", 1)
    path.write_bytes(text.encode("cp1252"))
    assert "“all”" in read_items(path, "upr-info").items[0].text
