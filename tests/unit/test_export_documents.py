"""Every Word document fieldkit writes, reopened and checked as a drafting team would."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from typer.testing import CliRunner

from fieldkit import i18n, settings
from fieldkit.cli import app
from fieldkit.domain.grades import Grade
from fieldkit.domain.meetings import Meeting, Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.vocab import MeetingStatus, NoteKind, Stance
from fieldkit.reports.debrief import Built, build_debrief
from fieldkit.reports.document import to_bytes
from fieldkit.reports.factsheet import build_factsheet
from fieldkit.reports.followup import build_followup
from fieldkit.reports.layout import TEXT_LIMIT, column_widths, shared_widths
from fieldkit.reports.matrix import build_matrix
from fieldkit.reports.ohchr_list import build_ohchr_list
from fieldkit.reports.scope import ExportOptions
from fieldkit.reports.sections import limb_letters, limb_span, speaker
from fieldkit.storage.repository import Store
from tests.unit.test_export_examples import ARABIC_EMOJI, CYRILLIC, add_example_meeting

Builder = Callable[[MissionData, ExportOptions], Built]

BUILDERS: dict[str, Builder] = {
    "debrief": build_debrief,
    "factsheet": lambda d, o: build_factsheet(d, "torture", o),
    "followup": lambda d, o: build_followup(d, "CCPR", o),
    "matrix": lambda d, o: build_matrix(d, None, o),
    "ohchr-list": lambda d, o: build_ohchr_list(d, 2, o),
}
NAMED = {
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


def docx_bytes(build: Builder, data: MissionData, **options: object) -> bytes:
    return to_bytes(build(data, ExportOptions(**options)).document)  # type: ignore[arg-type]


def reopen(raw: bytes) -> Document:
    return docx.Document(io.BytesIO(raw))


def every_part(raw: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return "\n".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))
        )


def all_text(document: Document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def met(demo_store: Store) -> MissionData:
    """The demo after one meeting of notes and responses."""
    add_example_meeting(demo_store)
    return demo_store.data()


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_every_document_has_its_structure(kind: str, met: MissionData) -> None:
    raw = docx_bytes(BUILDERS[kind], met, author="Aigerim Test", today="2017-04-14")
    document = reopen(raw)
    assert {p.style.name for p in document.paragraphs} <= NAMED
    for direct in ("<w:b/>", "<w:i/>", "<w:sz ", "<w:rFonts", "<w:color", "<w:shd"):
        assert direct not in document.element.body.xml
    assert "…" not in every_part(raw)
    assert document.tables
    for table in document.tables:
        rows = table._tbl.findall(qn("w:tr"))
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        # No row breaks across a page.
        assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
    footer = document.sections[0].footer._element.xml
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    props = document.core_properties
    assert props.title and props.subject
    assert props.author == props.last_modified_by == "Aigerim Test"
    assert "Confidential" not in every_part(raw)


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_every_document_marks_confidential_content(kind: str, met: MissionData) -> None:
    raw = docx_bytes(BUILDERS[kind], met, include_confidential=True)
    if "SECRET-WITNESS-NAME" in every_part(raw):
        header = reopen(raw).sections[0].header
        assert header.paragraphs[0].text == "Confidential"


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_documents_never_carry_the_system_login(
    kind: str, met: MissionData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIELDKIT_AUTHOR")
    monkeypatch.setattr("getpass.getuser", lambda: "root")
    props = reopen(docx_bytes(BUILDERS[kind], met)).core_properties
    assert props.author == props.last_modified_by == ""
    settings.write_profile("Aigerim Profile")
    props = reopen(docx_bytes(BUILDERS[kind], met)).core_properties
    assert props.author == props.last_modified_by == "Aigerim Profile"
    monkeypatch.setenv("FIELDKIT_AUTHOR", "Env Author")
    assert reopen(docx_bytes(BUILDERS[kind], met)).core_properties.author == "Env Author"


def test_prepared_on_the_apps_today_by_the_author(
    met: MissionData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDKIT_TODAY", "2017-04-14")
    text = all_text(reopen(docx_bytes(build_debrief, met)))
    assert "Prepared: 14 April 2017 by Test Delegate" in text


def _with_note(store: Store, text: str) -> MissionData:
    held = add_example_meeting(store)
    store.save(Note(meeting_id=held.id, kind=NoteKind.OBSERVATION, text=text))
    return store.data()


def test_a_note_over_10_mb_is_cut_with_a_clear_line(demo_store: Store) -> None:
    data = _with_note(demo_store, "HUGE " + "y" * 10_500_000 + " END-OF-HUGE")
    for kind in ("debrief",):
        text = all_text(reopen(docx_bytes(BUILDERS[kind], data)))
        assert "y" * 100_000 in text
        assert "END-OF-HUGE" not in text
        assert f"A document carries at most {TEXT_LIMIT:,} characters" in text


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_hostile_text_survives_in_every_document(kind: str, demo_store: Store) -> None:
    hostile = f"{CYRILLIC} {ARABIC_EMOJI} bell\x07 NUL\x00 <w:p> & " + "z" * 60_000
    held = add_example_meeting(demo_store)
    data = demo_store.data()
    ccpr24 = next(i for i in data.priorities if i.short_ref == "CCPR-24")
    upr = next(i for i in data.items.values() if i.cycle == 2 and "torture" in i.text.lower())
    for item in (ccpr24, upr):
        demo_store.save(
            Response(
                meeting_id=held.id,
                item_id=item.id,
                limb="(c)" if item is ccpr24 else "",
                stance=Stance.ACCEPTS,
                grade=Grade.B,
                quote=hostile,
                text=hostile,
            )
        )
    text = all_text(reopen(docx_bytes(BUILDERS[kind], demo_store.data())))
    if kind != "matrix":  # the matrix shows no remark or quote
        assert CYRILLIC in text and ARABIC_EMOJI in text and "z" * 60_000 in text
        assert "<w:p> &" in text


def _planned_with_records(data: MissionData) -> Meeting:
    return next(
        m for m in data.meetings_in_order if m.status is MeetingStatus.PLANNED and m.person_ids
    )


def test_met_only_from_held_meetings(demo_store: Store) -> None:
    data = demo_store.data()
    planned = _planned_with_records(data)
    demo_store.save(Note(meeting_id=planned.id, kind=NoteKind.OBSERVATION, text="PLANNED-NOTE"))
    document = reopen(docx_bytes(build_debrief, demo_store.data()))
    text = all_text(document)
    assert "PLANNED-NOTE" in text
    assert "Met: nobody yet" in text
    assert "\nMet: " not in text.replace("Met: nobody yet", "")
    assert "Expected: " in text
    assert "No meeting has been held yet." in text


def test_limbs_speakers_and_the_delegations_grade_read_cleanly(met: MissionData) -> None:
    text = all_text(reopen(docx_bytes(build_debrief, met)))
    assert "[(" not in text
    assert "Delegation's grade: B (what was said shows partial steps)" in text
    assert (
        "Reply/action"
        not in text.split("Priority items across the meetings")[0].split("Meetings")[-1]
    )
    for line in text.splitlines():
        if "said by" in line:
            who = line.split("said by ", 1)[1]
            assert len(set(who.split(", "))) == len(who.split(", ")), line
            assert not who.lower().startswith("the the "), line


def test_actions_show_their_meeting_and_the_annex_only_what_the_body_names(
    met: MissionData,
) -> None:
    document = reopen(docx_bytes(build_debrief, met))
    actions = next(t for t in document.tables if t.rows[0].cells[0].text == "Action")
    assert [c.text for c in actions.rows[0].cells][:3] == ["Action", "Item", "Meeting"]
    body, annex = all_text(document).split("Annex 2: Items referenced")
    from fieldkit.domain.citations import cite

    by_citation = {cite(i): i for i in met.items.values()}
    annexed = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    annexed = [by_citation[h] for h in annexed if h in by_citation and h in annex]
    assert annexed
    for item in annexed:
        assert item.short_ref in body, item.short_ref


def test_followup_lists_paragraphs_limbs_grades_and_evidence(met: MissionData) -> None:
    document = reopen(docx_bytes(BUILDERS["followup"], met, today="2017-04-14"))
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h.split(" ·")[0] for h in h1[:3]] == ["Paragraph 18", "Paragraph 24", "Paragraph 54"]
    assert h1[-1] == "For the editor's attention"
    grades = [t for t in document.tables if t.rows[0].cells[0].text == "Part"]
    para24 = [[c.text for c in r.cells] for r in grades[1].rows]
    assert para24[0] == ["Part", "Committee's grade (2018)", "Proposed grade"]
    assert para24[1] == ["(a)", "B", "none yet"]
    assert para24[2] == ["(b)", "B", "B"]
    assert para24[4][:2] == ["(d)", "C"]
    text = all_text(document)
    assert "Evidence:" in text
    attention = text.split("For the editor's attention")[1]
    assert "Paragraph 24 (a), (c)" in attention and "no grade proposed" in attention


def test_followup_for_a_body_without_paragraphs_is_refused(met: MissionData) -> None:
    from fieldkit.reports.scope import ReportError

    with pytest.raises(ReportError, match="no priority items from CAT"):
        build_followup(met, "CAT", ExportOptions())
    with pytest.raises(ReportError, match="unknown treaty body"):
        build_followup(met, "XYZ", ExportOptions())


def test_matrix_is_landscape_one_row_per_recommendation(met: MissionData) -> None:
    document = reopen(docx_bytes(BUILDERS["matrix"], met))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[0]
    recs = [i for i in met.items.values() if i.mechanism.value == "UPR"]
    themes = [r for r in table.rows[1:] if r.cells[0].text.startswith("Theme: ")]
    assert len(table.rows) == 1 + len(recs) + len(themes)


def test_ohchr_list_reads_back_with_the_importer(met: MissionData, tmp_path: Path) -> None:
    from fieldkit.importers import ohchr_docx
    from fieldkit.importers.common import Context

    path = tmp_path / "list.docx"
    path.write_bytes(docx_bytes(lambda d, o: build_ohchr_list(d, 2, o), met))
    header = [c.text for c in reopen(path.read_bytes()).tables[0].rows[0].cells]
    assert header == [
        "Recommendation",
        "Position",
        "Full list of themes",
        "Assessment/comments on level of implementation",
    ]
    parsed = ohchr_docx.read(Context(path=path, format=ohchr_docx.FORMAT))
    cycle2 = sorted(i.reference for i in met.items.values() if i.cycle == 2)
    assert sorted(i.reference for i in parsed.items) == cycle2
    assert {i.cycle for i in parsed.items} == {2}


def test_columns_are_never_narrower_than_their_longest_word() -> None:
    rows = [["Ref.", "Latest stance"], ["CCPR-18", "under consideration " + "word " * 200]]
    widths = column_widths(rows, 9000)
    assert widths[0] >= 7 * 150 and sum(widths) == 9000
    copied = shared_widths(
        [["Recommendation", "Position"], ["95.1 Text", "Supported"]], (8, 1), 9000
    )
    assert copied[1] > 9000 // 9 and sum(copied) == 9000
    assert limb_letters("(a) and (b)") == {"a", "b"}
    assert limb_letters("(c) to (f)") == {"c", "d", "e", "f"}


def test_the_limbs_an_assessment_covers_read_in_the_documents_language() -> None:
    assert limb_span("(a), (c) and (d)") == "(a), (c) and (d)"
    assert limb_span("c-f") == "(c) to (f)"
    assert limb_span("paras (a) and (b) only") == "paras (a) and (b) only"  # kept as written
    with i18n.speaking("fr"):
        assert limb_span("(c) to (f)") == "(c) à (f)"
        assert limb_span("(a) and (b)") == "(a) et (b)"
    with i18n.speaking("ru"):
        assert limb_span("(a) and (b)") == "(a) и (b)"


def test_cli_writes_each_document(demo_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for kind in ("debrief", "followup", "matrix", "ohchr-list"):
        out = tmp_path / f"{kind}.docx"
        result = runner.invoke(app, ["export", kind, "--db", str(demo_path), "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert reopen(out.read_bytes()).tables
    bad = runner.invoke(app, ["export", "followup", "--body", "CAT", "--db", str(demo_path)])
    assert bad.exit_code == 2
    assert "no priority items from CAT" in bad.output


def test_grades_on_different_limbs_are_no_trend(demo_store: Store) -> None:
    held = add_example_meeting(demo_store)  # CCPR-24 (b): B
    ccpr24 = next(i for i in demo_store.data().priorities if i.short_ref == "CCPR-24")
    demo_store.save(
        Response(
            meeting_id=held.id, item_id=ccpr24.id, limb="d", stance=Stance.REJECTS, grade=Grade.C
        )
    )
    document = reopen(docx_bytes(build_debrief, demo_store.data()))
    row = next(r for r in document.tables[0].rows if r.cells[0].text == "CCPR-24")
    assert row.cells[3].text == "(b) B\n(d) C"
    assert "worsened" not in row.cells[4].text


def test_followup_ends_a_quote_before_the_next_sentence(demo_store: Store) -> None:
    add_example_meeting(demo_store)
    data = demo_store.data()
    disputed = next(r for r in data.responses.values() if r.stance is Stance.DISPUTES_FACTS)
    demo_store.save(disputed.touched(quote="The events were investigated in full"))
    text = all_text(reopen(docx_bytes(BUILDERS["followup"], demo_store.data())))
    assert "“The events were investigated in full”. " in text
    assert not re.search(r"[^.!?…]” [A-Z]", text)


def test_a_notes_attribution_comes_before_its_full_stop(met: MissionData) -> None:
    text = all_text(reopen(docx_bytes(build_debrief, met)))
    assert "torture complaints for 2016 (" in text
    assert not re.search(r"\.\s\((the |[A-Z])", text)


def test_a_speaker_whose_office_carries_its_article_is_not_given_another(
    demo_path: Path,
) -> None:
    data = Store(demo_path).data()
    ombudsman = next(p for p in data.people.values() if p.name == "The Ombudsman")
    said = speaker(data, ombudsman.id, "National Human Rights Centre (Ombudsman)")
    assert said == "The Ombudsman"  # never 'the The Ombudsman'
