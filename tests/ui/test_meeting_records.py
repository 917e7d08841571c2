"""Forms to records, and the room's wording, without a terminal."""

from __future__ import annotations

import pytest

from fieldkit.domain.capture_records import records_from_form
from fieldkit.domain.directory import Person
from fieldkit.domain.grades import Grade
from fieldkit.domain.items import Item, Limb
from fieldkit.domain.meetings import Action, Meeting, Note, Response
from fieldkit.domain.mission import MissionData
from fieldkit.domain.vocab import Confidentiality, Mechanism, NoteKind, Stance
from fieldkit.ui.widgets.meeting_text import captured_full, captured_lines, item_text

ITEM = Item(
    mechanism=Mechanism.CCPR,
    document_symbol="CCPR/C/KAZ/CO/2",
    reference="para 24",
    text="Eradicate torture\x07 by:",
    limbs=(Limb(label="(a)", text="Standards of proof"), Limb(label="(b)", text="Independence")),
)
DEPUTY = Person(name="Marat Beketayev")
MEETING = Meeting(title="MoJ", person_ids=(DEPUTY.id,), agenda=(ITEM.id,))


def data(*records: Note | Response | Action) -> MissionData:
    return MissionData(
        None,
        items=[ITEM],
        people=[DEPUTY],
        meetings=[MEETING],
        notes=[r for r in records if isinstance(r, Note)],
        responses=[r for r in records if isinstance(r, Response)],
        actions=[r for r in records if isinstance(r, Action)],
    )


def test_a_note_form_becomes_a_linked_note() -> None:
    fields = {
        "kind": "concern",
        "text": "  Denied\x00 everything \r\n",
        "speaker_id": DEPUTY.id,
        "limb": "(b)",
        "confidentiality": "confidential",
        "editing": "",
    }
    [note] = records_from_form("note", fields, data(), MEETING.id, ITEM.id, "Kote")
    assert isinstance(note, Note)
    assert (note.meeting_id, note.item_id, note.speaker_id, note.limb) == (
        MEETING.id,
        ITEM.id,
        DEPUTY.id,
        "(b)",
    )
    assert note.kind is NoteKind.CONCERN and note.confidentiality is Confidentiality.CONFIDENTIAL
    assert note.text == "Denied everything" and note.author == "Kote"


def test_an_edit_keeps_id_author_and_links() -> None:
    old = Response(
        meeting_id=MEETING.id,
        item_id=ITEM.id,
        author="Kote",
        created_at="2017-04-11T10:00:00Z",
        updated_at="2017-04-11T10:00:00Z",
    )
    fields = {"stance": "rejects", "grade": "c1", "quote": "Never", "editing": old.id}
    [edited] = records_from_form("response", fields, data(old), "other", None, "Patrick")
    assert isinstance(edited, Response)
    assert (edited.id, edited.author, edited.meeting_id, edited.item_id) == (
        old.id,
        "Kote",
        MEETING.id,
        ITEM.id,
    )
    assert edited.stance is Stance.REJECTS and edited.grade is Grade.C1
    assert edited.created_at == old.created_at and edited.updated_at != old.updated_at


@pytest.mark.parametrize(
    ("kind", "fields", "item_id", "reason"),
    [
        ("response", {"grade": "F"}, ITEM.id, "unknown grade"),
        ("response", {"deadline": "soon"}, ITEM.id, "not a date"),
        ("response", {}, None, "one item"),
        ("action", {"text": "x", "due": "31/13/2017"}, None, "not a date"),
    ],
)
def test_bad_values_are_refused_with_a_reason(
    kind: str, fields: dict[str, str], item_id: str | None, reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        records_from_form(kind, fields, data(), MEETING.id, item_id, "Kote")


def test_the_room_shows_text_limbs_and_captured_records_in_words() -> None:
    shown = item_text(data(), MEETING, ITEM).plain
    assert shown.startswith("CCPR/C/KAZ/CO/2, para 24")
    assert "Eradicate torture by:" in shown  # the bell character is gone
    assert "(a) Standards of proof" in shown and "(b) Independence" in shown
    said = Response(
        meeting_id=MEETING.id,
        item_id=ITEM.id,
        stance=Stance.UNDER_CONSIDERATION,
        speaker_id=DEPUTY.id,
        quote="We are studying it",
    )
    [(key, line)] = captured_lines(data(said), MEETING, ITEM.id, 200)
    assert key == f"response:{said.id}"
    assert line.plain == "under consideration: We are studying it — Marat Beketay…"
    [(_, short)] = captured_lines(data(said), MEETING, ITEM.id, 20)
    assert len(short.plain) == 20 and short.plain.endswith("…")


def test_what_the_institution_said_last_time_is_in_view_first() -> None:
    from fieldkit.domain.directory import Institution

    moj = Institution(name="Ministry of Justice")
    before = Meeting(title="MoJ 1", starts_at="2017-04-11T10:00", institution_ids=(moj.id,))
    now = Meeting(title="MoJ 2", starts_at="2017-04-13T10:00", institution_ids=(moj.id,))
    said = Response(
        meeting_id=before.id,
        item_id=ITEM.id,
        stance=Stance.REJECTS,
        grade=Grade.E,
        commitment="Review the law",
        deadline="2018-01-01",
        quote="No torture here",
    )
    mission = MissionData(
        None, items=[ITEM], institutions=[moj], meetings=[before, now], responses=[said]
    )
    lines = item_text(mission, now, ITEM).plain.splitlines()
    assert lines[1] == "Last time: rejects, grade E (11 Apr 2017 MoJ 1)"
    assert lines[-1] == (
        "11 Apr 2017 MoJ 1: rejects, grade E; committed: Review the law by 1 Jan 2018"
        ' "No torture here"'
    )


def test_a_note_line_shows_its_text_first_then_kind_speaker_and_limb() -> None:
    """At 80 columns the note's words are what is kept; who and what kind come after."""
    note = Note(
        meeting_id=MEETING.id,
        item_id=ITEM.id,
        kind=NoteKind.COMMITMENT,
        speaker_id=DEPUTY.id,
        limb="(b)",
        text="Special prosecutors will handle every complaint of torture from next year",
    )
    [(_, line)] = captured_lines(data(note), MEETING, ITEM.id, 60)
    assert line.plain.startswith("Special prosecutors will")
    assert line.plain.endswith("— commitment, Marat Beketay…, (b)")
    assert len(line.plain) <= 60
    assert "Special prosecutors will handle every complaint of torture from next year" in (
        captured_full(data(note), f"note:{note.id}").plain
    )
