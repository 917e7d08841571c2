"""The thematic factsheet: one theme across mechanisms."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.document import Document

from fieldkit.reports import ExportOptions, ReportError, export_factsheet
from fieldkit.reports.document import to_bytes
from fieldkit.reports.factsheet import build_factsheet, items_on_theme
from fieldkit.storage.repository import Store
from tests.unit.test_export_debrief import all_text, headings, parts_xml
from tests.unit.test_export_examples import CYRILLIC, SECRET, add_example_meeting, small_mission


def sheet(store: Store, theme: str, **options: object) -> bytes:
    built = build_factsheet(store.data(), theme, ExportOptions(**options))  # type: ignore[arg-type]
    return to_bytes(built.document)


def reopen(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture
def small(tmp_path: Path) -> Store:
    return small_mission(tmp_path)


def test_theme_by_tag_text_and_link(small: Store) -> None:
    data = small.data()
    refs = {i.short_ref for i in items_on_theme(data, "torture and other CID")}
    # CCPR-24 by its tag; 95.42 because it is linked to CCPR-24; 124.3 is about something else.
    assert refs == {"CCPR-24", "95.42"}
    assert {i.short_ref for i in items_on_theme(data, "death penalty")} == {"124.3"}


def test_side_by_side_with_states_positions_grades_and_officials(small: Store) -> None:
    document = reopen(sheet(small, "torture"))
    assert document.paragraphs[0].style.name == "Title"
    assert headings(document, 1) == [
        "At a glance",
        "The same concern, side by side",
        "UPR recommendations",
        "Treaty bodies and other mechanisms",
        "What officials said",
    ]
    pairs = document.tables[1]
    assert pairs.rows[1].cells[0].text.startswith("CCPR/C/KAZ/CO/2, para 24")
    assert pairs.rows[1].cells[1].text == "95.42 (Australia): supported"
    upr = document.tables[2]
    assert [c.text for c in upr.rows[0].cells] == ["Rec.", "Recommendation", "State(s)", "Position"]
    assert [upr.rows[1].cells[i].text for i in (0, 2, 3)] == ["95.42", "Australia", "supported"]
    assert CYRILLIC in upr.rows[1].cells[1].text
    text = all_text(document)
    assert "accepts" in text and "SECOND-QUOTE" in text


def test_confidential_left_out_of_the_factsheet(small: Store) -> None:
    xml = parts_xml(sheet(small, "torture"))
    assert SECRET not in xml and "Confidential" not in xml
    with_it = reopen(sheet(small, "torture", include_confidential=True))
    assert with_it.sections[0].header.paragraphs[0].text == "Confidential"


def test_unknown_theme_is_a_clear_error_and_writes_nothing(small: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    with pytest.raises(ReportError, match="no items on 'astronomy'"):
        export_factsheet(small.data(), out, "astronomy")
    assert not out.exists()
    with pytest.raises(ReportError, match="give a theme"):
        export_factsheet(small.data(), out, "  ")


def test_demo_factsheet_on_torture(demo_store: Store, tmp_path: Path) -> None:
    add_example_meeting(demo_store)
    path = export_factsheet(demo_store.data(), tmp_path, "torture")
    assert path.name == "factsheet-torture.docx"
    document = reopen(path.read_bytes())
    pairs = document.tables[1]
    left = [row.cells[0].text for row in pairs.rows[1:]]
    assert any(t.startswith("CCPR/C/KAZ/CO/2, para 24") for t in left)
    assert "Grade: B for (a) and (b); C for (c) to (f)" in "\n".join(left)
    assert "[Example] Video recording" in all_text(document)
