"""The Word debrief, reopened with python-docx and read as the drafting team would."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document

from fieldkit.reports import ExportOptions, ReportError, export_debrief
from fieldkit.reports.debrief import build_debrief
from fieldkit.reports.document import to_bytes
from fieldkit.storage.repository import Store
from tests.unit.test_export_examples import (
    ARABIC_EMOJI,
    CYRILLIC,
    SECRET,
    add_example_meeting,
    small_mission,
)

NAMED_STYLES = {
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "Quote",
    "Caption",
}


def reopen(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def parts_xml(data: bytes) -> str:
    """The body, headers and footers of a .docx, as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
        return "\n".join(z.read(n).decode("utf-8") for n in names)


def debrief(store: Store, **options: object) -> bytes:
    built = build_debrief(store.data(), ExportOptions(**options))  # type: ignore[arg-type]
    return to_bytes(built.document)


def headings(document: Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def all_text(document: Document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def small(tmp_path: Path) -> Store:
    return small_mission(tmp_path)


def test_structure_follows_the_design(small: Store) -> None:
    document = reopen(debrief(small))
    assert document.paragraphs[0].style.name == "Title"
    assert "Тестовая миссия" in document.paragraphs[0].text
    assert headings(document, 1) == [
        "Summary",
        "Meetings",
        "Priority items across the meetings",
        "Follow-up actions",
        "Annex 1: People and institutions met",
        "Annex 2: Items referenced",
    ]
    # Meetings in date order, each a Heading 2 of the Meetings section.
    h2 = headings(document, 2)
    assert h2.index("11 April 2017, 10:00 · Ministry of Justice") < h2.index(
        "13 April 2017, 15:00 · Prosecutor's Office"
    )
    # Every paragraph carries a named style; no run has direct formatting.
    assert {p.style.name for p in document.paragraphs} <= NAMED_STYLES
    body = document.element.body.xml
    for direct in ("<w:b/>", "<w:i/>", "<w:sz ", "<w:rFonts", "<w:color"):
        assert direct not in body


def test_priority_table_has_latest_stance_grade_and_trend(small: Store) -> None:
    document = reopen(debrief(small))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Ref.",
        "Item",
        "Latest stance",
        "Grade",
        "Trend",
    ]
    assert table.style.name == "Table Grid"
    row = [c.text for c in table.rows[1].cells]
    # Rejects (C) at the first meeting, then accepts (B) at the second: improved.
    assert row[0] == "CCPR-24"
    assert row[2] == "accepts"
    assert row[3] == "B"
    assert row[4] == "improved (was C)"


def test_meeting_shows_responses_and_notes_by_kind(small: Store) -> None:
    document = reopen(debrief(small))
    text = all_text(document)
    assert "Response: rejects; said by Official One, Deputy Minister" in text
    assert "Commitment: Review the law (by 31 December 2017)" in text
    assert "Delegation's grade: C (what was said shows no step that implements" in text
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert any(q.startswith("“FIRST-QUOTE") for q in quotes)
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "Concern: FIRST-CONCERN" in bullets
    assert "General remarks" in headings(document, 3)
    actions = next(t for t in document.tables if t.rows[0].cells[0].text == "Action")
    assert actions.rows[1].cells[0].text == "ACTION-ONE"


def test_confidential_content_is_left_out_of_every_part(small: Store) -> None:
    data = debrief(small)
    xml = parts_xml(data)
    assert SECRET not in xml
    assert "CONFIDENTIAL-NOTE" not in xml
    assert "CONFIDENTIAL-RESPONSE" not in xml
    assert "PRIVATE-PHONE" not in xml
    assert "Confidential" not in xml
    built = build_debrief(small.data(), ExportOptions())
    assert built.left_out == 2


def test_include_confidential_marks_the_header(small: Store) -> None:
    data = debrief(small, include_confidential=True)
    document = reopen(data)
    assert "CONFIDENTIAL-NOTE" in all_text(document)
    assert "PRIVATE-PHONE" in all_text(document)
    header = document.sections[0].header
    assert header.paragraphs[0].text == "Confidential"
    assert header.paragraphs[0].style.name == "Header"


def test_footer_page_number_and_properties(small: Store) -> None:
    document = reopen(debrief(small, author="A. Delegate"))
    footer = document.sections[0].footer._element.xml
    assert 'w:instr=" PAGE "' in footer
    props = document.core_properties
    assert props.title.startswith("Debrief: ")
    assert props.author == "A. Delegate"
    assert props.created is not None


def test_hostile_text_cyrillic_arabic_emoji_and_a_long_note_survive(small: Store) -> None:
    document = reopen(debrief(small))
    text = all_text(document)
    assert CYRILLIC in text
    assert ARABIC_EMOJI in text
    assert "Vertical\ntab, form\nfeed, bell and NUL from a PDF" in text
    assert "x" * 60_000 in text


def test_date_range_limits_meetings(small: Store) -> None:
    document = reopen(debrief(small, date_from="2017-04-12", date_to="2017-04-30"))
    h2 = headings(document, 2)
    assert "13 April 2017, 15:00 · Prosecutor's Office" in h2
    assert not any("Ministry of Justice" in h for h in h2)
    text = all_text(document)
    assert "FIRST-QUOTE" not in text
    assert "SECOND-QUOTE" in text
    assert "Covers: meetings from 12 April 2017 to 30 April 2017 (1 in all)" in text


def test_meeting_selection_limits_meetings(small: Store) -> None:
    data = small.data()
    first = data.meetings_in_order[0]
    document = reopen(debrief(small, meeting_ids=(first.id,)))
    text = all_text(document)
    assert "FIRST-QUOTE" in text
    assert "SECOND-QUOTE" not in text
    assert "Prosecutor's Office" not in "\n".join(headings(document, 2))


def test_bad_dates_are_refused_with_a_clear_message() -> None:
    with pytest.raises(ReportError, match="not a date"):
        ExportOptions(date_from="11/04/2017")
    with pytest.raises(ReportError, match="after"):
        ExportOptions(date_from="2017-05-01", date_to="2017-04-01")


def _template_without(tmp_path: Path, names: set[str], suffix: str = ".docx") -> Path:
    """A drafting team's template lacking some styles (and with body text of its own)."""
    template = docx.Document()
    template.add_paragraph("TEMPLATE-BODY-TEXT")
    styles = template.styles.element
    for style in list(styles):
        name = style.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}name")
        if name is not None and name.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"
        ).lower() in {n.lower() for n in names}:
            styles.remove(style)
    path = tmp_path / f"team{suffix}"
    template.save(str(path))
    return path


def test_template_lacking_styles_gets_them(small: Store, tmp_path: Path) -> None:
    missing = {"List Bullet", "Quote", "Caption", "Strong", "Table Grid", "Subtitle"}
    template = _template_without(tmp_path, missing)
    assert not any(s.name in missing for s in docx.Document(str(template)).styles)
    document = reopen(debrief(small, template=template))
    names = {s.name for s in document.styles}
    assert missing <= names
    assert "TEMPLATE-BODY-TEXT" not in all_text(document)
    used = {p.style.name for p in document.paragraphs}
    assert {"List Bullet", "Quote", "Caption"} <= used
    # The list style's bullets came along.
    bullet = document.styles["List Bullet"].element.xml
    num_id = bullet.split('w:numId w:val="')[1].split('"')[0]
    assert f'w:numId="{num_id}"' in document.part.numbering_part.element.xml


def test_dotx_template_and_unreadable_template(small: Store, tmp_path: Path) -> None:
    source = _template_without(tmp_path, set())
    dotx = tmp_path / "team.dotx"
    with zipfile.ZipFile(source) as z_in, zipfile.ZipFile(dotx, "w") as z_out:
        for info in z_in.infolist():
            raw = z_in.read(info.filename)
            if info.filename == "[Content_Types].xml":
                raw = raw.replace(b"document.main+xml", b"template.main+xml")
            z_out.writestr(info, raw)
    assert reopen(debrief(small, template=dotx)).paragraphs[0].style.name == "Title"
    junk = tmp_path / "junk.docx"
    junk.write_text("not a zip")
    with pytest.raises(ReportError, match="not a Word"):
        debrief(small, template=junk)


def test_export_writes_atomically_owner_only(small: Store, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    path = export_debrief(small.data(), out)
    assert path == out / "debrief.docx"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert reopen(path.read_bytes()).paragraphs[0].style.name == "Title"
    assert [p.name for p in out.iterdir()] == ["debrief.docx"]


def test_demo_with_an_example_meeting(demo_store: Store) -> None:
    held = add_example_meeting(demo_store)
    document = reopen(debrief(demo_store))
    h2 = headings(document, 2)
    assert any(held.title in h for h in h2)
    assert "Other scheduled meetings" in h2
    text = all_text(document)
    assert "Response: partially accepts; on (b)" in text
    assert "SECRET-WITNESS-NAME" not in parts_xml(debrief(demo_store))
    annex = headings(document, 3)
    assert "CCPR/C/KAZ/CO/2, para 24" in annex


def test_empty_mission_still_exports(tmp_path: Path) -> None:
    from fieldkit.domain.mission import Mission

    store = Store(tmp_path / "empty.json")
    store.create(Mission(name="Empty"))
    document = reopen(debrief(store))
    text = all_text(document)
    assert "No meetings in the period covered." in text
    assert "No follow-up actions recorded." in text
