"""OHCHR matrices: the 2013 coded layout (real China file) and the 2015 'Right or area' one."""

from __future__ import annotations

from pathlib import Path

from fieldkit.domain.vocab import Position
from fieldkit.importers import read_items
from fieldkit.importers.ohchr_docx import _tags
from tests.fixtures.builders import FIXTURES, write_matrix_2015

MATRIX_2013 = FIXTURES / "real" / "ohchr-matrix_china_UPR17_2013.docx"


def test_the_2015_layout_reads_states_position_rights_and_comments(tmp_path: Path) -> None:
    first, second = read_items(write_matrix_2015(tmp_path / "egypt.docx"), "ohchr-docx").items
    assert (first.reference, first.state_under_review, first.cycle) == ("166.1", "Egypt", 2)
    assert first.session is None and first.document_symbol == "A/HRC/28/16"
    assert first.recommending_states == ("Montenegro",)
    assert first.position is Position.NOTED
    assert first.text.endswith("Civil and Political Rights")
    assert first.themes == ("Acceptance of international norms", "Death penalty")
    assert first.affected_persons == ("general",)
    assert first.extra["source_notes"] == ["Comments: Information sent in a post Add.1 letter"]
    assert second.recommending_states == ("Czechia", "Denmark")


def test_coded_themes_lose_their_codes() -> None:
    items = read_items(MATRIX_2013, "ohchr-docx").items
    assert len(items) == 252
    themes = {t for i in items for t in i.themes}
    assert "Acceptance of international norms" in themes
    assert not any(t[:1].isupper() and t[1:2].isdigit() for t in themes), sorted(themes)[:5]
    assert items[0].position is Position.SUPPORTED and items[0].session == 17


def test_sdg_lines_are_sdgs_under_one_name() -> None:
    cell = (
        "A12 Acceptance of international norms\n"
        "S16 SDG 16 - peace, justice and strong institutions\n"
        "S Sustainable Development Goal implementation"
    )
    tags = _tags(cell)
    assert tags["themes"] == ["Acceptance of international norms"]
    assert tags["sdgs"] == [
        "16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",
        "Sustainable Development Goal implementation",
    ]
