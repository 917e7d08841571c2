"""The schedule rules: which meeting a command means, agenda steps, what was said, the form."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from fieldkit.domain.directory import Institution, Person
from fieldkit.domain.items import Item
from fieldkit.domain.meetings import Meeting, Note, Response
from fieldkit.domain.mission import Mission, MissionData
from fieldkit.domain.schedule import (
    MeetingForm,
    by_day,
    default_meeting,
    parse_day,
    parse_when,
    said_before,
    split_names,
    step,
)
from fieldkit.domain.vocab import Mechanism, MeetingStatus, Stance


def meeting(title: str, when: str, status: MeetingStatus = MeetingStatus.PLANNED) -> Meeting:
    return Meeting(title=title, starts_at=when, status=status)


MORNING = meeting("Ombudsman", "2017-04-11T09:30")
NOON = meeting("Interior", "2017-04-11T11:00")
NEXT_DAY = meeting("Prosecutor", "2017-04-12T09:30")


def test_the_meeting_in_progress_wins() -> None:
    chosen = default_meeting([MORNING, NOON, NEXT_DAY], datetime(2017, 4, 11, 11, 20))
    assert chosen is NOON


def test_else_the_latest_held_meeting() -> None:
    held = MORNING.touched(status=MeetingStatus.HELD)
    later_held = NOON.touched(status=MeetingStatus.HELD)
    chosen = default_meeting([held, later_held, NEXT_DAY], datetime(2017, 4, 11, 20, 0))
    assert chosen == later_held


def test_else_the_next_planned_and_never_a_cancelled_one() -> None:
    cancelled = MORNING.touched(status=MeetingStatus.CANCELLED)
    assert default_meeting([cancelled, NEXT_DAY], datetime(2017, 4, 10, 8, 0)) is NEXT_DAY
    assert default_meeting([cancelled], datetime(2017, 4, 10, 8, 0)) is None


def test_a_held_meeting_is_no_longer_in_progress() -> None:
    held = NOON.touched(status=MeetingStatus.HELD)
    chosen = default_meeting([MORNING, held], datetime(2017, 4, 11, 11, 30))
    assert chosen is MORNING  # still within its three hours, and not marked held


def test_after_the_mission_the_last_planned_meeting() -> None:
    assert default_meeting([MORNING, NEXT_DAY], datetime(2018, 1, 1)) is NEXT_DAY


def test_by_day_groups_in_time_order() -> None:
    days = by_day([NEXT_DAY, NOON, MORNING])
    assert [(day, [m.title for m in ms]) for day, ms in days] == [
        ("2017-04-11", ["Ombudsman", "Interior"]),
        ("2017-04-12", ["Prosecutor"]),
    ]


def test_step_walks_the_agenda_and_stops_at_the_ends() -> None:
    agenda = ["a", "b", "c"]
    assert step(agenda, "a", 1) == "b"
    assert step(agenda, "c", 1) == "c"
    assert step(agenda, "a", -1) == "a"
    assert step(agenda, "zz", 1) == "a"
    assert step(agenda, None, -1) == "c"
    assert step([], "a", 1) is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2017-04-12 10:00", "2017-04-12T10:00"),
        ("2017-04-12T9:05", "2017-04-12T09:05"),
        ("2017-04-12 1000", "2017-04-12T10:00"),
        (" 2017-04-12 ", "2017-04-12"),
    ],
)
def test_parse_when_reads_what_people_type(typed: str, stored: str) -> None:
    assert parse_when(typed) == stored


@pytest.mark.parametrize("typed", ["tomorrow", "2017-02-30 10:00", "2017-04-12 25:00", ""])
def test_parse_when_refuses_with_a_reason(typed: str) -> None:
    with pytest.raises(ValueError, match="date|time"):
        parse_when(typed)


def test_parse_day() -> None:
    assert parse_day("") == ""
    assert parse_day("2017-12-31") == "2017-12-31"
    with pytest.raises(ValueError, match="not a date like"):
        parse_day("end of year")


def test_split_names_drops_blanks_and_repeats() -> None:
    assert split_names(" Ministry of Justice,, ministry of justice , Ombudsman ") == [
        "Ministry of Justice",
        "Ombudsman",
    ]


def _mission() -> tuple[MissionData, dict[str, object]]:
    moj = Institution(name="Ministry of Justice")
    deputy = Person(name="Marat Beketayev", institution_id=moj.id)
    para24 = Item(mechanism=Mechanism.CCPR, reference="para 24", priority=2, text="Torture")
    para18 = Item(mechanism=Mechanism.CCPR, reference="para 18", priority=1, text="Zhanaozen")
    first = Meeting(title="MoJ 1", starts_at="2017-04-11T10:00", institution_ids=(moj.id,))
    second = Meeting(title="MoJ 2", starts_at="2017-04-13T10:00", institution_ids=(moj.id,))
    other = Meeting(title="Ombudsman", starts_at="2017-04-10T10:00")
    said = Response(meeting_id=first.id, item_id=para24.id, stance=Stance.REJECTS, quote="No.")
    elsewhere = Response(meeting_id=other.id, item_id=para24.id, stance=Stance.ACCEPTS)
    noted = Note(meeting_id=first.id, item_id=para24.id, text="Denied everything")
    data = MissionData(
        Mission(name="Astana", start_date="2017-04-11", delegation=("Kote", "Patrick")),
        items=[para24, para18],
        institutions=[moj],
        people=[deputy],
        meetings=[first, second, other],
        notes=[noted],
        responses=[said, elsewhere],
    )
    return data, {
        "moj": moj,
        "deputy": deputy,
        "para24": para24,
        "para18": para18,
        "first": first,
        "second": second,
        "said": said,
        "noted": noted,
    }


def test_said_before_is_this_institutions_earlier_words_only() -> None:
    data, r = _mission()
    second, para24 = r["second"], r["para24"]
    assert isinstance(second, Meeting) and isinstance(para24, Item)
    responses, notes = said_before(data, second, para24.id)
    assert responses == [r["said"]]
    assert notes == [r["noted"]]
    first = r["first"]
    assert isinstance(first, Meeting)
    assert said_before(data, first, para24.id) == ([], [])


def test_a_new_meeting_form_defaults_to_the_priorities_and_the_delegation() -> None:
    data, _ = _mission()
    form = MeetingForm.of(data, None)
    assert form.agenda == "CCPR-18, CCPR-24"
    assert form.delegates == "Kote, Patrick"
    assert form.when == "2017-04-11 09:00"


def test_the_form_finds_known_names_and_adds_new_ones_to_the_directory() -> None:
    data, r = _mission()
    form = MeetingForm(
        title=" Deputy  Minister ",
        when="2017-04-13 16:00",
        institutions="ministry of justice",
        people="Marat Beketayev, Aigul New",
        delegates="Kote",
        agenda="CCPR-24, ccpr 18",
    )
    built, added = form.apply(data, None, "Kote")
    moj, deputy = r["moj"], r["deputy"]
    assert isinstance(moj, Institution) and isinstance(deputy, Person)
    assert built.title == "Deputy Minister"
    assert built.starts_at == "2017-04-13T16:00"
    assert built.institution_ids == (moj.id,)
    assert built.person_ids[0] == deputy.id
    assert [type(a).__name__ for a in added] == ["Person"]
    newcomer = added[0]
    assert isinstance(newcomer, Person)
    assert newcomer.name == "Aigul New" and newcomer.institution_id == moj.id
    assert built.person_ids[1] == newcomer.id
    assert built.author == "Kote"


def test_the_form_refuses_unknown_references_and_missing_titles() -> None:
    data, _ = _mission()
    with pytest.raises(ValueError, match="no item"):
        MeetingForm(title="X", agenda="CCPR-99").apply(data, None, "Kote")
    with pytest.raises(ValueError, match="title"):
        MeetingForm(title="  ").apply(data, None, "Kote")
    with pytest.raises(ValueError, match="date and time"):
        MeetingForm(title="X", when="soon").apply(data, None, "Kote")


def test_editing_keeps_the_id_and_the_author() -> None:
    data, r = _mission()
    first = r["first"]
    assert isinstance(first, Meeting)
    form = MeetingForm.of(data, first)
    changed = dataclasses.replace(form, place="Room 5", summary="Frank\x00 exchange ")
    edited, added = changed.apply(data, first, "Patrick")
    assert edited.summary == "Frank exchange"
    assert edited.id == first.id
    assert edited.place == "Room 5"
    assert edited.institution_ids == first.institution_ids
    assert added == []


def test_a_department_speaks_for_its_ministry() -> None:
    ministry = Institution(name="Ministry of Internal Affairs")
    penal = Institution(name="Penal System Committee", parent_id=ministry.id)
    police = Institution(name="Criminal Police", parent_id=ministry.id)
    loop = Institution(id="loop", name="Loop", parent_id="loop")
    item = Item(reference="para 24", mechanism=Mechanism.CCPR)
    earlier = Meeting(title="Penal", starts_at="2017-04-11T14:30", institution_ids=(penal.id,))
    later = Meeting(title="Police", starts_at="2017-04-11T16:00", institution_ids=(police.id,))
    elsewhere = Meeting(title="Loop", starts_at="2017-04-11T10:00", institution_ids=("loop",))
    said = Response(meeting_id=earlier.id, item_id=item.id, stance=Stance.DISPUTES_FACTS)
    data = MissionData(
        None,
        items=[item],
        institutions=[ministry, penal, police, loop],
        meetings=[earlier, later, elsewhere],
        responses=[said],
    )
    assert said_before(data, later, item.id) == ([said], [])
    assert said_before(data, elsewhere, item.id) == ([], [])
