"""fieldkit's own items CSV template: the shipped example, its columns, its errors."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from fieldkit.domain.items import Item, Limb, Source
from fieldkit.domain.mission import Mission
from fieldkit.domain.vocab import ItemKind, Mechanism, Position
from fieldkit.importers import ImportFailed, read_items
from fieldkit.importers.detect import detect
from fieldkit.storage.repository import Store
from tests.fixtures.builders import shape
from tests.helpers import cli

TEMPLATE = Path(str(resources.files("fieldkit.data").joinpath("items-template.csv")))
HEADER = (
    "kind,mechanism,document_symbol,reference,cycle,session,year,state_under_review,"
    "recommending_states,position,title,text,themes,affected_persons,sdgs,tags,priority\n"
)


@pytest.fixture
def mission(tmp_path: Path) -> Path:
    path = tmp_path / "m.json"
    Store(path).create(Mission(name="Astana follow-up", country="Kazakhstan"))
    return path


def test_the_shipped_template_imports_every_kind_of_item(mission: Path) -> None:
    assert detect(TEMPLATE) == "csv"
    result = cli("import", TEMPLATE, "--db", mission)
    assert result.exit_code == 0, result.output
    assert "added 4" in result.output
    items = Store(mission).data().items.values()
    assert {i.kind for i in items} == set(ItemKind)
    para24 = next(i for i in items if i.mechanism is Mechanism.CCPR)
    assert para24.short_ref == "CCPR-24" and para24.priority == 1
    assert [limb.label for limb in para24.limbs] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]
    again = cli("import", TEMPLATE, "--db", mission)
    assert "added 0, enriched 0, skipped 4" in again.output


def test_a_row_becomes_a_whole_item(tmp_path: Path) -> None:
    """Semicolon-separated, as Excel saves CSV in many locales; headers in any case."""
    path = tmp_path / "list.csv"
    path.write_text(
        "Mechanism;Text;Reference;Session;State under review;Recommending states;Position;"
        "Themes;Tags\n"
        'upr;To abolish the death penalty (Spain) (France);95.4;7;Kazakhstan;"Spain; France";'
        "Accepted;Death penalty;coalition plan\n",
        encoding="utf-8",
    )
    item = read_items(path, "csv").items[0]
    expected = Item(
        mechanism=Mechanism.UPR,
        reference="95.4",
        cycle=1,
        session=7,
        year=2010,
        state_under_review="Kazakhstan",
        recommending_states=("Spain", "France"),
        position=Position.SUPPORTED,
        text="To abolish the death penalty (Spain) (France)",
        themes=("Death penalty",),
        tags=("coalition plan",),
        source=Source(file="list.csv", row=2, format="csv"),
    )
    assert shape(item) == shape(expected)


def test_lists_are_split_on_semicolons_and_states_normalised(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        HEADER + 'recommendation,UPR,,,,,,Kazakhstan,"UK; USA; Laos",,,Do it,"a; b",,,,\n',
        encoding="utf-8",
    )
    item = read_items(path, "csv").items[0]
    assert item.recommending_states == (
        "United Kingdom of Great Britain and Northern Ireland",
        "United States of America",
        "Lao People's Democratic Republic",
    )
    assert item.themes == ("a", "b")


def test_treaty_body_text_is_split_into_limbs(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        HEADER + ",CAT,CAT/C/KAZ/CO/3,24,,,2014,Kazakhstan,,,,"
        '"The State party should: (a) Close the centres; (b) Train the staff.",,,,,\n',
        encoding="utf-8",
    )
    item = read_items(path, "csv").items[0]
    assert item.reference == "para 24"
    assert item.text == "The State party should:"
    assert item.limbs == (
        Limb(label="(a)", text="Close the centres"),
        Limb(label="(b)", text="Train the staff."),
    )


def test_every_bad_row_is_named_and_nothing_is_written(tmp_path: Path, mission: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + "recommendation,UPR,,1.1,,,,Kazakhstan,,supported,,Fine,,,,,\n"
        + "recommendation,UNICEF,,1.2,,,,Kazakhstan,,,,Wrong body,,,,,\n"
        + "idea,UPR,,1.3,,,twenty,Kazakhstan,,maybe,,,,,,,x\n",
        encoding="utf-8",
    )
    before = mission.read_bytes()
    result = cli("import", path, "--db", mission)
    assert result.exit_code == 2
    assert "2 of 3 rows are bad; nothing was imported" in result.output
    assert "row 3: mechanism 'UNICEF' is not one of UPR, CCPR" in result.output
    row4 = next(line for line in result.output.splitlines() if "row 4:" in line)
    for wrong in ("text is empty", "kind 'idea'", "position 'maybe'", "year 'twenty'"):
        assert wrong in row4
    assert "priority 'x' is not a number" in row4
    assert mission.read_bytes() == before


def test_a_missing_required_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("mechanism,reference\nUPR,1.1\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="no column text"):
        read_items(path, "csv")


def test_import_needs_a_mission_file(tmp_path: Path) -> None:
    result = cli("import", TEMPLATE, "--db", tmp_path / "none.json")
    assert result.exit_code == 2
    assert "no mission file at" in result.output and "fieldkit init" in result.output
    assert not (tmp_path / "none.json").exists()


def test_an_exported_items_csv_imports_back_without_duplicates(demo_path: Path) -> None:
    out = demo_path.parent / "items.csv"
    exported = cli("export", "csv", "--out", out, "--db", demo_path)
    if exported.exit_code != 0:
        pytest.skip("export csv is not available")
    result = cli("import", out, "--format", "csv", "--db", demo_path)
    assert result.exit_code == 0, result.output
    assert "added 0" in result.output


def test_short_treaty_body_references_are_read_as_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("mechanism,reference,text\nCCPR,CCPR-24,Eradicate torture\n")
    assert read_items(path, "csv").items[0].reference == "para 24"
