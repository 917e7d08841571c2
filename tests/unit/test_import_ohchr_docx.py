"""OHCHR thematic lists (both Word layouts): every numbered recommendation, fields parsed."""

from __future__ import annotations

import re
import zipfile
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

CYCLE3 = FIXTURES / "ohchr-thematic-list_slovenia_UPR34_cycle3.docx"
CYCLE4 = FIXTURES / "ohchr-thematic-list_slovenia_UPR48_cycle4.docx"


def numbered_in(path: Path) -> list[str]:
    """Recommendation numbers read straight from the document XML, without python-docx."""
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    paragraphs = (re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<w:p[ >].*?</w:p>", xml))
    return [m.group(1) for p in paragraphs if (m := re.match(r"(\d{2,3}\.\d{1,3}) \S", p))]


@pytest.mark.parametrize("path", [CYCLE3, CYCLE4], ids=["cycle3", "cycle4"])
def test_every_numbered_recommendation_is_imported(path: Path) -> None:
    expected = numbered_in(path)
    assert len(expected) > 200
    items = read_items(path, "ohchr-docx").items
    assert [i.reference for i in items] == expected
    assert all(i.recommending_states and i.position for i in items)


def test_a_cycle3_row_becomes_a_whole_item() -> None:
    item = read_items(CYCLE3, "ohchr-docx").items[1]
    expected = Item(
        mechanism=Mechanism.UPR,
        document_symbol="A/HRC/43/15",
        reference="121.2",
        cycle=3,
        session=34,
        year=2019,
        state_under_review="Slovenia",
        recommending_states=("Ukraine", "Slovakia"),
        position=Position.SUPPORTED,
        text="Complete the process of ratification of the International Convention for the "
        "Protection of All Persons from Enforced Disappearance (Ukraine); Increase efforts "
        "towards ratification of the International Convention for the Protection of All "
        "Persons from Enforced Disappearance (Slovakia)",
        themes=("Acceptance of international norms", "Enforced disappearances"),
        affected_persons=("Disappeared persons",),
        sdgs=("16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",),
        source=Source(file=CYCLE3.name, row=4, format="ohchr-docx"),
    )
    assert shape(item) == shape(expected)


def test_a_cycle4_row_becomes_a_whole_item() -> None:
    item = next(i for i in read_items(CYCLE4, "ohchr-docx").items if i.reference == "140.11")
    expected = Item(
        mechanism=Mechanism.UPR,
        document_symbol="A/HRC/59/15",
        reference="140.11",
        cycle=4,
        session=48,
        year=2025,
        state_under_review="Slovenia",
        recommending_states=("North Macedonia",),
        position=Position.SUPPORTED,
        text="Accede to the 1961 Convention on the Reduction of Statelessness, in line with the "
        "pledge announced during the 2023 Global Refugee Forum (North Macedonia)",
        themes=(
            "Ratification of & accession to international instruments",
            "Refugees & asylum seekers",
        ),
        affected_persons=("Refugees & asylum seekers", "Public officials", "Stateless persons"),
        sdgs=("10 - REDUCED INEQUALITIES",),
        source=Source(file=CYCLE4.name, row=7, format="ohchr-docx"),
    )
    assert shape(item) == shape(expected)


def test_state_names_inside_the_text_are_found_and_normalised() -> None:
    items = read_items(CYCLE4, "ohchr-docx").items
    states = {s for i in items for s in i.recommending_states}
    assert "Venezuela (Bolivarian Republic of)" in states
    assert "Bolivarian Republic of Venezuela" not in states
    assert not any("No. 29" in s for s in states)
    noted = sum(i.position is Position.NOTED for i in items)
    assert noted == 37


def test_another_countrys_list_is_imported_and_said_so(tmp_path: Path) -> None:
    mission = tmp_path / "m.json"
    Store(mission).create(Mission(name="Astana follow-up", country="Kazakhstan"))
    assert detect(CYCLE3) == "ohchr-docx"
    result = cli("import", CYCLE3, "--db", mission)
    assert result.exit_code == 0, result.output
    assert "added 215" in result.output
    assert "note: 215 items are about Slovenia, not Kazakhstan" in result.output
    again = cli("import", CYCLE3, "--db", mission)
    assert "added 0, enriched 0, skipped 215" in again.output
    assert {i.state_under_review for i in Store(mission).data().items.values()} == {"Slovenia"}


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    mission = tmp_path / "m.json"
    Store(mission).create(Mission(name="Ljubljana", country="Slovenia"))
    before = mission.read_bytes()
    result = cli("import", CYCLE4, "--dry-run", "--db", mission)
    assert result.exit_code == 0
    assert "dry run, nothing written: would add 254, enrich 0, skip 0" in result.output
    assert "about Slovenia" not in result.output
    assert mission.read_bytes() == before


def test_a_word_file_that_is_not_a_thematic_list_is_refused(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Minutes of the meeting")
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    with pytest.raises(ImportFailed, match="holds no numbered recommendations"):
        read_items(path, "ohchr-docx")
